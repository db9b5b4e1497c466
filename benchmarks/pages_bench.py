"""Server time of the pages on a database of at least 5,000 ingested articles.

    .venv/bin/python benchmarks/pages_bench.py                 # builds benchmarks/data/bench.sqlite once
    .venv/bin/python benchmarks/pages_bench.py --database sqlite:////tmp/other.sqlite --runs 100

The database is built on first use by `dateline ingest ../shared/corpus/whitehouse` (6,050
White House items; about an hour per thousand articles on two busy cores) and reused after.
Requests go in-process through the ASGI app; a middleware around the app times each one from
the request to the last byte of its response, so the numbers are server time, not client or
network time. A tiny route measured in the same run is the baseline: the ratio says what a page
costs beyond the framework itself. Run it by hand; it is not a test.

The timeline opens one row per story; its report view, a story page, key events and the
stories API are measured too. Without hours to extract 5,000 articles, a database of the same
shape can be made from the demo's extractions stored a dozen times a year apart:
`benchmarks/stories_bench.py --copies 12 --database-url sqlite:////tmp/x.sqlite`, then
`pages_bench.py --database sqlite:////tmp/x.sqlite --no-build`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.main import create_app  # noqa: E402
from app.store.database import Database  # noqa: E402
from app.store.models import Article, Entity, Event, Story  # noqa: E402

DEFAULT_DATABASE = f"sqlite:///{ROOT / 'benchmarks' / 'data' / 'bench.sqlite'}"
CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse"
MIN_ARTICLES = 5000
BUDGET_MS = 50.0  # the median each required page must stay under

Scope = MutableMapping[str, Any]
ASGI = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]


class ServerTimer:
    """ASGI middleware: the time from a request's arrival to its response's last byte, as wall
    time and as the process's CPU time (the client waits meanwhile, so that is the server's:
    a figure that a busy machine inflates much less than wall time)."""

    def __init__(self, app: ASGI) -> None:
        self.app = app
        self.last_ms = 0.0
        self.last_cpu_ms = 0.0

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start, start_cpu = time.perf_counter(), time.process_time()

        async def timed_send(message: Any) -> None:
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.last_ms = (time.perf_counter() - start) * 1000
                self.last_cpu_ms = (time.process_time() - start_cpu) * 1000

        await self.app(scope, receive, timed_send)


def article_count(database_url: str) -> int:
    db = Database.open(database_url)
    try:
        db.ensure_schema()
        with db.sessions() as session:
            return session.scalar(select(func.count()).select_from(Article)) or 0
    finally:
        db.close()


def build(database_url: str, processes: int) -> None:
    print(f"building {database_url} from {CORPUS} (this takes hours; it is reused afterwards)", flush=True)
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "app.cli",
        "ingest",
        str(CORPUS),
        "--processes",
        str(processes),
        "--quiet",
    ]
    subprocess.run(command, cwd=ROOT, env={**os.environ, "DATELINE_DATABASE_URL": database_url}, check=False)


def busiest(database_url: str) -> tuple[str, int, int]:
    """The most-mentioned entity's slug, the number of events and the deepest timeline page."""
    db = Database.open(database_url)
    try:
        with db.sessions() as session:
            slug = session.scalar(select(Entity.slug).order_by(Entity.mention_count.desc()).limit(1)) or ""
            events = session.scalar(select(func.count()).select_from(Event)) or 0
            mentions = session.scalar(select(func.max(Entity.mention_count))) or 0
            return slug, events, mentions
    finally:
        db.close()


def biggest_story(database_url: str) -> int | None:
    """The story with the most reports: the heaviest story page."""
    db = Database.open(database_url)
    try:
        with db.sessions() as session:
            return session.scalar(select(Story.id).order_by(Story.report_count.desc(), Story.id).limit(1))
    finally:
        db.close()


def measure(
    client: TestClient, timer: ServerTimer, url: str, runs: int, warmup: int = 3
) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of `runs` requests to `url`."""
    for _ in range(warmup):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.text[:300])
    wall, cpu = [], []
    for _ in range(runs):
        client.get(url)
        wall.append(timer.last_ms)
        cpu.append(timer.last_cpu_ms)
    return wall, cpu


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE, help="database URL (built when too small)")
    parser.add_argument("--runs", type=int, default=60, help="timed requests per page")
    parser.add_argument("--processes", type=int, default=2, help="extraction processes when building")
    parser.add_argument("--no-build", action="store_true", help="measure whatever the database holds")
    args = parser.parse_args()

    count = article_count(args.database)
    if count < MIN_ARTICLES and not args.no_build:
        build(args.database, args.processes)
        count = article_count(args.database)
    slug, events, mentions = busiest(args.database)
    print(f"database: {args.database}")
    print(f"{count:,} articles, {events:,} events; most mentioned: {slug} ({mentions:,} mentions)")
    if count < MIN_ARTICLES:
        print(f"NOTE: fewer than {MIN_ARTICLES:,} articles; the numbers below do not meet the brief")

    app = create_app(Settings(database_url=args.database, _env_file=None))
    app.add_api_route("/__baseline", lambda: PlainTextResponse("ok"), include_in_schema=False)
    timer = ServerTimer(app)
    story = biggest_story(args.database)
    required = {
        "/timeline (one row per story)": "/timeline",
        "/timeline?entity={most mentioned} (stories)": f"/timeline?entity={slug}",
        "/entities/{most mentioned}": f"/entities/{slug}",
        "/quotes": "/quotes",
        "/search?q=ukraine": "/search?q=ukraine",
        "/search?q=president biden": "/search?q=president+biden",
    }
    others = {
        "/": "/",
        "/timeline?group=month&from=2023&to=2024": "/timeline?group=month&from=2023&to=2024",
        "/timeline?view=reports (every report)": "/timeline?view=reports",
        f"/timeline?entity={slug}&view=reports": f"/timeline?entity={slug}&view=reports",
        "/timeline?q=summit": "/timeline?q=summit",
        "/stories/{most reported}": f"/stories/{story}",
        "/key-events": "/key-events",
        "/key-events?entity={most mentioned}": f"/key-events?entity={slug}",
        "/api/v1/stories": "/api/v1/stories",
        "/entities": "/entities",
        "/articles": "/articles",
        "/quotes?speaker={most mentioned}": f"/quotes?speaker={slug}",
    }
    rows = []
    with TestClient(timer) as client:  # type: ignore[arg-type]
        baseline = statistics.median(measure(client, timer, "/__baseline", args.runs)[0])
        for group, pages in (("required", required), ("other", others)):
            for label, url in pages.items():
                wall, cpu = measure(client, timer, url, args.runs)
                rows.append((group, label, statistics.median(wall), p95(wall), statistics.median(cpu)))

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nserver time over {args.runs} requests each; load average {load} on {os.cpu_count()} CPUs")
    print(f"baseline (a plain-text route): median {baseline:.2f} ms\n")
    print(f"{'page':44} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>8} {'× baseline':>11}")
    failed = False
    for group, label, median, high, cpu in rows:
        over = group == "required" and median >= BUDGET_MS
        failed |= over
        flag = "  OVER BUDGET" if over else ""
        print(f"{label:44} {median:10.1f} {high:8.1f} {cpu:8.1f} {median / baseline:11.1f}{flag}")
    print(f"\nrequired pages: median under {BUDGET_MS:.0f} ms: {'no' if failed else 'yes'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
