"""Entities taking part in an event: those mentioned in its summary, with a role from the parse."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from app.domain import Entity, EntityKind, Participant

AGENT, PATIENT, PLACE, PARTICIPANT = "agent", "patient", "place", "participant"
_RANK = {AGENT: 0, PATIENT: 1, PLACE: 2, PARTICIPANT: 3}
_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around"})


def participants_in(doc: Doc, entities: Sequence[Entity], start: int, end: int) -> tuple[Participant, ...]:
    """Entities with a mention inside characters [start, end), in order of first mention, each
    with the strongest role any of its mentions there has."""
    found: dict[str, tuple[int, str]] = {}
    for entity in entities:
        for mention in entity.mentions:
            if mention.start < start or mention.end > end:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            role = role_of(span.root, entity.kind) if span is not None and len(span) else PARTICIPANT
            first, best = found.get(entity.key, (mention.start, role))
            found[entity.key] = (min(first, mention.start), min(best, role, key=_RANK.__getitem__))
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
    if dep in ("dobj", "nsubjpass"):
        return PATIENT
    if dep == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and kind is not EntityKind.PLACE:
        return PATIENT
    if kind is EntityKind.PLACE and dep == "pobj" and head.lower_ in _LOCATIVE:
        return PLACE
    if dep in ("compound", "appos", "conj") and head is not token and head.dep_ != dep:
        return role_of(head, kind) if head.ent_type_ == token.ent_type_ else PARTICIPANT
    return PARTICIPANT
