"""Words struck out and corrected in brackets: "the head of FEMA, Deanne <s>Griswell</s>
[Criswell]" (424 of the 6,051 White House items, most of them transcripts, correct a slip of the
speaker so). Every reader gives the text as corrected: the struck words dropped, the correction
without its brackets ("Deanne Criswell"), so a misspoken name, place or year is no fact of the
article. Brackets anywhere else stay."""

from __future__ import annotations

import re

from lxml import html as lxml_html

STRUCK_TAGS = ("s", "del", "strike")
# Inline HTML that strikes words out, opening or closing (as a Markdown parser hands it over).
STRUCK_OPEN = re.compile(r"^<(s|del|strike)(\s[^>]*)?>$", re.I)
STRUCK_CLOSE = re.compile(r"^</(s|del|strike)\s*>$", re.I)
# A page holding any struck-out tag (cheap to test before parsing a page for them).
ANY_STRUCK = re.compile(r"<(s|del|strike)[\s>]", re.I)
# The bracketed correction opening the text right after struck words.
_CORRECTION = re.compile(r"^(\s*)\[([^\[\]]{1,80})\]")


def as_corrected(text_after: str) -> str:
    """The text that follows struck words, its opening [correction] unbracketed."""
    return _CORRECTION.sub(r"\1\2", text_after, count=1)


def drop_struck(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """`root` with every struck-out element removed (its words too; the text after it kept, a
    [correction] opening that text unbracketed)."""
    for element in list(root.iter(*STRUCK_TAGS)):
        if element.getparent() is None:
            continue
        element.tail = as_corrected(element.tail or "")
        element.drop_tree()
    return root
