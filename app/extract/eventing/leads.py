"""The lead: a news story's first sentences report what is new on the day it is published,
often without a date of their own ("NATO will station a senior civilian official in Kyiv...,
officials say"). Those become events dated the publication day."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from app.domain import SentenceSpan
from app.extract.doctext import doc_text
from app.extract.eventing.kinds import REPORTING_VERBS

LEAD_SENTENCES = 2
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_MIN_TOKENS = 6


_PROSE_END = re.compile(r"[.!?…:;][\"”’)\]]*\s*$")
_SUBTITLE_WORDS = 40


def opening_paragraph(text: str) -> tuple[int, int]:
    """Where the first paragraph of prose is: the first, unless it is a subtitle, a short line
    that does not end as a sentence does ("Biden-Harris Administration announced more than
    $450 million in new funding" over "Today, on International Overdose Awareness Day, …
    hosted a meeting."); then the next that is not."""
    first: tuple[int, int] | None = None
    for start, end in _paragraphs(text):
        paragraph = text[start:end]
        if not paragraph.strip():
            continue
        first = first or (start, end)
        if _PROSE_END.search(paragraph) or len(paragraph.split()) > _SUBTITLE_WORDS:
            return start, end
    return first or (0, len(text))


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        yield start, brk.start()
        start = brk.end()
    yield start, len(text)


def lead_sentences(doc: Doc, sentences: tuple[SentenceSpan, ...], untitled: bool = False) -> Iterator[Span]:
    """Up to LEAD_SENTENCES sentences of the first paragraph. `untitled`: the text came without
    its headline apart, so a first paragraph that is one short line is the headline, and the
    lead is the paragraph after it ("Retired General Reveals ‘Demoralizing’ Experience Of
    Serving Under Obama." over "Retired U.S. Air Force Gen. Norman Ham is speaking out…")."""
    if not sentences:
        return
    text = doc_text(doc)
    first = sentences[0]
    paragraph_end = _PARAGRAPH_BREAK.search(text, first.end)
    limit = paragraph_end.start() if paragraph_end else len(text)
    if untitled and paragraph_end is not None and _is_headline(text[first.start : limit]):
        body = [s for s in sentences if s.start >= paragraph_end.end()]
        following = _PARAGRAPH_BREAK.search(text, body[0].end) if body else None
        lead = text[body[0].start : following.start() if following else len(text)] if body else ""
        if len(lead.split()) > len(text[first.start : limit].split()):  # a headline tops a longer lead
            sentences = tuple(body)
            limit = following.start() if following else len(text)
    for sentence in sentences[:LEAD_SENTENCES]:
        if sentence.start >= limit:
            return
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is not None and len(span) >= _MIN_TOKENS:
            yield span


_HEADLINE_WORDS = 20


def _is_headline(paragraph: str) -> bool:
    """One line of a few words with no wire dateline ("WASHINGTON (AP) — …" opens a lead)."""
    return (
        "\n" not in paragraph.strip()
        and len(paragraph.split()) <= _HEADLINE_WORDS
        and not _WIRE.match(paragraph)
    )


_WIRE = re.compile(r"[A-Z][A-Z.'\- ]{2,}(?:,[^—–]{0,40})?\s*(?:\([A-Za-z. ]+\)\s*)?(?:[—–―]|--)")


def lead_trigger(sentence: Span) -> Token | None:
    """The verb that tells the news: the root, or what a reporting root reports ("NATO will
    station..." in "..., officials say"). None when its subject names no one (a pronoun or a
    description that needs the previous sentence: "They come amid...", "The steps seek...")."""
    root = sentence.root
    if root.pos_ not in ("VERB", "AUX"):
        return None
    if root.lemma_.lower() in REPORTING_VERBS:
        reported = [c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        if reported:
            root = reported[0]
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or not any(t.pos_ == "PROPN" for t in subjects[0].subtree):
        return None
    return root


# A disaster declaration names the officer it appoints as it is made: "Ms. Sandra L. Eslinger of
# FEMA has been appointed to coordinate Federal recovery operations in the affected areas" (in
# some 170 White House declarations, far from the lead).
_APPOINTED_TODAY = re.compile(
    r"\b(?:has|have) been (?:appointed|named|designated)"
    r" (?:to coordinate|as (?:the )?Federal Coordinating Officer)\b"
)


def appointed_today(doc: Doc, sentences: tuple[SentenceSpan, ...]) -> Iterator[Span]:
    """Sentences that appoint someone on the day the document is published."""
    text = doc_text(doc)
    for sentence in sentences:
        if _APPOINTED_TODAY.search(text, sentence.start, sentence.end):
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None:
                yield span
