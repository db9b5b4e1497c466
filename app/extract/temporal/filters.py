"""Checks against the spaCy parse that a pattern match really is a time expression:
"May" the modal, "fall" the verb, "the daily" the newspaper, "1,500" or "$2008" the amount."""

from __future__ import annotations

import re

from spacy.tokens import Span

from app.extract.temporal.grammar import Candidate
from app.extract.temporal.meanings import CalendarDate, PartOfYear, Recurrence, VagueReference

# A time expression wholly inside one of these names is part of the name ("the Sunday Times").
_NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "GPE", "LOC", "NORP"})
_AMOUNT_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY"})
_VERBAL_MONTHS = frozenset({"may", "march"})
_AMOUNT_AFTER = re.compile(
    r"^\s*(?:%|percent|people|persons|troops|soldiers|workers|employees|jobs|members|units|cars|"
    r"vehicles|tons|barrels|shares|acres|miles|feet|meters|metres|kilometers|votes|seats|deaths|"
    r"cases|points|pounds|dollars|yen|euros|students|homes|houses|rooms|pages|words|calories|"
    r"[-–]\s*(?:member|strong|page|seat))\b",
    re.IGNORECASE,
)
# "current account", "Current and former officials" (an attribute of people, like "former").
_NOT_TEMPORAL_AFTER = re.compile(
    r"^\s*(?:account|accounts|affairs|events|account's|(?:and|or)\s+former)\b", re.IGNORECASE
)
# "On this day in 1821", "on this day more than 200 years ago": the anniversary is dated by its
# year, not by the day the text is published.
_ANNIVERSARY_AFTER = re.compile(r"[^.;:!?]{0,60}?\b(?:ago|in\s+\d{4})\b", re.IGNORECASE)
# A bare "since day one" or "on day one" is an administration's first day when its sentence
# speaks of a presidency or of its holder's own work ("From day one, my Administration has …",
# "what the President has done since day one"); otherwise it is some other first day.
_OF_A_PRESIDENCY = re.compile(
    r"\b(?:[Pp]resident|[Aa]dministration|[Pp]residency|White House|in office|took office|I|I[’']ve|my|we|"
    r"we[’']ve|our)\b"
)
_READY = re.compile(r"\b(?:ready|prepared)\b", re.IGNORECASE)
# The formula that opens a proclamation's operative part: "NOW, THEREFORE, I, JOSEPH R. BIDEN JR."
_THEREFORE_AFTER = re.compile(r"^,?\s*THEREFORE\b")

_NUMBER_BEFORE = re.compile(
    r"(?:\b(?:No|Nos|no|number|flight|route|highway|page|room|code|model|Article|Section|Chapter|"
    r"Resolution|Rule|Form|zip)\.?|#)\s*$"
)
# Legal citations number their sections: "42 U.S.C. 2000d-1", "section 1352(e)", "Pub. L. 117",
# "H.R. 2670", "title 10", "§ 1622", "Proclamation 1750".
_CITATION_BEFORE = re.compile(
    r"(?:\bU\.\s?S\.\s?C\.?|\bC\.\s?F\.\s?R\.?|\bStat\.|\bPub\.\s?L\.(?:\s?No\.)?|\bP\.\s?L\.|"
    r"\b[Ss]ections?|\bsecs?\.|\bSecs?\.|\b[Tt]itle|§§?|\bH\.\s?R\.|\bH\.\s?Res\.|\bS\.\s?Res\.|"
    r"\bH\.\s?J\.\s?Res\.|(?<![A-Z.])S\.|\b[Pp]aragraph|\b[Ss]ubsection|\bPart|\bExecutive\s+Orders?|"
    r"\bProclamations?|\bE\.\s?O\.|\bOrders?\s+No\.|\bDocket)\s*$"
)
# The next section of a cited list: "31 U.S.C. 1115 and 1116", "sections 2253, 2254, and 2483".
_CITED_LIST_BEFORE = re.compile(
    r"(?:\bU\.\s?S\.\s?C\.?|\b[Ss]ections?|§§?|\b[Ss]ecs?\.)\s*\d+[\w()\-]*(?:,\s*\d+[\w()\-]*)*,?\s*"
    r"(?:and|or|through|to|[-–])\s*$"
)
# A section number runs on into its subdivision ("2000d-1", "1182(a)(7)", "2145px" in markup).
_CITATION_AFTER = re.compile(r"^(?:[A-Za-z]|\([a-zA-Z0-9]{1,4}\))")
# A four-digit clock time: "1750 GMT", "0600 hours", "1400 Zulu".
_CLOCK_AFTER = re.compile(r"^\s*(?:GMT|UTC|Zulu|Z\b|hours\b|hrs\b|[ECMP][SD]T\b|local\s+time)")
# A year that is part of a name: "the Trade Expansion Act of 1962", "the Act of July 2, 1890",
# "coronavirus disease 2019", "Project 2025", "the Class of 2024", "Vision 2030".
_NAME_BEFORE = re.compile(
    r"(?:\b(?:Acts?|Amendments|Code|Treaty|Accords?|Convention|Protocol|Charter|Compact|Class)\s+of"
    r"|\b[Dd]isease|\bProject|\bVision|\bAgenda|\bHorizon)\s*$"
)
_NAME_AFTER = re.compile(r"^\s+Agenda\b")
# A year between a determiner and the name of a document or a pact: "the 2016 Peace Agreement",
# "its 2050 Strategy", "the 2022 and 2023 Equity Action Plans" (not a happening's: "the 2014
# Wales Summit"; not "In 2023 Equity Action Plans were released").
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|its|their|our|his|her|this|these|a|an|\w+[’']s)\s+(?:(?:19|20)\d\d\s+and\s+)?$", re.IGNORECASE
)
_DOCUMENT_NAME_AFTER = re.compile(
    r"^(?:\s+and\s+(?:19|20)\d\d)?\s+(?:[A-Z][\w’'-]*\s+){0,4}?(?:Agenda|Agreements?|Accords?|Plans?|Strateg(?:y|ies)"
    r"|Framework|Declaration|Authorization|Compact|Roadmap|Blueprint|Initiative|Memorandum|Guidelines)\b"
)


def is_time_expression(candidate: Candidate, span: Span, text: str) -> bool:
    """`text` is `span.doc.text`, passed in because `Doc.text` is rebuilt on every access."""
    meaning = candidate.reading.meaning
    after = text[candidate.end : candidate.end + 30]
    before = text[max(0, candidate.start - 20) : candidate.start]
    if _inside_name(span):
        return False
    this_day = text[candidate.start : candidate.end].lower() == "this day"
    if this_day and _ANNIVERSARY_AFTER.match(text, candidate.end):
        return False
    if candidate.rule == "holiday" and _holiday_as_modifier(span):
        return False
    if candidate.rule == "day one" and not _first_day_in_office(span, text):
        return False
    if (
        isinstance(meaning, CalendarDate)
        and meaning.year is not None
        and _named_by_year(before, after, bare_year=meaning.month is None)
    ):
        return False
    if isinstance(meaning, CalendarDate):
        if meaning.month is None:
            listed = _CITED_LIST_BEFORE.search(text, max(0, candidate.start - 80), candidate.start)
            return listed is None and _plausible_year(span, before, after)
        if meaning.day is None and meaning.year is None and _verbal_month(span):
            return False
    seasonal = isinstance(meaning, PartOfYear) and meaning.kind == "SEASON"
    if seasonal and any(t.pos_ in ("VERB", "AUX") for t in span):
        return False  # "prices fall", "they spring"
    if isinstance(meaning, Recurrence) and len(span) == 1 and span[0].pos_ in ("NOUN", "PROPN"):
        return False  # "the Communist Party daily"
    if isinstance(meaning, VagueReference):
        if _NOT_TEMPORAL_AFTER.match(after) or _THEREFORE_AFTER.match(after):
            return False
        if span[0].lower_ == "current" and span[0].pos_ not in ("ADJ",):
            return False
    return True


def _first_day_in_office(span: Span, text: str) -> bool:
    """Whether a bare "day one" is an administration's: not "delays from Day One at the hands of
    officials" (a committee's), nor "ready to lead the Department on day one" (a nominee's)."""
    sentence = span.sent
    if not _OF_A_PRESIDENCY.search(sentence.text):
        return False
    return not _READY.search(text, sentence.start_char, span.start_char)


def _inside_name(span: Span) -> bool:
    """Whether `span` is part of a longer name (read from IOB tags: `doc.ents` is rebuilt on
    every access)."""
    doc = span.doc
    first, last = doc[span.start], doc[span.end - 1]
    if first.ent_type_ in _NAME_LABELS and first.ent_iob_ == "I":
        return True  # the name starts before the span
    after = span.end
    return (
        last.ent_type_ in _NAME_LABELS
        and after < len(doc)
        and doc[after].ent_iob_ == "I"
        and doc[after].ent_type_ == last.ent_type_
    )


# Nouns after a holiday that still name a time: "Thanksgiving weekend", "the Christmas season".
_TIME_NOUNS = frozenset(
    {"weekend", "week", "season", "holiday", "holidays", "break", "recess", "morning", "night", "evening",
     "afternoon", "period", "time"}
)  # fmt: skip


def _holiday_as_modifier(span: Span) -> bool:
    """A holiday that modifies a noun names a kind of thing, not a day: "the San Bernardino
    Christmas party slaughter", "Thanksgiving dinner costs", "the National Thanksgiving Turkey
    Presentation" (but "Thanksgiving weekend" is a time)."""
    last = span[-1]
    head = last.head
    return (
        last.dep_ in ("compound", "nmod", "amod")
        and head.i > last.i
        and head.pos_ in ("NOUN", "PROPN")
        and head.lower_ not in _TIME_NOUNS
    )


def _verbal_month(span: Span) -> bool:
    return any(t.lower_ in _VERBAL_MONTHS and (t.tag_ == "MD" or t.pos_ in ("VERB", "AUX")) for t in span)


def _named_by_year(before: str, after: str, bare_year: bool) -> bool:
    """A year that belongs to a name ("the Trade Expansion Act of 1962"), not to a date."""
    if _NAME_BEFORE.search(before) or _NAME_AFTER.match(after):
        return True
    return bare_year and bool(_DETERMINER_BEFORE.search(before) and _DOCUMENT_NAME_AFTER.match(after))


def _plausible_year(span: Span, before: str, after: str) -> bool:
    """A bare four-digit number is a year unless it reads as an amount, an identifier, a
    section of a legal citation or a clock time."""
    if any(t.ent_type_ in _AMOUNT_LABELS for t in span):
        return False
    if _AMOUNT_AFTER.match(after) or _NUMBER_BEFORE.search(before):
        return False
    if _CITATION_BEFORE.search(before) or _CITATION_AFTER.match(after) or _CLOCK_AFTER.match(after):
        return False
    return not before.rstrip().endswith(("$", "£", "€"))
