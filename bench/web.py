"""Web benchmark: latency of the main pages under a bounded local load, as ratios to a floor.

For each database (SQLite, then PostgreSQL when reachable) it builds a fresh database with
10,000 entries and 10 jurors, starts `downtown-snap serve` on 127.0.0.1, and for each target
runs `--clients` concurrent clients for `--seconds` seconds, recording every request's latency.
The floor is `/ping`, a route of the same server that touches neither database nor templates;
absolute times on shared machines are unstable, ratios measured side by side are not.

Targets: the gallery `/`, an entry page, the jury task page and a vote. The database holds an
active rating round in which every bench juror has `JURY_TASKS` tasks; the jury targets log in
as a `bench-juror-N` user (password `BENCH_PASSWORD`) through the log-in form, like a browser,
and time that juror's task pages (GET) and vote submissions (POST with the form's CSRF token,
answered with 303 to the next task; the redirect is not followed). A target whose `prepare`
returns None prints `n/a`.

Run: `python bench/web.py` (options: --seconds, --clients, --entries, --postgres-url,
--no-postgres). The last line is the summary, worst over the databases:
`web: p95 gallery X ms, entry Y ms, jury Z ms, vote V ms, floor F ms, worst ratio R`.
Targets: each page's p95 within 4x the floor's p95, a vote within 5x.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import Connection, Engine, create_engine, insert, select, text
from sqlalchemy.engine import make_url

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from contest.accounts import hash_password  # noqa: E402
from contest.db import make_engine, normalise_database_url  # noqa: E402
from contest.models import (  # noqa: E402
    Assignment,
    Contest,
    Entry,
    Participant,
    Photo,
    Round,
    RoundEntry,
    RoundJuror,
    User,
)
from contest.schema import upgrade_to_head  # noqa: E402
from judging.ballots import RoundMethod  # noqa: E402

DEFAULT_POSTGRES_URL = "postgresql+psycopg://dsnap:dsnap@127.0.0.1:5432/dsnap_test"
BENCH_PASSWORD = "bench-password-1234"
JURORS = 10
JURY_TASKS = 60  # entries in the bench's jury round; every juror judges all of them
TOWNS = [f"Stadt {n:02d}" for n in range(40)]
PRESET = REPO_ROOT / "rules" / "contests" / "downtown-snaps-2025.toml"


@dataclass(frozen=True)
class RequestSpec:
    """One timed request; `paths` are drawn at random per request (e.g. many entry pages)."""

    method: str
    paths: tuple[str, ...]
    data: dict[str, str] | None = None
    cookies: dict[str, str] | None = None


@dataclass
class BenchContext:
    base_url: str
    shortcodes: list[str]
    juror_usernames: list[str]
    client: httpx.Client


@dataclass(frozen=True)
class Target:
    name: str
    max_ratio: float | None  # the goal, relative to the floor's p95
    prepare: Callable[[BenchContext], RequestSpec | None]


@dataclass
class Measurement:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
        return ordered[index]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")

    @property
    def p95(self) -> float:
        return self.percentile(0.95)


def prepare_floor(ctx: BenchContext) -> RequestSpec:
    return RequestSpec("GET", ("/ping",))


def prepare_gallery(ctx: BenchContext) -> RequestSpec:
    return RequestSpec("GET", ("/",))


def prepare_entry(ctx: BenchContext) -> RequestSpec:
    sample = random.Random(7).sample(ctx.shortcodes, min(500, len(ctx.shortcodes)))
    return RequestSpec("GET", tuple(f"/entries/{code}" for code in sample))


CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
TASK_LINK = re.compile(r'href="(/jury/tasks/\d+)"')
NEXT_LINK = re.compile(r'href="/jury/rounds/(\d+)/next"')


def log_in(base_url: str, username: str) -> httpx.Client:
    """A client signed in through the log-in form, as a browser would be."""
    client = httpx.Client(base_url=base_url, timeout=30)
    form = client.get("/login")
    token = CSRF_FIELD.search(form.text)
    if token is None:
        raise RuntimeError("the log-in page has no CSRF token")
    answer = client.post(
        "/login",
        data={"username": username, "password": BENCH_PASSWORD, "csrf_token": token.group(1)},
    )
    if answer.status_code != 303 or answer.headers.get("location") != "/jury":
        raise RuntimeError(f"log-in as {username} failed: {answer.status_code}")
    return client


def juror_task_paths(client: httpx.Client) -> tuple[str, ...]:
    """The signed-in juror's task pages, read from their round's page."""
    round_id = NEXT_LINK.search(client.get("/jury").text)
    if round_id is None:
        raise RuntimeError("the bench juror has no open round")
    round_page = client.get(f"/jury/rounds/{round_id.group(1)}").text
    return tuple(dict.fromkeys(TASK_LINK.findall(round_page)))


def prepare_jury(ctx: BenchContext) -> RequestSpec | None:
    """The jury task page: a juror's task pages, drawn at random, with their session cookie."""
    client = log_in(ctx.base_url, ctx.juror_usernames[0])
    try:
        return RequestSpec("GET", juror_task_paths(client), cookies=dict(client.cookies))
    finally:
        client.close()


def prepare_vote(ctx: BenchContext) -> RequestSpec | None:
    """A vote submission: another juror posts 4 stars to their tasks (later posts change the
    vote, as a juror editing their votes does; each is a vote and an audit row)."""
    client = log_in(ctx.base_url, ctx.juror_usernames[1])
    try:
        paths = juror_task_paths(client)
        token = CSRF_FIELD.search(client.get(paths[0]).text)
        if token is None:
            raise RuntimeError("the task page has no vote form")
        return RequestSpec(
            "POST",
            tuple(f"{path}/vote" for path in paths),
            data={"csrf_token": token.group(1), "stars": "4"},
            cookies=dict(client.cookies),
        )
    finally:
        client.close()


FLOOR = Target("floor", None, prepare_floor)
TARGETS = (
    Target("gallery", 4.0, prepare_gallery),
    Target("entry", 4.0, prepare_entry),
    Target("jury", 4.0, prepare_jury),
    Target("vote", 5.0, prepare_vote),
)


# ---------- the database ----------


def fill_database(engine: Engine, entries: int) -> list[str]:
    """A contest with `entries` accepted entries (one photo each), participants and jurors."""
    upgrade_to_head(engine)
    rng = random.Random(2025)
    start = datetime(2025, 5, 5, 8, 0, tzinfo=UTC)
    juror_hash = hash_password(BENCH_PASSWORD)
    with engine.begin() as connection:
        contest_id = connection.execute(
            insert(Contest).returning(Contest.id),
            {"slug": "bench", "name": "Bench Contest", "rules_toml": PRESET.read_text("utf-8")},
        ).scalar_one()
        participants = max(1, entries // 3)
        connection.execute(
            insert(Participant),
            [{"contest_id": contest_id, "username": f"user{n}"} for n in range(participants)],
        )
        participant_ids = list(connection.scalars(select(Participant.id)))
        shortcodes = [f"B{n:06d}x" for n in range(entries)]
        rows = []
        for index, shortcode in enumerate(shortcodes):
            status = "accepted" if index % 10 else rng.choice(["review", "rejected"])
            rows.append(
                {
                    "contest_id": contest_id,
                    "participant_id": participant_ids[index % len(participant_ids)],
                    "shortcode": shortcode,
                    "posted_at": start + timedelta(minutes=7 * index),
                    "caption": f"Blick über den Markt Nummer {index} #ThüringenDownTown",
                    "likes": rng.randrange(0, 800),
                    "source": "directory",
                    "status": status,
                    "rules_status": status,
                    "town": rng.choice(TOWNS),
                    "hashtags": ["thüringendowntown"],
                    "mentions": [],
                    "reasons": [],
                    "reason_details": {},
                }
            )
        for batch in range(0, len(rows), 2000):
            connection.execute(insert(Entry), rows[batch : batch + 2000])
        entry_ids = list(connection.execute(select(Entry.id, Entry.shortcode)))
        connection.execute(
            insert(Photo),
            [
                {
                    "entry_id": entry_id,
                    "position": 0,
                    "sha256": f"{entry_id:064x}",
                    "derivatives_ready": True,
                }
                for entry_id, _code in entry_ids
            ],
        )
        connection.execute(
            insert(User),
            [
                {
                    "username": f"bench-juror-{n}",
                    "display_name": f"Bench Juror {n}",
                    "role": "juror",
                    "password_hash": juror_hash,
                }
                for n in range(JURORS)
            ],
        )
        accepted = connection.scalars(
            select(Entry.shortcode).where(Entry.status == "accepted")
        ).all()
        add_jury_round(connection, contest_id, rng)
    return list(accepted)


def add_jury_round(connection: Connection, contest_id: int, rng: random.Random) -> None:
    """An active rating round: the first `JURY_TASKS` accepted entries, every juror on each,
    in a shuffled order per juror (the rows activation would have written)."""
    round_id = connection.execute(
        insert(Round).returning(Round.id),
        {
            "contest_id": contest_id,
            "sequence": 1,
            "name": "Bench-Runde",
            "method": "rating",
            "status": "active",
            "quorum": JURORS,
            "config": RoundMethod("rating").to_config(),
            "activated_at": datetime.now(UTC),
        },
    ).scalar_one()
    entry_ids = list(
        connection.scalars(
            select(Entry.id)
            .where(Entry.contest_id == contest_id, Entry.status == "accepted")
            .order_by(Entry.id)
            .limit(JURY_TASKS)
        )
    )
    juror_ids = list(connection.scalars(select(User.id).where(User.role == "juror")))
    connection.execute(
        insert(RoundJuror), [{"round_id": round_id, "user_id": user_id} for user_id in juror_ids]
    )
    connection.execute(
        insert(RoundEntry),
        [{"round_id": round_id, "entry_id": entry_id} for entry_id in entry_ids],
    )
    tasks = []
    for user_id in juror_ids:
        order = rng.sample(range(len(entry_ids)), len(entry_ids))
        tasks += [
            {"round_id": round_id, "entry_id": entry_id, "user_id": user_id, "sort_key": key}
            for entry_id, key in zip(entry_ids, order, strict=True)
        ]
    connection.execute(insert(Assignment), tasks)


class Database:
    """A throw-away database for one run: a SQLite file or a new PostgreSQL database."""

    def __init__(self, kind: str, workdir: Path, postgres_url: str | None) -> None:
        self.kind = kind
        self.name = f"dsnap_bench_{uuid.uuid4().hex[:8]}"
        self.admin_url = None
        if kind == "sqlite":
            self.url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        else:
            base = make_url(normalise_database_url(postgres_url or DEFAULT_POSTGRES_URL))
            self.admin_url = base.set(database="postgres")
            self.url = base.set(database=self.name).render_as_string(hide_password=False)

    def create(self) -> None:
        if self.admin_url is not None:
            admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{self.name}"'))
            admin.dispose()

    def drop(self) -> None:
        if self.admin_url is not None:
            admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
            admin.dispose()


def postgres_reachable(url: str) -> bool:
    try:
        engine = create_engine(
            make_url(normalise_database_url(url)).set(database="postgres"),
            connect_args={"connect_timeout": 3},
        )
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


# ---------- the server and the load ----------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(database_url: str, data_dir: Path, log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "DOWNTOWN_SNAP_DATABASE_URL": database_url,
        "DOWNTOWN_SNAP_DATA_DIR": str(data_dir),
        "DOWNTOWN_SNAP_ENV": "development",
        "DOWNTOWN_SNAP_CONTEST": "bench",
    }
    log = log_path.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=log_path.parent,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log_path.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(base_url + "/ping", timeout=1).status_code == 200:
                return process, base_url
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("server did not answer /ping within 30 s")


async def load(base_url: str, spec: RequestSpec, clients: int, seconds: float) -> Measurement:
    """`clients` concurrent loops, each sending the next request when the last one answered."""
    measurement = Measurement()
    rng = random.Random(11)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=base_url, limits=limits, timeout=30, cookies=spec.cookies
    ) as client:
        for path in spec.paths[:3]:  # warm up
            await client.request(spec.method, path, data=spec.data)
        stop_at = time.perf_counter() + seconds

        async def one_client() -> None:
            while time.perf_counter() < stop_at:
                path = rng.choice(spec.paths)
                began = time.perf_counter()
                try:
                    response = await client.request(spec.method, path, data=spec.data)
                    ok = response.status_code < 400
                except httpx.HTTPError:
                    ok = False
                elapsed = (time.perf_counter() - began) * 1000
                if ok:
                    measurement.latencies_ms.append(elapsed)
                else:
                    measurement.errors += 1

        await asyncio.gather(*(one_client() for _ in range(clients)))
    return measurement


@dataclass
class DatabaseResult:
    kind: str
    results: dict[str, Measurement | None]

    def p95(self, name: str) -> float | None:
        found = self.results.get(name)
        return found.p95 if found and found.latencies_ms else None

    def ratio(self, name: str) -> float | None:
        page, floor = self.p95(name), self.p95("floor")
        return page / floor if page is not None and floor else None


def run_database(kind: str, args: argparse.Namespace) -> DatabaseResult:
    workdir = Path(tempfile.mkdtemp(prefix=f"dsnap-bench-{kind}-"))
    database = Database(kind, workdir, args.postgres_url)
    process = None
    try:
        database.create()
        began = time.perf_counter()
        engine = make_engine(database.url)
        shortcodes = fill_database(engine, args.entries)
        engine.dispose()
        print(
            f"{kind}: filled {args.entries:,} entries, {JURORS} jurors "
            f"in {time.perf_counter() - began:.1f} s",
            flush=True,
        )
        process, base_url = start_server(database.url, workdir / "media", workdir / "server.log")
        with httpx.Client(base_url=base_url, timeout=30) as client:
            ctx = BenchContext(
                base_url, shortcodes, [f"bench-juror-{n}" for n in range(JURORS)], client
            )
            results: dict[str, Measurement | None] = {}
            for target in (FLOOR, *TARGETS):
                spec = target.prepare(ctx)
                if spec is None:
                    results[target.name] = None
                    continue
                results[target.name] = asyncio.run(load(base_url, spec, args.clients, args.seconds))
        return DatabaseResult(kind, results)
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        database.drop()
        shutil.rmtree(workdir, ignore_errors=True)


def describe(result: DatabaseResult) -> str:
    parts = []
    for name in ("floor", *(t.name for t in TARGETS)):
        measurement = result.results.get(name)
        if measurement is None or not measurement.latencies_ms:
            parts.append(f"{name} n/a")
            continue
        text_ = f"{name} p50 {measurement.p50:.1f} / p95 {measurement.p95:.1f} ms"
        text_ += f" ({len(measurement.latencies_ms)} requests"
        text_ += f", {measurement.errors} errors)" if measurement.errors else ")"
        ratio = result.ratio(name)
        if name != "floor" and ratio is not None:
            text_ += f" = {ratio:.1f}x"
        parts.append(text_)
    return f"{result.kind}: " + "; ".join(parts)


def summary(results: list[DatabaseResult]) -> str:
    """The last line: per target the worst p95 over the databases, and the worst ratio."""

    def worst(name: str) -> str:
        values = [v for v in (r.p95(name) for r in results) if v is not None]
        return f"{max(values):.1f} ms" if values else "n/a"

    ratios = [v for r in results for t in TARGETS if (v := r.ratio(t.name)) is not None]
    worst_ratio = f"{max(ratios):.1f}" if ratios else "n/a"
    return (
        f"web: p95 gallery {worst('gallery')}, entry {worst('entry')}, jury {worst('jury')}, "
        f"vote {worst('vote')}, floor {worst('floor')}, worst ratio {worst_ratio}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="load time per target")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("DOWNTOWN_SNAP_BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL),
        help="a PostgreSQL server where the benchmark may create and drop a database",
    )
    parser.add_argument("--no-postgres", action="store_true", help="measure SQLite only")
    args = parser.parse_args()

    kinds = ["sqlite"]
    if not args.no_postgres:
        if postgres_reachable(args.postgres_url):
            kinds.append("postgresql")
        else:
            print("postgresql: not reachable, skipped (see --postgres-url)", flush=True)
    results = []
    for kind in kinds:
        result = run_database(kind, args)
        print(describe(result), flush=True)
        results.append(result)
    for target in TARGETS:
        for result in results:
            ratio = result.ratio(target.name)
            if ratio is not None and target.max_ratio is not None and ratio > target.max_ratio:
                print(
                    f"{result.kind}: {target.name} is {ratio:.1f}x the floor "
                    f"(goal {target.max_ratio:.0f}x)",
                    flush=True,
                )
    print(summary(results), flush=True)


if __name__ == "__main__":
    main()
