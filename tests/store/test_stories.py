"""Stories in a real database: events join stories inside the article's transaction, counts
and first reports are kept, re-extraction detaches, a rebuild gives what ingest gave, and two
writers at once make one story."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

from sqlalchemy import func, select

from app import domain
from app.domain import EntityKind, EventKind, EventStatus, Granularity
from app.store.database import Database
from app.store.engine import transaction
from app.store.models import Article, Counter, Event, Story, StoryParticipant
from app.store.retry import run_with_retries
from app.store.stories import rebuild_stories
from app.store.writer import delete_facts, store_article, store_facts
from tests.store.factories import mention

D = dt.date


def summit_article(
    n: int,
    published: dt.date,
    sentence: str,
    trigger: str,
    start: dt.date,
    end: dt.date | None = None,
    granularity: Granularity = Granularity.DAY,
    status: EventStatus = EventStatus.HAPPENED,
    kind: EventKind = EventKind.MEETING,
    source: str = "Test Wire",
) -> tuple[domain.ArticleRecord, domain.Extraction]:
    body = f"{sentence} Article {n} ends here."
    entities = [
        domain.Entity(key="e1", kind=EntityKind.ORGANIZATION, name="NATO", mentions=(mention(body, "NATO"),))
    ]
    if "Biden" in body:
        entities.append(
            domain.Entity(
                key="e2", kind=EntityKind.PERSON, name="Joe Biden", mentions=(mention(body, "Biden"),)
            )
        )
    event = domain.Event(
        key="v1",
        value=start.isoformat() if granularity is Granularity.DAY else f"{start:%G-W%V}",
        start_date=start,
        end_date=end or start,
        granularity=granularity,
        status=status,
        summary=sentence.rstrip("."),
        sentence=0,
        trigger=trigger,
        kind=kind,
        participants=tuple(domain.Participant(e.key, "participant") for e in entities),
    )
    record = domain.ArticleRecord(
        title=f"Article {n}", body=body, origin=f"test {n}", source=source, url=f"https://example.org/{n}",
        published=published,
    )  # fmt: skip
    extraction = domain.Extraction(
        language="en",
        pipeline_version="test",
        sentences=(domain.SentenceSpan(0, 0, len(sentence)),),
        entities=tuple(entities),
        events=(event,),
    )
    return record, extraction


SUMMIT_REPORTS = [
    (D(2024, 7, 1), "NATO leaders will gather in Washington for the summit next week.", "summit",
     D(2024, 7, 8), D(2024, 7, 14), Granularity.WEEK, EventStatus.EXPECTED),
    (D(2024, 7, 8), "Biden will open the NATO summit in Washington on July 9.", "summit",
     D(2024, 7, 9), None, Granularity.DAY, EventStatus.EXPECTED),
    (D(2024, 7, 10), "NATO leaders met at the Washington summit on Tuesday.", "summit",
     D(2024, 7, 9), None, Granularity.DAY, EventStatus.HAPPENED),
]  # fmt: skip
OTHER = (D(2024, 7, 10), "NATO opened a liaison office in Kyiv on Tuesday.", "opened", D(2024, 7, 9))


def store_all(db: Database, items: list[tuple[domain.ArticleRecord, domain.Extraction]]) -> list[int]:
    ids = []
    for record, extraction in items:
        with transaction(db.sessions) as session:
            ids.append(store_article(session, record, extraction).article_id)
    return ids


def summit_items(offset: int = 0, source: str = "Test Wire") -> list:
    return [
        summit_article(offset + i, pub, sentence, trig, start, end, grain, status, source=source)
        for i, (pub, sentence, trig, start, end, grain, status) in enumerate(SUMMIT_REPORTS)
    ]


def partition(db: Database) -> set[frozenset[str]]:
    """Stories as sets of their reports' article URLs (ids differ between databases)."""
    with db.sessions() as session:
        rows = session.execute(
            select(Event.story_id, Article.url).join(Article, Article.id == Event.article_id)
        )
        groups: dict[int, set[str]] = {}
        for story_id, url in rows:
            assert story_id is not None, "every event reports a story"
            groups.setdefault(story_id, set()).add(url)
    return {frozenset(g) for g in groups.values()}


def test_reports_of_one_happening_make_one_story_with_its_corroboration(db: Database) -> None:
    ids = store_all(db, [*summit_items(), summit_article(9, OTHER[0], OTHER[1], OTHER[2], OTHER[3],
                                                         kind=EventKind.ANNOUNCEMENT)])  # fmt: skip
    with db.sessions() as session:
        stories = session.scalars(select(Story).order_by(Story.report_count.desc())).all()
        assert [s.report_count for s in stories] == [3, 1]
        summit = stories[0]
        assert (summit.article_count, summit.source_count) == (3, 1)
        assert (summit.start_date, summit.end_date, summit.granularity) == (
            D(2024, 7, 9),
            D(2024, 7, 9),
            "day",
        )
        assert summit.status == "happened"  # expected twice, then reported done: both kept
        assert summit.kind == "meeting" and not summit.date_conflict
        assert summit.first_article_id == ids[0] and summit.first_published == D(2024, 7, 1)
        evidence = session.scalars(select(Event.story_evidence).where(Event.story_id == summit.id)).all()
        assert evidence[0] == {"started": True}
        assert all(e["score"] >= e["threshold"] and e["points"] for e in evidence[1:])
        participants = session.scalars(
            select(StoryParticipant.reports).where(StoryParticipant.story_id == summit.id)
        ).all()
        assert sorted(participants) == [1, 3]  # NATO in all three reports, Biden in one
        assert session.scalar(select(Counter.value).where(Counter.name == "stories")) == 2


def test_distinct_sources_are_counted_apart(db: Database) -> None:
    items = summit_items()
    items[2] = summit_article(2, *SUMMIT_REPORTS[2][:6], SUMMIT_REPORTS[2][6], source="Other Daily")
    store_all(db, items)
    with db.sessions() as session:
        summit = session.scalars(select(Story).order_by(Story.report_count.desc())).first()
        assert summit is not None and (summit.report_count, summit.source_count) == (3, 2)


def test_rebuild_gives_the_stories_ingest_gave(db: Database) -> None:
    store_all(db, [*summit_items(), summit_article(9, *OTHER, kind=EventKind.ANNOUNCEMENT)])
    before = partition(db)
    with db.sessions() as session:
        titles = sorted(session.scalars(select(Story.title)))
    result = rebuild_stories(db.sessions)
    assert result.events == 4 and result.stories == 2
    assert partition(db) == before
    with db.sessions() as session:
        assert sorted(session.scalars(select(Story.title))) == titles
        assert session.scalar(select(Counter.value).where(Counter.name == "stories")) == 2


def test_re_extraction_detaches_reports_and_drops_empty_stories(db: Database) -> None:
    ids = store_all(db, summit_items())
    with transaction(db.sessions) as session:
        delete_facts(session, session.get(Article, ids[1]))
    with db.sessions() as session:
        story = session.scalars(select(Story)).one()
        assert (story.report_count, story.article_count) == (2, 2)
    with transaction(db.sessions) as session:
        article = session.get(Article, ids[1])
        store_facts(session, article, summit_items()[1][1])
    with db.sessions() as session:
        assert session.scalars(select(Story.report_count)).one() == 3
    for article_id in ids:
        with transaction(db.sessions) as session:
            delete_facts(session, session.get(Article, article_id))
    with db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Story)) == 0
        assert session.scalar(select(func.count()).select_from(StoryParticipant)) == 0
        assert session.scalar(select(Counter.value).where(Counter.name == "stories")) == 0


def test_two_writers_at_once_make_one_story(db: Database) -> None:
    items = summit_items()[1:]
    start = threading.Barrier(len(items))
    errors: list[BaseException] = []

    def write(item: tuple[domain.ArticleRecord, domain.Extraction]) -> None:
        try:
            start.wait()

            def work() -> None:  # what `dateline ingest` and the service do: retry a conflict
                with transaction(db.sessions) as session:
                    store_article(session, *item)

            run_with_retries(work)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(item,)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with db.sessions() as session:
        assert session.scalars(select(Story.report_count)).all() == [2]


def test_upgrading_keeps_event_participants_and_gives_old_events_their_stories(database_url: str) -> None:
    from sqlalchemy import text

    from app.store.migrate import upgrade

    db = Database.open(database_url)
    try:
        upgrade(db.engine, "0007")  # before stories
        with db.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO articles (id, title, authors, tags, sort_date, language, notes, body, "
                "content_hash, ingested_at, event_count, quote_count) VALUES (1, 't', '[]', '[]', "
                "'2024-07-09', 'en', '[]', 'NATO met.', 'h1', '2024-07-09 00:00:00', 1, 0)"
            ))  # fmt: skip
            conn.execute(text(
                "INSERT INTO entities (id, kind, name, slug, mention_count, article_count, quote_count, "
                "event_count) VALUES (1, 'organization', 'NATO', 'nato', 1, 1, 0, 1)"
            ))  # fmt: skip
            conn.execute(text(
                "INSERT INTO events (id, article_id, value, start_date, end_date, granularity, status, "
                "kind, summary, trigger) VALUES (1, 1, '2024-07-09', '2024-07-09', '2024-07-09', 'day', "
                "'happened', 'meeting', 'NATO met', 'met')"
            ))  # fmt: skip
            conn.execute(text(
                "INSERT INTO event_participants (event_id, entity_id, role, start_date) "
                "VALUES (1, 1, 'agent', '2024-07-09')"
            ))  # fmt: skip
        upgrade(db.engine)
        assert db.stories_missing()
        rebuild_stories(db.sessions)  # what `dateline db upgrade` runs when events lack stories
        assert not db.stories_missing()
        with db.sessions() as session:
            assert session.scalar(select(func.count()).select_from(StoryParticipant)) == 1
            assert session.scalars(select(Story.title)).all() == ["NATO met"]
    finally:
        db.close()


def test_quotes_about_a_story_are_its_participants_words_or_name_them_in_its_articles(db: Database) -> None:
    """The story page's quotes: spoken by a participant, or in a sentence naming one, in the
    story's own articles; never reported speech; dated ones earliest first, undated last."""
    from app.domain import QuoteKind, SpeakerKind
    from app.store.queries.stories import quotes_about

    def with_quotes(
        n: int, published: dt.date, quotes: list[tuple[str, QuoteKind, str | None, dt.date | None]]
    ):
        record, extraction = summit_article(n, published, "Biden met NATO leaders at the summit on July 9.",
                                            "met", D(2024, 7, 9))  # fmt: skip
        body = record.body
        sentences = [extraction.sentences[0]]
        found = []
        for i, (words, kind, speaker, said) in enumerate(quotes, start=1):
            start = len(body) + 1
            body = f"{body} {words}"
            sentences.append(domain.SentenceSpan(i, start, len(body)))
            found.append(domain.Quote(
                key=f"q{i}", start=start, end=len(body), text=words, kind=kind, sentence=i,
                speaker=domain.Speaker(speaker, SpeakerKind.NAMED, "e2") if speaker else None,
                said_start=said,
            ))  # fmt: skip
        naming = [span.index for span in sentences if "NATO" in body[span.start : span.end]]
        nato = [mention(body, "NATO", index, occurrence) for occurrence, index in enumerate(naming)]
        entities = tuple(
            dataclasses.replace(e, mentions=tuple(nato)) if e.name == "NATO" else e
            for e in extraction.entities
        )
        return (
            dataclasses.replace(record, body=body),
            dataclasses.replace(
                extraction, sentences=tuple(sentences), quotes=tuple(found), entities=entities
            ),
        )

    said = D(2024, 7, 9)
    store_all(db, [
        with_quotes(1, D(2024, 7, 10), [
            ("“We are stronger together,” Biden said.", QuoteKind.DIRECT, "Joe Biden", said),
            ("Biden said the alliance was united.", QuoteKind.INDIRECT, "Joe Biden", said),
            ("“It rained all day,” a guest said.", QuoteKind.DIRECT, None, D(2024, 7, 8)),
            ("“NATO has never been stronger,” a diplomat said.", QuoteKind.DIRECT, None, None),
        ]),
        with_quotes(2, D(2024, 7, 11), [
            ("“NATO must spend more,” an envoy said.", QuoteKind.DIRECT, None, D(2024, 7, 8)),
        ]),
    ])  # fmt: skip
    with db.sessions() as session:
        story_id = session.scalars(select(Story.id).order_by(Story.report_count.desc())).first()
        assert story_id is not None and session.get(Story, story_id).report_count == 2
        about = [q.text for q in quotes_about(session, story_id)]
    assert about == [
        "“NATO must spend more,” an envoy said.",  # names NATO, earliest
        "“We are stronger together,” Biden said.",  # a participant speaks
        "“NATO has never been stronger,” a diplomat said.",  # undated: last
    ]
