"""Entities: the list by mentions, one entity with its aliases, mentions over time, the
entities mentioned with it and its articles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select, tuple_
from sqlalchemy.orm import Session

from app.domain import EntityKind
from app.errors import BadRequest, Gone, MovedPermanently, NotFound
from app.store import redirects
from app.store.models import Article, ArticleEntity, Entity, EntityAlias, EntityMonthCount, Source
from app.store.queries.common import Cursor, Direction, Page, page_from_rows
from app.store.queries.entity_names import ranked_select
from app.store.queries.views import ArticleRef, CountedEntity, EntityItem, EntityRef, PeriodCount

# Co-mentions are counted over an entity's latest articles, so that the page of an entity named
# in every article costs no more than any other.
CO_MENTION_WINDOW = 200


@dataclass(frozen=True)
class EntityFilter:
    kind: str | None = None
    q: str | None = None

    def validate(self) -> None:
        if self.kind and self.kind not in EntityKind.__members__.values():
            raise BadRequest(f"kind {self.kind!r} is not one of {', '.join(EntityKind)}", "kind", self.kind)


@dataclass(frozen=True)
class EntityDetail:
    entity: EntityItem
    aliases: tuple[str, ...]
    mentions_by_month: tuple[PeriodCount, ...]
    co_mentioned: tuple[CountedEntity, ...]
    articles: tuple[ArticleRef, ...]
    # by week too when the months are few (SHORT_MONTHS), for a sparkline with a shape
    mentions_by_week: tuple[PeriodCount, ...] = ()


def entity_item(e: Entity) -> EntityItem:
    return EntityItem(
        id=e.id,
        slug=e.slug,
        name=e.name,
        kind=e.kind,
        description=e.description,
        mention_count=e.mention_count,
        article_count=e.article_count,
        quote_count=e.quote_count,
        event_count=e.event_count,
        first_seen=e.first_seen,
        last_seen=e.last_seen,
    )


def list_entities(
    session: Session, f: EntityFilter, limit: int = 50, cursor: str | None = None
) -> Page[EntityItem]:
    """Most-mentioned first; keyset on (mention_count, id). A transcript's speaker whom only
    the labels name has quotes but no mentions, and is listed too. With `q`, in the order of a
    typed name (entity_names.ranked_select), as the filters and the search page rank it."""
    f.validate()
    if f.q:
        return _ranked_entities(session, f, limit, cursor)
    stmt = select(Entity).where(or_(Entity.mention_count > 0, Entity.quote_count > 0))
    if f.kind:
        stmt = stmt.where(Entity.kind == f.kind)
    direction = Direction.NEXT
    keys = tuple_(Entity.mention_count, Entity.id)
    if cursor:
        c = Cursor.decode(cursor)
        direction = c.direction
        boundary = (c.int_key(), c.id)
        stmt = stmt.where(keys < boundary if direction is Direction.NEXT else keys > boundary)
    if direction is Direction.NEXT:
        stmt = stmt.order_by(Entity.mention_count.desc(), Entity.id.desc())
    else:
        stmt = stmt.order_by(Entity.mention_count.asc(), Entity.id.asc())
    rows = [entity_item(e) for e in session.scalars(stmt.limit(limit + 1))]
    return page_from_rows(
        rows, limit, direction, cursor is not None, key_of=lambda e: (str(e.mention_count), e.id)
    )


def _ranked_entities(session: Session, f: EntityFilter, limit: int, cursor: str | None) -> Page[EntityItem]:
    """Entities a typed text names, best first; keyset on (tier, -mentions, id), the cursor's
    key "tier:mentions"."""
    assert f.q is not None
    ranked = ranked_select(session, f.q, f.kind)
    if ranked is None:
        raise BadRequest(f"q {f.q!r} holds no word to search for", "q", f.q)
    stmt = ranked.stmt
    direction = Direction.NEXT
    if cursor:
        c = Cursor.decode(cursor)
        direction = c.direction
        tier, _, mentions = c.key.partition(":")
        if not (tier.isdigit() and mentions.lstrip("-").isdigit()):
            raise BadRequest("cursor does not point into a list ranked by name", "cursor", cursor)
        keys = tuple_(ranked.tier, -ranked.mentions, Entity.id)
        boundary = (int(tier), -int(mentions), c.id)
        stmt = stmt.where(keys > boundary if direction is Direction.NEXT else keys < boundary)
    if direction is Direction.PREV:
        stmt = stmt.order_by(None).order_by(ranked.tier.desc(), ranked.mentions.asc(), Entity.id.desc())
    rows = [(entity_item(e), t, n) for e, t, n in session.execute(stmt.limit(limit + 1))]
    keyed = {item.id: f"{t}:{n}" for item, t, n in rows}
    items = [item for item, _, _ in rows]
    return page_from_rows(items, limit, direction, cursor is not None, key_of=lambda e: (keyed[e.id], e.id))


def entity_by_slug(session: Session, slug: str) -> Entity:
    entity = session.scalar(select(Entity).where(Entity.slug == slug))
    if entity is None:
        retired = redirects.follow(session, slug)
        if retired is None:
            raise NotFound(f"There is no entity {slug!r}.")
        if retired.target is None:
            raise Gone(f"The entity {slug!r} was removed: re-extraction found it named no one.")
        raise MovedPermanently(f"The entity {slug!r} is now {retired.target!r}.", retired.target)
    return entity


def get_entity(session: Session, slug: str, articles: int = 12, co_mentions: int = 12) -> EntityDetail:
    entity = entity_by_slug(session, slug)
    aliases = tuple(
        a
        for a in session.scalars(
            select(EntityAlias.alias).where(EntityAlias.entity_id == entity.id).order_by(EntityAlias.alias)
        )
        if a != entity.name
    )
    months = tuple(mentions_by_month(session, entity.id))
    return EntityDetail(
        entity=entity_item(entity),
        aliases=aliases,
        mentions_by_month=months,
        co_mentioned=tuple(co_mentioned(session, entity.id, co_mentions)),
        articles=tuple(articles_of(session, entity.id, articles)),
        mentions_by_week=tuple(mentions_by_week(session, entity.id))
        if 0 < len(months) <= SHORT_MONTHS
        else (),
    )


def mentions_by_month(session: Session, entity_id: int) -> list[PeriodCount]:
    """Mentions per month, every month from the first to the last (zeros included, for a
    sparkline); one row per month from the counts kept at ingest."""
    rows = session.execute(
        select(EntityMonthCount.month, EntityMonthCount.mentions).where(
            EntityMonthCount.entity_id == entity_id, EntityMonthCount.mentions > 0
        )
    ).all()
    totals = {(month.year, month.month): count for month, count in rows}
    if not totals:
        return []
    (y, m), last = min(totals), max(totals)
    out = []
    while (y, m) <= last and len(out) < 600:
        start = dt.date(y, m, 1)
        nxt = (y + m // 12, m % 12 + 1)
        end = dt.date(*nxt, 1) - dt.timedelta(days=1)
        out.append(PeriodCount(f"{y:04d}-{m:02d}", start, end, totals.get((y, m), 0)))
        y, m = nxt
    return out


# Up to this many months of mentions, an entity's sparkline is drawn by week (two months are
# two points by month, eight or nine by week).
SHORT_MONTHS = 4


def mentions_by_week(session: Session, entity_id: int) -> list[PeriodCount]:
    """Mentions per ISO week (Monday to Sunday, by publication date), every week from the first
    to the last; summed per day over the entity's article rows (its index), so for an entity
    whose mentions span a few months, a few dozen rows."""
    rows = session.execute(
        select(ArticleEntity.published_date, func.sum(ArticleEntity.mention_count))
        .where(ArticleEntity.entity_id == entity_id, ArticleEntity.published_date.is_not(None))
        .group_by(ArticleEntity.published_date)
    ).all()
    totals: dict[dt.date, int] = {}
    for day, count in rows:
        monday = day - dt.timedelta(days=day.weekday())
        totals[monday] = totals.get(monday, 0) + int(count or 0)
    if not any(totals.values()):
        return []
    monday, last = min(totals), max(totals)
    out = []
    while monday <= last and len(out) < 600:
        year, week, _ = monday.isocalendar()
        out.append(
            PeriodCount(
                f"{year:04d}-W{week:02d}", monday, monday + dt.timedelta(days=6), totals.get(monday, 0)
            )
        )
        monday += dt.timedelta(days=7)
    return out


def co_mentioned(session: Session, entity_id: int, limit: int = 12) -> list[CountedEntity]:
    """Entities named in the same articles, by the number of articles shared (over the
    entity's latest CO_MENTION_WINDOW articles). Counted on the (article, entity) key alone and
    named afterwards, so only the winners are looked up."""
    recent = (
        select(ArticleEntity.article_id)
        .where(ArticleEntity.entity_id == entity_id)
        .order_by(ArticleEntity.published_date.desc(), ArticleEntity.article_id.desc())
        .limit(CO_MENTION_WINDOW)
        .subquery()
    )
    shared = func.count().label("shared")
    top = (
        select(ArticleEntity.entity_id, shared)
        .where(
            ArticleEntity.article_id.in_(select(recent.c.article_id)), ArticleEntity.entity_id != entity_id
        )
        .group_by(ArticleEntity.entity_id)
        .order_by(shared.desc(), ArticleEntity.entity_id)
        .limit(limit)
        .subquery()
    )
    rows = session.execute(
        select(Entity.slug, Entity.name, Entity.kind, top.c.shared)
        .join(top, top.c.entity_id == Entity.id)
        .order_by(top.c.shared.desc(), Entity.name)
    ).all()
    return [CountedEntity(EntityRef(slug, name, kind), n) for slug, name, kind, n in rows]


def articles_of(session: Session, entity_id: int, limit: int = 12) -> list[ArticleRef]:
    rows = session.execute(
        select(Article.id, Article.title, Source.name, Article.published_date, Article.url)
        .join(ArticleEntity, ArticleEntity.article_id == Article.id)
        .outerjoin(Source, Source.id == Article.source_id)
        .where(ArticleEntity.entity_id == entity_id)
        .order_by(ArticleEntity.published_date.desc(), Article.id.desc())
        .limit(limit)
    ).all()
    return [ArticleRef(*row) for row in rows]


def entity_refs(session: Session, slugs: list[str]) -> list[EntityRef]:
    if not slugs:
        return []
    rows = session.execute(select(Entity.slug, Entity.name, Entity.kind).where(Entity.slug.in_(slugs))).all()
    found = {r.slug: EntityRef(*r) for r in rows}
    return [found[s] for s in slugs if s in found]


def top_entities(
    session: Session, since: dt.date | None = None, limit: int = 12, kind: str | None = None
) -> list[CountedEntity]:
    """The most-mentioned entities; with `since`, counted over the articles of that period
    (via the per-article rows, which the date index bounds)."""
    if since is None:
        stmt = select(Entity.slug, Entity.name, Entity.kind, Entity.mention_count).where(
            Entity.mention_count > 0
        )
        if kind:
            stmt = stmt.where(Entity.kind == kind)
        rows = session.execute(stmt.order_by(Entity.mention_count.desc(), Entity.id).limit(limit)).all()
    else:
        total = func.sum(ArticleEntity.mention_count).label("n")
        stmt = (
            select(Entity.slug, Entity.name, Entity.kind, total)
            .select_from(ArticleEntity)
            .join(Entity, Entity.id == ArticleEntity.entity_id)
            .where(ArticleEntity.published_date >= since)
        )
        if kind:
            stmt = stmt.where(Entity.kind == kind)
        rows = session.execute(
            stmt.group_by(Entity.id, Entity.slug, Entity.name, Entity.kind)
            .order_by(total.desc())
            .limit(limit)
        ).all()
    return [CountedEntity(EntityRef(slug, name, kind), int(n or 0)) for slug, name, kind, n in rows]
