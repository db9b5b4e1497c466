"""Watched folders: each new or changed file is queued once, half-written files wait, bad
files are recorded as failed. No model needed: scanning only queues."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import select

from app.config import Settings
from app.ingest.queue import read_item
from app.ingest.watch import FolderWatcher
from app.store.database import Database
from app.store.ingest_queue import ClaimedItem
from app.store.models import IngestItem, WatchedFile
from tests.conftest import TEST_DATA

ARTICLE = (TEST_DATA / "newspaper-export.txt").read_text(encoding="utf-8")


def watcher(settings: Settings, db: Database, folder: Path, settle: float = 0.0) -> FolderWatcher:
    configured = settings.model_copy(update={"watch_settle_seconds": settle})
    return FolderWatcher(db.sessions, configured, [folder])


def items(db: Database) -> list[IngestItem]:
    with db.sessions() as session:
        return list(session.scalars(select(IngestItem).order_by(IngestItem.id)))


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_new_file_is_queued_once_even_across_restarts(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    first = watcher(settings, db, tmp_path).scan()
    again = watcher(settings, db, tmp_path).scan()  # a new watcher: as after a restart
    assert (first.files, first.items, first.failed) == (1, 1, 0)
    assert again.files == 0
    [item] = items(db)
    assert item.status == "queued" and item.origin == str(tmp_path / "story.txt")
    with db.sessions() as session:
        assert session.scalars(select(WatchedFile.path)).all() == [str(tmp_path / "story.txt")]


def test_the_queued_item_reads_back_as_the_article_the_reader_found(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    watcher(settings, db, tmp_path).scan()
    [item] = items(db)
    claimed = ClaimedItem(item.id, item.origin, item.payload, item.content_type or "", {}, item.url, 1)
    record = read_item(claimed)
    assert record.body and record.title
    assert record.origin == str(tmp_path / "story.txt")


def test_a_changed_file_is_queued_again(settings: Settings, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    watch = watcher(settings, db, tmp_path)
    watch.scan()
    path.write_text(ARTICLE + "\n\nA correction was appended.\n", encoding="utf-8")
    assert watch.scan().files == 1
    assert len(items(db)) == 2


def test_a_file_still_being_written_waits_until_it_settles(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    watch = watcher(settings, db, tmp_path, settle=30.0)
    assert watch.scan().files == 0
    age(path, 60)
    assert watch.scan().files == 1


def test_hidden_and_unreadable_kinds_of_files_are_left_alone(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    (tmp_path / ".partial.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "README.md").write_text("# about this folder\n", encoding="utf-8")
    assert watcher(settings, db, tmp_path).scan().files == 0
    assert items(db) == []


def test_a_jsonl_file_queues_one_item_per_record_and_records_its_bad_lines(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    lines = [
        '{"title": "One", "url": "https://x.example/1", "published": "2024-06-01", "text": "First story."}',
        "not json at all",
        '{"title": "Two", "url": "https://x.example/2", "published": "2024-06-02", "text": "Second story."}',
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = watcher(settings, db, tmp_path).scan()
    assert (result.items, result.failed) == (2, 1)
    queued = items(db)
    assert [(i.status, i.url) for i in queued if i.status == "queued"] == [
        ("queued", "https://x.example/1"),
        ("queued", "https://x.example/2"),
    ]
    [failed] = [i for i in queued if i.status == "failed"]
    assert failed.origin.endswith("batch.jsonl line 2")
    assert failed.error is not None and "not valid JSON" in failed.error


def test_an_unusable_file_is_recorded_failed_once_and_not_retried(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02 binary \x00" * 50)
    watch = watcher(settings, db, tmp_path)
    assert watch.scan().failed == 1
    assert watch.scan().files == 0
    [failed] = items(db)
    assert (failed.status, failed.error) == ("failed", "binary file, not text")


def test_a_missing_folder_is_reported_and_watched_for(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "later"
    watch = watcher(settings, db, folder)
    assert watch.scan().files == 0
    folder.mkdir()
    (folder / "story.txt").write_text(ARTICLE, encoding="utf-8")
    assert watch.scan().files == 1
