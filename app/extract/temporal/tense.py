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

FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "’ll", "wo", "would", "'d", "’d"})
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
# Present-tense verbs whose infinitive is still to come: "have to act", "need to decide".
OBLIGATION_GOVERNORS = frozenset({"have", "need", "want", "wish", "seek", "try", "hope", "mean"})
TEMPORAL_MARKERS = frozenset(
    {"before", "after", "until", "till", "when", "once", "as", "while", "by", "if", "soon"}
)

# Verbs whose object is a future happening: "has scheduled a news conference Thursday".
SCHEDULING_VERBS = frozenset({"schedule", "plan", "slate", "reschedule", "postpone", "delay", "set"})
# Modals of possibility read forward from the publication date: "could come as soon as Tuesday".
POSSIBILITY_MODALS = frozenset({"might", "may", "should", "must", "ought"})

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
        if token.head == token:
            return token if token.pos_ in ("VERB", "AUX") else None
        if not through_nouns and not _inside(token, span) and token.pos_ in ("NOUN", "PROPN", "ADJ", "PRON"):
            return None
        if not through_nouns and not _inside(token, span) and token.dep_ not in _PASS_THROUGH:
            return None
        token = token.head
    return None


def _inside(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def clause_direction(span: Span) -> Direction:
    """Which way the tense of the clause governing `span` points from the publication date.

    A time expression inside a noun phrase ("the Oct. 23 slaying", "payable Dec. 7") has no verb
    of its own; the sentence's verb is then trusted only when it points forward ("will be named
    commander for a mission in December")."""
    if _deadline(span):
        # "shall submit a report by March 1", "has to be passed by October 1": a deadline still
        # to be met lies ahead; one merely stated ("extended to Nov. 20") is the nearest.
        verb = governing_verb(span, through_nouns=False)
        ahead = verb is not None and _direction_from(verb, span) is Direction.FUTURE
        if verb is None:  # "Has to be passed, some version of it, by October 1": an obligation
            holder = governing_verb(span, through_nouns=True)
            ahead = holder is not None and _obliges(holder)
        return Direction.FUTURE if ahead else Direction.DEADLINE
    if span.root.dep_ == "pobj" and span.root.head.lower_ == "since":
        return Direction.PAST  # "has held them there since July": a starting point behind us
    verb = governing_verb(span, through_nouns=False)
    if verb is not None:
        direction = _direction_from(verb, span)
        return Direction.FUTURE if direction is Direction.NONE and _expected(verb, span) else direction
    verb = governing_verb(span, through_nouns=True)
    if verb is not None and (_direction_from(verb, span) is Direction.FUTURE or _expected(verb, span)):
        return Direction.FUTURE
    return Direction.NONE


def _obliges(verb: Token) -> bool:
    """A present obligation with its infinitive: "has to be passed", "need to finish"."""
    return (
        verb.lemma_.lower() in OBLIGATION_GOVERNORS
        and verb.tag_ in ("VBZ", "VBP")
        and any(c.dep_ == "xcomp" and _is_infinitive(c) for c in verb.children)
    )


# Present-tense verbs whose object lies ahead: "analysts expect a decision in the third quarter".
EXPECTING_VERBS = frozenset({"expect", "anticipate", "forecast", "predict", "project", "await", "foresee"})


def _expected(verb: Token, span: Span) -> bool:
    """A date in a phrase after a present-tense verb of expectation; not a date that modifies
    a noun ("expect third-quarter earnings" is about a quarter that may be over)."""
    return (
        verb.lemma_.lower() in EXPECTING_VERBS
        and verb.tag_ in ("VBZ", "VBP")
        and span.start > verb.i
        and span.root.dep_ == "pobj"
    )


# Prepositions that make a date a deadline or an end point ("extended to Nov. 20", "until
# mid-November", "through January", "by year-end"): the verb's tense says when the deadline was
# set, not where it lies, so the nearest occurrence is the better guess.
DEADLINE_PREPOSITIONS = frozenset({"until", "till", "through", "by"})
# "to" marks a deadline only after verbs that move one.
DEADLINE_VERBS = frozenset({"extend", "postpone", "delay", "push", "move", "adjourn", "reschedule", "defer"})


def _deadline(span: Span) -> bool:
    preposition = span.root.head
    if span.root.dep_ != "pobj" or preposition.dep_ != "prep":
        return False
    if preposition.lower_ in DEADLINE_PREPOSITIONS:
        return True
    return preposition.lower_ == "to" and preposition.head.lemma_.lower() in DEADLINE_VERBS


def verb_tense(verb: Token) -> Direction:
    """Which way the clause of `verb` points from the publication date (for events)."""
    return _direction_from(verb, verb.doc[verb.i : verb.i + 1])


def _direction_from(verb: Token, span: Span) -> Direction:
    through_infinitive = False
    for _ in range(_MAX_CLIMB):
        direction, climb = verb_direction(verb, after=span.start > verb.i)
        # "as soon as trading opened Monday" in "were likely to buy ... as soon as...": a clause
        # of time under a future one is itself in the future.
        if (
            not climb
            and direction is not Direction.FUTURE
            and _temporal_clause(verb)
            and _direction_from(verb.head, span) is Direction.FUTURE
        ):
            return Direction.FUTURE
        if not climb:
            # An infinitive happens after the verb it hangs on ("has invited them to a ceremony on
            # March 12 to mark..."): a past governor says nothing about the publication date.
            if through_infinitive and direction is Direction.PAST:
                return Direction.NONE
            return direction
        through_infinitive = through_infinitive or _is_infinitive(verb)
        head = verb.head
        if head == verb or head.pos_ not in ("VERB", "AUX", "ADJ"):
            return direction
        verb = head
    return Direction.NONE


# Present-tense verbs that state a plan when dated ("holds a rally on Saturday", "meets
# Thursday", "travels to Paris next week"), as news writes what is scheduled.
SCHEDULED_PRESENT = frozenset(
    {"hold", "meet", "travel", "visit", "host", "fly", "head", "leave", "arrive", "open", "begin", "start",
     "resume", "vote", "debate", "speak", "address", "attend", "launch", "return", "play", "face", "close"}
)  # fmt: skip


def _scheduled_present(verb: Token, auxiliaries: list[Token]) -> bool:
    return verb.tag_ in ("VBZ", "VBP") and not auxiliaries and verb.lemma_.lower() in SCHEDULED_PRESENT


def _temporal_clause(verb: Token) -> bool:
    return (
        verb.dep_ == "advcl"
        and verb.head != verb
        and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKERS for c in verb.children)
    )


def _is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children) or (
        verb.dep_ == "xcomp" and verb.tag_ == "VB"
    )


def _past_perfect(verb: Token) -> bool:
    """ "had been set to expire", "had been due to expire" (the "had" may sit on the copula)."""
    holders = [verb, verb.head] if verb.dep_ in ("acomp", "attr") else [verb]
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for h in holders for c in h.children)


# Contracted "have" that the small model leaves as its own lemma: "We’ve put out a plan today".
_HAVE_CONTRACTED = frozenset({"'ve", "’ve"})
_S_CONTRACTED = frozenset({"'s", "’s"})


def _is_have(auxiliary: Token, verb: Token) -> bool:
    """A perfect's "have", written out or contracted; "’s" before a participle is "has" when it
    is no passive's "is" ("she’s signed it", not "it’s signed")."""
    if auxiliary.lemma_ == "have" or auxiliary.lower_ in _HAVE_CONTRACTED:
        return True
    return auxiliary.lower_ in _S_CONTRACTED and auxiliary.dep_ == "aux" and verb.tag_ == "VBN"


def verb_direction(verb: Token, after: bool = True) -> tuple[Direction, bool]:
    """(direction, whether the clause borrows its tense from the verb it depends on). `after`:
    the time expression follows the verb (then "planned a rally on Saturday" dates the rally,
    not the planning)."""
    if verb.pos_ == "ADJ":
        return Direction.NONE, True  # "ready to leave as soon as Tuesday": tense of "would be"
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    if words & FUTURE_AUXILIARIES:
        return Direction.FUTURE, False
    scheduling = verb.lemma_.lower() in SCHEDULING_VERBS and (verb.lemma_ != "set" or verb.tag_ == "VBN")
    if after and scheduling and not _past_perfect(verb):
        return Direction.FUTURE, False
    infinitive = any(a.tag_ == "TO" for a in auxiliaries) or (verb.dep_ == "xcomp" and verb.tag_ == "VB")
    if infinitive and verb.tag_ in ("VB", "VBN"):
        head = verb.head
        if head != verb and head.lemma_.lower() in FUTURE_GOVERNORS:
            # "had been set to expire Nov. 6": planned before, still maybe ahead; no direction.
            return (Direction.NONE if _past_perfect(head) else Direction.FUTURE), False
        if head != verb and head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
            return Direction.FUTURE, False  # "is to resume trading Tuesday"
        if head != verb and head.lemma_.lower() in OBLIGATION_GOVERNORS and head.tag_ in ("VBZ", "VBP"):
            return Direction.FUTURE, False  # "we have to act in the spring", "needs to decide"
        return Direction.NONE, True
    if words & POSSIBILITY_MODALS:
        return Direction.FUTURE, False
    if "could" in words and not any(a.lemma_ == "have" for a in auxiliaries):
        return Direction.FUTURE, False  # "a summit could follow later this year"
    if any(a.tag_ == "MD" for a in auxiliaries):
        return Direction.NONE, False  # a modal gives the clause a time of its own
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or _is_have(a, verb) for a in auxiliaries):
        return Direction.PAST, False  # past, or a perfect: what has happened
    if verb.tag_ == "VBN" and not auxiliaries:
        # "have that war settled": tense of "have"; "the treaty signed in 1949": past.
        return Direction.PAST, verb.dep_ in ("ccomp", "xcomp", "oprd", "conj")
    if verb.tag_ == "VBG" and verb.head.lemma_ == "go" and any(a.lemma_ == "be" for a in verb.head.children):
        return Direction.FUTURE, False
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
        opened_by_marker = any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKERS for c in verb.children)
        if after and _scheduled_present(verb, auxiliaries) and not opened_by_marker:
            return Direction.FUTURE, False  # "Trump holds a rally in Wisconsin on Saturday"
        return Direction.NONE, opened_by_marker and verb.dep_ == "advcl"
    if _reported_imperative(verb, auxiliaries):
        return Direction.NONE, False  # "I’ve been saying: Look, imagine January 20th": not past
    return Direction.NONE, verb.dep_ in ("advcl", "xcomp", "conj", "ccomp") and verb.tag_ in ("VBG", "VB")


def _reported_imperative(verb: Token, auxiliaries: list[Token]) -> bool:
    """A bare verb with no subject and no auxiliary that a verb of saying reports: an order or
    an invitation ("imagine", "remember"), whose time is not the saying's."""
    return (
        verb.dep_ == "ccomp"
        and verb.tag_ == "VB"
        and not auxiliaries
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
    )
