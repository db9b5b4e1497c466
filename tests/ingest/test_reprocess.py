"""Re-extraction of articles stored by an older pipeline version, and multi-process extraction."""

from __future__ import annotations

import datetime as dt
import io
import os
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import func, select, update

from app.config import Settings
from app.domain import ArticleRecord, QuoteKind
from app.extract import PIPELINE_VERSION, ExtractionInput, Extractor, pipeline
from app.extract.turn_speakers import TURN_ROLE
from app.ingest.batch import Ingester, extraction_input
from app.ingest.progress import Reporter
from app.ingest.readers import read_paths
from app.ingest.reprocess import reprocess
from app.store.database import Database
from app.store.engine import transaction
from app.store.models import Article, Counter, Entity, Mention, Quote
from app.store.writer import store_article
from tests.conftest import TEST_DATA

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def shared_extractor() -> Extractor:
    return Extractor(Settings(_env_file=None).spacy_model)


def quiet() -> Reporter:
    return Reporter(total=None, stream=io.StringIO(), quiet=True)


def test_reprocess_re_extracts_only_older_articles_and_keeps_counts_right(
    db: Database, settings: Settings, shared_extractor: Extractor
) -> None:
    ingester = Ingester(db.sessions, settings, extractor=shared_extractor, processes=1)
    reporter = quiet()
    ingester.run(read_paths([TEST_DATA / "feed.rss", TEST_DATA / "article.html"], settings), reporter)
    assert reporter.ingested == 3

    def snapshot() -> tuple[int, int, dict[str, int]]:
        with db.sessions() as session:
            return (
                session.scalar(select(func.count()).select_from(Entity)) or 0,
                session.scalar(select(func.count()).select_from(Mention)) or 0,
                dict(session.execute(select(Counter.name, Counter.value)).all()),
            )

    before = snapshot()
    with db.sessions.begin() as session:
        session.execute(update(Article).where(Article.id == 1).values(pipeline_version="old"))

    again = quiet()
    reprocess(ingester, again)
    assert again.ingested == 1 and again.failed == 0
    assert snapshot() == before
    with db.sessions() as session:
        assert set(session.scalars(select(Article.pipeline_version))) == {PIPELINE_VERSION}


def test_several_processes_extract_the_same_as_one(shared_extractor: Extractor) -> None:
    settings = Settings(_env_file=None)
    records = [r for r in read_paths([TEST_DATA], settings) if not isinstance(r, Exception)]
    assert len(records) >= 5
    ingester_one = Ingester(None, settings, extractor=shared_extractor, processes=1)  # type: ignore[arg-type]
    ingester_two = Ingester(None, settings, extractor=shared_extractor, processes=2)  # type: ignore[arg-type]
    settings_small_batches = settings.model_copy(update={"nlp_batch_size": 2})
    ingester_two.settings = settings_small_batches
    one = [ex for _, ex, _ in ingester_one.extract_each(records)]
    two = [ex for _, ex, _ in ingester_two.extract_each(records)]
    assert None not in one
    assert one == two


def test_two_processes_are_a_worker_and_this_one_and_report_how_busy_they_were(
    shared_extractor: Extractor,
) -> None:
    """Whole batches; while the worker is still loading the model, this process takes back the
    batch no worker has started and extracts it itself rather than wait."""
    extractor = Extractor(shared_extractor.model, batch_size=2)
    records = [r for r in read_paths([TEST_DATA], Settings(_env_file=None)) if not isinstance(r, Exception)]
    inputs = [extraction_input(r) for r in records[:5]]
    results = list(extractor.extract_each(inputs, processes=2))
    assert [extraction is not None for _, extraction, _ in results] == [True] * 5
    stats = extractor.pool_stats
    assert stats is not None and extractor.pool_batch_size == 2
    assert stats.batches == 3 and len(stats.busy) == 2 and os.getpid() in stats.busy
    assert 0 < sum(stats.busy.values()) <= 2 * stats.wall
    assert str(stats).startswith("2 extraction processes over ") and "busy " in str(stats)


def test_a_slow_caller_bounds_how_far_the_input_is_read_ahead(shared_extractor: Extractor) -> None:
    """The caller stores slowly once the worker delivers: the worker is kept busy, but the
    input is read at most _QUEUED_AT_MOST batches per worker (and the one being handed out)
    ahead of what the caller has taken, however many the worker could finish meanwhile."""
    batch_size, total = 2, 120
    extractor = Extractor(shared_extractor.model, batch_size=batch_size)
    read = 0

    def inputs() -> Iterator[ExtractionInput]:
        nonlocal read
        for n in range(total):
            read += 1
            yield ExtractionInput(f"The council met on Tuesday {n} times.")

    taken, ahead = 0, []
    for _, extraction, _ in extractor.extract_each(inputs(), processes=2):
        assert extraction is not None
        taken += 1
        ahead.append(read - taken)
        stats = extractor.pool_stats
        if stats is not None and len(stats.busy) == 2:  # the worker delivers: store slowly
            time.sleep(0.02)
    assert taken == total
    assert max(ahead) <= (pipeline._QUEUED_AT_MOST + 1) * batch_size < total


def test_progress_lines_name_count_rate_and_time_left() -> None:
    stream = io.StringIO()
    reporter = Reporter(total=9, stream=stream, log_every_seconds=0)
    reporter.stored("a", 1)
    reporter.duplicate("b", "same URL as article 1")
    reporter.error("c: empty file")
    for n in range(4):
        reporter.stored(f"d{n}", 2 + n)
    lines = stream.getvalue().splitlines()
    assert "error: c: empty file" in lines
    # the first results wait for the model: no estimate from them, which would read as a hang
    early = [line for line in lines if line.startswith("progress: 2/9 inputs")]
    later = [line for line in lines if line.startswith("progress: 7/9 inputs")]
    assert early and "estimating the time left" in early[0]
    assert later and "/s" in later[0] and "s left" in later[0]
    assert reporter.close().startswith("5 ingested, 1 duplicates, 1 failed")


def test_reprocess_keeps_the_publication_as_an_entity(
    db: Database, settings: Settings, shared_extractor: Extractor
) -> None:
    ingester = Ingester(db.sessions, settings, extractor=shared_extractor, processes=1)
    ingester.run(read_paths([TEST_DATA / "newspaper-export.txt"], settings), quiet())

    def publishers() -> list[str]:
        with db.sessions() as session:
            return list(session.scalars(select(Entity.name).where(Entity.name == "The Coastal Ledger")))

    assert publishers() == ["The Coastal Ledger"]
    again = quiet()
    reprocess(ingester, again, everything=True)
    assert again.ingested == 1 and again.failed == 0
    assert publishers() == ["The Coastal Ledger"]


def test_reprocess_turns_a_stored_transcript_into_remarks_and_questions(
    db: Database, settings: Settings, shared_extractor: Extractor
) -> None:
    record = ArticleRecord(
        title="Press Gaggle by Press Secretary Rosa Lindqvist",
        body=(
            "MS. LINDQVIST: The county will reopen the river bridge to trucks on Monday morning.\n\n"
            "Q Will the tolls stay the same for the trucking firms?\n\n"
            "MS. LINDQVIST: The tolls will stay the same through the end of the year.\n"
        ),
        origin="test",
        published=dt.date(2024, 3, 4),
    )
    current = shared_extractor.extract(extraction_input(record))
    # as an older pipeline stored it: no turns, so no remarks, questions or label speakers
    older = replace(
        current,
        pipeline_version="old",
        quotes=tuple(q for q in current.quotes if q.kind not in (QuoteKind.REMARKS, QuoteKind.QUESTION)),
        entities=tuple(e for e in current.entities if TURN_ROLE not in e.roles),
    )
    with transaction(db.sessions) as session:
        store_article(session, record, older)
    reporter = quiet()
    reprocess(Ingester(db.sessions, settings, extractor=shared_extractor, processes=1), reporter)
    assert reporter.ingested == 1 and reporter.failed == 0
    with db.sessions() as session:
        kinds = sorted(session.scalars(select(Quote.kind)))
        speaker = session.scalar(select(Entity).where(Entity.name == "Rosa Lindqvist"))
        article = session.scalar(select(Article))
        assert kinds == ["question", "remarks", "remarks"]
        assert speaker is not None and speaker.quote_count == 2
        assert article.quote_count == 2


@pytest.mark.parametrize(
    ("count", "sizes"),
    [
        (7, [2, 2, 2, 1]),  # a short run is all tail
        (25, [8, 8, 2, 2, 2, 2, 1]),
        (41, [8, 8, 8, 8, 2, 2, 2, 2, 1]),
    ],
)
def test_a_runs_last_items_go_out_in_quarter_batches(count: int, sizes: list[int]) -> None:
    """Whole batches until the input is two batches from its end, then quarter batches, so the
    process that finishes first waits for a quarter batch at most; the order is kept."""
    batches = list(pipeline._batches(iter(range(count)), 8))
    assert [len(b) for b in batches] == sizes
    assert [n for batch in batches for n in batch] == list(range(count))
    assert [len(b) for b in pipeline._batches(iter(range(5)), 2)] == [2, 2, 1]  # too small to quarter
