"""From the likes shortlist to published winners and a printed protocol, step by step.

`story(until=...)` walks the organiser's workflow to a step; each test checks what a person would
notice at that step. Twelve accepted entries, a shortlist of eight plus a jury wildcard, a rating
round with normalisation (quorum 2, one juror conflicted with the wildcard's town), a Borda final
of the top four ranked by all three jurors, a tie for second place decided with a note, and
publication.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from contest.models import Assignment, Entry, ResultPlace, Round
from judging.ballots import RoundMethod
from judging.errors import NotAllowedNow
from judging.organiser import OrganiserJudging
from judging.rounds import RoundSource
from judging.workspace import JurorWorkspace
from tests.judging.factories import organiser
from tests.judging.helpers import audit, vote_all

STEPS = ("frozen", "round1", "final", "published")


@dataclass
class Story:
    org: OrganiserJudging
    entries: list[Entry]
    jurors: list
    first: Round | None = None
    final: Round | None = None


def story(session, factory, until: str) -> Story:
    towns = ["Gotha", "Meiningen"] * 5 + ["Sonneberg", "Gotha"]
    entries = [factory.entry(likes=600 - 37 * i, town=town) for i, town in enumerate(towns)]
    jurors = factory.jurors("jana", "olaf", "uwe")
    org = organiser(session, factory, shortlist_size=8, places=3)
    org.freeze_shortlist()
    org.add_wildcard(entries[10].shortcode, "Jury-Joker: Blick vom Rathausturm")
    org.declare_conflict("uwe", kind="town", value="Sonneberg", note="wohnt dort")
    s = Story(org, entries, jurors)
    if until == "frozen":
        return s
    s.first = org.create_round(
        name="Vorrunde",
        method=RoundMethod("rating", normalise=True),
        quorum=2,
        jurors=["jana", "olaf", "uwe"],
        seed="demo",
    )
    org.activate_round(s.first)
    rank = {entry.id: i for i, entry in enumerate(entries)}
    strictness = {"jana": 0, "olaf": 1, "uwe": 2}
    vote_all(
        session,
        s.first,
        jurors,
        lambda juror, entry: {"stars": max(1, 5 - rank[entry] // 3 - strictness[juror.username])},
    )
    org.close_round(s.first)
    org.finalize_round(s.first)
    if until == "round1":
        return s
    s.final = org.create_round(
        name="Finale",
        method=RoundMethod("ranking", tally="borda"),
        quorum=3,
        source=RoundSource("previous", top=4),
        jurors=["jana", "olaf", "uwe"],
    )
    top = org.standings(s.first).open_ties
    for tie in top:
        org.decide_tie(
            s.first, list(tie.shortcodes), "Reihenfolge wie in der Jurysitzung besprochen"
        )
    org.activate_round(s.final)
    codes = {e.id: e.shortcode for e in entries}
    for juror in jurors:
        workspace = JurorWorkspace(session, juror)
        tasks = workspace.tasks(s.final.id)
        by_code = {codes[session.get(Assignment, t.task_id).entry_id]: t.task_id for t in tasks}
        p0, p1, p2, p3 = sorted(by_code)
        # Borda: p0 2+3+3 = 8, p1 3+1+1 = 5, p2 1+2+2 = 5, p3 0: a tie for places 2 and 3.
        preference = [p1, p0, p2, p3] if juror.username == "jana" else [p0, p2, p1, p3]
        workspace.submit_ranking(s.final.id, [by_code[c] for c in preference])
    org.close_round(s.final)
    org.finalize_round(s.final)
    if until == "final":
        return s
    for tie in org.standings(s.final).open_ties:
        org.decide_tie(s.final, list(tie.shortcodes), "Vorsitz entscheidet nach Aussprache")
    org.publish()
    return s


def test_the_frozen_shortlist_has_the_wildcard(session, factory) -> None:
    s = story(session, factory, "frozen")
    rows = s.org.shortlist().rows
    assert len(rows) == 9 and rows[-1].origin == "wildcard"
    assert [row.shortcode for row in rows[:8]] == [e.shortcode for e in s.entries[:8]]


def test_round_one_keeps_uwe_away_from_sonneberg(session, factory) -> None:
    s = story(session, factory, "round1")
    uwe = s.jurors[2]
    sonneberg = {e.id for e in s.entries if e.town == "Sonneberg"}
    uwe_tasks = session.scalars(
        select(Assignment.entry_id).where(
            Assignment.round_id == s.first.id, Assignment.user_id == uwe.id
        )
    ).all()
    assert uwe_tasks and not set(uwe_tasks) & sonneberg


def test_round_one_is_finalized_with_raw_and_normalised_scores(session, factory) -> None:
    s = story(session, factory, "round1")
    standings = s.org.standings(s.first)
    assert s.first.status == "finalized" and not standings.missing_quorum
    assert all(row.raw is not None and row.normalised is not None for row in standings.rows)
    ranked_by = [row.score for row in standings.rows]
    assert ranked_by == [row.normalised for row in standings.rows], "the round normalises"
    assert ranked_by == sorted(ranked_by, reverse=True)


def test_the_final_takes_the_top_four(session, factory) -> None:
    s = story(session, factory, "final")
    assert len(s.final.entries) == 4
    assert all(row.votes == 3 for row in s.org.standings(s.final).rows)


def test_the_final_shows_the_tie_for_second_place_and_blocks_publishing(session, factory) -> None:
    s = story(session, factory, "final")
    (tie,) = s.org.standings(s.final).open_ties
    assert (tie.first_position, tie.last_position, tie.score) == (2, 3, 5 / 3)
    with pytest.raises(NotAllowedNow, match="tied at place 2"):
        s.org.publish()


def test_published_winners_and_their_audit_trail(session, factory) -> None:
    s = story(session, factory, "published")
    places = session.scalars(select(ResultPlace).order_by(ResultPlace.place)).all()
    assert [p.place for p in places] == [1, 2, 3]
    assert places[1].note == places[2].note == "Vorsitz entscheidet nach Aussprache"
    assert s.org.contest.results_published_at is not None
    actions = {event.action for event in audit(session)}
    assert {
        "shortlist.frozen",
        "shortlist.wildcard.added",
        "juror.conflict.declared",
        "round.created",
        "round.jurors.changed",
        "round.activated",
        "round.assigned",
        "vote.cast",
        "ballot.submitted",
        "round.closed",
        "round.finalized",
        "tie.decided",
        "results.published",
    } <= actions


def test_the_protocol_tells_the_whole_story(session, factory) -> None:
    s = story(session, factory, "published")
    html = s.org.protocol_html()
    for text in (
        "Juryprotokoll",
        "Downtown Snaps Test",
        "Runde 1: Vorrunde",
        "Runde 2: Finale",
        "Borda-Zählung",
        "z-normalisiert",
        "Quorum",
        "Jury-Joker: Blick vom Rathausturm",
        "Veröffentlicht am",
        "Endauswahl eingefroren",
    ):
        assert text in html, text
    assert "jana" not in html and "olaf" not in html, "jurors appear as A, B, C"
    assert "Jurymitglied A" in html
    assert "jana" in s.org.protocol_html(named_jurors=True)


@pytest.mark.parametrize("step", STEPS)
def test_every_step_renders_a_protocol(session, factory, step) -> None:
    html = story(session, factory, step).org.protocol_html()
    assert html.startswith("<!DOCTYPE html>") and "@page" in html
