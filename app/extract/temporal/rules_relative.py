"""Rules for expressions that count from an anchor or measure time: "yesterday", "last month",
"75 years ago", "the past three years", "daily", "now", "3 p.m."."""

from __future__ import annotations

import re

from app.extract.temporal.fragments import (
    APPROXIMATOR,
    APPROXIMATORS,
    DAY_NUMBER,
    HYPHEN_NUMBER,
    MONTH,
    MONTH_FULL,
    NUMBER,
    PART_OF_DAY,
    UNIT,
    UNIT_ANCHOR,
    UNIT_SINGULAR,
    WEEKDAY,
    WEEKDAY_ANCHOR,
    WEEKDAY_PLURAL,
)
from app.extract.temporal.lexicon import (
    PARTS_OF_DAY,
    month_number,
    parse_amount,
    unit_code,
    weekday_number,
    word_number,
)
from app.extract.temporal.meanings import (
    Anchor,
    CalendarDate,
    ClockTime,
    Duration,
    NotTemporal,
    PartOfYear,
    Recurrence,
    RelativePeriod,
    ReportedQuarter,
    Shift,
    VagueReference,
    WeekdayDate,
    Weekend,
)
from app.extract.temporal.rule import Reading, Rule, group, normalise_space, rule

_DEICTIC_DAYS = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def _deictic(m: re.Match[str]) -> Reading | None:
    day = Shift("D", _DEICTIC_DAYS[normalise_space(m["word"])], 1)
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


def _relative_unit(m: re.Match[str]) -> Reading | None:
    steps, anchor = _STEPS[normalise_space(m["rel"])]
    unit = unit_code(m["unit"])
    if unit is None:
        return None
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


def _bare_units(m: re.Match[str]) -> Reading | None:
    """ "for years", "within weeks": the unit alone is the expression (TimeML leaves out the
    preposition), an unknown number of them."""
    unit = unit_code(m["unit"])
    return Reading(Duration(unit, None), span=m.span("unit")) if unit else None


def _not_temporal(m: re.Match[str]) -> Reading | None:
    return Reading(NotTemporal())


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


def _shift(m: re.Match[str]) -> Reading | None:
    unit = unit_code(m["unit"])
    if unit is None:
        return None
    sign, anchor = _SHIFT_DIRECTIONS[normalise_space(m["dir"])]
    mod = APPROXIMATORS.get(normalise_space(m["mod"])) if m["mod"] else None
    if m["orso"]:
        mod = "APPROX"
    vague = not m["num"] and m["unit"].lower().endswith("s")  # "years ago"
    amount = None if vague else _amount(m["num"])
    return Reading(Shift(unit, amount, sign, anchor), mod=mod)


def _the_unit_before(m: re.Match[str]) -> Reading | None:
    unit = unit_code(m["unit"])
    if unit is None:
        return None
    sign = -1 if normalise_space(m["dir"]) in ("before", "earlier", "prior") else 1
    return Reading(Shift(unit, 1, sign, Anchor.REFERENCE))


def _year_ago(m: re.Match[str]) -> Reading | None:
    """ "the year-earlier quarter", "year-ago": the same period one year before the one discussed."""
    return Reading(Shift("Y", 1, -1, Anchor.REFERENCE))


def _duration(m: re.Match[str]) -> Reading | None:
    unit = unit_code(m["unit"])
    if unit is None:
        return None
    text = normalise_space(m["num"])
    amount = parse_amount(text)
    if amount is None and text not in ("few", "a few", "several", "many", "a number of", "some"):
        return None
    mod = APPROXIMATORS.get(normalise_space(m["mod"])) if m["mod"] else None
    if normalise_space(m.group()) == "one day":
        return Reading(Duration(unit, amount), if_future=VagueReference("FUTURE_REF"))
    return Reading(Duration(unit, amount), mod=mod)


def _hyphen_duration(m: re.Match[str]) -> Reading | None:
    unit = unit_code(m["unit"])
    text = m["num"].lower().replace("-and-a-half", " and a half")
    amount = None if text in ("several", "multi") else parse_amount(text)
    if unit is None or (amount is None and text not in ("several", "multi")):
        return None
    return Reading(Duration(unit, amount))


def _unit_long(m: re.Match[str]) -> Reading | None:
    unit = unit_code(m["unit"])
    if unit is None:
        return None
    return Reading(Duration(unit, None if m["unit"].lower().endswith("s") else 1.0))


def _vague_duration(m: re.Match[str]) -> Reading | None:
    unit = unit_code(m["unit"])
    return Reading(Duration(unit, None)) if unit else None


_ADVERB_SETS = {
    "daily": "D",
    "nightly": "D",
    "weekly": "W",
    "biweekly": "W",
    "bi-weekly": "W",
    "monthly": "M",
    "quarterly": "Q",
    "annually": "Y",
    "yearly": "Y",
    "semiannually": "M",
    "semi-annually": "M",
    "hourly": "H",
}
_ADVERB_AMOUNTS = {"biweekly": 2, "bi-weekly": 2, "semiannually": 6, "semi-annually": 6}


def _adverb_set(m: re.Match[str]) -> Reading | None:
    word = m["word"].lower()
    return Reading(Recurrence(unit=_ADVERB_SETS[word], amount=_ADVERB_AMOUNTS.get(word, 1)))


def _every(m: re.Match[str]) -> Reading | None:
    if m["wd"]:
        return Reading(Recurrence(weekday=weekday_number(m["wd"])))
    if m["mon"]:
        return Reading(Recurrence(month=month_number(m["mon"])), cased=m.span("mon"))
    unit = unit_code(m["unit"])
    if unit is None:
        return None
    amount = parse_amount(m["num"]) if m["num"] else 1.0
    if m["other"]:
        amount = 2.0
    return Reading(Recurrence(unit=unit, amount=amount or 1.0))


_RATE_CONTEXT = re.compile(
    r"(?:\d|%|percent|cents?|dollars?|illion|times|once|twice|shares?|barrels?|tons?|flights|hours|"
    r"days|seats|trips|visits|meals|units|people|cars)\W{0,2}$",
    re.I,
)


def _rate(m: re.Match[str]) -> Reading | None:
    """ "a year" after an amount ("four flights a week", "$40 billion a year") is a rate;
    TimeBank leaves rates unmarked, so the span is claimed and dropped."""
    if group(m, "det") != "per" and not _RATE_CONTEXT.search(m.string[max(0, m.start() - 25) : m.start()]):
        return None
    return Reading(NotTemporal())


_REFERENCES = {
    "PRESENT_REF": (
        "now",
        "right now",
        "just now",
        "currently",
        "presently",
        "at present",
        "nowadays",
        "these days",
        "this moment",
        "the present",
        "current",
    ),
    "PAST_REF": ("recently", "more recently", "most recently", "lately", "the past", "recent years"),
    "FUTURE_REF": (
        "the future",
        "the near future",
        "the foreseeable future",
        "the immediate future",
        "the distant future",
        "the near term",
        "the short term",
        "the long term",
        "as soon as possible",
        "coming months",
        "the coming months",
        "coming years",
        "the coming years",
        "coming weeks",
        "the coming weeks",
        "coming days",
        "the coming days",
        "future quarters",
        "someday",
        "some day",
    ),
}
_REFERENCE_OF = {w: value for value, words in _REFERENCES.items() for w in words}
_REFERENCE_WORDS = "|".join(sorted((w.replace(" ", r"\s+") for w in _REFERENCE_OF), key=len, reverse=True))


def _vague_reference(m: re.Match[str]) -> Reading | None:
    return Reading(VagueReference(_REFERENCE_OF[normalise_space(m["word"])]))


_CLOCK_DAY = (
    rf"(?P<wd>{WEEKDAY})|(?P<deictic>today|tonight|yesterday|tomorrow)"
    rf"|(?P<mon>{MONTH})\s*(?P<dd>{DAY_NUMBER})"
)


def _clock_day(m: re.Match[str]) -> CalendarDate | WeekdayDate | Shift | None:
    if m["wd"]:
        return WeekdayDate(weekday_number(m["wd"]) or 1)
    if m["deictic"]:
        return Shift("D", abs(_DEICTIC_DAYS[m["deictic"].lower()]), _DEICTIC_DAYS[m["deictic"].lower()] or 1)
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

RELATIVE_RULES: tuple[Rule, ...] = (
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
        "the week",
        r"\bthe\s+week\b(?![-\s]+(?:of|before|after|earlier|ago|old)\b)",
        _the_week,
        priority=8,
        anchor=r"week",
    ),
    rule(
        "age",
        rf"\b(?:{NUMBER}|{HYPHEN_NUMBER})[-\s]+(?:years?|months?|weeks?|days?)[-\s]+old\b",
        _not_temporal,
        priority=0,
        anchor=r"old",
    ),
    rule(
        "bare units",
        r"\b(?:for|within|in|over|after|the)\s+(?P<unit>years|months|weeks|days|decades|centuries|hours)\b"
        r"(?![-\s]*(?:old|ago|later|earlier)\b)",
        _bare_units,
        priority=8,
        anchor=UNIT_ANCHOR,
    ),
    rule(
        "shift",
        rf"\b(?:(?P<mod>{APPROXIMATOR})\s+)?(?P<num>{NUMBER})?\s*(?<![\w-])(?P<unit>{UNIT})(?P<orso>\s+or\s+so)?\s+"
        r"(?P<dir>ago|back|earlier|later|from\s+now|hence|previously|afterwards?)\b",
        _shift,
        priority=2,
        anchor=UNIT_ANCHOR,
    ),
    rule(
        "unit before",
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
    rule(
        "duration",
        rf"\b(?:(?:the|a|an)\s+)?(?:(?:past|last|next|first|coming|previous|following|final|latest|initial|"
        rf"remaining|ensuing|preceding|prior|succeeding|same|latest|recent)\s+)?(?:(?P<mod>{APPROXIMATOR})\s+)?"
        rf"(?P<num>{NUMBER})(?:\s+(?:to|or|-|–)\s+{NUMBER})?\s+(?:more\s+|additional\s+|full\s+|straight\s+|"
        rf"consecutive\s+|long\s+|further\s+|extra\s+)?(?P<unit>{UNIT})(?:\s+or\s+so)?(?!-)",
        _duration,
        priority=6,
        anchor=UNIT_ANCHOR,
    ),
    rule(
        "hyphenated duration",
        rf"\b(?P<num>{HYPHEN_NUMBER})-(?P<unit>{UNIT_SINGULAR})(?:-long)?\b(?!-old)",
        _hyphen_duration,
        anchor=UNIT_ANCHOR,
    ),
    rule(
        "unit long",
        r"\b(?P<unit>days?|weeks?|months?|years?|decades?|hours?)-long\b",
        _unit_long,
        anchor=r"-long",
    ),
    rule(
        "vague duration",
        r"\b(?:recent|the\s+next\s+few|the\s+past\s+few)\s+(?P<unit>months|weeks|days|decades|quarters)\b",
        _vague_duration,
        priority=4,
        anchor=UNIT_ANCHOR,
    ),
    rule(
        "adverb set",
        r"\b(?P<word>daily|nightly|weekly|bi-?weekly|monthly|quarterly|annually|yearly|semi-?annually|hourly)\b",
        _adverb_set,
        anchor=r"ly\b",
    ),
    rule(
        "every",
        rf"\b(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<wd>{WEEKDAY})|(?P<mon>{MONTH_FULL})\b|"
        rf"(?:(?P<num>{NUMBER})\s+)?(?P<unit>{UNIT}))",
        _every,
        priority=3,
        anchor=r"every|each",
    ),
    rule(
        "rate",
        r"\b(?P<det>a|an|per)\s+(?P<unit>year|month|week|day|hour|quarter)\b",
        _rate,
        priority=0,
        anchor=UNIT_ANCHOR,
    ),
    rule(
        "weekday set",
        rf"\b(?P<wd>{WEEKDAY_PLURAL})|\b(?P<wd2>{WEEKDAY})\s+(?P<pod2>nights|mornings|evenings|afternoons)\b",
        lambda m: _weekday_set(m),
        anchor=WEEKDAY_ANCHOR,
    ),
    rule(
        "vague reference",
        rf"\b(?P<word>{_REFERENCE_WORDS})\b(?!-)",
        _vague_reference,
        priority=7,
        anchor=r"now|current|present|recent|lately|past|future|term|moment|possible|day|month|year|week|quarter",
    ),
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
        r"\b(?P<h>[01]\d|2[0-3]):(?P<min>[0-5]\d)(?P<ampm>)\s*(?:(?:[ecmp][sd]t|gmt|utc)\b|local\s+time|hours?\b)"
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


def _weekday_set(m: re.Match[str]) -> Reading | None:
    weekday = weekday_number((m["wd"] or m["wd2"]).rstrip("s"))
    pod = PARTS_OF_DAY[m["pod2"].lower().rstrip("s")] if m["pod2"] else None
    return Reading(Recurrence(weekday=weekday, part_of_day=pod)) if weekday else None
