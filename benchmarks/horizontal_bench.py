"""Several `dateline service --worker-only` processes on one PostgreSQL: articles stored per
second with 1, 2 and 4 workers, and what they wait for.

    .venv/bin/python benchmarks/horizontal_bench.py --items 120 \\
        --admin-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres [--workers 1 2 4]

For each worker count a fresh database is created (and dropped after), migrated, and `--items`
White House items (spread evenly over ../shared/corpus/whitehouse, Markdown) are queued in it
the way the API queues a POST. Then the workers start together; the run ends when every item is
finished. Printed per run: items finished per second between the first claim and the last
finish (the model loads fall before it), the workers' CPU seconds per article (from /proc), and
lock waits sampled from pg_locks every 0.2 s: the share of samples in which some worker was
waiting on a lock, and on what (the `counters` row that every stored article adds to, a count
row, the queue). The machine is shared and has few cores: the load average is printed, and only
ratios within one run are worth comparing. Not a test.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.store.database import Database  # noqa: E402
from app.store.engine import transaction  # noqa: E402
from app.store.ingest_queue import NewItem, PayloadType, enqueue  # noqa: E402
from app.store.migrate import upgrade  # noqa: E402
from app.store.models import Article, IngestItem  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse"
LOCK_WAITS = """
    SELECT COALESCE(c.relname, l.locktype) FROM pg_locks l
    LEFT JOIN pg_class c ON c.oid = l.relation
    JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE NOT l.granted AND a.datname = :db
"""


def choose(count: int) -> list[Path]:
    paths = sorted(p for p in CORPUS.glob("**/*.md") if p.name.lower() != "readme-source.md")
    return paths[:: max(1, len(paths) // count)][:count]


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a live process (and its reaped children), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))
    return ticks / os.sysconf("SC_CLK_TCK")


class LockSampler:
    """Samples the lock waits of one database in a thread."""

    def __init__(self, admin_url: str, database: str) -> None:
        self.engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.database = database
        self.samples = 0
        self.waiting = 0
        self.on: Counter[str] = Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with self.engine.connect() as conn:
            while not self._stop.is_set():
                names = list(conn.scalars(text(LOCK_WAITS), {"db": self.database}))
                self.samples += 1
                if names:
                    self.waiting += 1
                    self.on.update(set(names))
                time.sleep(0.2)

    def __enter__(self) -> LockSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.engine.dispose()


def run(admin_url: str, files: list[Path], workers: int, batch: int | None) -> str:
    name = f"dateline_horizontal_{os.getpid()}_{workers}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        db = Database.open(url)
        upgrade(db.engine)
        with transaction(db.sessions) as session:
            for path in files:
                enqueue(
                    session,
                    NewItem(
                        origin=path.name, payload=path.read_text("utf-8"), content_type=PayloadType.MARKDOWN
                    ),
                )
        env = {**os.environ, "DATELINE_DATABASE_URL": url}
        if batch:
            env["DATELINE_SERVICE_BATCH_SIZE"] = str(batch)
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "app.cli", "service", "--worker-only"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(workers)
        ]
        cpu: dict[int, float] = {}
        try:
            with LockSampler(admin_url, name) as locks:
                while True:
                    with db.sessions() as session:
                        left = session.scalar(
                            select(func.count())
                            .select_from(IngestItem)
                            .where(IngestItem.status.in_(("queued", "processing")))
                        )
                    if not left:
                        break
                    if any(p.poll() is not None for p in procs):
                        raise SystemExit("a worker exited before the queue was empty")
                    for p in procs:
                        cpu[p.pid] = cpu_seconds(p.pid)
                    time.sleep(0.5)
        finally:
            for p in procs:
                p.send_signal(signal.SIGTERM)
            for p in procs:
                p.wait(timeout=120)
        with db.sessions() as session:
            first, last = session.execute(
                select(func.min(IngestItem.started_at), func.max(IngestItem.finished_at))
            ).one()
            stored = session.scalar(select(func.count()).select_from(Article)) or 0
            finished = session.scalar(select(func.count()).select_from(IngestItem)) or 0
        db.close()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    seconds = (last - first).total_seconds()
    share = 100 * locks.waiting / max(locks.samples, 1)
    on = ", ".join(f"{rel} {100 * n / max(locks.samples, 1):.0f}%" for rel, n in locks.on.most_common(4))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{workers} worker{'s' if workers > 1 else ' '}  {finished / seconds:5.2f} items/s  "
        f"{stored} stored in {seconds:5.1f} s  {sum(cpu.values()) / max(stored, 1):.2f} CPU-s/article "
        f"(model loads included)  lock wait in {share:.0f}% of samples{': ' + on if on else ''}  "
        f"[load {load}]"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--admin-url", required=True, help="a PostgreSQL database to create others from")
    ap.add_argument("--items", type=int, default=120)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--batch", type=int, default=None, help="items a worker claims at a time (setting)")
    args = ap.parse_args()
    files = choose(args.items)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{len(files)} White House items; {os.cpu_count()} CPUs; load average {load} at the start")
    rates = {}
    for workers in args.workers:
        line = run(args.admin_url, files, workers, args.batch)
        rates[workers] = float(line.split("items/s")[0].split()[-1])
        print(line, flush=True)
    base = rates.get(min(rates))
    print("  ".join(f"×{rate / base:.2f} with {w}" for w, rate in rates.items()) + f" (of {min(rates)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
