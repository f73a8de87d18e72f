"""The juror's workspace: only their own rounds and tasks, blind, votes until the round closes."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from contest.models import Assignment, Vote
from judging.ballots import Criterion, InvalidVote, RoundMethod
from judging.errors import NotAllowedNow, NotFound
from judging.workspace import JurorWorkspace
from tests.judging.factories import organiser
from tests.judging.helpers import audit, frozen_contest, running_round, tasks_of


def test_a_juror_sees_only_their_rounds_and_never_drafts(session, factory) -> None:
    jana, olaf = factory.jurors("jana", "olaf")
    org = frozen_contest(session, factory, entries=3)
    round_ = running_round(org, [jana], quorum=1)
    org.create_round(name="Finale", method=RoundMethod("yesno"), quorum=1, jurors=["jana"])
    assert [r.name for r in JurorWorkspace(session, jana).rounds()] == ["Vorrunde"]
    assert JurorWorkspace(session, olaf).rounds() == []
    with pytest.raises(NotFound):
        JurorWorkspace(session, olaf).tasks(round_.id)
    janas_task = tasks_of(session, round_)[0]
    with pytest.raises(NotFound):
        JurorWorkspace(session, olaf).cast_vote(janas_task.id, {"stars": 5})
    with pytest.raises(NotFound):
        JurorWorkspace(session, olaf).task(janas_task.id)


def test_the_blind_view_hides_the_author(session, factory) -> None:
    jana = factory.user("jana")
    factory.entry(
        likes=321,
        username="anna.knipst",
        town="Gotha",
        caption="Hauptmarkt am Abend, Foto anna.knipst @downtownsnaps_th #ThüringenDownTown",
    )
    org = organiser(session, factory)
    org.freeze_shortlist()
    round_ = running_round(org, [jana], quorum=1)
    task = JurorWorkspace(session, jana).next_task(round_.id)
    assert task is not None
    shown = repr(task)
    assert "anna.knipst" not in shown and "downtownsnaps_th" not in shown and "321" not in shown
    assert task.entry.town == "Gotha" and task.entry.photo_sha256
    assert task.entry.caption.startswith("Hauptmarkt am Abend, Foto •••")
    fields = {f.name for f in dataclasses.fields(task.entry)}
    assert not fields & {"username", "likes", "shortcode"}


def test_votes_progress_and_edits_until_the_round_closes(session, factory) -> None:
    jana = factory.user("jana")
    org = frozen_contest(session, factory, entries=3)
    round_ = running_round(org, [jana], quorum=1)
    workspace = JurorWorkspace(session, jana)
    assert str(workspace.progress(round_.id)) == "0 of 3"
    first = workspace.next_task(round_.id)
    assert (first.position, first.total, first.previous_task_id) == (1, 3, None)
    receipt = workspace.cast_vote(first.task_id, {"stars": 4})
    assert not receipt.changed and receipt.score == 4.0
    assert workspace.next_task(round_.id).position == 2
    assert workspace.cast_vote(first.task_id, {"stars": 2}).changed
    assert str(workspace.progress(round_.id)) == "1 of 3"
    assert workspace.task(first.task_id).vote == {"stars": 2}
    cast, changed = audit(session, "vote.")
    assert (cast.action, cast.data["after"]) == ("vote.cast", {"stars": 4})
    assert (changed.action, changed.data["before"], changed.data["after"]) == (
        "vote.changed",
        {"stars": 4},
        {"stars": 2},
    )
    org.close_round(round_)
    with pytest.raises(NotAllowedNow, match="closed"):
        workspace.cast_vote(first.task_id, {"stars": 5})


def test_invalid_votes_are_refused(session, factory) -> None:
    jana = factory.user("jana")
    org = frozen_contest(session, factory, entries=1)
    round_ = running_round(org, [jana], quorum=1)
    workspace = JurorWorkspace(session, jana)
    task = workspace.next_task(round_.id)
    with pytest.raises(InvalidVote):
        workspace.cast_vote(task.task_id, {"stars": 9})
    assert session.scalar(select(Vote)) is None


def test_skipped_tasks_come_back_after_the_open_ones(session, factory) -> None:
    jana = factory.user("jana")
    org = frozen_contest(session, factory, entries=3)
    round_ = running_round(org, [jana], quorum=1)
    workspace = JurorWorkspace(session, jana)
    order = [task.task_id for task in workspace.tasks(round_.id)]
    workspace.skip(order[0])
    assert workspace.next_task(round_.id).task_id == order[1]
    workspace.cast_vote(order[1], {"stars": 3})
    workspace.cast_vote(order[2], {"stars": 3})
    assert workspace.next_task(round_.id).task_id == order[0]
    workspace.cast_vote(order[0], {"stars": 5})
    assert workspace.next_task(round_.id) is None
    assert workspace.progress(round_.id).complete
    assert len(audit(session, "assignment.skipped")) == 1


def test_recusal_hands_the_entry_to_another_juror_for_good(session, factory) -> None:
    jana, olaf, uwe = factory.jurors("jana", "olaf", "uwe")
    org = frozen_contest(session, factory, entries=2)
    round_ = running_round(org, [jana, olaf, uwe], quorum=2)
    workspace = JurorWorkspace(session, jana)
    task = workspace.next_task(round_.id)
    workspace.cast_vote(task.task_id, {"stars": 5})
    with pytest.raises(Exception, match="reason"):
        workspace.recuse(task.task_id, "")
    workspace.recuse(task.task_id, "Ich kenne die Fotografin")
    entry_id = session.get(Assignment, task.task_id).entry_id
    holders = [
        t.user_id
        for t in tasks_of(session, round_)
        if t.entry_id == entry_id and t.status == "open"
    ]
    assert len(holders) == 2 and jana.id not in holders
    assert session.scalar(select(Vote).where(Vote.user_id == jana.id)) is None
    (recused,) = audit(session, "assignment.recused")
    assert recused.data["reason"] == "Ich kenne die Fotografin"
    assert recused.data["removed_vote"] == {"stars": 5}
    assert audit(session, "assignment.added")[0].data["reason"] == "recusal"
    with pytest.raises(NotAllowedNow):
        workspace.cast_vote(task.task_id, {"stars": 1})


def test_weighted_criteria_votes(session, factory) -> None:
    jana = factory.user("jana")
    org = frozen_contest(session, factory, entries=1)
    method = RoundMethod(
        "rating", criteria=(Criterion("motif", "Motiv", 2), Criterion("composition", "Aufbau", 1))
    )
    round_ = running_round(org, [jana], quorum=1, method=method)
    workspace = JurorWorkspace(session, jana)
    assert workspace.method(round_.id).criteria[0].label == "Motiv"
    task = workspace.next_task(round_.id)
    receipt = workspace.cast_vote(task.task_id, {"criteria": {"motif": 5, "composition": 2}})
    assert receipt.score == pytest.approx(4.0)


def test_ranking_by_order_and_by_points(session, factory) -> None:
    jana = factory.user("jana")
    org = frozen_contest(session, factory, entries=3)
    round_ = running_round(org, [jana], quorum=1, method=RoundMethod("ranking"))
    workspace = JurorWorkspace(session, jana)
    ids = [task.task_id for task in workspace.tasks(round_.id)]
    with pytest.raises(InvalidVote, match="whole ballot"):
        workspace.cast_vote(ids[0], {"stars": 3})
    with pytest.raises(NotAllowedNow, match="ordering"):
        workspace.submit_points(round_.id, {ids[0]: 10})
    with pytest.raises(InvalidVote):
        workspace.submit_ranking(round_.id, ids[:2])
    assert [t.task_id for t in workspace.ballot(round_.id)] == ids, "unranked: shuffled order"
    workspace.submit_ranking(round_.id, list(reversed(ids)))
    assert workspace.progress(round_.id).complete
    assert [t.task_id for t in workspace.ballot(round_.id)] == list(reversed(ids))
    assert workspace.task(ids[2]).vote == {"rank": 1, "of": 3}
    assert audit(session, "ballot.submitted")[0].data["before"] is None
    workspace.submit_ranking(round_.id, ids)
    assert audit(session, "ballot.submitted")[1].data["before"] is not None


def test_points_ballot_and_score_distribution(session, factory) -> None:
    jana = factory.user("jana")
    org = frozen_contest(session, factory, entries=3)
    method = RoundMethod("ranking", ballot="points")
    round_ = running_round(org, [jana], quorum=1, method=method)
    workspace = JurorWorkspace(session, jana)
    ids = [task.task_id for task in workspace.tasks(round_.id)]
    workspace.submit_points(round_.id, {ids[2]: 10, ids[1]: 7})
    assert [t.task_id for t in workspace.ballot(round_.id)] == [ids[2], ids[1], ids[0]]
    distribution = workspace.score_distribution(round_.id)
    assert (distribution["10"], distribution["7"], distribution["9"]) == (1, 1, 0)


def test_rating_distribution(session, factory) -> None:
    jana = factory.user("jana")
    org = frozen_contest(session, factory, entries=3)
    round_ = running_round(org, [jana], quorum=1)
    workspace = JurorWorkspace(session, jana)
    for task, stars in zip(workspace.tasks(round_.id), (5, 5, 2), strict=True):
        workspace.cast_vote(task.task_id, {"stars": stars})
    assert workspace.score_distribution(round_.id) == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 2}


def test_a_deactivated_juror_gets_no_workspace(session, factory) -> None:
    jana = factory.user("jana")
    jana.active = False
    with pytest.raises(NotAllowedNow):
        JurorWorkspace(session, jana)


def test_a_removed_juror_loses_access(session, factory) -> None:
    jana, olaf = factory.jurors("jana", "olaf")
    org = frozen_contest(session, factory, entries=2)
    round_ = running_round(org, [jana, olaf], quorum=1)
    org.set_jurors(round_, ["olaf"])
    with pytest.raises(NotFound):
        JurorWorkspace(session, jana).next_task(round_.id)


def test_the_round_of_a_task_and_the_next_task_id(session, factory) -> None:
    jana, olaf = factory.jurors("jana", "olaf")
    org = frozen_contest(session, factory, entries=2)
    round_ = running_round(org, [jana], quorum=1)
    workspace = JurorWorkspace(session, jana)
    first, second = (task.task_id for task in workspace.tasks(round_.id))
    seen = workspace.round_of(first)
    assert (seen.round_id, seen.name, seen.voting_open, str(seen.progress)) == (
        round_.id,
        "Vorrunde",
        True,
        "0 of 2",
    )
    assert workspace.next_task_id(round_.id) == first
    workspace.cast_vote(first, {"stars": 3})
    assert workspace.next_task_id(round_.id) == second
    with pytest.raises(NotFound):
        JurorWorkspace(session, olaf).round_of(first)
    with pytest.raises(NotFound):
        JurorWorkspace(session, olaf).next_task_id(round_.id)
