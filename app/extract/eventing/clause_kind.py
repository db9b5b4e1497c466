"""The kind of an event from its trigger in the parse: the trigger's own word first, then what
its clause says it is (the object of a plain verb, the subject of "take place", the noun a
participle describes, a particle, a court as subject)."""

from __future__ import annotations

from spacy.tokens import Token

from app.domain import EventKind
from app.extract.eventing.kinds import REPORTING_VERBS, kind_of

# Words that name a kind of event as nouns only: "an act", "an executive order", "a bill".
NOUN_ONLY_KINDS = frozenset({"act", "order", "bill"})
# What one meets without a meeting: "meet the target", "met the deadline".
_MET_GOALS = frozenset(
    {"target", "goal", "deadline", "demand", "requirement", "standard", "criterion", "expectation", "need",
     "threshold", "obligation", "commitment", "benchmark", "quota", "condition", "estimate"}
)  # fmt: skip
# Verbs of a phase, whose complement tells what happens: "began talks", "continue to meet".
_PHASE_VERBS = frozenset({"begin", "start", "continue", "resume", "complete", "finish", "conclude"})
# Verbs that say only that something takes place; the thing is their subject ("the summit will
# take place in July", "the session opens Monday") or the noun they describe ("the conference
# held in Tokyo").
_TAKING_PLACE = frozenset(
    {"take", "hold", "happen", "occur", "begin", "start", "end", "conclude", "open", "close", "convene",
     "resume", "continue", "unfold", "culminate", "kick", "wrap"}
)  # fmt: skip
# Verb + particle that name a kind the verb alone does not: "laid out his plan", "put forward a
# proposal", "struck down the rule", "stepped down", "passed away".
_PARTICLE_KINDS = {
    ("lay", "out"): EventKind.STATEMENT,
    ("spell", "out"): EventKind.STATEMENT,
    ("set", "out"): EventKind.STATEMENT,
    ("speak", "out"): EventKind.STATEMENT,
    ("put", "forward"): EventKind.ANNOUNCEMENT,
    ("roll", "out"): EventKind.ANNOUNCEMENT,
    ("strike", "down"): EventKind.LEGISLATION,
    ("step", "down"): EventKind.APPOINTMENT,
    ("sign", "up"): EventKind.OTHER,
    ("pass", "away"): EventKind.OTHER,  # a death, not a bill passed
}
# A court's holding or decision is a ruling: "the Court of International Trade held that …",
# "today's Supreme Court decision".
_COURTS = frozenset({"court", "judge", "justice", "justices", "tribunal"})
_COURT_ACTS = frozenset(
    {"hold", "decide", "decision", "find", "opinion", "block", "overturn", "uphold", "strike", "side",
     "agree"}
)  # fmt: skip
# Winning or losing a contest of votes: "he lost in 2020", "we will win in November", "won
# Michigan in 2020", "win majorities in Congress"; not "won the championship", "win the war".
_CONTESTS = frozenset({"win", "lose", "beat", "defeat"})
_ELECTORAL = frozenset(
    {"election", "race", "majority", "seat", "presidency", "nomination", "primary", "vote", "state",
     "district", "house", "senate", "congress", "it", "reelection", "re-election"}
)  # fmt: skip
_VOTERS = frozenset({"we", "i", "he", "she"})


def kind_of_trigger(trigger: Token | None) -> EventKind:
    if trigger is None:
        return EventKind.OTHER
    lemma = trigger.lemma_.lower()
    if lemma in _PHASE_VERBS:
        done = [c for c in trigger.children if c.dep_ in ("xcomp", "dobj") and c.pos_ in ("VERB", "NOUN")]
        if done:
            return kind_of_trigger(done[0])
    kind = _by_clause(trigger, lemma)
    if kind is not None:
        return kind
    kind = kind_of(lemma)
    ordered = lemma == "order" and trigger.tag_ == "VBD"  # "ordered Federal aid"
    if kind is not EventKind.OTHER and trigger.pos_ == "VERB" and lemma in NOUN_ONLY_KINDS:
        kind = kind if ordered else EventKind.OTHER  # "we have to act now" is no act of parliament
    if kind is EventKind.OTHER and lemma in _PHASE_VERBS and _in_force(trigger):
        return EventKind.LEGISLATION  # "the national emergency … must continue in effect beyond March 15"
    if kind is EventKind.OTHER and lemma in REPORTING_VERBS:
        return EventKind.STATEMENT
    if kind is EventKind.MEETING and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _MET_GOALS for c in trigger.children
    ):
        return EventKind.OTHER  # "will meet the target", not a meeting
    if kind in (EventKind.OTHER, EventKind.AGREEMENT) and trigger.pos_ in ("VERB", "AUX"):
        # "approved a spending bill", "held hearings", "signed the bill", "made an announcement",
        # "the summit is next week": the object (or the subject of "be") names it
        deps = ("dobj", "nsubjpass", "nsubj", "attr") if trigger.lemma_ == "be" else ("dobj", "nsubjpass")
        for child in trigger.children:
            by_object = kind_of(child.lemma_) if child.dep_ in deps else EventKind.OTHER
            if kind is EventKind.OTHER and by_object is not EventKind.OTHER:
                return by_object
            if by_object is EventKind.LEGISLATION:
                return by_object
    if kind is EventKind.OTHER and lemma in _TAKING_PLACE:
        return _kind_taking_place(trigger)
    return kind


def _by_clause(trigger: Token, lemma: str) -> EventKind | None:
    """Kinds told by the clause rather than the word: a particle, a court, an office held, a
    contest of votes."""
    particles = [c.lower_ for c in trigger.children if c.dep_ in ("prt", "advmod")]
    for particle in particles:
        if (lemma, particle) in _PARTICLE_KINDS:
            return _PARTICLE_KINDS[(lemma, particle)]
    if lemma in _COURT_ACTS and _by_a_court(trigger):
        return EventKind.LEGISLATION
    if lemma == "take" and any(c.dep_ == "dobj" and c.lower_ in ("lives", "life") for c in trigger.children):
        return EventKind.ATTACK  # "a gunman took the lives of 14 students"
    if (
        lemma == "work"
        and trigger.pos_ == "VERB"
        and any(c.dep_ == "prep" and c.lower_ == "as" for c in trigger.children)
    ):
        return EventKind.APPOINTMENT  # "worked as an associate at …": a post held, like "served as"
    if lemma in _CONTESTS and trigger.pos_ == "VERB" and _electoral(trigger):
        return EventKind.ELECTION
    return None


def _by_a_court(trigger: Token) -> bool:
    """ "The Court … held that", "the Supreme Court decision", "today's decision" of a court."""
    if trigger.pos_ == "NOUN":
        owners = [c for c in trigger.children if c.dep_ in ("compound", "poss", "nmod")]
    else:
        owners = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(any(t.lemma_.lower() in _COURTS for t in owner.subtree) for owner in owners)


def _electoral(verb: Token) -> bool:
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return any(c.dep_ == "nsubj" and c.lower_ in _VOTERS for c in verb.children)
    return any(o.lemma_.lower() in _ELECTORAL or o.ent_type_ == "GPE" for o in objects)


def _kind_taking_place(verb: Token) -> EventKind:
    """ "The Opening Ceremony will take place on July 26" (a meeting), "the conference held in
    Tokyo on 19 February", "the session opens Monday": the kind of what takes place."""
    if verb.lemma_.lower() == "take" and not any(c.lower_ == "place" for c in verb.children):
        return EventKind.OTHER
    things = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        things.append(verb.head)
    for thing in things:
        kind = _kind_of_noun_phrase(thing)
        if kind is not EventKind.OTHER:
            return kind
    return EventKind.OTHER


def _kind_of_noun_phrase(noun: Token) -> EventKind:
    """The kind a noun phrase names, by its head, else by a word of its name ("the Ukraine
    Recovery Conference", "the G7 Summit"); a relative pronoun by what it stands for."""
    if noun.tag_ == "WDT" and noun.head.dep_ == "relcl":
        noun = noun.head.head  # "the Summit which took place in February"
    kind = kind_of(noun.lemma_)
    if kind is not EventKind.OTHER:
        return kind
    for word in noun.children:
        if word.dep_ == "compound":
            kind = kind_of(word.lemma_)
            if kind is not EventKind.OTHER:
                return kind
    return EventKind.OTHER


def _in_force(verb: Token) -> bool:
    """ "continue in effect", "remain in force": a measure's legal life."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "in"
        and any(g.lemma_.lower() in ("effect", "force") for g in c.children)
        for c in verb.children
    )
