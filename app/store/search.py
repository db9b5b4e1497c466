"""Full-text search: one function, one implementation per backend.

SQLite: an FTS5 table over `search_documents` (external content, porter stemming), kept in step
by triggers. PostgreSQL: the English tsvector of title and body in a stored generated column
(computed once, when the row is written, not per row per query), with a GIN index, queried
with `to_tsquery` built from the query's words. Both are created by the migrations; the models
know only the plain table.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    Subquery,
    and_,
    any_,
    bindparam,
    column,
    event,
    false,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from app.store.models import SearchDocument

FTS_TABLE = "search_fts"
# Entity names and aliases alone (a few thousand rows, not every document): an entity search
# for a prefix that most articles hold ("bid*": Biden) costs the entities, not the collection.
ENTITY_FTS_TABLE = "search_fts_entities"
# Event documents alone, keyed by the event's id (contentless: the text stays in search_documents):
# the timeline's q filter walks the events that match, not every article and quote holding the
# word first, and reads their ids from the index itself.
EVENT_FTS_TABLE = "search_fts_events"
# The kind whose FTS5 table's rowid is the document's ref_id, not its id.
SQLITE_KEYED_BY_REF = {"event"}
# The FTS5 table that holds one kind's documents alone, by kind (the rest are in FTS_TABLE only).
SQLITE_KIND_TABLES = {"entity": ENTITY_FTS_TABLE, "event": EVENT_FTS_TABLE}
PG_INDEX = "ix_search_documents_vector"
PG_ENTITY_INDEX = "ix_search_documents_entity_vector"
# One partial GIN index per text kind: a filter on one kind (the timeline's q, the quotes' q)
# then reads that kind's matches alone, not every article and quote holding the word.
PG_KIND_INDEXES = {kind: f"ix_search_documents_{kind}_vector" for kind in ("event", "quote", "article")}
# A q filter looks its matches up once per request, the newest MATCH_BOUND of them (by when
# they were stored): a word that most events hold costs this many, not the collection.
MATCH_BOUND = 2_000
PG_COLUMN = "search_vector"
_PG_VECTOR = f"search_documents.{PG_COLUMN}"
_WORD = re.compile(r"\w+", re.UNICODE)

SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(title, body, "
    "content='search_documents', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_ai AFTER INSERT ON search_documents BEGIN
        INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body); END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_ad AFTER DELETE ON search_documents BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body); END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_au AFTER UPDATE ON search_documents BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body); END""",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {ENTITY_FTS_TABLE} USING fts5(title, body, "
    "tokenize='porter unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_entity_ai AFTER INSERT ON search_documents
        WHEN new.kind = 'entity' BEGIN
        INSERT INTO {ENTITY_FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body); END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_entity_ad AFTER DELETE ON search_documents
        WHEN old.kind = 'entity' BEGIN DELETE FROM {ENTITY_FTS_TABLE} WHERE rowid = old.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_entity_au AFTER UPDATE ON search_documents
        WHEN old.kind = 'entity' OR new.kind = 'entity' BEGIN
        DELETE FROM {ENTITY_FTS_TABLE} WHERE rowid = old.id;
        INSERT INTO {ENTITY_FTS_TABLE}(rowid, title, body)
        SELECT new.id, new.title, new.body WHERE new.kind = 'entity'; END""",
    # Contentless, its rowid the event's id (the document's ref_id): a match is an event id
    # straight from the index, with no look-up of its document (the text is in search_documents).
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {EVENT_FTS_TABLE} USING fts5(title, body, "
    "content='', tokenize='porter unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_event_ai AFTER INSERT ON search_documents
        WHEN new.kind = 'event' BEGIN
        INSERT INTO {EVENT_FTS_TABLE}(rowid, title, body) VALUES (new.ref_id, new.title, new.body); END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_event_ad AFTER DELETE ON search_documents
        WHEN old.kind = 'event' BEGIN
        INSERT INTO {EVENT_FTS_TABLE}({EVENT_FTS_TABLE}, rowid, title, body)
        VALUES ('delete', old.ref_id, old.title, old.body); END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_documents_event_au AFTER UPDATE ON search_documents
        WHEN old.kind = 'event' OR new.kind = 'event' BEGIN
        INSERT INTO {EVENT_FTS_TABLE}({EVENT_FTS_TABLE}, rowid, title, body)
        SELECT 'delete', old.ref_id, old.title, old.body WHERE old.kind = 'event';
        INSERT INTO {EVENT_FTS_TABLE}(rowid, title, body)
        SELECT new.ref_id, new.title, new.body WHERE new.kind = 'event'; END""",
)
# The event table's rows are written by hand: its 'rebuild' would index every kind.
SQLITE_EVENT_FILL = (
    f"INSERT INTO {EVENT_FTS_TABLE}({EVENT_FTS_TABLE}) VALUES ('delete-all')",
    f"""INSERT INTO {EVENT_FTS_TABLE}(rowid, title, body)
        SELECT ref_id, title, body FROM search_documents WHERE kind = 'event'""",
)
SQLITE_FILL = (
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
    f"DELETE FROM {ENTITY_FTS_TABLE}",
    f"""INSERT INTO {ENTITY_FTS_TABLE}(rowid, title, body)
        SELECT id, title, body FROM search_documents WHERE kind = 'entity'""",
    *SQLITE_EVENT_FILL,
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS search_documents_event_au",
    "DROP TRIGGER IF EXISTS search_documents_event_ad",
    "DROP TRIGGER IF EXISTS search_documents_event_ai",
    f"DROP TABLE IF EXISTS {EVENT_FTS_TABLE}",
    "DROP TRIGGER IF EXISTS search_documents_entity_au",
    "DROP TRIGGER IF EXISTS search_documents_entity_ad",
    "DROP TRIGGER IF EXISTS search_documents_entity_ai",
    f"DROP TABLE IF EXISTS {ENTITY_FTS_TABLE}",
    "DROP TRIGGER IF EXISTS search_documents_au",
    "DROP TRIGGER IF EXISTS search_documents_ad",
    "DROP TRIGGER IF EXISTS search_documents_ai",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)
POSTGRES_DDL = (
    f"""ALTER TABLE search_documents ADD COLUMN IF NOT EXISTS {PG_COLUMN} tsvector GENERATED ALWAYS AS
        (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED""",
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON search_documents USING GIN ({PG_COLUMN})",
    f"""CREATE INDEX IF NOT EXISTS {PG_ENTITY_INDEX} ON search_documents USING GIN ({PG_COLUMN})
        WHERE kind = 'entity'""",
    *(
        f"CREATE INDEX IF NOT EXISTS {name} ON search_documents USING GIN ({PG_COLUMN}) WHERE kind = '{kind}'"
        for kind, name in PG_KIND_INDEXES.items()
    ),
)
POSTGRES_DROP = (
    *(f"DROP INDEX IF EXISTS {name}" for name in PG_KIND_INDEXES.values()),
    f"DROP INDEX IF EXISTS {PG_ENTITY_INDEX}",
    f"DROP INDEX IF EXISTS {PG_INDEX}",
    f"ALTER TABLE search_documents DROP COLUMN IF EXISTS {PG_COLUMN}",
)


def is_search_index_object(name: str | None, type_: str) -> bool:
    known = (PG_INDEX, PG_ENTITY_INDEX, PG_COLUMN, *PG_KIND_INDEXES.values())
    return bool(name) and (name.startswith(FTS_TABLE) or name in known)


def create_search_index(connection: Connection) -> None:
    for statement in SQLITE_DDL if connection.dialect.name == "sqlite" else POSTGRES_DDL:
        connection.execute(text(statement))


def drop_search_index(connection: Connection) -> None:
    for statement in SQLITE_DROP if connection.dialect.name == "sqlite" else POSTGRES_DROP:
        connection.execute(text(statement))


def rebuild_search_index(connection: Connection) -> None:
    """The full-text index made again from `search_documents`: after rows were written in bulk
    with the index dropped (faster than keeping it in step row by row)."""
    drop_search_index(connection)
    create_search_index(connection)
    if connection.dialect.name == "sqlite":
        for statement in SQLITE_FILL:
            connection.execute(text(statement))


def query_words(query: str) -> list[str]:
    return _WORD.findall(query)[:20]


def _fts5_query(words: list[str]) -> str:
    # Every word quoted (so user input can never be FTS5 syntax), the last one as a prefix
    # so that results come while the reader is still typing.
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def matching_documents(
    dialect: str, query: str, kinds: Sequence[str] | None = None, newest: int | None = None
) -> Select | None:
    """SELECT kind, ref_id, rank of the documents matching `query`, best first (lower rank is
    better). None when the query holds no searchable word.

    With `newest`, only the `newest` most recently stored matches (of any kind) are ranked:
    ranking costs per match, so this bounds a query for a common word however large the
    collection grows."""
    words = query_words(query)
    if not words:
        return None
    doc = SearchDocument.__table__
    kind_list = list(kinds or ())
    # One kind with an index of its own is matched in that index alone: on PostgreSQL a partial
    # GIN index, on SQLite an FTS5 table of that kind's documents.
    only = kind_list[0] if len(kind_list) == 1 else None
    if dialect == "sqlite":
        own_index = only in SQLITE_KIND_TABLES
        name = SQLITE_KIND_TABLES.get(only or "", FTS_TABLE)
        fts = table(name, column("rowid"), column(name))
        rank = literal_column(f"bm25({name}, 2.0, 1.0)")
        match = literal_column(name).op("MATCH")(_fts5_query(words))
        if only in SQLITE_KEYED_BY_REF:  # the index alone: its rowid is the ref_id
            kind_of = literal_column(f"'{only}'")
            stmt = select(kind_of.label("kind"), fts.c.rowid.label("ref_id"), rank.label("rank")).where(match)
        else:
            stmt = (
                select(doc.c.kind, doc.c.ref_id, rank.label("rank"))
                .select_from(fts.join(doc, doc.c.id == fts.c.rowid))
                .where(match)
            )
        if newest:
            # FTS5 walks its rowids backwards cheaply and takes a rowid bound as a constraint.
            start = select(fts.c.rowid).where(match).order_by(fts.c.rowid.desc()).offset(newest - 1).limit(1)
            stmt = stmt.where(fts.c.rowid >= func.coalesce(start.scalar_subquery(), 0))
    else:
        own_index = only == "entity" or only in PG_KIND_INDEXES
        vector = literal_column(_PG_VECTOR)
        tsquery = func.to_tsquery("english", _tsquery(words))
        rank = -func.ts_rank(vector, tsquery)
        matched = vector.op("@@")(tsquery)
        if own_index:  # the kind as a literal: the planner then uses that kind's partial index
            matched = and_(matched, doc.c.kind == literal_column(f"'{only}'"))
        stmt = select(doc.c.kind, doc.c.ref_id, rank.label("rank")).where(matched)
        if newest:  # (newest_matching bounds this by probing, where a session is at hand)
            start = select(doc.c.id).where(matched).order_by(doc.c.id.desc()).offset(newest - 1).limit(1)
            stmt = stmt.where(doc.c.id >= func.coalesce(start.scalar_subquery(), 0))
    if kinds and not own_index:  # (a kind's own index holds that kind alone)
        # On SQLite the unary + keeps the planner from leading with the (kind, ref_id) index,
        # which visits every document of a kind and probes the full-text index for each: the
        # match must lead, so a query costs its matches, not the table (sqlite.org/optoverview.html,
        # "disqualifying WHERE clause terms using unary +").
        kind = literal_column(f"+{doc.name}.kind") if dialect == "sqlite" else doc.c.kind
        stmt = stmt.where(kind.in_(list(kinds)))
    return stmt


# The first slice of document ids probed for the newest matches, as a multiple of how many are
# wanted, and how much wider each next slice is.
FIRST_SLICE, WIDER = 16, 16


def newest_matching(
    session: Session, query: str, kinds: Sequence[str], newest: int, first_slice: int | None = None
) -> Select | None:
    """matching_documents of the `newest` most recently stored matches, best first.

    On PostgreSQL the newest matches are found in slices of document ids going back from the
    newest, each wider than the one before, until `newest` are found: the GIN index cannot
    yield matches in id order, and the single query that asked for the newest (a backward walk
    of every document testing each, or a sort of every match) cost per document or per match
    of the whole collection (124 ms for "sanctions" at 50,000 articles). A slice costs its own
    matches, so a common word costs about `newest` of them, a rare one its few. `first_slice`:
    the ids in the first slice (default FIRST_SLICE times `newest`)."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        return matching_documents(dialect, query, kinds, newest=newest)
    stmt = matching_documents(dialect, query, kinds)
    if stmt is None:
        return None
    doc = SearchDocument.__table__
    ids = stmt.with_only_columns(doc.c.id)
    found: list[int] = []
    high = (session.scalar(select(func.max(doc.c.id))) or 0) + 1
    width = first_slice or newest * FIRST_SLICE
    while high > 0 and len(found) < newest:
        low = max(high - width, 0)
        found += sorted(session.scalars(ids.where(doc.c.id >= low, doc.c.id < high)), reverse=True)
        high, width = low, width * WIDER
    if len(found) < newest:
        return stmt  # every match is among the newest
    # ranked by id: a primary key look-up each, not the GIN index again
    return stmt.where(doc.c.id == any_(bindparam("newest_ids", found[:newest], type_=ARRAY(Integer))))


def _tsquery(words: list[str]) -> str:
    # Only \w characters reach here, so the words cannot be tsquery syntax; last one as prefix.
    return " & ".join([*words[:-1], f"{words[-1]}:*"])


@dataclass(frozen=True)
class SearchHit:
    kind: str
    ref_id: int
    rank: float


def search(
    session: Session, query: str, kinds: Sequence[str] | None = None, limit: int = 20, offset: int = 0
) -> list[SearchHit]:
    stmt = matching_documents(session.get_bind().dialect.name, query, kinds)
    if stmt is None:
        return []
    rows = session.execute(stmt.order_by(text("rank")).limit(limit).offset(offset))
    return [SearchHit(kind=r.kind, ref_id=r.ref_id, rank=float(r.rank)) for r in rows]


def matching_ref_ids(dialect: str, query: str, kind: str) -> Select | None:
    """SELECT ref_id of matching documents of one kind, for use in an IN filter."""
    stmt = matching_documents(dialect, query, [kind])
    return None if stmt is None else stmt.with_only_columns(stmt.selected_columns.ref_id)


@dataclass(frozen=True)
class Matches:
    """The ids of one kind's documents matching a query: all of them, or when `bounded` the
    newest MATCH_BOUND stored."""

    ids: tuple[int, ...]
    bounded: bool


def matches(session: Session, query: str, kind: str, bound: int | None = None) -> Matches | None:
    """Ids of the `kind` rows matching `query`, looked up once per session (a page that filters
    its list, its "anything more?" probe and its density chart by q reads the index once) and
    bounded (by MATCH_BOUND unless told). None when the query holds no searchable word."""
    bound = bound or MATCH_BOUND
    memo = transaction_memo(session)
    key = (query, kind, bound)
    if key not in memo:
        newest = newest_matches(session.get_bind().dialect.name, query, kind, bound)
        if newest is None:
            memo[key] = None
        else:
            # Core, not the ORM's execute: ids alone, thousands of them
            ids = tuple(
                session.connection().scalars(select(newest.c.ref_id).order_by(newest.c.doc.desc())).all()
            )
            memo[key] = Matches(ids[:bound], len(ids) > bound)
    return memo[key]


def newest_matches(dialect: str, query: str, kind: str, bound: int | None = None) -> Subquery | None:
    """(ref_id, doc) of the newest `bound` + 1 documents of `kind` matching `query` (by when
    they were stored: `doc`, as stored_matches has it), newest first; one more than the bound
    tells whether more match. On SQLite newest by the FTS rowid, which FTS5 yields in that order,
    so the walk stops at the bound instead of sorting every match."""
    bound = bound or MATCH_BOUND
    found = stored_matches(dialect, query, kind)
    if found is None:
        return None
    stmt, stored = found
    return stmt.add_columns(stored.label("doc")).order_by(stored.desc()).limit(bound + 1).subquery()


def stored_matches(dialect: str, query: str, kind: str) -> tuple[Select, ColumnElement[int]] | None:
    """SELECT ref_id of every document of `kind` matching `query`, unordered, and the column
    that says when each was stored (the document id; on SQLite the FTS rowid, which FTS5 walks
    backwards cheaply: the document id, or for an event the event's id, which grows as events are
    stored just as their documents' ids do), for a caller to order and bound by. None when the
    query holds no searchable word."""
    stmt = matching_ref_ids(dialect, query, kind)
    if stmt is None:
        return None
    fts = SQLITE_KIND_TABLES.get(kind, FTS_TABLE)
    return stmt, literal_column(f"{fts}.rowid" if dialect == "sqlite" else "search_documents.id")


_MEMO_KEY = "dateline_transaction_memo"


def transaction_memo(session: Session) -> dict:  # type: ignore[type-arg]
    """What this transaction has looked up already (text matches, the entities a filter names),
    for a page's several statements to share; forgotten when the transaction ends, as a write
    after it may change the answers."""
    return session.info.setdefault(_MEMO_KEY, {})


def known_matches(session: Session, query: str, kind: str) -> Matches | None:
    """The matches (bounded by MATCH_BOUND) this transaction has looked up already, or None."""
    return transaction_memo(session).get((query, kind, MATCH_BOUND))


def remember_matches(session: Session, query: str, kind: str, found: Matches) -> None:
    """Matches (bounded by MATCH_BOUND) found by a query of its own (one that read more with
    them), for matches() to answer from for the rest of the transaction."""
    transaction_memo(session)[query, kind, MATCH_BOUND] = found


@event.listens_for(Session, "after_transaction_end")
def _forget_matches(session: Session, _transaction: object) -> None:
    """What a transaction looked up is forgotten with it: a write after it may change it."""
    session.info.pop(_MEMO_KEY, None)


def among(column: ColumnElement[int], found: Matches, dialect: str) -> ColumnElement[bool]:
    """`column` is one of the matched ids, passed as one parameter however many there are (no
    statement of thousands of bound values to build): an array on PostgreSQL (`= ANY`), a JSON
    array read by `json_each` on SQLite."""
    if not found.ids:
        return false()
    if dialect == "postgresql":
        return column == any_(bindparam("matched_ids", list(found.ids), type_=ARRAY(Integer), unique=True))
    ids = func.json_each(bindparam("matched_ids", json.dumps(found.ids), unique=True)).table_valued("value")
    return column.in_(select(ids.c.value))
