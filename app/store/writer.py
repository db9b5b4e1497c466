"""Writing articles and their facts. Every function here runs inside the caller's transaction,
so an article is stored whole or not at all."""

from __future__ import annotations

import datetime as dt
from collections import Counter as Tally
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from app import domain
from app.store import bulk, linking
from app.store.counting import bump
from app.store.dedupe import content_hash
from app.store.models import (
    Article,
    ArticleEntity,
    Entity,
    EntityAlias,
    EntityDayCount,
    EntityEventMonthCount,
    EntityMonthCount,
    Event,
    EventDayCount,
    EventMonthCount,
    EventParticipant,
    Mention,
    Quote,
    SearchDocument,
    Sentence,
    Source,
    Timex,
)
from app.store.stories import attach_events, detach_article


@dataclass(frozen=True)
class StoreResult:
    article_id: int
    duplicate: bool = False
    reason: str | None = None  # for duplicates: "same URL as article 12" / "same text as article 12"


def find_duplicate(session: Session, record: domain.ArticleRecord) -> StoreResult | None:
    if record.url:
        found = session.scalar(select(Article.id).where(Article.url == record.url))
        if found:
            return StoreResult(found, duplicate=True, reason=f"same URL as article {found}")
    found = session.scalar(select(Article.id).where(Article.content_hash == content_hash(record.body)))
    if found:
        return StoreResult(found, duplicate=True, reason=f"same text as article {found}")
    return None


def _source(session: Session, name: str | None) -> Source | None:
    if not name:
        return None
    source = session.scalar(select(Source).where(Source.name == name))
    if source is None:
        source = Source(name=name, slug=linking.slugify(name), feed_urls=[])
        session.add(source)
        session.flush()
    return source


def store_article(
    session: Session,
    record: domain.ArticleRecord,
    extraction: domain.Extraction,
    source_name: str | None = None,
) -> StoreResult:
    """Store a new article with its sentences and facts, or report the article it duplicates."""
    duplicate = find_duplicate(session, record)
    if duplicate:
        return duplicate
    source = _source(session, source_name or record.source)
    notes = [*record.notes, *extraction.notes]
    article = Article(
        source_id=source.id if source else None,
        url=record.url,
        title=record.title,
        dek=record.dek,
        authors=list(record.authors),
        article_type=record.article_type,
        tags=list(record.tags),
        published_date=record.published,
        published_at=record.published_at,
        sort_date=record.published or dt.date.today(),
        language=extraction.language,
        notes=notes,
        body=record.body,
        bio=record.bio,
        content_hash=content_hash(record.body),
        origin=record.origin,
    )
    session.add(article)
    session.flush()
    session.add(
        SearchDocument(
            kind="article",
            ref_id=article.id,
            article_id=article.id,
            date=record.published,
            title=" ".join(filter(None, [record.title, record.dek])),
            body=record.body,
        )
    )
    store_facts(session, article, extraction)
    # Rows that every article of a source adds to, last: on PostgreSQL a concurrent writer
    # waits on them only for the commit, not for this whole article's writing.
    if source:
        source.article_count = Source.article_count + 1
    bump(session, "articles", 1)
    return StoreResult(article.id)


def store_facts(session: Session, article: Article, ex: domain.Extraction) -> None:
    """Sentences, entities, mentions, timexes, quotes, events and their search documents."""
    published = article.published_date
    sentence_ids = _store_sentences(session, article.id, ex.sentences)
    body = article.body

    entity_ids = _store_entities(session, article, ex.entities, sentence_ids)
    timex_ids = _store_timexes(session, article, ex.timexes, sentence_ids)
    names = {e.key: e.name for e in ex.entities}

    quotes = [
        {
            "article_id": article.id,
            "sentence_id": sentence_ids.get(q.sentence),
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "kind": q.kind.value,
            "speaker_entity_id": (
                entity_ids.get(q.speaker.entity) if q.speaker and q.speaker.entity else None
            ),
            "speaker_name": names.get(q.speaker.entity or "", q.speaker.name) if q.speaker else None,
            "speaker_kind": q.speaker.kind.value if q.speaker else None,
            "speaker_org_entity_id": (
                entity_ids.get(q.speaker.organization) if q.speaker and q.speaker.organization else None
            ),
            "cue": q.cue,
            "said_value": q.said_value,
            "said_start": q.said_start or published,
            "said_end": q.said_end or q.said_start or published,
            "timex_id": timex_ids.get(q.timex or ""),
        }
        for q in ex.quotes
    ]
    quote_ids = bulk.insert_returning_ids(session, Quote.__table__, quotes, key=["start", "end", "kind"])

    events = []
    for e in ex.events:
        event = Event(
            article_id=article.id,
            sentence_id=sentence_ids.get(e.sentence),
            timex_id=timex_ids.get(e.timex or ""),
            source_id=article.source_id,
            value=e.value,
            start_date=e.start_date,
            end_date=e.end_date,
            granularity=e.granularity.value,
            status=e.status.value,
            kind=e.kind.value,
            summary=e.summary,
            trigger=e.trigger,
            summary_start=e.summary_start,
            summary_end=e.summary_end,
        )
        seen: set[tuple[int, str]] = set()
        for p in e.participants:
            entity_id = entity_ids.get(p.entity)
            if entity_id is not None and (entity_id, p.role) not in seen:
                seen.add((entity_id, p.role))
                event.participants.append(
                    EventParticipant(entity_id=entity_id, role=p.role, start_date=e.start_date)
                )
        events.append(event)
    session.add_all(events)
    session.flush()
    attach_events(session, article, events)

    documents = []
    for event, src in zip(events, ex.events, strict=True):
        who = ", ".join(dict.fromkeys(names.get(p.entity, "") for p in src.participants))
        documents.append(
            {
                "kind": "event",
                "ref_id": event.id,
                "article_id": article.id,
                "date": event.start_date,
                "title": event.summary,
                "body": f"{who} {_sentence_text(body, ex, src.sentence)}",
            }
        )
    documents.extend(
        {
            "kind": "quote",
            "ref_id": quote_id,
            "article_id": article.id,
            "date": quote["said_start"],
            "title": quote["text"],
            "body": quote["speaker_name"] or "",
        }
        for quote, quote_id in zip(quotes, quote_ids, strict=True)
    )
    bulk.insert_rows(session, SearchDocument.__table__, documents)
    _count_per_entity(session, entity_ids, ex)
    _count_entity_months(session, entity_ids, ex, published, +1)
    _count_event_days(
        session, [(e.start_date, e.granularity, e.kind, e.status, e.source_id) for e in events], +1
    )
    _count_entity_days(
        session,
        [
            (entity_id, e.start_date, e.granularity, e.kind, e.status)
            for e in events
            for entity_id in {p.entity_id for p in e.participants}
        ],
        +1,
    )
    article.event_count = len(events)
    article.quote_count = len([q for q in quotes if q["kind"] not in domain.NOT_QUOTES])
    article.pipeline_version = ex.pipeline_version
    bump(session, "events", len(events))
    bump(session, "quotes", article.quote_count)


def _store_sentences(
    session: Session, article_id: int, sentences: Sequence[domain.SentenceSpan]
) -> dict[int, int]:
    """The stored id of each sentence, by its index in the article."""
    rows = [{"article_id": article_id, "idx": s.index, "start": s.start, "end": s.end} for s in sentences]
    ids = bulk.insert_returning_ids(session, Sentence.__table__, rows, key=["idx"])
    return {s.index: sentence_id for s, sentence_id in zip(sentences, ids, strict=True)}


def _sentence_text(body: str, ex: domain.Extraction, index: int) -> str:
    if 0 <= index < len(ex.sentences):
        s = ex.sentences[index]
        return body[s.start : s.end]
    return ""


def _store_entities(
    session: Session, article: Article, entities: Iterable[domain.Entity], sentence_ids: dict[int, int]
) -> dict[str, int]:
    """Link or create each entity, then write aliases, per-article rows and mentions in bulk."""
    published = article.published_date
    ids: dict[str, int] = {}
    names_by_record: dict[int, list[str]] = {}
    touched: dict[int, Entity] = {}
    renamed: set[int] = set()  # name or description changed: its search document too
    per_article: dict[int, dict] = {}
    mentions: list[dict] = []
    entities = list(entities)
    linking.lock_names(session, entities)
    known = linking.KnownNames(session, entities)
    found = [known.find(ent) for ent in entities]
    fresh = [ent for ent, existing in zip(entities, found, strict=True) if existing is None]
    slugs = iter(linking.unique_slugs(session, [ent.name for ent in fresh]))
    records = [
        existing
        or Entity(
            kind=ent.kind.value,
            name=ent.name,
            slug=next(slugs),
            description=ent.description,
            first_seen=published,
            last_seen=published,
        )
        for ent, existing in zip(entities, found, strict=True)
    ]
    created = [record for record, existing in zip(records, found, strict=True) if existing is None]
    if created:
        session.add_all(created)
        session.flush()  # one INSERT … RETURNING for the lot
        documents = [
            {"kind": "entity", "ref_id": r.id, "date": published, "title": r.name, "body": ""}
            for r in created
        ]
        bulk.insert_rows(session, SearchDocument.__table__, documents)
    with session.no_autoflush:
        for ent, record, existing in zip(entities, records, found, strict=True):
            if existing is not None:
                if linking.more_complete(ent.name, record.name):
                    record.name = ent.name
                    renamed.add(record.id)
                if ent.description and not record.description:
                    record.description = ent.description
                    renamed.add(record.id)
                if published:
                    record.first_seen = min(filter(None, [record.first_seen, published]))
                    record.last_seen = max(filter(None, [record.last_seen, published]))
            touched[record.id] = record
            names_by_record.setdefault(record.id, []).extend([ent.name, *ent.aliases])
            ids[ent.key] = record.id
            # Two entities of one article can resolve to the same record: one row for both.
            row = per_article.setdefault(
                record.id,
                {
                    "article_id": article.id,
                    "entity_id": record.id,
                    "mention_count": 0,
                    "is_author": False,
                    "description": ent.description,
                    "published_date": published,
                },
            )
            row["mention_count"] += len(ent.mentions)
            row["is_author"] = row["is_author"] or "author" in ent.roles
            mentions.extend(
                {
                    "entity_id": record.id,
                    "article_id": article.id,
                    "sentence_id": sentence_ids.get(m.sentence),
                    "start": m.start,
                    "end": m.end,
                    "text": m.text[:300],
                }
                for m in ent.mentions
            )
    session.flush()
    bump(session, "entities", len(created))
    changed = linking.add_new_aliases(session, names_by_record)
    _refresh_entity_documents(session, [touched[i] for i in sorted(changed | renamed)])
    if per_article:
        session.execute(insert(ArticleEntity), list(per_article.values()))
    if mentions:
        session.execute(insert(Mention), mentions)
    return ids


def _refresh_entity_documents(session: Session, records: Sequence[Entity]) -> None:
    """Each entity's search document: its name, aliases and description (one query for the
    aliases, one executemany for the documents)."""
    if not records:
        return
    aliases: dict[int, list[str]] = {}
    for entity_id, alias in session.execute(
        select(EntityAlias.entity_id, EntityAlias.alias)
        .where(EntityAlias.entity_id.in_([r.id for r in records]))
        .order_by(EntityAlias.id)
    ):
        aliases.setdefault(entity_id, []).append(alias)
    rows = [
        {"rid": r.id, "t": r.name, "b": " ".join([*aliases.get(r.id, []), r.description or ""])}
        for r in records
    ]
    session.connection().execute(_UPDATE_ENTITY_DOCUMENT, rows)


_UPDATE_ENTITY_DOCUMENT = (
    update(SearchDocument.__table__)
    .where(SearchDocument.__table__.c.kind == "entity", SearchDocument.__table__.c.ref_id == bindparam("rid"))
    .values(title=bindparam("t"), body=bindparam("b"))
)


def _store_timexes(
    session: Session, article: Article, timexes: Iterable[domain.Timex], sentence_ids: dict[int, int]
) -> dict[str, int]:
    timexes = list(timexes)
    rows = [
        {
            "article_id": article.id,
            "sentence_id": sentence_ids.get(t.sentence),
            "start": t.start,
            "end": t.end,
            "text": t.text[:300],
            "type": t.type.value,
            "value": t.value[:60],
            "mod": t.mod,
            "granularity": t.granularity.value if t.granularity else None,
            "range_start": t.range_start,
            "range_end": t.range_end,
            "resolved": t.resolved,
        }
        for t in timexes
    ]
    ids = bulk.insert_returning_ids(session, Timex.__table__, rows, key=["start", "end", "type"])
    return {t.key: timex_id for t, timex_id in zip(timexes, ids, strict=True)}


def _count_per_entity(session: Session, entity_ids: dict[str, int], ex: domain.Extraction) -> None:
    """Keep each entity's mention/article/quote/event counts current (SQL-side increments, so
    concurrent writers do not lose updates)."""
    mentions: Tally[int] = Tally()
    articles: set[int] = set()
    for ent in ex.entities:
        entity_id = entity_ids[ent.key]
        mentions[entity_id] += len(ent.mentions)
        articles.add(entity_id)
    quotes: Tally[int] = Tally(
        entity_ids[speaker]
        for q in ex.quotes
        if q.kind not in domain.NOT_QUOTES
        and q.speaker
        and (speaker := q.speaker.entity or q.speaker.organization) in entity_ids
    )
    events: Tally[int] = Tally()
    for e in ex.events:
        for entity_id in {entity_ids[p.entity] for p in e.participants if p.entity in entity_ids}:
            events[entity_id] += 1
    rows = [
        {
            "eid": entity_id,
            "m": mentions[entity_id],
            "q": quotes[entity_id],
            "e": events[entity_id],
        }
        for entity_id in sorted(articles)  # one lock order for concurrent writers
    ]
    if rows:
        session.execute(_ADD_ENTITY_COUNTS, rows)


_ADD_ENTITY_COUNTS = (
    update(Entity.__table__)
    .where(Entity.__table__.c.id == bindparam("eid"))
    .values(
        mention_count=Entity.__table__.c.mention_count + bindparam("m"),
        article_count=Entity.__table__.c.article_count + 1,
        quote_count=Entity.__table__.c.quote_count + bindparam("q"),
        event_count=Entity.__table__.c.event_count + bindparam("e"),
    )
)


def add_to_counts(
    session: Session,
    model: type[EventDayCount | EventMonthCount | EntityDayCount | EntityEventMonthCount | EntityMonthCount],
    key_names: Sequence[str],
    increments: Mapping[tuple, Mapping[str, int]],
) -> None:
    """Add to counter rows keyed by `key_names`, creating them on first use. Keys go in sorted
    order so that concurrent writers lock rows in one order (no deadlocks on PostgreSQL)."""
    rows = []
    columns: set[str] = set()
    for key in sorted(increments):
        values = {name: by for name, by in increments[key].items() if by}
        if values:
            rows.append({**dict(zip(key_names, key, strict=True)), **values})
            columns.update(values)
    if not rows:
        return
    for row in rows:  # one statement for every row: each needs every column
        for name in columns:
            row.setdefault(name, 0)
    bulk.upsert_rows(session, model.__table__, rows, key_names, add=sorted(columns))


def _count_event_days(
    session: Session, events: Sequence[tuple[dt.date, str, str, str, int | None]], sign: int
) -> None:
    """Events per (start day, granularity, kind, status, source) for the density chart."""
    tally = Tally((day, grain, kind, status, source or 0) for day, grain, kind, status, source in events)
    add_to_counts(
        session,
        EventDayCount,
        ("day", "granularity", "kind", "status", "source_id"),
        {key: {"count": sign * n} for key, n in tally.items()},
    )
    months: Tally[tuple] = Tally()
    for (day, *rest), n in tally.items():
        months[(day.replace(day=1), *rest)] += n
    add_to_counts(
        session,
        EventMonthCount,
        ("month", "granularity", "kind", "status", "source_id"),
        {key: {"count": sign * n} for key, n in months.items()},
    )


def _count_entity_days(
    session: Session, rows: Sequence[tuple[int, dt.date, str, str, str]], sign: int
) -> None:
    """Events per (participant entity, start day, granularity, kind, status), and per start
    month: one row per event and entity in `rows`, for an entity's density chart."""
    tally = Tally(rows)
    add_to_counts(
        session,
        EntityDayCount,
        ("entity_id", "day", "granularity", "kind", "status"),
        {key: {"count": sign * n} for key, n in tally.items()},
    )
    months: Tally[tuple] = Tally()
    for (entity_id, day, *rest), n in tally.items():
        months[(entity_id, day.replace(day=1), *rest)] += n
    add_to_counts(
        session,
        EntityEventMonthCount,
        ("entity_id", "month", "granularity", "kind", "status"),
        {key: {"count": sign * n} for key, n in months.items()},
    )


def _count_entity_months(
    session: Session, entity_ids: dict[str, int], ex: domain.Extraction, published: dt.date | None, sign: int
) -> None:
    mentions: Tally[int] = Tally()
    for ent in ex.entities:
        mentions[entity_ids[ent.key]] += len(ent.mentions)
    _add_entity_months(session, published, {eid: (sign * n, sign) for eid, n in mentions.items()})


def _add_entity_months(
    session: Session, published: dt.date | None, changes: Mapping[int, tuple[int, int]]
) -> None:
    """Add (mentions, articles) to each entity's row for the month of `published`."""
    if published is None:
        return
    month = published.replace(day=1)
    add_to_counts(
        session,
        EntityMonthCount,
        ("entity_id", "month"),
        {(eid, month): {"mentions": m, "articles": a} for eid, (m, a) in changes.items()},
    )


def delete_facts(session: Session, article: Article) -> None:
    """Remove an article's extracted facts (not the article), undoing its counts, so that it
    can be re-extracted. Entities left with no mention anywhere are removed too."""
    aid = article.id
    detach_article(session, aid)
    per_entity = session.execute(
        select(ArticleEntity.entity_id, ArticleEntity.mention_count).where(ArticleEntity.article_id == aid)
    ).all()
    quote_counts = Tally(
        session.scalars(
            select(func.coalesce(Quote.speaker_entity_id, Quote.speaker_org_entity_id)).where(
                Quote.article_id == aid,
                func.coalesce(Quote.speaker_entity_id, Quote.speaker_org_entity_id).is_not(None),
                Quote.kind.not_in(domain.NOT_QUOTES),
            )
        )
    )
    event_counts = Tally(
        session.scalars(
            select(EventParticipant.entity_id)
            .join(Event, Event.id == EventParticipant.event_id)
            .where(Event.article_id == aid)
            .distinct()
        )
    )
    event_rows = session.scalar(select(Event.id).where(Event.article_id == aid).limit(1)) is not None
    for entity_id, mention_count in per_entity:
        session.execute(
            update(Entity)
            .where(Entity.id == entity_id)
            .values(
                mention_count=Entity.mention_count - mention_count,
                article_count=Entity.article_count - 1,
                quote_count=Entity.quote_count - quote_counts[entity_id],
                event_count=Entity.event_count - event_counts[entity_id],
            )
        )
    bump(session, "events", -article.event_count)
    _add_entity_months(session, article.published_date, {eid: (-n, -1) for eid, n in per_entity})
    day_rows = session.execute(
        select(Event.start_date, Event.granularity, Event.kind, Event.status, Event.source_id).where(
            Event.article_id == aid
        )
    ).all()
    _count_event_days(session, [tuple(r) for r in day_rows], -1)
    # One row per (entity, event): an entity can take part in one event in two roles.
    entity_day_rows = session.execute(
        select(
            EventParticipant.entity_id,
            Event.id,
            Event.start_date,
            Event.granularity,
            Event.kind,
            Event.status,
        )
        .join(Event, Event.id == EventParticipant.event_id)
        .where(Event.article_id == aid)
        .distinct()
    ).all()
    _count_entity_days(session, [(r[0], *r[2:]) for r in entity_day_rows], -1)
    bump(session, "quotes", -article.quote_count)
    if event_rows:
        event_ids = select(Event.id).where(Event.article_id == aid)
        session.execute(delete(EventParticipant).where(EventParticipant.event_id.in_(event_ids)))
    session.execute(
        delete(SearchDocument).where(
            SearchDocument.article_id == aid, SearchDocument.kind.in_(["event", "quote"])
        )
    )
    for model in (Event, Quote, Timex, Mention, ArticleEntity, Sentence):
        session.execute(delete(model).where(model.article_id == aid))
    orphans = [
        eid
        for eid, _ in per_entity
        if session.scalar(select(Entity.article_count).where(Entity.id == eid)) == 0
        and session.scalar(
            select(Quote.id)
            .where(or_(Quote.speaker_entity_id == eid, Quote.speaker_org_entity_id == eid))
            .limit(1)
        )
        is None
    ]
    if orphans:
        session.execute(
            delete(SearchDocument).where(SearchDocument.kind == "entity", SearchDocument.ref_id.in_(orphans))
        )
        session.execute(delete(EntityMonthCount).where(EntityMonthCount.entity_id.in_(orphans)))
        session.execute(delete(EntityDayCount).where(EntityDayCount.entity_id.in_(orphans)))
        session.execute(delete(EntityEventMonthCount).where(EntityEventMonthCount.entity_id.in_(orphans)))
        session.execute(delete(Entity).where(Entity.id.in_(orphans)))
        bump(session, "entities", -len(orphans))
    session.expire(article)
