"""Entities taking part in an event: those mentioned in its summary, with a role from the parse."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from app.domain import Entity, EntityKind, Participant

AGENT, PATIENT, PLACE, PARTICIPANT = "agent", "patient", "place", "participant"
_RANK = {AGENT: 0, PATIENT: 1, PLACE: 2, PARTICIPANT: 3}
_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around"})


class MentionIndex:
    """Every entity mention of a document, sorted by offset, for finding those in a range."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        rows = sorted((m.start, m.end, e) for e in entities for m in e.mentions)
        self._starts = [row[0] for row in rows]
        self._rows = rows

    def within(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        i = bisect_left(self._starts, start)
        found = []
        while i < len(self._rows) and self._rows[i][0] < end:
            if self._rows[i][1] <= end:
                found.append(self._rows[i])
            i += 1
        return found


def participants_in(doc: Doc, mentions: MentionIndex, start: int, end: int) -> tuple[Participant, ...]:
    """Entities with a mention inside characters [start, end), in order of first mention, each
    with the strongest role any of its mentions there has."""
    found: dict[str, tuple[int, str]] = {}
    for mention_start, mention_end, entity in mentions.within(start, end):
        span = doc.char_span(mention_start, mention_end, alignment_mode="expand")
        role = role_of(span.root, entity.kind) if span is not None and len(span) else PARTICIPANT
        first, best = found.get(entity.key, (mention_start, role))
        found[entity.key] = (min(first, mention_start), min(best, role, key=_RANK.__getitem__))
    ordered = sorted(found.items(), key=lambda item: item[1][0])
    return tuple(Participant(entity=key, role=role) for key, (_, role) in ordered)


def role_of(token: Token, kind: EntityKind) -> str:
    """agent = subject (or "by" agent of a passive, or possessor of an event noun: "Russia's
    invasion"); patient = object or passive subject; place = a place after a locative
    preposition; else participant."""
    dep, head = token.dep_, token.head
    if dep == "nsubj" or (dep == "pobj" and head.dep_ == "agent"):
        return AGENT
    if dep == "poss" and head.pos_ == "NOUN":
        return AGENT
    if dep == "nsubjpass" and any(c.dep_ == "xcomp" for c in head.children):
        return AGENT  # "the Bureau is scheduled to release...": the one who will act
    if dep in ("dobj", "nsubjpass"):
        return PATIENT
    if dep == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and kind is not EntityKind.PLACE:
        return PATIENT
    if kind is EntityKind.PLACE and dep == "pobj" and head.lower_ in _LOCATIVE:
        return PLACE
    if dep in ("compound", "appos", "conj") and head != token and head.dep_ != dep:
        return role_of(head, kind) if head.ent_type_ == token.ent_type_ else PARTICIPANT
    return PARTICIPANT
