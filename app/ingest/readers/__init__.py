"""Readers: files, folders and URLs in, `ArticleRecord`s (or one-line `IngestError`s) out.

Format is detected from the content first and the file extension second: plain text in the
newspaper-export shape, Markdown with YAML front matter, HTML pages, RSS/Atom feeds, JSON Lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path

from app.config import Settings
from app.domain import ArticleRecord
from app.ingest.errors import IngestError
from app.ingest.readers.decode import decode, read_limited
from app.ingest.readers.feeds import parse_feed
from app.ingest.readers.html import parse_html
from app.ingest.readers.jsonl import parse_jsonl
from app.ingest.readers.markdown import parse_markdown
from app.ingest.readers.plaintext import parse_plaintext
from app.ingest.sanitize import clean_record

__all__ = ["Format", "detect_format", "expand_inputs", "read_inputs", "read_paths", "read_source"]


class Format(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    FEED = "feed"
    JSONL = "jsonl"


READABLE_SUFFIXES = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xml": Format.FEED,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".json": Format.JSONL,
}
# Folder walks skip the files that describe a corpus rather than belong to it.
_SKIPPED_IN_FOLDERS = re.compile(r"^(readme|license|licence|copying|notice)([.-].*)?$", re.I)


def detect_format(head: str, suffix: str = "") -> Format:
    start = head.lstrip("\ufeff \t\r\n")[:1000].lower()
    if start.startswith("---\n") or start.startswith("---\r\n"):
        return Format.MARKDOWN
    if re.match(r"(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:rdf)\b", start, re.S):
        return Format.FEED
    if re.match(r"(<!doctype html|<html|<head|<body|<meta|<article)", start) or (
        start.startswith("<?xml") and "<html" in start
    ):
        return Format.HTML
    if start.startswith("{") and suffix.lower() not in {".txt", ".md"}:
        return Format.JSONL
    return READABLE_SUFFIXES.get(suffix.lower(), Format.TEXT)


def read_source(
    text_or_bytes: str | bytes, name: str, suffix: str = "", url: str | None = None
) -> Iterator[ArticleRecord | IngestError]:
    """Parse one input's content; per-record problems are yielded, whole-input ones raised.
    Every record is cleaned (app/ingest/sanitize.py): links pass the URL policy or are dropped."""
    for item in _parse_source(text_or_bytes, name, suffix, url):
        yield clean_record(item) if isinstance(item, ArticleRecord) else item


def _parse_source(
    text_or_bytes: str | bytes, name: str, suffix: str, url: str | None
) -> Iterator[ArticleRecord | IngestError]:
    text = decode(text_or_bytes, name) if isinstance(text_or_bytes, bytes) else text_or_bytes
    if not text.strip():
        raise IngestError(name, "empty file")
    fmt = detect_format(text[:2000], suffix)
    if fmt is Format.FEED:
        yield from parse_feed(text.encode("utf-8"), name, base=url)
    elif fmt is Format.JSONL:
        yield from parse_jsonl(text, name)
    elif fmt is Format.HTML:
        yield parse_html(text, name, url=url)
    elif fmt is Format.MARKDOWN:
        yield parse_markdown(text, name)
    else:
        yield parse_plaintext(text, name)


def _read_url(url: str, settings: Settings) -> Iterator[ArticleRecord | IngestError]:
    from app.ingest.fetch import fetch

    result = fetch(url, settings)
    suffix = ".xml" if any(t in result.content_type for t in ("rss", "atom", "xml")) else ""
    yield from read_source(result.content, url, suffix=suffix, url=result.url)


def _walk(path: Path) -> Iterator[Path]:
    for child in sorted(path.rglob("*")):
        if (
            child.is_file()
            and not any(part.startswith(".") for part in child.relative_to(path).parts)
            and child.suffix.lower() in READABLE_SUFFIXES
            and not _SKIPPED_IN_FOLDERS.match(child.name)
        ):
            yield child


def expand_inputs(paths: Iterable[str | Path]) -> tuple[list[Path | str], list[IngestError]]:
    """Files and URLs to read, folders walked recursively; and the inputs that do not exist."""
    sources: list[Path | str] = []
    errors: list[IngestError] = []
    for raw in paths:
        name = str(raw)
        if re.match(r"https?://", name):
            sources.append(name)
            continue
        path = Path(raw)
        if path.is_dir():
            found = list(_walk(path))
            if found:
                sources.extend(found)
            else:
                errors.append(IngestError(name, "folder holds no readable files"))
        elif path.exists():
            sources.append(path)
        else:
            errors.append(IngestError(name, "no such file or folder"))
    return sources, errors


def read_inputs(sources: Iterable[Path | str], settings: Settings) -> Iterator[ArticleRecord | IngestError]:
    """Every article of every source, in order. Never raises for bad input: each problem is
    yielded as an IngestError naming it, and the rest goes on."""
    for source in sources:
        try:
            if isinstance(source, str):
                yield from _read_url(source, settings)
            else:
                data = read_limited(source, settings.max_file_bytes)
                yield from read_source(data, str(source), suffix=source.suffix)
        except IngestError as err:
            yield err
        except Exception as exc:  # a reader bug must not stop the batch: report it against the input
            yield IngestError(str(source), f"could not be read ({type(exc).__name__}: {exc})")


def read_paths(paths: Iterable[str | Path], settings: Settings) -> Iterator[ArticleRecord | IngestError]:
    """Every article in `paths` (files, folders walked recursively, http(s) URLs)."""
    sources, errors = expand_inputs(paths)
    yield from errors
    yield from read_inputs(sources, settings)
