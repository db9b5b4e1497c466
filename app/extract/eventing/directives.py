"""An order's deadlines: "within 90 days of the date of this order, … shall submit a report" is
an expected happening on the order's date plus 90 days (or weeks, months, a year).

The phrasings are those of the 24 executive orders and memoranda of the White House corpus that
set such deadlines ("within N days of the date of this order|memorandum", "not later than N days
after the date of this memorandum", "no later than N days from the date of this order"); N is
written in digits or in words, sometimes both ("thirty (30) days").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from app.extract.temporal.calendar import add_months
from app.extract.temporal.lexicon import word_number

_DEADLINE = re.compile(
    r"\b(?:within|not later than|no later than)\s+(?P<n>\d{1,4}|[a-z]+(?:[\s\-][a-z]+){0,3}?)\s+"
    r"(?:\((?P<digits>\d{1,4})\)\s+)?(?:calendar\s+)?(?P<unit>day|week|month|year)s?\s+"
    r"(?:of|after|from|following)\s+the\s+date\s+of\s+"
    r"this\s+(?:order|memorandum|proclamation|directive)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Deadline:
    start: int
    end: int
    count: int
    unit: str  # day | week | month | year

    def after(self, signed: dt.date) -> dt.date:
        """The deadline for an instrument signed on `signed`."""
        if self.unit == "day":
            return signed + dt.timedelta(days=self.count)
        if self.unit == "week":
            return signed + dt.timedelta(weeks=self.count)
        return add_months(signed, self.count * (12 if self.unit == "year" else 1))


def deadlines(text: str) -> Iterator[Deadline]:
    """Every "within N days of the date of this order" in `text`, with N and its unit."""
    for m in _DEADLINE.finditer(text):
        raw = m["digits"] or m["n"]
        count = int(raw) if raw.isdigit() else word_number(raw.replace("-", " ").lower())
        if count:
            yield Deadline(m.start(), m.end(), count, m["unit"].lower())
