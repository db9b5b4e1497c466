"""A live uvicorn server on a test database, for tests that need real HTTP from outside the
process (a browser, a client that must see the real headers)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx2

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server(database_url: str, **settings: object) -> Iterator[str]:
    """`uvicorn app.main:create_app` on a free port with DATELINE_<NAME> settings; yields its
    base URL once it answers, and stops it afterwards."""
    port = free_port()
    env = {**os.environ, "DATELINE_DATABASE_URL": database_url}
    env.update({f"DATELINE_{name.upper()}": str(value) for name, value in settings.items()})
    command = [sys.executable, "-m", "uvicorn", "--factory", "app.main:create_app", "--port", str(port)]
    process = subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # a loaded CI machine starts Python slowly
        while True:
            try:
                if httpx2.get(f"{base}/static/site.css", timeout=1).status_code == 200:
                    break
            except httpx2.TransportError:
                pass
            assert process.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
