"""Quoted stretches of a text, found from its quotation marks alone (no parse needed).

Handles curly (“ ”) and straight (") double quotes, also mixed in one text, one level of nesting
(“He said "no" twice”), unbalanced marks, and quotes that run over several paragraphs: a
paragraph whose quote is not closed continues at the next paragraph's opening mark, as news
style writes it. Only outermost quotes are returned, one piece per paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from app.extract.doctext import doc_text

_MARKS = re.compile(r"[“”\"]")
_PARAGRAPHS = re.compile(r"[^\n]+")
_OPENING_CONTEXT = set(" \t\n([{—–-/\u00a0")
_MAX_DEPTH = 3
_SPANS_KEY = "dateline_quoted_spans"


@dataclass(frozen=True)
class QuotedSpan:
    open: int  # offset of the opening mark
    close: int  # offset just past the closing mark (the paragraph end when left open)
    start: int  # the quoted text, marks excluded
    end: int
    paragraph: int
    closed: bool = True
    continued: bool = False  # continues a quote left open at the end of the previous paragraph


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPHS.finditer(text) if m.group().strip()]


def quoted_spans_of(doc: Doc) -> list[QuotedSpan]:
    """find_quoted_spans of a Doc's text, found once per document (entities and quotes both
    need them)."""
    spans = doc.user_data.get(_SPANS_KEY)
    if spans is None:
        spans = doc.user_data[_SPANS_KEY] = find_quoted_spans(doc_text(doc))
    return spans


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    spans: list[QuotedSpan] = []
    carried: str | None = None  # the opening mark of a quote left open in the previous paragraph
    for index, (p_start, p_end) in enumerate(paragraph_bounds(text)):
        spans_here, carried = _scan_paragraph(text, p_start, p_end, index, carried)
        spans.extend(spans_here)
    return spans


def _role(text: str, i: int, p_start: int, p_end: int) -> str:
    """ "open", "close" or "either" for the mark at `i`."""
    mark = text[i]
    before = text[i - 1] if i > p_start else " "
    after = text[i + 1] if i + 1 < p_end else " "
    if mark == "“":
        # An opening mark typed where a quote closes ("“It's unusual,“ said Noble").
        typo = before not in _OPENING_CONTEXT and (after.isspace() or after in ".,;:!?")
        return "close" if typo else "open"
    if mark == "”":
        # A closing mark typed where a paragraph's quote opens ("”Fear. I am afraid …").
        opens_paragraph = not text[p_start:i].strip()
        return "open" if opens_paragraph and after.isalnum() else "close"
    if before in _OPENING_CONTEXT and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return "close"
    return "either"


def _closes(opener: str, role: str) -> bool:
    return role == "close" or (role == "either" and opener == '"')


def _scan_paragraph(
    text: str, p_start: int, p_end: int, index: int, carried: str | None
) -> tuple[list[QuotedSpan], str | None]:
    spans: list[QuotedSpan] = []
    stack: list[tuple[str, int]] = []  # (mark, offset) of open quotes, outermost first
    continued = False
    marks = [m.start() for m in _MARKS.finditer(text, p_start, p_end)]
    paragraph = text[p_start:p_end]
    first_text = p_start + len(paragraph) - len(paragraph.lstrip())
    for i in marks:
        role = _role(text, i, p_start, p_end)
        mark = text[i]
        if stack and _closes(stack[-1][0], role):
            opener, at = stack.pop()
            if not stack:
                spans.append(_span(text, at, i + 1, index, True, continued))
                continued = False
            continue
        if role == "close":
            continue  # a stray closing mark: an inch sign, a typo
        if len(stack) < _MAX_DEPTH:
            stack.append((mark, i))
            if len(stack) == 1 and carried is not None and i == first_text:
                continued = True
    carry: str | None = None
    if stack:
        opener, at = stack[0]
        spans.append(_span(text, at, p_end, index, False, continued))
        carry = opener
    return spans, carry


def _span(
    text: str, open_at: int, close_at: int, paragraph: int, closed: bool, continued: bool
) -> QuotedSpan:
    start = open_at + 1
    end = close_at - 1 if closed else close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return QuotedSpan(
        open=open_at,
        close=close_at,
        start=start,
        end=end,
        paragraph=paragraph,
        closed=closed,
        continued=continued,
    )
