"""Retired entity slugs. When re-extraction leaves an entity record with no article, its slug
is kept here pointing at the record that now holds its mentions (the mention at the same
offsets of the same article), or at nothing when the new pipeline found no entity there. Pages
and the API answer an old slug with a 301 to the survivor, or a 410.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import Entity, EntityRedirect, Mention

MAX_HOPS = 20  # a chain of merges, each from a later re-extraction


@dataclass(frozen=True)
class EntityBefore:
    id: int
    slug: str
    spans: tuple[tuple[int, int], ...]  # offsets of its mentions in the article


def entities_before(session: Session, article_id: int) -> list[EntityBefore]:
    """The article's entities and where it mentions them, taken before its facts are replaced."""
    rows = session.execute(
        select(Entity.id, Entity.slug, Mention.start, Mention.end)
        .join(Mention, Mention.entity_id == Entity.id)
        .where(Mention.article_id == article_id)
    ).all()
    spans: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for entity_id, slug, start, end in rows:
        spans.setdefault((entity_id, slug), []).append((start, end))
    return [EntityBefore(eid, slug, tuple(s)) for (eid, slug), s in spans.items()]


def record_redirects(session: Session, article_id: int, before: list[EntityBefore]) -> int:
    """Keep the slug of each entity of `before` that no longer exists, pointing at the record
    now mentioned where it was (most of its mentions decide), else at nothing. Returns how
    many slugs were retired."""
    # By slug, not id: a re-created record may take a deleted id (SQLite reuses the largest).
    slugs = [e.slug for e in before]
    alive = set(session.scalars(select(Entity.slug).where(Entity.slug.in_(slugs)))) if slugs else set()
    retired = [e for e in before if e.slug not in alive]
    if not retired:
        return 0
    now = session.execute(
        select(Mention.start, Mention.end, Entity.slug)
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Mention.article_id == article_id)
    ).all()
    for old in retired:
        votes = Counter(slug for start, end, slug in now for s, e in old.spans if start < e and s < end)
        target = votes.most_common(1)[0][0] if votes else None
        session.merge(EntityRedirect(slug=old.slug, target_slug=target))
    session.flush()
    return len(retired)


@dataclass(frozen=True)
class Retired:
    target: str | None  # the live record's slug, or None: dropped


def follow(session: Session, slug: str) -> Retired | None:
    """Where a retired slug leads now (None: the slug was never retired)."""
    redirect = session.get(EntityRedirect, slug)
    if redirect is None:
        return None
    seen = {slug}
    target = redirect.target_slug
    for _ in range(MAX_HOPS):
        if target is None or target in seen:
            return Retired(None)
        if session.scalar(select(Entity.id).where(Entity.slug == target)) is not None:
            return Retired(target)
        seen.add(target)
        nxt = session.get(EntityRedirect, target)
        target = nxt.target_slug if nxt is not None else None
    return Retired(None)
