"""Page-only parameters. Filters (q, entity, kind, from, to...) are read by
app/store/queries/filters.py, shared with the JSON API so one URL means one filter on both;
what is left here is how a page is shown (grouping, order) and ids from the path.

A value a page cannot use is a BadRequest (400) naming the parameter and the value; an id that
cannot exist is a NotFound (404). No user input reaches the database in a form that fails
there."""

from __future__ import annotations

from collections.abc import Sequence

from app.errors import BadRequest, NotFound
from app.store.queries import filters
from app.store.queries.filters import MultiParams

MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL
MAX_REPEATS = 20  # entity=a&entity=b...: more is no filter a reader built
MAX_TEXT = 500


def choice(params: MultiParams, name: str, allowed: Sequence[str]) -> str | None:
    value = filters.text(params.get(name), name)
    if value is not None and value not in allowed:
        raise BadRequest(f"{name} {value!r} is not one of {', '.join(allowed)}", name, value)
    return value


def check_sizes(params: MultiParams, names: Sequence[str]) -> None:
    """Refuse absurdly long or repeated values before they become SQL parameters."""
    for name in names:
        given = params.getlist(name)
        if len(given) > MAX_REPEATS:
            raise BadRequest(f"{name} is given {len(given)} times; at most {MAX_REPEATS}", name)
        for value in given:
            if len(value) > MAX_TEXT:
                raise BadRequest(f"{name} is longer than {MAX_TEXT} characters", name, value[:40] + "…")


def path_id(value: str, what: str) -> int:
    """An id from the path: anything but a plausible id is simply not there (404)."""
    if not (value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID):
        raise NotFound(f"There is no {what} {value[:40]!r}.")
    return int(value)


def path_slug(value: str, what: str) -> str:
    if "\x00" in value or len(value) > MAX_TEXT:
        raise NotFound(f"There is no {what} {value[:40]!r}.")
    return value
