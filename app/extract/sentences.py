"""Sentence spans of a Doc, shared by every component so that all agree on sentence indexes."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from app.domain import SentenceSpan

_CACHE_KEY = "dateline_sentences"


def sentence_spans(doc: Doc) -> tuple[SentenceSpan, ...]:
    """Sentences with surrounding whitespace trimmed; whitespace-only "sentences" dropped."""
    cached = doc.user_data.get(_CACHE_KEY)
    if cached is not None:
        return cached
    spans: list[SentenceSpan] = []
    text = doc.text
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
