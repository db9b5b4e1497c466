"""Global entity linking: an article's entity joins the stored entity that has the same name or
alias, when exactly one does; otherwise it becomes a new record.

A bare one-word person name ("Biden") is only ever an alias of a record when some article tied
it to a full name; on its own it never links to a fuller name, so "Michael" cannot land on
"Michael Jordan" by accident.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from app import domain
from app.store.models import Entity, EntityAlias, EntityRedirect

_PUNCT = re.compile(r"[.\u2019'`´]")
_SPACE = re.compile(r"[\s\-‐–—]+")


def alias_key(name: str) -> str:
    """Normalised form for matching: accents, case, dots and apostrophes dropped
    ("U.S." = "US", "Zelenskyy's"… is trimmed upstream)."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _SPACE.sub(" ", _PUNCT.sub("", folded.lower())).strip()


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", alias_key(name)).strip("-")[:300] or "entity"


def is_bare_person(entity: domain.Entity) -> bool:
    return entity.kind is domain.EntityKind.PERSON and len(entity.name.split()) < 2


def linkable_names(entity: domain.Entity) -> list[str]:
    """The canonical name first, then aliases that may link across articles."""
    names = [entity.name]
    for alias in entity.aliases:
        if entity.kind is domain.EntityKind.PERSON and len(alias.split()) < 2:
            continue
        names.append(alias)
    return names


def lock_names(session: Session, entities: Iterable[domain.Entity]) -> None:
    """On PostgreSQL, serialise concurrent writers resolving the same names: one transaction
    lock per canonical name, all taken up front in one order, so that two articles naming the
    same people in different orders cannot deadlock. (SQLite has one writer at a time.)"""
    if session.get_bind().dialect.name != "postgresql":
        return
    keys = sorted({zlib.crc32(k.encode()) for e in entities if (k := alias_key(e.name))})
    for key in keys:
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def _keys(entity: domain.Entity) -> list[str]:
    return [k for k in dict.fromkeys(alias_key(n) for n in linkable_names(entity)) if k]


class KnownNames:
    """The stored records of every linkable name of a set of entities, read in one query: an
    article's entities are then linked without a query each. Only records stored before the
    lookup are known (as when each entity was looked up alone: a record made for an article
    gets its aliases after all of the article's entities are linked)."""

    def __init__(self, session: Session, entities: Iterable[domain.Entity]) -> None:
        wanted = {(key, e.kind.value) for e in entities for key in _keys(e)}
        self._by_key: dict[tuple[str, str], dict[int, Entity]] = {}
        if not wanted:
            return
        # The kinds are sifted here, not in SQL: given `kind IN (…)` too, SQLite walks every
        # entity of those kinds (21 ms at 7,000 entities, and growing) instead of the names.
        rows = session.execute(
            select(EntityAlias.key, Entity)
            .join(Entity, Entity.id == EntityAlias.entity_id)
            .where(EntityAlias.key.in_(sorted({k for k, _ in wanted})))
        ).all()
        for key, record in rows:
            if (key, record.kind) in wanted:
                self._by_key.setdefault((key, record.kind), {})[record.id] = record

    def find(self, entity: domain.Entity) -> Entity | None:
        keys = _keys(entity)
        if not keys:
            return None
        kind = entity.kind.value
        return _choose(entity, keys, {k: self._by_key.get((k, kind), {}) for k in keys})


def find_existing(session: Session, entity: domain.Entity) -> Entity | None:
    return KnownNames(session, [entity]).find(entity)


def _choose(entity: domain.Entity, keys: list[str], by_key: dict[str, dict[int, Entity]]) -> Entity | None:
    exact = by_key.get(keys[0], {})
    if is_bare_person(entity):  # only another bare record of the same name, never an alias
        exact = {eid: e for eid, e in exact.items() if alias_key(e.name) == keys[0]}
    if len(exact) == 1:
        return next(iter(exact.values()))
    if len(exact) > 1:  # the same name on several records: the one with its own name wins
        named = [e for e in exact.values() if alias_key(e.name) == keys[0]]
        return named[0] if len(named) == 1 else None
    others = {eid: e for key in keys[1:] for eid, e in by_key.get(key, {}).items()}
    return next(iter(others.values())) if len(others) == 1 else None


def unique_slugs(session: Session, names: Sequence[str]) -> list[str]:
    """A free slug for each name, in order: the name's slug, or slug-2, slug-3… when taken by
    a record, a retired slug or an earlier name of the list. Two queries for the lot; a taken
    slug is then probed one suffix at a time (one unique-index lookup each)."""
    bases = [slugify(name) for name in names]
    wanted = sorted(set(bases))
    taken = set(session.scalars(select(Entity.slug).where(Entity.slug.in_(wanted))))
    # A retired slug stays a redirect to its survivor; a new record never takes it over.
    taken |= set(session.scalars(select(EntityRedirect.slug).where(EntityRedirect.slug.in_(wanted))))
    slugs: list[str] = []
    for base in bases:
        candidate, n = base, 1
        while candidate in taken or (n > 1 and _stored_slug(session, candidate)):
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        slugs.append(candidate)
    return slugs


def _stored_slug(session: Session, slug: str) -> bool:
    return (
        session.scalar(select(Entity.id).where(Entity.slug == slug)) is not None
        or session.get(EntityRedirect, slug) is not None
    )


def more_complete(new: str, old: str) -> bool:
    """ "Donald J. Trump" is more complete than "Donald Trump"; "Trump" is not."""
    new_words, old_words = alias_key(new).split(), alias_key(old).split()
    return len(new_words) > len(old_words) and set(old_words) <= set(new_words)


def add_new_aliases(session: Session, names_by_entity: dict[int, list[str]]) -> set[int]:
    """Store the names each entity is not yet known by (one query, one bulk insert); returns
    the ids of the entities that gained one."""
    if not names_by_entity:
        return set()
    known = set(
        session.execute(
            select(EntityAlias.entity_id, EntityAlias.key).where(EntityAlias.entity_id.in_(names_by_entity))
        ).tuples()
    )
    rows = []
    for entity_id, names in names_by_entity.items():
        for name in names:
            key = alias_key(name)
            if key and (entity_id, key) not in known:
                known.add((entity_id, key))
                rows.append({"entity_id": entity_id, "alias": name[:300], "key": key[:300]})
    if rows:
        session.execute(insert(EntityAlias), rows)
    return {row["entity_id"] for row in rows}
