"""Whom a "he" or "she" can mean, and whether they fit it.

A person's sex comes from the office-holder and well-known-people lists, from a courtesy title
the text gives them ("Ms. Young"), or from a given name that is almost always one sex's
(data/first_names.tsv, from the U.S. Census); unknown fits any pronoun.

In a transcript, people are also named by what they are on the transcript's day: "the
President" (the holder of the office), "the former president", "my predecessor" and "my
opponent" (relative to whoever holds the turn). Those count as mentions a pronoun can take up:
"When you hear the President talk about budgets, he says, …" is the President's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from app.domain import Entity, EntityKind, Speaker, SpeakerKind
from app.extract import names, notable, offices
from app.extract.entity_index import EntityIndex

_PRONOUN_SEX = {"he": "m", "him": "m", "she": "f", "her": "f"}
_COURTESY_SEX = {"mr.": "m", "mr": "m", "ms.": "f", "ms": "f", "mrs.": "f", "mrs": "f"}
# "the President", "the former president", "my predecessor", "my opponent" — never "the
# President of Kenya" or "the Vice President's office" (a name or a possessive follows).
_ROLE = re.compile(
    r"\b(?P<det>the|my)\s+(?P<former>former\s+)?(?P<role>vice\s+president|president|first\s+lady|"
    r"second\s+gentleman|second\s+lady|press\s+secretary|predecessor|opponent)\b(?!\s+(?:of\b|(?-i:[A-Z]))|['’]s)",
    re.I,
)


def pronoun_sex(pronoun: str) -> str | None:
    return _PRONOUN_SEX.get(pronoun.lower())


def sex_of(entity: Entity) -> str | None:
    """ "m", "f" or None (unknown) for a person entity."""
    if entity.kind is not EntityKind.PERSON:
        return None
    known = offices.sex_of(entity.name) or notable.sex_of(entity.name)
    if known:
        return known
    for mention in entity.mentions:
        first = mention.text.split(maxsplit=1)[0].lower() if mention.text.strip() else ""
        if first in _COURTESY_SEX:
            return _COURTESY_SEX[first]
    words = names.name_words(entity.name)
    return names.given_name_sex(words[0]) if len(words) > 1 else None


@dataclass(frozen=True)
class RoleMention:
    """ "the President" on the transcript's day: Joe Biden."""

    start: int
    end: int
    speaker: Speaker
    sex: str | None


def role_mentions(
    text: str,
    published: dt.date | None,
    index: EntityIndex,
    holder_at: Callable[[int], Speaker | None],
    skip: Callable[[int], bool],
) -> list[RoleMention]:
    """People named by office or relation in a transcript, with the entity of that name when the
    article has one. `holder_at(offset)` is whoever holds the turn there; `skip(offset)` is true
    inside quotation marks."""
    if published is None:
        return []
    found = []
    for m in _ROLE.finditer(text):
        if skip(m.start()):
            continue
        term = _term_of(m, published, holder_at(m.start()))
        if term is not None:
            found.append(RoleMention(m.start(), m.end(), holder_speaker(term, index), term.sex or None))
    return found


def holder_speaker(term: offices.Term, index: EntityIndex) -> Speaker:
    """An office holder as a speaker, with the article's entity of that name when it has one."""
    entity = index.find_name(term.surname)
    same = entity is not None and entity.name == term.name
    return Speaker(term.name, SpeakerKind.NAMED, entity.key if same and entity else None)


def _term_of(m: re.Match[str], on: dt.date, holder: Speaker | None) -> offices.Term | None:
    role = re.sub(r"\s+", " ", m["role"].lower())
    if m["det"].lower() == "my":
        if holder is None or holder.kind is not SpeakerKind.NAMED:
            return None
        if role == "predecessor":
            return offices.predecessor(holder.name, on)
        if role == "opponent":
            return offices.opponent(holder.name, on)
        return None
    if role in ("predecessor", "opponent"):
        return None
    return offices.former_holder(role, on) if m["former"] else offices.holder(role, on)
