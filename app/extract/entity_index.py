"""Find which entity a stretch of text names, by character offset, in logarithmic time."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from app.domain import Entity, EntityKind


@dataclass(frozen=True)
class IndexedMention:
    start: int
    end: int
    entity: Entity


class EntityIndex:
    def __init__(self, entities: Sequence[Entity]) -> None:
        mentions = sorted(
            (IndexedMention(m.start, m.end, e) for e in entities for m in e.mentions), key=lambda m: m.start
        )
        self._mentions = mentions
        self._starts = [m.start for m in mentions]
        people = [m for m in mentions if m.entity.kind is EntityKind.PERSON]
        self._people = people
        self._people_starts = [m.start for m in people]
        self._by_word: dict[str, Entity | None] = {}

    def at(self, offset: int) -> IndexedMention | None:
        """The mention covering character `offset`."""
        i = bisect_right(self._starts, offset) - 1
        # Mentions do not nest, but a few may share a start; look back a little.
        for j in range(i, max(-1, i - 3), -1):
            m = self._mentions[j]
            if m.start <= offset < m.end:
                return m
        return None

    def within(self, start: int, end: int) -> list[IndexedMention]:
        lo = bisect_left(self._starts, start)
        hi = bisect_left(self._starts, end)
        return [m for m in self._mentions[lo:hi] if m.end <= end]

    def people_before(self, offset: int) -> Iterator[IndexedMention]:
        """Person mentions that start before `offset`, nearest first."""
        for i in range(bisect_left(self._people_starts, offset) - 1, -1, -1):
            yield self._people[i]

    def find_name(self, word: str) -> Entity | None:
        """The person or organisation whose name holds `word` ("PENCE" -> Mike Pence), if one."""
        key = word.casefold()
        if key in self._by_word:
            return self._by_word[key]
        found = {
            m.entity.key: m.entity
            for m in self._mentions
            if m.entity.kind in (EntityKind.PERSON, EntityKind.ORGANIZATION)
            and key in (w.casefold() for w in m.entity.name.split())
        }
        entity = next(iter(found.values())) if len(found) == 1 else None
        self._by_word[key] = entity
        return entity
