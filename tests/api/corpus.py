"""A small hand-built corpus for API tests (no model needed): four articles from two sources
with entities, quotes and events at every precision the exports care about."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app import domain
from app.domain import EntityKind, EventKind, EventStatus, Granularity, QuoteKind, SpeakerKind
from app.store.database import Database
from app.store.engine import transaction
from app.store.writer import store_article

D = dt.date


@dataclass
class EventSpec:
    sentence: int
    summary: str
    value: str
    start: dt.date
    end: dt.date
    granularity: Granularity
    status: EventStatus
    kind: EventKind
    participants: tuple[tuple[str, str], ...] = ()  # (entity key, role)


@dataclass
class QuoteSpec:
    text: str
    speaker: str | None  # entity key
    said: dt.date
    kind: QuoteKind = QuoteKind.DIRECT


@dataclass
class ArticleSpec:
    title: str
    source: str
    published: dt.date
    sentences: list[str]
    entities: dict[str, tuple[EntityKind, str, tuple[str, ...]]]  # key -> kind, name, surfaces
    events: list[EventSpec] = field(default_factory=list)
    quotes: list[QuoteSpec] = field(default_factory=list)


ARTICLES = [
    ArticleSpec(
        title="NATO allies gather in Washington",
        source="Test Wire",
        published=D(2024, 7, 1),
        sentences=[
            "NATO leaders will meet in Washington on July 9.",
            'Joe Biden said: "We will defend every inch of NATO territory."',
            "The talks open at 14:30 on July 9 and a vote follows next week.",
        ],
        entities={
            "nato": (EntityKind.ORGANIZATION, "NATO", ("NATO",)),
            "biden": (EntityKind.PERSON, "Joe Biden", ("Joe Biden",)),
            "dc": (EntityKind.PLACE, "Washington", ("Washington",)),
        },
        events=[
            EventSpec(
                0,
                "NATO leaders will meet in Washington",
                "2024-07-09",
                D(2024, 7, 9),
                D(2024, 7, 9),
                Granularity.DAY,
                EventStatus.EXPECTED,
                EventKind.MEETING,
                (("nato", "agent"), ("dc", "place")),
            ),
            EventSpec(
                2,
                "The talks open",
                "2024-07-09T14:30",
                D(2024, 7, 9),
                D(2024, 7, 9),
                Granularity.TIME,
                EventStatus.EXPECTED,
                EventKind.MEETING,
                (("nato", "participant"),),
            ),
            EventSpec(
                2,
                "a vote follows",
                "2024-W28",
                D(2024, 7, 8),
                D(2024, 7, 14),
                Granularity.WEEK,
                EventStatus.EXPECTED,
                EventKind.OTHER,
            ),
        ],
        quotes=[QuoteSpec("We will defend every inch of NATO territory.", "biden", D(2024, 7, 1))],
    ),
    ArticleSpec(
        title="Biden and Zelensky sign a security agreement",
        source="Other Times",
        published=D(2024, 6, 28),
        sentences=[
            "Joe Biden and Volodymyr Zelensky signed a security agreement on June 13.",
            '"This is a historic day," Volodymyr Zelensky said.',
            "Both sides expect talks in August.",
        ],
        entities={
            "biden": (EntityKind.PERSON, "Joe Biden", ("Joe Biden",)),
            "zelensky": (EntityKind.PERSON, "Volodymyr Zelensky", ("Volodymyr Zelensky",)),
        },
        events=[
            EventSpec(
                0,
                "Joe Biden and Volodymyr Zelensky signed a security agreement",
                "2024-06-13",
                D(2024, 6, 13),
                D(2024, 6, 13),
                Granularity.DAY,
                EventStatus.HAPPENED,
                EventKind.AGREEMENT,
                (("biden", "agent"), ("zelensky", "agent")),
            ),
            EventSpec(
                2,
                "Both sides expect talks",
                "2024-08",
                D(2024, 8, 1),
                D(2024, 8, 31),
                Granularity.MONTH,
                EventStatus.EXPECTED,
                EventKind.MEETING,
                (("biden", "participant"), ("zelensky", "participant")),
            ),
        ],
        quotes=[QuoteSpec("This is a historic day,", "zelensky", D(2024, 6, 28))],
    ),
    ArticleSpec(
        title="=Senate passes the budget",
        source="Test Wire",
        published=D(2024, 6, 20),
        sentences=[
            "The Senate passed the budget on June 18, 2024.",
            '"It is done," said Chuck Schumer.',
        ],
        entities={
            "senate": (EntityKind.ORGANIZATION, "Senate", ("Senate",)),
            "schumer": (EntityKind.PERSON, "Chuck Schumer", ("Chuck Schumer",)),
        },
        events=[
            EventSpec(
                0,
                "The Senate passed the budget",
                "2024-06-18",
                D(2024, 6, 18),
                D(2024, 6, 18),
                Granularity.DAY,
                EventStatus.HAPPENED,
                EventKind.LEGISLATION,
                (("senate", "agent"),),
            )
        ],
        quotes=[QuoteSpec("It is done,", "schumer", D(2024, 6, 20))],
    ),
    ArticleSpec(
        title="A look back at 1949",
        source="Other Times",
        published=D(2024, 4, 4),
        sentences=["NATO was founded in Washington in 1949, 75 years ago."],
        entities={
            "nato": (EntityKind.ORGANIZATION, "NATO", ("NATO",)),
            "dc": (EntityKind.PLACE, "Washington", ("Washington",)),
        },
        events=[
            EventSpec(
                0,
                "NATO was founded in Washington",
                "1949",
                D(1949, 1, 1),
                D(1949, 12, 31),
                Granularity.YEAR,
                EventStatus.HAPPENED,
                EventKind.AGREEMENT,
                (("nato", "patient"), ("dc", "place")),
            )
        ],
    ),
]

ENTITY_SLUGS = {"NATO": "nato", "Joe Biden": "joe-biden", "Washington": "washington"}


def extraction_of(spec: ArticleSpec) -> tuple[domain.ArticleRecord, domain.Extraction]:
    body = " ".join(spec.sentences)
    spans, offset = [], 0
    for index, sentence in enumerate(spec.sentences):
        spans.append(domain.SentenceSpan(index, offset, offset + len(sentence)))
        offset += len(sentence) + 1

    def sentence_of(start: int) -> int:
        return next(s.index for s in spans if s.start <= start <= s.end)

    entities = []
    for key, (kind, name, surfaces) in spec.entities.items():
        mentions = []
        for surface in surfaces:
            start = body.find(surface)
            while start >= 0:
                mentions.append(domain.Mention(start, start + len(surface), surface, sentence_of(start)))
                start = body.find(surface, start + 1)
        entities.append(domain.Entity(key=key, kind=kind, name=name, mentions=tuple(mentions)))
    quotes = []
    for i, q in enumerate(spec.quotes):
        start = body.index(q.text)
        speaker = None
        if q.speaker:
            speaker = domain.Speaker(spec.entities[q.speaker][1], SpeakerKind.NAMED, q.speaker)
        quotes.append(
            domain.Quote(
                key=f"q{i}",
                start=start,
                end=start + len(q.text),
                text=q.text,
                kind=q.kind,
                sentence=sentence_of(start),
                speaker=speaker,
                cue="said",
                said_value=q.said.isoformat(),
                said_start=q.said,
                said_end=q.said,
            )
        )
    events = [
        domain.Event(
            key=f"v{i}",
            value=e.value,
            start_date=e.start,
            end_date=e.end,
            granularity=e.granularity,
            status=e.status,
            summary=e.summary,
            sentence=e.sentence,
            kind=e.kind,
            participants=tuple(domain.Participant(k, role) for k, role in e.participants),
        )
        for i, e in enumerate(spec.events)
    ]
    record = domain.ArticleRecord(
        title=spec.title,
        body=body,
        origin="test",
        source=spec.source,
        url=f"https://news.test/{spec.published.isoformat()}/{len(body)}",
        published=spec.published,
        authors=("Ann Author",),
    )
    ex = domain.Extraction(
        language="en",
        pipeline_version="test",
        sentences=tuple(spans),
        entities=tuple(entities),
        quotes=tuple(quotes),
        events=tuple(events),
    )
    return record, ex


def seed(db: Database, specs: list[ArticleSpec] = ARTICLES) -> list[int]:
    """Store the articles; their ids in order."""
    ids = []
    for spec in specs:
        record, ex = extraction_of(spec)
        with transaction(db.sessions) as session:
            ids.append(store_article(session, record, ex).article_id)
    return ids
