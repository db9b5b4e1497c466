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
cli.add_typer(db_cli, name="db")
cli.add_typer(token_cli, name="token")


class OutputFormat(StrEnum):
    JSON = "json"


class InputFormat(StrEnum):
    AUTO = "auto"
    JSONL = "jsonl"


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


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
    failed = extract_files([Path(p) for p in paths], sys.stdout, settings)
    raise typer.Exit(1 if failed else 0)


def _database():  # type: ignore[no-untyped-def]
    from app.store.database import Database, SchemaOutOfDate

    db = Database.open(get_settings().database_url)
    try:
        db.ensure_schema()
    except SchemaOutOfDate as exc:
        _fail(str(exc))
    return db


@db_cli.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Apply the database migrations (creates the SQLite file if needed)."""
    from app.store.database import Database
    from app.store.migrate import current_revision, upgrade

    db = Database.open(get_settings().database_url)
    upgrade(db.engine, revision)
    typer.echo(f"database at revision {current_revision(db.engine)}")


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
        int | None, typer.Option(help="Worker processes for extraction (default: DATELINE_NLP_PROCESSES).")
    ] = None,
    quiet: Annotated[bool, typer.Option(help="Only errors and the summary.")] = False,
) -> None:
    """Read articles, extract their facts and store them; already stored articles are skipped.
    Exits 1 when any input failed."""
    from app.ingest.batch import ingest_paths

    db = _database()
    reporter = ingest_paths(
        paths, db.sessions, get_settings(), source=source, processes=processes, quiet=quiet
    )
    typer.echo(reporter.close(), err=True)
    raise typer.Exit(1 if reporter.failed else 0)


@cli.command()
def reprocess(
    everything: Annotated[bool, typer.Option("--all", help="Re-extract every article.")] = False,
    processes: Annotated[int | None, typer.Option(help="Worker processes for extraction.")] = None,
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
) -> None:
    """Serve the web pages and the JSON API."""
    import uvicorn

    _database().close()
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        proxy_headers=True,
    )


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
