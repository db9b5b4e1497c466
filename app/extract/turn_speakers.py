"""Who each transcript label is: "THE PRESIDENT" -> Joe Biden, "MS. JEAN-PIERRE" -> Karine
Jean-Pierre, "SENIOR ADMINISTRATION OFFICIAL" -> an unnamed official, "Q" -> a reporter's
question, "AUDIENCE" -> a crowd.

A name label ("PRIME MINISTER ALBANESE", "MR. GROUSBECK") is looked up, in order, among the
people the text names (an introduction, "My name is Amos Hochstein", or a name met earlier), in
the headline ("Remarks by President Biden and Prime Minister Anthony Albanese …"), in the
office-holder list for the transcript's date and in the list of well-known people. An office
label ("THE PRESIDENT", "THE FIRST LADY") is the headline's holder of that office, else the
office-holder list's on that date. A person found outside the text joins the article's
entities (without mentions), so their words reach their entity page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from app.domain import Entity, EntityKind, Quote, Speaker, SpeakerKind
from app.extract import names, notable, offices
from app.extract.structure import DocStructure

TURN_ROLE = "turn speaker"  # the role of a person added because a label names them


class TurnRole(StrEnum):
    SPEAKER = "speaker"  # someone's words: a quote of theirs
    QUESTION = "question"  # a reporter's question: nobody's quote
    CROWD = "crowd"  # an audience, participants in chorus: no one's in particular


@dataclass(frozen=True)
class TurnSpeaker:
    role: TurnRole
    speaker: Speaker | None = None


# Labels of many voices at once.
_CROWDS = names.word_set(
    """
    audience members participants crowd protesters protestors students players reporters
    children voices attendees crew all everyone graduates cadets
    """
)
# Words of an unnamed speaker's label: "SENIOR ADMINISTRATION OFFICIAL", "AUDIENCE MEMBER".
_ROLES = names.word_set(
    """
    official moderator participant operator interpreter translator child woman man protester
    protestor announcer reporter narrator student aide member staffer voice emcee host panelist
    attendee video speaker
    """
)
# Title words of labels beyond names.TITLE_WORDS: "SECOND GENTLEMAN", "PRIME MINISTER".
_MORE_TITLE_WORDS = names.word_set("prime first second gentleman taoiseach vice state")
_COURTESY_SEX = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_HEADLINE_STOPS = names.word_set(
    """
    on at in to before during after for about with of en aboard ahead upon from via and
    remarks statement briefing gaggle call interview press background conference
    """
)
_NAME_WORD = re.compile(r"^[A-ZÀ-Þ][\w’'.-]*$|^(?:von|van|der|de|da|del|di|du|la|le|bin|al)$")


def resolve_turns(
    layout: DocStructure, entities: Sequence[Entity], title: str | None, published: dt.date | None
) -> tuple[dict[str, TurnSpeaker], list[Entity]]:
    """Each distinct label's speaker, and the entities with any person the labels add."""
    resolver = _Resolver(list(entities), _headline_names(title or ""), published)
    found: dict[str, TurnSpeaker] = {}
    for turn in layout.turns:
        if turn.label not in found:
            found[turn.label] = resolver.resolve(turn.label)
    return found, resolver.entities


@dataclass(frozen=True)
class _Label:
    office: tuple[str, ...]  # lower-case title words: ("prime", "minister"), ("president",)
    name: tuple[str, ...]  # the name's words as written: ("JEAN-PIERRE",)
    sex: str | None  # from a courtesy title


def _parse(label: str) -> _Label:
    words = [w for w in re.split(r"\s+", label.strip(" .")) if w]
    sex = None
    if words and words[0].lower().rstrip(".") in _COURTESY_SEX:
        sex = _COURTESY_SEX[words[0].lower().rstrip(".")]
        words = words[1:]
    if words and words[0].lower() == "the":
        words = words[1:]
    last_title = max((i for i, w in enumerate(words) if is_title(w)), default=-1)
    office = tuple(w.lower().rstrip(".") for w in words[: last_title + 1])
    return _Label(office, tuple(words[last_title + 1 :]), sex)


def is_title(word: str) -> bool:
    """A word of an office or address in a label or headline: "President", "Dr.", "First" (Lady)."""
    low = word.lower()
    return names.is_title_word(low) or names.is_title_word(low.rstrip(".")) or low in _MORE_TITLE_WORDS


def _title_case(word: str) -> str:
    """ "JEAN-PIERRE" -> "Jean-Pierre", "MCCARTHY" -> "McCarthy"."""
    if not word.isupper():
        return word
    cased = word.title()
    return re.sub(r"^Mc(\w)", lambda m: "Mc" + m[1].upper(), cased)


@dataclass
class _Resolver:
    entities: list[Entity]
    headline: list[tuple[tuple[str, ...], tuple[str, ...]]]  # (title words, name words)
    published: dt.date | None

    def resolve(self, label: str) -> TurnSpeaker:
        if label == "Q":
            return TurnSpeaker(TurnRole.QUESTION)
        words = [w.lower().rstrip(".") for w in label.split()]
        if words[-1] in _CROWDS:
            return TurnSpeaker(TurnRole.CROWD)
        if words[-1] in _ROLES:
            return TurnSpeaker(TurnRole.SPEAKER, Speaker(label.lower(), SpeakerKind.ANONYMOUS))
        parsed = _parse(label)
        if not parsed.name:
            return TurnSpeaker(TurnRole.SPEAKER, self._office_holder(parsed.office, label))
        return TurnSpeaker(TurnRole.SPEAKER, self._named(parsed))

    # --- an office: "THE PRESIDENT", "THE FIRST LADY" ---------------------------------------

    def _office_holder(self, office: tuple[str, ...], label: str) -> Speaker:
        title = " ".join(office)
        for titles, name in self.headline:
            if _holds(titles, office):
                return self._named(_Label(office, name, None))
        if self.published is not None:
            term = offices.holder(title, self.published)
            if term is not None:
                return self._person(term.name)
        return Speaker(label.lower(), SpeakerKind.ANONYMOUS)

    # --- a name: "PRIME MINISTER ALBANESE", "MS. DALTON" -----------------------------------

    def _named(self, label: _Label) -> Speaker:
        surname = label.name[-1].casefold()
        given = [w.casefold() for w in label.name[:-1]]
        in_text = self._people_named(surname, given)
        if not in_text and given:
            # "SECOND GENTLEMAN DOUGLAS EMHOFF" is the text's "Doug Emhoff"
            in_text = [
                e
                for e in self._people_named(surname, [])
                if e.name[:3].casefold() == given[0][:3] and len(names.name_words(e.name)) > 1
            ]
        if label.office:  # not the text's Jill Biden when the headline has her as First Lady
            others = self._holders_of_other_offices(label.office)
            in_text = [e for e in in_text if e.name.casefold() not in others]
        if len(in_text) == 1:
            return _speaker_of(in_text[0])
        full = self._full_name(label, surname, given)
        if full is not None:
            return self._person(full)
        return Speaker(" ".join(_title_case(w) for w in label.name), SpeakerKind.NAMED)

    def _people_named(self, surname: str, given: list[str]) -> list[Entity]:
        """People of the text whose name ends in this surname (and starts with these given
        names); of several, those with a given name when only one has one."""
        found = []
        for entity in self.entities:
            if entity.kind is not EntityKind.PERSON:
                continue
            words = [w.casefold() for w in names.name_words(entity.name)]
            if names.last_name(words) != surname:
                continue
            if given and words[: len(given)] != given:
                continue
            found.append(entity)
        full = [e for e in found if len(names.name_words(e.name)) > 1]
        return full if len(full) == 1 else found

    def _holders_of_other_offices(self, office: tuple[str, ...]) -> set[str]:
        """Full names the headline gives with a title that is not this office."""
        return {
            " ".join(name).casefold()
            for titles, name in self.headline
            if len(name) > 1 and titles and not _holds(titles, office)
        }

    def _full_name(self, label: _Label, surname: str, given: list[str]) -> str | None:
        for titles, name in self.headline:
            words = [w.casefold() for w in name]
            if len(name) > 1 and words[-1] == surname and (not given or words[: len(given)] == given):
                if label.office and titles and not _holds(titles, label.office):
                    continue  # "THE PRESIDENT" (Biden) is not the headline's "First Lady Jill Biden"
                return " ".join(name)
        if given:
            return " ".join(_title_case(w) for w in label.name)
        title = " ".join(label.office) or None
        if self.published is not None:
            term = offices.by_surname(surname, self.published, title, label.sex) or (
                offices.by_surname(surname, self.published, None, label.sex) if title else None
            )
            if term is not None:
                return term.name
        return notable.full_name(_title_case(label.name[-1]), title, self.published)

    def _person(self, name: str) -> Speaker:
        """The entity of that name, added to the article's entities when the text has none."""
        key = name.casefold()
        for entity in self.entities:
            if entity.kind is EntityKind.PERSON and entity.name.casefold() == key:
                return _speaker_of(entity)
        surname = names.last_name([w.casefold() for w in names.name_words(name)])
        same = self._people_named(surname, [])
        if len(same) == 1 and len(names.name_words(same[0].name)) == 1:
            return _speaker_of(same[0])  # the text's "Biden" is this Joe Biden
        entity = Entity(
            key=f"e{len(self.entities) + 1}", kind=EntityKind.PERSON, name=name, roles=(TURN_ROLE,)
        )
        self.entities.append(entity)
        return _speaker_of(entity)


def speakers_as_entities(
    found: Sequence[Quote], entities: Sequence[Entity]
) -> tuple[list[Quote], list[Entity]]:
    """Quotes whose speaker has a full name but no entity ("the President said" in a transcript
    is that day's President, whom the text may never name) get one, as a label's speaker does
    (_Resolver._person): the text's person of that name, else a person without mentions joins
    the entities, so the words reach that person's page."""
    resolver = _Resolver(list(entities), [], None)
    out = []
    for quote in found:
        speaker = quote.speaker
        if (
            speaker is not None
            and speaker.kind is SpeakerKind.NAMED
            and speaker.entity is None
            and len(names.name_words(speaker.name)) > 1
        ):
            quote = replace(quote, speaker=resolver._person(speaker.name))
        out.append(quote)
    return out, resolver.entities


def _holds(titles: tuple[str, ...], office: tuple[str, ...]) -> bool:
    """Whether a headline's title words ("Prime", "Minister") name this office ("prime",
    "minister"): they end with it, and no further title word makes it another ("Vice
    President" is not "president")."""
    if not office or len(titles) < len(office):
        return False
    if tuple(t.lower().rstrip(".") for t in titles[-len(office) :]) != office:
        return False
    return len(titles) == len(office) or titles[-len(office) - 1].lower() not in _MORE_TITLE_WORDS


def _speaker_of(entity: Entity) -> Speaker:
    return Speaker(entity.name, SpeakerKind.NAMED, entity.key)


def _headline_names(title: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(title words, name words) of each person a headline names: "Remarks by President Biden
    and Prime Minister Anthony Albanese of Australia" -> (President,)/(Biden,) and (Prime,
    Minister)/(Anthony, Albanese)."""
    found = []
    for piece in re.split(r"\s*(?:,|\band\b|\||:|;|–|—|\(|\))\s*", title):
        run: list[str] = []
        for word in [*piece.split(), ""]:
            bare = word.strip("’'")
            if (
                bare
                and _NAME_WORD.match(bare)
                and bare.lower() not in _HEADLINE_STOPS
                and not is_gerund(bare)
            ):
                run.append(bare)
                continue
            last_title = max((i for i, w in enumerate(run) if is_title(w)), default=-1)
            if 0 <= last_title < len(run) - 1:
                found.append((tuple(run[: last_title + 1]), tuple(run[last_title + 1 :])))
            run = []
    return found


def is_gerund(word: str) -> bool:
    return len(word) > 5 and word.lower().endswith("ing")
