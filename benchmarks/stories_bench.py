"""What story assignment costs against the rest of ingest, and what it makes of the demo.

    .venv/bin/python benchmarks/stories_bench.py [--corpus demo] [--database-url URL]
                                                 [--cache /tmp/demo-extractions.pickle]

Reads the articles with the ingest readers and extracts them once (kept in `--cache` when
given, so a second run, or a run against PostgreSQL, skips the model), then stores them one
transaction each, in ingest order, into a fresh database (a temporary SQLite file unless
`--database-url` names an empty one), timing
  1. extraction (CPU seconds of this process; from the cache: as measured when it was made),
  2. storing everything else (sentences, entities, quotes, events, search documents),
  3. story assignment inside those transactions (the calls to `attach_events`),
and prints story assignment as a share of the whole ingest (extraction + storing) and of
storing alone. Then it prints the biggest stories and the story of NATO's Washington summit
(July 9–11, 2024): its reports, articles and sources.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pickle
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from app.config import Settings  # noqa: E402
from app.domain import ArticleRecord, Extraction  # noqa: E402
from app.ingest.batch import extraction_input  # noqa: E402
from app.ingest.readers import read_paths  # noqa: E402
from app.store import writer  # noqa: E402
from app.store.database import Database  # noqa: E402
from app.store.engine import transaction  # noqa: E402
from app.store.migrate import upgrade  # noqa: E402
from app.store.models import Event, Story  # noqa: E402

SUMMIT = (dt.date(2024, 7, 9), dt.date(2024, 7, 11))


def extract(
    corpus: Path, settings: Settings, cache: Path | None
) -> tuple[list[tuple[ArticleRecord, Extraction]], float]:
    if cache and cache.exists():
        with cache.open("rb") as fh:
            saved = pickle.load(fh)
        return saved["items"], saved["cpu"]
    from app.extract import Extractor

    records = [r for r in read_paths([corpus], settings) if isinstance(r, ArticleRecord) and r.body.strip()]
    extractor = Extractor(settings.spacy_model, settings.nlp_batch_size)
    started = time.process_time()
    items = [
        (item.ref, ex)
        for item, ex, _ in extractor.extract_each(extraction_input(r) for r in records)
        if ex is not None
    ]
    cpu = time.process_time() - started
    if cache:
        with cache.open("wb") as fh:
            pickle.dump({"items": items, "cpu": cpu}, fh)
    return items, cpu


def shifted(
    items: list[tuple[ArticleRecord, Extraction]], copy: int
) -> list[tuple[ArticleRecord, Extraction]]:
    """Copy `copy` of the articles, 52 weeks × copy earlier (weekdays kept), under other URLs
    and texts: a larger database of the same shape for page timings (`--copies`)."""
    if copy == 0:
        return items
    delta = dt.timedelta(weeks=-52 * copy)
    out = []
    for record, ex in items:
        events = tuple(
            replace(e, start_date=e.start_date + delta, end_date=e.end_date + delta) for e in ex.events
        )
        rec = replace(
            record,
            url=f"{record.url}#copy-{copy}" if record.url else None,
            body=f"{record.body}\n\n(copy {copy})",
            published=record.published + delta if record.published else None,
            published_at=None,
        )
        out.append((rec, replace(ex, events=events)))
    return out


def store(db: Database, items: list[tuple[ArticleRecord, Extraction]], source: str) -> tuple[float, float]:
    """(CPU seconds storing, of which CPU seconds assigning stories)."""
    real = writer.attach_events
    spent = [0.0]

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        t = time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - t

    writer.attach_events = timed  # type: ignore[assignment]
    try:
        started = time.process_time()
        for record, extraction in items:
            with transaction(db.sessions) as session:
                writer.store_article(session, record, extraction, source_name=source)
        total = time.process_time() - started
    finally:
        writer.attach_events = real  # type: ignore[assignment]
    return total, spent[0]


def summit_story(db: Database) -> Story | None:
    """The biggest story overlapping July 9–11, 2024 whose reports name a summit."""
    with db.sessions() as session:
        candidates = session.scalars(
            select(Story)
            .where(Story.start_date <= SUMMIT[1], Story.end_date >= SUMMIT[0])
            .order_by(Story.report_count.desc(), Story.id)
        ).all()
        for story in candidates:
            if "summit" in story.profile.get("stems", {}):
                return story
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "demo")
    ap.add_argument("--source", default="The White House")
    ap.add_argument(
        "--database-url", default=None, help="an empty database (default: a temporary SQLite file)"
    )
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the extractions, made on first use")
    ap.add_argument(
        "--copies", type=int, default=1, help="store the corpus this many times, a year apart each"
    )
    args = ap.parse_args()
    settings = Settings(_env_file=None)
    items, extract_cpu = extract(args.corpus, settings, args.cache)
    items = [item for copy in range(args.copies) for item in shifted(items, copy)]
    extract_cpu *= args.copies
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(args.database_url or f"sqlite:///{tmp}/stories-bench.sqlite")
        upgrade(db.engine)
        store_cpu, story_cpu = store(db, items, args.source)
        events = sum(len(ex.events) for _, ex in items)
        with db.sessions() as session:
            stories = session.scalars(select(Story).order_by(Story.report_count.desc(), Story.id)).all()
            print(
                f"{len(items)} articles, {events} events, {len(stories)} stories ({db.engine.dialect.name})"
            )
            print(f"extraction  {extract_cpu:8.1f} CPU s")
            print(f"storing     {store_cpu:8.1f} CPU s, of which story assignment {story_cpu:.1f} CPU s")
            ratio = story_cpu / (extract_cpu + store_cpu)
            print(f"story assignment / ingest = {ratio:.3f} (bar: <= 0.10)")
            print(f"story assignment / storing alone = {story_cpu / store_cpu:.3f}")
            print("\nbiggest stories:")
            for s in stories[:8]:
                counts = f"{s.report_count} reports · {s.article_count} articles · {s.source_count} sources"
                print(f"  #{s.id} {counts}  {s.start_date}–{s.end_date} {s.kind}: {s.title[:90]}")
            summit = summit_story(db)
            if summit is None:
                print("\nno summit story found")
            else:
                s = summit
                counts = f"{s.report_count} reports, {s.article_count} articles, {s.source_count} sources"
                print(f"\nthe summit: story #{summit.id} {summit.start_date}–{summit.end_date}, {counts}")
                print(f"  {summit.title}")
                for summary, value in session.execute(
                    select(Event.summary, Event.value).where(Event.story_id == summit.id).order_by(Event.id)
                ):
                    print(f"    {value:24} {summary[:110]}")
        db.close()


if __name__ == "__main__":
    main()
