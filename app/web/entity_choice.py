"""What a reader typed into an entity filter, read as names (app/store/queries/entity_names.py):
the slugs the page filters by, and a notice for each name that was a guess (the start of a
name, several entities so called) or named no one, with links to the other choices. A page
never answers a typed name with a 400."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.store.queries.entity_names import MatchedBy, match_names
from app.store.queries.views import EntityRef


@dataclass(frozen=True)
class Choice:
    entity: EntityRef
    mentions: int
    url: str  # the same page filtered by this entity instead


@dataclass(frozen=True)
class NameNotice:
    typed: str
    chosen: EntityRef | None  # None: no entity goes by this name; the filter is left out
    choices: tuple[Choice, ...]
    guessed: bool  # chosen from the start of a name or its words, not the whole name


@dataclass(frozen=True)
class ReadNames:
    slugs: tuple[str, ...]
    notices: tuple[NameNotice, ...]


def read_names(
    session: Session, typed: Sequence[str], url_with: Callable[[str, str | None], str]
) -> ReadNames:
    """`url_with(typed_value, slug)`: the page's URL with that value replaced by `slug` (None:
    dropped)."""
    matches = match_names(session, typed)
    notices = []
    for m in matches:
        guessed = m.how in (MatchedBy.PREFIX, MatchedBy.WORDS)
        if m.chosen is None or m.ambiguous or guessed:
            # a one-word slug is read as a name (entity_names), so its link would lead back here
            reachable = [c for c in m.others if "-" in c.entity.slug]
            choices = tuple(Choice(c.entity, c.count, url_with(m.typed, c.entity.slug)) for c in reachable)
            notices.append(NameNotice(m.typed, m.chosen, choices, guessed))
    slugs = tuple(dict.fromkeys(m.chosen.slug for m in matches if m.chosen))
    return ReadNames(slugs, tuple(notices))
