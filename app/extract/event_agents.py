"""Who did it when an event's subject is "he" or "she" ("He fought pancreatic cancer in 2004",
"She has been fighting it since 2004"): the person the pronoun takes up, found as for a
reporting verb's pronoun (`pronouns.PronounResolver`), becomes the event's agent, so the event
is on that person's timeline and can join the stories of other reports naming them.

News prose only: in a transcript "he" is as often someone the speaker has in mind as someone
named before, and a pronoun inside quotation marks is the quoted speaker's, not the article's.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from app.domain import Entity, Event, Participant, SpeakerKind
from app.extract.entity_index import EntityIndex
from app.extract.eventing.participants import AGENT
from app.extract.pronouns import PronounResolver
from app.extract.quote_marks import quoted_spans_of
from app.extract.speakers import SpeakerFinder
from app.extract.structure import EMPTY
from app.extract.surnames import with_surname_mentions
from app.extract.token_arrays import token_arrays

_PERSONAL = frozenset({"he", "she"})
_CLIMB = frozenset({"conj", "xcomp", "advcl"})  # "He resigned and fought …": the subject above


def with_pronoun_agents(doc: Doc, entities: Sequence[Entity], found: Sequence[Event]) -> list[Event]:
    """The events, each whose trigger has "he" or "she" for subject (outside quotation marks)
    with the person that pronoun means as its agent, when a named person fits it."""
    layout = doc._.structure if Doc.has_extension("structure") else EMPTY
    if layout.is_transcript or not found:
        return list(found)
    starts = token_arrays(doc).starts
    wanted = [(i, pronoun, trigger) for i, e in enumerate(found) if (trigger := _trigger(doc, starts, e))
              and (pronoun := _pronoun_subject(trigger)) is not None]  # fmt: skip
    if not wanted:
        return list(found)
    in_quote = bytearray(len(doc))
    for span in quoted_spans_of(doc):
        t0, t1 = bisect_left(starts, span.open), bisect_left(starts, span.close)
        in_quote[t0:t1] = b"\x01" * (t1 - t0)
    finder = SpeakerFinder(doc, EntityIndex(with_surname_mentions(doc, entities)), in_quote, starts)
    resolver = PronounResolver(finder)
    out = list(found)
    for i, pronoun, trigger in wanted:
        if in_quote[pronoun.i]:
            continue
        speaker = resolver.resolve(pronoun, trigger)
        event = out[i]
        if speaker.kind is not SpeakerKind.NAMED or speaker.entity is None:
            continue
        if any(p.entity == speaker.entity for p in event.participants):
            continue
        out[i] = replace(event, participants=(Participant(speaker.entity, AGENT), *event.participants))
    return out


def _trigger(doc: Doc, starts: list[int], event: Event) -> Token | None:
    """The event's trigger word inside its summary."""
    if not event.trigger or event.summary_start is None or event.summary_end is None:
        return None
    word = event.trigger.split()[0].lower()
    i = bisect_left(starts, event.summary_start)
    while i < len(doc) and doc[i].idx < event.summary_end:
        if doc[i].lower_ == word:
            return doc[i]
        i += 1
    return None


def _pronoun_subject(trigger: Token) -> Token | None:
    """ "he" or "she" as the subject of the trigger, or of the verb it is coordinated with."""
    verb = trigger
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child if child.lower_ in _PERSONAL else None
        if verb.dep_ not in _CLIMB or verb.head == verb:
            return None
        verb = verb.head
    return None


__all__ = ["with_pronoun_agents"]
