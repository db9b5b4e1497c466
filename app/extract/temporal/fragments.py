"""Regular-expression fragments for temporal expressions, built from the lexicon tables.

Rules in `rules` compose these; everything is compiled once at import (cheap: plain strings).
Extents follow TimeML (TIMEX3): determiners and modifiers belong to the expression ("the past
three years", "last month", "early next year"), prepositions do not ("on Thursday").
"""

from __future__ import annotations

from app.extract.temporal.lexicon import (
    DECADE_WORDS,
    ORDINALS,
    SMALL_NUMBER_WORDS,
    TENS_WORDS,
    UNIT_DIGITS,
)


def alternatives(words: list[str] | tuple[str, ...] | dict[str, object]) -> str:
    """Longest first, so that "September" is tried before "Sept"."""
    return "|".join(sorted((w.replace(" ", r"\s+") for w in words), key=len, reverse=True))


MONTH_FULL = "january|february|march|april|may|june|july|august|september|october|november|december"
# Abbreviations need their period ("Jan. 14"), except "Sept", which is common without one.
MONTH_ABBR = r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.|sept\b"
MONTH = rf"(?:(?:{MONTH_FULL})\b|{MONTH_ABBR})"

WEEKDAY = r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|(?:tues|wed|thurs|thur)\.)"
WEEKDAY_PLURAL = r"(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)\b"

DAY_NUMBER = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:.%]\d|[\d%])"
ORDINAL_DAY = (
    r"(?:twenty-first|twenty-second|twenty-third|thirty-first|"
    + alternatives([w for w in ORDINALS if "-" not in w])
    + ")"
)

# A year standing alone: four digits, not part of a longer number or an amount.
YEAR = r"(?<![\d$£€.,/:#])(?<!\d-)(?:1\d{3}|20\d{2}|21\d{2})(?![\d%]|,\d|\.\d)"
SPOKEN_YEAR = (
    rf"(?:(?:nineteen|eighteen)[\s-]+(?:hundred[\s-]+(?:and[\s-]+)?)?"
    rf"(?:(?:{TENS_WORDS})(?:[\s-]+(?:{UNIT_DIGITS}))?|{SMALL_NUMBER_WORDS})"
    rf"|two\s+thousand(?:[\s-]+(?:and[\s-]+)?(?:(?:{TENS_WORDS})(?:[\s-]+(?:{UNIT_DIGITS}))?|{SMALL_NUMBER_WORDS}))?)"
)

_BELOW_HUNDRED = rf"(?:(?:{TENS_WORDS})(?:[\s-]+(?:{UNIT_DIGITS}))?|{SMALL_NUMBER_WORDS})"
# "two hundred", "one hundred and sixty", "a hundred and fifty-eight"
_HUNDRED = rf"[\s-]+hundred(?:[\s-]+(?:and[\s-]+)?{_BELOW_HUNDRED})?"
_WORD_NUMBER = rf"{_BELOW_HUNDRED}(?:{_HUNDRED})?"
DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
NUMBER = (
    rf"(?:(?:{DIGITS})(?:\s+\d/\d)?|\d/\d|{_WORD_NUMBER}|a{_HUNDRED}|a\s+dozen|dozens\s+of|hundreds\s+of"
    r"|a\s+couple(?:\s+of)?|couple\s+of|a\s+few|several|a\s+number\s+of|many|few|half\s+an?|a\s+half|an?)"
    r"(?:(?:\s+|-)and(?:\s+|-)a(?:\s+|-)half)?"
)
# Numbers that can open a hyphenated adjective: "five-year", "16-hour", "two-and-a-half-year".
HYPHEN_NUMBER = rf"(?:\d+(?:\.\d+)?|{_WORD_NUMBER}|several|multi|half)(?:-and-a-half)?"

UNIT = (
    r"(?:(?:trading|business|working|calendar|school)\s+)?"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|centur(?:y|ies)|millenni(?:um|a))\b"
)
UNIT_SINGULAR = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century)"

SEASON = r"(?:spring|summer|fall|autumn|winter)\b"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)\b"

ORDINAL_WORD = alternatives(list(ORDINALS))
DECADE_WORD = alternatives(list(DECADE_WORDS))

# TIMEX3 mod values for quantity modifiers ("about two years" -> APPROX).
APPROXIMATORS: dict[str, str] = {
    "about": "APPROX",
    "around": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
    "close to": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "under": "LESS_THAN",
    "just under": "LESS_THAN",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "just over": "MORE_THAN",
    "well over": "MORE_THAN",
    "upwards of": "MORE_THAN",
    "in excess of": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
    "not more than": "EQUAL_OR_LESS",
}
APPROXIMATOR = alternatives(list(APPROXIMATORS))

# Modifiers before a date: "early next year", "the end of 1990", "mid-1996", "later this month".
POSITION_MODS: dict[str, str | None] = {
    "early": "START",
    "beginning": "START",
    "start": "START",
    "late": "END",
    "end": "END",
    "close": "END",
    "mid": "MID",
    "middle": "MID",
    "earlier": None,
    "later": None,
}

# Anchors (see rule.rule): stems every match of a family of rules contains.
UNIT_ANCHOR = r"second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur|millenni"
MONTH_ANCHOR = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
WEEKDAY_ANCHOR = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues\.|wed\.|thur"
DIGIT_ANCHOR = r"\d"
