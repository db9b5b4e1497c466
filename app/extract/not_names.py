"""Capitalised words that name nothing: the small model's junk, dropped before grouping.

A reader must never meet "Federal", "Lastly", "Sec", "General Provisions", "B.A." or "National
Security Advisor" as an entity. Each rule here is a class seen across the White House corpus:
- common words that English writes in lower case (data/common_words.txt), when capitalised only
  because they open a sentence or a heading, or by house style ("Federal funding");
- generic heads of names and titles standing alone ("Department", "Administration", "Judge");
- titles that the model takes for organisations ("National Security Advisor", "Chief of Staff");
- section labels and headings of orders ("Sec. 2.  General Provisions."), citation fragments
  ("U.S.C."), academic degrees ("J.D.", "B.A.");
- the proclamation formula "… of the Independence of the United States of America", which is the
  United States and no organisation called "Independence".
A word that is part of a person's name in the same article ("Young" after "Shalanda Young") or a
known place is kept.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from app.domain import EntityKind
from app.extract import names
from app.extract.agencies import known_agency
from app.extract.doctext import doc_text
from app.extract.places import is_known_place

if TYPE_CHECKING:
    from app.extract.mentions import RawMention

DATA = Path(__file__).with_name("data")

# Heads of names and titles that name nothing on their own: "the Department", "the Agency".
# Institutions that a bare word does name (Congress, Senate, Treasury…) are not here.
_GENERIC_WORDS = names.word_set(
    """
    department ministry agency office committee commission bureau administration administrations
    government council board center centre foundation institute court authority service services
    division branch program initiative partnership partnerships task force fund group alliance
    federal national state states nation nations tribal tribes tribe indigenous black white
    international global regional local public private general special joint executive budget
    northern southern eastern western central northeastern northwestern southeastern southwestern
    section sec chapter article title part subsection paragraph clause act order proclamation
    memorandum readout statement remarks briefing gaggle transcript fact sheet
    member members chair cochair co-chair nominee nominees designee career emerita emeritus
    counsel counselor principal gentleman madam honorable excellency majesty highness
    llc llp pllc inc inc. ltd ltd. corp corp. plc
    """
)
# Words in front of "of the <place>" that never make it a body of its own: "Independence of the
# United States of America" (the proclamations' closing formula).
_POLITY_WORDS = names.word_set(
    "republic kingdom state states commonwealth federation union emirates islands principality "
    "sultanate duchy territory province district county city government people's peoples"
)
_DEGREES = names.word_set(
    "B.A. B.S. B.Sc. M.A. M.S. M.Sc. M.B.A. MBA M.P.A. M.P.P. M.P.H. M.D. J.D. LL.M. LL.B. "
    "Ph.D. PhD Ed.D. D.O. M.J. M.Ed. M.F.A. B.F.A. D.D.S. R.N. M.Phil."
)
# A body every company, university or agency has: named alone ("Chair of the Board of
# Directors", "a Member of the Board of Trustees of the …"), it is no one body, and as an entity
# it would gather every board of every article. Not "Board of Governors" (the Federal Reserve's).
_GENERIC_BODIES = frozenset(
    f"{head} of {members}"
    for head in ("board", "boards", "council")
    for members in ("directors", "trustees", "visitors", "advisors", "advisers", "regents", "overseers")
) | frozenset(
    {"executive committee", "steering committee", "advisory board", "advisory committee", "advisory council"}
)
# Degrees written out: "Bachelor of Science in Engineering", "Masters of Social Work", "Juris
# Doctorate".
_DEGREE_NAME = re.compile(
    r"^(?:(?:Bachelor|Master|Doctor)(?:s|['’]s)?[ \n](?:of|in)[ \n][A-Z]"
    r"|Associate[ \n]of[ \n](?:Arts|Science|Applied)|Juris[ \n]Doctor(?:ate)?$)"
)
_CITATION_FRAGMENTS = frozenset({"U.S.C.", "U.S.C", "USC", "C.F.R.", "CFR", "Stat.", "Pub. L.", "Fed. Reg."})
_SECTION_LABEL = re.compile(r"^(?:Sec|Section|Secs|Sections)\.?$", re.I)
_HEADING = re.compile(
    r"\b(?:Sec\.|Section)[\s\u00a0]+\d+[a-z]?\.[\s\u00a0]+(?P<heading>[A-Z][^.\n]{0,120}?)\.(?=[\s\u00a0(])"
)
# A title phrase ends its head before these: "Senior Advisor to the President", "Chief of Staff".
_HEAD_ENDS = frozenset({"of", "to", "for", "on", "at", "in"})
_TITLE_HEADS = names.TITLE_WORDS | names.word_set(
    "counsel counselor advisor adviser administrator lady gentleman coordinator plenipotentiary "
    "inspector comptroller controller treasurer archivist librarian ombudsman"
)

# Fields an office is for, which the White House capitalises too often for the list of common
# words: "Commissioner of Labor Statistics", "Envoy for Hostage Affairs", "Professional Staff".
_PORTFOLIO_WORDS = names.word_set(
    "affairs development statistics staff labor agriculture operations management relations "
    "resources diplomacy intelligence security trade commerce finance housing transportation"
)


@cache
def common_words() -> frozenset[str]:
    lines = (DATA / "common_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_common_word(word: str) -> bool:
    """A word English writes in lower case ("lastly", "residents", "federal" is not: the White
    House capitalises it as often as not, so it is a generic word instead)."""
    return word.lower().strip(".,’'") in common_words()


def without_non_names(doc: Doc, mentions: list[RawMention]) -> list[RawMention]:
    """The mentions that name something, with the proclamation formula cut to its place."""
    text = doc_text(doc)
    person_parts = {
        part
        for m in mentions
        if m.kind is EntityKind.PERSON and len(words := names.name_words(m.name)) >= 2
        for part in (words[0], names.last_name(words))
    }
    headings = [(h.start("heading"), h.end("heading")) for h in _HEADING.finditer(text)]
    trimmed = [_place_of_formula(doc, m) for m in mentions]
    named_outside = {m.name for m in trimmed if not _inside(m, headings)}
    kept = []
    for m in trimmed:
        if m.name in person_parts or is_known_place(m.name):
            kept.append(m)
        elif _inside(m, headings) and m.name not in named_outside:
            continue
        elif not _is_junk(doc, m, text) and not _is_portfolio(doc, m) and not _a_thing_after_the(doc, m):
            kept.append(m)
    return kept


_JOINS_NAMES = frozenset({"-", "–", "and", "&"})


def _a_thing_after_the(doc: Doc, m: RawMention) -> bool:
    """ "reach for the Moon.", "the Patwin gathered", "the Litani in": one capitalised word after
    "the" that heads its phrase is a thing, a river or a people, not a person (who is "the
    Trump administration", "the Rebbe’s passing" when a noun, a possessive or another name
    follows)."""
    if m.kind is not EntityKind.PERSON or m.token_end - m.token_start != 1 or m.token_start == 0:
        return False
    if doc[m.token_start - 1].lower_ != "the":
        return False
    after = doc[m.token_end] if m.token_end < len(doc) else None
    if after is None:
        return True
    # "the Bush-Cheney and Obama-Biden Administrations", "the Clinton and Biden Administrations"
    return not (after.pos_ in ("NOUN", "PROPN") or after.tag_ == "POS" or after.lower_ in _JOINS_NAMES)


def _is_portfolio(doc: Doc, m: RawMention) -> bool:
    """ "Commissioner of Labor Statistics", "Special Envoy for Hostage Affairs", "Under Secretary
    of Agriculture for Rural Development", "the Nonimmigrant Visa Chief": what an office is for,
    in common words around its title, names no organisation (an agency of the list does:
    "Secretary of Homeland Security")."""
    if m.kind is EntityKind.PERSON:
        return False
    after = doc[m.token_end] if m.token_end < len(doc) else None
    title_after = after is not None and after.is_title and _is_title([after.text])
    title_before = (
        m.token_start >= 2
        and doc[m.token_start - 1].lower_ in ("of", "for")
        and doc[m.token_start - 2].is_title
        and _is_title([doc[m.token_start - 2].text])
    )
    if not (title_before or title_after):
        return False
    words = names.name_words(m.name)
    return (
        all(_is_plain(w) or w.lower() in _PORTFOLIO_WORDS for w in words)
        and not any(w.lower() in names.ORG_WORDS for w in words)
        and known_agency(m.name) is None
    )


def _place_in_running_text(doc: Doc, m: RawMention) -> bool:
    """ "in Queens": a common word that the model takes for a place where nothing but the name
    capitalises it (not at a sentence's or a line's start) is the place."""
    if m.kind is not EntityKind.PLACE:
        return False
    first = doc[m.token_start]
    if first.is_sent_start or first.i == 0:
        return False
    before = doc[first.i - 1]
    return before.is_alpha and before.is_lower


def _inside(m: RawMention, spans: list[tuple[int, int]]) -> bool:
    return any(start <= m.start and m.end <= end for start, end in spans)


def _is_junk(doc: Doc, m: RawMention, text: str) -> bool:
    name = m.name
    words = names.name_words(name)
    if name in _DEGREES or _DEGREE_NAME.match(name):
        return True
    if name in _CITATION_FRAGMENTS or _SECTION_LABEL.match(name):
        return True
    if name in names.NAME_SUFFIXES:
        return True  # "Jr." cut from "Joseph Laroski, Jr., of Maryland"
    if name.lower().removeprefix("the ") in _GENERIC_BODIES:
        return True
    if len(words) == 1:
        word = words[0].strip(".,")
        if word.lower() in _GENERIC_WORDS or _is_title(words):
            return True
        return is_common_word(word) and not _place_in_running_text(doc, m)
    if _is_title(words) and (m.kind is not EntityKind.PERSON or all(_is_plain(w) for w in words)):
        return True
    if all(_is_plain(w) for w in words):
        # "FOR FURTHER INFORMATION", "FACT SHEET"; "Visa Program" where the text also writes
        # "visa program": common words capitalised by a headline or by shouting.
        return name.isupper() or re.search(rf"\b{re.escape(name.lower())}\b", text) is not None
    return False


def _is_plain(word: str) -> bool:
    """A common or generic word, or a short function word."""
    bare = word.strip(".,’'").lower()
    return len(bare) <= 2 or bare in names.DETERMINERS or bare in _GENERIC_WORDS or is_common_word(bare)


def _is_title(words: list[str]) -> bool:
    """ "National Security Advisor", "Chief of Staff", "Senior Advisor to the President": the
    head of the phrase (its last word before "of", "to"…) is a title."""
    head = []
    for word in words:
        if word.lower() in _HEAD_ENDS:
            break
        head.append(word)
    last = head[-1].lower().strip(".,") if head else ""
    singular = re.sub(r"ies$", "y", last) if last.endswith("ies") else last.removesuffix("s")
    return bool(last) and (last in _TITLE_HEADS or singular in _TITLE_HEADS)


def _place_of_formula(doc: Doc, m: RawMention) -> RawMention:
    """ "Independence of the United States of America" -> the place "United States of America"."""
    words = m.name.split(" ", 3)
    if m.kind is EntityKind.PERSON or len(words) < 3 or words[1] != "of":
        return m
    if words[0].lower() in _POLITY_WORDS or words[0].lower() in names.ORG_WORDS:
        return m
    rest_at = len(words[0]) + 4
    if m.name[rest_at:].startswith("the "):
        rest_at += 4
    place = m.name[rest_at:]
    if not is_known_place(place):
        return m
    start = m.start + rest_at
    token_start = next((t.i for t in doc[m.token_start : m.token_end] if t.idx >= start), m.token_start)
    return replace(
        m,
        start=start,
        text=place,
        name=place,
        kind=EntityKind.PLACE,
        token_start=token_start,
        description=None,
    )
