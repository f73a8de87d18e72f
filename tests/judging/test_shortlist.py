"""The likes shortlist: frozen counts, the freeze, wildcards and removals, spike flags."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from contest.errors import UserFacingError
from contest.models import AuditEvent, ShortlistItem
from judging.errors import NotAllowedNow
from tests.judging.factories import FREEZE, organiser


def actions(session) -> list[str]:
    return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_likes_after_the_freeze_do_not_count(session, factory) -> None:
    late_bloomer = factory.entry(
        readings=[(FREEZE - timedelta(days=1), 10), (FREEZE + timedelta(days=2), 999)]
    )
    steady = factory.entry(likes=50)
    org = organiser(session, factory, shortlist_size=1)
    (row,) = org.shortlist().rows
    assert row.shortcode == steady.shortcode
    assert org.shortlist().rows[0].likes == 50
    assert late_bloomer.shortcode not in org.shortlist().rows_by_shortcode


def test_only_accepted_entries_are_shortlisted(session, factory) -> None:
    factory.entry(likes=900, status="rejected")
    factory.entry(likes=800, status="review")
    accepted = factory.entry(likes=10)
    rows = organiser(session, factory).shortlist().rows
    assert [row.shortcode for row in rows] == [accepted.shortcode]


def test_equal_likes_go_to_the_earlier_post_and_the_split_tie_is_shown(session, factory) -> None:
    later = factory.entry(likes=40, posted_at=FREEZE - timedelta(days=3))
    earlier = factory.entry(likes=40, posted_at=FREEZE - timedelta(days=9))
    top = factory.entry(likes=90)
    shortlist = organiser(session, factory, shortlist_size=2).shortlist()
    assert [row.shortcode for row in shortlist.rows] == [top.shortcode, earlier.shortcode]
    assert set(shortlist.tie_at_cut) == {earlier.shortcode, later.shortcode}


def test_freezing_stores_the_list_and_is_audited_once(session, factory) -> None:
    factory.entries(8)
    org = organiser(session, factory)
    frozen = org.freeze_shortlist()
    assert frozen.frozen and len(frozen.rows) == 6
    stored = session.scalars(select(ShortlistItem).order_by(ShortlistItem.rank)).all()
    assert [item.rank for item in stored] == [1, 2, 3, 4, 5, 6]
    assert actions(session) == ["shortlist.frozen"]
    with pytest.raises(NotAllowedNow, match="frozen already"):
        org.freeze_shortlist()


def test_frozen_shortlist_ignores_later_likes(session, factory) -> None:
    entries = factory.entries(3)
    org = organiser(session, factory, shortlist_size=2)
    org.freeze_shortlist()
    entries[2].likes = 10_000
    assert [row.shortcode for row in org.shortlist().rows] == [e.shortcode for e in entries[:2]]


def test_freezing_before_the_moment_is_refused(session, factory) -> None:
    factory.entries(2)
    org = organiser(session, factory, likes_freeze_at=FREEZE + timedelta(days=3650))
    with pytest.raises(NotAllowedNow, match="has not come yet"):
        org.freeze_shortlist()


def test_a_wildcard_needs_a_frozen_list_a_note_and_an_accepted_entry(session, factory) -> None:
    entries = factory.entries(8)
    rejected = factory.entry(status="rejected")
    org = organiser(session, factory)
    with pytest.raises(NotAllowedNow, match="not frozen"):
        org.add_wildcard(entries[7].shortcode, "Jury-Favorit")
    org.freeze_shortlist()
    with pytest.raises(UserFacingError, match="needs a note"):
        org.add_wildcard(entries[7].shortcode, " ")
    with pytest.raises(NotAllowedNow, match="rejected"):
        org.add_wildcard(rejected.shortcode, "x")
    with pytest.raises(NotAllowedNow, match="already"):
        org.add_wildcard(entries[0].shortcode, "x")
    org.add_wildcard(entries[7].shortcode, "Jury-Favorit: Marktplatz bei Nacht")
    last = org.shortlist().rows[-1]
    assert (last.shortcode, last.origin, last.rank) == (entries[7].shortcode, "wildcard", None)
    event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "shortlist.wildcard.added"
    assert event.data["note"].startswith("Jury-Favorit") and event.data["size_after"] == 7


def test_removal_needs_a_note_and_is_audited_with_before(session, factory) -> None:
    entries = factory.entries(6)
    org = organiser(session, factory)
    org.freeze_shortlist()
    org.remove_from_shortlist(entries[1].shortcode, "nachträglich disqualifiziert (KI-Bild)")
    assert entries[1].shortcode not in org.shortlist().rows_by_shortcode
    event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "shortlist.entry.removed"
    assert event.data["before"] == {"origin": "likes", "rank": 2, "likes": 490}


def test_a_like_burst_is_flagged_on_the_shortlist(session, factory) -> None:
    day = timedelta(days=1)
    bought = factory.entry(
        readings=[(FREEZE - 4 * day, 10), (FREEZE - 3 * day, 20), (FREEZE - 2 * day, 900)]
    )
    honest = factory.entry(
        readings=[(FREEZE - 4 * day, 100), (FREEZE - 3 * day, 150), (FREEZE - 2 * day, 190)]
    )
    shortlist = organiser(session, factory).shortlist()
    assert shortlist.rows_by_shortcode[bought.shortcode].spikes
    assert not shortlist.rows_by_shortcode[honest.shortcode].spikes
    assert shortlist.rows_by_shortcode[bought.shortcode].as_json()["like_spike"] is True
    assert shortlist.rows_by_shortcode[bought.shortcode].history_sparkline == "▁▁█"
    assert shortlist.rows_by_shortcode[bought.shortcode].history_svg.startswith("<svg")


def test_json_shape(session, factory) -> None:
    entry = factory.entry(likes=12, username="anna.knipst", town="Gotha")
    (row,) = organiser(session, factory).shortlist().rows
    data = row.as_json()
    assert {k: data[k] for k in ("rank", "shortcode", "username", "likes", "town")} == {
        "rank": 1,
        "shortcode": entry.shortcode,
        "username": "anna.knipst",
        "likes": 12,
        "town": "Gotha",
    }
