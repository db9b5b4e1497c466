"""Dates in readable form, at their own precision: "June 27, 2024", "week of July 8, 2024",
"June 2024", "Q3 2024", "2024", "the 1990s"."""

from __future__ import annotations

import datetime as dt
import re

_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}


def day(d: dt.date | None) -> str:
    return f"{d:%B} {d.day}, {d.year}" if d else ""


def short_day(d: dt.date | None) -> str:
    return f"{d:%b} {d.day}, {d.year}" if d else ""


def date_range(start: dt.date | None, end: dt.date | None, granularity: str | None, value: str = "") -> str:
    """A range as a reader says it, by granularity (day, week, month, quarter, year, decade...)."""
    if start is None:
        return value or "undated"
    end = end or start
    match granularity:
        case "time" | "day" | None if start == end:
            return day(start)
        case "week":
            monday = start - dt.timedelta(days=start.weekday())
            return f"week of {day(monday)}"
        case "month":
            return f"{start:%B %Y}"
        case "quarter":
            return f"Q{(start.month - 1) // 3 + 1} {start.year}"
        case "half":
            return f"{'first' if start.month <= 6 else 'second'} half of {start.year}"
        case "season":
            season = _SEASONS.get(value[-2:], "season")
            return f"{season} {start.year}"
        case "year":
            return str(start.year)
        case "decade":
            return f"the {start.year // 10 * 10}s"
        case "century":
            return f"the {start.year // 100 + 1}th century"
    if start.year == end.year and start.month == end.month:
        return f"{start:%B} {start.day}–{end.day}, {start.year}"
    if start.year == end.year:
        return f"{start:%B} {start.day} – {end:%B} {end.day}, {start.year}"
    return f"{day(start)} – {day(end)}"


_EMPHASIS = re.compile(r"\*\*|__(?=\w)|(?<=\w)__")


def without_markdown(text: str) -> str:
    """Text with Markdown's bold markers dropped ("**A Stronger Economy:** …" reads "A Stronger
    Economy: …"): some sources leave them in their text, and a reader should not see them."""
    return _EMPHASIS.sub("", text) if "**" in text or "__" in text else text
