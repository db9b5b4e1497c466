"""The layout of a document beside its prose, found from the text alone (no parse).

Transcripts (briefings, gaggles, remarks, press calls) are made of turns, each opened by a
speaker label at the start of a paragraph: "THE PRESIDENT:", "MS. JEAN-PIERRE:", "PRIME MINISTER
MODI:", "MODERATOR:", "SENIOR ADMINISTRATION OFFICIAL:", or a bare "Q" for a reporter. Around
the speech sit stage directions ("(Laughter.)", "(Applause.)", "[inaudible]"), timestamps
("4:13 P.M. EDT", "END 4:45 P.M. EDT") and, before the first turn, place and date lines ("Aboard
Air Force One", "James S. Brady Press Briefing Room"). None of that is anyone's words, a name
or an event: `DocStructure.covers` tells the other components what to skip, and `turns` gives
quotes their speakers.

The shapes are those of the 6,050 White House items in the shared corpus (labels in capitals
ending in a colon, "Q" followed by the question, directions in parentheses with a full stop).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.extract import names


class Markup(StrEnum):
    LABEL = "label"  # "THE PRESIDENT:", "Q"
    STAGE = "stage"  # "(Laughter.)", "[inaudible]"
    TIMESTAMP = "timestamp"  # "4:13 P.M. EDT", "END 4:45 P.M. EDT"
    HEADER = "header"  # place and date lines before a transcript's first turn


# Never a name, a quote or an event's text. Header lines name real places, so entities stay.
NOT_PROSE = frozenset({Markup.LABEL, Markup.STAGE, Markup.TIMESTAMP})
NOT_SPEECH = frozenset(Markup)


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    kind: Markup


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: the label as written (without emphasis marks or the colon), where
    the label stands, and the stretch of text the speaker says (up to the next turn)."""

    label: str
    label_start: int
    label_end: int
    start: int
    end: int
    # A speech printed as prose, its speaker named by the headline (speeches.as_speech): the
    # quotations it cites are attributed as an article's are.
    prose: bool = False

    @property
    def is_question(self) -> bool:
        """A reporter's turn: "Q"."""
        return self.label == "Q"


@dataclass(frozen=True)
class DocStructure:
    turns: tuple[Turn, ...] = ()
    regions: tuple[Region, ...] = ()  # sorted by start, never overlapping
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _turn_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts[:] = [r.start for r in self.regions]
        self._turn_starts[:] = [t.label_start for t in self.turns]

    @property
    def is_transcript(self) -> bool:
        return bool(self.turns)

    def overlapping(self, start: int, end: int, kinds: frozenset[Markup] = NOT_SPEECH) -> list[Region]:
        """Regions of these kinds that share a character with [start, end)."""
        i = max(0, bisect_right(self._starts, start) - 1)
        found = []
        while i < len(self.regions) and self.regions[i].start < end:
            region = self.regions[i]
            if region.end > start and region.kind in kinds:
                found.append(region)
            i += 1
        return found

    def covers(self, start: int, end: int, kinds: frozenset[Markup] = NOT_PROSE) -> bool:
        """Whether [start, end) touches a label, a stage direction or a timestamp (by default):
        no entity mention, quote or event may."""
        return bool(self.overlapping(start, end, kinds))

    def turn_at(self, offset: int) -> Turn | None:
        i = bisect_right(self._turn_starts, offset) - 1
        if i < 0:
            return None
        turn = self.turns[i]
        return turn if offset < turn.end else None


EMPTY = DocStructure()

_PARAGRAPH = re.compile(r"[^\n]+")
_SPACE = "[ \t\u00a0]"
# A paragraph opening with a label in capitals and a colon (Markdown bold marks allowed):
# "THE PRESIDENT: …", "**MS. LEAVITT:** …", "Mr. KIRBY: …" (a courtesy title typed in lower case).
_LABEL = re.compile(
    rf"{_SPACE}*(?:\*\*)?(?P<label>(?:M[rs]s?\.{_SPACE}|Dr\.{_SPACE})?[^\s:*a-z][^:\n*]{{0,60}}?)"
    rf"(?:\*\*)?{_SPACE}*:(?:\*\*)?{_SPACE}+(?=\S)"
)
# A reporter's question: "Q Mr. President, …", "Q: …", "Q — on …" (never "Q and A").
_QUESTION = re.compile(rf"{_SPACE}*(?:\*\*)?(?P<label>Q)(?:\*\*)?(?:{_SPACE}*[:.])?{_SPACE}+(?=[^\sa-z])")
# "MS. DALTON. I’m so- —": a label seen elsewhere in the document, typed with a full stop.
_LABEL_WITH_STOP = re.compile(rf"{_SPACE}*(?P<label>[^\s:a-z][^:\n]{{0,60}}?)\.{_SPACE}+(?=\S)")
_TIMESTAMP = re.compile(r"\s*(?:END|(?:END\s+)?\d{1,2}:\d{2}\s*[AaPp]\.?\s?[Mm]\.?(?:\s+[A-Z]{2,5})?)\s*")
_BRACKETED = re.compile(r"[(\[](?P<inner>[^()\[\]\n]{1,120})[)\]]")
# Words that open a stage direction wherever it stands ("(Applause.)", "(inaudible)",
# "(Speaks Spanish.)", "(Cross-talk by reporters.)").
_STAGE_OPENERS = names.word_set(
    """
    applause laughter laughs laughing inaudible cross-talk crosstalk interpreted interpreting
    interpretation translation speaks speaking clears coughs sneezes cheers cheering boos booing
    chanting chants singing music claps clapping pause silence unintelligible indiscernible
    audio video technical recording gavel in-progress
    """
)
_STAGE_PHRASES = ("as interpreted", "in progress", "no translation", "off mic", "off-mic", "in english")
_MAX_LABEL_WORDS = 7
# Words that let a label in capitals name a speaker: offices, courtesy titles and the roles a
# transcript gives the unnamed ("AUDIENCE MEMBER:", "SENIOR ADMINISTRATION OFFICIAL:").
_ROLE_WORDS = names.word_set(
    """
    audience member members moderator participant participants operator interpreter
    translator child woman man protester protestor protesters announcer official officials
    reporter reporters narrator student students crowd voice voices aide staff crew players
    gentleman lady taoiseach emcee panelist attendee attendees
    """
)
# Headings in capitals that end in a colon but open no one's words.
_HEADING_WORDS = names.word_set(
    """
    to for re subject fact sheet note notes step pillar section sec title part chapter
    background summary agenda update updates attachment appendix and or
    """
)


def find_structure(text: str) -> DocStructure:
    """Turns, labels, stage directions, timestamps and header lines of `text`."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    candidates = [(p, _label_at(text, *p)) for p in paragraphs]
    labelled = [(p, lab) for p, lab in candidates if lab is not None]
    speakers = [lab for _, lab in labelled if _names_a_speaker(lab[0])]
    questions = [lab for _, lab in labelled if lab[0] == "Q"]
    if not speakers and not (questions and len(labelled) > len(questions)):
        return _stage_only(text, paragraphs)
    known = {lab[0] for _, lab in labelled if lab[0] != "Q" and _could_be_speaker(lab[0])}
    regions: list[Region] = []
    marks: list[tuple[int, int, int, str]] = []  # label start, label end, text start, label
    first_turn = None
    for (p_start, p_end), lab in candidates:
        if lab is None:
            lab = _stopped_label(text, p_start, p_end, known)
        if lab is not None and (lab[0] == "Q" or _could_be_speaker(lab[0])):
            label, l_start, l_end, body = lab
            marks.append((l_start, l_end, body, label))
            regions.append(Region(l_start, l_end, Markup.LABEL))
            first_turn = p_start if first_turn is None else first_turn
            continue
        if _TIMESTAMP.fullmatch(text, p_start, p_end):
            regions.append(Region(*_trimmed(text, p_start, p_end), Markup.TIMESTAMP))
        elif first_turn is None and _is_header_line(text[p_start:p_end]):
            regions.append(Region(*_trimmed(text, p_start, p_end), Markup.HEADER))
    regions.extend(_stage_directions(text, transcript=True))
    regions = _without_overlaps(regions)
    turns = _turns(text, marks, regions)
    return DocStructure(tuple(turns), tuple(regions))


def _stage_only(text: str, paragraphs: list[tuple[int, int]]) -> DocStructure:
    """A document without turns still has its "(Applause.)" and timestamps (prepared remarks)."""
    stamps = [(s, e) for s, e in paragraphs if _TIMESTAMP.fullmatch(text, s, e)]
    regions = [Region(*_trimmed(text, s, e), Markup.TIMESTAMP) for s, e in stamps]
    regions.extend(_stage_directions(text, transcript=False))
    if not regions:
        return EMPTY
    return DocStructure((), tuple(_without_overlaps(regions)))


def _label_at(text: str, p_start: int, p_end: int) -> tuple[str, int, int, int] | None:
    """(label, label start, label end, text start) when the paragraph opens with a label."""
    m = _QUESTION.match(text, p_start, p_end)
    if m is not None:
        return "Q", m.start("label"), _label_end(text, m), m.end()
    m = _LABEL.match(text, p_start, p_end)
    if m is None:
        return None
    label = re.sub(r"\s+", " ", m["label"].replace("\u00a0", " ")).strip()
    courtesy, _, rest = label.partition(" ")
    shape = rest if courtesy in ("Mr.", "Ms.", "Mrs.", "Dr.") else label
    if shape != shape.upper() or not any(c.isalpha() for c in shape) or any(c.isdigit() for c in label):
        return None
    if len(label.split()) > _MAX_LABEL_WORDS or label.endswith(("“", '"', "—", "-")):
        return None
    return label, m.start("label"), _label_end(text, m), m.end()


def _label_end(text: str, m: re.Match[str]) -> int:
    """The label's end, past its colon and bold marks but not the space after them."""
    end = m.end()
    while end > m.start("label") and text[end - 1] in " \t\u00a0":
        end -= 1
    return end


def _stopped_label(text: str, p_start: int, p_end: int, known: set[str]) -> tuple[str, int, int, int] | None:
    m = _LABEL_WITH_STOP.match(text, p_start, p_end)
    if m is None or m["label"].strip() not in known:
        return None
    return m["label"].strip(), m.start("label"), m.start("label") + len(m["label"]) + 1, m.end()


def _label_words(label: str) -> list[str]:
    return [w.lower() for w in re.split(r"[\s.]+", label) if w]


def _names_a_speaker(label: str) -> bool:
    """A label that can only open someone's words: a title or courtesy title with a name, "THE
    PRESIDENT", or a role ("MODERATOR", "AUDIENCE MEMBER", "SENIOR ADMINISTRATION OFFICIAL")."""
    words = _label_words(label)
    if not words or words[0] in _HEADING_WORDS:
        return False
    if any(w in _ROLE_WORDS for w in words):
        return True
    titled = [w for w in words if names.is_title_word(w) or names.is_title_word(w + ".")]
    if words[0] == "the":
        return len(words) > 1 and bool(titled)
    return bool(titled) and len(titled) < len(words)  # "MR. BATES", "PRIME MINISTER MODI"


def _could_be_speaker(label: str) -> bool:
    """In a transcript, also a bare name ("BRAINARD:"); never a heading ("FACT SHEET:")."""
    if _names_a_speaker(label):
        return True
    words = _label_words(label)
    return 0 < len(words) <= 3 and not any(w in _HEADING_WORDS for w in words)


def _is_header_line(line: str) -> bool:
    """ "Aboard Air Force One", "East Room", "Columbia, South Carolina", "(January 27, 2024)":
    a short line without a sentence's final punctuation."""
    stripped = line.strip()
    return 0 < len(stripped.split()) <= 10 and stripped[-1] not in '.!?:;,”"—'


def _stage_directions(text: str, transcript: bool) -> list[Region]:
    found = []
    for m in _BRACKETED.finditer(text):
        inner = m["inner"].strip()
        if _is_stage_direction(inner, transcript):
            found.append(Region(m.start(), m.end(), Markup.STAGE))
    return found


def _is_stage_direction(inner: str, transcript: bool) -> bool:
    lower = inner.lower().rstrip(".…")
    first = lower.split(maxsplit=1)[0] if lower else ""
    if first in _STAGE_OPENERS or lower.startswith(_STAGE_PHRASES):
        return True
    if not transcript or not inner.endswith(".") or not inner[:1].isupper():
        return False
    # "(The Medal of Freedom is presented.)", "(President Biden offers a toast.)": a sentence in
    # parentheses whose last word is a real word, not an abbreviation ("(Ret.)", "(D. Colo.)").
    last = re.sub(r"[^\w’'-]", "", inner.rsplit(maxsplit=1)[-1])
    return len(inner.split()) >= 2 and len(last) >= 3 and last.islower()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _without_overlaps(regions: list[Region]) -> list[Region]:
    """Sorted by start; of two overlapping regions the earlier (then longer) one is kept."""
    kept: list[Region] = []
    for region in sorted(regions, key=lambda r: (r.start, -r.end)):
        if kept and region.start < kept[-1].end:
            continue
        kept.append(region)
    return kept


def _turns(text: str, marks: list[tuple[int, int, int, str]], regions: list[Region]) -> list[Turn]:
    """Each label's turn runs to the next label, or to the closing timestamp ("END 4:45 P.M.")."""
    stops = timestamp_starts(regions)
    turns = []
    for i, (l_start, l_end, body, label) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        turns.append(Turn(label, l_start, l_end, body, closing_stop(text, body, end, stops)))
    return turns


def timestamp_starts(regions: Sequence[Region]) -> list[int]:
    """Where each timestamp starts, in order: the stops for closing_stop."""
    return sorted(r.start for r in regions if r.kind is Markup.TIMESTAMP)


def closing_stop(text: str, body: int, end: int, stops: Sequence[int]) -> int:
    """Where words that start at `body` and run at most to `end` stop: at the first timestamp
    between them ("END 4:45 P.M. EDT"; `stops` from timestamp_starts), trimmed of space."""
    j = bisect_right(stops, body)
    if j < len(stops) and stops[j] < end:
        end = stops[j]
    _, end = _trimmed(text, body, end)
    return max(body, end)
