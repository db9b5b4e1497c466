"""On PostgreSQL the site's and the API's connections plan without parallel workers and JIT
compilation (a page reads a few thousand rows; starting workers or compiling cost more than
they save); other connections (the CLI's maintenance, the ingest workers) keep the server's
settings, and options a user put in the URL are theirs."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.store.database import Database
from tests.conftest import POSTGRES_URL

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="PostgreSQL only (TEST_DATABASE_URL)")


def _setting(db: Database, name: str = "max_parallel_workers_per_gather") -> str:
    try:
        with db.engine.connect() as connection:
            return connection.execute(text(f"SHOW {name}")).scalar_one()
    finally:
        db.close()


def test_pages_plan_without_parallel_workers_or_jit() -> None:
    assert _setting(Database.open(POSTGRES_URL)) != "0"
    assert _setting(Database.open(POSTGRES_URL, pages=True)) == "0"
    assert _setting(Database.open(POSTGRES_URL, pages=True), "jit") == "off"


def test_options_in_the_url_are_kept() -> None:
    url = make_url(POSTGRES_URL).update_query_dict({"options": "-c max_parallel_workers_per_gather=1"})
    assert _setting(Database.open(url.render_as_string(hide_password=False), pages=True)) == "1"
