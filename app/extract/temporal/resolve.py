"""Resolution rules: a meaning plus the publication date, the tense and the last date the text
mentioned becomes a TIMEX3 value with the calendar range it covers.

Pure functions of their arguments: no spaCy, no clock. Without a publication date, relative
expressions stay unresolved and keep TIMEX3's X placeholders ("XXXX-WXX"); they are never
resolved against today.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

from app.domain import Granularity, TimexType
from app.extract.temporal.calendar import (
    UNIT_GRANULARITY,
    Period,
    add_months,
    century_period,
    decade_period,
    half_period,
    month_period,
    quarter_period,
    safe_date,
    season_of,
    season_period,
    valid_year,
    year_period,
)
from app.extract.temporal.durations import duration_value, recurrence_value
from app.extract.temporal.holidays import holiday_date
from app.extract.temporal.meanings import (
    Anchor,
    CalendarDate,
    Century,
    ClockTime,
    Decade,
    Direction,
    Duration,
    Holiday,
    Meaning,
    NotTemporal,
    PartOfYear,
    Recurrence,
    RelativePeriod,
    ReportedQuarter,
    Shift,
    TermStart,
    VagueReference,
    WeekdayDate,
    Weekend,
)


@dataclass(frozen=True)
class Context:
    published: dt.date | None
    direction: Direction = Direction.NONE
    reference: Period | None = None  # the last date the text mentioned, for anaphora
    reported_quarter: Period | None = None  # the quarter an earnings report is about


@dataclass(frozen=True)
class Resolution:
    type: TimexType
    value: str
    granularity: Granularity | None = None
    range_start: dt.date | None = None
    range_end: dt.date | None = None
    resolved: bool = True
    mod: str | None = None
    period: Period | None = None  # what later anaphora ("the next day") may count from


# TIMEX3 placeholders for a value whose anchor is unknown, by granularity.
_UNRESOLVED_VALUES = {
    Granularity.DAY: "XXXX-XX-XX",
    Granularity.WEEK: "XXXX-WXX",
    Granularity.MONTH: "XXXX-XX",
    Granularity.QUARTER: "XXXX-QX",
    Granularity.HALF: "XXXX-HX",
    Granularity.SEASON: "XXXX-XX",
    Granularity.YEAR: "XXXX",
    Granularity.DECADE: "XXXX",
    Granularity.CENTURY: "XX",
}


def of_period(period: Period, type_: TimexType = TimexType.DATE) -> Resolution:
    return Resolution(type_, period.value, period.granularity, period.start, period.end, period=period)


def unresolved(value: str, granularity: Granularity | None, type_: TimexType = TimexType.DATE) -> Resolution:
    return Resolution(type_, value, granularity, resolved=False)


def unanchored(resolution: Resolution) -> Resolution:
    """The same expression with its anchor unknown: TIMEX3 placeholders, no calendar range."""
    granularity = resolution.granularity
    value = _UNRESOLVED_VALUES.get(granularity, "XXXX") if granularity is not None else "XXXX"
    return replace(unresolved(value, granularity, resolution.type), mod=resolution.mod)


def resolve(meaning: Meaning, context: Context, mod: str | None = None) -> Resolution | None:
    """The TIMEX3 reading of `meaning`, or None when it names no real date ("February 30")."""
    result = _RESOLVERS[type(meaning)](meaning, context)
    if result is not None and mod:
        result = replace(result, mod=mod)
    return result


# --- explicit calendar dates ----------------------------------------------------------------


def _calendar_date(m: CalendarDate, ctx: Context) -> Resolution | None:
    if m.month is None:
        if m.year is None or not valid_year(m.year):
            return None
        return of_period(year_period(m.year))
    if m.day is not None and safe_date(2000, m.month, m.day) is None:  # 2000 was a leap year
        return None
    year = m.year if m.year is not None else _infer_year(m, ctx)
    if year is None:
        if m.day is None:
            return unresolved(f"XXXX-{m.month:02d}", Granularity.MONTH)
        return unresolved(f"XXXX-{m.month:02d}-{m.day:02d}", Granularity.DAY)
    if m.day is None:
        return of_period(month_period(year, m.month)) if valid_year(year) else None
    day = safe_date(year, m.month, m.day)
    if day is None:
        return None
    result = of_period(Period(day, Granularity.DAY))
    if m.last_day is not None:
        last = safe_date(year, m.month, m.last_day)
        if last is not None and last > day:
            result = replace(result, range_end=last)
    return result


# A day after publication can still be told in the past: a readout published late in Washington
# of a meeting the next calendar day in Beijing.
TIME_ZONE_GRACE = dt.timedelta(days=1)


def _infer_year(m: CalendarDate, ctx: Context) -> int | None:
    """Year of a month or month-day written without one: the occurrence nearest the
    publication date in the direction the wording ("last June") or the tense points."""
    anchor = ctx.published
    if anchor is None:
        return None
    if m.year_offset is not None:
        return anchor.year + m.year_offset
    assert m.month is not None
    month, day = m.month, m.day

    def start_of(year: int) -> dt.date:
        return safe_date(year, month, day or 1) or dt.date(year, month, 28)

    def end_of(year: int) -> dt.date:
        return start_of(year) if day else month_period(year, month).end

    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    if m.weekday is not None and day is not None:
        matching = [y for y in years if (d := safe_date(y, month, day)) and d.isoweekday() == m.weekday]
        if len(matching) == 1:
            return matching[0]
    if m.occurrence is not None:
        return _occurrence_year(years, start_of, end_of, anchor, m.occurrence)
    if ctx.direction is Direction.PAST:
        # A day or two after publication is still this year's: a readout published late in
        # Washington of a meeting "on August 29" in Beijing, not a meeting a year back.
        grace = TIME_ZONE_GRACE if day else dt.timedelta(0)
        return max(y for y in years if start_of(y) <= anchor + grace)
    if ctx.direction is Direction.FUTURE:
        return min(y for y in years if end_of(y) >= anchor)
    return _nearest_year(years, start_of, end_of, anchor, ctx.direction is Direction.DEADLINE)


def _nearest_year(years, start_of, end_of, anchor: dt.date, deadline: bool = False) -> int:  # type: ignore[no-untyped-def]
    """Without tense to go by, the occurrence around the publication date, leaning to the past
    as news does: a later one wins only when it is less than half as far away. A deadline
    ("until mid-November") does not lean."""
    for year in years:
        if start_of(year) <= anchor <= end_of(year):
            return year
    past = max(y for y in years if end_of(y) < anchor)
    future = min(y for y in years if start_of(y) > anchor)
    if (start_of(future) - anchor).days * (1 if deadline else 2) <= (anchor - end_of(past)).days - (
        0 if deadline else 1
    ):
        return future
    return past


def _occurrence_year(years, start_of, end_of, anchor: dt.date, occurrence: int) -> int:  # type: ignore[no-untyped-def]
    """ "last June": the latest June that ended before the anchor; "next June": the first one
    that starts after it; "this June": the one of the anchor's year."""
    if occurrence < 0:
        return max(y for y in years if end_of(y) < anchor)
    if occurrence > 0:
        return min(y for y in years if start_of(y) > anchor)
    return years[1]


def _holiday(m: Holiday, ctx: Context) -> Resolution | None:
    if m.year is not None:
        day = holiday_date(m.name, m.year) if valid_year(m.year) else None
        return of_period(Period(day + dt.timedelta(days=m.days_after), Granularity.DAY)) if day else None
    anchor = ctx.published
    if anchor is None:
        return unresolved("XXXX-XX-XX", Granularity.DAY)
    days = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := holiday_date(m.name, y))]
    if not days:
        return None
    past = [d for d in days if d < anchor] or days[:1]
    coming = [d for d in days if d > anchor] or days[-1:]
    if (m.occurrence is not None and m.occurrence < 0) or ctx.direction is Direction.PAST:
        day = max(past) if m.occurrence is not None else max(d for d in days if d <= anchor)
    elif (m.occurrence is not None and m.occurrence > 0) or ctx.direction is Direction.FUTURE:
        day = min(coming) if m.occurrence is not None else min(d for d in days if d >= anchor)
    else:
        day = min(days, key=lambda d: abs((d - anchor).days))
    return of_period(Period(day + dt.timedelta(days=m.days_after), Granularity.DAY))


def _term_start(m: TermStart, ctx: Context) -> Resolution | None:
    anchor = ctx.published
    if anchor is None:
        return None
    year = anchor.year - (anchor.year - 1) % 4  # terms begin in 2021, 2025, …
    day = dt.date(year, 1, 20)
    if day > anchor:
        day = dt.date(year - 4, 1, 20)
    if ctx.direction is Direction.FUTURE:  # "on my first day in office, I will …": the next term
        day = dt.date(day.year + 4, 1, 20)
    return of_period(Period.of(day, Granularity.DAY if m.unit == "D" else Granularity.MONTH))


def _weekday_date(m: WeekdayDate, ctx: Context) -> Resolution | None:
    anchor = ctx.published
    if anchor is None:
        return unresolved(f"XXXX-WXX-{m.weekday}", Granularity.DAY)
    today = anchor.isoweekday()
    back = (today - m.weekday) % 7  # days since the most recent such weekday, 0 if today
    ahead = (m.weekday - today) % 7
    if m.week_offset is not None:  # "Thursday of next week": that ISO week's Thursday
        day = anchor + dt.timedelta(days=m.weekday - today + 7 * m.week_offset)
    elif m.occurrence is not None and m.occurrence < 0:
        day = anchor - dt.timedelta(days=back or 7)
    elif m.occurrence is not None and m.occurrence > 0:
        day = anchor + dt.timedelta(days=ahead or 7)
    elif m.occurrence == 0:
        day = anchor + dt.timedelta(days=m.weekday - today)
    elif ctx.direction in (Direction.FUTURE, Direction.DEADLINE):
        day = anchor + dt.timedelta(days=ahead)
    else:
        # News reports mostly look back: a bare weekday in a present or past clause is the most
        # recent one, the publication day included ("said Friday" in a Friday paper).
        day = anchor - dt.timedelta(days=back)
    return of_period(Period(day, Granularity.DAY))


# --- relative to an anchor ------------------------------------------------------------------


def _anchor_day(anchor: Anchor, ctx: Context, finest: Granularity) -> dt.date | None:
    """The day a relative expression counts from: the publication date, or for anaphora the
    last mentioned date when it is at least as fine as the unit counted."""
    reference = ctx.reference
    if anchor is Anchor.REFERENCE and reference is not None:
        if _rank(reference.granularity) <= _rank(finest):
            return reference.start
        # "A couple of years ago, a father wrote me … A month later, his son died": a month after
        # a day the text does not give, not a month after the publication date
        return None
    return ctx.published


_ORDER = [
    Granularity.TIME,
    Granularity.DAY,
    Granularity.WEEK,
    Granularity.MONTH,
    Granularity.SEASON,
    Granularity.QUARTER,
    Granularity.HALF,
    Granularity.YEAR,
    Granularity.DECADE,
    Granularity.CENTURY,
]


def _rank(granularity: Granularity) -> int:
    return _ORDER.index(granularity)


def _relative_period(m: RelativePeriod, ctx: Context) -> Resolution | None:
    weekend = m.unit == "WE"
    granularity = Granularity.WEEK if weekend else UNIT_GRANULARITY.get(m.unit, Granularity.HALF)
    base = _anchor_day(m.anchor, ctx, granularity)
    if base is None:
        placeholder = "XXXX-WXX-WE" if weekend else _UNRESOLVED_VALUES[granularity]
        return unresolved(placeholder, granularity)
    period = Period.of(base, granularity).shift(m.steps)
    if not valid_year(period.start.year):
        return None
    if weekend:
        saturday = period.start + dt.timedelta(days=5)
        return Resolution(
            TimexType.DATE, period.value + "-WE", granularity, saturday, period.end, period=period
        )
    return of_period(period)


def _shift(m: Shift, ctx: Context) -> Resolution | None:
    if m.amount is None:
        return Resolution(TimexType.DATE, "PAST_REF" if m.sign < 0 else "FUTURE_REF")
    unit, amount = m.unit, m.amount
    if unit in ("DE", "CE"):
        unit, amount = "Y", amount * (10 if unit == "DE" else 100)
    if unit == "FORTNIGHT":
        unit, amount = "W", amount * 2
    if unit == "Y" and amount != int(amount):
        unit, amount = "M", amount * 12
    granularity = UNIT_GRANULARITY.get(unit, Granularity.DAY)
    base = _anchor_day(m.anchor, ctx, granularity)
    if base is None or (m.anchor is Anchor.REFERENCE and m.sign > 0 and ctx.reference is None):
        # "Three days later, the troops left" with no date before it: later than what the
        # text does not say; not later than the publication date.
        return unresolved(_UNRESOLVED_VALUES[granularity], granularity)
    steps = m.sign * int(amount)
    if m.on is not None:
        return _anniversary(unit, steps, m.on, ctx)
    if unit == "Y" and amount == 1:
        # Earnings reports compare a quarter with the same quarter "a year earlier"/"a year ago".
        quarter = ctx.reported_quarter
        if quarter is None and ctx.reference is not None and ctx.reference.granularity is Granularity.QUARTER:
            quarter = ctx.reference
        if quarter is not None:
            return _checked(quarter.shift(4 * steps))
    if granularity is Granularity.DAY:
        if unit in ("H", "MIN", "S"):
            steps = 0
        return _checked(Period(base + dt.timedelta(days=steps), Granularity.DAY))
    if granularity is Granularity.WEEK:
        return _checked(Period.of(base + dt.timedelta(weeks=steps), Granularity.WEEK))
    if granularity is Granularity.MONTH:
        return _checked(Period.of(add_months(base, steps), Granularity.MONTH))
    return _checked(Period.of(base, granularity).shift(steps))


# The day of the publication date an anniversary counts back from, and the granularity of what
# it names: "ago today" a day, "ago this week" a week, "ago this month" a month.
_ANNIVERSARY_OF: dict[str, tuple[int, Granularity]] = {
    "today": (0, Granularity.DAY),
    "tonight": (0, Granularity.DAY),
    "tomorrow": (1, Granularity.DAY),
    "yesterday": (-1, Granularity.DAY),
    "this week": (0, Granularity.WEEK),
    "this month": (0, Granularity.MONTH),
}


def _anniversary(unit: str, steps: int, on: str, ctx: Context) -> Resolution | None:
    """ "Twenty years ago today": that day of the month, `steps` years (months, weeks, days)
    back from the publication date (tomorrow's, yesterday's), at the granularity `on` names."""
    days, granularity = _ANNIVERSARY_OF[on]
    assert ctx.published is not None  # (the caller returned unresolved without one)
    day = ctx.published + dt.timedelta(days=days)
    if unit in ("Y", "M"):
        day = add_months(day, steps * (12 if unit == "Y" else 1))
    elif unit in ("W", "D"):
        day += dt.timedelta(days=steps * (7 if unit == "W" else 1))
    else:
        return None
    return _checked(Period.of(day, granularity))


def _checked(period: Period) -> Resolution | None:
    return of_period(period) if valid_year(period.start.year) else None


def _part_of_year(m: PartOfYear, ctx: Context) -> Resolution | None:
    def build(year: int) -> Period:
        if m.kind == "Q":
            return quarter_period(year, m.index)
        if m.kind == "H":
            return half_period(year, m.index)
        assert m.season is not None
        return season_period(year, m.season)

    if m.year is not None:
        return _checked(build(m.year)) if valid_year(m.year) else None
    base = _anchor_day(m.anchor, ctx, Granularity.YEAR)
    if base is None:
        code = m.season if m.kind == "SEASON" else f"{m.kind}{m.index}"
        return unresolved(f"XXXX-{code}", _PART_GRANULARITY[m.kind])
    if m.year_offset is not None:
        return _checked(build(base.year + m.year_offset))
    current = Period.of(base, _PART_GRANULARITY[m.kind])
    # winter starts in December: in February, "this winter" began last year, "this summer" is
    # this year's
    year = season_of(base)[0] if m.kind == "SEASON" and m.season == "WI" else base.year
    period = build(year)
    if m.occurrence is not None:
        if m.occurrence < 0 and period >= current:
            period = build(year - 1)
        elif m.occurrence > 0 and period <= current:
            period = build(year + 1)
        elif m.occurrence == 0 and ctx.direction is Direction.PAST and period > current:
            period = build(year - 1)  # "This summer we launched the plan", said in March
    elif ctx.direction in (Direction.FUTURE, Direction.DEADLINE) and m.kind == "SEASON":
        if period < current:
            period = build(year + 1)  # "we have to act now, not in the spring" in October
    elif ctx.direction is not Direction.FUTURE and period > current:
        # "the fourth quarter" in a February report is last year's; a quarter of this year that
        # is already over stays in this year even in the future tense ("will report third-
        # quarter results").
        period = build(year - 1)
    return _checked(period)


def _reported_quarter(m: ReportedQuarter, ctx: Context) -> Resolution | None:
    quarter = ctx.reported_quarter
    if quarter is None:
        if ctx.published is None:
            return unresolved("XXXX-QX", Granularity.QUARTER)
        quarter = Period.of(ctx.published, Granularity.QUARTER).shift(-1)
    if m.year is not None:
        if not valid_year(m.year):
            return None
        quarter = quarter_period(m.year, (quarter.start.month - 1) // 3 + 1)
    return of_period(quarter)


def _weekend(m: Weekend, ctx: Context) -> Resolution | None:
    anchor = ctx.published
    if anchor is None:
        return unresolved("XXXX-WXX-WE", Granularity.WEEK)
    week = Period.of(anchor, Granularity.WEEK)
    occurrence = m.occurrence
    if occurrence is None:
        occurrence = 0 if ctx.direction is Direction.FUTURE or anchor.isoweekday() >= 6 else -1
    elif occurrence == 0 and ctx.direction is Direction.PAST and anchor.isoweekday() < 6:
        occurrence = -1  # "Why weren't you here this weekend?" asked on a Tuesday
    week = week.shift(occurrence)
    saturday = week.start + dt.timedelta(days=5)
    return Resolution(TimexType.DATE, week.value + "-WE", Granularity.WEEK, saturday, week.end, period=week)


_PART_GRANULARITY = {"Q": Granularity.QUARTER, "H": Granularity.HALF, "SEASON": Granularity.SEASON}


def _decade(m: Decade, ctx: Context) -> Resolution | None:
    if m.first_year is not None:
        return of_period(decade_period(m.first_year)) if valid_year(m.first_year) else None
    assert m.digit is not None
    if ctx.published is None:
        return unresolved(f"XX{m.digit}X", Granularity.DECADE)
    first = ctx.published.year // 100 * 100 + 10 * m.digit
    if first > ctx.published.year:
        first -= 100
    return of_period(decade_period(first))


def _century(m: Century, ctx: Context) -> Resolution | None:
    if not 1 <= m.number <= 22:
        return None
    return of_period(century_period((m.number - 1) * 100))


def _clock_time(m: ClockTime, ctx: Context) -> Resolution | None:
    if m.hour is not None and not (0 <= m.hour <= 24 and 0 <= m.minute < 60):
        return None
    suffix = f"T{m.hour:02d}:{m.minute:02d}" if m.hour is not None else f"T{m.part_of_day}"
    if isinstance(m.day, RelativePeriod) and m.day.anchor is Anchor.REFERENCE:
        reference = ctx.reference  # "that night": only after a day has been named
        if reference is None or _rank(reference.granularity) > _rank(Granularity.DAY):
            return None
    day = resolve(m.day, ctx) if m.day is not None else _publication_day(ctx)
    if day is None:
        return None
    if not day.resolved or day.range_start is None:
        return unresolved("XXXX-XX-XX" + suffix, Granularity.TIME, TimexType.TIME)
    return Resolution(
        TimexType.TIME,
        day.range_start.isoformat() + suffix,
        Granularity.TIME,
        day.range_start,
        day.range_start,
        period=Period(day.range_start, Granularity.DAY),
    )


def _publication_day(ctx: Context) -> Resolution:
    if ctx.published is None:
        return unresolved("XXXX-XX-XX", Granularity.DAY)
    return of_period(Period(ctx.published, Granularity.DAY))


def _duration(m: Duration, ctx: Context) -> Resolution | None:
    if m.amount is not None and (m.amount <= 0 or not math.isfinite(m.amount) or m.amount > 10_000):
        return None
    return Resolution(TimexType.DURATION, duration_value(m.unit, m.amount))


def _recurrence(m: Recurrence, ctx: Context) -> Resolution | None:
    return Resolution(TimexType.SET, recurrence_value(m))


def _vague(m: VagueReference, ctx: Context) -> Resolution | None:
    return Resolution(TimexType.DATE, m.value)


_RESOLVERS = {
    CalendarDate: _calendar_date,
    Holiday: _holiday,
    WeekdayDate: _weekday_date,
    TermStart: _term_start,
    RelativePeriod: _relative_period,
    Shift: _shift,
    PartOfYear: _part_of_year,
    Decade: _decade,
    Century: _century,
    ClockTime: _clock_time,
    Duration: _duration,
    Recurrence: _recurrence,
    VagueReference: _vague,
    ReportedQuarter: _reported_quarter,
    Weekend: _weekend,
    NotTemporal: lambda m, ctx: None,
}
