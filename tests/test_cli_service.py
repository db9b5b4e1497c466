"""`dateline token create|list|revoke` and `dateline status`, run in-process on the test database."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.config import get_settings
from app.store.database import Database
from app.store.engine import transaction
from app.store.tokens import check_token


@pytest.fixture
def run(database_url: str, db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator:  # type: ignore[type-arg]
    monkeypatch.setenv("DATELINE_DATABASE_URL", database_url)
    get_settings.cache_clear()
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(cli, list(args))

    yield invoke
    get_settings.cache_clear()


def test_token_create_prints_a_working_token_once(run, db: Database) -> None:  # type: ignore[no-untyped-def]
    result = run("token", "create", "crawler")
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    assert token.startswith("dl_")
    with transaction(db.sessions) as session:
        check = check_token(session, token)
    assert check is not None and check.name == "crawler"
    again = run("token", "create", "crawler")
    assert again.exit_code == 2 and "exists already" in again.output


def test_token_list_and_revoke(run, db: Database) -> None:  # type: ignore[no-untyped-def]
    token = run("token", "create", "crawler").stdout.strip()
    assert "crawler\tactive" in run("token", "list").stdout
    assert run("token", "revoke", "crawler").exit_code == 0
    listed = run("token", "list").stdout
    assert "crawler (revoked #1)\trevoked" in listed
    with transaction(db.sessions) as session:
        assert check_token(session, token) is None
    missing = run("token", "revoke", "nobody")
    assert missing.exit_code == 2 and "no active token named 'nobody'" in missing.output


def test_status_prints_the_queue_and_json_for_scripts(run) -> None:  # type: ignore[no-untyped-def]
    text = run("status")
    assert text.exit_code == 0, text.output
    assert text.stdout.startswith("queue: 0 waiting, 0 being processed")
    data = json.loads(run("status", "--json").stdout)
    assert data["queue_depth"] == 0 and data["by_status"]["failed"] == 0
