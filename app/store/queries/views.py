"""Plain values the query layer returns: what pages render and the API serialises. Never ORM
objects, so no template or response can trigger a query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.url_policy import safe_url


@dataclass(frozen=True)
class EntityRef:
    slug: str
    name: str
    kind: str


@dataclass(frozen=True)
class Participant:
    entity: EntityRef
    role: str


@dataclass(frozen=True)
class ArticleRef:
    id: int
    title: str
    source: str | None
    published: dt.date | None
    url: str | None

    def __post_init__(self) -> None:
        # Every rendered link goes through the URL policy, stored before it existed or not
        object.__setattr__(self, "url", safe_url(self.url))


@dataclass(frozen=True)
class SentenceRef:
    """The sentence a fact came from; `highlights` are (start, end) offsets inside `text`
    (the date phrase of an event, the quote of a quote)."""

    article_id: int
    index: int
    text: str
    highlights: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class StoryRef:
    """The story an event reports, with its corroboration."""

    id: int
    title: str
    reports: int
    articles: int
    sources: int


@dataclass(frozen=True)
class EventItem:
    id: int
    value: str
    start_date: dt.date
    end_date: dt.date
    granularity: str
    status: str
    kind: str
    summary: str
    trigger: str | None
    article: ArticleRef
    sentence: SentenceRef | None
    date_text: str | None  # the time expression as written ("next week")
    participants: tuple[Participant, ...] = ()
    story: StoryRef | None = None
    # an export grouped by story: this row stands for its story (dates, title, status are
    # the story's; article and sentence its first report's)
    as_story: bool = False

    @property
    def page_path(self) -> str:
        if self.as_story and self.story is not None:
            return f"/stories/{self.story.id}"
        return f"/events/{self.id}"

    @property
    def uid(self) -> str:
        return f"story-{self.story.id}" if self.as_story and self.story is not None else f"event-{self.id}"


@dataclass(frozen=True)
class QuoteItem:
    id: int
    text: str
    kind: str
    speaker_name: str | None
    speaker_kind: str | None
    speaker: EntityRef | None
    cue: str | None
    said_value: str | None
    said_start: dt.date | None
    said_end: dt.date | None
    article: ArticleRef
    sentence_index: int | None
    organization: EntityRef | None = None  # an unnamed speaker's organisation


@dataclass(frozen=True)
class EntityItem:
    id: int
    slug: str
    name: str
    kind: str
    description: str | None
    mention_count: int
    article_count: int
    quote_count: int
    event_count: int
    first_seen: dt.date | None
    last_seen: dt.date | None


@dataclass(frozen=True)
class CountedEntity:
    entity: EntityRef
    count: int


@dataclass(frozen=True)
class PeriodCount:
    """Events (or mentions) in one period: `start` is its first day, `label` e.g. "2024-07"."""

    label: str
    start: dt.date
    end: dt.date
    count: int


@dataclass(frozen=True)
class ArticleItem:
    id: int
    title: str
    dek: str | None
    source: str | None
    source_slug: str | None
    url: str | None
    authors: tuple[str, ...]
    article_type: str | None
    published: dt.date | None
    event_count: int
    quote_count: int
    language: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "url", safe_url(self.url))


@dataclass(frozen=True)
class Annotation:
    """A marked stretch of an article's body: kind is entity, timex or quote."""

    kind: str
    start: int
    end: int
    label: str  # entity name, TIMEX3 value, speaker
    ref: str | int | None = None  # entity slug, quote id
    detail: str | None = None  # resolved date in words, entity kind


@dataclass(frozen=True)
class SentenceSpan:
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class ArticleDetail:
    article: ArticleItem
    body: str
    bio: str | None
    origin: str | None
    pipeline_version: str | None
    notes: tuple[str, ...]
    sentences: tuple[SentenceSpan, ...]
    annotations: tuple[Annotation, ...]
    entities: tuple[CountedEntity, ...] = field(default=())
    events: tuple[EventItem, ...] = field(default=())
    quotes: tuple[QuoteItem, ...] = field(default=())
