"""`dateline extract`: run readers and extraction and print JSON, storing nothing."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from app.config import Settings
from app.domain import ArticleRecord
from app.extract.pipeline import ExtractionInput
from app.extract.serialize import document_json
from app.ingest.batch import extraction_input, extractor_for
from app.ingest.errors import IngestError
from app.ingest.readers import read_paths, read_source


def _jsonl_items(stream: Iterable[str]) -> Iterator[tuple[Any, ArticleRecord | IngestError]]:
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield None, IngestError(f"line {lineno}", f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            yield None, IngestError(f"line {lineno}", 'needs an object with a string "text"')
            continue
        published: dt.date | None = None
        raw = rec.get("published")
        if raw:
            try:
                published = dt.date.fromisoformat(str(raw)[:10])
            except ValueError:
                yield rec.get("id"), IngestError(f"line {lineno}", f"unparseable published date {raw!r}")
                continue
        authors = rec.get("authors") or ()
        yield (
            rec.get("id"),
            ArticleRecord(
                title=str(rec.get("title") or ""),
                body=rec["text"],
                origin=f"line {lineno}",
                published=published,
                authors=tuple(str(a) for a in authors) if isinstance(authors, list) else (),
                source=rec.get("source"),
                url=rec.get("url"),
            ),
        )


def extract_jsonl(stream: Iterable[str], out: TextIO, settings: Settings) -> int:
    """Print one JSON line per input line, with the same "id", in input order and as each
    extraction is done (a long file streams: nothing waits for its end); returns the number
    that failed. Offsets index "text" exactly as given."""
    extractor = extractor_for(settings)
    read: deque[tuple[Any, ArticleRecord | IngestError]] = deque()  # read ahead, not yet printed

    def inputs() -> Iterator[ExtractionInput]:
        for ref, rec in _jsonl_items(stream):
            read.append((ref, rec))
            if isinstance(rec, ArticleRecord):
                yield extraction_input(rec, ref=ref)

    def print_line(line: dict[str, Any]) -> None:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        out.flush()

    def print_bad_lines() -> int:
        bad = 0
        while read and isinstance(read[0][1], IngestError):
            ref, error = read.popleft()
            print_line({"id": ref, "error": str(error)})
            bad += 1
        return bad

    failed = 0
    for _, extraction, problem in extractor.extract_each(inputs(), processes=settings.nlp_processes):
        failed += print_bad_lines()
        ref, rec = read.popleft()  # results come in input order: this one's
        assert isinstance(rec, ArticleRecord)
        failed += extraction is None
        body = {"error": problem} if extraction is None else document_json(rec, extraction)
        print_line({"id": ref, **body})
    return failed + print_bad_lines()


STDIN_NAME = "standard input"


def _read(
    paths: list[str], settings: Settings, stdin: BinaryIO | None
) -> Iterator[ArticleRecord | IngestError]:
    """The records of `paths`, "-" standing for `stdin` (an article in any readable format)."""
    for path in paths:
        if path != "-":
            yield from read_paths([Path(path)], settings)
            continue
        try:
            yield from read_source(stdin.read() if stdin is not None else b"", STDIN_NAME)
        except IngestError as exc:
            yield exc


def extract_files(paths: list[str], out: TextIO, settings: Settings, stdin: BinaryIO | None = None) -> int:
    """Print the extraction of every article read from `paths` ("-": `stdin`): one JSON
    document for a single article, else one JSON line per article. Returns the number of
    inputs that failed."""
    extractor = extractor_for(settings)
    records: list[ArticleRecord] = []
    failed = 0
    for item in _read(paths, settings, stdin):
        if isinstance(item, IngestError):
            failed += 1
            print(f"error: {item}", file=sys.stderr)
        else:
            records.append(item)
    inputs = [extraction_input(r) for r in records]
    docs = []
    for item, ex, problem in extractor.extract_each(inputs):
        if ex is None:
            failed += 1
            print(f"error: {item.ref.origin}: {problem}", file=sys.stderr)
        else:
            docs.append(document_json(item.ref, ex))
    if len(docs) == 1:
        out.write(json.dumps(docs[0], ensure_ascii=False, indent=2) + "\n")
    else:
        for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return failed
