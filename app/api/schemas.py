"""Response bodies of the JSON API: pydantic mirrors of the query layer's plain values
(app/store/queries/views.py), validated straight from those dataclasses with
`model_validate(item, from_attributes=True, context={"base": ...})`.

Every item carries absolute `page_url` (its page on the site) and `api_url` (its JSON), built
from the `base` in the validation context, so a client never assembles a URL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from app.domain import EntityKind, EventKind, EventStatus, Granularity, QuoteKind, SpeakerKind

API = "/api/v1"


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_serialization_defaults_required=True)


class Linked(Schema):
    """An item with a page and a JSON resource of its own; subclasses say where."""

    page_url: str = Field("", description="Its page on the site (absolute URL).")
    api_url: str = Field("", description="Its JSON resource (absolute URL).")

    def paths(self) -> tuple[str, str]:
        raise NotImplementedError

    @model_validator(mode="after")
    def _absolute_urls(self, info: ValidationInfo) -> Self:
        base = (info.context or {}).get("base", "")
        page, api = self.paths()
        self.page_url, self.api_url = base + page, base + api
        return self


class EntityRefOut(Linked):
    slug: str = Field(examples=["jens-stoltenberg"])
    name: str = Field(examples=["Jens Stoltenberg"])
    kind: EntityKind

    def paths(self) -> tuple[str, str]:
        return f"/entities/{self.slug}", f"{API}/entities/{self.slug}"


class ParticipantOut(Schema):
    entity: EntityRefOut
    role: str = Field(description="The entity's part in the event.", examples=["agent"])


class ArticleRefOut(Linked):
    id: int
    title: str
    source: str | None = Field(description="The publication's name.")
    published: dt.date | None
    url: str | None = Field(description="Where the article was published (the original, not ours).")

    def paths(self) -> tuple[str, str]:
        return f"/articles/{self.id}", f"{API}/articles/{self.id}"


class Span(Schema):
    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset after the last character.")


class SentenceOut(Schema):
    """The sentence a fact came from."""

    article_id: int
    index: int = Field(description="Its position in the article, from 0.")
    text: str
    highlights: list[Span] = Field(description="Stretches of `text` to mark: an event's date phrase.")

    @model_validator(mode="before")
    @classmethod
    def _spans(cls, data: Any) -> Any:
        # the query layer keeps highlights as (start, end) pairs
        if hasattr(data, "highlights"):
            return {
                "article_id": data.article_id,
                "index": data.index,
                "text": data.text,
                "highlights": [{"start": s, "end": e} for s, e in data.highlights],
            }
        return data


class StoryRefOut(Linked):
    """The story (one happening across articles) an event reports, and how well it is backed."""

    id: int
    title: str
    reports: int = Field(description="Events that report it.")
    articles: int = Field(description="Distinct articles among them.")
    sources: int = Field(description="Distinct sources among them.")

    def paths(self) -> tuple[str, str]:
        return f"/stories/{self.id}", f"{API}/stories/{self.id}"


class EventOut(Linked):
    id: int
    value: str = Field(description="The date as a TIMEX3 value (ISO-TimeML).", examples=["2024-07-09"])
    start_date: dt.date = Field(description="First day of the range the date covers.")
    end_date: dt.date = Field(description="Last day of that range (inclusive).")
    granularity: Granularity
    status: EventStatus
    kind: EventKind
    summary: str = Field(description="The clause that states the event.")
    trigger: str | None = Field(description="The word that marks the event.", examples=["summit"])
    date_text: str | None = Field(description="The time expression as written.", examples=["next week"])
    article: ArticleRefOut
    sentence: SentenceOut | None
    participants: list[ParticipantOut]
    story: StoryRefOut | None = Field(
        None, description="The story it reports: one happening, with every report of it across articles."
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 812,
                    "value": "2024-07-09",
                    "start_date": "2024-07-09",
                    "end_date": "2024-07-09",
                    "granularity": "day",
                    "status": "expected",
                    "kind": "meeting",
                    "summary": "the President will host the NATO Summit in Washington",
                    "trigger": "host",
                    "date_text": "July 9",
                    "article": {
                        "id": 97,
                        "title": "Statement from the Press Secretary on the NATO Summit",
                        "source": "The White House",
                        "published": "2024-06-28",
                        "url": "https://www.whitehouse.gov/briefing-room/statements-releases/2024/06/28/",
                        "page_url": "https://dateline.example.org/articles/97",
                        "api_url": "https://dateline.example.org/api/v1/articles/97",
                    },
                    "sentence": {
                        "article_id": 97,
                        "index": 0,
                        "text": "On July 9, the President will host the NATO Summit in Washington.",
                        "highlights": [{"start": 3, "end": 9}],
                    },
                    "participants": [
                        {
                            "entity": {
                                "slug": "nato",
                                "name": "NATO",
                                "kind": "organization",
                                "page_url": "https://dateline.example.org/entities/nato",
                                "api_url": "https://dateline.example.org/api/v1/entities/nato",
                            },
                            "role": "participant",
                        }
                    ],
                    "story": {
                        "id": 41,
                        "title": "the President will host the NATO Summit in Washington",
                        "reports": 12,
                        "articles": 9,
                        "sources": 3,
                        "page_url": "https://dateline.example.org/stories/41",
                        "api_url": "https://dateline.example.org/api/v1/stories/41",
                    },
                    "page_url": "https://dateline.example.org/events/812",
                    "api_url": "https://dateline.example.org/api/v1/events/812",
                }
            ]
        }
    )

    def paths(self) -> tuple[str, str]:
        return f"/events/{self.id}", f"{API}/events/{self.id}"


class QuoteOut(Linked):
    id: int
    text: str
    kind: QuoteKind
    speaker_name: str | None = Field(description="Who said it, as named or described in the text.")
    speaker_kind: SpeakerKind | None
    speaker: EntityRefOut | None = Field(description="The speaker's entity, when the speaker is named.")
    organization: EntityRefOut | None = Field(
        None,
        description="An unnamed speaker's organisation, when the description names one "
        '("a senior State Department official").',
    )
    cue: str | None = Field(description="The verb that attributes it.", examples=["said"])
    said_value: str | None = Field(description="When it was said, as a TIMEX3 value.")
    said_start: dt.date | None
    said_end: dt.date | None
    article: ArticleRefOut
    sentence_index: int | None

    def paths(self) -> tuple[str, str]:
        return f"/quotes/{self.id}", f"{API}/quotes/{self.id}"


class EntityOut(Linked):
    id: int
    slug: str
    name: str
    kind: EntityKind
    description: str | None = Field(
        description="What the text calls it.", examples=["NATO Secretary-General"]
    )
    mention_count: int
    article_count: int
    quote_count: int
    event_count: int
    first_seen: dt.date | None
    last_seen: dt.date | None

    def paths(self) -> tuple[str, str]:
        return f"/entities/{self.slug}", f"{API}/entities/{self.slug}"


class ArticleOut(Linked):
    id: int
    title: str
    dek: str | None
    source: str | None
    source_slug: str | None
    url: str | None = Field(description="Where the article was published (the original, not ours).")
    authors: list[str]
    article_type: str | None
    published: dt.date | None
    event_count: int
    quote_count: int
    language: str

    def paths(self) -> tuple[str, str]:
        return f"/articles/{self.id}", f"{API}/articles/{self.id}"


class CountedEntityOut(Schema):
    entity: EntityRefOut
    count: int


class PeriodOut(Schema):
    label: str = Field(examples=["2024-07"])
    start: dt.date
    end: dt.date
    count: int


# --- lists ---------------------------------------------------------------------------------

T = TypeVar("T")


class PageLinks(Schema):
    self: str
    next: str | None
    prev: str | None


class ListPage(Schema, Generic[T]):
    """One page of a keyset-paged list. Follow `links.next` (also in the `Link` header) until
    it is null; `next`/`prev` are the bare cursors."""

    items: list[T]
    next: str | None = Field(description="Cursor of the following page, or null at the end.")
    prev: str | None = Field(description="Cursor of the preceding page, or null at the start.")
    links: PageLinks


Q_BOUNDED = (
    "True when `q` matched more events than a page reads (2,000). The first page newest first "
    "then comes from the newest 2,000 stored (an entity filter narrows those), and links on even "
    "when they hold less than a page; pages past a cursor, oldest first or within from/to read "
    "the first 2,000 of their own window in their own order (of an entity's matches, with an "
    "entity filter), so paging on reaches every match. The /timeline page's title says so too. "
    "Add words to narrow it."
)


class EventList(ListPage[EventOut]):
    q_bounded: bool = Field(False, description=Q_BOUNDED)


class QuoteList(ListPage[QuoteOut]):
    pass


class EntityList(ListPage[EntityOut]):
    pass


class ArticleList(ListPage[ArticleOut]):
    pass


# --- details -------------------------------------------------------------------------------


class EventDetailOut(Schema):
    event: EventOut = Field(description="With its participants and the sentence it came from.")
    related: list[EventOut] = Field(description="Other events of the same article, in date order.")


class QuoteDetailOut(Schema):
    quote: QuoteOut = Field(description="With its speaker.")
    paragraph: str = Field(description="The paragraph around the quote: its context.")
    highlight: Span = Field(description="Where the quote sits in `paragraph`.")
    more_by_speaker: list[QuoteOut]

    @model_validator(mode="before")
    @classmethod
    def _highlight(cls, data: Any) -> Any:
        if hasattr(data, "highlight") and isinstance(data.highlight, tuple):
            start, end = data.highlight
            return {
                "quote": data.quote,
                "paragraph": data.paragraph,
                "highlight": {"start": start, "end": end},
                "more_by_speaker": data.more_by_speaker,
            }
        return data


class EntityDetailOut(Schema):
    entity: EntityOut
    aliases: list[str] = Field(description="Other names it goes by in the articles.")
    mentions_by_month: list[PeriodOut] = Field(description="Every month from first to last mention.")
    mentions_by_week: list[PeriodOut] = Field(
        default_factory=list,
        description="Every ISO week from first to last mention, when those span at most four months"
        " (else empty: see mentions_by_month).",
    )
    co_mentioned: list[CountedEntityOut] = Field(description="Named in the same articles, most first.")
    articles: list[ArticleRefOut] = Field(description="Its latest articles.")
    recent_events: list[EventOut] = Field(description="Its latest events; all at `events_url`.")
    recent_quotes: list[QuoteOut] = Field(description="Its latest quotes as speaker; all at `quotes_url`.")
    events_url: str = Field(description="Its whole timeline, paged.")
    quotes_url: str = Field(description="All its quotes, paged.")


class SentenceSpanOut(Schema):
    index: int
    start: int
    end: int


class AnnotationOut(Schema):
    kind: str = Field(description="entity, timex or quote.", examples=["timex"])
    start: int
    end: int
    label: str = Field(description="Entity name, TIMEX3 value or speaker.")
    ref: str | int | None = Field(description="Entity slug or quote id.")
    detail: str | None = Field(description="The resolved date in words, or the entity kind.")


class ArticleDetailOut(Schema):
    article: ArticleOut
    body: str = Field(description="The clean text every offset points into.")
    bio: str | None
    origin: str | None = Field(description="Where it was read from: a URL, feed or file.")
    pipeline_version: str | None
    notes: list[str]
    sentences: list[SentenceSpanOut]
    annotations: list[AnnotationOut]
    entities: list[CountedEntityOut]
    events: list[EventOut]
    quotes: list[QuoteOut]


# --- site ----------------------------------------------------------------------------------


class SearchOut(Schema):
    q: str
    total: int
    events: list[EventOut]
    quotes: list[QuoteOut]
    entities: list[EntityOut]
    articles: list[ArticleOut]


class SourceOut(Schema):
    slug: str
    name: str
    article_count: int


class StatsOut(Schema):
    articles: int
    events: int
    entities: int
    quotes: int
    sources: int
    first_article: dt.date | None
    last_article: dt.date | None
    last_ingest: dt.datetime | None = Field(description="When the newest article was stored (UTC).")
    source_list: list[SourceOut] = Field(description="Every publication, by name.")


class OverviewOut(Schema):
    stats: StatsOut
    period_start: dt.date | None = Field(description="Start of the 30 days `top_entities` counts.")
    latest_events: list[EventOut]
    upcoming_events: list[EventOut] = Field(description="Expected after the newest article's date.")
    top_entities: list[CountedEntityOut]
    latest_quotes: list[QuoteOut]


class DensityOut(Schema):
    bucket: Literal["day", "month", "year"] = Field(description="What one period spans.")
    periods: list[PeriodOut] = Field(description="Periods with events only, oldest first.")
