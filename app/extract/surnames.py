"""A surname alone names the person the article named in full before it: after "Retired Gen.
Norman Ham", "Ham said" and the "he" that follows are his, even where the model tagged the bare
"Ham" as nothing, or "Trump" as an organisation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from app.domain import Entity, EntityKind, Mention
from app.extract import names
from app.extract.entity_index import EntityIndex


def with_surname_mentions(doc: Doc, entities: Sequence[Entity]) -> list[Entity]:
    """The entities as speaker attribution sees them: each bare surname of a person named in
    full earlier (one person of that surname in the article) becomes a mention of that person,
    taking the place of an organisation mention of the same word."""
    people: dict[str, Entity | None] = {}
    first_seen: dict[str, int] = {}
    for entity in entities:
        words = names.name_words(entity.name)
        if entity.kind is not EntityKind.PERSON or len(words) < 2 or not entity.mentions:
            continue
        surname = names.last_name(words)
        people[surname] = entity if people.get(surname, entity) is entity else None
        first_seen[entity.key] = min(m.start for m in entity.mentions)
    if not any(people.values()):
        return list(entities)
    index = EntityIndex(entities)
    added: dict[str, list[Mention]] = {}
    taken: set[tuple[str, int]] = set()  # (entity key, start) of organisation mentions replaced
    for token in doc:
        person = people.get(token.text)
        if person is None or token.idx <= first_seen[person.key]:
            continue
        there = index.at(token.idx)
        if there is not None:
            if there.entity.kind is EntityKind.PERSON or (there.start, there.end) != (
                token.idx,
                token.idx + len(token.text),
            ):
                continue  # already someone's, or part of a longer name ("Ham Street")
            taken.add((there.entity.key, there.start))
        added.setdefault(person.key, []).append(
            Mention(token.idx, token.idx + len(token.text), token.text, sentence=-1)
        )
    if not added:
        return list(entities)
    return [
        replace(
            e,
            mentions=tuple(
                sorted(
                    [*(m for m in e.mentions if (e.key, m.start) not in taken), *added.get(e.key, ())],
                    key=lambda m: m.start,
                )
            ),
        )
        for e in entities
    ]
