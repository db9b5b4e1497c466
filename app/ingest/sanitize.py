"""The last step of every reader and of every queued item: an `ArticleRecord` made safe to
store and to render, whatever the input held.

- Its link passes the URL policy (app/url_policy.py) or is dropped, with a note saying why.
- Text fields lose NUL and other control characters (PostgreSQL refuses NUL in text; the rest
  are invisible and can hide a word) and bidirectional embedding, override and isolate
  controls (U+202A–U+202E, U+2066–U+2069), which would reverse the text after them on a page.
- Metadata a YAML header gave as a number or a list becomes text.
"""

from __future__ import annotations

import dataclasses
import re

from app.domain import ArticleRecord
from app.url_policy import check_url

__all__ = ["clean_record", "clean_text"]

# C0 controls but tab and newline, DEL, C1 controls, and the bidi controls that open a run
# (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI). Marks (U+200E, U+200F) change no order
# beyond one character and stay.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TEXT_FIELDS = ("title", "body", "dek", "source", "published_text", "article_type", "bio", "language")


def clean_text(value: str) -> str:
    """`value` without control characters or bidi run controls (a CR becomes a newline)."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub("", value)


def clean_record(record: ArticleRecord) -> ArticleRecord:
    changes: dict[str, object] = {}
    for name in _TEXT_FIELDS:
        value = getattr(record, name)
        if value is None:
            continue
        text = clean_text(value if isinstance(value, str) else str(value))
        if text != value:
            changes[name] = text
    for name in ("authors", "tags"):
        values = getattr(record, name)
        items = (values,) if isinstance(values, str) else tuple(values or ())
        cleaned = tuple(t for t in (clean_text(str(v)).strip() for v in items if v is not None) if t)
        if cleaned != values:
            changes[name] = cleaned
    check = check_url(record.url)
    if check.url != record.url:
        changes["url"] = check.url
    if check.problem:
        changes["notes"] = (*record.notes, f"link dropped: {check.problem}")
    return dataclasses.replace(record, **changes) if changes else record
