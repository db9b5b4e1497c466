"""Agencies and their short forms (data/agencies.tsv) and acronyms a text defines: one
organisation per body. Texts are written for these tests."""

from __future__ import annotations

import pytest
import spacy

from app.domain import EntityKind
from app.extract import ExtractionInput
from app.extract.agencies import defined_acronyms, known_agency
from app.extract.entities import find_entities
from tests.extract.test_entities import by_name, make_doc


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def test_the_list_gives_short_forms_their_agency():
    assert known_agency("CDC") == "Centers for Disease Control and Prevention"
    assert known_agency("Coast Guard") == "United States Coast Guard"
    assert known_agency("F.B.I.") == "Federal Bureau of Investigation"
    assert known_agency("White House Office of National Drug Control Policy") == (
        "Office of National Drug Control Policy"
    )
    assert known_agency("SAMHSA") == "Substance Abuse and Mental Health Services Administration"
    assert known_agency("Corporation for National and Community Service") == "AmeriCorps"
    assert known_agency("Coast") is None


def test_an_acronym_in_brackets_after_a_name_is_defined_by_it():
    text = (
        "Staff of the Executive Office of the President (EOP) and of the Tri-County Water "
        "Authority (TCWA) met under the Clean Water Act (CWA) and talked about the (ONE) plan."
    )
    assert defined_acronyms(text) == {
        "EOP": "Executive Office of the President",
        "TCWA": "Tri-County Water Authority",
        "CWA": "Clean Water Act",
    }


def test_short_forms_of_one_agency_are_one_organisation(vocab):
    doc = make_doc(
        vocab,
        "The U.S./B-ORG Coast/I-ORG Guard/I-ORG came . | The Coast/B-ORG Guard/I-ORG left . "
        "| The F.B.I./B-GPE and FBI/B-ORG agents stayed .",
    )
    entities = find_entities(doc)
    guard = by_name(entities, "U.S. Coast Guard")
    assert [m.text for m in guard.mentions] == ["U.S. Coast Guard", "Coast Guard"]
    fbi = [e for e in entities if "FBI" in {m.text for m in e.mentions}]
    assert len(fbi) == 1 and fbi[0].kind is EntityKind.ORGANIZATION
    assert {m.text for m in fbi[0].mentions} == {"F.B.I.", "FBI"}


@pytest.mark.slow
def test_a_defined_acronym_the_model_misses_joins_its_name(extractor):
    text = (
        "The order covers the Tri-County Water Authority (TCWA), a regional body. Staff of the "
        "TCWA may apply, and DOJ will review the requests.\n"
    )
    entities = list(extractor.extract(ExtractionInput(text)).entities)
    tcwa = [e for e in entities if "TCWA" in {m.text for m in e.mentions}]
    assert len(tcwa) == 1 and tcwa[0].kind is EntityKind.ORGANIZATION
    assert "Tri-County Water Authority" in {m.text for m in tcwa[0].mentions}
    assert "DOJ" in {m.text for e in entities for m in e.mentions}


def test_party_members_name_the_party_and_a_chambers_members_their_caucus(vocab):
    doc = make_doc(
        vocab,
        "Republicans/B-NORP agreed . | The House/B-ORG Republicans/B-NORP wrote . "
        "| The GOP/B-ORG and Democrats/B-NORP spoke .",
    )
    entities = find_entities(doc)
    party = [e for e in entities if "GOP" in {m.text for m in e.mentions}]
    assert len(party) == 1 and {m.text for m in party[0].mentions} == {"Republicans", "GOP"}
    assert by_name(entities, "House Republicans").kind is EntityKind.ORGANIZATION
    assert by_name(entities, "Democrats").kind is EntityKind.ORGANIZATION


def test_a_dotted_acronym_gives_way_to_the_name_written_out(vocab):
    doc = make_doc(
        vocab,
        "The federal/B-ORG Securities/I-ORG and/I-ORG Exchange/I-ORG Commission/I-ORG sued . "
        "| The S.E.C./B-ORG said so .",
    )
    [sec] = find_entities(doc)
    assert sec.name == "Securities and Exchange Commission"
    assert [m.text for m in sec.mentions] == ["Securities and Exchange Commission", "S.E.C."]


@pytest.mark.slow
def test_nominees_and_the_people_they_replace_are_whole_people(extractor):
    text = (
        "NOMINATIONS SENT TO THE SENATE:\n\n"
        "Amanda Wood Laihow, of Maine, to be a Member of the Review Commission for a term expiring "
        "April 27, 2029, vice Leo Maury Gordon, retired.\n\n"
        "Joseph Albert Laroski, Jr., of Maryland, to be a Judge of the Court.\n"
    )
    people = {
        e.name for e in extractor.extract(ExtractionInput(text)).entities if e.kind is EntityKind.PERSON
    }
    assert {"Amanda Wood Laihow", "Leo Maury Gordon", "Joseph Albert Laroski"} <= people
    assert not [p for p in people if p in ("Jr.", "Wood Laihow", "Amanda")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "wholes", "pieces"),
    [
        (  # agencies of the list, written out
            "Paul K. Martin, of Maryland, to be Inspector General, United States Agency for "
            "International Development, vice Ann Calvaresi Barr, resigned.\n\n"
            "Dr. Cohen previously served as Chief Operating Officer of the Centers for Medicare and "
            "Medicaid Services.\n",
            {
                "United States Agency for International Development": EntityKind.ORGANIZATION,
                "Centers for Medicare and Medicaid Services": EntityKind.ORGANIZATION,
            },
            {"United States Agency", "International Development", "Medicaid Services"},
        ),
        (  # names with "and" inside, of data/whole_names.tsv
            "We invested $7 billion in Historically Black Colleges and Universities this year. Call "
            "the 988 Suicide and Crisis Lifeline if you need help. He visited the Emmett Till and "
            "Mamie Till-Mobley National Monument in Mississippi.",
            {
                "Historically Black Colleges and Universities": EntityKind.ORGANIZATION,
                "988 Suicide and Crisis Lifeline": EntityKind.ORGANIZATION,
                "Emmett Till and Mamie Till-Mobley National Monument": EntityKind.PLACE,
            },
            {"Historically Black Colleges", "Crisis Lifeline", "Emmett"},
        ),
    ],
)
def test_a_listed_name_the_model_cuts_in_pieces_is_one_entity(extractor, text, wholes, pieces):
    found = {e.name: e.kind for e in extractor.extract(ExtractionInput(text)).entities}
    assert {name: found.get(name) for name in wholes} == wholes
    assert not pieces & set(found)


@pytest.mark.slow
def test_a_federal_court_district_is_one_place_each(extractor):
    text = (
        "NOMINATIONS SENT TO THE SENATE:\n\n"
        "John A. Kazen, of Texas, to be United States District Judge for the Southern District of "
        "Texas, vice Vanessa D. Gilmore, retired.\n\n"
        "Jacqueline Becerra, of Florida, to be United States District Judge for the Southern "
        "District of Florida, vice Marcia G. Cooke, retired.\n\n"
        "Margaret M. Garnett, of New York, to be United States District Judge for the Southern "
        "District of New York.\n"
    )
    entities = extractor.extract(ExtractionInput(text)).entities
    places = {e.name for e in entities if e.kind is EntityKind.PLACE}
    districts = {f"Southern District of {state}" for state in ("Texas", "Florida", "New York")}
    assert districts <= places
    assert {"Texas", "Florida", "New York"} <= places  # "of Texas" names the state itself
    assert "Southern District" not in {e.name for e in entities}
