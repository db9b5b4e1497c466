"""People the small model leaves unlabelled in running text: a given name of the list
(data/first_names.tsv), perhaps an initial, and a capitalised surname, none of them a common
word or a place ("Maria Shriver, a tireless advocate …", "it’s Nancy Pelosi.", "Acting
Administrators Polly Trottenberg and Billy Nolen"). About one such name in three White House
items, nearly all of them people; what is left out is what reads as a name of something else:
a longer capitalised run ("Barry Goldwater Scholarship"), "the" before it ("the Emmett Till
…"), a venue's or a body's last word ("Moon Township", "Johnson Library"), a dateline ("Ray City,
Georgia")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from app.extract import names
from app.extract.doctext import doc_text
from app.extract.not_names import is_common_word
from app.extract.places import is_known_place

# Last words of the names of places, bodies and contests, which no surname in these texts is
# ("Stanley Cup").
_NOT_SURNAMES = names.word_set(
    """
    township city county room house library museum act award awards tribe tribes university
    universities island islands garden center centre hall park street avenue school college
    foundation institute program fund bay river lake mountains mountain valley beach
    cup bowl series trophy games championship
    """
)
_GIVEN = re.compile(r"[A-Z][a-z]{2,}")
_INITIAL = re.compile(r"[A-Z]\.")
_SURNAME = re.compile(r"[A-Z][a-z](?:[A-Za-z'’-]*[A-Za-z])?")


def unlabelled_people(doc: Doc) -> list[Span]:
    out: list[Span] = []
    for token in doc:
        if token.ent_iob_ != "O" or not _could_be_given(token):
            continue
        end = token.i + 1
        if end < len(doc) and _INITIAL.fullmatch(doc[end].text) and doc[end].ent_iob_ == "O":
            end += 1
        if end >= len(doc) or not _could_be_surname(doc[end], token.text):
            continue
        if _runs_on(doc, end + 1) or _carries_on(doc, token.i) or _venue_line(doc, token.i, end + 1):
            continue
        out.append(Span(doc, token.i, end + 1, label="PERSON"))
    return out


def _carries_on(doc: Doc, start: int) -> bool:
    """The name began before: "the Emmett Till …", "Fusselman Canyon Rock Art District",
    "Biden-Harris Administration" (a title before it is no part of it: "Administrators Polly
    Trottenberg")."""
    if start == 0 or doc[start].is_sent_start:
        return False
    before = doc[start - 1]
    if before.lower_ == "the" or before.text in ("-", "‐"):
        return True
    return before.is_alpha and before.text[:1].isupper() and not _is_title(before.text)


def _is_title(word: str) -> bool:
    bare = word.lower()
    return names.is_title_word(bare) or names.is_title_word(bare.removesuffix("s"))


# A speech's header: the venue on a line of its own, then the city ("Duncan Aviation" over
# "Battle Creek, Michigan").
_DATELINE = re.compile(r"\s*\n\s*[A-Z][\w .’'-]*,[ \u00a0][A-Z][\w .]*\n")


def _venue_line(doc: Doc, start: int, end: int) -> bool:
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, doc[start].idx) + 1
    line_end = text.find("\n", doc[end - 1].idx)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:line_end].strip() != text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])]:
        return False
    return _DATELINE.match(text, line_end) is not None


def _could_be_given(token: Token) -> bool:
    word = token.text
    return (
        _GIVEN.fullmatch(word) is not None
        and names.is_given_name(word)
        and not is_common_word(word)
        and not is_known_place(word)
    )


def _could_be_surname(token: Token, given: str) -> bool:
    word = token.text
    return (
        token.ent_iob_ == "O"
        and _SURNAME.fullmatch(word) is not None
        and not is_common_word(word)
        and word.lower() not in _NOT_SURNAMES
        and word.lower() not in names.ORG_WORDS
        and not is_known_place(word)
        and not is_known_place(f"{given} {word}")
    )


def _runs_on(doc: Doc, after: int) -> bool:
    """The name goes on ("Emmett Till and Mamie …" is not; "Barry Goldwater Scholarship",
    "Ana Isabel de Alba" are), or a dateline's state follows ("Ray City, Georgia")."""
    if after >= len(doc):
        return False
    following = doc[after]
    if following.text in ("'s", "’s") and after + 1 < len(doc):
        following = doc[after + 1]  # "Prince George’s County"
    if following.lower_ in names.NAME_PARTICLES or (following.text[:1].isupper() and following.is_alpha):
        return True
    if following.text in ("-", "‐", "—"):
        return True  # cut off: "“Joe Bi-” — I mean"
    if following.text != ",":
        return False
    line_rest = doc_text(doc)[following.idx + 1 :].split("\n", 1)[0].strip()
    return is_known_place(line_rest)
