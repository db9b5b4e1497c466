"""Rules for calendar names: dates, months, years, weekdays, quarters, seasons, decades, holidays."""

from __future__ import annotations

import re

from app.extract.temporal.fragments import (
    DAY_NUMBER,
    DECADE_WORD,
    DIGIT_ANCHOR,
    MONTH,
    MONTH_ANCHOR,
    MONTH_FULL,
    ORDINAL_DAY,
    ORDINAL_WORD,
    PART_OF_DAY,
    SEASON,
    SPOKEN_YEAR,
    WEEKDAY,
    WEEKDAY_ANCHOR,
    YEAR,
)
from app.extract.temporal.holidays import HOLIDAY_ANCHOR, HOLIDAY_PATTERN, holiday_meaning
from app.extract.temporal.lexicon import (
    DECADE_WORDS,
    SEASONS,
    month_number,
    ordinal_number,
    spoken_year,
    weekday_number,
)
from app.extract.temporal.meanings import (
    CalendarDate,
    Century,
    Decade,
    Holiday,
    PartOfYear,
    RelativePeriod,
    WeekdayDate,
)
from app.extract.temporal.rule import Reading, Rule, group, normalise_space, rule

_OCCURRENCE = {
    "last": -1,
    "this past": -1,
    "past": -1,
    "the previous": -1,
    "previous": -1,
    "this": 0,
    "this coming": 1,
    "coming": 1,
    "next": 1,
    "the following": 1,
    "the next": 1,
}
_YEAR_OFFSET = {"last": -1, "this": 0, "next": 1}


def _year(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if text.isdigit() else spoken_year(text)


def _day(text: str) -> int | None:
    return ordinal_number(re.sub(r"(?<=\d)(st|nd|rd|th)$", "", text.lower()))


def _month_day(m: re.Match[str]) -> Reading | list[Reading] | None:
    month, year = month_number(m["mon"]), _year(m["year"])
    weekday = weekday_number(m["wd"]) if m["wd"] else None
    occurrence = _OCCURRENCE.get(normalise_space(m["occ"])) if m["occ"] else None
    year_offset = _YEAR_OFFSET.get(group(m, "rel") or "")
    first = CalendarDate(
        year=year,
        month=month,
        day=_day(m["day"]),
        weekday=weekday,
        occurrence=occurrence,
        year_offset=year_offset,
    )
    cased = m.span("mon")
    if not m["day2"]:
        return Reading(first, cased=cased)
    # A range ("April 24 and 25", "July 9-11, 2024"): TimeML marks each end as its own timex.
    last = CalendarDate(
        year=year, month=month, day=_day(m["day2"]), occurrence=occurrence, year_offset=year_offset
    )
    return [
        Reading(first, span=(m.start(), m.end("day")), cased=cased),
        Reading(last, span=(m.start("day2"), m.end()), cased=cased),
    ]


def _day_month(m: re.Match[str]) -> Reading | None:
    meaning = CalendarDate(year=_year(m["year"]), month=month_number(m["mon"]), day=_day(m["day"]))
    return Reading(meaning, cased=m.span("mon"))


def _formal_date(m: re.Match[str]) -> Reading | None:
    """ "the thirty-first day of August, in the year of our Lord two thousand twenty-three"."""
    day = ordinal_number(m["day"])
    if day is None or day > 31:
        return None
    meaning = CalendarDate(year=_year(m["year"]), month=month_number(m["mon"]), day=day)
    return Reading(meaning, cased=m.span("mon"))


def _month_year(m: re.Match[str]) -> Reading | None:
    return Reading(CalendarDate(year=_year(m["year"]), month=month_number(m["mon"])), cased=m.span("mon"))


def _month(m: re.Match[str]) -> Reading | None:
    occurrence = _OCCURRENCE.get(normalise_space(m["occ"])) if m["occ"] else None
    year_offset = _YEAR_OFFSET.get(group(m, "rel") or "")
    meaning = CalendarDate(month=month_number(m["mon"]), occurrence=occurrence, year_offset=year_offset)
    return Reading(meaning, cased=m.span("mon"))


def _numeric_date(m: re.Match[str]) -> Reading | None:
    year = int(m["y"])
    if len(m["y"]) == 2:
        year += 1900 if year >= 50 else 2000
    month, day = int(m["m"]), int(m["d"])
    if not (1 <= month <= 12):
        return None
    return Reading(CalendarDate(year=year, month=month, day=day))


def _year_rule(m: re.Match[str]) -> Reading | None:
    year = _year(m["year"])
    return Reading(CalendarDate(year=year), mod="MID" if m["mid"] else None) if year else None


def _clipped_year(m: re.Match[str]) -> Reading | None:
    """ "a ‘24 budget", "June of ’47": two digits after an apostrophe, this century up to '40."""
    yy = int(m["yy"])
    return Reading(CalendarDate(year=(2000 if yy <= 40 else 1900) + yy))


def _weekday(m: re.Match[str]) -> Reading | None:
    weekday = weekday_number(m["wd"])
    if weekday is None:
        return None
    occurrence = _OCCURRENCE.get(normalise_space(m["occ"])) if m["occ"] else None
    week_offset = _YEAR_OFFSET.get(group(m, "week") or "")
    # "Friday night" keeps the day's value, as TempEval-3 mostly annotates it (TIMEX3 would
    # allow 1998-08-07TNI); an event that evening belongs to that day.
    return Reading(WeekdayDate(weekday, None if week_offset is not None else occurrence, week_offset))


_QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_QUARTER_YEAR_WORDS = {
    "this year's": 0,
    "last year's": -1,
    "next year's": 1,
    "this": 0,
    "last": -1,
    "next": 1,
    "current": 0,
}


def _quarter(m: re.Match[str]) -> Reading | None:
    index = _QUARTER_ORDINALS[m["ord"].lower()]
    year = _year(m["y1"] or m["y2"])
    offset = _QUARTER_YEAR_WORDS.get(normalise_space(m["rel"] or m["rel2"]))
    meaning = PartOfYear("Q", index=index, year=year, year_offset=offset)
    text = m.group()
    if text.startswith("the ") and "-quarter" in text and not (m["y1"] or m["rel"]):
        # "the third-quarter results": the adjective is the expression, not the noun phrase.
        return Reading(meaning, span=(m.start() + 4, m.end()))
    return Reading(meaning)


def _quarter_code(m: re.Match[str]) -> Reading | None:
    return Reading(PartOfYear("Q", index=int(m["q"]), year=_year(m["y"])), cased=(m.start(), m.start() + 1))


def _half(m: re.Match[str]) -> Reading | None:
    index = 1 if group(m, "ord") == "first" else 2
    year = _year(m["y"])
    offset = _QUARTER_YEAR_WORDS.get(normalise_space(m["rel"] or m["rel2"]))
    if year is None and offset is None and not m["the_year"]:
        return None
    return Reading(PartOfYear("H", index=index, year=year, year_offset=offset if offset is not None else 0))


_SEASON_WORDS = {
    "last": -1,
    "this past": -1,
    "the past": -1,
    "past": -1,
    "this": 0,
    "this coming": 1,
    "the coming": 1,
    "coming": 1,
    "next": 1,
}


def _season(m: re.Match[str]) -> Reading | None:
    code = SEASONS[m["season"].lower()]
    year = _year(m["year"])
    occ_word = normalise_space(m["occ"])
    occurrence = _SEASON_WORDS.get(occ_word)
    year_offset = _YEAR_OFFSET.get(group(m, "rel") or "")
    if year_offset is not None:
        occurrence = None  # "this fall of last year" is last year's
    elif year is None and not occ_word and code in ("FA", "SP"):
        return None  # "fall" and "spring" alone are too often verbs or nouns of another kind
    mod = {"early": "START", "the early": "START", "late": "END", "the late": "END", "mid": "MID"}.get(
        occ_word
    )
    season = PartOfYear("SEASON", season=code, year=year, occurrence=occurrence, year_offset=year_offset)
    return Reading(season, mod=mod)


def _decade(m: re.Match[str]) -> Reading | None:
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(group(m, "pre") or "")
    if m["y"]:
        return Reading(Decade(first_year=int(m["y"])), mod=mod)
    return Reading(Decade(digit=int(m["yy"])), mod=mod)


def _decade_word(m: re.Match[str]) -> Reading | None:
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(group(m, "pre") or "")
    return Reading(Decade(digit=DECADE_WORDS[m["word"].lower()]), mod=mod)


def _century(m: re.Match[str]) -> Reading | None:
    number = ordinal_number(m["ord"]) if m["ord"] else None
    if number is None:
        steps = {"this": 0, "last": -1, "next": 1, "the last": -1, "the next": 1}[normalise_space(m["rel"])]
        return Reading(RelativePeriod("CE", steps))
    return Reading(Century(number))


def _holiday(m: re.Match[str]) -> Reading | None:
    occurrence = _OCCURRENCE.get(group(m, "occ") or "")
    meaning = holiday_meaning(m["name"], _year(m["year"]), occurrence)
    return Reading(meaning) if meaning else None


def _day_by_election(m: re.Match[str]) -> Reading | None:
    """ "the day after the election", "the day before Election Day": the day next to the
    Election Day the tense points to (the last one, in "reached out the day after the election")."""
    return Reading(Holiday("election day", days_after=1 if m["dir"].lower() == "after" else -1))


_SEP = r"(?:,\s*|\s+)"
# "June last year", "July 1 of this year", "May of next year": one timex in that year (TimeML
# marks "June last year" as one)
_OF_YEAR = r"\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b(?!['’])"

CALENDAR_RULES: tuple[Rule, ...] = (
    rule(
        "iso date",
        r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b",
        _numeric_date,
        priority=1,
        anchor=DIGIT_ANCHOR,
    ),
    rule(
        "us numeric date",
        r"(?<![\d/.])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])",
        _numeric_date,
        priority=1,
        anchor=r"\d/",
    ),
    rule(
        "month day",
        rf"\b(?:(?P<occ>last|next|this)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s*(?P<day>{DAY_NUMBER})"
        rf"(?:\s*(?:-|–|to|through|and)\s*(?P<day2>{DAY_NUMBER}))?(?:{_SEP}(?P<year>{YEAR})|{_OF_YEAR})?",
        _month_day,
        priority=1,
        anchor=MONTH_ANCHOR,
    ),
    rule(
        "month the day",  # "January the 6th", "March the third"
        rf"\b(?P<mon>{MONTH})\s+the\s+(?P<day>\d{{1,2}}(?:st|nd|rd|th)\b|{ORDINAL_DAY})(?:{_SEP}(?P<year>{YEAR}))?",
        _day_month,
        priority=1,
        anchor=MONTH_ANCHOR,
    ),
    rule(
        "day month",
        rf"\b(?:the\s+)?(?P<day>{DAY_NUMBER}|{ORDINAL_DAY})\s+(?:of\s+)?(?P<mon>{MONTH})"
        rf"(?:,?\s+(?P<year>{YEAR}))?",
        _day_month,
        priority=2,
        anchor=MONTH_ANCHOR,
    ),
    rule(
        "formal date",
        rf"\b(?P<day>(?:(?:twenty|thirty)[\s-]+)?(?:{ORDINAL_WORD}))\s+day\s+of\s+(?P<mon>{MONTH})"
        rf"(?:,?\s+in\s+the\s+year\s+of\s+our\s+lord\s+(?P<year>{YEAR}|{SPOKEN_YEAR}))?",
        _formal_date,
        priority=1,
        anchor=r"day\s+of",
    ),
    rule(
        "month year",
        rf"\b(?P<mon>{MONTH})\s*,?\s+(?:of\s+)?(?P<year>{YEAR}|{SPOKEN_YEAR})\b",
        _month_year,
        priority=1,
        anchor=MONTH_ANCHOR,
    ),
    rule(
        "month",
        rf"\b(?:(?P<occ>last|next|this\s+past|this\s+coming|this|past|coming)\s+)?"
        rf"(?P<mon>{MONTH_FULL}|sept\.?|(?:jan|feb|aug|oct|nov|dec)\.)(?:\b|(?<=\.))"
        rf"(?:{_OF_YEAR})?",
        _month,
        priority=3,
        anchor=MONTH_ANCHOR,
    ),
    rule(
        "year",
        rf"(?:\b(?:the\s+)?(?:fiscal\s+)?year\s+|\bfiscal\s+|\bfy\s?|\b(?P<mid>mid)-|\b)"
        rf"(?P<year>{YEAR}|{SPOKEN_YEAR}\b)",
        _year_rule,
        priority=4,
        anchor=r"\d\d\d\d|nineteen|eighteen|thousand",
    ),
    rule(
        # "FY23", "FY 24": a fiscal year in two digits (its value is the year, as TimeML writes
        # "fiscal 1989"; "Fiscal Year 2024" and "FY2024" are read by "year")
        "fiscal clipped year",
        r"\bfy\s?(?P<yy>\d\d)\b(?![.,]\d)",
        _clipped_year,
        anchor=r"fy",
    ),
    rule(
        "clipped year",
        r"(?<![\w'’‘])['’‘](?P<yy>\d\d)\b(?![%'’‘\d]|[.,:/-]\d)(?!\s*(?:s\b|hours?|days?|weeks?|months?|years?|"
        r"minutes?|seconds?|percent|per|million|billion|trillion|times|am|pm|a\.m|p\.m|and|to|or)\b)",
        _clipped_year,
        anchor=r"['’‘]\d\d",
    ),
    rule(
        "weekday",
        rf"\b(?:(?P<occ>last|next|this\s+past|this\s+coming|this|coming|past|the\s+previous|the\s+following)\s+)?"
        rf"(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{PART_OF_DAY})|\s+of\s+(?P<week>last|this|next)\s+week\b)?",
        _weekday,
        anchor=WEEKDAY_ANCHOR,
    ),
    rule(
        "quarter",
        rf"\b(?:the\s+)?(?:(?P<y1>{YEAR})\s+|(?P<rel>this\s+year's|last\s+year's|next\s+year's|this|last|next|current)\s+)?"
        r"(?:(?:fiscal|calendar)[\s-]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+"
        rf"(?:fiscal[\s-]+)?quarter\b(?!s)(?:\s+of\s+(?:fiscal\s+)?(?:(?P<y2>{YEAR})|(?P<rel2>this|last|next)\s+year))?",
        _quarter,
        anchor=r"quarter",
    ),
    rule(
        "quarter code", rf"\bq(?P<q>[1-4])(?:(?:\s+|-|/)?(?P<y>{YEAR}))?\b", _quarter_code, anchor=r"q[1-4]"
    ),
    rule(
        "half",
        rf"\b(?:the\s+)?(?:(?P<rel>this\s+year's|last\s+year's|next\s+year's)\s+)?(?P<ord>first|second)\s+half"
        rf"(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<the_year>the\s+year)|(?P<rel2>this|last|next)\s+year))?",
        _half,
        anchor=r"half",
    ),
    rule(
        "season",
        rf"\b(?:(?P<occ>last|next|this\s+past|this\s+coming|the\s+past|the\s+coming|this|past|coming|"
        rf"the\s+early|the\s+late|early|late|mid|the)[\s-]+)?(?P<season>{SEASON})"
        rf"(?:\s+(?:of\s+)?(?P<year>{YEAR}|{SPOKEN_YEAR})|{_OF_YEAR})?",
        _season,
        anchor=r"spring|summer|fall|autumn|winter",
    ),
    rule(
        "decade",
        r"\b(?:the\s+)?(?:(?P<pre>early|late|mid)[\s-]+)?(?:(?P<y>1\d{2}0|20\d0)'?s\b|'(?P<yy>\d)0'?s\b)",
        _decade,
        anchor=r"0'?s\b",
    ),
    rule(
        "decade word",
        rf"\bthe\s+(?:(?P<pre>early|late|mid)[\s-]+)?(?P<word>{DECADE_WORD})\b",
        _decade_word,
        anchor=r"ties\b",
    ),
    rule(
        "century",
        rf"\b(?:the\s+)?(?:(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL_WORD})[\s-]+|(?P<rel>this|last|next)\s+)century\b",
        _century,
        anchor=r"century",
    ),
    rule(
        "holiday",
        HOLIDAY_PATTERN,
        _holiday,
        priority=2,
        anchor=HOLIDAY_ANCHOR,
    ),
    rule(
        "day by the election",
        r"\bthe\s+day\s+(?P<dir>after|before)\s+(?:the\s+(?:general\s+|presidential\s+)?election|election\s+day)\b",
        _day_by_election,
        priority=1,
        anchor=r"election",
    ),
)
