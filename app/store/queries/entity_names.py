"""Entity filters by what a reader types: a slug, a name, an alias or the start of one.

`match_name("biden")` ranks the candidates in tiers, most mentioned first within each: a slug
with a hyphen ("joe-biden", what the site's own links carry) as it is; entities whose name,
an alias or slug is the typed text (case, accents and dots aside); entities with a name or
alias that starts with it, or with a word that does ("bid", "Zelen"); entities whose words match
(the full-text index, over descriptions too). The best is chosen and the rest of its tier are
offered as choices, so an ambiguous name ("Georgia", "Biden") never guesses silently and never
fails.

A one-word slug is ranked with the names: a reader who types "biden" means the President, not
a two-mention record whose slug happens to be "biden"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.errors import BadRequest
from app.store.linking import alias_key
from app.store.models import Entity, EntityAlias
from app.store.queries.views import CountedEntity, EntityRef
from app.store.search import matching_ref_ids

MAX_CHOICES = 6


class MatchedBy(StrEnum):
    SLUG = "slug"
    NAME = "name"  # the name or an alias, whole
    PREFIX = "prefix"  # the start of the name, an alias or one of their words
    WORDS = "words"  # words of the name, the last one begun
    NOTHING = "nothing"


@dataclass(frozen=True)
class NameMatch:
    typed: str
    chosen: EntityRef | None
    how: MatchedBy
    others: tuple[CountedEntity, ...] = ()  # the chosen one's rivals, best first

    @property
    def ambiguous(self) -> bool:
        return bool(self.others)


def match_name(session: Session, typed: str) -> NameMatch:
    if "-" in typed:
        by_slug = session.execute(
            select(Entity.slug, Entity.name, Entity.kind).where(Entity.slug == typed)
        ).first()
        if by_slug is not None:
            return NameMatch(typed, EntityRef(*by_slug), MatchedBy.SLUG)
    tiers = ((MatchedBy.NAME, _whole_names), (MatchedBy.PREFIX, _name_starts), (MatchedBy.WORDS, _words))
    for how, candidates in tiers:
        ranked = candidates(session, typed)
        if ranked:
            return NameMatch(typed, ranked[0].entity, how, tuple(ranked[1:MAX_CHOICES]))
    return NameMatch(typed, None, MatchedBy.NOTHING)


def ranked_entities(session: Session, typed: str, limit: int) -> list[CountedEntity]:
    """Entities for a search box: whole names first ("NATO" above "NATO Alliance"), then
    names that start so, then matching words; most-mentioned first within each."""
    ranked: dict[str, CountedEntity] = {}
    for tier in (_whole_names, _name_starts, _words):
        for candidate in tier(session, typed):
            ranked.setdefault(candidate.entity.slug, candidate)
        if len(ranked) >= limit:
            break
    return list(ranked.values())[:limit]


def match_names(session: Session, typed: Sequence[str]) -> list[NameMatch]:
    return [match_name(session, t) for t in typed]


def chosen_slugs(matches: Sequence[NameMatch]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.chosen.slug for m in matches if m.chosen))


def _listed(session: Session, ids_filter: object, key: str | None = None) -> list[CountedEntity]:
    mentions = Entity.mention_count + Entity.quote_count
    stmt = (
        select(Entity.slug, Entity.name, Entity.kind, mentions)
        .where(ids_filter, or_(Entity.mention_count > 0, Entity.quote_count > 0))  # type: ignore[arg-type]
        .order_by(mentions.desc(), Entity.id)
        .limit(MAX_CHOICES * 4)
    )
    rows = session.execute(stmt).all()
    counted = [CountedEntity(EntityRef(slug, name, kind), int(n)) for slug, name, kind, n in rows]
    if key is not None:  # among equals in mentions, the one so named before one so called
        counted.sort(key=lambda c: (-c.count, alias_key(c.entity.name) != key))
    return counted


def _whole_names(session: Session, typed: str) -> list[CountedEntity]:
    key = alias_key(typed)
    if not key:
        return []
    aliased = select(EntityAlias.entity_id).where(EntityAlias.key == key)
    return _listed(session, or_(Entity.id.in_(aliased), Entity.slug == typed), key)


def _name_starts(session: Session, typed: str) -> list[CountedEntity]:
    key = alias_key(typed)
    if len(key) < 2:
        return []
    pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    starts = select(EntityAlias.entity_id).where(
        or_(
            EntityAlias.key.like(f"{pattern}%", escape="\\"),
            EntityAlias.key.like(f"% {pattern}%", escape="\\"),
        )
    )
    return _listed(session, Entity.id.in_(starts), key)


def _words(session: Session, typed: str) -> list[CountedEntity]:
    matches = matching_ref_ids(session.get_bind().dialect.name, typed, "entity")
    if matches is None:
        return []
    return _listed(session, Entity.id.in_(matches))


def entity_ids(session: Session, typed: Sequence[str], param: str) -> list[int]:
    """The ids of the entities `typed` names (slugs or names, as match_name reads them); a
    value that names no entity is a BadRequest naming `param`."""
    matches = match_names(session, typed)
    for match in matches:
        if match.chosen is None:
            raise BadRequest(f"no entity is named {match.typed!r}", param, match.typed)
    slugs = [m.chosen.slug for m in matches if m.chosen]
    found = dict(session.execute(select(Entity.slug, Entity.id).where(Entity.slug.in_(slugs))).all())
    return list(dict.fromkeys(found[s] for s in slugs))
