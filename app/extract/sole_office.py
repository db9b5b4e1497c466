""" "The President said that …" in prose: whoever held the office on the publication day, when the
text gives that title to no one else.

A White House statement says "The President announced that …" of Joe Biden and news of 2016 says
"the president said" of Barack Obama; an article that also writes "President Macron" or
"Ukraine's president, Volodymyr Zelenskyy" leaves "the president" to the reader, and so do we.
"Former President Trump" is no holder. Transcripts name the office holder their own way
(referents.role_mentions).
"""

from __future__ import annotations

import datetime as dt
import re

from app.domain import EntityKind, Speaker
from app.extract import offices
from app.extract.entity_index import EntityIndex
from app.extract.referents import holder_speaker

_THE_OFFICE = re.compile(r"(?:[Tt]he)\s+(?P<office>(?:[Vv]ice\s+)?[Pp]resident)")
# The title a person mention carries in or just before it: "President Macron", "Vice President
# Harris", "former President Trump", "Ukraine's president, Volodymyr Zelenskyy".
_TITLE_BEFORE = re.compile(
    r"(?P<former>\b(?:former|ex-)\s*)?(?P<vice>\bvice[\s-]+)?\bpresident,?\s+$", re.IGNORECASE
)
_TITLE_WINDOW = 30


class OfficeHolders:
    """The holder "the President" or "the Vice President" names in one document, if sole."""

    def __init__(self, text: str, published: dt.date | None, index: EntityIndex) -> None:
        self.text = text
        self.published = published
        self.index = index
        self._found: dict[str, Speaker | None] = {}

    def named_by(self, phrase: str) -> Speaker | None:
        m = _THE_OFFICE.fullmatch(" ".join(phrase.split()))
        if m is None or self.published is None:
            return None
        office = " ".join(m["office"].lower().split())
        if office not in self._found:
            self._found[office] = self._sole(office, self.published)
        return self._found[office]

    def _sole(self, office: str, on: dt.date) -> Speaker | None:
        term = offices.holder(office, on)
        if term is None:
            return None
        for mention in self.index.within(0, len(self.text)):
            if mention.entity.kind is not EntityKind.PERSON:
                continue
            title = self._title_of(mention.start, mention.end)
            if title == office and term.surname.casefold() not in mention.entity.name.casefold():
                return None  # "President Macron": the text has another president
        return holder_speaker(term, self.index)

    def _title_of(self, start: int, end: int) -> str | None:
        """ "president" or "vice president" for a mention titled so (in or before it), else None."""
        window = self.text[max(0, start - _TITLE_WINDOW) : start]
        words = self.text[start:end].split()
        if words and words[0] in ("President", "Vice"):
            window += " ".join(words[:2] if words[0] == "Vice" else words[:1]) + " "
        m = _TITLE_BEFORE.search(window)
        if m is None or m["former"]:
            return None
        return "vice president" if m["vice"] else "president"
