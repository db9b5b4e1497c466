from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app import domain
from app.store.database import Database
from app.store.engine import transaction
from app.store.models import (
    Article,
    Counter,
    Entity,
    EntityAlias,
    Event,
    Mention,
    Quote,
    SearchDocument,
    Sentence,
)
from app.store.queries.quotes import QuoteFilter, list_quotes
from app.store.search import search
from app.store.writer import delete_facts, store_article
from tests.store.factories import event, extraction, mention, person, record

BODY_A = "Donald Trump spoke on Thursday. Trump said the war would end."
BODY_B = "Former President Donald Trump held a rally. Trump promised lower taxes."
BODY_C = "Trump Tower was quiet. Trump, a local baker, opened early."


def store(db: Database, rec: domain.ArticleRecord, ex: domain.Extraction):  # type: ignore[no-untyped-def]
    with transaction(db.sessions) as session:
        return store_article(session, rec, ex)


def count(db: Database, model: type) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def trump_extraction(body: str) -> domain.Extraction:
    return extraction(
        body,
        [
            person(
                "e1",
                "Donald Trump",
                [mention(body, "Donald Trump"), mention(body, "Trump", occurrence=1)],
                ("Trump",),
            )
        ],
    )


def test_article_is_stored_with_sentences_mentions_and_counters(db: Database) -> None:
    result = store(db, record(BODY_A), trump_extraction(BODY_A))
    assert not result.duplicate
    with db.sessions() as session:
        article = session.get(Article, result.article_id)
        assert article is not None and article.pipeline_version == "test"
        assert session.scalar(select(func.count()).select_from(Sentence)) == 1
        trump = session.scalar(select(Entity).where(Entity.name == "Donald Trump"))
        assert trump is not None and trump.mention_count == 2 and trump.article_count == 1
        texts = sorted(session.scalars(select(Mention.text)))
        assert texts == ["Donald Trump", "Trump"]
        counters = dict(session.execute(select(Counter.name, Counter.value)).all())
        assert counters["articles"] == 1 and counters["entities"] == 1


def test_the_same_person_in_two_articles_is_one_record(db: Database) -> None:
    store(db, record(BODY_A, url="https://x.test/a"), trump_extraction(BODY_A))
    store(db, record(BODY_B, url="https://x.test/b", day=2), trump_extraction(BODY_B))
    with db.sessions() as session:
        [trump] = session.scalars(select(Entity).where(Entity.kind == "person")).all()
        assert trump.mention_count == 4 and trump.article_count == 2
        assert {a.alias for a in trump.aliases} == {"Donald Trump", "Trump"}


def test_a_bare_surname_alone_does_not_link_to_a_full_name(db: Database) -> None:
    store(db, record(BODY_A), trump_extraction(BODY_A))
    baker = extraction(BODY_C, [person("e1", "Trump", [mention(BODY_C, "Trump", occurrence=1)])])
    store(db, record(BODY_C, day=3), baker)
    with db.sessions() as session:
        names = sorted(session.scalars(select(Entity.name)))
    assert names == ["Donald Trump", "Trump"]


def test_the_most_complete_name_becomes_canonical_and_the_slug_stays(db: Database) -> None:
    body = "Donald J. Trump arrived. Donald Trump left."
    store(db, record(BODY_A), trump_extraction(BODY_A))
    fuller = extraction(
        body,
        [
            person(
                "e1",
                "Donald J. Trump",
                [mention(body, "Donald J. Trump"), mention(body, "Donald Trump")],
                ("Donald Trump",),
            )
        ],
    )
    store(db, record(body, day=4), fuller)
    with db.sessions() as session:
        [entity] = session.scalars(select(Entity)).all()
    assert entity.name == "Donald J. Trump" and entity.slug == "donald-trump"


def test_second_store_of_same_text_or_url_is_a_duplicate(db: Database) -> None:
    first = store(db, record(BODY_A, url="https://x.test/a"), trump_extraction(BODY_A))
    again = store(db, record("  " + BODY_A.upper() + " ", url=None), trump_extraction(BODY_A))
    same_url = store(db, record(BODY_B, url="https://x.test/a"), trump_extraction(BODY_B))
    assert again.duplicate and again.reason == f"same text as article {first.article_id}"
    assert same_url.duplicate and same_url.reason == f"same URL as article {first.article_id}"
    assert count(db, Article) == 1


def test_a_failure_midway_leaves_no_half_written_article(db: Database) -> None:
    broken = extraction(
        BODY_A, trump_extraction(BODY_A).entities, events=[event("Trump spoke", ["e1"], start=None)]
    )
    with pytest.raises(IntegrityError):
        store(db, record(BODY_A), broken)
    for model in (Article, Sentence, Entity, EntityAlias, Mention, Event, SearchDocument, Counter):
        assert count(db, model) == 0, model.__name__


def test_quotes_and_events_link_to_entities_and_are_searchable(db: Database) -> None:
    base = trump_extraction(BODY_A)
    quote = domain.Quote(
        key="q1",
        start=BODY_A.index("the war"),
        end=BODY_A.index(" would"),
        text="the war",
        kind=domain.QuoteKind.PARTIAL,
        sentence=0,
        speaker=domain.Speaker(name="Donald Trump", kind=domain.SpeakerKind.NAMED, entity="e1"),
        cue="said",
    )
    ex = extraction(
        BODY_A, list(base.entities), quotes=[quote], events=[event("Trump spoke about the war", ["e1"])]
    )
    store(db, record(BODY_A), ex)
    with db.sessions() as session:
        stored_quote = session.scalar(select(Quote))
        trump = session.scalar(select(Entity))
        assert stored_quote is not None and trump is not None
        assert (
            stored_quote.speaker_entity_id == trump.id and trump.quote_count == 1 and trump.event_count == 1
        )
        kinds = {hit.kind for hit in search(session, "war")}
        assert kinds == {"event", "quote", "article"}
        assert [hit.kind for hit in search(session, "Donald", kinds=["entity"])] == ["entity"]


def test_search_treats_user_input_as_words_not_syntax(db: Database) -> None:
    store(db, record(BODY_A), trump_extraction(BODY_A))
    with db.sessions() as session:
        for query in ['"', "AND (", "war*", "NEAR(", "'; drop table x; --", ""]:
            search(session, query)  # must not raise
        assert search(session, "thursda")  # prefix of the last word


def test_deleting_facts_undoes_counts_and_removes_orphans(db: Database) -> None:
    result = store(db, record(BODY_A), trump_extraction(BODY_A))
    with transaction(db.sessions) as session:
        article = session.get(Article, result.article_id)
        assert article is not None
        delete_facts(session, article)
    assert count(db, Entity) == 0 and count(db, Mention) == 0 and count(db, Sentence) == 0
    assert count(db, Article) == 1


def test_two_entities_of_one_article_that_resolve_to_one_record_share_its_row(db: Database) -> None:
    store(db, record(BODY_A), trump_extraction(BODY_A))
    body = "Donald Trump and Trump spoke."
    ex = extraction(
        body,
        [
            person("e1", "Donald Trump", [mention(body, "Donald Trump")]),
            domain.Entity(
                key="e2",
                kind=domain.EntityKind.PERSON,
                name="Donald Trump",
                mentions=(mention(body, "Trump", occurrence=1),),
            ),
        ],
    )
    store(db, record(body, day=5), ex)
    with db.sessions() as session:
        [trump] = session.scalars(select(Entity)).all()
    assert trump.mention_count == 4 and trump.article_count == 2


def test_an_unnamed_speakers_organisation_is_linked_counted_and_listed(db: Database) -> None:
    body = "Sanctions are coming, a State Department spokesperson said. Donald Trump disagreed."
    state = domain.Entity(
        "e2", domain.EntityKind.ORGANIZATION, "State Department", (mention(body, "State Department"),)
    )
    trump = person("e1", "Donald Trump", [mention(body, "Donald Trump")], ())
    quote = domain.Quote(
        key="q1",
        start=0,
        end=body.index(","),
        text="Sanctions are coming",
        kind=domain.QuoteKind.DIRECT,
        sentence=0,
        speaker=domain.Speaker(
            name="a State Department spokesperson", kind=domain.SpeakerKind.ANONYMOUS, organization="e2"
        ),
        cue="said",
    )
    result = store(db, record(body), extraction(body, [trump, state], quotes=[quote]))
    with db.sessions() as session:
        org = session.scalar(select(Entity).where(Entity.name == "State Department"))
        assert org is not None and org.quote_count == 1
        [item] = list_quotes(session, QuoteFilter(speakers=(org.slug,))).items
        assert item.speaker is None and item.speaker_name == "a State Department spokesperson"
        assert item.organization is not None and item.organization.slug == org.slug
        assert list_quotes(session, QuoteFilter(speakers=("donald-trump",))).items == []
    with transaction(db.sessions) as session:
        article = session.get(Article, result.article_id)
        assert article is not None
        delete_facts(session, article)
    assert count(db, Quote) == 0 and count(db, Entity) == 0  # counts undone, orphans gone
