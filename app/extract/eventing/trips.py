"""The trip under way: a gaggle or a call aboard the plane opens with where it is going ("we're
on our way to Philadelphia, where the President will lay out his budget", "We are headed to
Phoenix, Arizona, where the president will…"). That is the day's happening, still ahead when it
is said: an event of the publication day, expected, told by what will happen there or else by
the trip itself. The figurative "on our way to delivering clean water" (a gerund, no place) is
no trip. In the White House corpus the phrase opens 38 items, most of them gaggles en route.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from app.extract.doctext import doc_text

_TRIP = re.compile(
    r"\b(?i:we|we[’']re|we\s+are)\s+(?i:(?:now|today|already)\s+)?"
    r"(?i:on\s+our\s+way|headed|heading)\s+(?i:(?:today|now)\s+)?to\s+(?=[A-Z])"
)
_FUTURE = frozenset({"will", "'ll", "’ll", "shall"})


def trips(doc: Doc) -> Iterator[tuple[Span, Token]]:
    """(sentence, trigger) for each sentence that says where the trip is headed: the trigger is
    the verb of what will happen there ("where the President will lay out his budget"), else
    the verb of the trip ("we’re headed to Milwaukee")."""
    text = doc_text(doc)
    for m in _TRIP.finditer(text):
        if text[m.end() :].startswith(("The ", "A ")):
            continue  # "headed to A better place": a sentence-case noun, not a place
        destination = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if destination is None or not len(destination):
            continue
        place = destination[0]
        if place.pos_ != "PROPN":
            continue
        sentence = place.sent
        if sentence.text.rstrip().endswith("?"):
            continue  # "Are we headed to Ohio?"
        yield sentence, _what_happens_there(sentence, place) or _trip_verb(place)


def _what_happens_there(sentence: Span, place: Token) -> Token | None:
    """The verb that a "where" after the place opens, when it is in the future: "…, where the
    President will lay out his budget"."""
    for token in sentence:
        if token.i <= place.i or token.lower_ != "where":
            continue
        verb = token.head
        if verb.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.children
        ):
            return verb
        return None
    return None


def _trip_verb(place: Token) -> Token:
    """The verb the destination hangs on: "headed", or the "’re" of "we’re on our way to"."""
    token = place
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head == token:
            return token
        token = token.head
    return token
