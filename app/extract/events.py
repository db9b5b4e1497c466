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
from itertools import chain

from spacy.tokens import Doc, Span, Token

from app.domain import HEADLINE_SENTENCE, Entity, Event, EventKind, EventStatus, Granularity, Timex, TimexType
from app.extract.doctext import doc_text
from app.extract.eventing.clause_kind import kind_of_trigger
from app.extract.eventing.clauses import clause_of
from app.extract.eventing.countdown import a_record_over, countdown
from app.extract.eventing.directives import deadlines
from app.extract.eventing.document import day_event, own_happening
from app.extract.eventing.kinds import STATE_VERBS, names_happening
from app.extract.eventing.leads import appointed_today, lead_sentences, lead_trigger, opening_paragraph
from app.extract.eventing.nominations import Nomination, intended_nominations, nominations
from app.extract.eventing.participants import MentionIndex, participants_in
from app.extract.eventing.ranges import range_pairs
from app.extract.eventing.status import status_of
from app.extract.eventing.triggers import finite_verb, happening_trigger, is_title_holder
from app.extract.eventing.trips import trips
from app.extract.sentences import sentence_index, sentence_spans
from app.extract.structure import NOT_SPEECH
from app.extract.temporal.meanings import Direction
from app.extract.temporal.proclaimed import proclaimed_period
from app.extract.temporal.resolve import TIME_ZONE_GRACE
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
    timex_type: TimexType = TimexType.DATE
    counted: bool = False  # counted from publication over a duration: "in eight days"


def find_events(
    doc: Doc,
    entities: Sequence[Entity],
    timexes: Sequence[Timex],
    published: dt.date | None,
    title: str | None = None,
) -> list[Event]:
    text = doc_text(doc)
    mentions = MentionIndex(entities)
    drafts: list[tuple[int, Event]] = []
    dated_triggers: set[int] = set()
    listed = list(nominations(text)) or list(intended_nominations(text))
    best: dict[int, tuple[_Dating, Span, Token]] = {}
    for dating, span in _datings(text, timexes, doc, published):
        dating = _in_timeline(dating, span, timexes)
        if any(n.start <= span.start_char < n.end for n in listed):
            continue  # "for a term expiring November 17, 2029": a term of office, not a happening
        if _names_a_thing(span):
            continue  # "the 2020 Census", "fiscal 2024 funds": the date is part of a name
        trigger = happening_trigger(span) or _entry_verb(span)
        if trigger is None or _tells_no_happening(trigger):
            continue  # "Today", "Remember: 2025", "She's so busy today": a date, no happening
        if _done_but_dated_ahead(trigger, dating, published, span):
            continue  # "signed a law that cuts emissions in half by 2050": 2050 dates no signing
        if dating.counted and not _counts_down(span, trigger):
            continue  # "built it in eight days", "the first time in 32 years": a duration
        if _not_prose(doc, span.start_char, span.end_char) or _not_prose(doc, trigger.idx, trigger.idx + 1):
            continue  # a timestamp, a stage direction, a transcript's label or place line
        held = best.get(trigger.i)
        if held is None or _precision(dating) > _precision(held[0]):
            best[trigger.i] = (dating, span, trigger)  # one happening, dated by its finest date
    pointing_back: set[int] = set()  # ids of events told by a definite noun ("the attack")
    retold: set[int] = set()  # ids of events told by a pronoun ("He will be traveling there tomorrow")
    for dating, span, trigger in best.values():
        dated_triggers.update({trigger.i, finite_verb(trigger).i})
        event = _event(doc, text, mentions, trigger, trigger, span, dating, published)
        drafts.append((event.summary_start or 0, event))
        if _subject_is_pronoun(trigger):
            retold.add(id(event))
            if any(c.lower_ == "there" for c in trigger.children):
                pointing_back.add(id(event))  # "He will be traveling there tomorrow": all anaphora
        if _definite_noun(trigger, span):
            pointing_back.add(id(event))
    if published is not None:
        spans = sentence_spans(doc)
        for sentence in chain(lead_sentences(doc, spans, untitled=not title), appointed_today(doc, spans)):
            trigger = lead_trigger(sentence)
            if trigger is None or trigger.i in dated_triggers or trigger.head.i in dated_triggers:
                continue
            if _tells_no_happening(trigger):
                continue
            if _not_prose(doc, trigger.idx, trigger.idx + 1):
                continue
            index = sentence_index(doc, sentence.start_char)
            if any(t.sentence == index and not t.resolved for t in timexes):
                continue  # "On this day more than 200 years ago, patriots rose up": not today's news
            day = _lead_day(doc, sentence, drafts) or _Dating(
                published.isoformat(), published, published, Granularity.DAY, None
            )
            event = _event(doc, text, mentions, trigger, trigger, None, day, published)
            drafts.append((event.summary_start or 0, event))
    if published is not None:
        drafts = _with_trips(doc, mentions, published, drafts)
        drafts.extend((n.start, _nomination(doc, mentions, n, published)) for n in listed)
    drafts = _with_own_happening(doc, mentions, title, published, entities, timexes, drafts)
    drafts = _observed_once(doc, timexes, drafts)
    drafts.sort(key=lambda item: (item[1].sentence, item[0]))
    return [_with_key(event, f"v{i}") for i, event in enumerate(_once(drafts, retold, pointing_back), 1)]


def _observed_once(
    doc: Doc, timexes: Sequence[Timex], drafts: list[tuple[int, Event]]
) -> list[tuple[int, Event]]:
    """A proclamation's observance is one event, the one its proclaiming sentence tells ("do
    hereby proclaim September 2023 as National Wilderness Month"): "This National Wilderness
    Month, we renew our commitment" and "I call upon all Americans to observe this day", dated
    by the proclaimed period (temporal.proclaimed), tell it again."""
    period = proclaimed_period(doc_text(doc), timexes)
    if period is None:
        return drafts
    sentence = sentence_index(doc, period.at)
    if not any(e.sentence == sentence for _, e in drafts):
        return drafts
    by_key = {t.key: t for t in timexes}

    def retold(event: Event) -> bool:
        timex = by_key.get(event.timex or "")
        if timex is None or event.sentence == sentence or not timex.text.lower().startswith("this "):
            return False
        return (timex.range_start, timex.range_end) == (period.start, period.end)

    return [(at, e) for at, e in drafts if not retold(e)]


def _with_trips(
    doc: Doc, mentions: MentionIndex, published: dt.date, drafts: list[tuple[int, Event]]
) -> list[tuple[int, Event]]:
    """The trip under way ("we're on our way to Philadelphia, where the President will lay out
    his budget"): expected on the publication day, in place of other readings of its sentence
    on that day ("today we're headed to Milwaukee")."""
    day = _Dating(published.isoformat(), published, published, Granularity.DAY, None)
    for _sentence, trigger in trips(doc):
        if _not_prose(doc, trigger.idx, trigger.idx + 1):
            continue
        event = _event(doc, doc_text(doc), mentions, trigger, trigger, None, day, published)
        event = replace(event, status=EventStatus.EXPECTED)
        drafts = [(at, e) for at, e in drafts if e.sentence != event.sentence or e.value != day.value]
        drafts.append((event.summary_start or 0, event))
    return drafts


def _once(drafts: list[tuple[int, Event]], retold: set[int], pointing_back: set[int]) -> list[Event]:
    """One happening told twice is one event: two events of one sentence on one date ("imagine
    January 20th, … sitting in the Oval Office on January 20th"), one trigger word on one date
    anywhere in the article, an event told by a pronoun on the date of one in the two sentences
    before ("McGurk will be in Saudi Arabia tomorrow. He will be traveling there tomorrow."),
    or a definite event noun on a day already told."""
    kept: list[Event] = []
    seen: set[tuple[int, str]] = set()
    told: set[tuple[str, str]] = set()  # (date, trigger lemma-ish) already told in the article
    days: dict[str, set[EventKind]] = {}  # day -> kinds of the happenings told on it
    for _, event in drafts:
        trigger = (event.trigger or "").lower()
        if event.timex is None and trigger in _NOMINATING:
            kept.append(event)  # one per nomination, however the list's lines were split
            continue
        if (event.sentence, event.value) in seen and event.sentence != HEADLINE_SENTENCE:
            continue
        if event.timex is not None and (event.value, trigger) in told:
            continue  # "the September 11 attack" … "the September 11th attack"
        if id(event) in pointing_back and _told_that_day(event, days, any_kind=id(event) in retold):
            continue  # "the November 12th admission" after "testimony on November 12, 2012"
        if id(event) in retold and any((event.sentence - back, event.value) in seen for back in (1, 2)):
            continue
        seen.add((event.sentence, event.value))
        told.add((event.value, trigger))
        if event.granularity is Granularity.DAY and event.timex is not None:
            days.setdefault(event.value, set()).add(event.kind)
        kept.append(event)
    return kept


_NOMINATING = frozenset({"nominate", "withdraw"})


def _told_that_day(event: Event, days: dict[str, set[EventKind]], any_kind: bool = False) -> bool:
    """A happening of its kind already told on its day: "Friday’s meeting" after "On Friday,
    May 31, the White House welcomed …" (not "the September 11 attack" after "it was
    reported live on September 11th"); of any kind for a pronoun that goes "there"."""
    kinds = days.get(event.value, set())
    return bool(kinds) and (any_kind or event.kind in kinds or event.kind is EventKind.OTHER)


def _lead_day(doc: Doc, sentence: Span, drafts: list[tuple[int, Event]]) -> _Dating | None:
    """The day the lead's first sentence gives, for an undated sentence after it in the same
    paragraph ("On Friday, May 31, the White House welcomed … . More than 60 individuals …
    attended."): the lead tells one day's news."""
    index = sentence_index(doc, sentence.start_char)
    start = sentence.start_char
    text = doc_text(doc)
    paragraph = _PARAGRAPH_BREAK.search(text, 0, start)
    while paragraph is not None and (later := _PARAGRAPH_BREAK.search(text, paragraph.end(), start)):
        paragraph = later
    opening = sentence_index(doc, paragraph.end()) if paragraph is not None else 0
    dated = [
        e
        for _, e in drafts
        if e.timex is not None and opening <= e.sentence < index and e.granularity is Granularity.DAY
    ]
    if not dated:
        return None
    first = min(dated, key=lambda e: e.sentence)
    return _Dating(first.value, first.start_date, first.end_date, Granularity.DAY, None)


def _definite_noun(trigger: Token, span: Span) -> bool:
    """An event noun that points back: "the November 12th admission" after "testimony on
    November 12, 2012", "Friday’s meeting" after "On Friday, May 31, the White House welcomed"."""
    if trigger.pos_ != "NOUN":
        return False
    return any(c.dep_ == "det" and c.lower_ == "the" for c in trigger.children) or (
        span.root.dep_ == "poss" and span.root.head.i == trigger.i
    )


_PRONOUNS = frozenset({"he", "she", "they"})


def _subject_is_pronoun(trigger: Token) -> bool:
    verb = finite_verb(trigger)
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _PRONOUNS for c in verb.children)


def _nomination(doc: Doc, mentions: MentionIndex, nomination: Nomination, published: dt.date) -> Event:
    event = day_event(
        published,
        published,
        nomination.summary,
        sentence_index(doc, nomination.start),
        EventKind.APPOINTMENT,
        participants_in(doc, mentions, nomination.start, nomination.end),
        trigger="withdraw" if nomination.withdrawn else "nominate",
    )
    return replace(event, summary_start=nomination.start, summary_end=nomination.end)


def _with_own_happening(
    doc: Doc,
    mentions: MentionIndex,
    title: str | None,
    published: dt.date | None,
    entities: Sequence[Entity],
    timexes: Sequence[Timex],
    drafts: list[tuple[int, Event]],
) -> list[tuple[int, Event]]:
    """`drafts` with the document's own happening added; events of the sentence that states it
    and fall on its day are that happening again ("this thirty-first day of August, in the
    year of our Lord two thousand twenty-three")."""
    first_paragraph = _first_paragraph_sentences(doc)
    lead_dated = any(e.timex is not None and e.sentence in first_paragraph for _, e in drafts)
    own = own_happening(doc, title, published, entities, timexes, lead_dated)
    signed = own.event.start_date if own is not None else published
    if signed is not None:
        drafts = [*drafts, *_deadlines(doc, mentions, signed, published)]
    if own is None:
        return drafts
    day = own.event.start_date
    kept = [
        (at, e)
        for at, e in drafts
        if own.sentence is None or e.sentence != own.sentence or not (e.start_date <= day <= e.end_date)
    ]
    return [*kept, (-1, own.event)]


def _deadlines(
    doc: Doc, mentions: MentionIndex, signed: dt.date, published: dt.date | None
) -> list[tuple[int, Event]]:
    """An order's directives with a deadline ("shall, within 90 days of the date of this order,
    issue an assessment"): expected on the order's date plus the delay."""
    found = []
    for deadline in deadlines(doc_text(doc)):
        span = doc.char_span(deadline.start, deadline.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        trigger = _directed(span)
        if trigger is None:
            continue
        day = deadline.after(signed)
        dating = _Dating(day.isoformat(), day, day, Granularity.DAY, None)
        event = _event(doc, doc_text(doc), mentions, trigger, trigger, span, dating, published)
        found.append((event.summary_start or 0, event))
    return found


def _directed(span: Span) -> Token | None:
    """The verb a deadline phrase bounds: the next one that "shall" directs ("Within 180 days
    of the date of this order, to support …, the Secretary shall issue …"), else the one the
    phrase hangs on, else the next in its sentence ("(iii) within 90 days of the date of this
    order, coordinate a pooled-hiring action")."""
    after = [t for t in span.sent if t.i >= span.end and t.pos_ == "VERB"]
    directed = next((t for t in after if any(c.lower_ == "shall" for c in t.children)), None)
    if directed is not None:
        return directed
    head = span.root.head
    if head.pos_ == "VERB" and not (span.start <= head.i < span.end):
        return head
    return after[0] if after else None


def _first_paragraph_sentences(doc: Doc) -> set[int]:
    start, end = opening_paragraph(doc_text(doc))
    return {s.index for s in sentence_spans(doc) if start <= s.start < end}


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _not_prose(doc: Doc, start: int, end: int) -> bool:
    layout = doc._.structure if Doc.has_extension("structure") else None
    return layout is not None and layout.covers(start, end, NOT_SPEECH)


def _datings(
    text: str, timexes: Sequence[Timex], doc: Doc, published: dt.date | None
) -> Iterator[tuple[_Dating, Span]]:
    pairs = range_pairs(text, timexes)
    range_ends = {last.key for last in pairs.values()}
    for i, timex in enumerate(timexes):
        following = timexes[i + 1] if i + 1 < len(timexes) else None
        if following is not None and _CORRECTED.fullmatch(text, timex.end, following.start):
            continue  # "who wrote Secretaries Raimondo and Yellen today — or excuse me, on Friday"
        ahead = countdown(text, timex, published)
        if ahead is not None:  # "coming up in eight days"
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None and len(span) and a_record_over(span[0]):
                continue  # "the fastest growth rate in 30 years": a stretch back, no date ahead
            if span is not None and len(span):
                yield (
                    _Dating(ahead.value, ahead.start, ahead.end, ahead.granularity, timex.key, counted=True),
                    span,
                )
            continue
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
            side = _side(text, timex)
            dating = _Dating(
                timex.value,
                timex.range_start,
                timex.range_end,
                timex.granularity,
                timex.key,
                side,
                timex.type,
            )
        yield dating, span


# A speaker correcting a date: "today — or excuse me, on Friday", "Saturday — I’m sorry, yesterday".
_CORRECTED = re.compile(
    r"\s*[—–-]+\s*(?:or\s+)?(?:excuse\s+me|I[’']m\s+sorry|sorry|rather|I\s+mean)[,\s]+(?:on\s+|in\s+|over\s+|at\s+)?",
    re.IGNORECASE,
)
_SIDES = {"later": 1, "earlier": -1}
_WORD_BEFORE = re.compile(r"(\w+)\s+$")


def _side(text: str, timex: Timex) -> int:
    """+1 for "later this month" or "later today", -1 for "earlier this year" or "earlier
    today" (whose extent is "today" alone), else 0."""
    first = timex.text.split(maxsplit=1)[0].lower()
    if first in _SIDES:
        return _SIDES[first]
    before = _WORD_BEFORE.search(text, max(0, timex.start - 12), timex.start)
    return _SIDES.get(before.group(1).lower(), 0) if before else 0


def _status(
    dating: _Dating, published: dt.date | None, direction: Direction, simple_present: bool = False
) -> EventStatus:
    """By the date, narrowed by "later"/"earlier" to the part of the period after or before
    publication ("early voting begins later this month" is still expected)."""
    start, end = dating.start, dating.end
    if published is not None and dating.side > 0:
        start = max(start, published + dt.timedelta(days=1))
    elif published is not None and dating.side < 0:
        end = min(end, published - dt.timedelta(days=1))
    if start > end:  # the publication day alone: "later today" is still to come
        return EventStatus.EXPECTED if dating.side > 0 else EventStatus.HAPPENED
    return status_of(start, end, published, direction, simple_present)


_CLOCK = re.compile(r"T\d\d:\d\d")


def _in_timeline(dating: _Dating, span: Span, timexes: Sequence[Timex]) -> _Dating:
    """A clock time that opens its line ("11:00 am – Police receive 911 calls") is an entry of
    a timeline: it falls on the last day the text named before it ("the massacre Tuesday"),
    not on the publication day its value defaults to, nor on the date an embedded post
    carries in its markup (`<tweet … datetime="2015-12-02">`)."""
    if not _CLOCK.search(dating.value) or span.start != span.sent.start:
        return dating  # not "this morning" or "last night": they name their day
    text = doc_text(span.doc)
    days = [
        t
        for t in timexes
        if t.end <= span.start_char
        and not _in_markup(text, t.start)
        and t.type is TimexType.DATE
        and t.granularity is Granularity.DAY
        and t.range_start is not None
    ]
    if not days:
        return dating
    day = days[-1].range_start
    assert day is not None
    return replace(dating, value=day.isoformat(), start=day, end=day, granularity=Granularity.DAY)


_DASHES = frozenset({"–", "—", "-", "--", ":"})


def _entry_verb(span: Span) -> Token | None:
    """The verb of a timeline entry that the parse hung on its clock time ("6:45 pm – One of
    the suspects is named in media reports"): the first verb after the dash whose head is the
    time expression."""
    sentence = span.sent
    if span.start != sentence.start or span.end >= sentence.end or span.doc[span.end].text not in _DASHES:
        return None
    return next(
        (
            t
            for t in span.doc[span.end : sentence.end]
            if t.pos_ == "VERB" and span.start <= t.head.i < span.end
        ),
        None,
    )


_CONTINUING = re.compile(r",?\s+and\s+continuing\b")
_BEGINNING = re.compile(r"\b(?:beginning|starting)\s+(?:on\s+|in\s+)?$", re.IGNORECASE)


def _going_on(text: str, span: Span | None, dating: _Dating, published: dt.date | None) -> EventStatus | None:
    """An open period that began on its date and goes on: "the areas affected by Hurricane
    Idalia beginning on August 27, 2023, and continuing" (a disaster's incident period)."""
    if span is None or published is None or dating.start > published:
        return None
    if not _CONTINUING.match(text, span.end_char):
        return None
    return (
        EventStatus.ONGOING
        if _BEGINNING.search(text, max(0, span.start_char - 20), span.start_char)
        else None
    )


def _in_markup(text: str, at: int) -> bool:
    """Whether `at` lies inside a markup tag (`<tweet datetime="…">`)."""
    return text.rfind("<", 0, at) > text.rfind(">", 0, at)


_GRANULARITY_RANK = {g: i for i, g in enumerate(Granularity)}


def _precision(dating: _Dating) -> tuple[bool, int]:
    """A calendar date before a clock time resolved to the publication day ("12:01 a.m. … on
    May 12, 2023"), then the finer of two dates ("In 2021, … of September 9, 2021")."""
    return (dating.timex_type is TimexType.DATE, -_GRANULARITY_RANK.get(dating.granularity, 0))


def _direction(trigger: Token | None) -> Direction:
    """The tense of the trigger's clause: a noun's is that of its verb ("dropped by a meeting
    this morning")."""
    if trigger is None:
        return Direction.NONE
    if is_title_holder(trigger):
        return Direction.PAST  # champions have won
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else finite_verb(trigger)
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and not any(c.dep_ == "aux" for c in verb.children):
        verb = finite_verb(verb.head)  # "adopted a Declaration launching the Partnership today"
    return verb_tense(verb) if verb.pos_ in ("VERB", "AUX") else Direction.NONE


def _done_but_dated_ahead(trigger: Token, dating: _Dating, published: dt.date | None, span: Span) -> bool:
    """A verb in the past (or a perfect) cannot happen on a date wholly after publication: that
    date belongs to something else in its clause (a goal, a term), so it dates no event. A
    signed law is never upcoming. The day after publication is allowed, for the time zones: a
    meeting "on August 29" in Beijing, read out late on August 28 in Washington."""
    if published is None or dating.start <= published or trigger.pos_ != "VERB":
        return False
    if _the_day_after_on_the_verb(trigger, dating, published, span):
        return False
    return _direction(trigger) is Direction.PAST


def _the_day_after_on_the_verb(trigger: Token, dating: _Dating, published: dt.date, span: Span) -> bool:
    """ "met on August 29", published on August 28: the day after publication, on the past
    verb itself."""
    on_the_verb = span.root.head.head == trigger if span.root.dep_ == "pobj" else span.root.head == trigger
    return dating.granularity is Granularity.DAY and dating.end <= published + TIME_ZONE_GRACE and on_the_verb


def _counts_down(span: Span, trigger: Token) -> bool:
    """ "in eight days" hangs on a verb not in the past ("an election coming up in eight days"),
    not on a noun ("the first time in 32 years", "the worst storms in 100 years"); "within 60
    days" on a verb that looks ahead."""
    preposition = span.root.head
    if span.root.dep_ != "pobj" or preposition.lower_ not in ("in", "within"):
        return False
    if preposition.head.pos_ not in ("VERB", "AUX"):
        return False
    if preposition.lower_ == "within":
        # a deadline set ("will report within 60 days"), not a habit ("most respond within 15 days")
        return _direction(trigger) in (Direction.FUTURE, Direction.DEADLINE)
    return _direction(trigger) is not Direction.PAST


_HAS_NO_HAPPENING = frozenset({"be", "have"})


def _simple_present(trigger: Token | None) -> bool:
    """A happening told in the simple present ("Today we welcome South Africa", "the
    Administration announces"): a verb in the present tense with no auxiliary of its own, not
    "be" or "have"."""
    if trigger is None:
        return False
    verb = trigger if trigger.pos_ == "VERB" else finite_verb(trigger)
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBZ", "VBP") or verb.lemma_.lower() in _HAS_NO_HAPPENING:
        return False
    return not any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() != "do" for c in verb.children)


# What a statement does by being published: "The President is announcing his intent to nominate
# …", "the Administration is releasing a report" (in 326 White House statements).
_ANNOUNCING = frozenset({"announce", "unveil", "release", "name", "designate"})


def _announced_here(doc: Doc, trigger: Token | None) -> bool:
    """An announcement in the present progressive in prose: the document makes it, so on the
    publication day it has happened. In a briefing it may still be to come ("the President is
    announcing that at 2 p.m.")."""
    if trigger is None:
        return False
    verb = trigger if trigger.pos_ == "VERB" else finite_verb(trigger)
    return (
        verb.tag_ == "VBG"
        and verb.lemma_.lower() in _ANNOUNCING
        and any(c.dep_ == "aux" and c.lower_ in ("is", "are") for c in verb.children)
        and doc._.structure.turn_at(verb.idx) is None
    )


def _names_a_thing(span: Span) -> bool:
    """A date that modifies a noun naming no happening ("the 2020 Census data", "today's
    uncertain world", "the traditions of Thanksgiving")."""
    root, head = span.root, span.root.head
    if head == root or span.start <= head.i < span.end:
        return False
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        owner = head.head  # "reflected on the traditions of Thanksgiving", not "the end of 2024"
        return not names_happening(owner.lemma_) and owner.lemma_.lower() not in _TIME_NOUNS
    if root.dep_ not in ("compound", "nummod", "amod", "nmod", "poss") or is_title_holder(head):
        return False  # "the 2024 NBA champions" won in 2024
    if head.pos_ in ("NOUN", "PROPN") and head.i > root.i and head.lemma_.lower() in _FISCAL_NOUNS:
        return True  # "a ‘24 budget", "the 2025 budget": the year it covers, not when it happens
    return head.pos_ in ("NOUN", "PROPN") and head.i > root.i and not names_happening(head.lemma_)


# Things named by the (fiscal) year they cover.
_FISCAL_NOUNS = frozenset({"budget", "appropriations"})


# Nouns of a part of a time, through which "of" still dates: "by the end of 2024", "the morning
# of September 11", "the anniversary of the attack".
_TIME_NOUNS = frozenset(
    {"end", "beginning", "start", "middle", "close", "rest", "remainder", "part", "half", "morning",
     "afternoon", "evening", "night", "day", "week", "weekend", "month", "year", "eve", "dawn", "time",
     "anniversary", "spring", "summer", "fall", "autumn", "winter", "season", "period", "course", "date",
     "run-up", "runup", "lead-up", "wake", "aftermath", "occasion", "first", "last", "late", "early"}
)  # fmt: skip


_HYPOTHETICAL = frozenset({"would", "could", "might"})
# Verbs that say only that something happened; the happening is their object (or subject).
_LIGHT_VERBS = frozenset({"do", "get", "happen", "occur", "make", "take"})
# "took office", "took effect"; "took the lives of 14 students", "took away a constitutional right"
_TAKEN = frozenset({"office", "effect", "place", "action", "part", "lives", "life", "away"})
# Contracted "be" that the small model may lemmatize as itself: "She’s so busy today".
_BE_FORMS = frozenset({"'s", "’s", "'re", "’re", "'m", "’m"})
_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall"})
_TAKING_EFFECT = frozenset({"effective", "due"})
_WHERE = frozenset({"in", "at", "on", "to", "here", "there", "back"})
# Verbs whose "to be" complement is a plan to be somewhere: "I expect to be there later this week".
_PLANNING = frozenset({"expect", "plan", "intend", "hope", "schedule"})


def _being_happens(verb: Token, children: list[Token]) -> bool:
    """ "The vote is on Thursday", "Monday is the deadline", "the order is effective on May 12",
    "she will be in the briefing room tomorrow", "I expect to be there later this week"; not
    "she's so busy today", "we're here today"."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "attr") and names_happening(c.lemma_) for c in children):
        return True
    if any(c.dep_ == "acomp" and c.lemma_.lower() in _TAKING_EFFECT for c in children):
        return True
    future = (
        any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in children)
        or (verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG")
        or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _PLANNING)  # "I expect to be there"
    )
    return future and any(c.dep_ in ("prep", "advmod") and c.lower_ in _WHERE for c in children)


def _tells_no_happening(trigger: Token) -> bool:
    """A verb of a state, a wish or a thought ("it is an honor", "I want to…", "what we saw"),
    denied ("did not attend"), hypothetical ("would sign") or asked in its own question ("Is it
    a mistake…?"). "be" and "have" tell a happening only by their subject or object: "the vote
    is on Thursday", "we have an election coming up"."""
    if trigger.pos_ not in ("VERB", "AUX"):
        return False
    lemma = "be" if trigger.lower_ in _BE_FORMS else trigger.lemma_.lower()
    children = list(trigger.children)
    if lemma == "be":
        return not _being_happens(trigger, children)
    if lemma == "have":
        return not any(c.dep_ == "dobj" and names_happening(c.lemma_) for c in children)
    if lemma in STATE_VERBS or any(c.dep_ == "neg" for c in children):
        return True
    if lemma == "let" and trigger.i + 1 < len(trigger.doc) and trigger.doc[trigger.i + 1].lower_ in _US:
        return True  # "let us remember", "let's give them a round of applause": an exhortation
    if lemma in _STANCES and _held_now(trigger, children):
        return True  # "Today, I proudly stand with France", "we face challenges", "we support …"
    if lemma in _LIGHT_VERBS:  # "what happened last week", "what we did yesterday": no happening named
        held = ("dobj", "nsubj", "nsubjpass") if lemma in ("happen", "occur") else ("dobj",)
        taken = lemma == "take" and any(c.lower_ in _TAKEN for c in children)  # "took office"
        return not taken and not any(c.dep_ in held and names_happening(c.lemma_) for c in children)
    if trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in STATE_VERBS:
        return True  # "I want to spend some time today"
    if lemma == "become":  # "Kazemi became the commander", not "that promise has become a reality"
        return not any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in children)
    if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in children):
        return True
    return _asks(trigger)


_US = frozenset({"us", "'s", "’s"})
# Verbs of a stance or a condition, which in the present tell no happening: "I stand here
# today", "today we face challenges", "France and the United States support entry into force".
_STANCES = frozenset({"stand", "face", "support", "oppose", "live", "represent"})


def _held_now(verb: Token, children: list[Token]) -> bool:
    """The verb in the present, or an infinitive that is not a plan ("proud to stand beside you
    today"), without a future or past of its own."""
    if any(c.dep_ == "aux" and (c.lower_ in _FUTURE_AUX or c.tag_ in ("VBD", "MD")) for c in children):
        return False
    if verb.tag_ in ("VBP", "VBZ"):
        return True
    return verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ"


def _asks(verb: Token) -> bool:
    """A question of the verb's own clause, asked by inversion ("Is it a mistake…?", "Did he
    call…?"), not a statement with a question mark ("they'll be in Nantucket, as usual?")."""
    if verb.dep_ != "ROOT" or not verb.sent.text.rstrip().endswith("?"):
        return False
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    helpers = [c.i for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.pos_ == "AUX":
        helpers.append(verb.i)
    return bool(subjects and helpers) and min(helpers) < min(subjects)


def _dates_something(timex: Timex) -> bool:
    """Calendar dates and times only: durations, sets and "now"/"recently" date nothing."""
    return (
        timex.type in (TimexType.DATE, TimexType.TIME)
        and timex.resolved
        and timex.range_start is not None
        and timex.range_end is not None
        and timex.granularity is not None
    )


# A wire dateline ahead of the first sentence: "WASHINGTON—", "KYIV, Ukraine (AP) — ", a
# readout's "Washington, D.C. – ".
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'\- ]{2,}|Washington)(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?\s*"
    r"(?:\([A-Za-z. ]+\)\s*)?(?:[—–]|--)\s*"
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
    direction = _direction(trigger)
    return Event(
        key="",
        value=dating.value,
        start_date=dating.start,
        end_date=dating.end,
        granularity=dating.granularity,
        status=_going_on(text, span, dating, published)
        or _status(dating, published, direction, _simple_present(trigger) or _announced_here(doc, trigger)),
        summary=" ".join(text[start_char:end_char].split()),
        sentence=sentence_index(doc, span.start_char if span is not None else anchor.idx),
        trigger=trigger.text if trigger is not None else None,
        kind=kind_of_trigger(trigger),
        participants=participants_in(doc, mentions, start_char, end_char),
        timex=dating.timex,
        summary_start=start_char,
        summary_end=end_char,
    )


def _with_key(event: Event, key: str) -> Event:
    return replace(event, key=key)
