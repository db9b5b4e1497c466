"""iCalendar (RFC 5545) for events that name a day or a time of day, streamed one VEVENT at a
time. The `icalendar` package writes each component, so escaping (§3.3.11) and line folding
at 75 octets (§3.1) follow the RFC.

Days are all-day events (DTSTART;VALUE=DATE with an exclusive DTEND, §3.6.1); a time of day
is a floating local time (§3.3.5: the article gives no zone) with no duration. Expected
events are TENTATIVE, the others CONFIRMED. Weeks, months and vaguer dates are left out: a
calendar has no honest way to show "next month".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from icalendar import Calendar
from icalendar import Event as VEvent

from app.store.queries.views import EventItem

PRODID = "-//Dateline//Dateline events//EN"
CALENDAR_GRANULARITIES = frozenset({"day", "time"})
# TIMEX3 times: 2024-07-01T14:30, 2024-07-01T14:30:00 (part-of-day values like T MO are not times)
_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?")


def in_calendar(event: EventItem) -> bool:
    return event.granularity in CALENDAR_GRANULARITIES


def _time_of(event: EventItem) -> dt.datetime | None:
    match = _TIME.match(event.value)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def vevent(event: EventItem, base: str, stamp: dt.datetime) -> VEvent:
    host = urlsplit(base).hostname or "dateline"
    component = VEvent()
    component.add("uid", f"{event.uid}@{host}")
    component.add("dtstamp", stamp)
    moment = _time_of(event) if event.granularity == "time" else None
    if moment is not None:
        component.add("dtstart", moment)
    else:
        component.add("dtstart", event.start_date)
        component.add("dtend", event.end_date + dt.timedelta(days=1))  # DTEND is exclusive
    component.add("summary", event.summary)
    component.add("description", _description(event))
    component.add("url", f"{base}{event.page_path}")
    component.add("status", "TENTATIVE" if event.status == "expected" else "CONFIRMED")
    component.add("categories", [event.kind])
    return component


def _description(event: EventItem) -> str:
    parts = []
    if event.sentence is not None:
        parts.append(event.sentence.text)
    if event.participants:
        parts.append("With: " + ", ".join(dict.fromkeys(p.entity.name for p in event.participants)))
    source = ", ".join(x for x in (event.article.source, _day(event.article.published)) if x)
    parts.append(f"From: {event.article.title}" + (f" ({source})" if source else ""))
    if event.article.url:
        parts.append(event.article.url)
    return "\n\n".join(parts)


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def calendar_head(name: str, description: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)  # RFC 7986
    calendar.add("x-wr-calname", name)  # what most clients still read
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", description)
    calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")  # Outlook's refresh hint
    text = calendar.to_ical()
    return text[: text.rindex(b"END:VCALENDAR")]


def stream_calendar(
    events: Iterable[EventItem], base: str, stamp: dt.datetime, name: str, description: str
) -> Iterator[bytes]:
    yield calendar_head(name, description)
    for event in events:
        if in_calendar(event):
            yield vevent(event, base, stamp).to_ical()
    yield b"END:VCALENDAR\r\n"
