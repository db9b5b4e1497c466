"""Who said a quote: the cue verb near it and that verb's subject, resolved to an entity, a
description ("a senior State Department official"), or the last person named for "he"/"she".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.domain import EntityKind, Speaker, SpeakerKind
from app.extract import names
from app.extract.entity_index import EntityIndex


def _word_set(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Lemmas of verbs that introduce speech or writing (PARC/PolNeAR cue verbs).
CUE_LEMMAS = _word_set(
    """
    say tell add ask answer reply respond write state explain note argue insist continue warn
    declare claim call describe vow tweet post acknowledge admit announce recall suggest complain
    predict joke quip concede observe remark testify boast brag urge promise pledge assert contend
    maintain emphasize emphasise stress recount lament charge accuse allege counter shout chant
    yell scream exclaim mutter whisper read quote conclude agree disagree deny confirm report
    reveal disclose caution mock blast slam criticize criticise praise proclaim affirm retort muse
    wonder tout concur echo question demand plead predict speculate inform advise remind assure
    reassure threaten text email message thunder fume gush rave sneer scoff snap rant lash dub
    label brand term decry denounce hail applaud welcome reiterate repeat underscore highlight
    begin
    """
)
# Verbs whose passive subject is the hearer, not the speaker ("he was told ...").
_HEARER_PASSIVE = frozenset({"tell", "ask", "inform", "remind", "advise", "assure"})
_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "ccomp", "pcomp", "relcl"})
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NAMED_KINDS = frozenset({EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.PLACE, EntityKind.GROUP})


@dataclass(frozen=True)
class Attribution:
    speaker: Speaker | None
    cue: str
    cue_token: int


def is_cue(token: Token) -> bool:
    if token.lower_ == "according":
        return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to"
    return token.pos_ in ("VERB", "AUX") and token.lemma_ in CUE_LEMMAS


def choose_cue(doc: Doc, lo: int, hi: int, q_start: int, q_end: int, in_quote: bytearray) -> Token | None:
    """The cue verb in tokens [lo, hi), outside any quote, that governs the quote in tokens
    [q_start, q_end) or, failing a dependency link, stands nearest to it."""
    linked_heads: set[int] = set()
    for i in range(q_start, q_end):
        head = doc[i].head
        if not q_start <= head.i < q_end:
            linked_heads.add(head.i)
            linked_heads.add(head.head.i)
    best: Token | None = None
    best_key: tuple[bool, int] | None = None
    for i in range(lo, hi):
        if in_quote[i]:
            continue
        token = doc[i]
        if not is_cue(token):
            continue
        linked = i in linked_heads or q_start <= token.head.i < q_end
        distance = q_start - i if i < q_start else i - q_end
        key = (not linked, distance)
        if best_key is None or key < best_key:
            best, best_key = token, key
    return best


def attribute(cue: Token, index: EntityIndex, in_quote: bytearray) -> Attribution:
    subject = _subject(cue, in_quote)
    speaker = _speaker_from(subject, index, in_quote) if subject is not None else None
    if speaker is None:
        speaker = _adjacent_name(cue, index, in_quote)
    cue_text = "according to" if cue.lower_ == "according" else cue.text.lower()
    return Attribution(speaker=speaker, cue=cue_text, cue_token=cue.i)


def _subject(cue: Token, in_quote: bytearray) -> Token | None:
    if cue.lower_ == "according":
        to = cue.nbor(1)
        objects = [c for c in to.children if c.dep_ == "pobj"]
        return objects[0] if objects else (to.nbor(1) if to.i + 1 < len(cue.doc) else None)
    token = cue
    for depth in range(3):
        for child in token.children:
            if in_quote[child.i]:
                continue
            if child.dep_ == "nsubj" or (
                child.dep_ == "nsubjpass" and (depth > 0 or cue.lemma_ not in _HEARER_PASSIVE)
            ):
                if child.lower_ in _RELATIVE_PRONOUNS and token.dep_ == "relcl":
                    return token.head
                return child
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if token.dep_ == "relcl" and not in_quote[token.head.i]:
            return token.head
        if token.dep_ not in _CLIMB_DEPS or token.head is token:
            return None
        token = token.head
    return None


def _speaker_from(subject: Token, index: EntityIndex, in_quote: bytearray) -> Speaker | None:
    low = subject.lower_
    if low in names.PERSONAL_PRONOUNS:
        if low in ("he", "she", "him", "her"):
            return _last_person(subject.idx, index, in_quote, subject.doc)
        return Speaker(name=subject.text, kind=SpeakerKind.UNRESOLVED)
    mention = index.at(subject.idx)
    if mention is not None and mention.entity.kind in _NAMED_KINDS:
        entity = mention.entity
        return Speaker(name=entity.name, kind=SpeakerKind.NAMED, entity=entity.key)
    if subject.pos_ not in ("NOUN", "PROPN"):
        return None
    phrase = _noun_phrase(subject)
    return Speaker(name=phrase, kind=SpeakerKind.ANONYMOUS) if phrase else None


def _noun_phrase(head: Token) -> str:
    """ "a senior State Department official": the head noun with its left modifiers and any
    "of"-phrase, without relative clauses or appositions."""
    doc = head.doc
    start = head.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "with", "in", "from"):
            end = child.right_edge.i + 1
        break
    return doc[start:end].text.strip(" ,")


def _adjacent_name(cue: Token, index: EntityIndex, in_quote: bytearray) -> Speaker | None:
    """Parser fallback: a named entity right after "said" or right before it."""
    doc = cue.doc
    for i in (cue.i + 1, cue.i - 1):
        if 0 <= i < len(doc) and not in_quote[i]:
            mention = index.at(doc[i].idx)
            if mention is not None and mention.entity.kind in (EntityKind.PERSON, EntityKind.ORGANIZATION):
                return Speaker(name=mention.entity.name, kind=SpeakerKind.NAMED, entity=mention.entity.key)
    return None


def _last_person(offset: int, index: EntityIndex, in_quote: bytearray, doc: Doc) -> Speaker:
    """ "he said": the most recent person named outside quotation marks (no gender cues)."""
    char_in_quote = _char_in_quote(doc, in_quote)
    mention = index.last_person_before(offset, char_in_quote)
    if mention is None:
        return Speaker(name="he", kind=SpeakerKind.UNRESOLVED)
    return Speaker(name=mention.entity.name, kind=SpeakerKind.NAMED, entity=mention.entity.key)


def _char_in_quote(doc: Doc, in_quote: bytearray) -> Callable[[int], bool]:
    def check(offset: int) -> bool:
        token = doc.char_span(offset, offset + 1, alignment_mode="expand")
        return bool(token is not None and len(token) and in_quote[token.start])

    return check
