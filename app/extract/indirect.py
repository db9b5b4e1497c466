"""Indirect speech: "Trump said that the conflict was …", "officials said the steps would …".

A reporting verb with a clausal complement that holds no quotation marks; the clause is the
content, the verb's subject the speaker.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.symbols import VERB
from spacy.tokens import Doc

from app.extract.speakers import Attribution, SpeakerFinder
from app.extract.token_arrays import lemma_hashes, token_arrays

REPORTING_LEMMAS = frozenset(
    str.split(
        """
    say tell add argue insist warn claim note explain announce suggest acknowledge admit deny
    report predict promise vow state assert contend maintain write confirm reveal tweet post
    stress emphasize emphasise reiterate testify allege concede complain declare
    """
    )
)
_MIN_CLAUSE_TOKENS = 3


@dataclass(frozen=True)
class IndirectClause:
    start: int
    end: int
    text: str
    attribution: Attribution


def find_indirect(doc: Doc, finder: SpeakerFinder) -> Iterator[IndirectClause]:
    in_quote = finder.in_quote
    candidates = token_arrays(doc).with_lemma(lemma_hashes(doc, REPORTING_LEMMAS), VERB)
    for i in candidates:
        if in_quote[i]:
            continue
        token = doc[i]
        clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i), None)
        if clause is None:
            continue
        lo, hi = clause.left_edge.i, clause.right_edge.i + 1
        if hi - lo < _MIN_CLAUSE_TOKENS or any(in_quote[lo:hi]):
            continue
        while hi > lo and doc[hi - 1].is_punct:
            hi -= 1
        span = doc[lo:hi]
        attribution = finder.attribute(token)
        yield IndirectClause(span.start_char, span.end_char, span.text, attribution)
