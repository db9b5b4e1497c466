"""Small view values several pages share: highlighted text, pagers, filter chips, options."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.formatting import day


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool = False


def highlight(text: str, spans: Iterable[tuple[int, int]]) -> tuple[Segment, ...]:
    """`text` cut into plain and marked segments; spans outside the text or overlapping an
    earlier one are dropped rather than trusted."""
    segments: list[Segment] = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], marked=True))
        position = end
    if position < len(text) or not segments:
        segments.append(Segment(text[position:]))
    return tuple(segments)


@dataclass(frozen=True)
class Pager:
    """Links to the neighbouring pages of a keyset-paged list, by time: `earlier` and `later`
    whatever the list's order, so the labels read the same on every page."""

    earlier: str | None = None
    later: str | None = None
    newest_first: bool = True

    @property
    def any(self) -> bool:
        return bool(self.earlier or self.later)


def pager(next_url: str | None, prev_url: str | None, newest_first: bool = True) -> Pager:
    """From a list's next/prev links: in a newest-first list "next" goes back in time."""
    if newest_first:
        return Pager(earlier=next_url, later=prev_url, newest_first=True)
    return Pager(earlier=prev_url, later=next_url, newest_first=False)


@dataclass(frozen=True)
class Chip:
    """An active filter, with the link that removes it."""

    label: str
    remove_url: str


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    selected: bool = False


def options(values: Sequence[tuple[str, str]], selected: Iterable[str] = ()) -> tuple[Option, ...]:
    chosen = set(selected)
    return tuple(Option(value, label, value in chosen) for value, label in values)


def shorten(text: str, limit: int = 90) -> str:
    """At most `limit` characters, cut at a word, for titles and descriptions."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def readable_date_param(text: str) -> str:
    """A date filter as written (2024, 2024-07, 2024-07-08), read at its own precision."""
    try:
        if len(text) == 4:
            return text
        if len(text) == 7:
            return f"{dt.date(int(text[:4]), int(text[5:]), 1):%B %Y}"
        return day(dt.date.fromisoformat(text))
    except ValueError:
        return text
