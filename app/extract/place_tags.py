"""Places the model cannot read, found by their shape in the text:
- US states as abbreviations: a party tag "(R-Fla.)", "(D-MA)", and a city's state "Warren, MI"
  or "Warren, Mich.", where the city is a place too (a gaggle's "En Route Queens, NY" names
  Queens). Postal codes count only in these shapes: alone, "IN", "OR" and "ME" are words;
- the counties of a disaster declaration: "in the counties of Citrus, Dixie, and Levy" names
  Citrus County, Dixie County and Levy County (the model takes "Levy" for a person)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extract.places import known_place, state_by_code

_PARTY_TAG = re.compile(r"\((?:R|D|I)[-–](?P<state>[A-Z][A-Za-z. ]{1,14}?)\)")
_CITY_STATE = re.compile(
    r"\b(?:En Route )?(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}),[ \u00a0](?P<state>"
    r"[A-Z]{2}|[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.)"
    r"(?=$|[\n,;)|]| [–—-]| \d{5})"
)
_SPACE = r"[ \t\n\u00a0]+"
_AREA = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}"
_AREA_LIST = re.compile(
    rf"\b(?P<unit>counties|parishes|boroughs){_SPACE}of{_SPACE}"
    rf"(?P<list>{_AREA}(?:,{_SPACE}(?:and{_SPACE})?{_AREA})*(?:,?{_SPACE}and{_SPACE}{_AREA})?)"
)
_AREA_ITEM = re.compile(_AREA)
_UNIT_NAMES = {"counties": "County", "parishes": "Parish", "boroughs": "Borough"}


@dataclass(frozen=True)
class PlaceTag:
    start: int
    end: int
    name: str  # the place's name: "Florida" for "Fla.", "Levy County" for "Levy"


def place_tags(text: str) -> list[PlaceTag]:
    return sorted([*_states(text), *_areas(text)], key=lambda t: t.start)


def _states(text: str) -> list[PlaceTag]:
    tags = []
    for pattern in (_PARTY_TAG, _CITY_STATE):
        for match in pattern.finditer(text):
            written = match["state"]
            place = state_by_code(written) or known_place(written)
            if place is not None and place.kind == "us-state":
                tags.append(PlaceTag(match.start("state"), match.end("state"), place.name))
                if "city" in match.groupdict():
                    tags.append(PlaceTag(match.start("city"), match.end("city"), match["city"]))
    return tags


def _areas(text: str) -> list[PlaceTag]:
    tags = []
    for match in _AREA_LIST.finditer(text):
        unit = _UNIT_NAMES[match["unit"]]
        offset = match.start("list")
        for item in _AREA_ITEM.finditer(match["list"]):
            name = item.group().rstrip(".")
            if name.lower() != "and":
                start = offset + item.start()
                tags.append(PlaceTag(start, start + len(name), f"{name} {unit}"))
    return tags
