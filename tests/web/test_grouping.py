"""Timeline grouping by precision: a pure function, tested without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from app.store.queries.views import ArticleRef, EventItem
from app.web.grouping import group_events, period_of

D = dt.date
ARTICLE = ArticleRef(1, "An article", "Test Wire", D(2024, 7, 1), None)


def event(
    ident: int, start: dt.date, end: dt.date | None = None, granularity: str = "day", value: str = ""
) -> EventItem:
    return EventItem(
        id=ident,
        value=value or start.isoformat(),
        start_date=start,
        end_date=end or start,
        granularity=granularity,
        status="happened",
        kind="other",
        summary=f"event {ident}",
        trigger=None,
        article=ARTICLE,
        sentence=None,
        date_text=None,
    )


DEBATE = event(1, D(2024, 6, 27))
SUMMIT_WEEK = event(2, D(2024, 7, 8), D(2024, 7, 14), "week", "2024-W28")
JUNE = event(3, D(2024, 6, 1), D(2024, 6, 30), "month", "2024-06")
JUNE_FIRST = event(4, D(2024, 6, 1))
TREATY = event(5, D(1949, 1, 1), D(1949, 12, 31), "year", "1949")
TERM = event(6, D(2009, 1, 1), D(2013, 12, 31), "year", "2009/2013")
SUMMER = event(7, D(2024, 6, 1), D(2024, 8, 31), "season", "2024-SU")


def labels(groups) -> list[str]:  # type: ignore[no-untyped-def]
    return [g.period.label for g in groups]


def test_a_day_event_sits_under_its_day() -> None:
    assert period_of(DEBATE).label == "June 27, 2024"


def test_a_week_event_sits_under_its_week_by_the_monday() -> None:
    assert period_of(SUMMIT_WEEK).label == "week of July 8, 2024"


def test_a_month_event_sits_under_the_month_not_on_its_first_day() -> None:
    groups = group_events([JUNE_FIRST, JUNE], "day", newest_first=False)
    assert labels(groups) == ["June 2024", "June 1, 2024"]
    assert [e.id for e in groups[0].events] == [JUNE.id]
    assert [e.id for e in groups[1].events] == [JUNE_FIRST.id]


def test_reading_backward_the_month_comes_after_its_first_day() -> None:
    groups = group_events([JUNE_FIRST, JUNE], "day", newest_first=True)
    assert labels(groups) == ["June 1, 2024", "June 2024"]


def test_a_year_range_keeps_both_ends() -> None:
    assert period_of(TERM).label == "2009–2013"


def test_a_season_keeps_its_own_name() -> None:
    assert period_of(SUMMER).label == "summer 2024"


def test_grouping_by_month_gathers_days_and_weeks_but_not_years() -> None:
    groups = group_events([SUMMIT_WEEK, DEBATE, JUNE_FIRST, JUNE, TREATY], "month", newest_first=True)
    assert labels(groups) == ["July 2024", "June 2024", "1949"]
    assert {e.id for e in groups[1].events} == {DEBATE.id, JUNE_FIRST.id, JUNE.id}


def test_grouping_by_week_puts_a_day_under_its_week() -> None:
    [group] = group_events([DEBATE], "week")
    assert group.period.label == "week of June 24, 2024"


def test_grouping_by_year() -> None:
    groups = group_events([SUMMIT_WEEK, DEBATE, TREATY], "year", newest_first=False)
    assert labels(groups) == ["1949", "2024"]


def test_events_keep_the_lists_order_inside_a_group() -> None:
    later = event(8, D(2024, 6, 27))
    [group] = group_events([later, DEBATE], "day")
    assert [e.id for e in group.events] == [later.id, DEBATE.id]


def test_group_anchors_are_stable_and_unique_fragment_ids() -> None:
    assert period_of(SUMMIT_WEEK).anchor == "p-week-2024-07-08"
    two_days = event(9, D(2024, 6, 27), D(2024, 6, 28))
    assert period_of(DEBATE).anchor == "p-day-2024-06-27"
    assert period_of(two_days).anchor == "p-day-2024-06-27--2024-06-28"
    assert period_of(SUMMER).anchor == "p-season-2024-06-01--2024-08-31"


def test_an_unknown_grouping_is_refused() -> None:
    with pytest.raises(ValueError):
        group_events([DEBATE], "fortnight")
