"""A small contest scenario: a participant to forget, another who mentions her, a juror,
votes, a shortlist and results, with image files on disk."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from contest.audit import log_action
from contest.models import Contest, Entry, IngestRun, JurorConflict, Participant, User
from tests.contest import factories as f

TARGET = "anna.forget_me"
OTHER = "bernd_bleibt"


@dataclass
class World:
    contest: Contest
    anna: Participant
    bernd: Participant
    anna_entries: list[Entry]
    bernd_entry: Entry
    juror: User
    organiser: User
    # Image files (originals and derivatives) per shortcode.
    files: dict[str, list[Path]] = field(default_factory=dict)

    # Plain strings: the entries' ORM objects are gone once she is forgotten.
    anna_shortcodes: list[str] = field(default_factory=lambda: ["AnnaPost01x", "AnnaPost02y"])

    @property
    def anna_files(self) -> list[Path]:
        return self.files["AnnaPost01x"] + self.files["AnnaPost02y"]

    @property
    def bernd_files(self) -> list[Path]:
        return self.files["BerndPost01"]


def build_world(session: Session, data_dir: Path) -> World:
    contest = f.make_contest(session)
    anna = f.make_participant(session, contest, TARGET)
    bernd = f.make_participant(session, contest, OTHER)
    first = f.make_entry(
        session, anna, "AnnaPost01x", caption=f"Mein Lieblingsplatz in Gotha, Foto @{TARGET}"
    )
    second = f.make_entry(
        session,
        anna,
        "AnnaPost02y",
        caption="Postgasse am Abend",
        override_status="accepted",
        override_note=f"Ort geprüft, siehe Profil {TARGET}",
        override_by="orga",
    )
    bernd_entry = f.make_entry(
        session,
        bernd,
        "BerndPost01",
        caption=f"Gleicher Ort wie @{TARGET}, schöner Abend!",
        duplicate_of="AnnaPost02y",
        reason_details={"duplicate": {"of": "AnnaPost02y", "account": TARGET}},
    )
    juror = f.make_user(session, "jury.klara")
    organiser = f.make_user(session, "orga", role="organiser")
    world = World(contest, anna, bernd, [first, second], bernd_entry, juror, organiser)
    _, paths = f.make_photo(session, first, data_dir, content=f.photo_bytes("anna-1"))
    world.files["AnnaPost01x"] = paths
    for position, label in enumerate(["anna-2a", "anna-2b"]):
        _, paths = f.make_photo(
            session, second, data_dir, content=f.photo_bytes(label), position=position
        )
        world.files.setdefault("AnnaPost02y", []).extend(paths)
    _, world.files["BerndPost01"] = f.make_photo(
        session, bernd_entry, data_dir, content=f.photo_bytes("bernd-1")
    )
    f.make_like_readings(session, first, [3, 10, 25])
    f.make_like_readings(session, bernd_entry, [1, 2])

    round_ = f.make_round(session, contest)
    for entry, stars in [(first, 5), (second, 3), (bernd_entry, 4)]:
        f.shortlist(session, entry, rank=stars)
        f.judge(session, round_, entry, world.juror, stars)
    f.place(session, first, 1)
    f.place(session, bernd_entry, 2)
    session.add(
        JurorConflict(user_id=world.juror.id, contest_id=contest.id, kind="account", value=TARGET)
    )
    session.add(
        IngestRun(
            contest_id=contest.id,
            source="directory",
            status="completed",
            error_details=[{"shortcode": "AnnaPost01x", "message": f"slow image from {TARGET}"}],
        )
    )
    log_action(
        session,
        "entry.verdict.overridden",
        actor="orga",
        contest_id=contest.id,
        subject_type="entry",
        subject_id=second.id,
        shortcode="AnnaPost02y",
        participant=TARGET,
    )
    log_action(session, "contest.rules.updated", actor="orga", contest_id=contest.id)
    session.flush()
    return world
