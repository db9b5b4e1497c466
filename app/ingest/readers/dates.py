"""Publication dates as papers and feeds write them ("July 1, 2024", "2024-07-01T09:30:00Z",
"Updated Monday, July 1, 2024 5:30 pm ET"), parsed with dateparser."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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


# US papers' zone names that stand for standard or daylight time as the date falls
_US_ZONES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
_US_ZONE = re.compile(r"\s*\b(ET|CT|MT|PT)\b\.?\s*$")


def parse_datetime(text: str) -> dt.datetime | None:
    """A full date (day, month and year required) or None. Time and zone kept when given;
    "ET" and its kin are read as the zone's standard or daylight time on that date."""
    cleaned = _PREFIX.sub("", text.strip())
    zone = _US_ZONE.search(cleaned)
    if zone:
        value = _parse(cleaned[: zone.start()])
        try:
            tz = ZoneInfo(_US_ZONES[zone.group(1)])
        except ZoneInfoNotFoundError:  # no time zone data on this system
            return _parse(cleaned)
        return value.replace(tzinfo=tz) if value is not None and value.tzinfo is None else value
    return _parse(cleaned)


def _parse(cleaned: str) -> dt.datetime | None:
    import dateparser  # imported late: loading its language data takes about a second

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
