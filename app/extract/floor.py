"""Who has the floor in a transcript, from its headline: "Remarks by President Biden at …",
"Statement from Secretary Blinken on …". Their "I" in the text is that person."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extract import names

FLOOR_ROLE = "speaker"

# The words after "by"/"from" up to punctuation; the run ends at a preposition or an -ing verb.
_REMARKS_TITLE = re.compile(
    r"^(?:remarks|statement|interview|address|speech)\s+(?:by|from|of|with)\s+(?P<who>[^,:;|–—(]+)",
    re.I,
)
_REMARKS_STOP = frozenset({"on", "at", "in", "to", "before", "during", "after", "for", "about", "with"})


@dataclass(frozen=True)
class FloorHolder:
    office: str | None  # "Vice President", "White House Press Secretary"
    name: tuple[str, ...]  # the name's words: ("Harris",), ("Karine", "Jean-Pierre")


def floor_holder(title: str) -> FloorHolder | None:
    """The one person a transcript's headline gives the floor to: the capitalised words after
    the last title word ("Remarks by Vice President Harris at …" -> Vice President / Harris).
    None for other headlines and for two speakers ("… Biden and Prime Minister Kishida")."""
    match = _REMARKS_TITLE.match(title)
    if match is None:
        return None
    words: list[str] = []
    for word in match["who"].split():
        if word.lower() == "and":
            return None
        if word.lower() in _REMARKS_STOP or (len(word) > 5 and word.lower().endswith("ing")):
            break
        words.append(word)
    last_title = max((i for i, w in enumerate(words) if names.is_title_word(w)), default=-1)
    name = tuple(w for w in words[last_title + 1 :] if w[:1].isupper())
    if not name:
        return None
    return FloorHolder(" ".join(words[: last_title + 1]) or None, name)
