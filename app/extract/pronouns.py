"""Who "he" or "she" is when a pronoun is the subject of a cue ("he said", "she wrote").

In order: the named subject of a reporting verb that holds the pronoun's clause ("Clinton says
she …"); else, going back from the pronoun, the nearest person named as a subject outside
quotation marks, then the nearest person named at all. Every candidate must fit the pronoun's
sex (when known, see `referents.sex_of`), and in a transcript it is never the one holding the
turn (a speaker does not call themself "he") while offices and relations ("the President", "my
opponent") count as mentions. A relative named by a possessive nearer than anyone named is the
one ("my dad … He’d say": in a turn of Joe Biden's, "Joe Biden’s dad"). In a transcript a
subject further back gives way to a nearer person (a speaker's stories move from one to the
next); news keeps to its subjects.
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
_CORE_ARGUMENTS = frozenset({"dobj", "dative", "attr", "oprd", "nsubj", "nsubjpass"})
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
        kin = relative_before(pronoun, finder.in_quote, holder, want)
        fallback: Speaker | None = None
        reach = -1
        for seen, mention in enumerate(finder.index.people_before(pronoun.idx)):
            if kin is not None and kin[0] > mention.start and fallback is None:
                return kin[1]  # "my dad … He’d say": the relative is nearer than anyone named
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
            if fallback is None:
                fallback = speaker
                if holder is not None:
                    # A speaker telling a story: a subject in an earlier sentence than the nearest
                    # person named as a verb's object does not outweigh them ("Chris Murphy is a
                    # friend. I got to know Nelson Mandela. … he said"), nor one more than a
                    # sentence before anyone else named ("… with my son Beau on his deathbed, he
                    # said"); within a sentence it does ("we heard General Milley said. General
                    # Milley, chairman under Donald Trump. It was reported he said …"). News keeps
                    # to its subjects ("According to Ham, … Obama’s policies. “…,” he said").
                    sentence = token.sent
                    reach = sentence.start
                    if token.dep_ not in _CORE_ARGUMENTS and sentence.start > 0:
                        reach = token.doc[sentence.start - 1].sent.start
            if token.dep_ in ("nsubj", "nsubjpass"):
                return speaker if token.sent.start >= reach else fallback
            if seen >= _RECENT_PEOPLE:
                break
        for role in roles:
            if fits(role.speaker, role.sex):
                return fallback or role.speaker
        if fallback is None and kin is not None:
            return kin[1]
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


# Relatives a speaker quotes ("My dad would say, …", "my grandmother told me, …"), with the sex
# their word gives them.
_MEN = "dad father pop grandfather grandpa granddad uncle brother son husband father-in-law"
_WOMEN = "mom mother mum grandmother grandma granny aunt sister daughter wife mother-in-law"
RELATIVES = {**dict.fromkeys(_MEN.split(), "m"), **dict.fromkeys(_WOMEN.split(), "f")}
_POSSESSIVES = frozenset({"my", "his", "her", "our"})
_RELATIVE_REACH = 3  # sentences back, the pronoun's own included


def relative_before(
    pronoun: Token, in_quote: bytearray, holder: Speaker | None, want: str | None
) -> tuple[int, Speaker] | None:
    """The nearest relative named by a possessive before `pronoun` in its sentence or the two
    before, outside quotation marks, that fits its sex: (offset, speaker)."""
    doc = pronoun.doc
    sentence = pronoun.sent
    for _ in range(_RELATIVE_REACH - 1):
        if sentence.start == 0:
            break
        sentence = doc[sentence.start - 1].sent
    for i in range(pronoun.i - 1, sentence.start, -1):
        token = doc[i]
        if in_quote[i] or (found := relative(token, holder)) is None:
            continue
        if want is None or RELATIVES[token.lower_] == want:
            return doc[i - 1].idx, found
    return None


def relative(noun: Token, holder: Speaker | None) -> Speaker | None:
    """The relative a possessive and a word of kin name: "my dad" in a turn of Joe Biden's is
    "Joe Biden's dad", "his mother" stays as written; None for any other word."""
    if noun.lower_ not in RELATIVES or noun.i == 0:
        return None
    possessive = noun.doc[noun.i - 1].lower_
    if possessive not in _POSSESSIVES:
        return None
    if possessive == "my" and holder is not None and holder.kind is SpeakerKind.NAMED:
        return Speaker(name=f"{holder.name}’s {noun.lower_}", kind=SpeakerKind.ANONYMOUS)
    return Speaker(name=f"{possessive} {noun.lower_}", kind=SpeakerKind.ANONYMOUS)
