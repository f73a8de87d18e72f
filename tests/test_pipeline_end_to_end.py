"""The whole pipeline as an organiser runs it: instaloader folder -> `ingest dir` ->
`entries --format json`, with the verdicts a person would expect for each planted case."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageOps
from typer.testing import CliRunner

from cli.main import app
from contest.settings import Settings
from ingest.instaloader_files import FixturePost, write_post
from tests.ingest.factories import jpeg, scene
from tests.paths import PRESET

runner = CliRunner()
TAGS = "#ThüringenDownTown @downtownsnaps_th"
GOTHA = {"name": "Gotha", "lat": 50.9487, "lng": 10.7018}
MAY = datetime(2025, 5, 12, 9, 0, tzinfo=UTC)
SIZE = (800, 1000)


def photo_bytes(seed: int) -> bytes:
    return jpeg(scene(seed, SIZE))


def mirrored(seed: int) -> bytes:
    return jpeg(ImageOps.mirror(scene(seed, SIZE)), quality=70)


def planted_posts() -> list[FixturePost]:
    def make(code: str, user: str, hours: int, caption: str, **extra: object) -> FixturePost:
        return FixturePost(
            shortcode=code,
            username=user,
            posted_at=MAY + timedelta(hours=hours),
            caption=caption,
            **extra,  # type: ignore[arg-type]
        )

    return [
        make(
            "OKGOTHA01",
            "anna",
            0,
            f"Obere Hauptmarkt {TAGS}",
            location=GOTHA,
            images=[photo_bytes(1)],
            likes=120,
        ),
        make("OKMEININ1", "bernd", 1, f"Postgasse in Meiningen {TAGS}", images=[photo_bytes(2)]),
        make(
            "COPYSELF1",
            "anna",
            2,
            f"Nochmal Gotha {TAGS}",
            location=GOTHA,
            images=[jpeg(scene(1, SIZE), quality=60)],
        ),
        make(
            "COPYOTHER", "carla", 3, f"Gotha am Abend {TAGS}", location=GOTHA, images=[mirrored(2)]
        ),
        make("ERFURT001", "dora", 4, f"Domplatz Erfurt {TAGS}", images=[photo_bytes(4)]),
        make(
            "NOTAG0001", "emil", 5, "Marktplatz Ilmenau @downtownsnaps_th", images=[photo_bytes(5)]
        ),
        make("LATE00001", "fritz", 24 * 60, f"Gotha {TAGS}", images=[photo_bytes(6)]),
        make("VIDEO0001", "gina", 6, f"Gotha {TAGS}", is_video=True, images=[photo_bytes(7)]),
        make("BROKEN001", "hans", 7, f"Gotha {TAGS}", images=[b"\xff\xd8\xff not a jpeg"]),
    ]


@pytest.fixture
def exported(app_env: Settings, tmp_path: Path) -> dict[str, dict[str, object]]:
    folder = tmp_path / "#thüringendowntown"
    for post in planted_posts():
        write_post(folder, post)
    assert runner.invoke(app, ["init", "--contest", str(PRESET)]).exit_code == 0
    result = runner.invoke(app, ["ingest", "dir", str(folder), "--no-progress"])
    assert result.exit_code == 0, result.output
    listing = runner.invoke(app, ["entries", "--format", "json"])
    assert listing.exit_code == 0, listing.output
    return {row["shortcode"]: row for row in json.loads(listing.output)}


def test_every_planted_post_is_one_entry(exported: dict[str, dict[str, object]]) -> None:
    assert set(exported) == {post.shortcode for post in planted_posts()}


@pytest.mark.parametrize(
    ("shortcode", "status", "reason", "town"),
    [
        ("OKGOTHA01", "accepted", None, "Gotha"),
        ("OKMEININ1", "accepted", None, "Meiningen"),
        ("COPYSELF1", "rejected", "duplicate", "Gotha"),
        ("COPYOTHER", "review", "duplicate_other_account", "Gotha"),
        ("ERFURT001", "rejected", "town_not_eligible", "Erfurt"),
        ("NOTAG0001", "review", "missing_hashtag", "Ilmenau"),
        ("LATE00001", "rejected", "outside_period", "Gotha"),
        ("VIDEO0001", "rejected", "not_a_photo", "Gotha"),
        ("BROKEN001", "review", "image_unreadable", "Gotha"),
    ],
)
def test_verdicts_match_the_call_for_entries(
    exported: dict[str, dict[str, object]],
    shortcode: str,
    status: str,
    reason: str | None,
    town: str,
) -> None:
    row = exported[shortcode]
    assert row["status"] == status, row
    assert row["town"] == town
    assert row["decided_by"] == "rules"
    if reason is None:
        assert row["reasons"] == []
    else:
        assert reason in row["reasons"]


def test_duplicates_name_their_original(exported: dict[str, dict[str, object]]) -> None:
    assert exported["COPYSELF1"]["duplicate_of"] == "OKGOTHA01"
    assert exported["COPYOTHER"]["duplicate_of"] == "OKMEININ1"


def test_posted_at_is_iso_utc_and_likes_are_kept(exported: dict[str, dict[str, object]]) -> None:
    row = exported["OKGOTHA01"]
    assert row["likes"] == 120
    assert datetime.fromisoformat(str(row["posted_at"])) == MAY


def test_rerunning_the_import_changes_nothing(
    exported: dict[str, dict[str, object]], tmp_path: Path
) -> None:
    again = runner.invoke(
        app, ["ingest", "dir", str(tmp_path / "#thüringendowntown"), "--no-progress"]
    )
    assert again.exit_code == 0, again.output
    listing = json.loads(runner.invoke(app, ["entries", "--format", "json"]).output)
    assert {row["shortcode"]: row["status"] for row in listing} == {
        code: row["status"] for code, row in exported.items()
    }


def test_broken_image_bytes_are_really_undecodable() -> None:
    with pytest.raises(OSError):
        Image.open(io.BytesIO(b"\xff\xd8\xff not a jpeg")).load()
