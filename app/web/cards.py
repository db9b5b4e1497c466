"""Events and quotes as the pages show them: the query layer's items plus what a template
would otherwise compute (readable dates, the source sentence cut into highlighted segments)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.formatting import date_range
from app.store.queries.quotes import QuoteContext
from app.store.queries.views import EventItem, QuoteItem
from app.web.parts import Segment, highlight

_WEEK = re.compile(r"^\d{4}-W\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class EventCard:
    event: EventItem
    when: str  # "week of July 8, 2024"
    sentence: tuple[Segment, ...]  # the source sentence, its date phrase marked
    upcoming: bool = False  # expected, and still ahead of the collection's present

    @property
    def badge(self) -> str | None:
        """ "upcoming" for what is still ahead; "expected" for what its article expected but
        whose date the collection has since passed; "ongoing"."""
        if self.upcoming:
            return "upcoming"
        return self.event.status if self.event.status in ("expected", "ongoing") else None


@dataclass(frozen=True)
class QuoteCard:
    quote: QuoteItem
    when: str  # when it was said, at its precision
    context: tuple[Segment, ...] = ()  # the sentence around it, the quote marked (context_line)


def when(start: dt.date, end: dt.date, granularity: str | None, value: str = "") -> str:
    """A date range at its precision, also when it spans several years or months
    ("2009–2013", "June – July 2024"), which a single-period formatter would cut short."""
    if granularity == "year" and end.year != start.year:
        return f"{start.year}–{end.year}"
    if granularity == "month" and (start.year, start.month) != (end.year, end.month):
        if start.year == end.year:
            return f"{start:%B} – {end:%B %Y}"
        return f"{start:%B %Y} – {end:%B %Y}"
    return date_range(start, end, granularity, value)


def event_when(event: EventItem) -> str:
    return when(event.start_date, event.end_date, event.granularity, event.value)


def event_card(event: EventItem, present: dt.date | None = None) -> EventCard:
    """`present` is the collection's present (its newest article's day): an expected event
    ending after it is upcoming. Without one, every expected event is."""
    sentence = highlight(event.sentence.text, event.sentence.highlights) if event.sentence else ()
    upcoming = event.status == "expected" and (present is None or event.end_date > present)
    return EventCard(event, event_when(event), sentence, upcoming)


def event_cards(events: Iterable[EventItem], present: dt.date | None = None) -> tuple[EventCard, ...]:
    return tuple(event_card(e, present) for e in events)


def granularity_of(value: str | None, start: dt.date | None, end: dt.date | None) -> str:
    """The precision a TIMEX3 value states ("2024-W28" a week, "2024-06" a month)."""
    value = value or ""
    if _WEEK.match(value):
        return "week"
    if _MONTH.match(value):
        return "month"
    if _YEAR.match(value):
        return "year"
    return "day" if start == end else ""


def said_when(quote: QuoteItem) -> str:
    """When the words were said, or "" when the text does not say ("Kennedy once said"): the
    card then gives the date of the article that quotes them."""
    if quote.said_start is None or quote.said_value is None:
        return ""
    granularity = granularity_of(quote.said_value, quote.said_start, quote.said_end)
    return date_range(quote.said_start, quote.said_end, granularity or None, quote.said_value or "")


def quote_cards(
    quotes: Iterable[QuoteItem], contexts: Mapping[int, QuoteContext] | None = None
) -> tuple[QuoteCard, ...]:
    """`contexts` (store.queries.quotes.quote_contexts) give each card its context line."""
    contexts = contexts or {}
    return tuple(QuoteCard(q, said_when(q), context_line(contexts.get(q.id))) for q in quotes)


CONTEXT_SIDE = 140  # characters of the sentence kept either side of the quote
CONTEXT_QUOTE = 60  # a longer quote is shown by its start and end: the card holds it whole


def context_line(context: QuoteContext | None) -> tuple[Segment, ...]:
    """The sentence around a quote on one line: the words before and after it (who said it,
    how, to whom), the quote marked and cut short; nothing when the sentence is the quote
    alone."""
    if context is None:
        return ()
    start, end = context.quote
    before, after = _squeezed(context.text[:start]), _squeezed(context.text[end:])
    if len(_WORD.findall(before + " " + after)) < 2:
        return ()
    quoted = " ".join(context.text[start:end].split())
    if len(quoted) > CONTEXT_QUOTE:
        head = quoted[: CONTEXT_QUOTE - 20].rsplit(" ", 1)[0]
        tail = quoted[-16:].split(" ", 1)[-1]
        quoted = f"{head} … {tail}"
    if len(before) > CONTEXT_SIDE:
        before = "… " + before[-CONTEXT_SIDE:].split(" ", 1)[-1]
    if len(after) > CONTEXT_SIDE:
        after = after[:CONTEXT_SIDE].rsplit(" ", 1)[0] + " …"
    parts = [Segment(before.lstrip()), Segment(quoted, marked=True), Segment(after.rstrip())]
    return tuple(p for p in parts if p.text)


def _squeezed(text: str) -> str:
    """Runs of white space as one space, kept at either end (where it meets the quote)."""
    return re.sub(r"\s+", " ", text)
