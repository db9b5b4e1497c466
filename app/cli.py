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


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
