"""The query parameters of the API, declared once with their OpenAPI documentation and turned
into the query layer's filters by the same helpers the pages use (app/store/queries/filters.py).

The dependencies are `async def` on purpose: they only parse, and FastAPI would run a plain
`def` dependency in the thread pool; each request then costs one thread hop, its endpoint.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Literal, TypeVar

from annotated_types import MaxLen
from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session

from app.config import Settings
from app.domain import EntityKind, EventKind, EventStatus, QuoteKind
from app.store.queries import filters
from app.store.queries.articles import ArticleFilter
from app.store.queries.common import clamp_limit
from app.store.queries.entities import EntityFilter
from app.store.queries.events import EventFilter, Order
from app.store.queries.quotes import QuoteFilter

DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
MAX_ID = filters.MAX_ID
# As the pages allow (app/web/params.py): no reader builds a longer filter, and each entity
# of an entity filter is one more subquery.
MAX_VALUES = 20
MAX_TEXT = 500

T = TypeVar("T")
Few = Annotated[list[T], MaxLen(MAX_VALUES)]  # a repeatable parameter, given at most MAX_VALUES times

Q = Annotated[
    str | None,
    Query(
        description="Words to look for (full text, stemmed; every word must match, the last one "
        "also as a prefix).",
        examples=["air defense"],
        max_length=MAX_TEXT,
    ),
]
From = Annotated[
    str | None,
    Query(
        alias="from",
        pattern=DATE_PATTERN,
        description="From this date on: YYYY-MM-DD, or YYYY-MM / YYYY for the first day of that "
        "month or year; years 0001 to 9998.",
        examples=["2024-07"],
    ),
]
To = Annotated[
    str | None,
    Query(
        alias="to",
        pattern=DATE_PATTERN,
        description="Up to this date, inclusive: YYYY-MM-DD, or YYYY-MM / YYYY for the last day "
        "of that month or year; years 0001 to 9998.",
        examples=["2024-07-31"],
    ),
]
AsOf = Annotated[
    str | None,
    Query(
        alias="as_of",
        pattern=DATE_PATTERN,
        description="Only what had been stored by the end of this day (UTC): a citation's frozen "
        "view. YYYY-MM-DD, or YYYY-MM / YYYY for the last day of that month or year.",
        examples=["2024-07-31"],
    ),
]
Limit = Annotated[
    int | None,
    Query(
        ge=1,
        description="Items per page: 50 unless given; larger values are capped at the server's "
        "DATELINE_API_MAX_LIMIT (500 unless configured).",
        examples=[20],
    ),
]
CursorParam = Annotated[
    str | None,
    Query(
        description="Opaque: a `next` or `prev` value from an earlier page of the same list.",
        examples=["bmV4dHwyMDI0LTA3LTAxfDgxMg"],
    ),
]


async def api_settings(request: Request) -> Settings:
    return request.app.state.settings


async def read_session(request: Request) -> AsyncIterator[Session]:
    """A session for one request, made and closed on the event loop rather than in a thread
    of its own: making one is free (it takes a connection on first use, inside the endpoint's
    thread) and closing one hands the connection back to the pool. Each thread hop saved is
    latency saved under load."""
    session = request.app.state.db.sessions()
    try:
        yield session
    finally:
        session.close()


SettingsDep = Annotated[Settings, Depends(api_settings)]
SessionDep = Annotated[Session, Depends(read_session)]


@dataclass(frozen=True)
class Paging:
    limit: int
    cursor: str | None


async def paging(settings: SettingsDep, limit: Limit = None, cursor: CursorParam = None) -> Paging:
    return Paging(
        limit=clamp_limit(limit, settings.page_size, settings.api_max_limit),
        cursor=filters.cursor(cursor),
    )


async def event_query(
    q: Q = None,
    entity: Annotated[
        Few[str] | None,
        Query(
            description="An entity slug (see /api/v1/entities); repeat for events that involve all of them."
            " A name works too ('Joe Biden', 'biden'): the name or an alias whole first, then the"
            " start of one, most-mentioned first.",
            examples=[["joe-biden"]],
        ),
    ] = None,
    kind: Annotated[
        Few[EventKind] | None,
        Query(description="What kind of event; repeat for any of several."),
    ] = None,
    source: Annotated[
        Few[str] | None,
        Query(
            description="A publication's slug (see /api/v1/stats); repeat for any of several.",
        ),
    ] = None,
    status: Annotated[
        Few[EventStatus] | None,
        Query(description="happened, ongoing or expected; repeat for any of several."),
    ] = None,
    date_from: From = None,
    date_to: To = None,
    order: Annotated[Order, Query(description="newest or oldest first, by start date.")] = Order.NEWEST,
    as_of: AsOf = None,
) -> EventFilter:
    """Events whose date range meets [from, to]."""
    return filters.event_filter(
        q=q,
        entity=entity,
        kind=kind,
        source=source,
        status=status,
        date_from=date_from,
        date_to=date_to,
        order=order,
        as_of_date=as_of,
    )


async def quote_query(
    q: Q = None,
    speaker: Annotated[
        Few[str] | None,
        Query(
            description="The speaker's entity slug; repeat for any of several."
            " A name works too ('Joe Biden', 'biden'): the name or an alias whole first, then the"
            " start of one, most-mentioned first.",
            examples=[["joe-biden"]],
        ),
    ] = None,
    kind: Annotated[
        Few[QuoteKind] | None,
        Query(
            description="direct, partial, remarks (a speaker's turn in a transcript), question (a "
            "reporter's, in a transcript) or indirect; direct, partial and remarks unless given."
        ),
    ] = None,
    date_from: From = None,
    date_to: To = None,
    as_of: AsOf = None,
    attributed: Annotated[
        bool,
        Query(
            description="Only quotes whose speaker the text names or describes ('a senior State"
            " Department official'): none pinned on no one, no reporters' questions."
        ),
    ] = False,
) -> QuoteFilter:
    """Quotes said within [from, to]."""
    return filters.quote_filter(
        q=q,
        speaker=speaker,
        kind=kind,
        date_from=date_from,
        date_to=date_to,
        as_of_date=as_of,
        attributed=attributed,
    )


async def entity_query(
    q: Q = None, kind: Annotated[EntityKind | None, Query(description="What kind of entity.")] = None
) -> EntityFilter:
    return filters.entity_filter(q=q, kind=kind)


async def article_query(
    q: Q = None,
    source: Annotated[
        str | None, Query(description="A publication's slug.", examples=["the-white-house"])
    ] = None,
    entity: Annotated[str | None, Query(description="Articles naming this entity: its slug or name.")] = None,
    date_from: From = None,
    date_to: To = None,
    as_of: AsOf = None,
) -> ArticleFilter:
    """Articles published within [from, to]."""
    return filters.article_filter(
        q=q, source=source, entity=entity, date_from=date_from, date_to=date_to, as_of_date=as_of
    )


SearchKind = Literal["event", "quote", "entity", "article"]

PagingDep = Annotated[Paging, Depends(paging)]
EventFilterDep = Annotated[EventFilter, Depends(event_query)]
QuoteFilterDep = Annotated[QuoteFilter, Depends(quote_query)]
EntityFilterDep = Annotated[EntityFilter, Depends(entity_query)]
ArticleFilterDep = Annotated[ArticleFilter, Depends(article_query)]

ItemId = Annotated[int, Path(ge=1, le=MAX_ID, description="The item's id.", examples=[812])]
Slug = Annotated[str, Path(description="The entity's slug.", examples=["joe-biden"])]
