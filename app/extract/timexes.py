"""Temporal expressions found and normalised to TIMEX3 values against the publication date.

The grammar (`temporal.grammar`) finds candidate spans in the raw text with precompiled
patterns; the spaCy parse then vets each one (`temporal.filters`) and gives the tense of its
clause (`temporal.tense`); `temporal.resolve` turns it into a value. Resolution runs in text
order so that anaphora ("the next day", "a year earlier") count from the last date mentioned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from app.domain import Timex, TimexType
from app.extract.doctext import doc_text
from app.extract.sentences import sentence_index
from app.extract.temporal.anchoring import known_year, stated_years, with_year, yearless_day
from app.extract.temporal.calendar import Period
from app.extract.temporal.filters import is_time_expression
from app.extract.temporal.grammar import Candidate, scan
from app.extract.temporal.meanings import (
    CalendarDate,
    ClockTime,
    Direction,
    Holiday,
    PartOfYear,
    TermStart,
    WeekdayDate,
    Weekend,
)
from app.extract.temporal.plausible import believable
from app.extract.temporal.proclaimed import with_proclaimed_period
from app.extract.temporal.resolve import Context, resolve, unanchored
from app.extract.temporal.tense import clause_direction

# Only these readings depend on tense: a month, day or weekday named without its year or week.
_TENSE_SENSITIVE = (CalendarDate, WeekdayDate, PartOfYear, ClockTime, Holiday, Weekend, TermStart)


def find_timexes(doc: Doc, published: dt.date | None) -> list[Timex]:
    text = doc_text(doc)
    accepted = []
    for candidate in scan(text):
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if span is not None and len(span) and is_time_expression(candidate, span, text):
            accepted.append((candidate, span))
    reported_quarter = _reported_quarter(accepted, published)
    stated = stated_years([candidate.reading.meaning for candidate, _ in accepted])
    timexes: list[Timex] = []
    reference: Period | None = None
    written: CalendarDate | None = None  # the last date written with its year and month
    yearless_days: list[_YearlessDay] = []
    for candidate, span in accepted:
        meaning = candidate.reading.meaning
        yearless = _yearless_day_of_month(meaning)
        direction = clause_direction(span) if _needs_tense(meaning) else Direction.NONE
        if candidate.reading.if_future is not None and clause_direction(span) is Direction.FUTURE:
            meaning = candidate.reading.if_future
        if _spoken_on_that_weekday(doc, meaning, candidate.start, published, direction):
            assert isinstance(meaning, WeekdayDate)
            meaning = replace(meaning, occurrence=1 if direction is Direction.FUTURE else -1)
        if isinstance(meaning, CalendarDate) and meaning.year is not None and meaning.month is not None:
            written = meaning
        elif yearless_day(meaning):
            assert isinstance(meaning, CalendarDate)
            where = {"text": text, "start": candidate.start, "end": candidate.end}
            meaning = with_year(
                meaning, **where, published=published, direction=direction, stated=stated, written=written
            )
        context = Context(published, direction, reference, reported_quarter)
        resolution = resolve(meaning, context, candidate.reading.mod)
        if resolution is None:
            continue
        if yearless is not None and resolution.range_start is not None and isinstance(meaning, CalendarDate):
            evidence = _year_evidence(meaning, text, candidate, published, stated, written)
            day = _YearlessDay(len(timexes), yearless, evidence, meaning, context, candidate.reading.mod)
            yearless_days.append(day)
        if not believable(meaning, resolution.range_start, resolution.range_end, reference):
            resolution = unanchored(resolution)
        if resolution.period is not None and resolution.type in (TimexType.DATE, TimexType.TIME):
            reference = resolution.period
        timexes.append(
            Timex(
                key=f"t{len(timexes) + 1}",
                start=candidate.start,
                end=candidate.end,
                text=text[candidate.start : candidate.end],
                type=resolution.type,
                value=resolution.value,
                sentence=sentence_index(doc, candidate.start),
                range_start=resolution.range_start,
                range_end=resolution.range_end,
                granularity=resolution.granularity,
                resolved=resolution.resolved,
                mod=resolution.mod,
            )
        )
    _one_year_per_day(timexes, yearless_days, published)
    return with_proclaimed_period(text, timexes, lambda offset: sentence_index(doc, offset))


@dataclass(frozen=True)
class _YearlessDay:
    """A timex of a month and day written without a year, and what it was resolved from."""

    index: int  # in the article's timexes
    day: tuple[int, int]  # (month, day)
    evidence: str  # of its year: "article" (known_year), "passage" (a year written near it), "tense"
    meaning: CalendarDate
    context: Context
    mod: str | None


def _one_year_per_day(timexes: list[Timex], days: list[_YearlessDay], published: dt.date | None) -> None:
    """One article, one October 7: "Hamas has vowed to repeat October 7" (the tense points a
    year ahead) is the October 7 the article told two months back. A day whose year only the
    tense gave takes the year the article gives that day elsewhere (written out, or a known
    anniversary). A mention placed by a year written beside it keeps its year and imposes it on
    no other (the law of 1956 that set "September 23" is not this year's Constitution Week)."""
    if published is None:
        return
    by_day: dict[tuple[int, int], list[_YearlessDay]] = {}
    for day in days:
        if day.evidence != "passage":
            by_day.setdefault(day.day, []).append(day)

    def start_of(day: _YearlessDay) -> dt.date:
        start = timexes[day.index].range_start
        assert start is not None
        return start

    for mentions in by_day.values():
        if len({start_of(m).year for m in mentions}) < 2:
            continue
        told = [m for m in mentions if m.evidence == "article"]
        if not told:
            continue  # the tense alone cannot say which mention is right
        year = start_of(told[0]).year
        for m in mentions:
            if m.evidence == "article" or start_of(m).year == year:
                continue
            again = resolve(replace(m.meaning, year=year), m.context, m.mod)
            if again is not None:
                timexes[m.index] = replace(
                    timexes[m.index],
                    value=again.value,
                    range_start=again.range_start,
                    range_end=again.range_end,
                )


def _year_evidence(
    meaning: CalendarDate,
    text: str,
    candidate: Candidate,
    published: dt.date | None,
    stated: dict[tuple[int, int], int],
    written: CalendarDate | None,
) -> str:
    """Where a yearless day's year came from (see _YearlessDay.evidence)."""
    if meaning.year is None:
        return "tense"
    if published is not None:
        where = {"text": text, "start": candidate.start, "end": candidate.end}
        if known_year(meaning, **where, published=published, stated=stated, written=written) == meaning.year:
            return "article"
    return "passage"


def _yearless_day_of_month(meaning: object) -> tuple[int, int] | None:
    """(month, day) of "October 7" written without a year or a word that picks one."""
    if not isinstance(meaning, CalendarDate) or meaning.year is not None or meaning.day is None:
        return None
    if meaning.month is None or meaning.occurrence is not None or meaning.year_offset is not None:
        return None
    if meaning.weekday is not None or meaning.last_day is not None:
        return None
    return meaning.month, meaning.day


def _spoken_on_that_weekday(
    doc: Doc, meaning: object, start: int, published: dt.date | None, direction: Direction
) -> bool:
    """ "Signed on Thursday", said aloud on a Thursday about the future or the past: a speaker
    says "today" for today, so the weekday is next week's or last week's. Written news may mean
    the day it is dated ("said Friday" in a Friday paper), so only transcript turns."""
    return (
        isinstance(meaning, WeekdayDate)
        and meaning.occurrence is None
        and meaning.week_offset is None
        and published is not None
        and meaning.weekday == published.isoweekday()
        and direction in (Direction.FUTURE, Direction.PAST)
        and Doc.has_extension("structure")
        and doc._.structure.turn_at(start) is not None
    )


def _reported_quarter(accepted: list[tuple[Candidate, Span]], published: dt.date | None) -> Period | None:
    """The first quarter an article names ("third-quarter profit"): earnings reports then say
    "the quarter" and "a year earlier" about it."""
    for candidate, span in accepted:
        meaning = candidate.reading.meaning
        if isinstance(meaning, PartOfYear) and meaning.kind == "Q":
            direction = clause_direction(span) if meaning.year is None else Direction.NONE
            resolution = resolve(meaning, Context(published, direction))
            if resolution is not None and resolution.period is not None:
                return resolution.period
    return None


def _needs_tense(meaning: object) -> bool:
    if isinstance(meaning, CalendarDate):
        return meaning.year is None and meaning.month is not None
    if isinstance(meaning, PartOfYear):
        return meaning.year is None
    if isinstance(meaning, ClockTime):
        return meaning.day is not None and _needs_tense(meaning.day)
    return isinstance(meaning, _TENSE_SENSITIVE)
