"""A speech printed without speaker labels is one turn of the speaker its headline names.

"Remarks as Prepared for Delivery by First Lady Jill Biden at …", "Remarks by National Economic
Advisor Lael Brainard on …", "Remarks as Delivered by Senior Advisor John Podesta at COP29": the
text is one person's words from its first sentence on, after the place and date lines ("Fort
Campbell, KY", "***", "*As Prepared for Delivery*"), as a transcript's turn is its speaker's.
Some 220 White House items are such speeches. A headline of two speakers ("Remarks by President
Biden and Prime Minister Kishida") without labels in the text cannot be split, and statements,
letters and fact sheets are no one's spoken words: those keep the layout they have.
"""

from __future__ import annotations

import re

from app.extract import names
from app.extract.structure import (
    NOT_SPEECH,
    DocStructure,
    Markup,
    Region,
    Turn,
    closing_stop,
    timestamp_starts,
)
from app.extract.turn_speakers import is_gerund, is_title

# "Remarks by", "Remarks of", "Remarks as Prepared for Delivery by", "Remarks as Prepared for",
# "Remarks as Delivered by", "Keynote Remarks by", "Excerpts from Remarks as Prepared …".
_SPEECH_HEADLINE = re.compile(
    r"(?:Excerpts?\s+(?:from|of)\s+)?(?:(?:Keynote|Opening|Closing|Prepared)\s+)?Remarks"
    r"(?:\s+as\s+(?:Prepared|Delivered)(?:\s+for\s+Delivery)?)?\s+(?:by|of|for)\s+(?P<rest>.+)",
    re.IGNORECASE,
)
# "Excerpts from President Joe Biden Speech on …"
_SPEECH_OF = re.compile(r"Excerpts?\s+(?:from|of)\s+(?P<rest>.+?)\s+(?:Speech|Address)\b", re.IGNORECASE)
# Where the speaker's part of the headline ends: "…Brainard: Today's …", "… | Obbürgen".
_CLAUSE_END = re.compile(r"\s*(?:[,|:;(–—]|\s-\s)")
_NAME_WORD = re.compile(r"^[A-ZÀ-Þ][\w’'.-]*$")
# Words after the speaker's name in a headline: "on", "at", "to the", "Press Conference".
_STOPS = names.word_set(
    "on at in to for before during after about with of from via aboard upon the a an press conference "
    "summit forum luncheon dinner event ceremony celebration"
)
# Words that join the runs of titles before the speaker's name.
_JOINERS = frozenset({"and", "to", "of", "the"})
_MAX_NAME_WORDS = 3
# A line before the speech that says where or how it was given: short, no sentence's end.
_SENTENCE_END = re.compile(r"[.!?…][”’\"'*)\]]*\Z")
_MAX_HEADER_WORDS = 12


def speech_label(title: str | None) -> str | None:
    """The one speaker a speech's headline names, as a transcript would label them ("FIRST LADY
    JILL BIDEN", "PRESIDENT BIDEN"), or None: not a speech's headline, no one named, or two
    speakers."""
    if not title:
        return None
    title = " ".join(title.replace("\u00a0", " ").split())
    m = _SPEECH_HEADLINE.match(title) or _SPEECH_OF.match(title)
    if m is None:
        return None
    rest = _CLAUSE_END.split(m["rest"], maxsplit=1)[0]
    person = _speaker(rest.split())
    return " ".join(person).upper() if person else None


def _speaker(words: list[str]) -> list[str] | None:
    """The person of the first run of capitalised words that names one, among runs joined by
    "and", "to", "of" or "the" ("NEC Director and White House Competition Council Chair Lael
    Brainard", "National Security Advisor to the Vice President Dr. Phil Gordon"); None when a
    second person follows with "and" (joint remarks)."""
    found: list[str] | None = None
    run: list[str] = []
    for word in [*words, ""]:
        bare = word.strip("’'\"“”")
        owner = names.strip_possessive(bare)  # "President Biden’s State of the Union Address"
        if bare and _NAME_WORD.match(bare) and bare.lower() not in _STOPS and not is_gerund(bare):
            run.append(owner)
            if owner == bare:
                continue
            bare = ""
        if run:
            person = _person(run)
            if person is not None and found is not None:
                return None
            found = found or person
            run = []
        low = bare.lower()
        if low != "and" and (found is not None or low not in _JOINERS):
            break
    return found


def _person(run: list[str]) -> list[str] | None:
    """The words that name a person in a run of a headline, with the titles just before them
    when the name is one word ("President Biden"; "Dr. Liz Sherwood-Randall", "Jill Biden"), or
    None when the run is only titles or names no one ("NEC Director")."""
    titled = [is_title(w) for w in run]
    for i, word in enumerate(run):
        if titled[i]:
            continue
        after_title = i > 0 and titled[i - 1]
        if not after_title and not names.is_given_name(word):
            continue
        end = i
        while end < len(run) and not titled[end] and end - i < _MAX_NAME_WORDS:
            end += 1
        if not after_title:
            end = min(end, i + 2)  # "John Podesta Columbia Global Energy Summit"
        start = i
        while (
            start > 0
            and titled[start - 1]
            and (end - i == 1 or run[start - 1].lower() in names.ADDRESS_TITLES)
        ):
            start -= 1  # "President Biden", "Dr. Liz Sherwood-Randall"; not "Advisor Jake Sullivan"
        return run[start:end]
    return None


def as_speech(text: str, layout: DocStructure, title: str | None) -> DocStructure:
    """`layout` with the whole speech as one turn of the headline's speaker, when the text has
    no turns of its own and the headline is a speech's by one person; else `layout`."""
    if layout.turns:
        return layout
    label = speech_label(title)
    if label is None:
        return layout
    headers: list[Region] = []
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        start, end = line.start() + _indent(line.group()), line.start() + len(line.group().rstrip())
        if any(r.start <= start and end <= r.end for r in layout.overlapping(start, end, NOT_SPEECH)):
            continue  # "(Applause.)", "9:30 A.M. EDT"
        words = line.group().split()
        if len(words) > _MAX_HEADER_WORDS or _SENTENCE_END.search(text, start, end):
            turn = Turn(
                label,
                start,
                start,
                start,
                closing_stop(text, start, len(text), timestamp_starts(layout.regions)),
                prose=True,
            )
            regions = sorted([*headers, *layout.regions], key=lambda r: r.start)
            return DocStructure((turn,), tuple(regions))
        headers.append(Region(start, end, Markup.HEADER))
    return layout


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
