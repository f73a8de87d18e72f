"""Rounds: creation, activation with fair assignment, jury and quorum changes, lifecycle."""

from __future__ import annotations

from collections import Counter

import pytest

from contest.errors import UserFacingError
from contest.models import RoundEntry
from judging.assignment import COUNTING, DONE, RECUSED, WITHDRAWN
from judging.ballots import RoundMethod
from judging.errors import NotAllowedNow
from judging.rounds import RoundSource
from tests.judging.factories import organiser
from tests.judging.helpers import audit, frozen_contest, running_round, tasks_of, vote_all


def test_rounds_are_numbered_and_the_first_takes_the_shortlist(session, factory) -> None:
    org = organiser(session, factory)
    with pytest.raises(UserFacingError, match="no previous round"):
        org.create_round(
            name="Finale",
            method=RoundMethod("yesno"),
            quorum=1,
            source=RoundSource("previous", top=3),
        )
    first = org.create_round(name="Vorrunde", method=RoundMethod("yesno"), quorum=1)
    second = org.create_round(
        name="Finale",
        method=RoundMethod("ranking", tally="schulze"),
        quorum=1,
        source=RoundSource("previous", top=3),
    )
    assert (first.sequence, second.sequence) == (1, 2)
    assert second.config["tally"] == "schulze" and second.config["source"]["top"] == 3
    assert [e.action for e in audit(session)] == ["round.created", "round.created"]


def test_activation_needs_a_frozen_shortlist_and_enough_jurors(session, factory) -> None:
    factory.entries(4)
    jurors = factory.jurors("jana", "olaf")
    org = organiser(session, factory)
    round_ = org.create_round(name="Vorrunde", method=RoundMethod("rating"), quorum=3)
    with pytest.raises(NotAllowedNow, match="no jurors"):
        org.activate_round(round_)
    org.set_jurors(round_, ["jana", "olaf"])
    with pytest.raises(NotAllowedNow, match="needs at least 3"):
        org.activate_round(round_)
    org.set_quorum(round_, 2)
    with pytest.raises(NotAllowedNow, match="not frozen"):
        org.activate_round(round_)
    org.freeze_shortlist()
    report = org.activate_round(round_)
    assert (report.entries, report.tasks, report.short) == (4, 8, {})
    assert round_.status == "active" and round_.activated_at is not None
    assert {j.id for j in jurors} == {t.user_id for t in tasks_of(session, round_)}


def test_assignment_is_even_and_respects_declared_conflicts(session, factory) -> None:
    own = factory.entry(likes=999, username="jana.fotografiert", town="Arnstadt")
    in_town = factory.entry(likes=998, town="Ilmenau")
    factory.entries(10, top_likes=900)
    jurors = factory.jurors("jana", "olaf", "uwe", "rike")
    org = organiser(session, factory, shortlist_size=12)
    org.freeze_shortlist()
    org.declare_conflict("jana", kind="account", value="@Jana.Fotografiert", note="eigenes Konto")
    org.declare_conflict("olaf", kind="town", value="ilmenau", note="wohnt dort")
    round_ = running_round(org, jurors, quorum=3)
    tasks = tasks_of(session, round_)
    assert not any(t.entry_id == own.id and t.user_id == jurors[0].id for t in tasks)
    assert not any(t.entry_id == in_town.id and t.user_id == jurors[1].id for t in tasks)
    assert set(Counter(t.entry_id for t in tasks).values()) == {3}
    assert set(Counter(t.user_id for t in tasks).values()) == {9}
    (assigned,) = audit(session, "round.assigned")
    assert assigned.data["tasks"] == 36 and assigned.data["per_juror"]["jana"] == 9


def test_lifecycle_moves_and_reasons(session, factory) -> None:
    jurors = factory.jurors("jana", "olaf")
    org = frozen_contest(session, factory, entries=3)
    round_ = running_round(org, jurors)
    with pytest.raises(NotAllowedNow, match="cannot become finalized"):
        org.finalize_round(round_)
    org.close_round(round_)
    with pytest.raises(UserFacingError, match="needs a reason"):
        org.reopen_round(round_, "")
    org.reopen_round(round_, "Jurorin B war krank")
    assert round_.status == "active"
    (reopened,) = audit(session, "round.reopened")
    assert reopened.data["reason"] == "Jurorin B war krank"
    assert (reopened.data["before"], reopened.data["after"]) == ("closed", "active")


def test_finalizing_below_quorum_needs_an_explicit_note(session, factory) -> None:
    jurors = factory.jurors("jana", "olaf")
    org = frozen_contest(session, factory, entries=3)
    round_ = running_round(org, jurors[:2], quorum=2)
    vote_all(session, round_, jurors[:1], lambda juror, entry: {"stars": 4})
    org.close_round(round_)
    with pytest.raises(NotAllowedNow, match="fewer than 2 votes"):
        org.finalize_round(round_)
    with pytest.raises(UserFacingError, match="needs a note"):
        org.finalize_round(round_, accept_incomplete=True)
    org.finalize_round(round_, accept_incomplete=True, note="Olaf ist ausgefallen")
    (event,) = audit(session, "round.finalized")
    assert len(event.data["below_quorum"]) == 3 and event.data["note"] == "Olaf ist ausgefallen"


def test_removing_a_juror_mid_round_moves_only_open_tasks(session, factory) -> None:
    jurors = factory.jurors("jana", "olaf", "uwe", "rike")
    org = frozen_contest(session, factory, entries=6)
    round_ = running_round(org, jurors[:3], quorum=2)
    vote_all(session, round_, [jurors[2]], lambda juror, entry: {"stars": 3})
    uwe_done = {t.entry_id for t in tasks_of(session, round_) if t.user_id == jurors[2].id}
    org.change_jurors(round_, add=["rike"], remove=["uwe"])
    tasks = tasks_of(session, round_)
    assert {t.entry_id for t in tasks if t.user_id == jurors[2].id and t.status == DONE} == uwe_done
    counting = Counter(t.entry_id for t in tasks if t.status in COUNTING)
    assert set(counting.values()) == {2}, "Uwe's cast votes still count"
    pairs = [(t.entry_id, t.user_id) for t in tasks if t.status != WITHDRAWN]
    assert len(pairs) == len(set(pairs))
    assert audit(session, "round.jurors.changed")[-1].data["after"] == ["jana", "olaf", "rike"]


def test_a_new_juror_takes_over_open_tasks_audited_as_reassignments(session, factory) -> None:
    jurors = factory.jurors("jana", "olaf", "uwe")
    org = frozen_contest(session, factory, entries=6)
    round_ = running_round(org, jurors[:2], quorum=2)
    org.set_jurors(round_, ["jana", "olaf", "uwe"])
    loads = Counter(t.user_id for t in tasks_of(session, round_) if t.status in COUNTING)
    assert sorted(loads.values()) == [4, 4, 4]
    moves = audit(session, "assignment.reassigned")
    assert len(moves) == 4 and all(m.data["after"] == "uwe" for m in moves)
    assert moves[0].data["reason"] == "jury changed"


def test_raising_and_lowering_the_quorum_mid_round(session, factory) -> None:
    jurors = factory.jurors("jana", "olaf", "uwe")
    org = frozen_contest(session, factory, entries=3)
    round_ = running_round(org, jurors, quorum=1)
    org.set_quorum(round_, 3)
    assert len([t for t in tasks_of(session, round_) if t.status in COUNTING]) == 9
    org.set_quorum(round_, 2)
    assert len([t for t in tasks_of(session, round_) if t.status in COUNTING]) == 6
    changes = audit(session, "round.quorum.changed")
    assert [(c.data["before"], c.data["after"]) for c in changes] == [(1, 3), (3, 2)]
    assert len(audit(session, "assignment.added")) == 6
    assert len(audit(session, "assignment.withdrawn")) == 3


def test_jury_is_fixed_once_closed(session, factory) -> None:
    jurors = factory.jurors("jana", "olaf")
    org = frozen_contest(session, factory, entries=2)
    round_ = running_round(org, jurors, quorum=1)
    org.close_round(round_)
    with pytest.raises(NotAllowedNow):
        org.set_quorum(round_, 2)
    with pytest.raises(NotAllowedNow):
        org.set_jurors(round_, ["jana"])


def test_a_conflict_declared_mid_round_removes_the_vote_and_reassigns(session, factory) -> None:
    relative = factory.entry(likes=999, username="tante.erna")
    factory.entries(3, top_likes=500)
    jurors = factory.jurors("jana", "olaf", "uwe")
    org = organiser(session, factory, shortlist_size=4)
    org.freeze_shortlist()
    round_ = running_round(org, jurors, quorum=3)
    vote_all(session, round_, jurors, lambda juror, entry: {"stars": 5})
    org.set_quorum(round_, 2)  # nothing open to withdraw: every task is done
    org.declare_conflict("jana", kind="account", value="tante.erna", note="Tante")
    task = next(
        t
        for t in tasks_of(session, round_)
        if t.entry_id == relative.id and t.user_id == jurors[0].id
    )
    assert task.status == RECUSED
    standings = org.standings(round_)
    assert standings.row(relative.shortcode).votes == 2
    (recused,) = audit(session, "assignment.recused")
    assert recused.data["removed_vote"] == {"stars": 5}


def test_next_round_takes_the_top_k_and_a_tie_at_the_cut_blocks_it(session, factory) -> None:
    jurors = factory.jurors("jana", "olaf")
    org = frozen_contest(session, factory, entries=4)
    first = running_round(org, jurors, quorum=2)
    entries = [link.entry_id for link in first.entries]
    stars = dict(zip(entries, [5, 4, 4, 1], strict=True))  # 2nd and 3rd tie across a top-2 cut
    vote_all(session, first, jurors, lambda juror, entry: {"stars": stars[entry]})
    org.close_round(first)
    org.finalize_round(first)
    final = org.create_round(
        name="Finale",
        method=RoundMethod("ranking"),
        quorum=2,
        source=RoundSource("previous", top=2),
        jurors=["jana", "olaf"],
    )
    with pytest.raises(NotAllowedNow, match="across the cut at 2") as raised:
        org.activate_round(final)
    assert "round tie 1" in (raised.value.hint or "")
    tie = org.standings(first).open_ties[0]
    org.decide_tie(first, list(reversed(tie.shortcodes)), "Jury stimmt 2:0 für den Hauptmarkt")
    org.activate_round(final)
    advanced = set(
        session.scalars(
            RoundEntry.__table__.select()
            .with_only_columns(RoundEntry.entry_id)
            .where(RoundEntry.round_id == final.id)
        )
    )
    codes = {row.entry_id: row.shortcode for row in org.standings(first).rows}
    assert {codes[e] for e in advanced} == {codes[entries[0]], tie.shortcodes[-1]}


def test_next_round_by_threshold(session, factory) -> None:
    jurors = factory.jurors("jana")
    org = frozen_contest(session, factory, entries=4)
    first = running_round(org, jurors, quorum=1, method=RoundMethod("yesno"))
    entries = [link.entry_id for link in first.entries]
    vote_all(session, first, jurors, lambda juror, entry: {"yes": entry in entries[:3]})
    org.close_round(first)
    org.finalize_round(first)
    second = org.create_round(
        name="Finale",
        method=RoundMethod("rating"),
        quorum=1,
        source=RoundSource("previous", min_score=0.5),
        jurors=["jana"],
    )
    assert org.activate_round(second).entries == 3


def test_rounds_run_in_order(session, factory) -> None:
    jurors = factory.jurors("jana")
    org = frozen_contest(session, factory, entries=2)
    first = org.create_round(
        name="Vorrunde", method=RoundMethod("yesno"), quorum=1, jurors=["jana"]
    )
    second = org.create_round(
        name="Finale",
        method=RoundMethod("yesno"),
        quorum=1,
        source=RoundSource("previous", top=1),
        jurors=[jurors[0].username],
    )
    with pytest.raises(NotAllowedNow, match="not finalized"):
        org.activate_round(second)
    assert first.status == "draft"


def test_overview_and_progress(session, factory) -> None:
    jurors = factory.jurors("jana", "olaf")
    org = frozen_contest(session, factory, entries=3)
    round_ = running_round(org, jurors, quorum=2)
    vote_all(session, round_, jurors[:1], lambda juror, entry: {"stars": 2})
    (overview,) = org.rounds()
    assert (overview.entries, overview.done, overview.total) == (3, 3, 6)
    assert overview.jurors == ["jana", "olaf"]
    progress = {p.username: str(p) for p in org.juror_progress(round_)}
    assert progress == {"jana": "3 of 3", "olaf": "0 of 3"}
