"""The demo's judging: a finished first round and an open final, built by the real services."""

from __future__ import annotations

from judging.demo import stage_demo_judging
from judging.workspace import JurorWorkspace
from tests.judging.factories import small_settings


def test_demo_has_a_finalized_first_round_and_an_open_final(session, factory) -> None:
    factory.entries(14)
    jurors = factory.jurors("demo-jana", "demo-olaf", "demo-uwe")
    settings = small_settings(shortlist_size=12)
    staged = stage_demo_judging(session, factory.contest(), jurors=jurors, settings=settings)
    assert staged is not None and staged.final_round is not None
    assert staged.first_round.status == "finalized"
    assert staged.final_round.status == "active" and len(staged.final_round.entries) == 10
    assert len(staged.first_round.entries) == 13, "twelve by likes and one wildcard"
    assert JurorWorkspace(session, jurors[0]).progress(staged.final_round.id).complete
    assert not JurorWorkspace(session, jurors[1]).progress(staged.final_round.id).complete
    again = stage_demo_judging(session, factory.contest(), jurors=jurors, settings=settings)
    assert again is not None and again.first_round.id == staged.first_round.id


def test_demo_without_entries_or_jurors_does_nothing(session, factory) -> None:
    jurors = factory.jurors("demo-jana", "demo-olaf")
    assert (
        stage_demo_judging(session, factory.contest(), jurors=jurors, settings=small_settings())
        is None
    )
    factory.entries(3)
    assert (
        stage_demo_judging(session, factory.contest(), jurors=jurors[:1], settings=small_settings())
        is None
    )
