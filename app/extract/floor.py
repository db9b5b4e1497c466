"""Who has the floor in a transcript, from its headline: "Remarks by President Biden at …",
"Statement from Secretary Blinken on …". Their "I" in the text is that person."""

from __future__ import annotations

import re

from app.extract import names

FLOOR_ROLE = "speaker"

# "Remarks by President Biden at …", "Statement from Vice President Harris on …": who has the
# floor is the run of words after "by"/"from" up to a preposition, a verb in -ing or punctuation.
_REMARKS_TITLE = re.compile(
    r"^(?:remarks|statement|interview|address|speech)\s+(?:by|from|of|with)\s+"
    r"(?P<who>[^,:;|–—(]+)",
    re.I,
)
_REMARKS_STOP = frozenset(
    {"on", "at", "in", "to", "before", "during", "after", "for", "about", "and", "with"}
)


_TITLE_MODIFIERS = frozenset({"vice", "deputy", "acting", "former", "first", "second", "lady", "gentleman"})


def floor_holder(title: str) -> list[str]:
    """The name words of who a transcript's headline gives the floor to, titles left out."""
    match = _REMARKS_TITLE.match(title.replace("\\_", " ").replace("_", " "))
    words: list[str] = []
    for word in match["who"].split() if match else []:
        if word.lower() == "and":
            return []  # "Remarks by President Biden and Prime Minister Kishida": two speakers
        if word.lower() in _REMARKS_STOP or (len(word) > 5 and word.lower().endswith("ing")):
            break
        if not names.is_title_word(word) and word.lower() not in _TITLE_MODIFIERS and word[:1].isupper():
            words.append(word)
    return words
