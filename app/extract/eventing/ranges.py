"""Pairs of time expressions that bound one period: "from 2009 to 2013", "between March and May",
"July 9-11". TimeML marks each end as its own TIMEX3; an event spans both."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from app.domain import Timex

_BETWEEN = re.compile(r"\s*(?:-|–|to|through|until|till|and)\s*", re.IGNORECASE)
_OPENING = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)
_DASH = re.compile(r"[-–]")  # "2019-2020", "July 9-11": no spaces (an em dash is an aside)


def range_pairs(text: str, timexes: Sequence[Timex]) -> dict[str, Timex]:
    """{key of a range's first timex: its last timex} for bounded periods in `text`."""
    pairs: dict[str, Timex] = {}
    for first, last in pairwise(timexes):
        if first.sentence != last.sentence or first.range_start is None or last.range_end is None:
            continue
        between = text[first.end : last.start]
        if not _BETWEEN.fullmatch(between) or last.range_start <= first.range_start:
            continue  # a range runs forward
        opened = _OPENING.search(text[max(0, first.start - 12) : first.start])
        if opened or _DASH.fullmatch(between):
            pairs[first.key] = last
    return pairs
