"""Benchmark of the ingestion service (run by hand; not a test).

POSTs COUNT White House items (../shared/corpus/whitehouse, Markdown) from CONCURRENCY clients
on 127.0.0.1 to `dateline serve` while `dateline service` works the queue, waits until every
item is processed, checks that none was lost, and prints accepted/s, processed/s and the
ratio of processed/s to `dateline ingest` of the same files into a fresh database.

    .venv/bin/python benchmarks/ingest_service_bench.py                # 2,000 items, SQLite
    .venv/bin/python benchmarks/ingest_service_bench.py --count 200 --skip-baseline
    .venv/bin/python benchmarks/ingest_service_bench.py --database-url postgresql+psycopg://...

With --database-url, the database must be empty (or at least hold none of these articles);
the baseline always runs on a fresh SQLite file.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.store.database import Database  # noqa: E402
from app.store.engine import transaction  # noqa: E402
from app.store.migrate import upgrade  # noqa: E402
from app.store.models import Article, IngestItem  # noqa: E402
from app.store.tokens import create_token  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse"


def pick_files(corpus: Path, count: int) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*.md") if p.name.lower() != "readme-source.md")
    if len(files) < count:
        raise SystemExit(f"{corpus} holds {len(files)} Markdown files, fewer than {count}")
    return files[:count]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dateline(
    database_url: str, *args: str, log: Path | None = None, **settings: object
) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATELINE_DATABASE_URL": database_url}
    env.update({f"DATELINE_{k.upper()}": str(v) for k, v in settings.items()})
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=env, stdout=out, stderr=out
    )


def wait_for_server(base: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"{base}/status", timeout=2).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("dateline serve did not come up")


def post_all(base: str, token: str, files: list[Path], clients: int) -> tuple[int, list[str], float]:
    """POST every file; returns (accepted, problems, seconds from first request to last answer)."""
    local = threading.local()
    problems: list[str] = []

    def client() -> httpx2.Client:
        if not hasattr(local, "client"):
            local.client = httpx2.Client(
                base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120
            )
        return local.client

    def post(path: Path) -> bool:
        response = client().post(
            "/api/v1/articles",
            content=path.read_bytes(),
            headers={"Content-Type": "text/markdown; charset=utf-8"},
        )
        if response.status_code != 202:
            problems.append(f"{path.name}: {response.status_code} {response.text[:200]}")
            return False
        return True

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        accepted = sum(pool.map(post, files))
    return accepted, problems, time.monotonic() - started


def wait_until_processed(db: Database, total: int, service: subprocess.Popen[bytes]) -> None:
    last_report = 0.0
    while True:
        with db.sessions() as session:
            counts = dict(
                session.execute(select(IngestItem.status, func.count()).group_by(IngestItem.status)).all()
            )
        finished = sum(counts.get(s, 0) for s in ("done", "duplicate", "failed"))
        if finished >= total:
            return
        if service.poll() is not None:
            raise SystemExit(f"dateline service exited ({service.returncode}) with {counts}")
        if time.monotonic() - last_report > 15:
            print(f"  ... {finished:,}/{total:,} processed {counts}", flush=True)
            last_report = time.monotonic()
        time.sleep(1)


def processing_window(db: Database) -> tuple[float, dict[str, int], int]:
    """(seconds from the first claim to the last finish, items by status, articles stored)."""
    with db.sessions() as session:
        first, last = session.execute(
            select(func.min(IngestItem.started_at), func.max(IngestItem.finished_at))
        ).one()
        counts = dict(
            session.execute(select(IngestItem.status, func.count()).group_by(IngestItem.status)).all()
        )
        articles = session.scalar(select(func.count()).select_from(Article)) or 0
    return (last - first).total_seconds(), counts, articles


def baseline(files: list[Path], workdir: Path) -> tuple[float, int, str]:
    """`dateline ingest` of the same files into a fresh SQLite database:
    (wall seconds, articles stored, its last line of output)."""
    folder = workdir / "baseline-input"
    folder.mkdir()
    for i, path in enumerate(files):
        (folder / f"{i:05d}-{path.name}").symlink_to(path)
    url = f"sqlite:///{workdir / 'baseline.sqlite'}"
    env = {**os.environ, "DATELINE_DATABASE_URL": url}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "ingest", "--quiet", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.monotonic() - started
    last_line = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
    db = Database.open(url)
    with db.sessions() as session:
        stored = session.scalar(select(func.count()).select_from(Article)) or 0
    db.close()
    return elapsed, stored, last_line


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--database-url")
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()

    files = pick_files(args.corpus, args.count)
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    print(f"{len(files):,} files ({megabytes:.1f} MB) from {args.corpus}, {args.clients} clients")
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        workdir = Path(tmp)
        url = args.database_url or f"sqlite:///{workdir / 'service.sqlite'}"
        db = Database.open(url)
        upgrade(db.engine)
        with transaction(db.sessions) as session:
            _, token = create_token(session, f"bench-{os.getpid()}")

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = dateline(
            url, "serve", "--port", str(port), log=workdir / "serve.log", post_rate_per_minute=10**9
        )
        service = dateline(url, "service", log=workdir / "service.log")
        try:
            wait_for_server(base)
            accepted, problems, post_seconds = post_all(base, token, files, args.clients)
            rate = accepted / post_seconds
            print(f"accepted {accepted:,}/{len(files):,} in {post_seconds:.1f} s: {rate:,.1f}/s")
            for problem in problems[:10]:
                print("  refused:", problem)
            wait_until_processed(db, accepted, service)
        finally:
            for process in (server, service):
                process.send_signal(signal.SIGTERM)
            for process in (server, service):
                process.wait(timeout=120)
        seconds, counts, articles = processing_window(db)
        total = sum(counts.values())
        lost = accepted - total
        processed_rate = total / seconds
        print(
            f"processed {total:,} in {seconds:.1f} s: {processed_rate:.2f}/s "
            f"({counts.get('done', 0):,} stored, {counts.get('duplicate', 0):,} duplicates, "
            f"{counts.get('failed', 0):,} failed; {articles:,} articles); lost: {lost}"
        )
        db.close()
        if args.skip_baseline:
            return
        print("baseline: dateline ingest of the same files ...", flush=True)
        ingest_seconds, ingest_stored, last_line = baseline(files, workdir)
        ingest_rate = ingest_stored / ingest_seconds
        took = f"{ingest_seconds:.1f} s"
        print(f"dateline ingest: {ingest_stored:,} articles stored in {took}: {ingest_rate:.2f}/s")
        print(f"  its last line: {last_line}")
        # Compared per stored article: duplicates cost the worker almost nothing, and a run
        # of `dateline ingest` that stops early has still stored what it stored.
        stored_rate = counts.get("done", 0) / seconds
        print(f"service: {stored_rate:.2f} articles stored/s")
        print(
            f"ratio service ÷ dateline ingest (articles stored per second): {stored_rate / ingest_rate:.2f}"
        )


if __name__ == "__main__":
    main()
