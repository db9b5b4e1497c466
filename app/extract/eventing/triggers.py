"""The word a time expression dates: the verb governing it ("signed 75 years ago") or the event
noun it modifies ("the Thursday debate", "a 2008 communiqué", "the invasion ... in February 2022")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from app.extract.eventing.kinds import names_happening

_MAX_CLIMB = 10
# Ways a time expression hangs on a noun it dates: "a 2008 communiqué", "last year's summit".
_NOUN_MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "poss", "nmod", "npadvmod"})


def trigger_of(span: Span) -> Token | None:
    """The verb or event noun that `span` (a time expression) dates, or None."""
    root = span.root
    head = root.head
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and root.dep_ == "npadvmod" and _is_event_noun(before):
        return before  # "a communiqué last year", parsed as if "last year" modified the verb
    if before is not None and root.dep_ == "advmod" and head.pos_ == "NOUN" and _is_event_noun(before):
        return before  # "at the time of his retirement two years ago", "ago" hung on "time"
    if head != root and not _inside(head, span):
        if root.dep_ in _NOUN_MODIFIER_DEPS and (_is_event_noun(head) or is_title_holder(head)):
            return head
        if root.dep_ == "pobj" and head.dep_ == "prep" and _is_event_noun(head.head):
            return head.head  # "the invasion of Ukraine in February 2022"
    token = root
    for _ in range(_MAX_CLIMB):
        if _governs_clause(token) and not _inside(token, span) and not _prepositional(token, span):
            return token
        if token.head == token:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
    return None


def happening_trigger(span: Span) -> Token | None:
    """`trigger_of`, looking through "going to" to what is going to happen ("we're going to
    discuss", "is going to be sitting") and through "has to" to what must happen ("Has to be
    passed, some version of it, by October 1")."""
    trigger = trigger_of(span)
    if trigger is not None and trigger.lemma_.lower() in _OBLIGED and trigger.tag_ in ("VBZ", "VBP"):
        required = [c for c in trigger.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        if required and any(a.tag_ == "TO" for a in required[0].children):
            return required[0]
    if trigger is not None and trigger.lemma_.lower() == "go" and trigger.tag_ == "VBG":
        planned = [c for c in trigger.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
        if planned:
            return planned[0]
    return trigger


_OBLIGED = frozenset({"have", "need"})


# Participles used as prepositions, which date the clause they hang on: "signed the order …,
# including its actions in November 2014", "Starting next year, there will be a cap".
_INCLUDING = frozenset({"including", "excluding"})
_STARTING = frozenset({"starting", "beginning"})


def _prepositional(token: Token, span: Span) -> bool:
    word = token.lower_
    if token.head == token:
        return False
    if word in _INCLUDING:
        return token.dep_ in ("prep", "advcl", "conj")
    return word in _STARTING and token.dep_ in ("prep", "advcl") and token.i < token.head.i


def _governs_clause(token: Token) -> bool:
    """A verb, or a copula heading its clause ("she will be in the briefing room tomorrow")."""
    return token.pos_ == "VERB" or (
        token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass") and token.lemma_.lower() == "be"
    )


# Nouns of one who won a dated contest: "the 2024 NBA champions", "the 1991 Heisman Trophy winner".
TITLE_HOLDERS = frozenset({"champion", "champ", "winner", "medalist", "laureate", "titleholder"})


def is_title_holder(token: Token) -> bool:
    """A winner named by the year of the win: the year dates the winning."""
    return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in TITLE_HOLDERS


def _is_event_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and names_happening(token.lemma_)


def _inside(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def finite_verb(token: Token) -> Token:
    """The verb of the clause `token` belongs to (itself if it is one); for a noun, the verb
    above it; the sentence root when nothing else is found."""
    current = token
    for _ in range(_MAX_CLIMB):
        if current.pos_ in ("VERB", "AUX") and _has_subject_or_is_root(current):
            return current
        if current.head == current:
            return current
        current = current.head
    return token


def _has_subject_or_is_root(verb: Token) -> bool:
    """A finite clause: the sentence root, or a verb with a subject and a tense of its own
    (not the small clause "that war settled" in "I will have that war settled")."""
    if verb.dep_ == "ROOT":
        return True
    if not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return False
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP") for c in verb.children
    )
