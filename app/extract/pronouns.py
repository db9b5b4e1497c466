"""Who "he" or "she" is when a pronoun is the subject of a cue ("he said", "she wrote").

In order: the named subject of a reporting verb that holds the pronoun's clause ("Clinton says
she …"); else, going back from the pronoun, the nearest person named as a subject outside
quotation marks, then the nearest person named at all. Every candidate must fit the pronoun's
sex (when known, see `referents.sex_of`), and in a transcript it is never the one holding the
turn (a speaker does not call themself "he") while offices and relations ("the President", "my
opponent") count as mentions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from spacy.tokens import Token

from app.domain import Entity, EntityKind, Speaker, SpeakerKind
from app.extract import referents
from app.extract.doctext import doc_text
from app.extract.entity_index import EntityIndex, IndexedMention

_RECENT_PEOPLE = 30
_ROLE_REACH = 3000  # characters back an office or relation is still taken up by a pronoun


class _Finder(Protocol):
    index: EntityIndex
    in_quote: bytearray
    turn_speaker: Callable[[int], Speaker | None] | None

    def _token_at(self, offset: int) -> Token: ...


def named(mention: IndexedMention) -> Speaker:
    return Speaker(name=mention.entity.name, kind=SpeakerKind.NAMED, entity=mention.entity.key)


class PronounResolver:
    def __init__(self, finder: _Finder) -> None:
        self.finder = finder
        self._sexes: dict[str, str | None] = {}
        self._roles: list[referents.RoleMention] | None = None

    def resolve(self, pronoun: Token, cue: Token) -> Speaker:
        finder = self.finder
        want = referents.pronoun_sex(pronoun.lower_)
        holder = finder.turn_speaker(pronoun.idx) if finder.turn_speaker is not None else None

        def fits(speaker: Speaker, sex: str | None) -> bool:
            if holder is not None and (speaker.entity or speaker.name) == (holder.entity or holder.name):
                return False
            return sex is None or want is None or sex == want

        for ancestor in cue.ancestors:
            for child in ancestor.children:
                if child.dep_ == "nsubj" and child.i != pronoun.i and not finder.in_quote[child.i]:
                    mention = finder.index.at(child.idx)
                    if (
                        mention is not None
                        and mention.entity.kind is EntityKind.PERSON
                        and fits(named(mention), self.sex(mention.entity))
                    ):
                        return named(mention)
        roles = [
            r for r in self.roles(pronoun) if r.start < pronoun.idx and pronoun.idx - r.start < _ROLE_REACH
        ]
        roles.sort(key=lambda r: -r.start)
        fallback: Speaker | None = None
        for seen, mention in enumerate(finder.index.people_before(pronoun.idx)):
            while roles and roles[0].start > mention.start:
                role = roles.pop(0)
                if fits(role.speaker, role.sex):
                    return role.speaker  # "the President" opens a clause as its subject, as a rule
            token = finder._token_at(mention.end - 1)
            if finder.in_quote[token.i]:
                continue
            speaker = named(mention)
            if not fits(speaker, self.sex(mention.entity)):
                continue
            fallback = fallback or speaker
            if token.dep_ in ("nsubj", "nsubjpass"):
                return speaker
            if seen >= _RECENT_PEOPLE:
                break
        for role in roles:
            if fits(role.speaker, role.sex):
                return fallback or role.speaker
        return fallback or Speaker(name=pronoun.text, kind=SpeakerKind.UNRESOLVED)

    def sex(self, entity: Entity) -> str | None:
        if entity.key not in self._sexes:
            self._sexes[entity.key] = referents.sex_of(entity)
        return self._sexes[entity.key]

    def roles(self, pronoun: Token) -> list[referents.RoleMention]:
        """Offices and relations named in a transcript (none elsewhere: in news "the president"
        may well be another country's)."""
        finder = self.finder
        if finder.turn_speaker is None:
            return []
        if self._roles is None:
            doc = pronoun.doc
            self._roles = referents.role_mentions(
                doc_text(doc),
                doc._.published if doc.has_extension("published") else None,
                finder.index,
                finder.turn_speaker,
                lambda offset: bool(finder.in_quote[finder._token_at(offset).i]),
            )
        return self._roles
