"""`dateline` commands: a thin shell over ingest, extract, store and the web app."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from app.config import get_settings

cli = typer.Typer(
    help="Dateline: policy-news timelines from articles.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
db_cli = typer.Typer(help="Database schema.", no_args_is_help=True)
token_cli = typer.Typer(help="API tokens for POST /api/v1/articles.", no_args_is_help=True)
stories_cli = typer.Typer(help="Stories: one happening across articles.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
queue_cli = typer.Typer(help="The ingest queue of `dateline service`.", no_args_is_help=True)
cli.add_typer(token_cli, name="token")
cli.add_typer(queue_cli, name="queue")
cli.add_typer(stories_cli, name="stories")


class OutputFormat(StrEnum):
    JSON = "json"


class InputFormat(StrEnum):
    AUTO = "auto"
    JSONL = "jsonl"


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


_PROCESSES = "Processes that extract: this one and N-1 workers."


@cli.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Article files, or - for standard input.")],
    format: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.JSON,
    input_format: Annotated[
        InputFormat,
        typer.Option(help='auto: article files; jsonl: lines of {"id", "text", "published"}.'),
    ] = InputFormat.AUTO,
) -> None:
    """Print the extraction (article, entities, quotes, dates, events) as JSON, storing nothing."""
    from app.ingest.preview import extract_files, extract_jsonl

    settings = get_settings()
    if input_format is InputFormat.JSONL:
        streams = [sys.stdin if p == "-" else open(p, encoding="utf-8") for p in paths]  # noqa: SIM115
        failed = 0
        for stream in streams:
            failed += extract_jsonl(stream, sys.stdout, settings)
        raise typer.Exit(1 if failed else 0)
    failed = extract_files(paths, sys.stdout, settings, stdin=sys.stdin.buffer)
    raise typer.Exit(1 if failed else 0)


def _database():  # type: ignore[no-untyped-def]
    from app.store.database import Database, SchemaOutOfDate

    db = Database.open(get_settings().database_url)
    try:
        db.ensure_schema()
    except SchemaOutOfDate as exc:
        _fail(str(exc))
    return db


@cli.command("snapshot")
def snapshot_command(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (walked recursively).")],
    out: Annotated[Path, typer.Option(help="The snapshot file to write (.jsonl.gz).")],
    source: Annotated[str | None, typer.Option(help="Publication name, as `ingest --source`.")] = None,
    processes: Annotated[int | None, typer.Option(help=_PROCESSES)] = None,
) -> None:
    """Extract articles and save the extractions for `dateline ingest --snapshot` (the demo's
    is demo/snapshot.jsonl.gz: `make demo-snapshot`). Stores nothing; exits 1 on any problem."""
    from app.extract.pipeline import PIPELINE_VERSION
    from app.ingest.batch import extract_paths
    from app.ingest.snapshot import write_snapshot

    pairs, problems = extract_paths(paths, get_settings(), source=source, processes=processes)
    for problem in problems:
        typer.echo(f"error: {problem}", err=True)
    count = write_snapshot(out, pairs, PIPELINE_VERSION)
    typer.echo(f"{count} articles extracted by pipeline {PIPELINE_VERSION} saved to {out}", err=True)
    raise typer.Exit(1 if problems else 0)


@db_cli.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Apply the database migrations (creates the SQLite file if needed)."""
    from app.store.database import Database
    from app.store.migrate import current_revision, upgrade

    db = Database.open(get_settings().database_url)
    upgrade(db.engine, revision)
    typer.echo(f"database at revision {current_revision(db.engine)}")
    if db.stories_missing():  # events stored before stories existed
        _rebuild_stories(db)


@db_cli.command("current")
def db_current() -> None:
    """Print the database's migration revision."""
    from app.store.database import Database
    from app.store.migrate import current_revision

    typer.echo(current_revision(Database.open(get_settings().database_url).engine) or "empty")


@cli.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (walked recursively) or feed URLs.")],
    source: Annotated[str | None, typer.Option(help="Publication name for these articles.")] = None,
    processes: Annotated[
        int | None,
        typer.Option(help=f"{_PROCESSES} (default: DATELINE_NLP_PROCESSES)"),
    ] = None,
    quiet: Annotated[bool, typer.Option(help="Only errors and the summary.")] = False,
    snapshot: Annotated[
        Path | None,
        typer.Option(
            help="Extractions saved by `dateline snapshot`: used for the articles it holds unchanged."
        ),
    ] = None,
) -> None:
    """Read articles, extract their facts and store them; already stored articles are skipped.
    Exits 1 when any input failed."""
    from app.extract.pipeline import PIPELINE_VERSION
    from app.ingest.batch import ingest_paths
    from app.ingest.snapshot import SnapshotError, read_snapshot

    saved = None
    if snapshot is not None:
        try:
            saved = read_snapshot(snapshot)
        except SnapshotError as exc:
            _fail(str(exc))
        if saved and saved.pipeline_version != PIPELINE_VERSION:
            typer.echo(
                f"note: {snapshot} was extracted by pipeline {saved.pipeline_version}, this is "
                f"{PIPELINE_VERSION}; `dateline reprocess` brings those articles up to date",
                err=True,
            )
    db = _database()
    reporter = ingest_paths(
        paths, db.sessions, get_settings(), source=source, processes=processes, quiet=quiet, snapshot=saved
    )
    typer.echo(reporter.close(), err=True)
    raise typer.Exit(1 if reporter.failed else 0)


@cli.command()
def reprocess(
    everything: Annotated[bool, typer.Option("--all", help="Re-extract every article.")] = False,
    processes: Annotated[int | None, typer.Option(help=_PROCESSES)] = None,
) -> None:
    """Re-extract the articles stored by an older pipeline version."""
    from app.ingest.batch import Ingester
    from app.ingest.progress import Reporter
    from app.ingest.reprocess import reprocess as run

    db = _database()
    reporter = Reporter(total=None)
    run(Ingester(db.sessions, get_settings(), processes=processes), reporter, everything=everything)
    typer.echo(reporter.close().replace("ingested", "re-extracted"), err=True)
    raise typer.Exit(1 if reporter.failed else 0)


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    reload: Annotated[bool, typer.Option(help="Restart on code changes (development).")] = False,
    with_worker: Annotated[
        bool, typer.Option(help="Also work the ingest queue in this process (small installs).")
    ] = False,
    started_at: Annotated[
        float | None,
        typer.Option(help="When setting up began (Unix time): print how long until the server answered."),
    ] = None,
) -> None:
    """Serve the web pages and the JSON API."""
    from contextlib import nullcontext

    import uvicorn

    _database().close()
    if started_at is not None:
        _announce_when_ready(f"http://{host}:{port}", started_at)
    if with_worker and (workers != 1 or reload):
        _fail("--with-worker runs one worker beside one web process: use it without --workers/--reload")
    worker = nullcontext()
    if with_worker:
        from app.ingest.service import background_service

        _log_service()
        worker = background_service(get_settings())
    with worker:
        uvicorn.run(
            "app.main:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            reload=reload,
            proxy_headers=True,
        )


def _announce_when_ready(url: str, started_at: float) -> None:
    """Print, once the server answers, how long it took since `started_at` (`make run`, the
    Docker image's first start)."""
    import threading
    import time

    import httpx2

    def wait() -> None:
        while True:
            try:
                httpx2.get(f"{url}/static/site.css", timeout=1)
            except httpx2.TransportError:
                time.sleep(0.2)
                continue
            typer.echo(f"Dateline is ready at {url}/ ({time.time() - started_at:.0f} s after the start)")
            return

    threading.Thread(target=wait, name="announce-ready", daemon=True).start()


# --- ingestion service ------------------------------------------------------------------------


def _log_service() -> None:
    import logging

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@cli.command()
def service(
    worker_only: Annotated[
        bool, typer.Option(help="Only work the queue; another service watches folders and polls feeds.")
    ] = False,
) -> None:
    """Run the ingester until stopped: watched folders, feeds and the POST queue, through the
    pipeline of `dateline ingest`. SIGTERM or Ctrl-C finishes the article in hand, puts the
    rest back in the queue and exits within DATELINE_SERVICE_STOP_SECONDS."""
    from app.ingest.service import IngestService

    _log_service()
    db = _database()
    try:
        tally = IngestService(get_settings(), db, producers=not worker_only).run()
    finally:
        db.close()
    typer.echo(f"{tally.stored} stored, {tally.duplicates} duplicates, {tally.failed} failed", err=True)
    _exit_now(0)


def _exit_now(code: int) -> None:
    """Exit without the interpreter's teardown: freeing a loaded spaCy model takes seconds,
    and a stopping service has a container's stop timeout to meet. Everything is committed
    and closed by now."""
    import logging
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


@cli.command()
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Queue depth, rates, workers, feeds and recent failures of the ingestion service."""
    from app.ingest.status_report import render_json, render_text
    from app.store.queries.ingest_status import ingest_status

    db = _database()
    with db.sessions() as session:
        snapshot = ingest_status(session, stuck_after_seconds=get_settings().source_stuck_seconds)
    db.close()
    typer.echo(render_json(snapshot) if as_json else render_text(snapshot))


@token_cli.command("create")
def token_create(name: Annotated[str, typer.Argument(help="Who or what the token is for.")]) -> None:
    """Make a token and print it, once: only its hash is stored."""
    from app.store.engine import transaction
    from app.store.tokens import TokenNameTaken, create_token

    db = _database()
    try:
        with transaction(db.sessions) as session:
            _, plain = create_token(session, name)
    except TokenNameTaken as exc:
        _fail(str(exc))
    finally:
        db.close()
    typer.echo(plain)
    typer.echo(f"token {name!r} created; it is shown only now. Use: Authorization: Bearer <token>", err=True)


@token_cli.command("list")
def token_list() -> None:
    """Tokens by name, with when they were made, last used and revoked."""
    from app.store.tokens import list_tokens

    db = _database()
    with db.sessions() as session:
        tokens = list_tokens(session)
    db.close()

    def when(moment) -> str:  # type: ignore[no-untyped-def]
        return f"{moment:%Y-%m-%d %H:%M}" if moment else "-"

    for t in tokens:
        state = f"revoked {when(t.revoked_at)}" if t.revoked_at else "active"
        typer.echo(f"{t.name}\t{state}\tcreated {when(t.created_at)}\tlast used {when(t.last_used_at)}")


@token_cli.command("revoke")
def token_revoke(name: Annotated[str, typer.Argument(help="The token's name.")]) -> None:
    """Revoke a token at once; requests with it get 401 from then on."""
    from app.store.engine import transaction
    from app.store.tokens import revoke_token

    db = _database()
    with transaction(db.sessions) as session:
        revoked = revoke_token(session, name)
    db.close()
    if not revoked:
        _fail(f"no active token named {name!r}")
    typer.echo(f"token {name!r} revoked", err=True)


@queue_cli.command("retry")
def queue_retry(
    ids: Annotated[
        list[int] | None, typer.Argument(help="Failed items to queue again (ids from `dateline status`).")
    ] = None,
    failed: Annotated[bool, typer.Option("--failed", help="Queue every failed item again.")] = False,
) -> None:
    """Queue failed or set-aside items again, their crash counts cleared."""
    from app.store.engine import transaction
    from app.store.ingest_queue import retry

    if not ids and not failed:
        _fail("name the items to retry, or give --failed for every failed one")
    db = _database()
    try:
        with transaction(db.sessions) as session:
            count = retry(session, ids or (), every_failed=failed)
    finally:
        db.close()
    typer.echo(f"{count} item{'s' if count != 1 else ''} queued again", err=True)
    if ids and count < len(set(ids)):
        _fail(f"{len(set(ids)) - count} of the items named are not failed (or do not exist)")


@stories_cli.command("rebuild")
def stories_rebuild() -> None:
    """Build every story again from the stored events, in ingest order: the stories an
    ingest from scratch would give."""
    _rebuild_stories(_database())


def _rebuild_stories(db) -> None:  # type: ignore[no-untyped-def]
    from app.store.stories import rebuild_stories

    result = rebuild_stories(db.sessions)
    typer.echo(f"stories rebuilt: {result.stories:,} stories from {result.events:,} events", err=True)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
