"""Filters from raw query strings, shared by the pages and the JSON API so that one URL means
one filter on both.

Raw strings in (as a browser or client sent them: blank means absent, lists for repeatable
parameters), the query layer's filter values out. Every problem raises BadRequest naming the
parameter, so a page shows it and the API answers RFC 9457 problem+json with `errors[].param`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Protocol

from app.domain import EntityKind, EventKind, EventStatus, QuoteKind
from app.errors import BadRequest
from app.store.queries.articles import ArticleFilter
from app.store.queries.common import Cursor, parse_date, parse_end_date
from app.store.queries.entities import EntityFilter
from app.store.queries.events import EventFilter, Order
from app.store.queries.quotes import QUOTE_KINDS, QuoteFilter

# Ids are 32-bit integers on PostgreSQL (bound as ::INTEGER), so a larger id in a cursor
# would fail in the database rather than match nothing.
MAX_ID = 2**31 - 1

Raw = str | None
RawList = Sequence[str] | str | None


class MultiParams(Protocol):
    """What Starlette's QueryParams (and a MultiDict) offer."""

    def get(self, key: str, default: str | None = None) -> str | None: ...

    def getlist(self, key: str) -> list[str]: ...


def text(value: Raw, param: str) -> str | None:
    """A free-text value: stripped, None when blank. NUL is refused because PostgreSQL cannot
    take it in a string and no word holds it."""
    if value is None:
        return None
    if "\x00" in value:
        raise BadRequest(f"{param} must not contain NUL characters", param, value)
    stripped = value.strip()
    return stripped or None


def values(raw: RawList, param: str) -> tuple[str, ...]:
    """A repeatable parameter: each value stripped, blanks dropped, duplicates dropped in order."""
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else raw
    cleaned = (text(item, param) for item in items)
    return tuple(dict.fromkeys(v for v in cleaned if v))


def one_of(value: Raw, param: str, allowed: Iterable[str]) -> str | None:
    choice = text(value, param)
    options = list(allowed)
    if choice is not None and choice not in options:
        raise BadRequest(f"{param} {choice!r} is not one of {', '.join(options)}", param, choice)
    return choice


def all_of(raw: RawList, param: str, allowed: Iterable[str]) -> tuple[str, ...]:
    options = list(allowed)
    chosen = values(raw, param)
    for choice in chosen:
        if choice not in options:
            raise BadRequest(f"{param} {choice!r} is not one of {', '.join(options)}", param, choice)
    return chosen


FLAG_VALUES = {
    "1": True,
    "true": True,
    "yes": True,
    "on": True,
    "0": False,
    "false": False,
    "no": False,
    "off": False,
}


def flag(value: Raw | bool, param: str) -> bool:
    """A yes/no parameter: 1, true, yes or on (a checked box); blank or absent is no."""
    if isinstance(value, bool):
        return value
    choice = text(value, param)
    if choice is None:
        return False
    if choice.lower() not in FLAG_VALUES:
        raise BadRequest(
            f"{param} {choice!r} is not one of 1, true, yes, on, 0, false, no, off", param, choice
        )
    return FLAG_VALUES[choice.lower()]


def date_range(date_from: Raw, date_to: Raw) -> tuple[dt.date | None, dt.date | None]:
    """`from` is the first day it names, `to` the last (so to=2024-07 takes in July 31)."""
    start = parse_date(text(date_from, "from"), "from")
    end = parse_end_date(text(date_to, "to"), "to")
    if start and end and start > end:
        raise BadRequest(f"from ({start}) is after to ({end})", "from", str(start))
    return start, end


def as_of(value: Raw) -> dt.date | None:
    """`as_of`: the data as stored by the end of that day (a month or year: its last day)."""
    return parse_end_date(text(value, "as_of"), "as_of")


def cursor(token: Raw, param: str = "cursor") -> str | None:
    """A cursor this site issued, checked before any query: its id must fit the database."""
    token = text(token, param)
    if token is None:
        return None
    decoded = Cursor.decode(token, param)
    if not 0 <= decoded.id <= MAX_ID:
        raise BadRequest(f"{param} {token!r} is not a cursor this site issued", param, token)
    if _out_of_range(decoded.key) or any(ch < " " for ch in decoded.key):
        raise BadRequest(f"{param} {token!r} is not a cursor this site issued", param, token)
    return token


def _out_of_range(key: str) -> bool:
    """A count key ("+99999999999999999999" too, which int() takes) that no 32-bit column holds."""
    try:
        return abs(int(key)) > MAX_ID
    except ValueError:
        return False


def event_filter(
    *,
    q: Raw = None,
    entity: RawList = None,
    kind: RawList = None,
    source: RawList = None,
    status: RawList = None,
    date_from: Raw = None,
    date_to: Raw = None,
    order: Raw = None,
    as_of_date: Raw = None,
) -> EventFilter:
    start, end = date_range(date_from, date_to)
    return EventFilter(
        q=text(q, "q"),
        entities=values(entity, "entity"),
        kinds=all_of(kind, "kind", EventKind),
        sources=values(source, "source"),
        statuses=all_of(status, "status", EventStatus),
        date_from=start,
        date_to=end,
        order=Order(one_of(order, "order", Order) or Order.NEWEST),
        as_of=as_of(as_of_date),
    )


def quote_filter(
    *,
    q: Raw = None,
    speaker: RawList = None,
    kind: RawList = None,
    date_from: Raw = None,
    date_to: Raw = None,
    as_of_date: Raw = None,
    attributed: Raw | bool = None,
) -> QuoteFilter:
    """Without `kind`, direct and partial quotes and transcript remarks (what a reader means by a
    quote)."""
    start, end = date_range(date_from, date_to)
    return QuoteFilter(
        speakers=values(speaker, "speaker"),
        q=text(q, "q"),
        date_from=start,
        date_to=end,
        kinds=all_of(kind, "kind", QuoteKind) or QUOTE_KINDS,
        as_of=as_of(as_of_date),
        attributed=flag(attributed, "attributed"),
    )


def entity_filter(*, q: Raw = None, kind: Raw = None) -> EntityFilter:
    return EntityFilter(kind=one_of(kind, "kind", EntityKind), q=text(q, "q"))


def article_filter(
    *,
    q: Raw = None,
    source: Raw = None,
    entity: Raw = None,
    date_from: Raw = None,
    date_to: Raw = None,
    as_of_date: Raw = None,
    article_type: Raw = None,
) -> ArticleFilter:
    start, end = date_range(date_from, date_to)
    return ArticleFilter(
        source=text(source, "source"),
        q=text(q, "q"),
        date_from=start,
        date_to=end,
        entity=text(entity, "entity"),
        as_of=as_of(as_of_date),
        article_type=text(article_type, "type"),
    )


# --- straight from a request's query string (what a page route has) ---------------------------


def event_filter_from(params: MultiParams) -> EventFilter:
    return event_filter(
        q=params.get("q"),
        entity=params.getlist("entity"),
        kind=params.getlist("kind"),
        source=params.getlist("source"),
        status=params.getlist("status"),
        date_from=params.get("from"),
        date_to=params.get("to"),
        order=params.get("order"),
        as_of_date=params.get("as_of"),
    )


def quote_filter_from(params: MultiParams) -> QuoteFilter:
    return quote_filter(
        q=params.get("q"),
        speaker=params.getlist("speaker"),
        kind=params.getlist("kind"),
        date_from=params.get("from"),
        date_to=params.get("to"),
        as_of_date=params.get("as_of"),
        attributed=params.get("attributed"),
    )


def entity_filter_from(params: MultiParams) -> EntityFilter:
    return entity_filter(q=params.get("q"), kind=params.get("kind"))


def article_filter_from(params: MultiParams) -> ArticleFilter:
    return article_filter(
        q=params.get("q"),
        source=params.get("source"),
        entity=params.get("entity"),
        date_from=params.get("from"),
        date_to=params.get("to"),
        as_of_date=params.get("as_of"),
        article_type=params.get("type"),
    )


__all__ = [
    "MultiParams",
    "article_filter",
    "article_filter_from",
    "cursor",
    "date_range",
    "entity_filter",
    "entity_filter_from",
    "event_filter",
    "event_filter_from",
    "quote_filter",
    "quote_filter_from",
    "text",
    "values",
]
