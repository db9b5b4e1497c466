"""Plain frozen values shared by extract, ingest and the query layer.

Offsets are character offsets into the text the extraction ran on (an article's stored body).
Date ranges are inclusive on both ends. TIMEX3 values follow TimeML (ISO-TimeML 2.0).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    GROUP = "group"  # nationalities, religious and political groups (spaCy NORP)
    OTHER = "other"


class QuoteKind(StrEnum):
    DIRECT = "direct"  # a whole quoted sentence or more
    PARTIAL = "partial"  # a quoted fragment inside the writer's sentence
    INDIRECT = "indirect"  # reported speech without quotation marks
    REMARKS = "remarks"  # a paragraph of a speaker's turn in a transcript
    QUESTION = "question"  # a paragraph of a reporter's turn ("Q"): nobody's quote


# Reported speech and reporters' questions are nobody's quote: kept off entity pages, quote
# counts and an article's list of quotes.
NOT_QUOTES = (QuoteKind.INDIRECT.value, QuoteKind.QUESTION.value)


class SpeakerKind(StrEnum):
    NAMED = "named"  # an entity of the article
    ANONYMOUS = "anonymous"  # "a senior State Department official"
    UNRESOLVED = "unresolved"  # a pronoun or description we could not pin on anyone


class TimexType(StrEnum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Granularity(StrEnum):
    TIME = "time"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    HALF = "half"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


# How coarse each granularity is: a period of a higher rank can hold one of a lower rank.
GRANULARITY_RANK = {
    "time": 0,
    "day": 0,
    "week": 1,
    "month": 2,
    "quarter": 3,
    "season": 3,
    "half": 4,
    "year": 5,
    "decade": 6,
    "century": 7,
}


class EventStatus(StrEnum):
    HAPPENED = "happened"
    ONGOING = "ongoing"
    EXPECTED = "expected"


class EventKind(StrEnum):
    STATEMENT = "statement"
    MEETING = "meeting"
    AGREEMENT = "agreement"
    ANNOUNCEMENT = "announcement"
    ELECTION = "election"
    ATTACK = "attack"
    APPOINTMENT = "appointment"
    LEGISLATION = "legislation"
    OTHER = "other"


# --- what readers produce -------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleRecord:
    """One article as a reader found it, before extraction.

    `body` is the clean text that is stored and that every offset indexes. `bio` holds trailing
    author biographies kept apart from the body. `origin` names where it came from (a path,
    a feed URL, "api") for messages.
    """

    title: str
    body: str
    origin: str = ""
    source: str | None = None
    url: str | None = None
    dek: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    published_at: dt.datetime | None = None
    published_text: str | None = None  # the date as the source wrote it ("July 1, 2024")
    article_type: str | None = None
    tags: tuple[str, ...] = ()
    bio: str | None = None
    language: str | None = None
    notes: tuple[str, ...] = ()  # what reading changed or dropped ("link dropped: …")


# --- what extraction produces ---------------------------------------------------------------


@dataclass(frozen=True)
class SentenceSpan:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    sentence: int  # index into Extraction.sentences


@dataclass(frozen=True)
class Entity:
    """An entity as one article knows it; `key` is unique within the article ("e1")."""

    key: str
    kind: EntityKind
    name: str
    mentions: tuple[Mention, ...] = ()
    aliases: tuple[str, ...] = ()  # other names this article used ("Trump", "NATO")
    description: str | None = None  # "NATO Secretary-General", when the text gives one
    roles: tuple[str, ...] = ()  # "author" for byline authors


@dataclass(frozen=True)
class Timex:
    """A temporal expression, normalised to a TIMEX3 value against the publication date.

    `range_start`/`range_end` are the calendar days the value covers (None for durations,
    sets and unresolved values). `resolved` is False when the value needed an anchor that was
    missing (no publication date), in which case `value` holds what could be said ("XXXX-06").
    """

    key: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    sentence: int
    range_start: dt.date | None = None
    range_end: dt.date | None = None
    granularity: Granularity | None = None
    resolved: bool = True
    mod: str | None = None  # TIMEX3 mod: BEFORE, AFTER, START, END, APPROX...


@dataclass(frozen=True)
class Speaker:
    name: str
    kind: SpeakerKind
    entity: str | None = None  # Entity.key when the speaker is an entity of the article
    # An unnamed speaker's organisation when the description names one ("a senior State
    # Department official" -> the State Department's Entity.key)
    organization: str | None = None


@dataclass(frozen=True)
class Quote:
    key: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    sentence: int
    speaker: Speaker | None = None
    cue: str | None = None  # the verb or phrase: "said", "told", "according to"
    said_value: str | None = None  # TIMEX3 value of when it was said
    said_start: dt.date | None = None
    said_end: dt.date | None = None
    timex: str | None = None  # Timex.key when a time expression in the sentence dates it


@dataclass(frozen=True)
class Participant:
    entity: str  # Entity.key
    role: str  # agent | patient | place | participant


# Event.sentence of an event stated only by the headline, which is not part of the body.
HEADLINE_SENTENCE = -1


@dataclass(frozen=True)
class Event:
    key: str
    value: str  # TIMEX3 value of the date
    start_date: dt.date
    end_date: dt.date
    granularity: Granularity
    status: EventStatus
    summary: str
    sentence: int  # index into the body's sentences, or HEADLINE_SENTENCE
    trigger: str | None = None
    kind: EventKind = EventKind.OTHER
    participants: tuple[Participant, ...] = ()
    timex: str | None = None  # Timex.key; None when anchored at the publication date
    summary_start: int | None = None
    summary_end: int | None = None


@dataclass(frozen=True)
class Extraction:
    language: str
    pipeline_version: str
    sentences: tuple[SentenceSpan, ...] = ()
    entities: tuple[Entity, ...] = ()
    timexes: tuple[Timex, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    notes: tuple[str, ...] = field(default=())  # e.g. "not English (detected: de)"
