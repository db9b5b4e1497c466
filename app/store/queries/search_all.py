"""/search: one query across events, quotes, entities and articles, grouped by kind."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import BadRequest
from app.store.models import Article, Entity
from app.store.queries.articles import article_item, select_article_rows
from app.store.queries.entities import entity_item
from app.store.queries.entity_names import ranked_entities
from app.store.queries.events import events_by_id
from app.store.queries.quotes import quotes_by_id
from app.store.queries.views import ArticleItem, EntityItem, EventItem, QuoteItem
from app.store.search import newest_matching, query_words

KINDS = ("event", "quote", "entity", "article")
# Matches ranked per search: the most recently stored ones. Ranking costs per match, so a
# common word costs the same in a collection of a thousand articles or a million.
RANKED_MATCHES = 500
LEAD_CHARS = 220


@dataclass(frozen=True)
class SearchResults:
    q: str
    events: tuple[EventItem, ...]
    quotes: tuple[QuoteItem, ...]
    entities: tuple[EntityItem, ...]
    articles: tuple[ArticleItem, ...]
    leads: dict[int, str]  # each article's first lines, by id

    @property
    def total(self) -> int:
        return len(self.events) + len(self.quotes) + len(self.entities) + len(self.articles)


def best_per_kind(session: Session, q: str, kinds: tuple[str, ...], per_kind: int) -> dict[str, list[int]]:
    """Ids of the best `per_kind` matches of each kind, best first: one ranking pass over the
    latest RANKED_MATCHES matches (a window per kind) rather than one query per kind."""
    docs = newest_matching(session, q, kinds, RANKED_MATCHES)
    if docs is None:
        return {}
    matches = docs.subquery()
    place = (
        func.row_number()
        .over(partition_by=matches.c.kind, order_by=(matches.c.rank, matches.c.ref_id))
        .label("place")
    )
    ranked = select(matches.c.kind, matches.c.ref_id, place).subquery()
    rows = session.execute(
        select(ranked.c.kind, ranked.c.ref_id)
        .where(ranked.c.place <= per_kind)
        .order_by(ranked.c.kind, ranked.c.place)
    )
    ids: dict[str, list[int]] = {}
    for kind, ref_id in rows:
        ids.setdefault(kind, []).append(ref_id)
    return ids


def search_everything(
    session: Session, q: str, kinds: tuple[str, ...] = KINDS, per_kind: int = 10
) -> SearchResults:
    """The best `per_kind` matches of each kind, in rank order."""
    for kind in kinds:
        if kind not in KINDS:
            raise BadRequest(f"kind {kind!r} is not one of {', '.join(KINDS)}", "kind", kind)
    if not query_words(q):
        raise BadRequest(f"q {q!r} holds no word to search for", "q", q)
    text_kinds = tuple(k for k in kinds if k != "entity")
    ids = best_per_kind(session, q, text_kinds, per_kind) if text_kinds else {}
    entities: list[EntityItem] = []
    if "entity" in kinds:
        # by name, not by text rank: the entity named exactly so first, then by mentions
        slugs = [c.entity.slug for c in ranked_entities(session, q, per_kind)]
        found = {e.slug: e for e in session.scalars(select(Entity).where(Entity.slug.in_(slugs)))}
        entities = [entity_item(found[s]) for s in slugs if s in found]
    articles: list[ArticleItem] = []
    if ids.get("article"):
        stmt = select_article_rows().where(Article.id.in_(ids["article"]))
        rows = {r.Article.id: article_item(r) for r in session.execute(stmt)}
        articles = [rows[i] for i in ids["article"] if i in rows]
    leads = article_leads(session, [a.id for a in articles])
    return SearchResults(
        q=q,
        events=tuple(events_by_id(session, ids.get("event", []))),
        quotes=tuple(quotes_by_id(session, ids.get("quote", []))),
        entities=tuple(entities),
        articles=tuple(articles),
        leads=leads,
    )


def article_leads(session: Session, ids: list[int], chars: int = LEAD_CHARS) -> dict[int, str]:
    """The first `chars` characters of each article's text, cut at a word."""
    if not ids:
        return {}
    rows = session.execute(
        select(Article.id, func.substr(Article.body, 1, chars + 40)).where(Article.id.in_(ids))
    )
    leads = {}
    for article_id, start in rows:
        text = " ".join((start or "").split())
        if len(text) > chars:
            text = text[: text.rfind(" ", 0, chars) if " " in text[:chars] else chars] + " …"
        leads[article_id] = text
    return leads
