"""The "export and cite" box of a timeline, entity or quote page: the files and feeds of what
the page shows (its filters applied), the API URL of the same data, and a citation whose
permalink is frozen to the data as of today (`as_of`, app/store/queries/as_of.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.web import urls

Filters = Mapping[str, str | Iterable[str] | None]


@dataclass(frozen=True)
class ExportLink:
    label: str
    url: str
    kind: str  # csv, ics, atom, timelinejs, json: what the link gives


@dataclass(frozen=True)
class ExportBox:
    links: tuple[ExportLink, ...]
    api_url: str
    permalink: str  # path and query, frozen as of `as_of`
    as_of: dt.date
    citation_title: str


def event_exports(filters: Filters, stories: bool, title: str, permalink: str, today: dt.date) -> ExportBox:
    """A timeline's exports: `filters` as the page and the API both name them."""
    grouped = {**filters, "group": "story"} if stories else dict(filters)
    links = (
        ExportLink("CSV", urls.events_export("csv", **grouped), "csv"),
        ExportLink("iCalendar", urls.events_export("ics", **grouped), "ics"),
        ExportLink("Atom feed", urls.events_export("atom", **grouped), "atom"),
        ExportLink("TimelineJS", urls.events_export("timelinejs", **grouped), "timelinejs"),
    )
    api = urls.api_stories(**filters) if stories else urls.api_events(**filters)
    return ExportBox(links, api, permalink, today, title)


def quote_exports(filters: Filters, title: str, permalink: str, today: dt.date) -> ExportBox:
    links = (
        ExportLink("CSV", urls.quotes_export("csv", **filters), "csv"),
        ExportLink("Atom feed", urls.quotes_export("atom", **filters), "atom"),
    )
    return ExportBox(links, urls.api_quotes(**filters), permalink, today, title)
