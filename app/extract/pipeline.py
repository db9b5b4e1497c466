"""Build the spaCy pipeline and run it over articles, one at a time or in batches.

Long texts are parsed in chunks (spaCy's parser needs ~1 GB per 100,000 characters) and the
chunks joined back with `Doc.from_docs`, so offsets always index the text exactly as given.
The work on one article is bounded (`ExtractionLimits`): a long text is extracted up to a number
of characters and a time budget; what was done is kept and a note says where it stopped.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
import os
import re
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from app.domain import Extraction
from app.extract import attribute_rules, components, lemmas
from app.extract.cpu_math import extraction_math
from app.extract.doctext import remember_text
from app.extract.sentences import sentence_spans

log = logging.getLogger(__name__)

# Bump whenever extraction would produce different facts for the same text;
# `dateline reprocess` re-extracts articles stored with an older version.
PIPELINE_VERSION = "2026.12.06.39"

CHUNK_CHARS = 50_000
# Unfinished batches queued per worker process: enough work for the worker while this process
# extracts a batch of its own, which with long transcripts in it took up to 7 s (with 4, a
# worker sat idle for 6 s of a 56 s run).
_IN_FLIGHT = 8
_QUEUED_AT_MOST = 16  # batches read ahead per worker, done or not, before the caller takes them
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


class ModelNotFound(RuntimeError):
    """The configured spaCy model is not installed."""


class ExtractionFailed(RuntimeError):
    """The pipeline raised on an article."""


@dataclass(frozen=True)
class ExtractionLimits:
    """Bounds on the work spent on one long article: characters extracted and seconds (wall
    clock) spent parsing it; None for no bound. The text beyond is stored, not extracted."""

    max_chars: int | None = None
    seconds: float | None = None


@dataclass(frozen=True)
class ExtractionInput:
    text: str
    published: dt.date | None = None
    authors: tuple[str, ...] = ()
    ref: Any = None  # carried through untouched (an id, a path)
    source: str | None = None  # the publication's name
    title: str | None = None  # the headline: "Remarks by President Biden on …" names who says "I"


def build_nlp(model: str) -> Language:
    components.register_extensions()
    try:
        with extraction_math():
            nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {model!r} is not installed; install it or set DATELINE_SPACY_MODEL"
        ) from exc
    nlp.max_length = 10**8  # we chunk long texts ourselves
    if "attribute_ruler" in nlp.pipe_names:
        attribute_rules.install(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in nlp.pipe_names:
        lemmas.install(nlp.get_pipe("lemmatizer"))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dateline_paragraphs", before="parser")
    for name in components.COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp


def _model_installed(model: str) -> bool:
    """Whether `spacy.load(model)` can find it (an installed package or a directory), without
    loading it."""
    try:
        return importlib.util.find_spec(model) is not None or Path(model).exists()
    except (ImportError, ValueError):
        return Path(model).exists()


def split_chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Cut `text` into pieces of at most ~`size` characters at the best break available
    (paragraph, sentence end, whitespace, else anywhere); the pieces concatenate to `text`."""
    chunks: list[str] = []
    pos = 0
    while len(text) - pos > size:
        window = text[pos : pos + size]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() > size // 4]
            if ends:
                cut = ends[-1]
                break
        cut = cut or size
        chunks.append(text[pos : pos + cut])
        pos += cut
    chunks.append(text[pos:])
    return chunks


class Extractor:
    """Holds a loaded pipeline; `extract` one text or `extract_many` in batches."""

    def __init__(self, model: str, batch_size: int = 32, limits: ExtractionLimits | None = None) -> None:
        self.model = model
        self.batch_size = batch_size
        self.limits = limits or ExtractionLimits()
        if not _model_installed(model):
            raise ModelNotFound(
                f"spaCy model {model!r} is not installed; install it or set DATELINE_SPACY_MODEL"
            )
        self._nlp: Language | None = None
        self.pool_stats: PoolStats | None = None  # of the last run with worker processes

    @property
    def nlp(self) -> Language:
        """The pipeline, loaded on first use (a caller that only stores never loads it)."""
        if self._nlp is None:
            self._nlp = build_nlp(self.model)
        return self._nlp

    @property
    def pool_batch_size(self) -> int:
        """Items a worker process takes at a time: a whole batch. The model runs its layers over
        a batch at once, and in batches of 2 it took 5% more CPU per article than in batches
        of 8 (0.145-0.152 against 0.138-0.142 CPU-s over 166 White House items, alternated
        three times); the run's tail, one worker finishing the last batch alone, costs less."""
        return self.batch_size

    @property
    def _base_pipes(self) -> list[str]:
        return [n for n in self.nlp.pipe_names if n not in components.COMPONENTS]

    def extract(self, item: ExtractionInput) -> Extraction:
        return next(self._run([item]))

    def extract_many(
        self, items: Iterable[ExtractionInput], processes: int = 1
    ) -> Iterator[tuple[ExtractionInput, Extraction]]:
        """Yield (input, extraction) in input order; raise ExtractionFailed on an article the
        pipeline fails on (see extract_each for going on past it)."""
        for item, extraction, problem in self.extract_each(items, processes):
            if extraction is None:
                raise ExtractionFailed(problem or "extraction failed")
            yield item, extraction

    def extract_each(
        self, items: Iterable[ExtractionInput], processes: int = 1
    ) -> Iterator[tuple[ExtractionInput, Extraction | None, str | None]]:
        """Yield (input, extraction, None) in input order, or (input, None, problem) for an
        article the pipeline fails on: its batch is run again one article at a time, so the
        failure costs only that article. With processes > 1, processes - 1 worker processes
        each load the model once and take batches of items, and this process extracts a batch
        itself whenever the next result is not ready (it would only wait): no more processes
        than `processes` compete for the cores while this one stores."""
        iterator = iter(items)
        self.pool_stats = None
        if processes <= 1:
            while batch := list(islice(iterator, self.batch_size)):
                try:
                    results = list(self._run(batch))
                except Exception:
                    yield from self._one_by_one(batch)
                    continue
                for item, extraction in zip(batch, results, strict=True):
                    yield item, extraction, None
            return
        parts = _batches(iterator, self.pool_batch_size)
        stats = self.pool_stats = PoolStats(processes, time.monotonic())
        workers = processes - 1  # and this process, which extracts whenever it would wait
        with ProcessPoolExecutor(
            max_workers=workers,
            initializer=_init_worker,
            initargs=(self.model, self.batch_size, self.limits),
        ) as pool:
            # Batches in input order: a worker's (a Future) or one this process extracted.
            queue: deque[_Queued] = deque()

            def top_up() -> None:
                """Keep _IN_FLIGHT unfinished batches per worker, so a worker never runs dry
                while this process extracts or stores; batches done but not yet handed out
                count against _QUEUED_AT_MOST per worker, which bounds the input read ahead."""
                while len(queue) < _QUEUED_AT_MOST * workers and _unfinished(queue) < _IN_FLIGHT * workers:
                    part = next(parts, None)
                    if part is None:
                        return
                    queue.append((part, pool.submit(_work, part)))

            top_up()
            while queue:
                part, pending = queue.popleft()
                while isinstance(pending, Future) and not pending.done():
                    if pending.cancel():  # no worker has started it (still loading): do it here
                        pending = self._work_here(part)
                    elif len(queue) < _QUEUED_AT_MOST * workers and (own := next(parts, None)) is not None:
                        queue.append((own, self._work_here(own)))
                    elif not self._take_back(queue):
                        break  # nothing more to take on: wait for the workers
                    top_up()
                waited = time.monotonic()
                done = self._result(pending)
                stats.waited += time.monotonic() - waited
                top_up()
                if done is None:
                    yield from self._one_by_one(part)
                    continue
                stats.add(done)
                for item, extraction in zip(part, done.extractions, strict=True):
                    yield item, extraction, None
        stats.ended = time.monotonic()
        log.info("%s", stats)

    def _take_back(self, queue: deque[_Queued]) -> bool:
        """Extract here the first queued batch no worker has started (at the end of a run,
        when this process would otherwise wait for the workers' queues)."""
        for i, (part, pending) in enumerate(queue):
            if isinstance(pending, Future) and pending.cancel():
                queue[i] = (part, self._work_here(part))
                return True
        return False

    def _work_here(self, items: list[ExtractionInput]) -> _Done | None:
        """A batch extracted in this process, timed as a worker's; None if it failed."""
        started, cpu = time.monotonic(), time.process_time()
        try:
            extractions = list(self._run(items))
        except Exception:
            log.debug("batch failed; its articles are tried one by one", exc_info=True)
            return None
        return _Done(extractions, os.getpid(), started, time.monotonic(), time.process_time() - cpu)

    @staticmethod
    def _result(pending: Future[_Done] | _Done | None) -> _Done | None:
        if not isinstance(pending, Future):
            return pending
        try:
            return pending.result()
        except Exception:
            return None

    def _one_by_one(
        self, items: list[ExtractionInput]
    ) -> Iterator[tuple[ExtractionInput, Extraction | None, str | None]]:
        for item in items:
            try:
                yield item, next(self._run([item])), None
            except Exception as exc:
                log.debug("extraction failed", exc_info=True)
                yield item, None, f"extraction failed ({type(exc).__name__}: {exc})"

    def _run(self, items: list[ExtractionInput]) -> Iterator[Extraction]:
        short = [(i, it) for i, it in enumerate(items) if len(it.text) <= CHUNK_CHARS]
        docs: dict[int, Doc] = {}
        headlines = self._headline_docs(items)
        prepared = (self._make_doc(it.text, it, headlines.get(it.title)) for _, it in short)
        for (i, _), doc in zip(short, self.nlp.pipe(prepared, batch_size=self.batch_size), strict=True):
            docs[i] = doc
        for i, it in enumerate(items):
            doc = docs.pop(i, None) or self._run_long(it, headlines.get(it.title))
            yield to_extraction(doc)

    def _headline_docs(self, items: list[ExtractionInput]) -> dict[str, Doc]:
        """The batch's headlines parsed by the model alone: a name there is an entity of the
        article though the text never repeats it."""
        titles = list(dict.fromkeys(it.title for it in items if it.title and it.title.strip()))
        if not titles:
            return {}
        with self.nlp.select_pipes(enable=self._base_pipes):
            return dict(zip(titles, self.nlp.pipe(titles, batch_size=self.batch_size), strict=True))

    def _make_doc(self, text: str, item: ExtractionInput, headline: Doc | None = None) -> Doc:
        doc = self.nlp.make_doc(text)
        remember_text(doc, text)
        _set_context(doc, item, headline)
        return doc

    def _run_long(self, item: ExtractionInput, headline: Doc | None = None) -> Doc:
        """Parse chunk by chunk until the text, the character limit or the time budget ends;
        run Dateline's components once over the parsed prefix, whose offsets are the text's."""
        text = item.text[: self.limits.max_chars] if self.limits.max_chars else item.text
        deadline = time.monotonic() + self.limits.seconds if self.limits.seconds else None
        parts: list[Doc] = []
        with self.nlp.select_pipes(enable=self._base_pipes):
            for part in self.nlp.pipe(split_chunks(text), batch_size=1):
                # The components never read the tok2vec tensor; kept, it would grow the doc
                # by ~2 KB a token.
                part.tensor = numpy.zeros((0, 0), dtype="float32")
                parts.append(part)
                if deadline is not None and time.monotonic() > deadline:
                    break
        doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])
        _set_context(doc, item, headline)
        if len(doc.text) < len(item.text):
            reason = (
                f"the time budget of {self.limits.seconds:g} s ran out"
                if len(doc.text) < len(text)
                else f"the limit is {self.limits.max_chars:,} characters"
            )
            doc._.notes = (
                *doc._.notes,
                f"extracted the first {len(doc.text):,} of {len(item.text):,} characters ({reason});"
                " the rest of the text is stored but not extracted",
            )
        for name in components.COMPONENTS:
            doc = self.nlp.get_pipe(name)(doc)
        return doc


def _batches(items: Iterator[ExtractionInput], size: int) -> Iterator[list[ExtractionInput]]:
    """Batches of `size`, but the run's last 2 x `size` items in quarter batches: at the end one
    process finishes its last batch alone while the other waits, and a quarter batch is a
    quarter of that wait (the model's batching saves little on so few articles)."""
    small = size // 4
    if small < 1:
        yield from iter(lambda: list(islice(items, size)), [])
        return
    ahead: deque[ExtractionInput] = deque()
    for item in items:
        ahead.append(item)
        if len(ahead) == 3 * size:  # a batch, and the tail that may be the last
            yield [ahead.popleft() for _ in range(size)]
    while len(ahead) > 2 * size:
        yield [ahead.popleft() for _ in range(size)]
    while ahead:
        yield [ahead.popleft() for _ in range(min(small, len(ahead)))]


def _set_context(doc: Doc, item: ExtractionInput, headline: Doc | None) -> None:
    doc._.published = item.published
    doc._.authors = tuple(item.authors)
    doc._.source = item.source
    doc._.title = item.title
    doc._.title_doc = headline


def to_extraction(doc: Doc) -> Extraction:
    return Extraction(
        language=doc._.language,
        pipeline_version=PIPELINE_VERSION,
        sentences=sentence_spans(doc),
        entities=tuple(doc._.dl_entities),
        timexes=tuple(doc._.dl_timexes),
        quotes=tuple(doc._.dl_quotes),
        events=tuple(doc._.dl_events),
        notes=tuple(doc._.notes),
    )


@dataclass(frozen=True)
class _Done:
    """A worker's extractions of one batch, and when (monotonic clock, shared by the processes
    of one machine) and with how much CPU it extracted them."""

    extractions: list[Extraction]
    worker: int  # process id
    started: float
    ended: float
    cpu: float


# a batch in the queue, with its result to come from a worker, or extracted here (None: failed)
_Queued = tuple[list[ExtractionInput], "Future[_Done] | _Done | None"]


def _unfinished(queue: Iterable[_Queued]) -> int:
    """Batches queued for the workers that none has finished yet."""
    return sum(1 for _, pending in queue if isinstance(pending, Future) and not pending.done())


@dataclass
class PoolStats:
    """How busy the processes of one `extract_each` run were (the workers and this one):
    extracting time per process over the run's wall time (the rest is start-up, model load,
    waiting for input, storing, the tail), and how long the caller waited for results."""

    processes: int
    started: float
    ended: float = 0.0
    waited: float = 0.0
    batches: int = 0
    busy: dict[int, float] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)
    first: float | None = None  # when the first batch started extracting (models loaded)
    last: float = 0.0

    def add(self, done: _Done) -> None:
        self.batches += 1
        self.busy[done.worker] = self.busy.get(done.worker, 0.0) + done.ended - done.started
        self.cpu[done.worker] = self.cpu.get(done.worker, 0.0) + done.cpu
        self.first = done.started if self.first is None else min(self.first, done.started)
        self.last = max(self.last, done.ended)

    @property
    def wall(self) -> float:
        return (self.ended or time.monotonic()) - self.started

    def __str__(self) -> str:
        wall = max(self.wall, 1e-9)
        shares = ", ".join(f"{b / wall:.0%}" for b in sorted(self.busy.values(), reverse=True))
        start = (self.first or self.started) - self.started
        tail = (self.ended or time.monotonic()) - self.last
        return (
            f"{self.processes} extraction processes over {wall:.1f} s, {self.batches} batches: "
            f"busy {shares} (CPU {sum(self.cpu.values()):.1f} s); first batch began after "
            f"{start:.1f} s; {tail:.1f} s after the last batch; the caller waited {self.waited:.1f} s"
        )


_worker: Extractor | None = None


def _init_worker(model: str, batch_size: int, limits: ExtractionLimits) -> None:
    global _worker
    _worker = Extractor(model, batch_size, limits)
    _worker.nlp  # noqa: B018 (load the model now, not inside the first batch's timing)


def _work(items: list[ExtractionInput]) -> _Done:
    assert _worker is not None
    started, cpu = time.monotonic(), time.process_time()
    extractions = list(_worker._run(items))
    return _Done(extractions, os.getpid(), started, time.monotonic(), time.process_time() - cpu)
