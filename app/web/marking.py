"""An article's body as HTML: paragraphs, every sentence an anchor (`id="s12"`, so a fact can
link to the sentence it came from), and its entities, dates and quotes marked.

The marks overlap freely in the data (an entity inside a quote, a quote running over two
sentences), while HTML must nest. So the text is cut at every boundary and, segment by
segment, the open elements are closed and reopened as needed: an element that crosses another
is split into fragments, and only its first fragment carries its id."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from app.store.queries.views import Annotation, SentenceSpan

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_HTML_DATETIME = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")  # what <time datetime> accepts
LAYER = {"sentence": 0, "quote": 1, "entity": 2, "timex": 2}


@dataclass(frozen=True)
class Links:
    entity: Callable[[str], str]
    quote: Callable[[int], str]


@dataclass(frozen=True)
class _Span:
    layer: int
    start: int
    end: int
    kind: str
    order: int  # stable tie-break, and the span's identity
    sentence: int | None = None
    note: Annotation | None = None


def paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated paragraph, surrounding space excluded."""
    out, position = [], 0
    for brk in [*_PARAGRAPH_BREAK.finditer(body), None]:
        end = brk.start() if brk else len(body)
        chunk = body[position:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((position + lead, position + len(chunk.rstrip())))
        position = brk.end() if brk else len(body)
    return out


def mark_body(
    body: str, sentences: Sequence[SentenceSpan], annotations: Sequence[Annotation], links: Links
) -> tuple[Markup, ...]:
    """One Markup per paragraph, to be placed in <p> elements."""
    spans = [
        _Span(LAYER["sentence"], s.start, s.end, "sentence", i, sentence=s.index)
        for i, s in enumerate(sentences)
    ]
    spans += [
        _Span(LAYER[a.kind], a.start, a.end, a.kind, len(spans) + i, note=a)
        for i, a in enumerate(annotations)
        if a.kind in LAYER and 0 <= a.start < a.end <= len(body)
    ]
    spans.sort(key=lambda s: (s.start, s.layer, -s.end, s.order))
    writer = _Writer(body, links)
    out: list[Markup] = []
    carried: list[_Span] = []  # spans that began in an earlier paragraph and reach further
    waiting = iter(spans)
    upcoming = next(waiting, None)
    for start, end in paragraphs(body):
        inside = [s for s in carried if s.end > start]
        while upcoming is not None and upcoming.start < end:
            if upcoming.end > start:
                inside.append(upcoming)
            upcoming = next(waiting, None)
        out.append(writer.paragraph(start, end, inside))
        carried = [s for s in inside if s.end > end]
    return tuple(out)


class _Writer:
    def __init__(self, body: str, links: Links) -> None:
        self.body = body
        self.links = links
        self.started: set[int] = set()  # spans whose first fragment is out (ids go there only)

    def paragraph(self, start: int, end: int, inside: Sequence[_Span]) -> Markup:
        """`inside`: the spans overlapping [start, end), ordered by start."""
        cuts = sorted(
            {start, end, *(max(s.start, start) for s in inside), *(min(s.end, end) for s in inside)}
        )
        out: list[str] = []
        stack: list[tuple[_Span, str]] = []  # open spans with their closing tags
        active: list[_Span] = []
        waiting = iter(inside)  # sorted by start
        upcoming = next(waiting, None)
        for left, right in itertools.pairwise(cuts):
            while upcoming is not None and upcoming.start <= left:
                active.append(upcoming)
                upcoming = next(waiting, None)
            active = [s for s in active if s.end > left]
            wanted = sorted(active, key=lambda s: (s.layer, s.start, -s.end, s.order))
            keep = 0
            while keep < min(len(stack), len(wanted)) and stack[keep][0] is wanted[keep]:
                keep += 1
            while len(stack) > keep:
                out.append(self.close(*stack.pop(), position=left))
            for span in wanted[keep:]:
                in_link = any(closing == "</a>" for _, closing in stack)
                opening, closing = self.open(span, in_link)
                out.append(opening)
                stack.append((span, closing))
            out.append(str(escape(self.body[left:right])))
        while stack:
            out.append(self.close(*stack.pop(), position=end))
        return Markup("".join(out))

    def open(self, span: _Span, in_link: bool) -> tuple[str, str]:
        """The opening tag of one fragment of `span`, and the tag that closes it."""
        first = span.order not in self.started
        self.started.add(span.order)
        note = span.note
        if span.kind == "sentence":
            ident = f' id="s{span.sentence}"' if first else ""
            return f'<span class="s"{ident}>', "</span>"
        assert note is not None
        if span.kind == "quote":
            ident = f' id="q{note.ref}"' if first else ""
            return f'<span class="quote"{ident} title="{escape("Quote: " + note.label)}">', "</span>"
        if span.kind == "entity":
            title = escape(f"{note.label} · {note.detail}" if note.detail else note.label)
            css = f"ent ent-{escape(note.detail or 'other')}"
            if in_link or not note.ref:  # links cannot nest
                return f'<span class="{css}" title="{title}">', "</span>"
            href = escape(self.links.entity(str(note.ref)))
            return f'<a class="{css}" href="{href}" title="{title}">', "</a>"
        resolved = note.detail or note.label
        datetime = f' datetime="{escape(note.label)}"' if _HTML_DATETIME.match(note.label) else ""
        tip = escape(f"{resolved} ({note.label})" if resolved != note.label else note.label)
        return f'<time class="timex"{datetime} title="{tip}" data-resolved="{tip}">', "</time>"

    def close(self, span: _Span, closing: str, position: int) -> str:
        """Close a fragment; after a quote's last fragment comes the link to its page."""
        if span.kind != "quote" or span.note is None or position < span.end:
            return closing
        href = escape(self.links.quote(int(span.note.ref or 0)))
        who = escape(f"Quote by {span.note.label}")
        return f'{closing}<a class="quote-ref" href="{href}" aria-label="{who}" title="{who}">↗</a>'
