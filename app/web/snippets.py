"""Search snippets: the words a query matched, marked in a text, and a window of the text
around the first match. Words match as the full-text index matches them: the same English stem
(Snowball, as porter stemming in FTS5 and PostgreSQL's english configuration), the last query
word also as a prefix."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from app.store.search import query_words
from app.web.parts import Segment, highlight

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=50_000)
def _stem(token: str) -> str:
    """A lower-case word's stem, remembered: the texts of one results page repeat most words
    (stemming every word of each text was most of /search's time at 50,000 articles)."""
    return str(_stemmer().stemWord(token))


def matched_spans(text: str, q: str) -> list[tuple[int, int]]:
    words = [w.lower() for w in query_words(q)]
    if not words:
        return []
    stems = {_stem(w) for w in words}
    last = words[-1]
    spans = []
    for m in _WORD.finditer(text):
        token = m.group().lower()
        if token.startswith(last) or _stem(token) in stems:
            spans.append((m.start(), m.end()))
    return spans


def marked(text: str, q: str) -> tuple[Segment, ...]:
    return highlight(text, matched_spans(text, q))


def snippet(text: str, q: str, width: int = 240) -> tuple[Segment, ...]:
    """At most about `width` characters of `text` around its first match, cut at word
    boundaries with an ellipsis where text was left out, the matches marked."""
    spans = matched_spans(text, q)
    if len(text) <= width:
        return highlight(text, spans)
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    window = text[start:end]
    inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    segments = list(highlight(window, inside))
    if start:
        segments.insert(0, Segment("…"))
    if end < len(text):
        segments.append(Segment("…"))
    return tuple(segments)
