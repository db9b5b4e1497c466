"""A feed server that sends a byte at a time holds up nothing but its own feed: a file dropped
meanwhile is stored, a body that trickles is cut off at the fetch's total deadline, and a poll
that hangs before its headers shows as stuck in /status, `dateline status` and /metrics. The
service still stops within 5 s of SIGTERM."""

from __future__ import annotations

import itertools
import multiprocessing
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.main import create_app
from app.store.database import Database
from app.store.engine import transaction
from app.store.models import FeedState, IngestItem
from app.store.tokens import create_token
from tests.conftest import ROOT
from tests.ingest.service_support import count_by_status, start_dateline, wait_until

pytestmark = pytest.mark.slow

START_TIMEOUT = 180.0
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>
<item><title>Slow news</title><link>https://slow.example.com/1</link>
<description>The council met on Monday and voted on the budget.</description></item>
</channel></rss>"""


def _serve_trickle(listener: socket.socket, headers_first: bool) -> None:
    """Answer every connection a byte every 0.2 s: headers at once and then the body
    (`headers_first`), or a header line that never ends."""

    def answer(conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
            if headers_first:
                conn.sendall(head + f"Content-Length: {len(FEED)}\r\n\r\n".encode())
                slow = iter(FEED)
            else:
                conn.sendall(head + b"X-Slow: ")
                slow = itertools.repeat(ord("a"))
            for byte in slow:
                time.sleep(0.2)
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

    while True:
        conn, _ = listener.accept()
        threading.Thread(target=answer, args=(conn,), daemon=True).start()


@contextmanager
def trickling_server(headers_first: bool) -> Iterator[str]:
    """A trickling HTTP server in a process of its own, so that the test's own work (building
    an app, say) cannot stall it and end the trickle early."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    process = multiprocessing.get_context("fork").Process(
        target=_serve_trickle, args=(listener, headers_first), daemon=True
    )
    process.start()
    listener.close()
    try:
        yield f"http://127.0.0.1:{port}/feed.rss"
    finally:
        process.kill()
        process.join()


def feed_state(db: Database, url: str) -> FeedState | None:
    with db.sessions() as session:
        return session.scalar(select(FeedState).where(FeedState.url == url))


@pytest.mark.long
def test_a_trickling_feed_holds_up_only_itself_and_shows_as_stuck(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    with transaction(db.sessions) as session:
        _, token = create_token(session, "monitor")
    settings = Settings(database_url=database_url, source_stuck_seconds=3, _env_file=None)
    with (
        TestClient(create_app(settings)) as client,
        trickling_server(headers_first=False) as hanging,
        trickling_server(headers_first=True) as trickling,
    ):
        log = tmp_path / "service.log"
        service = start_dateline(
            database_url,
            "service",
            log=log,
            feeds=f'["{hanging}", "{trickling}"]',
            watch_dirs=f'["{folder}"]',
            watch_poll_seconds=0.3,
            watch_settle_seconds=0.2,
            fetch_deadline_seconds=1.5,
            http_timeout_seconds=5,
            source_stuck_seconds=3,
        )
        try:
            assert wait_until(lambda: "working the queue" in log.read_text(), START_TIMEOUT), log.read_text()
            (folder / "news.txt").write_text("Budget vote\n\nThe council voted on the budget on Monday.\n")
            assert wait_until(lambda: count_by_status(db).get("done", 0) == 1, 60), log.read_text()
            hanging_state = feed_state(db, hanging)
            assert hanging_state is not None and hanging_state.poll_started_at is not None  # still in flight

            # the body that trickles is cut off at the deadline
            assert wait_until(
                lambda: (s := feed_state(db, trickling)) is not None and s.last_status == "error", 30
            )
            trickled = feed_state(db, trickling)
            assert trickled is not None and trickled.last_error == "took longer than 1.5 s in all"

            # the poll that hangs before its headers is stuck, and says so everywhere
            assert wait_until(lambda: "STUCK" in _cli_status(database_url), 30)
            public = client.get("/status").text
            health = re.search(r'id="health">([^<]*)<', public)
            assert health and health.group(1) == "Not healthy: 1 source stuck (feed).", health
            assert hanging not in public
            detailed = client.get("/status", headers={"Authorization": f"Bearer {token}"}).text
            assert "stuck: polling for" in detailed and hanging in detailed
            metrics = client.get("/metrics", headers={"Authorization": f"Bearer {token}"}).text
            assert "dateline_sources_stuck 1" in metrics
            assert f'dateline_source_stuck{{kind="feed",source="{hanging}"}} 1' in metrics
        finally:
            started = time.monotonic()
            service.send_signal(signal.SIGTERM)
            try:
                output, _ = service.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                service.kill()
                raise
    assert time.monotonic() - started < 5, "a stuck poll must not hold up the stop"
    assert service.returncode == 0, output
    with db.sessions() as session:
        origins = session.scalars(select(IngestItem.origin)).all()
    assert [o for o in origins if o.endswith("news.txt")]


def _cli_status(database_url: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "app.cli", "status"],
        cwd=ROOT,
        env={"DATELINE_DATABASE_URL": database_url, "DATELINE_SOURCE_STUCK_SECONDS": "3", "PATH": ""},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return out.stdout + out.stderr
