"""Page and API times on a database of N articles made from real extracted ones.

    .venv/bin/python benchmarks/scale_bench.py --articles 50000
    .venv/bin/python benchmarks/scale_bench.py --articles 50000 \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/scale

`--base` White House items (spread evenly over ../shared/corpus/whitehouse) are extracted once
(kept in `--cache`) and stored through the writer into an empty database, stories and all.
Copies of those rows are then written with SQL, each copy dated one day earlier than the one
before, under its own URLs, content hashes and ids, until the database holds N articles; the
copies share the entities of the originals, so the busiest entities grow as they would with
more news of the same years. The search index is dropped during the copy and rebuilt, and the
counts kept at ingest are recomputed (`counting.recount`, `search.rebuild_search_index`, the
functions a repair uses).

Then every URL is requested through the ASGI app in-process, and the server time of each (see
pages_bench.ServerTimer) printed as `p50 … ms  p95 … ms  URL`, with the load average: the
machine is shared, so compare figures of one run, or runs at a like load. Not a test.
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import Date, Engine, func, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pages_bench import ServerTimer, measure, p95  # noqa: E402

from app.config import Settings  # noqa: E402
from app.domain import ArticleRecord, Extraction  # noqa: E402
from app.ingest.batch import extraction_input  # noqa: E402
from app.ingest.readers import read_paths  # noqa: E402
from app.store import writer  # noqa: E402
from app.store.counting import recount  # noqa: E402
from app.store.database import Database  # noqa: E402
from app.store.engine import transaction  # noqa: E402
from app.store.migrate import upgrade  # noqa: E402
from app.store.models import Article, Base, Entity, Event, Story  # noqa: E402
from app.store.search import drop_search_index, rebuild_search_index  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse"
# Tables copied per copy, parents before children; entities, aliases and sources are shared.
COPIED = (
    "articles",
    "sentences",
    "timexes",
    "stories",
    "events",
    "event_participants",
    "story_participants",
    "story_terms",
    "quotes",
    "mentions",
    "article_entities",
    "search_documents",
)
SQLITE_BUILD_CACHE_KIB = 1_048_576  # 1 GiB of page cache while the copies are written
# search_documents.ref_id points at the row of its kind.
REF_TABLES = {"article": "articles", "event": "events", "quote": "quotes"}


def extract(count: int, cache: Path) -> list[tuple[ArticleRecord, Extraction]]:
    if cache.exists():
        with cache.open("rb") as fh:
            items = pickle.load(fh)
        if len(items) >= count:
            return items[:count]
    from app.extract import Extractor

    settings = Settings(_env_file=None)
    paths = sorted(CORPUS.glob("**/*.md"))
    step = max(1, len(paths) // count)
    chosen = paths[::step][:count]
    records = [r for r in read_paths(chosen, settings) if isinstance(r, ArticleRecord) and r.body.strip()]
    print(f"extracting {len(records)} articles (kept in {cache})", flush=True)
    extractor = Extractor(settings.spacy_model, settings.nlp_batch_size)
    items = [
        (item.ref, ex)
        for item, ex, _ in extractor.extract_each(extraction_input(r) for r in records)
        if ex is not None
    ]
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as fh:
        pickle.dump(items, fh)
    return items


def _shift(dialect: str, column: str, days: int) -> str:
    if dialect == "sqlite":
        return f"date({column}, '-{days} days')"
    return f"{column} - {days}"


def _copy_statement(engine: Engine, name: str, strides: dict[str, int], copy: int) -> str:
    """INSERT … SELECT of copy `copy` of the original rows of one table."""
    table = Base.metadata.tables[name]
    dialect = engine.dialect.name
    columns, values = [], []
    for column in table.columns:
        col = f'"{column.name}"'
        expr = col
        targets = {fk.column.table.name for fk in column.foreign_keys} & set(COPIED)
        if column.primary_key and column.name == "id":
            expr = f"{col} + {strides[name] * copy}"
        elif targets:
            expr = f"{col} + {strides[targets.pop()] * copy}"
        elif name == "search_documents" and column.name == "ref_id":
            cases = " ".join(f"WHEN '{k}' THEN ref_id + {strides[t] * copy}" for k, t in REF_TABLES.items())
            expr = f"CASE kind {cases} ELSE ref_id END"
        elif isinstance(column.type, Date):
            expr = _shift(dialect, col, copy)
        elif name == "articles" and column.name == "url":
            expr = f"url || '#copy-{copy}'"
        elif name == "articles" and column.name == "content_hash":
            expr = f"'{copy}-' || substr(content_hash, 1, 50)"
        columns.append(col)
        values.append(expr)
    where = ""
    if "id" in table.columns and table.columns["id"].primary_key:
        where = f"WHERE id <= {strides[name]}"
    elif name in ("event_participants",):
        where = f"WHERE event_id <= {strides['events']}"
    elif name in ("story_participants", "story_terms"):
        where = f"WHERE story_id <= {strides['stories']}"
    elif name in ("article_entities",):
        where = f"WHERE article_id <= {strides['articles']}"
    if name == "search_documents":
        where += " AND kind <> 'entity'"
    return f"INSERT INTO {name} ({', '.join(columns)}) SELECT {', '.join(values)} FROM {name} {where}"


def build(db: Database, items: list[tuple[ArticleRecord, Extraction]], articles: int) -> None:
    upgrade(db.engine)
    started = time.perf_counter()
    for record, extraction in items:
        with transaction(db.sessions) as session:
            writer.store_article(session, record, extraction, source_name="The White House")
    with db.sessions() as session:
        base = session.scalar(select(func.count()).select_from(Article)) or 0
    print(f"stored {base} extracted articles through the writer in {time.perf_counter() - started:.0f} s")
    copies = -(-articles // base)
    sqlite = db.engine.dialect.name == "sqlite"
    with db.engine.begin() as connection:
        strides = {
            name: connection.scalar(text(f"SELECT COALESCE(MAX(id), 0) FROM {name}")) or 0
            for name in COPIED
            if "id" in Base.metadata.tables[name].columns
        }
        drop_search_index(connection)
    with db.engine.connect() as connection:
        if sqlite:  # the indexes being written outgrow SQLite's default 2 MB page cache
            connection.execute(text(f"PRAGMA cache_size = -{SQLITE_BUILD_CACHE_KIB}"))
        started = time.perf_counter()
        for copy in range(1, copies):
            for name in COPIED:
                connection.execute(text(_copy_statement(db.engine, name, strides, copy)))
            if copy % 50 == 0:
                connection.commit()  # a WAL of one batch, not of the whole build
                print(f"  copy {copy}/{copies - 1} ({time.perf_counter() - started:.0f} s)", flush=True)
        connection.commit()
    with db.engine.begin() as connection:
        if db.engine.dialect.name == "postgresql":
            for name in COPIED:  # ids were given explicitly: move the sequences past them
                if name in strides:
                    sequence = f"pg_get_serial_sequence('{name}', 'id')"
                    connection.execute(text(f"SELECT setval({sequence}, (SELECT MAX(id) FROM {name}))"))
        print(f"copied {copies - 1} times in {time.perf_counter() - started:.0f} s", flush=True)
        started = time.perf_counter()
        rebuild_search_index(connection)
        print(f"search index rebuilt in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    with transaction(db.sessions) as session:
        recount(session)
    print(f"counts recomputed in {time.perf_counter() - started:.0f} s", flush=True)
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))  # what autovacuum would have done by then


def urls(db: Database) -> list[str]:
    with db.sessions() as session:
        slug = session.scalar(select(Entity.slug).order_by(Entity.mention_count.desc()).limit(1))
        oldest = session.scalar(select(func.min(Article.published_date)))
        story = session.scalar(select(Story.id).order_by(Story.report_count.desc(), Story.id).limit(1))
    deep = oldest.replace(month=12, day=31) if oldest else None
    return [
        "/",
        "/timeline",
        f"/timeline?entity={slug}",
        "/timeline?q=NATO",
        f"/timeline?entity={slug}&q=NATO",  # the most named entity's matches
        f"/timeline?to={deep}",
        f"/timeline?view=reports&to={deep}",
        f"/timeline?entity={slug}&to={deep}",  # an entity's stories, deep in time
        f"/stories/{story}",  # the most reported story: its reports, quotes, nearby stories
        f"/key-events?entity={slug}",
        "/api/v1/stories",
        f"/entities/{slug}",
        "/api/v1/entities?q=bid",
        "/entities?q=bid",
        "/quotes",
        "/articles",
        "/search?q=sanctions",
        "/api/v1/events",
        "/api/v1/entities",
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=50_000, help="articles in the database")
    ap.add_argument("--database-url", default=None, help="an empty database (default: a SQLite file in /tmp)")
    ap.add_argument("--base", type=int, default=200, help="real articles extracted and copied")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/dateline-scale-base.pickle"))
    ap.add_argument("--runs", type=int, default=30, help="timed requests per URL")
    ap.add_argument("--reuse", action="store_true", help="measure the database as it is (built before)")
    args = ap.parse_args()
    url = args.database_url or f"sqlite:////tmp/dateline-scale-{args.articles}.sqlite"
    if not args.reuse and url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        for leftover in (path, f"{path}-wal", f"{path}-shm"):  # an old WAL would be replayed
            Path(leftover).unlink(missing_ok=True)
    db = Database.open(url)
    if not args.reuse:
        items = extract(args.base, args.cache)
        build(db, items, args.articles)
    with db.sessions() as session:
        count = session.scalar(select(func.count()).select_from(Article)) or 0
        events = session.scalar(select(func.count()).select_from(Event)) or 0
    print(f"\n{url}: {count:,} articles, {events:,} events ({db.engine.dialect.name})")

    from fastapi.testclient import TestClient

    from app.main import create_app

    # The in-memory answer cache off: every request runs its queries, as a first reader's does.
    app = create_app(Settings(database_url=url, api_cache_bytes=0, _env_file=None))
    timer = ServerTimer(app)
    rows = []
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"server time over {args.runs} requests each; load average {load} on {os.cpu_count()} CPUs")
    print("(after each URL: the median CPU time of this process, which a busy machine inflates less)")
    with TestClient(timer) as client:  # type: ignore[arg-type]
        for page in urls(db):
            wall, cpu = measure(client, timer, page, args.runs)
            median, cpu_median = statistics.median(wall), statistics.median(cpu)
            rows.append((median, page))
            print(
                f"p50 {median:6.1f} ms  p95 {p95(wall):6.1f} ms  {page}  (cpu {cpu_median:.1f} ms)",
                flush=True,
            )
    db.close()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at the end: {load}")
    slow = [page for median, page in rows if median >= 50.0]
    print(f"p50 under 50 ms: {'yes' if not slow else 'no: ' + ', '.join(slow)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
