"""`dateline ingest`: read inputs, skip what is stored already, extract in batches, store each
article in its own transaction."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import chain, islice
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.domain import ArticleRecord, Extraction
from app.extract import ExtractionInput, ExtractionLimits, Extractor
from app.ingest.errors import IngestError
from app.ingest.progress import Reporter
from app.ingest.readers import READABLE_SUFFIXES, Format, expand_inputs, read_inputs
from app.ingest.snapshot import Snapshot
from app.store.engine import transaction
from app.store.retry import run_with_retries
from app.store.writer import StoreResult, find_duplicate, store_article

ExtractorFactory = Callable[[], Extractor]


def extractor_for(settings: Settings) -> Extractor:
    """The configured pipeline, with the configured bounds on one long article."""
    limits = ExtractionLimits(settings.extract_max_chars or None, settings.extract_seconds or None)
    return Extractor(settings.spacy_model, settings.nlp_batch_size, limits)


def extraction_input(record: ArticleRecord, ref: object | None = None) -> ExtractionInput:
    """What the extractor needs of a record; `ref` (default: the record) comes back with it."""
    return ExtractionInput(
        record.body,
        record.published,
        record.authors,
        ref=record if ref is None else ref,
        source=record.source,
        title=record.title,
    )


class Ingester:
    """Turns article records into stored articles. The spaCy model is loaded on first need,
    so a run over inputs that are all stored already costs no model load."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        settings: Settings,
        extractor: Extractor | None = None,
        processes: int | None = None,
        snapshot: Snapshot | None = None,
    ) -> None:
        self.factory = factory
        self.snapshot = snapshot
        self.settings = settings
        self._extractor = extractor
        self.processes = processes if processes is not None else settings.nlp_processes

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = extractor_for(self.settings)
        return self._extractor

    def is_stored(self, record: ArticleRecord) -> StoreResult | None:
        with self.factory() as session:
            return find_duplicate(session, record)

    def extract_each(
        self, records: Iterable[ArticleRecord]
    ) -> Iterator[tuple[ArticleRecord, Extraction | None, str | None]]:
        """(record, extraction, None), or (record, None, problem) for an article the pipeline
        fails on: the rest goes on. Records are read as extraction needs them; worker processes
        are started only when there is more than one batch."""
        iterator = iter(records)
        head = list(islice(iterator, self.settings.nlp_batch_size + 1))
        if not head:
            return  # nothing to extract (all from a snapshot): the model is never loaded
        processes = self.processes if len(head) > self.settings.nlp_batch_size else 1
        inputs = (extraction_input(r) for r in chain(head, iterator))
        for item, extraction, problem in self.extractor.extract_each(inputs, processes=processes):
            yield item.ref, extraction, problem

    def _extractions(
        self, records: Iterable[ArticleRecord]
    ) -> Iterator[tuple[ArticleRecord, Extraction | None, str | None]]:
        """The snapshot's extraction of a record it holds, else the pipeline's."""
        snapshot = self.snapshot
        if snapshot is None:
            yield from self.extract_each(records)
            return
        saved: deque[tuple[ArticleRecord, Extraction]] = deque()

        def to_extract() -> Iterator[ArticleRecord]:
            for record in records:
                found = snapshot.extraction_for(record)
                if found is None:
                    yield record
                else:
                    saved.append((record, found))

        for extracted in self.extract_each(to_extract()):
            while saved:
                yield (*saved.popleft(), None)
            yield extracted
        while saved:
            yield (*saved.popleft(), None)

    def store(self, record: ArticleRecord, extraction: Extraction, source: str | None) -> StoreResult:
        """Store one article in one transaction; a concurrent writer that stored the same
        article first makes this one a duplicate rather than an error."""

        def work() -> StoreResult:
            with transaction(self.factory) as session:
                return store_article(session, record, extraction, source_name=source)

        return run_with_retries(work, give_up=lambda _: self.is_stored(record))

    def run(
        self, records: Iterable[ArticleRecord | IngestError], reporter: Reporter, source: str | None = None
    ) -> None:
        """Extract and store every record not stored already. One stream: inputs are read and
        checked as extraction asks for them, so with worker processes the workers extract the
        next batches while this process stores (no pause at any batch boundary, one model load
        per worker for the whole run)."""

        def fresh() -> Iterator[ArticleRecord]:
            for item in records:
                if isinstance(item, IngestError):
                    reporter.error(str(item))
                elif duplicate := self.is_stored(item):
                    reporter.duplicate(item.origin, duplicate.reason)
                else:
                    yield replace(item, source=source) if source else item

        for record, extraction, problem in self._extractions(fresh()):
            if extraction is None:
                reporter.error(f"{record.origin}: {problem}")
                continue
            try:
                result = self.store(record, extraction, source)
            except Exception as exc:  # one article's failure must not stop the run
                reporter.error(f"{record.origin}: could not be stored ({type(exc).__name__}: {exc})")
                continue
            if result.duplicate:
                reporter.duplicate(record.origin, result.reason)
            else:
                reporter.stored(record.origin, result.article_id)
        if self._extractor is not None and self._extractor.pool_stats is not None:
            reporter.extraction = str(self._extractor.pool_stats)


def ingest_paths(
    paths: Iterable[str | Path],
    factory: sessionmaker[Session],
    settings: Settings,
    source: str | None = None,
    processes: int | None = None,
    quiet: bool = False,
    snapshot: Snapshot | None = None,
) -> Reporter:
    sources, missing = expand_inputs(paths)
    single_article = all(
        isinstance(s, Path) and READABLE_SUFFIXES.get(s.suffix.lower()) not in {Format.FEED, Format.JSONL}
        for s in sources
    )
    reporter = Reporter(total=len(sources) if single_article else None, quiet=quiet)
    for err in missing:
        reporter.error(str(err))
    ingester = Ingester(factory, settings, processes=processes, snapshot=snapshot)
    ingester.run(read_inputs(sources, settings), reporter, source)
    return reporter


def extract_paths(
    paths: Iterable[str | Path], settings: Settings, source: str | None = None, processes: int | None = None
) -> tuple[list[tuple[ArticleRecord, Extraction]], list[str]]:
    """Every readable article under `paths` with its extraction, storing nothing (for a
    snapshot), and the problems met."""
    sources, missing = expand_inputs(paths)
    problems = [str(err) for err in missing]
    records = []
    for item in read_inputs(sources, settings):
        if isinstance(item, IngestError):
            problems.append(str(item))
        else:
            records.append(replace(item, source=source) if source else item)
    ingester = Ingester(None, settings, processes=processes)  # type: ignore[arg-type]
    pairs = []
    for record, extraction, problem in ingester.extract_each(records):
        if extraction is None:
            problems.append(f"{record.origin}: {problem}")
        else:
            pairs.append((record, extraction))
    return pairs, problems
