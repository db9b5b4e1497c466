"""Dates of reports and stories, compared as a reader would: a day inside the week or month
a story was announced for, "next week" said on July 1 against "July 9" said on July 8, and
reports that disagree kept apart as a conflict rather than averaged.

Pure functions over inclusive date ranges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.domain import GRANULARITY_RANK
from app.formatting import date_range

# A report or story of at most this many days may hold another inside it; longer periods
# (a quarter, a year) only meet the same period.
FINE_SPAN_DAYS = 31
# Reports this many days apart may still tell of one happening (a summit's second day, a
# date given a day off), on strong evidence otherwise; the story shows them as a conflict
# unless the days run on.
NEAR_DAYS = 2

RANK = GRANULARITY_RANK


class Fit(StrEnum):
    SAME = "same"  # the same range
    INSIDE = "inside"  # the report's range lies in the story's (a day in a week)
    CONTAINS = "contains"  # the story's range lies in the report's ("next week" for a day)
    OVERLAP = "overlap"  # ranges of several days that overlap
    NEAR = "near"  # a day or two apart
    SAME_PERIOD = "same-period"  # the same quarter, year or longer period: weak
    IN_PERIOD = "in-period"  # a day, week or month inside a quarter, year or longer: weaker still
    APART = "apart"  # incompatible


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date
    granularity: str = "day"
    value: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def rank(self) -> int:
        return RANK.get(self.granularity, 5)

    @property
    def label(self) -> str:
        return date_range(self.start, self.end, self.granularity, self.value)


def fit(report: Span, story: Span) -> Fit:
    if (report.start, report.end) == (story.start, story.end):
        return Fit.SAME_PERIOD if report.days > FINE_SPAN_DAYS else Fit.SAME
    if report.days > FINE_SPAN_DAYS or story.days > FINE_SPAN_DAYS:
        coarse, fine = (report, story) if report.days > story.days else (story, report)
        if fine.days <= FINE_SPAN_DAYS and coarse.start <= fine.start and fine.end <= coarse.end:
            return Fit.IN_PERIOD
        return Fit.APART
    if story.start <= report.start and report.end <= story.end:
        return Fit.INSIDE
    if report.start <= story.start and story.end <= report.end:
        return Fit.CONTAINS
    if report.start <= story.end and story.start <= report.end:
        return Fit.OVERLAP
    return Fit.NEAR if gap_days(report, story) <= NEAR_DAYS else Fit.APART


def gap_days(a: Span, b: Span) -> int:
    """Days strictly between two ranges (0 when they touch or overlap)."""
    return max((b.start - a.end).days - 1, (a.start - b.end).days - 1, 0)


@dataclass(frozen=True)
class StoryDates:
    """A story's date: the range its finest reports agree on, and the reported dates that
    disagree with it (with how many reports gave each)."""

    span: Span
    conflicts: tuple[tuple[Span, int], ...] = ()


def story_dates(reported: Mapping[Span, int]) -> StoryDates:
    """The finest reports decide: days beat weeks, weeks beat months. Among them, ranges that
    overlap or run on (at most a day between) make one run; the run with most reports is the
    story's date. Finer reports elsewhere, and coarser ones that do not hold it, conflict."""
    if not reported:
        raise ValueError("a story has at least one report")
    finest = min(span.rank for span in reported)
    fine = sorted((s for s in reported if s.rank == finest), key=lambda s: (s.start, s.end))
    runs: list[list[Span]] = []
    for span in fine:
        if runs and span.start <= max(s.end for s in runs[-1]) + dt.timedelta(days=2):
            runs[-1].append(span)
        else:
            runs.append([span])
    best = max(runs, key=lambda run: (sum(reported[s] for s in run), -runs.index(run)))
    start, end = min(s.start for s in best), max(s.end for s in best)
    if len(best) == 1:
        span = best[0]
    else:
        granularity = "day" if finest == 0 else best[0].granularity
        span = Span(start, end, granularity, f"{start.isoformat()}/{end.isoformat()}")
    conflicts = tuple(
        (s, n)
        for s, n in sorted(reported.items(), key=lambda item: (item[0].start, item[0].end, item[0].value))
        if s not in best and not (s.rank > finest and s.start <= start and end <= s.end)
    )
    return StoryDates(span, conflicts)


__all__ = ["FINE_SPAN_DAYS", "NEAR_DAYS", "Fit", "Span", "StoryDates", "fit", "gap_days", "story_dates"]
