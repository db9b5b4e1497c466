"""`dateline token create|list|revoke`, `dateline status` and `dateline queue retry`, run
in-process on the test database."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from app.cli import cli
from app.config import get_settings
from app.store import ingest_queue
from app.store.database import Database
from app.store.engine import transaction
from app.store.ingest_queue import NewItem, PayloadType
from app.store.models import IngestItem
from app.store.tokens import check_token


@pytest.fixture
def run(database_url: str, db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator:  # type: ignore[type-arg]
    monkeypatch.setenv("DATELINE_DATABASE_URL", database_url)
    get_settings.cache_clear()
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(cli, list(args))

    invoke.runner = runner  # type: ignore[attr-defined]
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


def test_queue_retry_queues_named_or_all_failed_items_again(run, db: Database) -> None:  # type: ignore[no-untyped-def]
    with transaction(db.sessions) as session:
        failed = [
            ingest_queue.record_failure(
                session, NewItem(f"input {i}", "", PayloadType.RECORD), "set aside: …"
            )
            for i in range(3)
        ]
    one = run("queue", "retry", str(failed[0]))
    assert one.exit_code == 0 and "1 item queued again" in one.output
    again = run("queue", "retry", str(failed[0]))  # queued now, not failed
    assert again.exit_code == 2 and "not failed" in again.output
    rest = run("queue", "retry", "--failed")
    assert rest.exit_code == 0 and "2 items queued again" in rest.output
    assert run("queue", "retry").exit_code == 2
    with db.sessions() as session:
        rows = session.execute(select(IngestItem.status, IngestItem.error)).all()
    assert {tuple(r) for r in rows} == {("queued", None)}


@pytest.mark.slow
def test_extract_reads_an_article_from_standard_input_as_its_help_says(run) -> None:  # type: ignore[no-untyped-def]
    result = run_with_input(run, "The council met in Paris on Tuesday, Mayor Anne Hidalgo said.\n")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert {"Paris", "Anne Hidalgo"} <= {e["name"] for e in document["entities"]}
    empty = run_with_input(run, "")
    assert empty.exit_code == 1 and "standard input: empty file" in empty.output


def run_with_input(run, text: str):  # type: ignore[no-untyped-def]
    return run.runner.invoke(cli, ["extract", "-"], input=text.encode())
