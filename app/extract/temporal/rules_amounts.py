"""Rules for amounts of time and repetitions: "the past three years", "five-year", "for years",
"daily", "every Thursday"; vague references ("now", "recently"); and look-alikes that are
none ("a 6-year-old", "four flights a week")."""

from __future__ import annotations

import re

from app.extract.temporal.fragments import (
    APPROXIMATOR,
    APPROXIMATORS,
    HYPHEN_NUMBER,
    MONTH_FULL,
    NUMBER,
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
)
from app.extract.temporal.meanings import (
    Duration,
    NotTemporal,
    Recurrence,
    VagueReference,
)
from app.extract.temporal.rule import Reading, Rule, group, normalise_space, rule


def _bare_units(m: re.Match[str]) -> Reading | None:
    """ "for years", "within weeks": the unit alone is the expression (TimeML leaves out the
    preposition), an unknown number of them."""
    unit = unit_code(m["unit"])
    return Reading(Duration(unit, None), span=m.span("unit")) if unit else None


def _not_temporal(m: re.Match[str]) -> Reading | None:
    return Reading(NotTemporal())


# "a second term", "for a second year": an ordinal, not one second (the corpus writes "a second"
# before a noun 130 times); "wait a second", "a second or two", "a second later" stay durations.
_ORDINAL_AFTER = re.compile(
    r"[ \t]+(?!(?:ago|later|earlier|or|and|to|too|before|after|of|in|because|but|so|when|while|then|now|here"
    r"|there|please|longer|more|less|as|if|until|than)\b)[a-z]"
)
# "three quarters of the women", "a quarter of all Americans": a share, not nine or three months
# ("two quarters of growth", "a quarter of the year" stay).
_SHARE_AFTER = re.compile(
    r"\s+of\s+(?:the|all|our|their|its|those|these|us|them|his|her|my|your|[A-Z])\b(?!\s+(?:fiscal\s+)?year)"
)


def _duration(m: re.Match[str]) -> Reading | None:
    unit = unit_code(m["unit"])
    if unit is None:
        return None
    text = normalise_space(m["num"])
    word = m["unit"].lower()
    if word == "second" and text in ("a", "one") and _ORDINAL_AFTER.match(m.string, m.end()):
        return Reading(NotTemporal())
    if word in ("quarter", "quarters") and _SHARE_AFTER.match(m.string, m.end()):
        return Reading(NotTemporal())
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


def _weekday_set(m: re.Match[str]) -> Reading | None:
    weekday = weekday_number((m["wd"] or m["wd2"]).rstrip("s"))
    pod = PARTS_OF_DAY[m["pod2"].lower().rstrip("s")] if m["pod2"] else None
    return Reading(Recurrence(weekday=weekday, part_of_day=pod)) if weekday else None


AMOUNT_RULES: tuple[Rule, ...] = (
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
)
