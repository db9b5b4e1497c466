"""People of a roster: a line that opens with a name and goes on with the person's role.

Readouts list who took part ("Gina Raimondo, Secretary of Commerce"), appointment releases
whom the President appoints ("Lynn Hubbard, Member, National Museum and Library Services
Board"), and bios open with the same line. Out of a sentence the small model misses a quarter
of these names or cuts them ("Ramamurti" as a place, "Christian" of "Christian Nunes" as a
group); the line's shape names them whole.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from app.extract import names
from app.extract.doctext import doc_text
from app.extract.places import is_known_place

_WORD = r"[A-Z][\w.'’-]*"
# A line (with the bullet of a list item left in plain text): capitalised words (a leading
# title among them), an optional suffix, a comma, and what follows up to the next comma.
_LINE = re.compile(
    rf"(?m)^[ \t\u00a0]*(?:[-*•·][ \t\u00a0]+)?(?P<name>{_WORD}(?:[ ]{_WORD}){{1,6}})"
    rf"{names.SUFFIX_PATTERN},[ ](?P<role>[^,\n]{{1,80}})"
)
# Words that open or head a role, beyond the titles of names.TITLE_WORDS.
_ROLE_WORDS = names.word_set(
    """
    member members trustee trustees coordinator co-chair co-chairs vice senior special principal
    partner owner manager head fellow counselor counsel regent treasurer inspector executive
    chief officer organizer staff delegate representative board
    """
)
# Words before a name that are no part of it: "The Honorable", "Amb.", "First Lady".
_LEADING_TITLES = names.word_set("the vice first second honorable hon hon. amb amb.")
# A line opened by a phrase of place or time is no roster: "In Arizona, Governor Katie Hobbs…",
# "On Wednesday, Secretary Blinken…", "Since Day One, the President…".
_OPENERS = names.word_set(
    """
    in on at from since by for with after before during last this next every over under
    across throughout through as to of and but or earlier later today yesterday tomorrow
    """
)
_MIN_WORDS, _MAX_WORDS = 2, 5


def listed_people(doc: Doc) -> list[Span]:
    """PERSON spans of the names that open roster lines, without their leading titles (nor a
    suffix: "Jr." stays out as in a nomination), and of the same names written out elsewhere
    in the text (the bio under the roster line, where the model may cut the name again)."""
    text = doc_text(doc)
    listed: dict[str, None] = {}
    for match in _LINE.finditer(text):
        if _is_role(match.group("role")):
            bounds = _bare_name(text, match.start("name"), match.end("name"))
            if bounds is not None:
                listed[text[bounds[0] : bounds[1]]] = None
    out = []
    for name in listed:
        for found in re.finditer(rf"(?<![\w.'’-]){re.escape(name)}(?![\w'’-])", text):
            span = doc.char_span(found.start(), found.end())
            if span is not None:
                out.append(Span(doc, span.start, span.end, label="PERSON"))
    return sorted(out, key=lambda s: s.start)


def _is_role(role: str) -> bool:
    """A capitalised phrase with a capitalised title or role word in it ("Member", "Deputy
    Director", "White House American Rescue Plan Coordinator and Senior Advisor"), or one that
    opens with "former", "acting" and the like."""
    words = role.split()
    if not words or not (words[0][:1].isupper() or words[0].lower() in names.MODIFIER_ONLY):
        return False
    return any(
        (w[:1].isupper() or w.lower() in names.MODIFIER_ONLY) and _role_word(w.lower().strip(".,;:"))
        for w in words
    )


def _role_word(word: str) -> bool:
    return names.is_title_word(word) or word in _ROLE_WORDS


def _bare_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name without the titles before it ("Congressman Jim Clyburn" -> "Jim Clyburn"), or
    None when what is left is no person's name (an office, an organisation, one word)."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    if text[words[0][0] : words[0][1]].lower() in _OPENERS:
        return None
    while words and _leading_title(text[words[0][0] : words[0][1]]):
        words.pop(0)
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return None
    name = text[words[0][0] : words[-1][1]]
    titled = any(_role_word(w.lower().strip(".")) for w in name.split())
    if titled or names.is_organisation_name(name) or is_known_place(name):
        return None
    return words[0][0], words[-1][1]


def _leading_title(word: str) -> bool:
    return names.is_title_word(word) or word.lower() in _LEADING_TITLES
