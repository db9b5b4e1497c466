"""Keyset paging and the small values every query shares.

A cursor is opaque to clients: base64 of "direction|sort value|id". Pages move "next" (further
in the list's order) or "prev" (back towards its start); both are one index range scan, so a
page costs the same on page 1 and page 10,000.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from app.errors import BadRequest

T = TypeVar("T")


class Direction(StrEnum):
    NEXT = "next"
    PREV = "prev"


@dataclass(frozen=True)
class Cursor:
    direction: Direction
    key: str  # the sort value of the boundary row, as text
    id: int

    def encode(self) -> str:
        raw = f"{self.direction.value}|{self.key}|{self.id}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str, param: str = "cursor") -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
            direction, key, ident = raw.split("|")
            return cls(Direction(direction), key, int(ident))
        except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
            raise BadRequest(f"{param} {token!r} is not a cursor this site issued", param, token) from exc

    def date_key(self, param: str = "cursor") -> dt.date:
        try:
            return dt.date.fromisoformat(self.key)
        except ValueError as exc:
            raise BadRequest(f"{param} does not point into a date-ordered list", param) from exc

    def int_key(self, param: str = "cursor") -> int:
        try:
            return int(self.key)
        except ValueError as exc:
            raise BadRequest(f"{param} does not point into a count-ordered list", param) from exc


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a keyset-paged list; `next`/`prev` are cursors or None at either end."""

    items: Sequence[T]
    next: str | None
    prev: str | None


def clamp_limit(limit: int | None, default: int, maximum: int) -> int:
    if limit is None:
        return default
    if limit < 1:
        raise BadRequest(f"limit must be at least 1, got {limit}", "limit", limit)
    return min(limit, maximum)


# The last date a filter may name: the pages step a day, a week or a month past the range
# they show, and Python's dates end with 9999-12-31.
LAST_FILTER_DATE = dt.date(9998, 12, 31)


def parse_date(value: str | None, param: str) -> dt.date | None:
    """A date filter: YYYY-MM-DD, YYYY-MM (first day) or YYYY (first day), years 1 to 9998."""
    if value is None or value == "":
        return None
    text = value.strip()
    try:
        if len(text) == 4 and text.isdigit():
            day = dt.date(int(text), 1, 1)
        elif len(text) == 7 and text[4] == "-":
            day = dt.date(int(text[:4]), int(text[5:]), 1)
        else:
            day = dt.date.fromisoformat(text)
    except ValueError as exc:
        detail = f"{param} {value!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"
        raise BadRequest(detail, param, value) from exc
    if day > LAST_FILTER_DATE:
        raise BadRequest(f"{param} {value!r} is out of range: dates run from 0001 to 9998", param, value)
    return day


def parse_end_date(value: str | None, param: str) -> dt.date | None:
    """Like parse_date, but "2024-07" and "2024" mean the last day of that month or year."""
    start = parse_date(value, param)
    if start is None or value is None:
        return None
    text = value.strip()
    if len(text) == 4:
        return dt.date(start.year, 12, 31)
    if len(text) == 7:
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return start


def page_from_rows(
    rows: list[T],
    limit: int,
    direction: Direction,
    had_cursor: bool,
    key_of: Callable[[T], tuple[str, int]],
) -> Page[T]:
    """Build a Page from up to limit+1 rows fetched in `direction`; `key_of(row)` gives
    (key text, id) for cursors."""
    more = len(rows) > limit
    rows = rows[:limit]
    if direction is Direction.PREV:
        rows.reverse()
    if not rows:
        return Page(items=[], next=None, prev=None)
    first_key, first_id = key_of(rows[0])
    last_key, last_id = key_of(rows[-1])
    has_next = more if direction is Direction.NEXT else had_cursor
    has_prev = had_cursor if direction is Direction.NEXT else more
    return Page(
        items=rows,
        next=Cursor(Direction.NEXT, last_key, last_id).encode() if has_next else None,
        prev=Cursor(Direction.PREV, first_key, first_id).encode() if has_prev else None,
    )
