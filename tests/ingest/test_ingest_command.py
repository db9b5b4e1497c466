"""`dateline ingest` end to end: a real subprocess, the real model, a real database."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app.store.database import Database
from app.store.models import Article, Source
from tests.conftest import ROOT, TEST_DATA, require_shared

pytestmark = pytest.mark.slow


def dateline(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATELINE_DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def articles(db: Database) -> list[Article]:
    with db.sessions() as session:
        return list(session.scalars(select(Article).order_by(Article.id)))


@pytest.mark.long
def test_gold_article_is_stored_once_with_its_metadata(db: Database, database_url: str) -> None:
    path = require_shared("corpus", "wsj-2024-07-01-nato-kyiv.txt")
    first = dateline(database_url, "ingest", path)
    assert first.returncode == 0, first.stderr
    assert "1 ingested, 0 duplicates, 0 failed" in first.stderr
    [article] = articles(db)
    assert article.title.endswith("safeguard support amid European right-wing surge")
    assert article.authors == ["Michael R. Gordon", "Daniel Michaels"]
    assert article.published_date == dt.date(2024, 7, 1)
    with db.sessions() as session:
        assert session.get(Source, article.source_id).name == "The Wall Street Journal"  # type: ignore[union-attr]
    assert article.body.endswith("January 20,” Trump said.")
    assert "aggression elsewhere in Europe" in article.body
    with db.sessions() as session:
        stored = session.get(Article, article.id)
        assert stored is not None
        sentences = stored.sentences
        assert len(sentences) > 20
        assert stored.body[sentences[0].start : sentences[0].end].startswith("NATO will station")

    second = dateline(database_url, "ingest", path)
    assert second.returncode == 0
    assert "0 ingested, 1 duplicates, 0 failed" in second.stderr and "nothing new" in second.stderr
    assert len(articles(db)) == 1


@pytest.mark.long
def test_white_house_items_keep_their_own_dates_and_titles(db: Database, database_url: str) -> None:
    folder = ROOT / "demo" / "whitehouse" / "statements-releases" / "2024-07"
    files = sorted(folder.glob("*.md"))[:3]
    result = dateline(database_url, "ingest", *files, "--source", "The White House")
    assert result.returncode == 0, result.stderr
    stored = articles(db)
    assert len(stored) == 3
    for article, path in zip(stored, files, strict=True):
        assert article.published_date == dt.date.fromisoformat(path.name[:10])
        assert article.title and article.article_type


def test_a_mixed_folder_stores_the_good_files_and_names_each_bad_one(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    for name in (
        "newspaper-export.txt",
        "article.html",
        "feed.rss",
        "bad-date-line.txt",
        "malformed-feed.xml",
    ):
        shutil.copy(TEST_DATA / name, tmp_path / name)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    result = dateline(database_url, "ingest", tmp_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4
    for name in ("bad-date-line.txt", "malformed-feed.xml", "empty.txt", "binary.txt"):
        assert any(name in line for line in errors), name
    assert "4 ingested, 0 duplicates, 4 failed" in result.stderr
    assert {a.title for a in articles(db)} == {
        "Harbor Authority Approves Dredging Plan",
        "Council Passes Transit Budget",
        "Senate Committee Advances Water Bill",
        "Governor Names New Health Chief",
    }


def test_jsonl_batch_stores_the_good_lines_and_exits_non_zero_for_the_bad(
    db: Database, database_url: str
) -> None:
    result = dateline(database_url, "ingest", TEST_DATA / "articles.jsonl")
    assert result.returncode == 1  # two bad lines
    assert len(articles(db)) == 2


@pytest.mark.long
def test_worker_processes_extract_the_stream_while_the_caller_stores(
    db: Database, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One article a batch: the two good lines make two batches, so two worker processes start.
    monkeypatch.setenv("DATELINE_NLP_BATCH_SIZE", "1")
    result = dateline(database_url, "ingest", TEST_DATA / "articles.jsonl", "--processes", "2")
    assert result.returncode == 1, result.stderr  # the two bad lines are named, the rest stored
    assert "2 ingested, 0 duplicates, 2 failed" in result.stderr
    assert "2 extraction processes over " in result.stderr and "busy " in result.stderr
    assert [a.title for a in articles(db)] == ["Port Strike Ends", "Rail Safety Rules Proposed"]
    assert all(a.pipeline_version for a in articles(db))
    again = dateline(database_url, "ingest", TEST_DATA / "articles.jsonl", "--processes", "2")
    assert "0 ingested, 2 duplicates, 2 failed" in again.stderr
