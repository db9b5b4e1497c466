"""Articles: the list, and one article with its entities, dates and quotes marked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select, tuple_
from sqlalchemy.orm import Session

from app.domain import NOT_QUOTES, QuoteKind
from app.errors import BadRequest, NotFound
from app.formatting import date_range
from app.store.models import Article, ArticleEntity, Entity, Event, Mention, Quote, Sentence, Source, Timex
from app.store.queries.as_of import stored_by
from app.store.queries.common import Cursor, Direction, Page, page_from_rows
from app.store.queries.entity_names import entity_ids
from app.store.queries.events import events_by_id
from app.store.queries.quotes import quotes_by_id
from app.store.queries.views import (
    Annotation,
    ArticleDetail,
    ArticleItem,
    CountedEntity,
    EntityRef,
    SentenceSpan,
)
from app.store.search import matching_ref_ids


@dataclass(frozen=True)
class ArticleFilter:
    source: str | None = None  # source slug
    q: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    entity: str | None = None
    as_of: dt.date | None = None  # only what was stored by the end of this day (as_of.py)
    article_type: str | None = None  # "Statement", "Remarks", "Fact sheet"... as the source labels it


def select_article_rows() -> Select:
    return select(Article, Source.name.label("source_name"), Source.slug.label("source_slug")).outerjoin(
        Source, Source.id == Article.source_id
    )


def article_item(row) -> ArticleItem:  # type: ignore[no-untyped-def]
    a: Article = row.Article
    return ArticleItem(
        id=a.id,
        title=a.title,
        dek=a.dek,
        source=row.source_name,
        source_slug=row.source_slug,
        url=a.url,
        authors=tuple(a.authors or ()),
        article_type=a.article_type,
        published=a.published_date,
        event_count=a.event_count,
        quote_count=a.quote_count,
        language=a.language,
    )


def list_articles(
    session: Session, f: ArticleFilter, limit: int = 50, cursor: str | None = None
) -> Page[ArticleItem]:
    """Newest first; keyset on (sort_date, id)."""
    stmt = select_article_rows()
    if f.source:
        source_id = session.scalar(select(Source.id).where(Source.slug == f.source))
        if source_id is None:
            raise BadRequest(f"no source {f.source!r}", "source", f.source)
        stmt = stmt.where(Article.source_id == source_id)
    if f.entity:
        [entity_id] = entity_ids(session, [f.entity], "entity")
        stmt = stmt.where(
            Article.id.in_(select(ArticleEntity.article_id).where(ArticleEntity.entity_id == entity_id))
        )
    if f.as_of:
        stmt = stmt.where(Article.id.in_(stored_by(f.as_of)))
    if f.article_type:
        stmt = stmt.where(Article.article_type == f.article_type)
    if f.date_from:
        stmt = stmt.where(Article.sort_date >= f.date_from)
    if f.date_to:
        stmt = stmt.where(Article.sort_date <= f.date_to)
    if f.q:
        matches = matching_ref_ids(session.get_bind().dialect.name, f.q, "article")
        if matches is None:
            raise BadRequest(f"q {f.q!r} holds no word to search for", "q", f.q)
        stmt = stmt.where(Article.id.in_(matches))
    direction = Direction.NEXT
    keys = tuple_(Article.sort_date, Article.id)
    if cursor:
        c = Cursor.decode(cursor)
        direction = c.direction
        boundary = (c.date_key(), c.id)
        stmt = stmt.where(keys < boundary if direction is Direction.NEXT else keys > boundary)
    if direction is Direction.NEXT:
        stmt = stmt.order_by(Article.sort_date.desc(), Article.id.desc())
    else:
        stmt = stmt.order_by(Article.sort_date.asc(), Article.id.asc())
    rows = session.execute(stmt.limit(limit + 1)).all()
    keys_by_id = {r.Article.id: r.Article.sort_date.isoformat() for r in rows}
    items = [article_item(r) for r in rows]
    return page_from_rows(
        items, limit, direction, cursor is not None, key_of=lambda a: (keys_by_id[a.id], a.id)
    )


def get_article(session: Session, article_id: int) -> ArticleDetail:
    row = session.execute(select_article_rows().where(Article.id == article_id)).first()
    if row is None:
        raise NotFound(f"There is no article {article_id}.")
    article: Article = row.Article
    # columns, not ORM objects: a long transcript has hundreds of sentences and dates
    spans = session.execute(
        select(Sentence.idx, Sentence.start, Sentence.end)
        .where(Sentence.article_id == article_id)
        .order_by(Sentence.idx)
    ).all()
    sentences = tuple(SentenceSpan(idx, start, end) for idx, start, end in spans)
    annotations = [
        *_entity_annotations(session, article_id),
        *_timex_annotations(session, article_id),
        *_quote_annotations(session, article_id),
    ]
    annotations.sort(key=lambda a: (a.start, -a.end))
    entities = session.execute(
        select(Entity.slug, Entity.name, Entity.kind, ArticleEntity.mention_count)
        .join(ArticleEntity, ArticleEntity.entity_id == Entity.id)
        .where(ArticleEntity.article_id == article_id)
        .order_by(ArticleEntity.mention_count.desc(), Entity.name)
    ).all()
    event_ids = session.scalars(
        select(Event.id).where(Event.article_id == article_id).order_by(Event.start_date, Event.id)
    ).all()
    quote_ids = session.scalars(
        select(Quote.id)
        .where(Quote.article_id == article_id, Quote.kind.not_in(NOT_QUOTES))
        .order_by(Quote.start)
    ).all()
    return ArticleDetail(
        article=article_item(row),
        body=article.body,
        bio=article.bio,
        origin=article.origin,
        pipeline_version=article.pipeline_version,
        notes=tuple(article.notes or ()),
        sentences=sentences,
        annotations=tuple(annotations),
        entities=tuple(CountedEntity(EntityRef(s, n, k), c) for s, n, k, c in entities),
        events=tuple(events_by_id(session, event_ids)),
        quotes=tuple(quotes_by_id(session, quote_ids)),
    )


def _entity_annotations(session: Session, article_id: int) -> list[Annotation]:
    rows = session.execute(
        select(Mention.start, Mention.end, Entity.name, Entity.slug, Entity.kind)
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Mention.article_id == article_id)
    ).all()
    return [Annotation("entity", s, e, name, slug, kind) for s, e, name, slug, kind in rows]


def _timex_annotations(session: Session, article_id: int) -> list[Annotation]:
    rows = session.execute(
        select(
            Timex.start, Timex.end, Timex.value, Timex.range_start, Timex.range_end, Timex.granularity
        ).where(Timex.article_id == article_id)
    ).all()
    return [
        Annotation(
            "timex",
            start,
            end,
            value,
            None,
            date_range(range_start, range_end, granularity, value) if range_start else value,
        )
        for start, end, value, range_start, range_end, granularity in rows
    ]


def _quote_annotations(session: Session, article_id: int) -> list[Annotation]:
    rows = session.execute(
        select(Quote.id, Quote.start, Quote.end, Quote.speaker_name, Quote.kind, Entity.name)
        .outerjoin(Entity, Entity.id == Quote.speaker_entity_id)
        .where(Quote.article_id == article_id, Quote.kind != QuoteKind.INDIRECT.value)
    ).all()
    return [
        Annotation("quote", s, e, ename or sname or _UNNAMED.get(kind, "unknown speaker"), qid, kind)
        for qid, s, e, sname, kind, ename in rows
    ]


_UNNAMED = {QuoteKind.QUESTION.value: "a reporter’s question"}


def article_types(session: Session) -> list[tuple[str, int]]:
    """The article types stored, with how many articles each, most first."""
    n = func.count().label("n")
    rows = session.execute(
        select(Article.article_type, n)
        .where(Article.article_type.is_not(None))
        .group_by(Article.article_type)
        .order_by(n.desc(), Article.article_type)
    )
    return [(t, int(c)) for t, c in rows]
