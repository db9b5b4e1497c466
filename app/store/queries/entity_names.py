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

from sqlalchemy import ColumnElement, Select, case, literal, or_, select
from sqlalchemy.orm import Session

from app.errors import BadRequest
from app.store.linking import alias_key
from app.store.models import Entity, EntityAlias
from app.store.queries.views import CountedEntity, EntityRef
from app.store.search import matching_ref_ids, transaction_memo

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
    """The entity `typed` names, looked up once per transaction: a page asks again for each of
    its parts (the list, the probe past it, the chart, the chips)."""
    memo = transaction_memo(session)
    if ("entity name", typed) not in memo:
        memo["entity name", typed] = _match_name(session, typed)
    return memo["entity name", typed]


def _match_name(session: Session, typed: str) -> NameMatch:
    if "-" in typed:
        by_slug = session.execute(
            select(Entity.slug, Entity.name, Entity.kind).where(Entity.slug == typed)
        ).first()
        if by_slug is not None:
            return NameMatch(typed, EntityRef(*by_slug), MatchedBy.SLUG)
    ranked = _ranked_rows(session, typed, MAX_CHOICES * 4)
    if not ranked:
        return NameMatch(typed, None, MatchedBy.NOTHING)
    tier = ranked[0][1]
    rivals = tuple(c for c, t in ranked[1:] if t == tier)[: MAX_CHOICES - 1]
    return NameMatch(typed, ranked[0][0].entity, TIERS[tier], rivals)


def ranked_entities(session: Session, typed: str, limit: int, kind: str | None = None) -> list[CountedEntity]:
    """Entities for a search box, in the order of ranked_select."""
    return [c for c, _ in _ranked_rows(session, typed, limit, kind)]


def match_names(session: Session, typed: Sequence[str]) -> list[NameMatch]:
    return [match_name(session, t) for t in typed]


def chosen_slugs(matches: Sequence[NameMatch]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.chosen.slug for m in matches if m.chosen))


# The tiers of a typed name, best first (the `tier` column of ranked_select)
TIERS = (MatchedBy.NAME, MatchedBy.PREFIX, MatchedBy.WORDS)
# "Most-mentioned" for a typed name: a transcript speaker whom only the labels name counts too
MENTIONS = Entity.mention_count + Entity.quote_count


@dataclass(frozen=True)
class RankedSelect:
    """SELECT Entity, tier and mentions of the entities a typed text names, in rank order;
    `tier` and `mentions` are the columns to page by (with Entity.id)."""

    stmt: Select
    tier: ColumnElement[int]
    mentions: ColumnElement[int]


def ranked_select(session: Session, typed: str, kind: str | None = None) -> RankedSelect | None:
    """The one ranking of a typed name, for the API's `/entities?q=`, the filter boxes'
    suggestions, the search page and the filters' choice: the entities whose name, an alias or
    slug is the typed text (tier 0), whose name or alias (or one of their words) starts with it
    (tier 1), whose words match in the full-text index (tier 2, descriptions too); the
    most-mentioned first within a tier, then the oldest. None when the text holds no word."""
    key = alias_key(typed)
    words = matching_ref_ids(session.get_bind().dialect.name, typed, "entity")
    if not key and words is None:
        return None
    so_called = select(EntityAlias.entity_id).where(EntityAlias.key == key)
    whole = or_(Entity.id.in_(so_called), Entity.slug == typed)
    found = [whole] if key else []
    starts = None
    if len(key) >= 2:
        pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        starts = Entity.id.in_(
            select(EntityAlias.entity_id).where(
                or_(
                    EntityAlias.key.like(f"{pattern}%", escape="\\"),
                    EntityAlias.key.like(f"% {pattern}%", escape="\\"),
                )
            )
        )
        found.append(starts)
    if words is not None:
        found.append(Entity.id.in_(words))
    if not found:
        return None
    tiers = [(whole, 0)] if key else []
    tiers += [(starts, 1)] if starts is not None else []
    tier = case(*tiers, else_=2) if tiers else literal(2)
    stmt = (
        select(Entity, tier.label("tier"), MENTIONS.label("mentions"))
        .where(or_(*found), or_(Entity.mention_count > 0, Entity.quote_count > 0))
        .order_by(tier, MENTIONS.desc(), Entity.id)
    )
    if kind:
        stmt = stmt.where(Entity.kind == kind)
    return RankedSelect(stmt, tier, MENTIONS)


def _ranked_rows(
    session: Session, typed: str, limit: int, kind: str | None = None
) -> list[tuple[CountedEntity, int]]:
    ranked = ranked_select(session, typed, kind)
    if ranked is None:
        return []
    rows = session.execute(ranked.stmt.limit(limit)).all()
    return [(CountedEntity(EntityRef(e.slug, e.name, e.kind), int(n)), int(t)) for e, t, n in rows]


def entity_ids(session: Session, typed: Sequence[str], param: str) -> list[int]:
    """The ids of the entities `typed` names (slugs or names, as match_name reads them); a
    value that names no entity is a BadRequest naming `param`."""
    matches = match_names(session, typed)
    for match in matches:
        if match.chosen is None:
            raise BadRequest(f"no entity is named {match.typed!r}", param, match.typed)
    slugs = [m.chosen.slug for m in matches if m.chosen]
    memo = transaction_memo(session)
    if ("entity ids", *slugs) not in memo:
        found = dict(session.execute(select(Entity.slug, Entity.id).where(Entity.slug.in_(slugs))).all())
        memo["entity ids", *slugs] = list(dict.fromkeys(found[s] for s in slugs))
    return list(memo["entity ids", *slugs])
