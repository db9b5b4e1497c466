"""Indirect speech: "Trump said that the conflict was …", "officials said the steps would …".

A reporting verb with a clausal complement that holds no quotation marks; the clause is the
content, the verb's subject the speaker. A clause is reported speech only when someone says
it: a subject nobody resolves ("you said that …", "it says that …"), or a document or a thing
that states without a speaker ("a notice stating that the emergency is to continue", "Research
suggests that …"), makes no quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from app.domain import SpeakerKind
from app.extract.names import word_set
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
_LIST_OPENS = re.compile(r"\s*(?:[-*•·]|\d+\.)\s")
# Heads of subjects that state without speaking: documents nobody is named for (with an author,
# "a letter from the senators", the author is the speaker), findings, and things.
_NOT_SPEAKERS = word_set(
    """
    notice proclamation order memorandum memo section provision law act statute rule regulation
    emergency document report study survey analysis audit review filing letter release statement
    research evidence data literature science forecast projection estimate finding model poll
    economy increase decrease response role creation competition plan proposal program policy
    """
)


@dataclass(frozen=True)
class IndirectClause:
    start: int
    end: int
    text: str
    attribution: Attribution
    subject_start: int  # where the speaker's subject is written (-1: none found)


def find_indirect(doc: Doc, finder: SpeakerFinder) -> Iterator[IndirectClause]:
    in_quote = finder.in_quote
    candidates = token_arrays(doc).with_lemma(lemma_hashes(doc, REPORTING_LEMMAS), VERB)
    for i in candidates:
        if in_quote[i]:
            continue
        token = doc[i]
        if token.lemma_ == "note" and token.i + 1 < len(doc) and doc[token.i + 1].like_num:
            continue  # "U.S. note 16 to subchapter III … is amended": a tariff note, not a verb
        clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i), None)
        if clause is None:
            continue
        lo, hi = clause.left_edge.i, clause.right_edge.i + 1
        if hi - lo < _MIN_CLAUSE_TOKENS or any(in_quote[lo:hi]):
            continue
        while hi > lo and doc[hi - 1].is_punct:
            hi -= 1
        span = doc[lo:hi]
        if _LIST_OPENS.match(span.text):
            continue  # "announced -   Public and private investments …": a list, no clause
        attribution = finder.attribute(token)
        subject = finder.subject_of(token)
        if not _speaks(attribution, subject):
            continue
        at = subject.idx if subject is not None else -1
        yield IndirectClause(span.start_char, span.end_char, span.text, attribution, at)


def _speaks(attribution: Attribution, subject: Token | None) -> bool:
    speaker = attribution.speaker
    if speaker is None or speaker.kind is SpeakerKind.UNRESOLVED:
        return False
    if not any(c.isalpha() for c in speaker.name):
        return False  # "*": a list's bullet parsed as the subject
    described = speaker.kind is SpeakerKind.ANONYMOUS
    return not (described and subject is not None and subject.lemma_.lower() in _NOT_SPEAKERS)
