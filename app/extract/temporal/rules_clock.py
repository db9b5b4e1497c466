"""Rules for times of day: "3 p.m.", "10:35 a.m. EST Tuesday", "noon Thursday", "4 in the morning"."""

from __future__ import annotations

import re

from app.extract.temporal.fragments import (
    APPROXIMATORS,
    DAY_NUMBER,
    MONTH,
    WEEKDAY,
)
from app.extract.temporal.lexicon import (
    DEICTIC_DAYS,
    month_number,
    weekday_number,
    word_number,
)
from app.extract.temporal.meanings import (
    CalendarDate,
    ClockTime,
    Shift,
    WeekdayDate,
)
from app.extract.temporal.rule import Reading, Rule, normalise_space, rule

_CLOCK_DAY = (
    rf"(?P<wd>{WEEKDAY})|(?P<deictic>today|tonight|yesterday|tomorrow)"
    rf"|(?P<mon>{MONTH})\s*(?P<dd>{DAY_NUMBER})"
)


def _clock_day(m: re.Match[str]) -> CalendarDate | WeekdayDate | Shift | None:
    if m["wd"]:
        return WeekdayDate(weekday_number(m["wd"]) or 1)
    if m["deictic"]:
        return Shift("D", abs(DEICTIC_DAYS[m["deictic"].lower()]), DEICTIC_DAYS[m["deictic"].lower()] or 1)
    if m["mon"] and m["dd"]:
        return CalendarDate(month=month_number(m["mon"]), day=int(re.sub(r"\D", "", m["dd"])))
    return None


def _clock(m: re.Match[str]) -> Reading | None:
    hour = int(m["h"]) if m["h"].isdigit() else word_number(m["h"])
    if hour is None:
        return None
    minute = int(m["min"]) if m["min"] else 0
    marker = (m["ampm"] or "").lower().replace(".", "").replace(" ", "")
    if marker == "pm" and hour < 12:
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    if m["pod"] in ("afternoon", "evening", "night") and hour < 12:
        hour += 12
    mod = APPROXIMATORS.get(normalise_space(m["mod"])) if m["mod"] else None
    return Reading(ClockTime(hour=hour, minute=minute, day=_clock_day(m)), mod=mod)


def _named_hour(m: re.Match[str]) -> Reading | None:
    hour = 24 if m["word"].lower() == "midnight" else 12
    return Reading(ClockTime(hour=hour, day=_clock_day(m)))


_DAY_AFTER = rf"(?:,?\s+(?:on\s+)?(?:{_CLOCK_DAY}))?"


CLOCK_RULES: tuple[Rule, ...] = (
    rule(
        "clock",
        rf"\b(?:(?P<mod>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
        r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s*"
        r"(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|o'clock\b)"
        r"(?:\s+(?:(?:[ecmp][sd]t|gmt|utc)\b|local\s+time))?"
        rf"(?:\s+in\s+the\s+(?P<pod>morning|afternoon|evening))?{_DAY_AFTER}",
        _clock,
        priority=1,
        anchor=r"[ap]\.?\s?m\b|o'clock",
    ),
    rule(
        "clock 24h",
        r"\b(?P<mod>)(?P<h>[01]\d|2[0-3]):(?P<min>[0-5]\d)(?P<ampm>)\s*(?:(?:[ecmp][sd]t|gmt|utc)\b|local\s+time|hours?\b)"
        rf"(?P<pod>){_DAY_AFTER}",
        _clock,
        priority=1,
        anchor=r"\d:\d\d",
    ),
    rule(
        "clock in the morning",
        r"\b(?P<mod>)(?P<h>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?P<min>)(?P<ampm>)"
        r"(?:\s+o'clock)?\s+in\s+the\s+(?P<pod>morning|afternoon|evening)"
        rf"{_DAY_AFTER}",
        _clock,
        priority=1,
        anchor=r"in the (?:morning|afternoon|evening)",
    ),
    rule(
        "named hour",
        rf"\b(?P<word>noon|midnight|midday){_DAY_AFTER}",
        _named_hour,
        anchor=r"noon|midnight|midday",
    ),
)
