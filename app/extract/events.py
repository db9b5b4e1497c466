"""Dated events: one per anchored time expression, plus undated lead sentences.

For each time expression that names a calendar date (not a duration, a set or "now"), the word
it dates is found in the parse (`eventing.triggers`), the clause around it becomes the summary
(`eventing.clauses`), the entities mentioned there its participants, and tense plus date give
its status. Two time expressions bounding one period ("from 2009 to 2013") make one event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from app.domain import Entity, Event, EventKind, EventStatus, Granularity, Timex, TimexType
from app.extract.eventing.clauses import clause_of
from app.extract.eventing.kinds import REPORTING_VERBS, kind_of, names_happening
from app.extract.eventing.leads import lead_sentences, lead_trigger
from app.extract.eventing.participants import MentionIndex, participants_in
from app.extract.eventing.ranges import range_pairs
from app.extract.eventing.status import status_of
from app.extract.eventing.triggers import trigger_of
from app.extract.sentences import sentence_index, sentence_spans
from app.extract.structure import NOT_SPEECH
from app.extract.temporal.meanings import Direction
from app.extract.temporal.tense import verb_tense


@dataclass(frozen=True)
class _Dating:
    """When an event happened: one timex, or a range of two, or the publication day."""

    value: str
    start: dt.date
    end: dt.date
    granularity: Granularity
    timex: str | None
    side: int = 0  # +1 "later this month" (after publication), -1 "earlier this year" (before)


def find_events(
    doc: Doc, entities: Sequence[Entity], timexes: Sequence[Timex], published: dt.date | None
) -> list[Event]:
    text = doc.text
    mentions = MentionIndex(entities)
    drafts: list[tuple[int, Event]] = []
    seen: set[tuple[int, str]] = set()
    dated_triggers: set[int] = set()
    for dating, span in _datings(text, timexes, doc):
        if _names_a_thing(span):
            continue  # "the 2020 Census", "fiscal 2024 funds": the date is part of a name
        trigger = trigger_of(span)
        if trigger is None and not _has_words_besides(span):
            continue  # a date in a list or a table of numbers tells of no event
        anchor = trigger or span.root
        if _not_prose(doc, span.start_char, span.end_char) or _not_prose(doc, anchor.idx, anchor.idx + 1):
            continue  # a timestamp, a stage direction, a transcript's label or place line
        if (anchor.i, dating.value) in seen:
            continue  # the same event dated twice in one clause
        seen.add((anchor.i, dating.value))
        dated_triggers.add(anchor.i)
        event = _event(doc, text, mentions, anchor, trigger, span, dating, published)
        drafts.append((event.summary_start or 0, event))
    if published is not None:
        for sentence in lead_sentences(doc, sentence_spans(doc)):
            trigger = lead_trigger(sentence)
            if trigger is None or trigger.i in dated_triggers or trigger.head.i in dated_triggers:
                continue
            if _not_prose(doc, trigger.idx, trigger.idx + 1):
                continue
            day = _Dating(published.isoformat(), published, published, Granularity.DAY, None)
            event = _event(doc, text, mentions, trigger, trigger, None, day, published)
            drafts.append((event.summary_start or 0, event))
    drafts.sort(key=lambda item: (item[1].sentence, item[0]))
    return [_with_key(event, f"v{i}") for i, (_, event) in enumerate(drafts, 1)]


def _not_prose(doc: Doc, start: int, end: int) -> bool:
    layout = doc._.structure if Doc.has_extension("structure") else None
    return layout is not None and layout.covers(start, end, NOT_SPEECH)


def _datings(text: str, timexes: Sequence[Timex], doc: Doc) -> Iterator[tuple[_Dating, Span]]:
    pairs = range_pairs(text, timexes)
    range_ends = {last.key for last in pairs.values()}
    for timex in timexes:
        if timex.key in range_ends or not _dates_something(timex):
            continue
        last = pairs.get(timex.key)
        # A range's summary must keep both ends: "between March and May".
        end = last.end if last is not None else timex.end
        span = doc.char_span(timex.start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        assert timex.range_start is not None and timex.range_end is not None and timex.granularity
        if last is not None and last.range_end is not None:
            dating = _Dating(
                f"{timex.value}/{last.value}", timex.range_start, last.range_end, timex.granularity, timex.key
            )
        else:
            side = _SIDES.get(timex.text.split(maxsplit=1)[0].lower(), 0)
            dating = _Dating(
                timex.value, timex.range_start, timex.range_end, timex.granularity, timex.key, side
            )
        yield dating, span


_SIDES = {"later": 1, "earlier": -1}


def _status(dating: _Dating, published: dt.date | None, direction: Direction) -> EventStatus:
    """By the date, narrowed by "later"/"earlier" to the part of the period after or before
    publication ("early voting begins later this month" is still expected)."""
    start, end = dating.start, dating.end
    if published is not None and dating.side > 0:
        start = max(start, published + dt.timedelta(days=1))
    elif published is not None and dating.side < 0:
        end = min(end, published - dt.timedelta(days=1))
    if start > end:
        start, end = dating.start, dating.end
    return status_of(start, end, published, direction)


def _names_a_thing(span: Span) -> bool:
    """A date that modifies a noun naming no happening ("the 2020 Census data")."""
    root, head = span.root, span.root.head
    if head is root or span.start <= head.i < span.end:
        return False
    if root.dep_ not in ("compound", "nummod", "amod", "nmod"):
        return False
    return head.pos_ in ("NOUN", "PROPN") and head.i > root.i and not names_happening(head.lemma_)


def _has_words_besides(span: Span) -> bool:
    """Whether the sentence of `span` has at least three words of its own."""
    words = [t for t in span.sent if t.is_alpha and not (span.start <= t.i < span.end)]
    return len(words) >= 3


def _dates_something(timex: Timex) -> bool:
    """Calendar dates and times only: durations, sets and "now"/"recently" date nothing."""
    return (
        timex.type in (TimexType.DATE, TimexType.TIME)
        and timex.resolved
        and timex.range_start is not None
        and timex.range_end is not None
        and timex.granularity is not None
    )


# A wire dateline ahead of the first sentence: "WASHINGTON—", "KYIV, Ukraine (AP) — ".
_DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]{2,}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?\s*(?:\([A-Za-z. ]+\)\s*)?(?:[—–]|--)\s*"
)


def _event(
    doc: Doc,
    text: str,
    mentions: MentionIndex,
    anchor: Token,
    trigger: Token | None,
    span: Span | None,
    dating: _Dating,
    published: dt.date | None,
) -> Event:
    first, last = clause_of(anchor, span)
    start_char = doc[first].idx
    end_char = doc[last - 1].idx + len(doc[last - 1].text)
    if dateline := _DATELINE.match(text, start_char, end_char):
        start_char = dateline.end()
    direction = (
        verb_tense(trigger) if trigger is not None and trigger.pos_ in ("VERB", "AUX") else Direction.NONE
    )
    return Event(
        key="",
        value=dating.value,
        start_date=dating.start,
        end_date=dating.end,
        granularity=dating.granularity,
        status=_status(dating, published, direction),
        summary=" ".join(text[start_char:end_char].split()),
        sentence=sentence_index(doc, span.start_char if span is not None else anchor.idx),
        trigger=trigger.text if trigger is not None else None,
        kind=_kind(trigger),
        participants=participants_in(doc, mentions, start_char, end_char),
        timex=dating.timex,
        summary_start=start_char,
        summary_end=end_char,
    )


# Words that name a kind of event as nouns only: "an act", "an executive order", "a bill".
NOUN_ONLY_KINDS = frozenset({"act", "order", "bill"})
# What one meets without a meeting: "meet the target", "met the deadline".
_MET_GOALS = frozenset(
    {"target", "goal", "deadline", "demand", "requirement", "standard", "criterion", "expectation", "need",
     "threshold", "obligation", "commitment", "benchmark", "quota", "condition", "estimate"}
)  # fmt: skip
_BY_OBJECT = frozenset({EventKind.LEGISLATION, EventKind.AGREEMENT, EventKind.ELECTION, EventKind.MEETING})


def _kind(trigger: Token | None) -> EventKind:
    if trigger is None:
        return EventKind.OTHER
    kind = kind_of(trigger.lemma_)
    if kind is not EventKind.OTHER and trigger.pos_ == "VERB" and trigger.lemma_.lower() in NOUN_ONLY_KINDS:
        kind = EventKind.OTHER  # "we have to act now" is no act of parliament
    if kind is EventKind.OTHER and trigger.lemma_.lower() in REPORTING_VERBS:
        return EventKind.STATEMENT
    if kind is EventKind.MEETING and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _MET_GOALS for c in trigger.children
    ):
        return EventKind.OTHER  # "will meet the target", not a meeting
    if kind in (EventKind.OTHER, EventKind.AGREEMENT) and trigger.pos_ in ("VERB", "AUX"):
        # "approved a spending bill", "held hearings", "signed the bill": the object names it
        for child in trigger.children:
            by_object = kind_of(child.lemma_) if child.dep_ in ("dobj", "nsubjpass") else None
            if by_object in _BY_OBJECT and (kind is EventKind.OTHER or by_object is EventKind.LEGISLATION):
                return by_object
    return kind


def _with_key(event: Event, key: str) -> Event:
    return replace(event, key=key)
