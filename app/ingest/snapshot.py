"""Extraction snapshots: articles and their extractions saved once, so that loading a known
corpus (the demo) costs storing, not extracting.

A snapshot is gzipped JSON lines: a header ({"format", "pipeline_version", "articles"}), then
one [record, extraction] pair per article, encoded by pydantic from the domain dataclasses.
An extraction is used only for an article read now whose record (text, title, dates, source:
everything but where it was read from) is identical to the one saved: the snapshot cannot
put facts on a text they were not extracted from. A snapshot from an older pipeline still
loads, its articles marked with that pipeline's version for `dateline reprocess`."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import TypeAdapter

from app.domain import ArticleRecord, Extraction

FORMAT = 1
_PAIR = TypeAdapter(tuple[ArticleRecord, Extraction])
_RECORD = TypeAdapter(ArticleRecord)


class SnapshotError(ValueError):
    """A file that is not a snapshot this version reads."""


@dataclass(frozen=True)
class Snapshot:
    pipeline_version: str
    extractions: Mapping[str, Extraction]  # by record_key

    def extraction_for(self, record: ArticleRecord) -> Extraction | None:
        return self.extractions.get(record_key(record))


def record_key(record: ArticleRecord) -> str:
    """The record's identity: all it holds but `origin` (where this copy was read from)."""
    return hashlib.sha256(_RECORD.dump_json(replace(record, origin=""))).hexdigest()


def write_snapshot(
    path: Path, pairs: Iterable[tuple[ArticleRecord, Extraction]], pipeline_version: str
) -> int:
    pairs = [(replace(record, origin=""), extraction) for record, extraction in pairs]
    header = {"format": FORMAT, "pipeline_version": pipeline_version, "articles": len(pairs)}
    # mtime=0: the same extractions make the same bytes, so a rebuilt snapshot diffs as unchanged
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(json.dumps(header).encode() + b"\n")
        for pair in pairs:
            out.write(_PAIR.dump_json(pair) + b"\n")
    return len(pairs)


def read_snapshot(path: Path) -> Snapshot:
    try:
        with gzip.open(path, "rb") as lines:
            header = json.loads(next(lines))
            if header.get("format") != FORMAT:
                raise SnapshotError(f"{path}: snapshot format {header.get('format')!r}, not {FORMAT}")
            pairs = [_PAIR.validate_json(line) for line in lines]
    except (OSError, EOFError, StopIteration, ValueError) as exc:
        if isinstance(exc, SnapshotError):
            raise
        raise SnapshotError(f"{path}: not a readable snapshot ({exc})") from exc
    if len(pairs) != header.get("articles"):
        raise SnapshotError(f"{path}: {len(pairs)} articles, the header says {header.get('articles')}")
    return Snapshot(header["pipeline_version"], {record_key(r): e for r, e in pairs})
