"""Rules for expressions that count from an anchor: "yesterday", "last month", "75 years ago",
"the following day", "the quarter", "the weekend"."""

from __future__ import annotations

import re

from app.extract.temporal.fragments import (
    APPROXIMATOR,
    APPROXIMATORS,
    DAY_NUMBER,
    MONTH,
    NUMBER,
    PART_OF_DAY,
    UNIT,
    UNIT_ANCHOR,
    UNIT_SINGULAR,
)
from app.extract.temporal.lexicon import (
    DEICTIC_DAYS,
    PARTS_OF_DAY,
    month_number,
    parse_amount,
    unit_code,
)
from app.extract.temporal.meanings import (
    Anchor,
    ClockTime,
    Duration,
    PartOfYear,
    RelativePeriod,
    ReportedQuarter,
    Shift,
    TermStart,
    Weekend,
)
from app.extract.temporal.rule import Reading, Rule, normalise_space, rule


def _deictic(m: re.Match[str]) -> Reading | None:
    day = Shift("D", DEICTIC_DAYS[normalise_space(m["word"])], 1)
    if m["pod"]:
        return Reading(ClockTime(part_of_day=PARTS_OF_DAY[m["pod"].lower()], day=day))
    return Reading(day)


def _part_of_day(m: re.Match[str]) -> Reading | None:
    """ "this morning", "last night", "overnight", "tonight" as a time of the publication day."""
    word = normalise_space(m["which"])
    pod = PARTS_OF_DAY[m["pod"].lower()] if m["pod"] else "NI"
    day = Shift("D", -1 if word == "last" else 0, 1)
    return Reading(ClockTime(part_of_day=pod, day=day))


# (steps, anchor) for words before a calendar unit: "last year", "the following day".
_STEPS: dict[str, tuple[int, Anchor]] = {
    "last": (-1, Anchor.PUBLICATION),
    "this past": (-1, Anchor.PUBLICATION),
    "the past": (-1, Anchor.PUBLICATION),
    "the last": (-1, Anchor.PUBLICATION),
    "past": (-1, Anchor.PUBLICATION),
    "next": (1, Anchor.PUBLICATION),
    "this coming": (1, Anchor.PUBLICATION),
    "the coming": (1, Anchor.PUBLICATION),
    "coming": (1, Anchor.PUBLICATION),
    "this": (0, Anchor.PUBLICATION),
    "the current": (0, Anchor.PUBLICATION),
    "current": (0, Anchor.PUBLICATION),
    "the previous": (-1, Anchor.REFERENCE),
    "the preceding": (-1, Anchor.REFERENCE),
    "the prior": (-1, Anchor.REFERENCE),
    "the following": (1, Anchor.REFERENCE),
    "the next": (1, Anchor.REFERENCE),
    "that": (0, Anchor.REFERENCE),
    "that same": (0, Anchor.REFERENCE),
    "the same": (0, Anchor.REFERENCE),
}
_STEP_WORDS = "|".join(sorted((w.replace(" ", r"\s+") for w in _STEPS), key=len, reverse=True))


# "over the past year", "in the last decade": the stretch that ends now, not last calendar year
# (TimeML: a duration, P1Y) — though "in the last year of his term" is a year.
_SPAN_BEFORE = re.compile(r"\b(?:over|in|during|for|throughout|within)\s+$")
_SPAN_UNITS = frozenset({"D", "W", "M", "Y", "DE"})
# "invest $28 million over the next year": the twelve months ahead ("in the next year" may be
# the following calendar year of a story told in the past)
_SPAN_AHEAD = re.compile(r"\b(?:over|during|throughout|within)\s+$")


def _relative_unit(m: re.Match[str]) -> Reading | None:
    rel = normalise_space(m["rel"])
    steps, anchor = _STEPS[rel]
    unit = unit_code(m["unit"])
    if unit is None:
        return None
    if (
        rel in ("the past", "the last", "the next", "the coming")
        and unit in _SPAN_UNITS
        and not m["fiscal"]
        and (_SPAN_BEFORE if rel in ("the past", "the last") else _SPAN_AHEAD).search(
            m.string, max(0, m.start() - 12), m.start()
        )
        and not m.string.startswith(" of", m.end())
    ):
        return Reading(Duration(unit, 1))
    if m["fiscal"] and unit != "Y":
        return None
    return Reading(RelativePeriod(unit, steps, anchor))


def _reported_quarter(m: re.Match[str]) -> Reading | None:
    if m["end_month"]:
        # "the quarter ended July 31": the calendar quarter most of those three months fall in.
        month = month_number(m["end_month"]) or 1
        return Reading(PartOfYear("Q", index=(month - 2) % 12 // 3 + 1, anchor=Anchor.PUBLICATION))
    return Reading(ReportedQuarter(int(m["year"]) if m["year"] else None))


_WEEKEND_OCCURRENCE = {
    "last": -1,
    "this past": -1,
    "the past": -1,
    "next": 1,
    "this coming": 1,
    "the coming": 1,
    "this": 0,
}


def _weekend(m: re.Match[str]) -> Reading | None:
    return Reading(Weekend(_WEEKEND_OCCURRENCE.get(normalise_space(m["occ"]))))


def _the_year(m: re.Match[str]) -> Reading | None:
    if m["ended"]:
        return Reading(Duration("Y", 1))  # "the year ended March 31": twelve months to that day
    """ "the year", "the full year", "the fiscal year": in news, the current one."""
    return Reading(RelativePeriod("Y", 0))


def _the_week(m: re.Match[str]) -> Reading | None:
    return Reading(RelativePeriod("W", 0))


_SHIFT_DIRECTIONS: dict[str, tuple[int, Anchor]] = {
    "ago": (-1, Anchor.PUBLICATION),
    "back": (-1, Anchor.PUBLICATION),
    "before": (-1, Anchor.REFERENCE),
    "earlier": (-1, Anchor.REFERENCE),
    "previously": (-1, Anchor.REFERENCE),
    "later": (1, Anchor.REFERENCE),
    "after": (1, Anchor.REFERENCE),
    "afterward": (1, Anchor.REFERENCE),
    "afterwards": (1, Anchor.REFERENCE),
    "from now": (1, Anchor.PUBLICATION),
    "hence": (1, Anchor.PUBLICATION),
}


def _amount(text: str | None) -> float | None:
    return parse_amount(text) if text else 1.0


# Units finer than a day: "20 minutes later", "about an hour ago" name a clock time, not a
# calendar date (the words are then a duration, "20 minutes", and date nothing).
_CLOCK_UNITS = frozenset({"S", "MIN", "H"})


def _shift(m: re.Match[str]) -> Reading | None:
    unit = unit_code(m["unit"])
    if unit is None or unit in _CLOCK_UNITS:
        return None
    sign, anchor = _SHIFT_DIRECTIONS[normalise_space(m["dir"])]
    mod = APPROXIMATORS.get(normalise_space(m["mod"])) if m["mod"] else None
    if m["orso"]:
        mod = "APPROX"
    vague = not m["num"] and m["unit"].lower().endswith("s")  # "years ago"
    amount = None if vague else _amount(m["num"])
    on = normalise_space(m["on"]).lower() if m["on"] and amount is not None else None
    if on is None and m["on"]:
        return Reading(Shift(unit, amount, sign, anchor), mod=mod, span=(m.start(), m.end("dir")))
    return Reading(Shift(unit, amount, sign, anchor, on=on), mod=mod)


def _from_this_document(m: re.Match[str]) -> Reading | None:
    """ "within 90 days of the date of this order": a deadline counted from the document's own
    date (its publication date), on or before which something is due."""
    unit = unit_code(m["unit"])
    amount = float(m["digits"]) if m["digits"] else _amount(m["num"])  # "one hundred eighty (180)"
    if unit is None or not amount:
        return None
    if unit == "Y":  # a year from May 9 ends on a day, not with the calendar year
        unit, amount = "M", amount * 12
    mod = "ON_OR_BEFORE" if m["by"] else None
    return Reading(Shift(unit, amount, 1, Anchor.PUBLICATION), mod=mod, span=(m.start("num"), m.end()))


def _the_unit_before(m: re.Match[str]) -> Reading | None:
    unit = unit_code(m["unit"])
    if unit is None:
        return None
    sign = -1 if normalise_space(m["dir"]) in ("before", "earlier", "prior") else 1
    return Reading(Shift(unit, 1, sign, Anchor.REFERENCE))


def _year_ago(m: re.Match[str]) -> Reading | None:
    """ "the year-earlier quarter", "year-ago": the same period one year before the one discussed."""
    return Reading(Shift("Y", 1, -1, Anchor.REFERENCE))


def _term_start(m: re.Match[str]) -> Reading | None:
    """ "day one of this Administration", "since day one" (the extent is "day one"), "my first
    week in office"."""
    if m["one"]:
        return Reading(TermStart("D"), span=m.span("one"))
    return Reading(TermStart("D" if m["unit"].lower() == "day" else "W"))


def _earlier_in_the(m: re.Match[str]) -> Reading | None:
    """ "Earlier in the day", "later in the week": the day (week, month, year) of the
    publication, its start or its end (TIMEX3 mod)."""
    unit = unit_code(m["unit"])
    if unit is None:
        return None
    return Reading(RelativePeriod(unit, 0), mod="START" if m["side"] == "earlier" else "END")


def _that_part_of_day(m: re.Match[str]) -> Reading | None:
    """ "that night", "that same evening": a part of the day the text last named."""
    pod = PARTS_OF_DAY[m["pod"].lower()]
    return Reading(ClockTime(part_of_day=pod, day=RelativePeriod("D", 0, Anchor.REFERENCE)))


RELATIVE_RULES: tuple[Rule, ...] = (
    rule(
        "term start",
        r"\b(?P<one>day\s+(?:one|1))\s+of\s+(?:this|my|our|the|his|her|your)\s+(?:[\w-]+\s+)?"
        r"(?:administration|presidency)\b"
        r"|\b(?:my|this\s+administration's|this\s+administration’s)\s+first\s+(?P<unit>day|week)\s+in\s+office\b",
        _term_start,
        priority=1,
        anchor=r"day\s+(?:one|1)|in\s+office",
    ),
    # "since day one, the President has …": vetted by its sentence (filters.is_time_expression)
    rule(
        "day one",
        r"\b(?:since|from|on)\s+(?P<one>day\s+(?:one|1))\b(?![\w-]|\s+of\b)",
        _term_start,
        priority=2,
        anchor=r"day\s+(?:one|1)",
    ),
    rule(
        "deictic day",
        r"\b(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow)"
        rf"(?:\s+(?P<pod>{PART_OF_DAY}))?",
        _deictic,
        anchor=r"today|tonight|yesterday|tomorrow",
    ),
    rule(
        "part of day",
        rf"\b(?:(?P<which>this|last)\s+(?P<pod>{PART_OF_DAY})|(?P<over>overnight))",
        _part_of_day,
        anchor=r"morning|afternoon|evening|night",
    ),
    rule(
        "that part of day",
        rf"\bthat\s+(?:same\s+)?(?P<pod>{PART_OF_DAY})",
        _that_part_of_day,
        anchor=r"morning|afternoon|evening|night",
    ),
    rule(
        "relative unit",
        rf"\b(?P<rel>{_STEP_WORDS})\s+(?:(?P<fiscal>fiscal)\s+)?(?P<unit>day|week|month|quarter|year|decade|century)\b"
        r"(?![-\s]+(?:old|long|ago|earlier|later)\b)",
        _relative_unit,
        anchor=UNIT_ANCHOR,
    ),
    rule(
        "reported quarter",
        r"\bthe\s+(?:latest|most\s+recent|just-ended|just\s+ended)\s+(?:fiscal\s+)?(?:quarter|period)\b"
        r"|\bthe\s+(?:fiscal\s+)?(?P<year>(?:19|20)\d\d)\s+(?:fiscal\s+)?(?:quarter|period)\b"
        r"|\bthe\s+quarter\b(?![-\s]+(?:of|to|century|mile|point|percent)\b)"
        rf"(?=\s+end(?:ed|ing)\s+(?P<end_month>{MONTH})\s*{DAY_NUMBER})?",
        _reported_quarter,
        anchor=r"quarter|period",
    ),
    rule(
        "weekend",
        r"\b(?:(?P<occ>last|next|this\s+past|this\s+coming|the\s+past|the\s+coming|this)\s+|the\s+)weekend\b",
        _weekend,
        anchor=r"weekend",
    ),
    rule(
        "the year",
        r"\bthe\s+(?:full\s+|fiscal\s+|calendar\s+|whole\s+|entire\s+)?year\b"
        r"(?![-\s]+(?:of|before|after|earlier|ago|old)\b|\s+\d)(?=(?P<ended>\s+end(?:ed|ing)\b)?)",
        _the_year,
        priority=8,
        anchor=r"year",
    ),
    rule(
        "earlier in the unit",
        r"\b(?P<side>earlier|later)\s+in\s+the\s+(?P<unit>day|week|month|year)\b",
        _earlier_in_the,
        priority=1,
        anchor=r"earlier|later",
    ),
    rule(
        "the week",
        r"\bthe\s+week\b(?![-\s]+(?:of|before|after|earlier|ago|old)\b)",
        _the_week,
        priority=8,
        anchor=r"week",
    ),
    rule(
        "shift",
        rf"\b(?:(?P<mod>{APPROXIMATOR})\s+)?(?P<num>{NUMBER})?\s*(?<![\w-])(?P<unit>{UNIT})(?P<orso>\s+or\s+so)?\s+"
        r"(?P<dir>ago|back|earlier|later|from\s+now|hence|previously|afterwards?)\b"
        r"(?:(?<=ago)\s+(?P<on>today|tonight|tomorrow|yesterday|this\s+(?:week|month))\b)?",
        _shift,
        priority=2,
        anchor=UNIT_ANCHOR,
    ),
    rule(
        "from this document",
        rf"\b(?:(?P<by>within|no\s+later\s+than|not\s+later\s+than)\s+)?"
        rf"(?P<num>(?:[a-z-]+\s+){{0,4}}\((?P<digits>\d+)\)|{NUMBER})\s+"
        rf"(?P<unit>{UNIT})\s+(?:of|after|from|following)\s+the\s+(?:date|issuance|signing)\s+of\s+this\s+"
        r"(?:order|memorandum|proclamation|directive|determination|notice)\b",
        _from_this_document,
        priority=1,
        anchor=r"of\s+this\s+(?:order|memorandum|proclamation|directive|determination|notice)",
    ),
    rule(
        "unit before",
        # not "plans for the day after", "talk about the day after": a war's aftermath, no date
        r"(?<!for\s)(?<!about\s)"
        rf"\bthe\s+(?P<unit>{UNIT_SINGULAR})\s+(?P<dir>before|after|earlier|prior)\b(?!\s+(?:the|a|an|his|her|its|their)\b)",
        _the_unit_before,
        anchor=UNIT_ANCHOR,
    ),
    rule(
        "year ago",
        r"\b(?:the\s+(?:comparable\s+|corresponding\s+|same\s+)?year-(?:ago|earlier)\s+(?:fiscal\s+)?"
        r"(?:(?:first|second|third|fourth)\s+quarter|quarter|period)|year-(?:ago|earlier))\b",
        _year_ago,
        priority=2,
        anchor=r"year-",
    ),
)
