"""A gazetteer of place names the small English model often mislabels as people or organisations
("Kyiv" as PERSON, "Kyiv’s" as ORG), with the variants that name the same place ("U.S.",
"America", "United States of America" are the United States). The data and its sources are in
data/places.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "places.tsv"


@dataclass(frozen=True)
class Place:
    name: str  # the record's name: "United States"
    kind: str  # country, us-state, city, region, venue
    code: str | None = None  # a US state's postal code: "MI"


@dataclass(frozen=True)
class _Gazetteer:
    by_name: dict[str, Place]  # every name and variant, exactly as written
    by_code: dict[str, Place]


def _fold(name: str) -> str:
    return name.replace("’", "'")


@cache
def _gazetteer() -> _Gazetteer:
    by_name: dict[str, Place] = {}
    by_code: dict[str, Place] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "name\t")):
            continue
        name, kind, variants, code = [*line.split("\t"), "", "", ""][:4]
        place = Place(name, kind, code or None)
        for variant in [name, *variants.split("|")]:
            if variant:
                by_name.setdefault(_fold(variant), place)
        if code:
            by_code[code] = place
    return _Gazetteer(by_name, by_code)


def known_place(name: str) -> Place | None:
    """The place this name or variant names ("America" -> United States, "Republic of Haiti" ->
    Haiti), if the list has it."""
    by_name = _gazetteer().by_name
    folded = _fold(name)
    # "Fla" as trimmed from "Fla." at a sentence's end
    found = by_name.get(folded) or (by_name.get(folded + ".") if folded[-1:].isalpha() else None)
    return found or _formally_named(folded)


# A country's or a state's formal name: "Republic of Haiti", "Kingdom of Saudi Arabia", "Islamic
# Republic of Iran", "State of Florida", "Commonwealth of Virginia". The list's own variants come
# first ("Republic of Korea" is South Korea, "Republic of China" Taiwan), and the polity must fit
# the place: the "Republic of Georgia" is not the state of Georgia.
_FORMAL = re.compile(
    r"^(?:[Tt]he )?(?:(?:[A-Z][\w'-]+ ){0,2}(?P<polity>Republic|Kingdom|Sultanate|Principality|Emirate|Duchy)"
    r"|(?P<state>State|Commonwealth)) of (?:the )?(?P<place>[A-Z].*)$"
)  # not "Islamic State of Iraq": a state is named "State of …" alone


def _formally_named(name: str) -> Place | None:
    if " of " not in name:  # most names asked about: no regex on the hot path
        return None
    match = _FORMAL.match(name)
    if match is None:
        return None
    place = _gazetteer().by_name.get(match["place"])
    kinds = {"country", "us-state"} if match["state"] else {"country"}
    if place is None or place.kind not in kinds:
        return None
    return place


def is_known_place(name: str) -> bool:
    return known_place(name) is not None


def state_by_code(code: str) -> Place | None:
    """A US state by its postal code ("MI" -> Michigan)."""
    return _gazetteer().by_code.get(code)
