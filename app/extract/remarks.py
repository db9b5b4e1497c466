"""A transcript's turns as quotes: every substantive paragraph of a speaker's turn is a quote
of theirs (kind `remarks`), every paragraph of a reporter's turn a `question` of no one's.

A paragraph is cut where a stage direction stands between sentences ("Thank you. (Applause.)
Now, …"), so no quote holds "(Applause.)"; one inside a sentence ("the support is (inaudible)
for …") stays, as a reader would read it. Pieces of fewer than MIN_WORDS words ("Thank you.",
"Okay.") are no one's statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from app.domain import QuoteKind, Speaker
from app.extract.structure import NOT_SPEECH, DocStructure, Markup
from app.extract.turn_speakers import TurnRole, TurnSpeaker

MIN_WORDS = 4
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SENTENCE_END = '.!?…"”’'


@dataclass(frozen=True)
class TurnQuote:
    start: int
    end: int
    kind: QuoteKind
    speaker: Speaker | None
    label: str


def turn_quotes(text: str, layout: DocStructure, speakers: Mapping[str, TurnSpeaker]) -> Iterator[TurnQuote]:
    for turn in layout.turns:
        who = speakers.get(turn.label)
        if who is None or who.role is TurnRole.CROWD:
            continue
        kind = QuoteKind.QUESTION if who.role is TurnRole.QUESTION else QuoteKind.REMARKS
        for line in _LINE.finditer(text, turn.start, turn.end):
            for start, end in _pieces(text, layout, line.start(), line.end()):
                if len(_WORD.findall(text, start, end)) >= MIN_WORDS:
                    yield TurnQuote(start, end, kind, who.speaker, turn.label)


def _pieces(text: str, layout: DocStructure, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The line's stretches between markup that stands between sentences."""
    pos = start
    for region in layout.overlapping(start, end, NOT_SPEECH):
        before = text[pos : region.start].rstrip()
        between_sentences = region.kind is not Markup.STAGE or not before or before[-1] in _SENTENCE_END
        if not between_sentences:
            continue  # "(inaudible)" inside a sentence stays in it
        yield from _trimmed(text, pos, region.start)
        pos = region.end
    yield from _trimmed(text, pos, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and (text[start].isspace() or text[start] in "…"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
