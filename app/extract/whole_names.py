"""Names that lists and fixed shapes give whole, where the small model cuts them in pieces or
misses them: the agencies of data/agencies.tsv written out, the names with "and" or commas of
data/whole_names.tsv ("Historically Black Colleges and Universities"), and federal court
districts ("the Southern District of New York")."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span

from app.extract.agencies import agency_names_in
from app.extract.doctext import doc_text
from app.extract.places import is_known_place


def with_whole_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """`spans` with each agency of the list and each federal judicial district written out
    whole: in place of the pieces the model cut it into ("United States Agency" + "International
    Development", "Medicaid Services" of the Centers for Medicare and Medicaid Services,
    "Southern District" + "Texas") or where it labelled none of its words ("the Commissioned
    Corps of the Public Health Service"). A span that runs past the name is the model's longer
    name and stays ("White House Office of National Drug Control Policy")."""
    text = doc_text(doc)
    found = [(start, end, "ORG") for start, end in agency_names_in(text)]
    found += [(start, end, "GPE") for start, end in _judicial_districts(text)]
    found += [(m.start(), m.end(), _listed()[m.group()]) for m in _listed_pattern().finditer(text)]
    whole: list[Span] = []
    for start, end, label in found:
        name = doc.char_span(start, end)
        if name is None:
            continue
        overlapping = [s for s in spans if s.start < name.end and name.start < s.end]
        if all(name.start <= _after_article(s) and s.end <= name.end for s in overlapping):
            whole.append(Span(doc, name.start, name.end, label=label))
    if not whole:
        return spans
    kept = [s for s in spans if not any(w.start <= _after_article(s) and s.end <= w.end for w in whole)]
    return sorted([*kept, *whole], key=lambda s: s.start)


def _after_article(span: Span) -> int:
    """Where `span` starts without the article the model often takes in ("the Southern District")."""
    return span.start + 1 if len(span) > 1 and span[0].lower_ == "the" else span.start


# "the Southern District of New York", "the Middle District of Pennsylvania": a federal court's
# district, one place (the model cuts it into "Southern District" and the state, and a district
# named apart from its state would be every court's "Southern District" at once).
_DISTRICT = re.compile(
    r"\b(?:Northern|Southern|Eastern|Western|Middle|Central)[ \n]District[ \n]of[ \n]"
    r"(?P<place>(?:the[ \n])?[A-Z][\w.’'-]*(?:[ \n][A-Z][\w.’'-]*){0,2})"
)


def _judicial_districts(text: str) -> list[tuple[int, int]]:
    out = []
    for match in _DISTRICT.finditer(text):
        words = list(re.finditer(r"\S+", match["place"]))
        # the longest run of the capitalised words after "of" that is a known place
        for last in reversed(words):
            place = " ".join(w.group() for w in words[: words.index(last) + 1]).rstrip(".")
            place = place.removeprefix("the ")
            # a district's state: the list writes Washington "Washington State" (bare, it is the city)
            if is_known_place(place) or is_known_place(f"{place} State"):
                cut = len(last.group()) - len(last.group().rstrip("."))  # a sentence's full stop
                out.append((match.start(), match.start("place") + last.end() - cut))
                break
    return out


_LISTED = Path(__file__).with_name("data") / "whole_names.tsv"


@cache
def _listed() -> dict[str, str]:
    """{name: spaCy label} of data/whole_names.tsv."""
    out = {}
    for line in _LISTED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, label = line.split("\t")[:2]
            out[name.strip()] = label.split("#")[0].strip()
    return out


@cache
def _listed_pattern() -> re.Pattern[str]:
    names = sorted(_listed(), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
