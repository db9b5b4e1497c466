"""Temporal expressions found and normalised to TIMEX3 values against the publication date.

The grammar (`temporal.grammar`) finds candidate spans in the raw text with precompiled
patterns; the spaCy parse then vets each one (`temporal.filters`) and gives the tense of its
clause (`temporal.tense`); `temporal.resolve` turns it into a value. Resolution runs in text
order so that anaphora ("the next day", "a year earlier") count from the last date mentioned.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span

from app.domain import Timex, TimexType
from app.extract.doctext import doc_text
from app.extract.sentences import sentence_index
from app.extract.temporal.anchoring import stated_years, with_year, yearless_day
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
    for candidate, span in accepted:
        meaning = candidate.reading.meaning
        direction = clause_direction(span) if _needs_tense(meaning) else Direction.NONE
        if candidate.reading.if_future is not None and clause_direction(span) is Direction.FUTURE:
            meaning = candidate.reading.if_future
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
    return with_proclaimed_period(text, timexes, lambda offset: sentence_index(doc, offset))


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
