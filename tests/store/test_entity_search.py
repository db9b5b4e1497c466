"""Entity search reads an index of entity names and aliases alone (SQLite: its own FTS5 table
kept by triggers; PostgreSQL: a partial GIN index), so it follows every change of an entity's
search document and never answers with another kind of document."""

from __future__ import annotations

from sqlalchemy import select

from app.store.database import Database
from app.store.engine import transaction
from app.store.models import Article, Entity
from app.store.search import search
from app.store.writer import delete_facts, store_article
from tests.store.factories import extraction, mention, person, record


def store(db: Database, body: str, url: str, name: str, said: str, aliases: tuple[str, ...] = ()) -> int:
    people = [person("e1", name, [mention(body, said)], aliases=aliases)]
    with transaction(db.sessions) as session:
        return store_article(session, record(body, url=url), extraction(body, people)).article_id


def entity_names(db: Database, query: str) -> list[str]:
    with db.sessions() as session:
        ids = [hit.ref_id for hit in search(session, query, kinds=["entity"])]
        return [session.get(Entity, i).name for i in ids]  # type: ignore[union-attr]


def test_entity_search_finds_names_and_aliases_and_nothing_else(db: Database) -> None:
    store(db, "Biden spoke about bidding wars.", "https://x.example/1", "Joe Biden", "Biden")
    assert entity_names(db, "bid") == ["Joe Biden"]  # not the article that holds "bidding"
    with db.sessions() as session:
        assert "article" in {hit.kind for hit in search(session, "bidding")}
    assert entity_names(db, "sleepy") == []
    store(db, "Sleepy Joe spoke.", "https://x.example/2", "Joe Biden", "Sleepy Joe", aliases=("Sleepy Joe",))
    assert entity_names(db, "sleepy") == ["Joe Biden"]  # the alias reached the index
    with transaction(db.sessions) as session:
        for article in session.scalars(select(Article)):
            delete_facts(session, article)
    assert entity_names(db, "bid") == []  # the entity went with its last mention
