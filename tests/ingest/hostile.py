"""Hostile instaloader folders for the fuzz tests, and what every run must still guarantee.

Each fuzz example gets a contest of its own with two honest entries already stored, then imports
a folder of hostile files into it. Whatever the files hold, the import must finish, leave the
honest entries as they were, and account for every hostile metadata file: a per-post error that
names the file and says what is wrong, a stored entry, or a file passed over as not a post.
"""

from __future__ import annotations

import json
import lzma
import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from contest.models import Entry, IngestRun
from contest.services import upsert_contest
from contest.settings import Settings
from ingest.instaloader_files import FixturePost, base_name, write_post
from ingest.job import ingest_directory
from ingest.media_paths import original_path
from tests.ingest.factories import START, photo, post
from tests.paths import PRESET

# The whole fuzz set has to stay well under a minute on two shared cores; set
# DOWNTOWN_SNAP_FUZZ_EXAMPLES=500 (say) for a longer hunt before a release.
FUZZ = settings(
    max_examples=int(os.environ.get("DOWNTOWN_SNAP_FUZZ_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

HONEST = ("gut_anna", "gut_bernd")
HASHTAG = "#ThüringenDownTown @downtownsnaps_th"

# ----------------------------------------------------------------------------- strategies

HUGE_NUMBERS = st.sampled_from(
    [2**31, 2**63, 2**64 + 1, -(2**63) - 1, 10**30, -1, 1e308, -1e308, 10**400]
)
SPECIAL_FLOATS = st.sampled_from([float("nan"), float("inf"), float("-inf"), -0.0, 5e-324])
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | HUGE_NUMBERS
    | st.floats()
    | SPECIAL_FLOATS
    | st.text(max_size=20)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)

# Text that has broken parsers before: normalisation forms, bidi controls, zero-width characters,
# emoji sequences, lone surrogates (JSON can carry them as \ud83d), NUL, line separators.
TRICKY_PIECES = [
    "Thu\u0308ringenDownTown",  # NFD ü
    "#Thu\u0308ringenDownTown",
    "#ThüringenDownTown",
    "#THÜRINGENDOWNTOWN",
    "Zella-Mehlis",
    "Gotha",
    "\u202eamtahsuoH\u202c",  # right-to-left override
    "\u200f\u05e9\u05dc\u05d5\u05dd\u200e",  # Hebrew between RLM/LRM
    "\u0645\u0631\u062d\u0628\u0627",  # Arabic
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",  # byte order mark
    "\u2028\u2029",  # line and paragraph separators
    "👨\u200d👩\u200d👧",  # family emoji (ZWJ sequence)
    "🇩🇪",  # flag (regional indicators)
    "🏳️\u200d🌈",
    "\ud83d",  # lone high surrogate
    "\udc00",  # lone low surrogate
    "\x00",
    "\x1b[31m",
    "\r\n",
    "\ufffd",
    "\U0010ffff",
    "e\u0301\u0301\u0301\u0301",  # stacked combining marks
    "@downtownsnaps_th",
    "#",
    "@",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
]
ANY_CHARACTER = st.characters(codec=None, exclude_categories=())
TRICKY_TEXT = st.lists(
    st.sampled_from(TRICKY_PIECES) | st.text(ANY_CHARACTER, max_size=8), max_size=12
).map("".join)
LONG_TEXT = st.tuples(TRICKY_TEXT.filter(bool), st.integers(500, 20_000)).map(
    lambda pair: (pair[0] * pair[1])[:120_000]
)
HOSTILE_TEXT = TRICKY_TEXT | LONG_TEXT


# ------------------------------------------------------------------------------ writing files


def write_document(path: Path, document: Any) -> Path:
    """Serialise a metadata document exactly as instaloader's `save_structure_to_file` does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.name.endswith(".xz"):
        with lzma.open(path, "wt", check=lzma.CHECK_NONE, encoding="utf-8") as stream:
            json.dump(document, stream, separators=(",", ":"))
    else:
        path.write_text(json.dumps(document, indent=4, sort_keys=True), encoding="utf-8")
    return path


def post_document(node: Any, node_type: Any = "Post") -> dict[str, Any]:
    return {"node": node, "instaloader": {"version": "4.16", "node_type": node_type}}


def stem(index: int) -> str:
    """A distinct instaloader base name per hostile post of one folder."""
    return base_name(START + timedelta(days=3, minutes=index))


@cache
def small_photo(seed: int) -> bytes:
    return photo(seed, (64, 80))


def hostile_post(index: int, *, images: int = 1, **fields: Any) -> FixturePost:
    """The honest starting point that a fuzz example then damages; never clashes with HONEST."""
    fields.setdefault("caption", f"Marktplatz {HASHTAG}")
    return FixturePost(
        shortcode=f"Fz{index:09d}",
        username=f"fuzz_{index}",
        posted_at=START + timedelta(days=3, minutes=index),
        images=[small_photo(1000 + 10 * index + i) for i in range(images)],
        **fields,
    )


def claimed_shortcode(document: Any) -> str | None:
    """The shortcode a metadata document names, if any (what an entry would be stored under)."""
    if not isinstance(document, dict):
        return None
    node = document.get("node")
    if not isinstance(node, dict):
        return None
    value = node.get("shortcode") or node.get("code")
    return str(value) if value else None


# ------------------------------------------------------------------------------- the harness


@dataclass
class Snapshot:
    """What must not change about an honest entry when hostile files are imported beside it."""

    fields: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, session: Session, contest_id: int) -> Snapshot:
        entries = session.scalars(
            select(Entry)
            .where(Entry.contest_id == contest_id, Entry.shortcode.like("Cx%"))
            .options(selectinload(Entry.photos), selectinload(Entry.like_readings))
        )
        return cls(
            {
                entry.shortcode: (
                    entry.participant.username,
                    entry.caption,
                    entry.likes,
                    entry.location_name,
                    entry.status,
                    tuple(entry.reasons),
                    tuple(photo.sha256 for photo in entry.photos),
                    len(entry.like_readings),
                )
                for entry in entries
            }
        )


@dataclass
class Imported:
    """One hostile run, ready for the checks below."""

    run: IngestRun
    contest_id: int
    files: list[Path]
    entries: dict[str, Entry]
    errors: dict[str, str]  # file path -> message

    def entry_for(self, document: Any) -> Entry | None:
        shortcode = claimed_shortcode(document)
        return self.entries.get(shortcode) if shortcode else None


class FuzzHarness:
    def __init__(self, sessions: sessionmaker[Session], settings: Settings) -> None:
        self.sessions = sessions
        self.settings = settings

    def _contest(self) -> int:
        with self.sessions() as session:
            contest, _created = upsert_contest(
                session,
                slug=f"fuzz-{uuid.uuid4().hex[:12]}",
                name="Fuzz",
                rules_toml=PRESET.read_text(encoding="utf-8"),
                source=str(PRESET),
                actor="test",
            )
            session.commit()
            return contest.id

    def _ingest(self, contest_id: int, folder: Path) -> IngestRun:
        return ingest_directory(
            self.sessions,
            self.settings,
            contest_id,
            folder,
            derivatives=False,
            show_progress=False,
            workers=1,
        )

    @contextmanager
    def folder(self) -> Iterator[Path]:
        with tempfile.TemporaryDirectory(prefix="fuzz-") as scratch:
            yield Path(scratch) / "#thüringendowntown"

    def import_hostile(self, write: Callable[[Path], list[Path]]) -> Imported:
        """Store the honest entries, import what `write` put in a folder, check the invariants."""
        contest_id = self._contest()
        with tempfile.TemporaryDirectory(prefix="honest-") as scratch:
            honest = Path(scratch)
            for number, username in enumerate(HONEST, start=1):
                write_post(honest, post(number, username=username, images=[small_photo(number)]))
            self._ingest(contest_id, honest)
        with self.sessions() as session:
            before = Snapshot.of(session, contest_id)
        with self.folder() as folder:
            files = write(folder)
            run = self._ingest(contest_id, folder)  # must not raise, whatever the files hold
        with self.sessions() as session:
            after = Snapshot.of(session, contest_id)
            entries = {
                entry.shortcode: entry
                for entry in session.scalars(
                    select(Entry)
                    .where(Entry.contest_id == contest_id)
                    .options(selectinload(Entry.photos), selectinload(Entry.participant))
                )
            }
            stored_run = session.get(IngestRun, run.id)
            assert stored_run is not None
        assert stored_run.status == "completed", stored_run.message
        assert after == before, "the honest entries changed"
        errors = {detail["where"]: detail["message"] for detail in stored_run.error_details}
        assert len(errors) == stored_run.errors, "one error per file, every error kept"
        wanted = {str(path) for path in files}
        assert set(errors) <= wanted, f"errors about files that are not hostile: {errors}"
        for where, message in errors.items():
            assert_clear(message, where)
        imported = Imported(stored_run, contest_id, files, entries, errors)
        for entry in entries.values():
            self.assert_entry_sound(entry)
        return imported

    def assert_entry_sound(self, entry: Entry) -> None:
        """A stored entry has a verdict, and its photos are either stored or say why not."""
        assert entry.verdict_computed_at is not None and entry.status in {
            "accepted",
            "review",
            "rejected",
        }
        for photo_row in entry.photos:
            if photo_row.unreadable_reason is None:
                assert photo_row.sha256 and photo_row.phash is not None
                assert original_path(self.settings.data_dir, photo_row.sha256).is_file()
            else:
                assert photo_row.sha256 is None
        if entry.photos and entry.photos[0].unreadable_reason is not None:
            assert "image_unreadable" in entry.reasons and entry.status != "accepted"
        if not entry.photos and not entry.is_video:  # nothing a jury could look at
            assert entry.status != "accepted", (entry.shortcode, entry.typename)


def assert_clear(message: str, where: str) -> None:
    """An error people can act on: anticipated (not a bare exception) and about the post."""
    assert message.strip(), f"empty message for {where}"
    assert not message.startswith("unexpected"), f"{where}: {message}"
    assert "could not be stored" not in message, f"{where}: {message}"


def assert_accounted_for(imported: Imported, documents: dict[Path, Any]) -> None:
    """Every hostile metadata file is an error naming it, a stored entry, or not a post."""
    for path, document in documents.items():
        if str(path) in imported.errors:
            continue
        if imported.entry_for(document) is not None:
            continue
        node_type = document.get("instaloader", {}) if isinstance(document, dict) else None
        assert isinstance(node_type, dict) and node_type.get("node_type") != "Post", (
            f"{path.name} vanished: no error, no entry ({document!r:.300})"
        )
