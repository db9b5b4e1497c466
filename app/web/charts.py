"""Geometry for the two small charts the pages draw as inline SVG: the timeline's density
bars (each a link to its period) and an entity's mentions sparkline. Templates only place
what these functions computed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.store.queries.views import PeriodCount

CHART_WIDTH = 600.0
CHART_HEIGHT = 80.0
MIN_BAR_HEIGHT = 1.5  # a non-empty period stays visible beside a tall one


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str  # "July 2024: 12 events"
    href: str
    current: bool = False


@dataclass(frozen=True)
class AxisLabel:
    x: float
    text: str
    anchor: str = "start"  # SVG text-anchor


@dataclass(frozen=True)
class BarChart:
    width: float
    height: float
    bars: tuple[Bar, ...]
    axis: tuple[AxisLabel, ...]
    maximum: int
    baseline: float
    here: tuple[float, float] | None = None  # x from and to of the bars the page shows ("you are here")

    @property
    def half(self) -> int:
        """The y-axis's middle tick, a whole count."""
        return self.maximum // 2


def bar_chart(
    periods: Sequence[PeriodCount],
    href_of: Callable[[PeriodCount], str],
    label_of: Callable[[PeriodCount], str],
    tick_of: Callable[[PeriodCount], str],
    current: Callable[[PeriodCount], bool] = lambda p: False,
    shown: Callable[[PeriodCount], bool] = lambda p: False,
) -> BarChart | None:
    """Bars side by side, heights relative to the busiest period; the first and last periods
    (and a few between, when there are many) label the axis. None when nothing is counted."""
    if not periods or not any(p.count for p in periods):
        return None
    maximum = max(p.count for p in periods)
    slot = CHART_WIDTH / len(periods)
    gap = min(slot * 0.2, 2.0)
    plot = CHART_HEIGHT - 18.0  # room for the axis labels below
    bars = []
    for i, period in enumerate(periods):
        height = plot * period.count / maximum if period.count else 0.0
        if period.count:
            height = max(height, MIN_BAR_HEIGHT)
        bars.append(
            Bar(
                x=round(i * slot + gap / 2, 2),
                y=round(plot - height, 2),
                width=round(max(slot - gap, 0.5), 2),
                height=round(height, 2),
                count=period.count,
                label=label_of(period),
                href=href_of(period),
                current=current(period),
            )
        )
    ticks = _tick_indexes(len(periods))
    axis = tuple(
        AxisLabel(
            x=round(i * slot + (slot / 2 if 0 < i < len(periods) - 1 else 0 if i == 0 else slot), 2),
            text=tick_of(periods[i]),
            anchor="start" if i == 0 else "end" if i == len(periods) - 1 else "middle",
        )
        for i in ticks
    )
    here_bars = [b for b, p in zip(bars, periods, strict=True) if shown(p)]
    here = (here_bars[0].x, here_bars[-1].x + here_bars[-1].width) if here_bars else None
    return BarChart(CHART_WIDTH, CHART_HEIGHT, tuple(bars), axis, maximum, plot, here)


def _tick_indexes(n: int) -> list[int]:
    if n <= 2:
        return list(range(n))
    between = [round(n * k / 4) for k in (1, 2, 3)] if n >= 12 else []
    return sorted({0, *between, n - 1})


SPARK_WIDTH = 160.0
SPARK_HEIGHT = 32.0


@dataclass(frozen=True)
class Sparkline:
    width: float
    height: float
    line: str  # SVG polyline points
    area: str  # SVG path closing the line down to the baseline
    peak: int
    first_label: str
    last_label: str
    description: str  # what a screen reader hears
    period: str = "month"  # what a point stands for


def sparkline(
    periods: Sequence[PeriodCount],
    label_of: Callable[[PeriodCount], str],
    what: str = "mentions",
    period: str = "month",
) -> Sparkline | None:
    if not periods:
        return None
    peak = max(p.count for p in periods) or 1
    step = SPARK_WIDTH / max(len(periods) - 1, 1)
    top, bottom = 2.0, SPARK_HEIGHT - 2.0
    points = [
        (
            round(i * step if len(periods) > 1 else SPARK_WIDTH / 2, 2),
            round(bottom - (bottom - top) * p.count / peak, 2),
        )
        for i, p in enumerate(periods)
    ]
    line = " ".join(f"{x},{y}" for x, y in points)
    area = (
        f"M{points[0][0]},{bottom} L"
        + " L".join(f"{x},{y}" for x, y in points)
        + f" L{points[-1][0]},{bottom} Z"
    )
    busiest = max(periods, key=lambda p: p.count)
    total = sum(p.count for p in periods)
    description = (
        f"{total:,} {what} from {label_of(periods[0])} to {label_of(periods[-1])}; "
        f"most in {label_of(busiest)} ({busiest.count:,})"
    )
    return Sparkline(
        SPARK_WIDTH,
        SPARK_HEIGHT,
        line,
        area,
        peak,
        label_of(periods[0]),
        label_of(periods[-1]),
        description,
        period,
    )
