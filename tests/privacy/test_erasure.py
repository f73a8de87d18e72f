"""Right to erasure: after `forget`, no row and no file holds the account or its photos."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.errors import UserFacingError
from contest.models import AuditEvent, Entry, Participant, ResultPlace, Tombstone, User, Vote
from contest.settings import Settings
from contest.tombstones import is_forgotten, keyed_hash
from privacy import forget_participant, reapply_tombstones
from privacy.mentions import ERASED
from tests.contest import factories as f
from tests.privacy.residue import file_hashes, hashes_of, rows_holding
from tests.privacy.world import OTHER, TARGET, World, build_world


def forget(session: Session, settings: Settings, username: str = TARGET, **kwargs):
    report = forget_participant(session, settings, username, actor="orga", **kwargs)
    session.commit()
    return report


def test_no_row_holds_the_username_or_a_shortcode_afterwards(
    session: Session, settings: Settings, world: World
) -> None:
    needles = [TARGET, *world.anna_shortcodes]
    assert rows_holding(session, needles), "the scan must see the data before erasure"
    forget(session, settings)
    assert rows_holding(session, needles) == []


def test_no_file_holds_the_photos_afterwards(
    session: Session, settings: Settings, world: World
) -> None:
    anna_hashes = hashes_of(world.anna_files)
    bernd_hashes = hashes_of(world.bernd_files)
    report = forget(session, settings)
    on_disk = file_hashes(settings.data_dir)
    assert anna_hashes & on_disk.keys() == set()
    assert bernd_hashes <= on_disk.keys(), "the other participant's images stay"
    assert sorted(report.files_removed) == sorted(world.anna_files)


def test_everything_hanging_off_her_entries_is_gone(
    session: Session, settings: Settings, world: World
) -> None:
    report = forget(session, settings)
    assert session.scalars(select(Participant.username)).all() == [OTHER]
    assert [e.shortcode for e in session.scalars(select(Entry))] == ["BerndPost01"]
    assert session.scalars(select(Vote.entry_id)).all() == [world.bernd_entry.id]
    assert session.scalars(select(ResultPlace.entry_id)).all() == [world.bernd_entry.id]
    assert report.rows_deleted["entries"] == 2
    assert report.rows_deleted["photos"] == 3
    assert report.rows_deleted["like_readings"] == 3
    assert report.rows_deleted["votes"] == 2
    assert report.rows_deleted["assignments"] == 2
    assert report.rows_deleted["round_entries"] == 2
    assert report.rows_deleted["shortlist_items"] == 2
    assert report.rows_deleted["result_places"] == 1
    assert report.rows_deleted["juror_conflicts"] == 1


def test_mentions_elsewhere_are_blanked_not_deleted(
    session: Session, settings: Settings, world: World
) -> None:
    forget(session, settings)
    bernd_entry = session.scalars(select(Entry)).one()
    assert bernd_entry.caption == f"Gleicher Ort wie @{ERASED}, schöner Abend!"
    assert bernd_entry.duplicate_of == ERASED
    assert bernd_entry.reason_details == {"duplicate": {"of": ERASED, "account": ERASED}}


def test_tombstone_blocks_reingestion_and_names_nobody(
    session: Session, settings: Settings, world: World
) -> None:
    forget(session, settings, note="Anfrage 2025-117")
    key = settings.secret_key.get_secret_value()
    stone = session.scalars(select(Tombstone)).one()
    assert stone.username_hash == keyed_hash(TARGET, key)
    assert stone.note == "Anfrage 2025-117"
    assert stone.by == "orga"
    for shortcode in world.anna_shortcodes:
        assert is_forgotten(
            session, contest_id=world.contest.id, username="someone", shortcode=shortcode, key=key
        )
    assert is_forgotten(
        session, contest_id=world.contest.id, username=TARGET.upper(), shortcode="new", key=key
    )
    assert not is_forgotten(
        session, contest_id=world.contest.id, username=OTHER, shortcode="BerndPost01", key=key
    )


def test_erasure_is_audited_without_the_name(
    session: Session, settings: Settings, world: World
) -> None:
    report = forget(session, settings)
    event = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "participant.forgotten")
    ).one()
    assert event.actor == "orga"
    assert event.data["username_hash"] == report.username_hash
    assert event.data["entries"] == 2
    assert TARGET not in str(event.data)


def test_rolled_back_erasure_keeps_rows_and_files(
    session: Session, settings: Settings, world: World
) -> None:
    session.commit()  # the contest data is committed; only the erasure is rolled back
    forget_participant(session, settings, TARGET, actor="orga")
    session.rollback()
    assert all(path.exists() for path in world.anna_files)
    assert session.scalar(select(Participant).where(Participant.username == TARGET))
    session.commit()  # a later, unrelated commit must not remove the files either
    assert all(path.exists() for path in world.anna_files)


def test_an_image_another_entry_also_uses_stays(session: Session, settings: Settings) -> None:
    contest = f.make_contest(session)
    shared = f.photo_bytes("same image posted twice")
    mine = f.make_entry(session, f.make_participant(session, contest, TARGET), "Mine0000001")
    theirs = f.make_entry(session, f.make_participant(session, contest, OTHER), "Theirs00001")
    _, paths = f.make_photo(session, mine, settings.data_dir, content=shared)
    f.make_photo(session, theirs, settings.data_dir, content=shared)
    report = forget(session, settings)
    assert report.files_kept_shared == 1
    assert all(path.exists() for path in paths)


def test_account_is_forgotten_in_every_contest(session: Session, settings: Settings) -> None:
    for slug in ("contest-a", "contest-b"):
        contest = f.make_contest(session, slug)
        f.make_entry(session, f.make_participant(session, contest, TARGET), f"Post{slug[-1]}000001")
    report = forget(session, settings, username="@Anna.Forget_Me ")
    assert report.contests == ["contest-a", "contest-b"]
    assert len(session.scalars(select(Tombstone)).all()) == 2
    assert session.scalars(select(Participant)).all() == []


def test_unknown_account_is_a_clear_error(session: Session, settings: Settings) -> None:
    f.make_contest(session)
    with pytest.raises(UserFacingError, match="Nothing is stored"):
        forget_participant(session, settings, "nobody_here", actor="orga")


def test_a_note_naming_the_account_is_refused(
    session: Session, settings: Settings, world: World
) -> None:
    with pytest.raises(UserFacingError, match="note names the account"):
        forget_participant(session, settings, TARGET, actor="orga", note=f"request by {TARGET}")


def test_staff_account_with_the_same_name_is_another_person(
    session: Session, settings: Settings, world: World
) -> None:
    f.make_user(session, TARGET)
    forget(session, settings)
    assert session.scalar(select(User).where(User.username == TARGET))


def test_tombstones_erase_again_what_a_restored_backup_brought_back(
    session: Session, settings: Settings
) -> None:
    forget_data = settings.data_dir
    build_world(session, forget_data)
    forget(session, settings)
    # An older backup comes back: the account and its post reappear.
    contest = session.scalars(select(Tombstone)).one().contest_id
    anna = Participant(contest_id=contest, username=TARGET)
    session.add(anna)
    session.flush()
    back = f.make_entry(session, anna, "AnnaPost01x")
    _, paths = f.make_photo(session, back, forget_data, content=f.photo_bytes("anna-1"))
    report = reapply_tombstones(session, settings, actor="restore")
    session.commit()
    assert report is not None and report.entries == 1
    assert rows_holding(session, [TARGET, "AnnaPost01x"]) == []
    assert not any(path.exists() for path in paths)
