"""Find temporal expressions in text: every rule's pattern is run over the text, the longest
non-overlapping matches win, and position modifiers ("early", "the end of") are attached."""

from __future__ import annotations

import datetime as dt
import logging
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace

from app.extract.temporal.fragments import POSITION_MODS
from app.extract.temporal.meanings import (
    CalendarDate,
    Decade,
    Direction,
    Holiday,
    PartOfYear,
    RelativePeriod,
    Shift,
    WeekdayDate,
)
from app.extract.temporal.resolve import Context, Resolution, resolve
from app.extract.temporal.rule import Reading, Rule, lowercase, rule
from app.extract.temporal.rules_amounts import AMOUNT_RULES
from app.extract.temporal.rules_calendar import CALENDAR_RULES
from app.extract.temporal.rules_clock import CLOCK_RULES
from app.extract.temporal.rules_relative import RELATIVE_RULES

log = logging.getLogger(__name__)


def _end_of_unit(m: re.Match[str]) -> Reading | None:
    unit = {"year": "Y", "month": "M", "week": "W", "quarter": "Q", "decade": "DE"}[m["unit"].lower()]
    mod = POSITION_MODS.get(m["pos"].lower())
    return Reading(RelativePeriod(unit, 0), mod=mod)


def _year_end(m: re.Match[str]) -> Reading | None:
    """ "year-end", "year's end": December 31 of the year the tense points to."""
    return Reading(CalendarDate(month=12, day=31))


_EXTRA_RULES: tuple[Rule, ...] = (
    rule(
        "end of the unit",
        r"\b(?:the\s+)?(?:very\s+)?(?P<pos>end|close|beginning|start|middle)\s+of\s+the\s+"
        r"(?P<unit>year|month|week|quarter|decade)\b(?!\s+(?:of|in|to|before|after)\b)",
        _end_of_unit,
        anchor=r"of the",
    ),
    rule("year end", r"\byear(?:[-\s]|'s\s+)end\b", _year_end, priority=6, anchor=r"year"),
)

RULES: tuple[Rule, ...] = CALENDAR_RULES + RELATIVE_RULES + AMOUNT_RULES + CLOCK_RULES + _EXTRA_RULES

# Readings that name a date a position modifier can narrow ("early next year", "mid-1996").
_POSITIONABLE = (CalendarDate, Holiday, RelativePeriod, PartOfYear, Decade, WeekdayDate, Shift)
_POSITION_BEFORE = re.compile(
    r"(?:\b(?:the\s+)?(?:very\s+)?(?P<pos>end|close|beginning|start|middle)\s+of\s+"
    r"|\b(?P<pre>early|late|earlier|later|mid|middle)(?:\s+|-)|\b(?P<mid>mid)-?)$",
    re.IGNORECASE,
)


_SIDE_WORDS = frozenset({"earlier", "later"})
_DEICTIC_DAYS = frozenset({"today", "tonight"})


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    reading: Reading
    rule: str


_REACH = 90  # characters a match may extend on either side of its anchor


def _windows(anchor: re.Pattern[str], lowered: str) -> list[tuple[int, int]]:
    """Stretches of `lowered` around hits of `anchor`, merged where they touch."""
    windows: list[tuple[int, int]] = []
    for m in anchor.finditer(lowered):
        start, end = max(0, m.start() - _REACH), min(len(lowered), m.end() + _REACH)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    priority: int
    rule: str
    parts: tuple[tuple[int, int, Reading], ...]  # usually one; "April 24 and 25" gives two


def scan(text: str) -> list[Candidate]:
    """All temporal expressions in `text`, in order, without overlaps: the longest match wins,
    then the rule of lower priority number."""
    matches: list[_Match] = []
    lowered = lowercase(text)
    windows: dict[re.Pattern[str] | None, list[tuple[int, int]]] = {None: [(0, len(lowered))]}
    for r in RULES:
        if r.anchor not in windows:
            windows[r.anchor] = _windows(r.anchor, lowered)  # type: ignore[arg-type]
        for m in _find(r.pattern, lowered, windows[r.anchor]):
            if m.end() <= m.start():
                continue
            try:
                built = r.build(m)
            except Exception:  # one faulty rule must not cost the article its other dates
                log.exception("temporal rule %r failed on %r", r.name, m.group(0))
                continue
            if built is None:
                continue
            parts = []
            for reading in built if isinstance(built, list) else [built]:
                if reading.cased is not None and not text[reading.cased[0]].isupper():
                    continue  # "may" the verb, "march" the noun
                start, end = reading.span or m.span()
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    parts.append((start, end, reading))
            if parts:
                start = min(p[0] for p in parts)
                end = max(p[1] for p in parts)
                matches.append(_Match(start, end, r.priority, r.name, tuple(parts)))
    chosen: list[Candidate] = []
    starts: list[int] = []  # the matches taken so far, as sorted disjoint [start, end)
    ends: list[int] = []
    for match in sorted(matches, key=lambda x: (x.start - x.end, x.priority, x.start)):
        i = bisect_left(starts, match.end)
        if i and ends[i - 1] > match.start:
            continue  # overlaps the taken match that starts last before this one ends
        starts.insert(i, match.start)
        ends.insert(i, match.end)
        chosen.extend(
            _with_position(Candidate(start, end, reading, match.rule), text)
            for start, end, reading in match.parts
        )
    return sorted(chosen, key=lambda c: c.start)


def _find(pattern: re.Pattern[str], lowered: str, windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    for start, end in windows:
        yield from pattern.finditer(lowered, start, end)


def _with_position(candidate: Candidate, text: str) -> Candidate:
    """Extend a date over a position modifier just before it: "the end of 1990" (mod END)."""
    if not isinstance(candidate.reading.meaning, _POSITIONABLE):
        return candidate
    before = text[max(0, candidate.start - 25) : candidate.start]
    m = _POSITION_BEFORE.search(before)
    if not m:
        return candidate
    word = (m["pos"] or m["pre"] or m["mid"]).lower()
    if word in _SIDE_WORDS and text[candidate.start : candidate.end].lower() in _DEICTIC_DAYS:
        return candidate  # "earlier today": the day is "today" (TimeML leaves "later" out too)
    mod = candidate.reading.mod or POSITION_MODS.get(word)
    start = candidate.start - (len(before) - m.start())
    return replace(candidate, start=start, reading=replace(candidate.reading, mod=mod))


def parse(expression: str) -> Reading | None:
    """The reading of a whole expression ("next week"), or None if the grammar does not cover
    all of it."""
    text = expression.strip()
    found = scan(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0].reading
    return None


def normalize(
    expression: str,
    published: dt.date | None,
    direction: Direction = Direction.NONE,
    reference: Resolution | None = None,
) -> Resolution | None:
    """TIMEX3 reading of one expression against a publication date and a tense direction."""
    reading = parse(expression)
    if reading is None:
        return None
    context = Context(published, direction, reference.period if reference else None)
    return resolve(reading.meaning, context, reading.mod)
