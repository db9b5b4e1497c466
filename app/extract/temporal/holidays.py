"""Named days: fixed ones become calendar dates, movable ones are computed per year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app.extract.temporal.fragments import YEAR
from app.extract.temporal.meanings import CalendarDate, Holiday


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ISO `weekday` of the month; n = -1 for the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


FIXED: dict[str, tuple[int, int]] = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "independence day": (7, 4),
    "the fourth of july": (7, 4),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "veterans day": (11, 11),
    "inauguration day": (1, 20),
    "boxing day": (12, 26),
    # observances the White House marks each year on a fixed day
    "juneteenth": (6, 19),
    "earth day": (4, 22),
    "world aids day": (12, 1),
    "transgender day of visibility": (3, 31),
    "international overdose awareness day": (8, 31),
    "overdose awareness day": (8, 31),
}

MOVABLE: dict[str, Callable[[int], dt.date]] = {
    "thanksgiving": lambda y: _nth_weekday(y, 11, 4, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 4, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 1, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 1, -1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 1, 3),
    "presidents' day": lambda y: _nth_weekday(y, 2, 1, 3),
    "election day": lambda y: _nth_weekday(y, 11, 1, 1) + dt.timedelta(days=1),
    "easter": easter,
    "easter sunday": easter,
    "good friday": lambda y: easter(y) - dt.timedelta(days=2),
}

HOLIDAY_ANCHOR = (
    r"christmas|new year|independence|fourth of july|halloween|valentine|veterans|inauguration|boxing"
    r"|thanksgiving|labor|memorial|luther|presidents|election|easter|good friday"
    r"|juneteenth|earth day|aids day|visibility|awareness day"
)
HOLIDAY_PATTERN = (
    r"\b(?:(?P<occ>last|next|this)\s+)?(?P<name>christmas(?:\s+(?:day|eve))?|new\s+year's\s+(?:day|eve)|independence\s+day"
    r"|the\s+fourth\s+of\s+july|halloween|valentine's\s+day|veterans\s+day|inauguration\s+day|boxing\s+day"
    r"|thanksgiving(?:\s+day)?|labor\s+day|memorial\s+day|martin\s+luther\s+king(?:\s+jr\.?)?\s+day"
    r"|presidents'?\s+day|election\s+day|easter(?:\s+sunday)?|good\s+friday"
    r"|juneteenth|earth\s+day|world\s+aids\s+day"
    r"|transgender\s+day\s+of\s+visibility|(?:international\s+)?overdose\s+awareness\s+day)\b"
    rf"(?:,?\s+(?P<year>{YEAR}))?"
)


def _key(name: str) -> str:
    key = " ".join(name.lower().replace("’", "'").split()).replace("presidents day", "presidents' day")
    return key.replace("martin luther king jr. day", "martin luther king day").replace(
        "martin luther king jr day", "martin luther king day"
    )


def holiday_meaning(
    name: str, year: int | None, occurrence: int | None = None
) -> CalendarDate | Holiday | None:
    key = _key(name)
    if key in FIXED:
        month, day = FIXED[key]
        return CalendarDate(year=year, month=month, day=day, occurrence=occurrence)
    if key in MOVABLE:
        return Holiday(key, year, occurrence)
    return None


def holiday_date(name: str, year: int) -> dt.date | None:
    compute = MOVABLE.get(name)
    try:
        return compute(year) if compute else None
    except ValueError:
        return None
