"""A grammar rule: one compiled pattern and the function that reads its match."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.extract.temporal.meanings import Meaning


@dataclass(frozen=True)
class Reading:
    meaning: Meaning
    mod: str | None = None  # TIMEX3 mod
    span: tuple[int, int] | None = None  # when the extent is narrower than the match
    # A name that counts only when written capitalised ("May", not "may"); the grammar runs on
    # lowercased text, so the scanner checks this span against the original.
    cased: tuple[int, int] | None = None
    # The reading to use instead when the clause looks ahead: "one day" is a length of time,
    # but "Ukraine would become a member one day" is TIMEX3 FUTURE_REF.
    if_future: Meaning | None = None


# A builder reads a match; it may return several readings (the two ends of "April 24 and 25").
Builder = Callable[[re.Match[str]], Reading | list[Reading] | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    build: Builder
    priority: int = 5  # among equally long matches, the lower wins
    anchor: re.Pattern[str] | None = None  # found in every match; the rule runs only near one


_ANCHORS: dict[str, re.Pattern[str]] = {}


def rule(name: str, pattern: str, build: Builder, priority: int = 5, anchor: str | None = None) -> Rule:
    """Patterns are written in lower case and run on lowercased text: Python's `re` is several
    times slower on case-insensitive alternations. `anchor` is a cheap pattern every match
    contains; rules with slow optional prefixes then run only in windows around its hits."""
    compiled = _ANCHORS.setdefault(anchor, re.compile(anchor)) if anchor else None
    return Rule(name, re.compile(pattern), build, priority, compiled)


def lowercase(text: str) -> str:
    """`text` in lower case, character for character (offsets unchanged)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def group(m: re.Match[str], name: str) -> str | None:
    value = m.group(name)
    return value.lower() if value else None


def normalise_space(text: str | None) -> str:
    return " ".join((text or "").lower().split())
