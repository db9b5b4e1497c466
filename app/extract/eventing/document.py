"""The document's own happening: remarks delivered, a briefing held, a statement issued, an
order or proclamation signed, a meeting read out. One event, dated by the document (or by the
date line inside it: "THE WHITE HOUSE, May 9, 2023."), whose summary is the headline and whose
participants are the entities the headline names.

Where the event is stated decides its sentence: a transcript's happening is stated only by its
headline (`HEADLINE_SENTENCE`); a signed instrument's by its date line or its signing formula
("I have hereunto set my hand", "it is hereby ordered"); a statement's by its first sentence; a
readout's by its lead, unless the lead already dates the meeting ("Yesterday, … met with …").
The classes are the headlines of the 6,050 White House items in the shared corpus.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from app.domain import (
    HEADLINE_SENTENCE,
    Entity,
    EntityKind,
    Event,
    EventKind,
    EventStatus,
    Granularity,
    Participant,
    Timex,
)
from app.extract.doctext import doc_text
from app.extract.eventing.leads import opening_paragraph
from app.extract.sentences import sentence_index, sentence_spans

_PREFIX = re.compile(r"^\s*(?:Press Release|FACT SHEET|Fact Sheet)\s*:\s*", re.IGNORECASE)
_TRANSCRIPT = re.compile(
    r"^(?:Remarks|Press Briefing|Press Gaggle|(?:Background |On-the-Record )?Press Call|Press Conference"
    r"|Excerpts? (?:of|from) Remarks)\b",
    re.IGNORECASE,
)
_SIGNED: tuple[tuple[re.Pattern[str], EventKind], ...] = (
    (re.compile(r"^(?:A )?Proclamation\b", re.IGNORECASE), EventKind.ANNOUNCEMENT),
    (
        re.compile(
            r"^(?:Executive Order|(?:National Security |Presidential )?Memorandum|Presidential (?:Permit|"
            r"Determination|Waiver)|Sequestration Order|Bills? Signed)\b",
            re.IGNORECASE,
        ),
        EventKind.LEGISLATION,
    ),
    (re.compile(r"^Notice (?:on|of|to)\b", re.IGNORECASE), EventKind.ANNOUNCEMENT),
    (re.compile(r"^(?:Message|Letters?) to\b", re.IGNORECASE), EventKind.STATEMENT),
)
_STATEMENT = re.compile(r"^(?:Joint )?Statement (?:from|by|of|on)\b", re.IGNORECASE)
_READOUT = re.compile(r"^Readout (?:of|from)\b", re.IGNORECASE)
# The sentences that sign an instrument, best first: the date line under the signature, the
# witness formula of a proclamation, the enacting formula of an order.
_DATE_LINE = re.compile(r"THE WHITE HOUSE,\s*\n?\s*[A-Z][a-z]+ \d{1,2}, \d{4}\.?")
_SIGNING = (
    _DATE_LINE,
    re.compile(r"\bhave hereunto set my hand\b", re.IGNORECASE),
    re.compile(r"\bit is hereby ordered\b|\bdo hereby proclaim\b", re.IGNORECASE),
)
_ENACTING = _SIGNING[2]


@dataclass(frozen=True)
class OwnHappening:
    """The event, and the body sentence that states it (None for the headline)."""

    event: Event
    sentence: int | None


def is_readout(title: str | None) -> bool:
    """ "Readout of President Biden’s Call with …", "Readout from a White House Convening …"."""
    return bool(_READOUT.match(headline_of(title)))


def headline_of(title: str | None) -> str:
    """The headline as one line: non-breaking and repeated spaces folded, a "Press Release:" or
    "FACT SHEET:" label dropped."""
    return _PREFIX.sub("", " ".join((title or "").replace("\u2060", "").split()))


def own_happening(
    doc: Doc,
    title: str | None,
    published: dt.date | None,
    entities: Sequence[Entity],
    timexes: Sequence[Timex],
    lead_dated: bool,
) -> OwnHappening | None:
    """The document's own happening, or None when the headline names none (a fact sheet, a
    news story: their leads tell the news) or there is no publication date.
    `lead_dated`: whether an event of the first paragraph already dates the happening."""
    headline = headline_of(title)
    if published is None or not headline:
        return None
    text = doc_text(doc)
    signing_kind = next((kind for pattern, kind in _SIGNED if pattern.match(headline)), None)
    if signing_kind is None and _ENACTING.search(text):
        signing_kind = EventKind.LEGISLATION  # "Amendments to Executive Orders …": an order all the same
    if signing_kind is not None:
        return _signed(doc, headline, published, entities, timexes, signing_kind)
    if _TRANSCRIPT.match(headline):
        event = _event(doc, headline, published, entities, HEADLINE_SENTENCE, EventKind.STATEMENT)
        return OwnHappening(event, None)
    if _STATEMENT.match(headline) or (_READOUT.match(headline) and not lead_dated):
        first = _first_sentence(doc)
        if first is None:
            return None
        kind = EventKind.MEETING if _READOUT.match(headline) else EventKind.STATEMENT
        return OwnHappening(_event(doc, headline, published, entities, first, kind), first)
    return None


def _signed(
    doc: Doc,
    headline: str,
    published: dt.date,
    entities: Sequence[Entity],
    timexes: Sequence[Timex],
    kind: EventKind,
) -> OwnHappening:
    text = doc_text(doc)
    for pattern in _SIGNING:
        found = None
        for found in pattern.finditer(text):  # noqa: B007 - the last one: the date line closes the text
            pass
        if found is None:
            continue
        sentence = sentence_index(doc, found.end() - 1)  # the date, not "THE WHITE HOUSE,"
        day = published
        if pattern is _DATE_LINE:
            day = _day_in(timexes, found.start(), found.end()) or published
        event = _event(doc, headline, day, entities, sentence, kind, published)
        return OwnHappening(_signed_by(event, entities), sentence)
    event = _event(doc, headline, published, entities, HEADLINE_SENTENCE, kind)
    return OwnHappening(_signed_by(event, entities), None)


def _signed_by(event: Event, entities: Sequence[Entity]) -> Event:
    """The instrument's signer is its agent, the entities its headline names participants ("Message
    to the Congress on …" is the President's, sent to the Congress). The signer is the person the
    text names in capitals: "I, JOSEPH R. BIDEN JR., President of the United States", and the
    signature under the text."""
    signer = next(
        (
            e.key
            for e in reversed(entities)
            if e.kind is EntityKind.PERSON and any(_signs(m.text) for m in e.mentions)
        ),
        None,
    )
    if signer is None:
        return event
    others = [Participant(p.entity, "participant") for p in event.participants if p.entity != signer]
    return replace(event, participants=(Participant(signer, "agent"), *others))


def _signs(mention: str) -> bool:
    words = mention.split()
    return len(words) >= 2 and mention.isupper()


def _day_in(timexes: Sequence[Timex], start: int, end: int) -> dt.date | None:
    for timex in timexes:
        if start <= timex.start and timex.end <= end and timex.granularity is Granularity.DAY:
            return timex.range_start
    return None


def _first_sentence(doc: Doc) -> int | None:
    """The first sentence with words of its own (not a bracketed link or an emphasis line) from
    the opening paragraph of prose on (past a subtitle)."""
    text = doc_text(doc)
    opening, _ = opening_paragraph(text)
    for span in sentence_spans(doc):
        if span.start < opening:
            continue
        words = [w for w in text[span.start : span.end].split() if w[:1].isalpha()]
        if len(words) >= 4 and not text[span.start : span.end].lstrip().startswith(("[", "*", "\\[")):
            return span.index
    return None


def _event(
    doc: Doc,
    headline: str,
    day: dt.date,
    entities: Sequence[Entity],
    sentence: int,
    kind: EventKind,
    published: dt.date | None = None,
) -> Event:
    return day_event(day, published or day, headline, sentence, kind, named_in(headline, entities))


def day_event(
    day: dt.date,
    published: dt.date,
    summary: str,
    sentence: int,
    kind: EventKind,
    participants: tuple[Participant, ...],
    trigger: str | None = None,
) -> Event:
    """An event of one day that the document itself dates (no time expression of its own)."""
    return Event(
        key="",
        value=day.isoformat(),
        start_date=day,
        end_date=day,
        granularity=Granularity.DAY,
        status=EventStatus.EXPECTED if day > published else EventStatus.HAPPENED,
        summary=summary,
        sentence=sentence,
        trigger=trigger,
        kind=kind,
        participants=participants,
    )


def named_in(headline: str, entities: Sequence[Entity]) -> tuple[Participant, ...]:
    """Entities of the document that the headline names by their name, an alias or a mention."""
    found: list[tuple[int, str]] = []
    for entity in entities:
        surfaces = {entity.name, *entity.aliases, *(m.text for m in entity.mentions)}
        positions = [
            m.start()
            for surface in surfaces
            if len(surface) > 2
            for m in [re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", headline)]
            if m is not None
        ]
        if positions:
            found.append((min(positions), entity.key))
    return tuple(Participant(entity=key, role="agent" if i == 0 else "participant")
                 for i, (_, key) in enumerate(sorted(found)))  # fmt: skip
