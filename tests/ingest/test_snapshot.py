"""Extraction snapshots (app/ingest/snapshot.py): the demo's extractions saved once and stored
by `dateline ingest --snapshot`, used only for an article whose text is unchanged."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.config import Settings
from app.domain import ArticleRecord
from app.extract import Extractor
from app.extract.pipeline import PIPELINE_VERSION
from app.ingest.batch import Ingester
from app.ingest.progress import Reporter
from app.ingest.readers import expand_inputs, read_inputs
from app.ingest.snapshot import SnapshotError, read_snapshot, record_key, write_snapshot
from app.store.database import Database
from app.store.models import Article, Event, Quote
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

DEMO = ROOT / "demo"
SHIPPED = DEMO / "snapshot.jsonl.gz"
ITEMS = [
    DEMO / "whitehouse/legislation/2024-07/2024-07-12-bills-signed-h-r-1240-h-r-4581.md",
    DEMO / "whitehouse/legislation/2024-06/2024-06-17-bill-signed-s-2051.md",
]


def records(paths: list[Path], settings: Settings) -> list[ArticleRecord]:
    sources, missing = expand_inputs(paths)
    assert not missing
    return [replace(r, source="The White House") for r in read_inputs(sources, settings)]  # type: ignore[arg-type]


def facts(db: Database) -> tuple[int, int, int]:
    with db.sessions() as session:
        return tuple(session.scalar(select(func.count()).select_from(t)) for t in (Article, Event, Quote))  # type: ignore[return-value]


def test_a_snapshot_stores_what_extraction_would_and_only_for_unchanged_text(
    db: Database, settings: Settings, extractor: Extractor, tmp_path: Path
) -> None:
    read = records(ITEMS, settings)
    ingester = Ingester(db.sessions, settings, extractor=extractor, processes=1)
    pairs = [(r, e) for r, e, _ in ingester.extract_each(read)]
    path = tmp_path / "snap.jsonl.gz"
    assert write_snapshot(path, pairs, PIPELINE_VERSION) == 2
    snapshot = read_snapshot(path)
    assert snapshot.pipeline_version == PIPELINE_VERSION
    assert all(snapshot.extraction_for(r) == e for r, e in pairs)  # the exact extraction back
    changed = replace(read[0], body=read[0].body.replace("signed", "signed into law", 1))
    assert snapshot.extraction_for(changed) is None  # another text: extracted anew, never guessed
    assert snapshot.extraction_for(replace(read[0], origin="elsewhere")) is not None

    with_snapshot = Ingester(db.sessions, settings, extractor=None, processes=1, snapshot=snapshot)
    reporter = Reporter(total=2, quiet=True)
    with_snapshot.run(read, reporter, "The White House")  # no extractor: the model is never needed
    assert reporter.ingested == 2 and reporter.failed == 0
    assert with_snapshot._extractor is None
    stored = facts(db)
    assert stored[0] == 2 and stored[1] > 0


def test_a_broken_snapshot_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(b"not gzip")
    with pytest.raises(SnapshotError, match="not a readable snapshot"):
        read_snapshot(path)
    with gzip.open(path, "wb") as out:
        out.write(json.dumps({"format": 99}).encode() + b"\n")
    with pytest.raises(SnapshotError, match="format 99"):
        read_snapshot(path)


def test_the_shipped_demo_snapshot_holds_every_demo_item_as_read_today(settings: Settings) -> None:
    snapshot = read_snapshot(SHIPPED)
    demo = records([DEMO / "whitehouse"], settings)
    assert len(demo) >= 450
    stale = [r.origin for r in demo if record_key(r) not in snapshot.extractions]
    assert stale == [], f"{len(stale)} demo items changed since the snapshot: run `make demo-snapshot`"


def test_the_shipped_snapshot_matches_the_pipeline_when_versions_agree(
    settings: Settings, extractor: Extractor
) -> None:
    snapshot = read_snapshot(SHIPPED)
    if snapshot.pipeline_version != PIPELINE_VERSION:
        pytest.skip(
            f"the demo snapshot is from pipeline {snapshot.pipeline_version}, this is {PIPELINE_VERSION}: "
            "`make demo-snapshot` brings it up to date (`make run` stores it as it is, marked with "
            "its version)"
        )
    read = records(ITEMS, settings)
    ingester = Ingester(None, settings, extractor=extractor, processes=1)  # type: ignore[arg-type]
    for record, extraction, _ in ingester.extract_each(read):
        assert snapshot.extraction_for(record) == extraction, record.origin
