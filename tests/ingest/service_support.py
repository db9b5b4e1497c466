"""Shared pieces of the ingestion-service tests: made-up articles, queueing them, the real
extractor loaded once, a local HTTP server for feeds, and `dateline` subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlalchemy import func, select

from app.config import Settings
from app.extract import Extractor
from app.store import ingest_queue
from app.store.database import Database
from app.store.engine import transaction
from app.store.ingest_queue import NewItem, PayloadType
from app.store.models import IngestItem
from tests.conftest import ROOT

_PLACES = ["Ohio", "Texas", "Maine", "Oregon", "Nevada", "Utah", "Iowa", "Idaho"]


@cache
def shared_extractor() -> Extractor:
    """The real spaCy pipeline, loaded once for every test that needs it."""
    return Extractor(Settings(_env_file=None).spacy_model)


def article_text(i: int) -> str:
    place = _PLACES[i % len(_PLACES)]
    return (
        f"Senator Jane Roe of {place} said on Tuesday that the committee would vote on water bill "
        f'number {i} next week. "We have waited long enough," Roe told reporters in Washington.\n\n'
        f"The measure, first proposed in March, would fund repairs in {i + 3} rural towns."
    )


def json_item(i: int, **fields: object) -> NewItem:
    record = {
        "title": f"Water bill {i}",
        "url": f"https://wire.example.com/water-{i}",
        "published": "2024-06-04",
        "source": "The Example Wire",
        "authors": ["Lee Park"],
        "text": article_text(i),
        **fields,
    }
    return NewItem(
        origin=f"test item {i}",
        payload=json.dumps(record),
        content_type=PayloadType.JSON,
        url=str(record["url"]) if record["url"] else None,
    )


def enqueue_all(db: Database, items: list[NewItem]) -> list[int]:
    with transaction(db.sessions) as session:
        return [ingest_queue.enqueue(session, item) for item in items]


def count_by_status(db: Database) -> dict[str, int]:
    with db.sessions() as session:
        rows = session.execute(select(IngestItem.status, func.count()).group_by(IngestItem.status))
        return {status: n for status, n in rows}


def wait_until(condition: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def start_dateline(
    database_url: str, *args: str, log: Path | None = None, **settings: object
) -> subprocess.Popen[str]:
    """`dateline ARGS` in a subprocess, with DATELINE_<NAME> settings; output to a pipe, or
    to the file `log` when the test must read it while the process runs."""
    env = {**os.environ, "DATELINE_DATABASE_URL": database_url}
    env.update({f"DATELINE_{name.upper()}": str(value) for name, value in settings.items()})
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=log.open("w") if log else subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


# --- a feed server ---------------------------------------------------------------------------


@dataclass
class FeedServer:
    """Serves `documents[path]` with an ETag; answers 304 to a matching If-None-Match."""

    documents: dict[str, bytes] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str], float]] = field(default_factory=list)
    port: int = 0
    status_override: dict[str, int] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def etag(self, path: str) -> str:
        return f'"v{hash(self.documents[path]) & 0xFFFFFFFF:x}"'


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append((self.path, dict(self.headers), time.monotonic()))
            if self.path in server.redirects:
                self.send_response(302)
                self.send_header("Location", server.redirects[self.path])
                self.end_headers()
                return
            if self.path in server.status_override:
                self.send_response(server.status_override[self.path])
                self.end_headers()
                return
            body = server.documents.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            etag = server.etag(self.path)
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", "Tue, 04 Jun 2024 09:15:00 GMT")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

    return Handler


@contextmanager
def feed_server(documents: dict[str, bytes] | None = None) -> Iterator[FeedServer]:
    state = FeedServer(documents=dict(documents or {}))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def read_feed(name: str) -> bytes:
    return (Path(__file__).resolve().parent.parent / "data" / name).read_bytes()
