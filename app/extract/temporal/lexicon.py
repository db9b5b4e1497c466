"""Words of English temporal expressions and the numbers they carry.

Everything here is a plain table or a pure function over a matched string; the regular
expressions in `patterns` are built from these tables so that both agree.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# ISO weekday numbers (Monday = 1), as TIMEX3 writes them in "XXXX-WXX-4".
WEEKDAYS: dict[str, int] = {
    "monday": 1,
    "tuesday": 2,
    "wednesday": 3,
    "thursday": 4,
    "friday": 5,
    "saturday": 6,
    "sunday": 7,
}
WEEKDAY_ABBREVIATIONS: dict[str, int] = {"tues": 2, "wed": 3, "thurs": 4, "thur": 4}

# TIMEX3 season codes (TimeML 1.2.1 guidelines, section 2.2.1).
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

# TIMEX3 parts of the day.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "mid-afternoon": "AF",
    "midafternoon": "AF",
    "mid afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "tonight": "NI",
}

# Days named relative to the publication day, in days from it.
DEICTIC_DAYS = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}

# Calendar units, keyed by singular form, to the unit code used across the package.
UNITS: dict[str, str] = {
    "second": "S",
    "minute": "MIN",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "fortnight": "FORTNIGHT",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "millennium": "ML",
}

_SMALL_NUMBERS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Quantities a reader cannot count: TIMEX3 writes the amount as X ("PXY").
VAGUE_AMOUNTS = frozenset(
    {"few", "a few", "several", "many", "some", "a number of", "numerous", "various", "countless"}
)

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "thirtieth": 30,
}

# Decades spelled out: "the nineties" -> 9.
DECADE_WORDS: dict[str, int] = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}

SMALL_NUMBER_WORDS = "|".join(sorted(_SMALL_NUMBERS, key=len, reverse=True))
TENS_WORDS = "|".join(_TENS)
UNIT_DIGITS = "one|two|three|four|five|six|seven|eight|nine"

_FRACTION = re.compile(r"(\d+)\s*/\s*(\d+)")
_SPACES = re.compile(r"[\s-]+")


def word_number(text: str) -> int | None:
    """Integer value of a spelled-out number up to the thousands: "twenty-four", "a hundred"."""
    words = [w for w in _SPACES.split(text.lower().strip()) if w and w != "and"]
    if not words:
        return None
    total = current = 0
    for word in words:
        if word in _SMALL_NUMBERS:
            current += _SMALL_NUMBERS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in ("a", "an"):
            current += 1
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


def parse_amount(text: str) -> float | None:
    """The number of units in "two", "2 1/2", "a couple of", "two and a half", "1,000";
    None when the amount is vague ("several", "a few") or unreadable."""
    raw = " ".join(text.lower().split())
    if raw in VAGUE_AMOUNTS:
        return None
    if raw in ("a couple", "a couple of", "couple of", "a pair of"):
        return 2.0
    half = 0.0
    for suffix in (" and a half", " and one half", "-and-a-half"):
        if raw.endswith(suffix):
            raw, half = raw[: -len(suffix)].strip(), 0.5
    if raw in ("half a", "half an", "a half", "half"):
        return 0.5
    fraction = 0.0
    match = _FRACTION.search(raw)
    if match and int(match[2]):
        fraction = int(match[1]) / int(match[2])
        raw = raw[: match.start()].strip()
        if not raw:
            return fraction
    digits = raw.replace(",", "")
    try:
        return float(digits) + fraction + half
    except ValueError:
        pass
    value = word_number(raw)
    return None if value is None else value + fraction + half


def spoken_year(text: str) -> int | None:
    """Years read aloud in broadcast transcripts: "nineteen ninety-six", "two thousand one"."""
    words = [w for w in _SPACES.split(text.lower()) if w and w != "and"]
    if len(words) >= 2 and words[0] in ("nineteen", "eighteen", "twenty") and words[1] != "thousand":
        century = _SMALL_NUMBERS.get(words[0]) or _TENS.get(words[0])
        rest = words[1:]
        if rest and rest[0] == "hundred":
            rest = rest[1:]
        tail = word_number(" ".join(rest)) if rest else 0
        if century is not None and tail is not None and tail < 100:
            return century * 100 + tail
        return None
    value = word_number(" ".join(words))
    return value if value is not None and 1000 <= value <= 2200 else None


def month_number(word: str) -> int | None:
    key = word.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBREVIATIONS.get(key)


def weekday_number(word: str) -> int | None:
    key = word.lower().rstrip(".")
    return WEEKDAYS.get(key) or WEEKDAY_ABBREVIATIONS.get(key)


def unit_code(word: str) -> str | None:
    """Unit code of "years", "trading days", "centuries"... (plural or singular)."""
    key = word.lower().split()[-1]
    if key.endswith("ies"):
        key = key[:-3] + "y"
    elif key.endswith("ia"):
        key = key[:-1] + "um"
    elif key.endswith("s"):
        key = key[:-1]
    return UNITS.get(key)


def ordinal_number(word: str) -> int | None:
    key = word.lower()
    if key in ORDINALS:
        return ORDINALS[key]
    compound = re.match(r"(twenty|thirty)[\s-]+(\w+)$", key)  # "twenty-ninth", "thirty-first"
    if compound and compound[2] in ORDINALS and ORDINALS[compound[2]] < 10:
        return (20 if compound[1] == "twenty" else 30) + ORDINALS[compound[2]]
    digits = re.match(r"(\d+)(?:st|nd|rd|th)?$", key)
    return int(digits[1]) if digits else None
