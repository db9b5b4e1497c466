"""A countdown: "We have an election coming up in eight days", "the rule takes effect in 30
days". The time expression is a duration ("eight days", P8D), but "in" before it counts the
duration from the publication date to a point ahead, which dates the happening. Whether the
clause looks ahead (not "he built it in eight days") is for the caller to check; a record "in 30
years" ("the fastest growth in 30 years", "the first time in two decades") looks back over them
and counts to nothing (`a_record_over`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Token

from app.domain import Granularity, Timex, TimexType

_AMOUNT = re.compile(r"P(\d+)([DWMY])")
_IN_BEFORE = re.compile(r"\b(?:in|within)\s+(?:just\s+|only\s+|another\s+)?$", re.IGNORECASE)


# A duration counted from something else than the document's day; counted from the order the
# document announces, it still counts from today ("within five days of the Executive Order").
_COUNTED_FROM_ELSEWHERE = re.compile(
    r"\s+(?:of|after|following|from)\s+(?!(?:the\s+)?(?:date\s+of\s+)?(?:this|the|its)\s+"
    r"(?:executive\s+)?(?:order|memorandum|proclamation|establishment|signing)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Countdown:
    value: str
    start: dt.date
    end: dt.date
    granularity: Granularity


def countdown(text: str, timex: Timex, published: dt.date | None) -> Countdown | None:
    """The point `timex` ("in eight days") reaches from `published`, at the unit's precision:
    a day for days, an ISO week for weeks, a month for months, a year for years."""
    if published is None or timex.type is not TimexType.DURATION:
        return None
    m = _AMOUNT.fullmatch(timex.value)
    if m is None or not _IN_BEFORE.search(text, max(0, timex.start - 20), timex.start):
        return None
    if _COUNTED_FROM_ELSEWHERE.match(text, timex.end):
        return None  # "updated within 120 days of the final National Transit Survey": not from today
    amount, unit = int(m[1]), m[2]
    if unit == "D":
        day = published + dt.timedelta(days=amount)
        return Countdown(day.isoformat(), day, day, Granularity.DAY)
    if unit == "W":
        day = published + dt.timedelta(weeks=amount)
        year, week, _ = day.isocalendar()
        monday = day - dt.timedelta(days=day.weekday())
        return Countdown(f"{year}-W{week:02d}", monday, monday + dt.timedelta(days=6), Granularity.WEEK)
    if unit == "M":
        months = published.year * 12 + published.month - 1 + amount
        year, month = divmod(months, 12)
        month += 1
        last = calendar.monthrange(year, month)[1]
        return Countdown(
            f"{year}-{month:02d}", dt.date(year, month, 1), dt.date(year, month, last), Granularity.MONTH
        )
    year = published.year + amount
    return Countdown(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), Granularity.YEAR)


# Modifiers that make a noun a record over a stretch of time: "the lowest level in 50 years",
# "the longest stretch", "the first time", "a record high".
_SUPERLATIVE_TAGS = frozenset({"JJS", "RBS"})
_RECORD_WORDS = frozenset({"first", "record"})


def a_record_over(first: Token) -> bool:
    """Whether "in" before the duration whose first token is `first` ends a record: the noun it
    follows, or the noun it hangs on, is modified by a superlative ("the fastest growth rate in
    30 years", "its highest level in 40 years", wherever the parser hung the "in") or is "the
    first time" or "a record"."""
    doc, sent_start = first.doc, first.sent.start
    prep = next((t for t in reversed(doc[sent_start : first.i]) if t.lower_ == "in"), None)
    if prep is None or first.i - prep.i > 3:
        return False
    nouns = {prep.head} | ({doc[prep.i - 1]} if prep.i > sent_start else set())
    return any(
        noun.pos_ in ("NOUN", "PROPN")
        and any(c.tag_ in _SUPERLATIVE_TAGS or c.lower_ in _RECORD_WORDS for c in noun.children)
        for noun in nouns
    )
