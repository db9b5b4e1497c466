"""Tense of the clause around a time expression, read from the spaCy dependency parse.

"on Thursday" in "Biden debated Trump on Thursday" points back; in "NATO will meet on
Thursday" it points forward. The governing verb's tag and auxiliaries decide; an infinitive
under "expected to", "plans to", "is scheduled to" looks forward; a present-tense clause opened
by "before", "after", "until", "when" takes the tense of the clause it hangs on ("before I take
office on January 20" in "I will have that war settled before...").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from app.extract.temporal.meanings import Direction

FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})
# Verbs and adjectives whose infinitive complement has not happened yet.
FUTURE_GOVERNORS = frozenset(
    {
        "expect",
        "schedule",
        "plan",
        "set",
        "due",
        "slate",
        "intend",
        "aim",
        "hope",
        "prepare",
        "poise",
        "propose",
        "pledge",
        "promise",
        "vow",
        "threaten",
        "likely",
        "unlikely",
        "going",
        "go",
    }
)
TEMPORAL_MARKERS = frozenset({"before", "after", "until", "till", "when", "once", "as", "while", "by", "if"})

# Verbs whose object is a future happening: "has scheduled a news conference Thursday".
SCHEDULING_VERBS = frozenset({"schedule", "plan", "slate", "reschedule", "postpone", "delay"})
# Modals of possibility read forward from the publication date: "could come as soon as Tuesday".
POSSIBILITY_MODALS = frozenset({"might", "may", "could", "should", "must", "ought", "can", "ca"})

_MAX_CLIMB = 8
# Dependencies through which a time expression reaches the verb whose tense it takes.
_PASS_THROUGH = frozenset(
    {"prep", "pobj", "npadvmod", "nummod", "compound", "appos", "advmod", "tmod", "quantmod"}
)


def governing_verb(span: Span, through_nouns: bool = True) -> Token | None:
    """The verb whose clause holds `span`. With `through_nouns=False` the climb stops at a noun
    phrase ("the Oct. 23 slaying") and returns None: that noun's own time is not the verb's."""
    token: Token = span.root
    for _ in range(_MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX") and not _inside(token, span):
            return token
        if token.head is token:
            return token if token.pos_ in ("VERB", "AUX") else None
        if not through_nouns and not _inside(token, span) and token.pos_ in ("NOUN", "PROPN", "ADJ", "PRON"):
            return None
        if not through_nouns and not _inside(token, span) and token.dep_ not in _PASS_THROUGH:
            return None
        token = token.head
    return None


def _inside(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def clause_direction(span: Span, through_nouns: bool = False) -> Direction:
    """Which way the tense of the clause governing `span` points from the publication date."""
    verb = governing_verb(span, through_nouns)
    seen = 0
    while verb is not None and seen < _MAX_CLIMB:
        seen += 1
        direction, climb = verb_direction(verb)
        if not climb:
            return direction
        head = verb.head
        if head is verb or head.pos_ not in ("VERB", "AUX", "ADJ"):
            return direction
        verb = head
    return Direction.NONE


def _past_perfect(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def verb_direction(verb: Token) -> tuple[Direction, bool]:
    """(direction, whether the clause borrows its tense from the verb it depends on)."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    if words & FUTURE_AUXILIARIES:
        return Direction.FUTURE, False
    if verb.lemma_.lower() in SCHEDULING_VERBS and not _past_perfect(verb):
        return Direction.FUTURE, False
    infinitive = any(a.tag_ == "TO" for a in auxiliaries) or (verb.dep_ == "xcomp" and verb.tag_ == "VB")
    if infinitive and verb.tag_ in ("VB", "VBN"):
        head = verb.head
        if head is not verb and head.lemma_.lower() in FUTURE_GOVERNORS:
            return (Direction.PAST if _past_perfect(head) else Direction.FUTURE), False
        if head is not verb and head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
            return Direction.FUTURE, False  # "is to resume trading Tuesday"
        return Direction.NONE, True
    if words & POSSIBILITY_MODALS:
        return Direction.FUTURE, False
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxiliaries):
        return Direction.PAST, False  # past, or a perfect: what has happened
    if verb.tag_ == "VBN" and not auxiliaries:
        # "have that war settled": tense of "have"; "the treaty signed in 1949": past.
        return Direction.PAST, verb.dep_ in ("ccomp", "xcomp", "oprd", "conj")
    if verb.tag_ == "VBG" and verb.head.lemma_ == "go" and any(a.lemma_ == "be" for a in verb.head.children):
        return Direction.FUTURE, False
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
        opened_by_marker = any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKERS for c in verb.children)
        return Direction.NONE, opened_by_marker and verb.dep_ == "advcl"
    return Direction.NONE, verb.dep_ in ("advcl", "xcomp", "conj", "ccomp") and verb.tag_ in ("VBG", "VB")
