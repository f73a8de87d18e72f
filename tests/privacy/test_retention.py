"""Retention: after the contest file's period, only the winners' data remains."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from contest.errors import UserFacingError
from contest.models import AuditEvent, Entry, LoginAttempt, Participant
from contest.settings import Settings
from contest.tombstones import is_forgotten
from privacy import housekeeping, purge_contest, purge_due_at
from tests.contest import factories as f
from tests.privacy.residue import file_hashes, hashes_of, rows_holding
from tests.privacy.world import OTHER, TARGET, World


def purge(session: Session, settings: Settings, world: World, *, days_after: int, **kwargs):
    now = purge_due_at(world.contest) + timedelta(days=days_after)
    report = purge_contest(session, settings, world.contest, actor="timer", now=now, **kwargs)
    session.commit()
    return report


def test_nothing_is_purged_before_the_period_ends(
    session: Session, settings: Settings, world: World
) -> None:
    report = purge(session, settings, world, days_after=-1)
    assert not report.due
    assert len(session.scalars(select(Entry)).all()) == 3
    assert all(path.exists() for path in world.anna_files)


def test_non_winning_entries_go_winners_stay(
    session: Session, settings: Settings, world: World
) -> None:
    # Anna's first post won place 1, her second none; Bernd's post won place 2.
    lost = hashes_of(world.files["AnnaPost02y"])
    report = purge(session, settings, world, days_after=0)
    assert report.due and report.entries == 1 and report.participants == 0
    assert sorted(e.shortcode for e in session.scalars(select(Entry))) == [
        "AnnaPost01x",
        "BerndPost01",
    ]
    assert lost & file_hashes(settings.data_dir).keys() == set()
    assert all(path.exists() for path in world.files["AnnaPost01x"] + world.bernd_files)
    assert rows_holding(session, ["AnnaPost02y"]) == []
    assert report.rows_deleted["photos"] == 2


def test_participant_without_a_winning_entry_is_removed_entirely(
    session: Session, settings: Settings, world: World
) -> None:
    loser = f.make_participant(session, world.contest, "carla.ohne_preis")
    entry = f.make_entry(session, loser, "CarlaPost01", caption="Hallo von carla.ohne_preis")
    _, paths = f.make_photo(session, entry, settings.data_dir, content=f.photo_bytes("carla"))
    report = purge(session, settings, world, days_after=3)
    assert report.participants == 1
    assert sorted(session.scalars(select(Participant.username))) == sorted([TARGET, OTHER])
    assert rows_holding(session, ["carla.ohne_preis", "CarlaPost01"]) == []
    assert not any(path.exists() for path in paths)


def test_purged_posts_are_not_ingested_again(
    session: Session, settings: Settings, world: World
) -> None:
    purge(session, settings, world, days_after=0)
    key = settings.secret_key.get_secret_value()

    def forgotten(shortcode: str) -> bool:
        return is_forgotten(
            session, contest_id=world.contest.id, username=TARGET, shortcode=shortcode, key=key
        )

    assert forgotten("AnnaPost02y")
    assert not forgotten("AnnaPost01x"), "the winner's post and account are not blocked"


def test_dry_run_reports_the_same_and_changes_nothing(
    session: Session, settings: Settings, world: World
) -> None:
    dry = purge(session, settings, world, days_after=0, dry_run=True)
    assert len(session.scalars(select(Entry)).all()) == 3
    assert all(path.exists() for path in world.anna_files)
    assert not session.scalars(
        select(AuditEvent).where(AuditEvent.action == "retention.purged")
    ).all()
    real = purge(session, settings, world, days_after=0)
    assert (dry.entries, dry.participants, sorted(dry.files)) == (
        real.entries,
        real.participants,
        sorted(real.files),
    )
    assert dry.rows_deleted == real.rows_deleted


def test_purge_is_audited(session: Session, settings: Settings, world: World) -> None:
    purge(session, settings, world, days_after=0)
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "retention.purged")).one()
    assert event.actor == "timer"
    assert (event.data["entries"], event.data["winners_kept"]) == (1, 2)


def test_a_contest_without_results_is_not_wiped_by_accident(
    session: Session, settings: Settings
) -> None:
    contest = f.make_contest(session)
    f.make_entry(session, f.make_participant(session, contest, TARGET), "AnnaPost01x")
    now = purge_due_at(contest) + timedelta(days=1)
    with pytest.raises(UserFacingError, match="no results"):
        purge_contest(session, settings, contest, actor="timer", now=now)
    report = purge_contest(session, settings, contest, actor="cli", now=now, without_results=True)
    assert report.entries == 1 and session.scalars(select(Entry)).all() == []


def test_housekeeping_sweeps_old_orphan_files_only(session: Session, settings: Settings) -> None:
    contest = f.make_contest(session)
    entry = f.make_entry(session, f.make_participant(session, contest, OTHER), "BerndPost01")
    _, kept = f.make_photo(session, entry, settings.data_dir, content=f.photo_bytes("kept"))
    _, old_orphans = f.write_media(settings.data_dir, f.photo_bytes("left by a crash"))
    _, young_orphans = f.write_media(settings.data_dir, f.photo_bytes("ingest in progress"))
    stray = settings.data_dir / "originals" / "notes.txt"
    stray.write_text("not ours to judge")
    an_hour_ago = time.time() - 7200
    for path in [*old_orphans, stray]:
        os.utime(path, (an_hour_ago, an_hour_ago))
    report = housekeeping(session, settings, now=datetime.now(UTC))
    session.commit()
    assert sorted(report.orphan_files) == sorted(old_orphans)
    assert report.orphan_files_too_young == len(young_orphans)
    assert all(path.exists() for path in [*kept, *young_orphans, stray])
    assert not any(path.exists() for path in old_orphans)


def test_housekeeping_forgets_old_login_attempts(session: Session, settings: Settings) -> None:
    now = datetime.now(UTC)
    session.add_all(
        [
            LoginAttempt(key="orga|203.0.113.7", at=now - timedelta(days=40)),
            LoginAttempt(key="orga|203.0.113.7", at=now - timedelta(minutes=5)),
        ]
    )
    session.flush()
    dry = housekeeping(session, settings, now=now, dry_run=True)
    report = housekeeping(session, settings, now=now)
    assert dry.login_attempts == report.login_attempts == 1
    assert len(session.scalars(select(LoginAttempt)).all()) == 1
