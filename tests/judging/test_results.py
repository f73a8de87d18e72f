"""Final results: places, ties at prize places, tie-break rules, publishing, exports."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from contest.models import ResultPlace, TieDecision
from judging.ballots import RoundMethod
from judging.errors import NotAllowedNow
from judging.results import results_as_csv, results_as_json
from tests.judging.helpers import audit, frozen_contest, running_round, vote_all


def finished_round(session, factory, stars_in_order, *, jurors=("jana", "olaf"), **settings):
    """One rating round over the shortlist, every juror giving entry i `stars_in_order[i]`."""
    users = factory.jurors(*jurors)
    org = frozen_contest(session, factory, entries=len(stars_in_order), **settings)
    round_ = running_round(org, users, quorum=len(users))
    entries = [link.entry_id for link in round_.entries]
    stars = dict(zip(entries, stars_in_order, strict=True))
    vote_all(session, round_, users, lambda juror, entry: {"stars": stars[entry]})
    org.close_round(round_)
    return org, round_, entries


def test_results_wait_for_the_final_round(session, factory) -> None:
    org, round_, _entries = finished_round(session, factory, [5, 4, 3])
    with pytest.raises(NotAllowedNow, match="not finalized") as raised:
        org.results()
    assert "--round 1" in (raised.value.hint or "")
    provisional = org.results(round_=round_)
    assert [row.place for row in provisional.rows] == [1, 2, 3] and not provisional.final


def test_a_tie_at_a_prize_place_blocks_publishing_until_decided(session, factory) -> None:
    org, round_, entries = finished_round(session, factory, [5, 3, 3, 1], places=2)
    org.finalize_round(round_)
    results = org.results()
    assert [(r.place, r.tied) for r in results.rows] == [
        (1, False),
        (2, True),
        (2, True),
        (4, False),
    ]
    with pytest.raises(NotAllowedNow, match="tied at place 2") as raised:
        org.publish()
    assert "round tie 1 --order" in (raised.value.hint or "")
    tie = results.standings.open_ties[0]
    org.decide_tie(round_, [tie.shortcodes[1], tie.shortcodes[0]], "Jury: stärkere Bildidee")
    org.publish()
    places = session.scalars(select(ResultPlace).order_by(ResultPlace.place)).all()
    codes = {row.entry_id: row.shortcode for row in org.standings(round_).rows}
    assert [(p.place, codes[p.entry_id]) for p in places] == [
        (1, codes[entries[0]]),
        (2, tie.shortcodes[1]),
    ]
    assert places[1].note == "Jury: stärkere Bildidee"
    (published,) = audit(session, "results.published")
    assert published.data["after"][1][:2] == [2, tie.shortcodes[1]]


def test_a_tie_below_the_prize_places_does_not_block(session, factory) -> None:
    org, round_, _ = finished_round(session, factory, [5, 4, 2, 2], places=2)
    org.finalize_round(round_)
    assert org.standings(round_).ties and not org.standings(round_).open_ties
    org.publish()


def test_a_tie_decision_needs_a_note_and_the_exact_group(session, factory) -> None:
    org, round_, _ = finished_round(session, factory, [3, 3, 1])
    tie = org.standings(round_).ties[0]
    with pytest.raises(Exception, match="needs a note"):
        org.decide_tie(round_, list(tie.shortcodes), "")
    with pytest.raises(Exception, match="not one of this round's ties"):
        org.decide_tie(round_, [tie.shortcodes[0]], "nur einer")
    org.decide_tie(round_, list(tie.shortcodes), "Losentscheid vor Zeugen")
    assert org.standings(round_).ties[0].decided_by == "orga"


def test_the_contest_files_tie_break_rule_decides_and_is_recorded(session, factory) -> None:
    org, round_, entries = finished_round(
        session, factory, [5, 4, 4], places=3, tie_break="most_likes"
    )
    org.finalize_round(round_)
    (decision,) = session.scalars(select(TieDecision)).all()
    assert decision.decided_by == "rule:most_likes"
    assert decision.entry_ids == [entries[1], entries[2]], "the factory gave entry 1 more likes"
    assert "more likes" in decision.note
    (event,) = audit(session, "tie.decided")
    assert event.actor == "rule:most_likes"
    org.publish()


def test_publish_once_and_unpublish(session, factory) -> None:
    org, round_, _ = finished_round(session, factory, [5, 4, 3])
    org.finalize_round(round_)
    org.publish()
    assert org.contest.results_published_at is not None
    with pytest.raises(NotAllowedNow, match="already"):
        org.publish()
    with pytest.raises(NotAllowedNow, match="published"):
        org.decide_tie(round_, ["x"], "note")
    org.unpublish("Fehler in der Ortsangabe")
    assert org.contest.results_published_at is None
    assert session.scalar(select(ResultPlace)) is None
    (event,) = audit(session, "results.unpublished")
    assert (
        event.data["reason"] == "Fehler in der Ortsangabe"
        and len(event.data["before"]["places"]) == 3
    )
    with pytest.raises(NotAllowedNow):
        org.unpublish()


def test_exports_pseudonymise_jurors_unless_named(session, factory) -> None:
    org, round_, _ = finished_round(session, factory, [5, 4, 3])
    org.finalize_round(round_)
    table = list(csv.DictReader(io.StringIO(results_as_csv(org.results()))))
    assert list(table[0])[:6] == ["place", "shortcode", "username", "town", "score", "votes"]
    assert (table[0]["juror A"], table[0]["juror B"], table[0]["score"]) == ("5", "5", "5.0000")
    assert "jana" not in results_as_csv(org.results())
    named = results_as_csv(org.results(named_jurors=True))
    assert "juror jana" in named.splitlines()[0]
    first = results_as_json(org.results())[0]
    assert {k: first[k] for k in ("place", "score", "votes", "prize")} == {
        "place": 1,
        "score": 5.0,
        "votes": 2,
        "prize": True,
    }


def test_quorum_not_met_shows_in_the_results(session, factory) -> None:
    jana, olaf = factory.jurors("jana", "olaf")
    org = frozen_contest(session, factory, entries=2)
    round_ = running_round(org, [jana, olaf], quorum=2, method=RoundMethod("yesno"))
    vote_all(session, round_, [jana], lambda juror, entry: {"yes": True})
    org.close_round(round_)
    org.finalize_round(round_, accept_incomplete=True, note="Olaf fehlt")
    assert [row["quorum_met"] for row in results_as_json(org.results())] == [False, False]
