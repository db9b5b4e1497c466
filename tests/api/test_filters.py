"""The filter parsing shared by pages and API (app/store/queries/filters.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from starlette.datastructures import QueryParams

from app.errors import BadRequest
from app.store.queries import filters
from app.store.queries.common import Cursor, Direction
from app.store.queries.events import EventFilter, Order
from app.store.queries.quotes import QUOTE_KINDS


def test_blank_values_are_absent_and_repeats_are_kept_once() -> None:
    f = filters.event_filter(q="  ", entity=["nato", "", "nato", "joe-biden"], kind=[], date_from="")
    assert f == EventFilter(entities=("nato", "joe-biden"))


def test_to_is_the_last_day_of_the_month_or_year_it_names() -> None:
    assert filters.date_range("2024-07", "2024-07") == (dt.date(2024, 7, 1), dt.date(2024, 7, 31))
    assert filters.date_range("2024", "2024") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert filters.date_range(None, "2024-02") == (None, dt.date(2024, 2, 29))


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"date_from": "2024-08", "date_to": "2024-07"}, "from"),
        ({"date_from": "2024-13"}, "from"),
        ({"date_to": "July"}, "to"),
        ({"kind": ["meeting", "party"]}, "kind"),
        ({"status": "maybe"}, "status"),
        ({"order": "random"}, "order"),
        ({"q": "a\x00b"}, "q"),
        ({"entity": ["nato\x00"]}, "entity"),
    ],
)
def test_a_value_we_cannot_use_names_its_parameter(kwargs: dict[str, object], param: str) -> None:
    with pytest.raises(BadRequest) as caught:
        filters.event_filter(**kwargs)  # type: ignore[arg-type]
    assert caught.value.param == param


def test_quotes_default_to_direct_and_partial() -> None:
    assert filters.quote_filter().kinds == QUOTE_KINDS
    assert filters.quote_filter(kind=["indirect"]).kinds == ("indirect",)


def test_a_page_and_the_api_read_one_query_string_alike() -> None:
    params = QueryParams(
        "entity=nato&entity=joe-biden&kind=meeting&from=2024-07&to=2024&order=oldest&q=talks"
    )
    assert filters.event_filter_from(params) == filters.event_filter(
        entity=["nato", "joe-biden"],
        kind=["meeting"],
        date_from="2024-07",
        date_to="2024",
        order="oldest",
        q="talks",
    )
    assert filters.event_filter_from(params).order is Order.OLDEST


def test_cursors_must_be_ours_and_fit_the_database() -> None:
    good = Cursor(Direction.NEXT, "2024-07-01", 12).encode()
    assert filters.cursor(good) == good
    assert filters.cursor("") is None
    for bad in [
        "abc",
        Cursor(Direction.NEXT, "2024-07-01", 2**70).encode(),
        Cursor(Direction.NEXT, "9" * 30, 1).encode(),
    ]:
        with pytest.raises(BadRequest) as caught:
            filters.cursor(bad)
        assert caught.value.param == "cursor"
