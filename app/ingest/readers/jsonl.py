"""JSON Lines: one article per line, {title, url, published, source, authors, text}."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from app.domain import ArticleRecord
from app.ingest.errors import IngestError
from app.ingest.readers.dates import has_time, parse_datetime
from app.ingest.readers.textutil import paragraphs_to_body, split_blocks


def record_from_json(rec: Any, name: str) -> ArticleRecord:
    """One JSON object (a JSON Lines record or a POSTed body) as an article."""
    if not isinstance(rec, dict):
        raise IngestError(name, "expected a JSON object")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError(name, 'missing "text"')
    published_at = None
    raw = rec.get("published")
    if raw:
        published_at = parse_datetime(str(raw))
        if published_at is None:
            raise IngestError(name, f"unparseable published date {raw!r}")
    authors = rec.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list):
        raise IngestError(name, '"authors" must be a list of names')
    body = paragraphs_to_body(split_blocks(text))
    title = str(rec.get("title") or "").strip() or body.split("\n", 1)[0][:120]
    return ArticleRecord(
        title=title,
        body=body,
        origin=name,
        source=(str(rec["source"]) if rec.get("source") else None),
        url=(str(rec["url"]) if rec.get("url") else None),
        authors=tuple(str(a) for a in authors if a),
        published=published_at.date() if published_at else None,
        published_at=published_at if published_at and has_time(str(raw)) else None,
        dek=rec.get("dek"),
        tags=tuple(str(t) for t in rec.get("tags") or []),
    )


def parse_jsonl(text: str, name: str) -> Iterator[ArticleRecord | IngestError]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label = f"{name} line {lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(label, f"not valid JSON ({exc.msg})")
            continue
        try:
            yield record_from_json(rec, label)
        except IngestError as err:
            yield err
