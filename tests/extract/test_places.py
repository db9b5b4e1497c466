"""Places from the gazetteer (app/extract/data/places.tsv): variants make one record under the
list's name, states written as abbreviations are read, and a known place is a place whatever
word it ends in. Texts are written for these tests."""

from __future__ import annotations

import pytest

from app.extract import ExtractionInput
from app.extract.place_tags import place_tags
from app.extract.places import known_place, state_by_code


def test_the_gazetteer_gives_variants_their_places_name():
    assert known_place("America").name == "United States"
    assert known_place("People’s Republic of China").name == "China"
    assert known_place("ROK").name == "South Korea"
    assert known_place("Fla").name == "Florida"  # "Fla." with its dot trimmed
    assert state_by_code("MI").name == "Michigan"
    assert known_place("Tulsa Spirit") is None


def test_a_formal_name_is_the_place_when_the_polity_fits_it():
    assert known_place("Republic of Haiti").name == "Haiti"
    assert known_place("Islamic Republic of Iran").name == "Iran"
    assert known_place("Hashemite Kingdom of Jordan").name == "Jordan"
    assert known_place("State of Florida").name == "Florida"
    assert known_place("the Commonwealth of Virginia").name == "Virginia"
    assert known_place("State of Israel").name == "Israel"
    # the list's own variants first; a republic is no US state; a group is no state
    assert known_place("Republic of Korea").name == "South Korea"
    assert known_place("Republic of China").name == "Taiwan"
    assert known_place("Republic of Georgia") is None
    assert known_place("Islamic State of Iraq") is None
    assert known_place("State of the Union") is None


@pytest.mark.slow
def test_a_formal_name_and_the_short_one_are_one_place(extractor):
    text = (
        "The President declared that a major disaster exists in the State of Florida. Federal "
        "funding is available to Florida and to the Republic of Haiti, where Haiti's government "
        "asked for aid."
    )
    places = [e for e in extractor.extract(ExtractionInput(text)).entities if e.kind.value == "place"]
    assert sorted((e.name, len(e.mentions)) for e in places) == [("Florida", 2), ("Haiti", 2)]


def test_states_are_read_from_party_tags_and_after_a_city():
    text = "Rep. Ann Doe (R-Fla.) and Rep. Bo Roe (D-MA) spoke in Warren, MI\nand later in Dover, Del."
    assert [(text[t.start : t.end], t.name) for t in place_tags(text)] == [
        ("Fla.", "Florida"),
        ("MA", "Massachusetts"),
        ("Warren", "Warren"),
        ("MI", "Michigan"),
        ("Dover", "Dover"),
        ("Del.", "Delaware"),
    ]


def test_a_gaggles_en_route_line_names_the_city_not_the_route():
    text = "Press Gaggle by Press Secretary Ann Doe En Route Queens,\u00a0NY"
    assert [(text[t.start : t.end], t.name) for t in place_tags(text)] == [
        ("Queens", "Queens"),
        ("NY", "New York"),
    ]


def test_a_postal_code_alone_or_a_word_is_no_state():
    assert place_tags("Yeah, OK. We will go IN the morning, OR not.") == []


@pytest.mark.slow
def test_variants_of_a_country_are_one_place(extractor):
    text = (
        "The United States of America will host the talks. America has said so before, and U.S. "
        "officials expect the United States to sign. Officials in the West Bank disagreed."
    )
    entities = extractor.extract(ExtractionInput(text)).entities
    [us] = [e for e in entities if e.name == "United States"]
    assert us.kind.value == "place"
    assert {m.text for m in us.mentions} >= {"United States of America", "America", "U.S.", "United States"}
    assert [e.kind.value for e in entities if e.name == "West Bank"] == ["place"]


def test_the_counties_of_a_declaration_are_places():
    text = "aid to the counties of Ash, Big Pine, Miami-Dade, and Lake.  The State"
    assert [(text[t.start : t.end], t.name) for t in place_tags(text)] == [
        ("Ash", "Ash County"),
        ("Big Pine", "Big Pine County"),
        ("Miami-Dade", "Miami-Dade County"),
        ("Lake", "Lake County"),
    ]
