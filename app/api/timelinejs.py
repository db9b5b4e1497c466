"""TimelineJS3 JSON: a filtered timeline in the shape Knight Lab's TimelineJS reads, so a
newsroom embeds it with `new TL.Timeline('timeline', '<this URL>')`.

Dates go only as deep as the event's precision (a month-level event has no day); texts are
HTML-escaped because TimelineJS renders them as HTML.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from pydantic import BaseModel, Field

from app.formatting import date_range
from app.store.queries.views import EventItem

# How deep a date goes, by the event's granularity.
_DAY_DEEP = {"time", "day", "week"}
_MONTH_DEEP = {"month", "quarter", "season", "half"}


class TLDate(BaseModel):
    year: int
    month: int | None = Field(None, ge=1, le=12)
    day: int | None = Field(None, ge=1, le=31)
    hour: int | None = Field(None, ge=0, le=23)
    minute: int | None = Field(None, ge=0, le=59)
    display_date: str | None = None


class TLText(BaseModel):
    headline: str
    text: str


class TLSlide(BaseModel):
    unique_id: str
    start_date: TLDate
    end_date: TLDate | None = None
    display_date: str
    text: TLText
    group: str = Field(description="The event kind: TimelineJS puts each group on its own row.")


class TLTitle(BaseModel):
    text: TLText


class TimelineJSOut(BaseModel):
    """TimelineJS3's JSON format."""

    title: TLTitle
    events: list[TLSlide]
    scale: str = "human"


def _time(value: str) -> tuple[int, int] | None:
    if len(value) >= 16 and value[10] == "T" and value[11:13].isdigit() and value[14:16].isdigit():
        return int(value[11:13]), int(value[14:16])
    return None


def _date(event: EventItem, which: str) -> TLDate:
    day = event.start_date if which == "start" else event.end_date
    if event.granularity in _DAY_DEEP:
        date = TLDate(year=day.year, month=day.month, day=day.day)
        clock = _time(event.value) if event.granularity == "time" and which == "start" else None
        if clock and 0 <= clock[0] <= 23 and 0 <= clock[1] <= 59:
            date.hour, date.minute = clock
        return date
    if event.granularity in _MONTH_DEEP:
        return TLDate(year=day.year, month=day.month)
    return TLDate(year=day.year)


def slide(event: EventItem, base: str) -> TLSlide:
    text = []
    if event.sentence is not None:
        text.append(f"<p>{html.escape(event.sentence.text)}</p>")
    names = list(dict.fromkeys(p.entity.name for p in event.participants))
    if names:
        text.append(f"<p>With {html.escape(', '.join(names))}.</p>")
    source = html.escape(", ".join(x for x in (event.article.source, event.article.title) if x))
    if event.article.url:
        source = f'<a href="{html.escape(event.article.url)}">{source}</a>'
    text.append(f'<p>From {source} · <a href="{base}{event.page_path}">on Dateline</a></p>')
    return TLSlide(
        unique_id=event.uid,
        start_date=_date(event, "start"),
        end_date=_date(event, "end") if event.end_date != event.start_date else None,
        display_date=date_range(event.start_date, event.end_date, event.granularity, event.value),
        text=TLText(headline=html.escape(event.summary), text="".join(text)),
        group=event.kind,
    )


def timeline(events: Sequence[EventItem], base: str, headline: str, intro: str) -> TimelineJSOut:
    return TimelineJSOut(
        title=TLTitle(text=TLText(headline=html.escape(headline), text=f"<p>{html.escape(intro)}</p>")),
        events=[slide(e, base) for e in events],
    )
