"""Quotes: the list with its filters, one quote in its paragraph, more by the same speaker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, bindparam, func, select, tuple_
from sqlalchemy.orm import Session, aliased

from app.domain import QuoteKind, SpeakerKind
from app.errors import BadRequest, NotFound
from app.store.models import Article, Entity, Quote, Sentence, Source
from app.store.queries.as_of import stored_by
from app.store.queries.common import Cursor, Direction, Page, page_from_rows
from app.store.queries.entity_names import entity_ids
from app.store.queries.views import ArticleRef, EntityRef, QuoteItem
from app.store.search import matching_ref_ids

# What a reader means by a quote: quoted words and a transcript speaker's remarks (not indirect
# speech, not reporters' questions).
QUOTE_KINDS = (QuoteKind.DIRECT.value, QuoteKind.PARTIAL.value, QuoteKind.REMARKS.value)
# An attributed quote: the text says who said it, by name or by description ("a senior State
# Department official"); not one pinned on no one, nor a reporter's question.
ATTRIBUTED = (SpeakerKind.NAMED.value, SpeakerKind.ANONYMOUS.value)


@dataclass(frozen=True)
class QuoteFilter:
    speakers: tuple[str, ...] = ()  # entity slugs
    q: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    kinds: tuple[str, ...] = QUOTE_KINDS
    article_id: int | None = None
    as_of: dt.date | None = None  # only what was stored by the end of this day (as_of.py)
    attributed: bool = False  # only quotes whose speaker the text names or describes

    def validate(self) -> None:
        for kind in self.kinds:
            if kind not in QuoteKind.__members__.values():
                raise BadRequest(f"kind {kind!r} is not one of {', '.join(QuoteKind)}", "kind", kind)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            detail = f"from ({self.date_from}) is after to ({self.date_to})"
            raise BadRequest(detail, "from", str(self.date_from))


@dataclass(frozen=True)
class QuoteDetail:
    quote: QuoteItem
    paragraph: str
    highlight: tuple[int, int]  # the quote inside `paragraph`
    more_by_speaker: tuple[QuoteItem, ...]


Organization = aliased(Entity)  # an unnamed speaker's organisation


def _select_items() -> Select:
    return (
        select(
            Quote,
            Entity.slug,
            Entity.name.label("entity_name"),
            Entity.kind.label("entity_kind"),
            Article.title,
            Article.published_date,
            Article.url,
            Source.name.label("source_name"),
            Sentence.idx,
            Organization.slug.label("org_slug"),
            Organization.name.label("org_name"),
            Organization.kind.label("org_kind"),
        )
        .join(Article, Article.id == Quote.article_id)
        .outerjoin(Source, Source.id == Article.source_id)
        .outerjoin(Entity, Entity.id == Quote.speaker_entity_id)
        .outerjoin(Organization, Organization.id == Quote.speaker_org_entity_id)
        .outerjoin(Sentence, Sentence.id == Quote.sentence_id)
    )


def _to_item(row) -> QuoteItem:  # type: ignore[no-untyped-def]
    q: Quote = row.Quote
    return QuoteItem(
        id=q.id,
        text=q.text,
        kind=q.kind,
        speaker_name=row.entity_name or q.speaker_name,
        speaker_kind=q.speaker_kind,
        speaker=EntityRef(row.slug, row.entity_name, row.entity_kind) if row.slug else None,
        cue=q.cue,
        said_value=q.said_value,
        said_start=q.said_start,
        said_end=q.said_end,
        article=ArticleRef(q.article_id, row.title, row.source_name, row.published_date, row.url),
        sentence_index=row.idx,
        organization=EntityRef(row.org_slug, row.org_name, row.org_kind) if row.org_slug else None,
    )


def _speaker_ids(session: Session, typed: Sequence[str]) -> list[int]:
    """Slugs or names, as a reader types them (app/store/queries/entity_names.py)."""
    return entity_ids(session, typed, "speaker")


def list_quotes(
    session: Session, f: QuoteFilter, limit: int = 50, cursor: str | None = None
) -> Page[QuoteItem]:
    """Newest first by the date the quote was said; keyset on (said_start, id)."""
    f.validate()
    stmt = _select_items().where(Quote.kind.in_(f.kinds), Quote.said_start.is_not(None))
    speaker_ids = _speaker_ids(session, f.speakers) if f.speakers else None
    if f.article_id is not None:
        stmt = stmt.where(Quote.article_id == f.article_id)
    if f.as_of:
        stmt = stmt.where(Quote.article_id.in_(stored_by(f.as_of)))
    if f.attributed:
        stmt = stmt.where(Quote.speaker_kind.in_(ATTRIBUTED))
    if f.date_from:
        stmt = stmt.where(Quote.said_start >= f.date_from)
    if f.date_to:
        stmt = stmt.where(Quote.said_start <= f.date_to)
    if f.q:
        matches = matching_ref_ids(session.get_bind().dialect.name, f.q, "quote")
        if matches is None:
            raise BadRequest(f"q {f.q!r} holds no word to search for", "q", f.q)
        stmt = stmt.where(Quote.id.in_(matches))
    direction = Direction.NEXT
    keys = tuple_(Quote.said_start, Quote.id)
    if cursor:
        c = Cursor.decode(cursor)
        direction = c.direction
        boundary = (c.date_key(), c.id)
        stmt = stmt.where(keys < boundary if direction is Direction.NEXT else keys > boundary)
    if direction is Direction.NEXT:
        stmt = stmt.order_by(Quote.said_start.desc(), Quote.id.desc())
    else:
        stmt = stmt.order_by(Quote.said_start.asc(), Quote.id.asc())
    if speaker_ids is None:
        rows = [_to_item(r) for r in session.execute(stmt.limit(limit + 1))]
    else:
        rows = _by_speakers(session, stmt, speaker_ids, limit + 1, newest_first=direction is Direction.NEXT)
    return page_from_rows(
        rows, limit, direction, cursor is not None, key_of=lambda q: (q.said_start.isoformat(), q.id)
    )


def _by_speakers(
    session: Session, stmt: Select, ids: list[int], limit: int, newest_first: bool
) -> list[QuoteItem]:
    """Quotes by these entities, or by unnamed people of these organisations ("a State
    Department spokesperson"): two index-ordered reads, merged, rather than one OR that would
    sort every quote of a much-quoted speaker."""
    named = stmt.where(Quote.speaker_entity_id.in_(ids)).limit(limit)
    unnamed = stmt.where(Quote.speaker_org_entity_id.in_(ids)).limit(limit)
    rows = [_to_item(r) for query in (named, unnamed) for r in session.execute(query)]
    rows.sort(key=lambda q: (q.said_start, q.id), reverse=newest_first)
    return rows[:limit]


@dataclass(frozen=True)
class QuoteContext:
    """The sentence around a quote: from the start of the sentence it begins in to the end of
    the one it ends in; `quote` is where the quote sits inside `text`."""

    text: str
    quote: tuple[int, int]


_Last = aliased(Sentence)
_CONTEXT_END = (
    select(func.max(_Last.end))
    .where(_Last.article_id == Quote.article_id, _Last.start < Quote.end)
    .scalar_subquery()
)
_CONTEXT_ROWS = (
    select(
        Quote.id,
        Quote.start,
        Quote.end,
        Sentence.start.label("sentence_start"),
        func.substr(Article.body, Sentence.start + 1, _CONTEXT_END - Sentence.start).label("text"),
    )
    .join(Sentence, Sentence.id == Quote.sentence_id)
    .join(Article, Article.id == Quote.article_id)
    .where(Quote.id.in_(bindparam("ids", expanding=True)), Quote.kind != QuoteKind.REMARKS.value)
)


def quote_contexts(session: Session, ids: Sequence[int]) -> dict[int, QuoteContext]:
    """The sentence around each of these quotes (a transcript's remarks, a whole turn, have
    none): what a list shows under a quote, the words that frame it."""
    if not ids:
        return {}
    contexts = {}
    for row in session.connection().execute(_CONTEXT_ROWS, {"ids": list(ids)}):
        start, end = row.start - row.sentence_start, row.end - row.sentence_start
        if row.text and 0 <= start < end <= len(row.text):
            contexts[row.id] = QuoteContext(row.text, (start, end))
    return contexts


def quotes_by_id(session: Session, ids: Sequence[int]) -> list[QuoteItem]:
    rows = {r.Quote.id: _to_item(r) for r in session.execute(_select_items().where(Quote.id.in_(ids)))}
    return [rows[i] for i in ids if i in rows]


def paragraph_around(body: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """The paragraph (blank-line separated) holding body[start:end], and where that stretch sits
    in it."""
    para_start = body.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = body.find("\n\n", end)
    para_end = len(body) if para_end < 0 else para_end
    return body[para_start:para_end], (start - para_start, end - para_start)


def get_quote(session: Session, quote_id: int, more: int = 5) -> QuoteDetail:
    [item] = quotes_by_id(session, [quote_id]) or [None]
    if item is None:
        raise NotFound(f"There is no quote {quote_id}.")
    quote = session.get(Quote, quote_id)
    body = session.scalar(select(Article.body).where(Article.id == item.article.id)) or ""
    assert quote is not None
    paragraph, highlight = paragraph_around(body, quote.start, quote.end)
    others: tuple[QuoteItem, ...] = ()
    if quote.speaker_entity_id is not None:
        rows = session.execute(
            _select_items()
            .where(
                Quote.speaker_entity_id == quote.speaker_entity_id,
                Quote.id != quote_id,
                Quote.kind.in_(QUOTE_KINDS),
            )
            .order_by(Quote.said_start.desc(), Quote.id.desc())
            .limit(more)
        )
        others = tuple(_to_item(r) for r in rows)
    return QuoteDetail(quote=item, paragraph=paragraph, highlight=highlight, more_by_speaker=others)
