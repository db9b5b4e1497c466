"""Publication dates as papers and feeds write them ("July 1, 2024", "2024-07-01T09:30:00Z",
"Updated Monday, July 1, 2024 5:30 pm ET"), parsed with dateparser."""

from __future__ import annotations

import datetime as dt
import re

_PREFIX = re.compile(r"^(updated|published|posted|last updated|first published)\s*:?\s*", re.I)
_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?"
    r"|nov(ember)?|dec(ember)?"
)
_DATE_LIKE = re.compile(rf"\b({_MONTHS})\b\.?|\b\d{{4}}\b|\b\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}\b", re.I)
_MIN_YEAR, _MAX_YEAR = 1800, 2200


def looks_like_date_line(line: str) -> bool:
    """A short line that mentions a month or a year: meant as a date, parseable or not."""
    return len(line) <= 80 and bool(_DATE_LIKE.search(line)) and len(line.split()) <= 12


def parse_datetime(text: str) -> dt.datetime | None:
    """A full date (day, month and year required) or None. Time and zone kept when given."""
    import dateparser  # imported late: loading its language data takes about a second

    cleaned = _PREFIX.sub("", text.strip())
    try:
        value = dt.datetime.fromisoformat(cleaned.replace("Z", "+00:00"))
    except ValueError:
        value = dateparser.parse(
            cleaned,
            languages=["en"],
            settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"},
        )
    if value is None or not (_MIN_YEAR <= value.year <= _MAX_YEAR):
        return None
    return value


def has_time(text: str) -> bool:
    return bool(re.search(r"\d{1,2}:\d{2}|\b\d{1,2}\s*(a\.?m\.?|p\.?m\.?)\b|T\d{2}", text, re.I))
