"""Sentence spans of a Doc, shared by every component so that all agree on sentence indexes."""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
from spacy.attrs import IS_SPACE, LOWER, ORTH
from spacy.tokens import Doc, Token

from app.domain import SentenceSpan
from app.extract.doctext import doc_text

_CACHE_KEY = "dateline_sentences"


def sentence_spans(doc: Doc) -> tuple[SentenceSpan, ...]:
    """Sentences with surrounding whitespace trimmed; whitespace-only "sentences" dropped."""
    cached = doc.user_data.get(_CACHE_KEY)
    if cached is not None:
        return cached
    spans: list[SentenceSpan] = []
    text = doc_text(doc)
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(SentenceSpan(index=len(spans), start=start, end=end))
    result = tuple(spans)
    doc.user_data[_CACHE_KEY] = result
    return result


def sentence_index(doc: Doc, char_offset: int) -> int:
    """Index of the sentence holding `char_offset` (the nearest one before it, if between)."""
    spans = sentence_spans(doc)
    starts = doc.user_data.get(_CACHE_KEY + "_starts")
    if starts is None:
        starts = [s.start for s in spans]
        doc.user_data[_CACHE_KEY + "_starts"] = starts
    return max(0, bisect_right(starts, char_offset) - 1)


# Titles written before a name: "Director Dr. Mandy Cohen", "Gen. Norman Ham", "Sen. Joe Manchin".
_TITLES = frozenset(
    {"dr.", "mr.", "mrs.", "ms.", "gen.", "sen.", "rep.", "gov.", "lt.", "col.", "sgt.", "adm.", "capt.",
     "maj.", "prof.", "rev.", "hon.", "amb.", "cmdr.", "st.", "messrs."}
)  # fmt: skip


def holds_together(token: Token) -> bool:
    """Whether no sentence can start at `token`, for the parser to respect: a name after its
    title ("Director Dr. Rahul Gupta"), a word after a comma, "and" or an agency's acronym in
    brackets on the same paragraph ("Policy (ONDCP) Director Dr. Rahul Gupta, and Centers for
    …": the small parser otherwise cuts a long list of officials into "sentences")."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].is_space:
        if "\n\n" in doc[i].text:
            return False  # a new paragraph may start anywhere
        i -= 1
    if i < 0:
        return False
    before = doc[i]
    if before.lower_ in _TITLES:
        return token.text[:1].isupper()
    if before.text in (",", "and", "or"):
        return not token.is_punct
    return before.text == ")" and i >= 2 and doc[i - 2].text == "(" and doc[i - 1].text.isupper()


_HOLDING_WORDS = (",", "and", "or", ")")


def space_tokens(doc: Doc) -> list[int]:
    """Indexes of whitespace tokens."""
    if not len(doc):
        return []
    return np.flatnonzero(doc.to_array(IS_SPACE)).tolist()


def held_candidates(doc: Doc) -> list[int]:
    """Indexes of the tokens `holds_together` can be true of: the first non-space token after
    a title, a comma, "and", "or" or ")" (it is false of every other token)."""
    if len(doc) < 2:
        return []
    table = doc.to_array([ORTH, LOWER, IS_SPACE])
    strings = doc.vocab.strings
    words = np.array([strings.add(word) for word in _HOLDING_WORDS], dtype=np.uint64)
    titles = np.array([strings.add(title) for title in _TITLES], dtype=np.uint64)
    holding = np.isin(table[:, 0], words) | np.isin(table[:, 1], titles)
    spaces = table[:, 2].astype(bool)
    found: list[int] = []
    for i in np.flatnonzero(holding[:-1]).tolist():
        j = i + 1
        while j < len(doc) and spaces[j]:
            j += 1
        if j < len(doc):
            found.append(j)
    return found
