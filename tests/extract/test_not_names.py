"""Capitalised words that name nothing never become entities; names around them survive.
Texts are written for these tests."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from app.extract import ExtractionInput
from app.extract.entities import find_entities
from app.extract.not_names import is_common_word


def names_of(extractor, text: str) -> dict[str, str]:
    return {e.name: e.kind.value for e in extractor.extract(ExtractionInput(text)).entities}


def test_the_common_word_list_holds_lower_case_words_not_names():
    assert is_common_word("Lastly") and is_common_word("residents")
    assert not is_common_word("Congress") and not is_common_word("Warren")


@pytest.mark.slow
def test_words_capitalised_by_position_or_house_style_are_not_entities(extractor):
    found = names_of(
        extractor,
        "Lastly, Residents of the county may apply. Federal funding is available to the State. "
        "Secretaries shall report to the Nation.",
    )
    assert not {"Lastly", "Residents", "Federal", "State", "Secretaries", "Nation"} & set(found)


@pytest.mark.slow
def test_section_labels_and_headings_of_an_order_are_not_entities(extractor):
    found = names_of(
        extractor,
        "Sec. 3.  Effective Date.  This order takes effect today. Sec. 4.  General Provisions.  "
        "(a)  Nothing in this order shall impair the Office of Management and Budget.",
    )
    assert "Office of Management and Budget" in found
    assert not {"Sec", "Effective Date", "General Provisions"} & set(found)


@pytest.mark.slow
def test_a_heading_naming_a_body_the_text_names_again_keeps_it(extractor):
    found = names_of(
        extractor,
        "Sec. 2.  National Park Service.  The National Park Service shall report within 90 days.",
    )
    assert found.get("National Park Service") == "organization"


@pytest.mark.slow
def test_titles_and_degrees_are_not_organisations(extractor):
    found = names_of(
        extractor,
        "National Security Advisor Jake Sullivan met the Chief of Staff. The Budget Director "
        "spoke. She earned a B.A. from Yale University and a J.D. from Harvard Law School.",
    )
    assert {"Jake Sullivan", "Yale University", "Harvard Law School"} <= set(found)
    assert not {"National Security Advisor", "Chief of Staff", "Budget Director", "B.A.", "J.D."} & set(found)


@pytest.mark.slow
def test_offices_keep_the_title_they_serve(extractor):
    found = names_of(
        extractor,
        "The Executive Office of the President and the Office of the Vice President will respond.",
    )
    assert found.get("Executive Office of the President") == "organization"
    assert found.get("Office of the Vice President") == "organization"


@pytest.mark.slow
def test_the_proclamation_formula_names_the_united_states(extractor):
    found = names_of(
        extractor,
        "IN WITNESS WHEREOF, I have hereunto set my hand this first day of May, in the year of our "
        "Lord two thousand twenty-four, and of the Independence of the United States of America "
        "the two hundred and forty-eighth.",
    )
    assert found.get("United States") == "place"
    assert not any(name.startswith("Independence") for name in found)


def test_a_common_word_that_is_a_surname_in_the_article_stays_a_person():
    words = ["Director", "Shalanda", "Young", "spoke", ".", "Young", "said", "so", "."]
    ents = ["O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O", "O"]
    starts = [True, False, False, False, False, True, False, False, False]
    doc = Doc(spacy.blank("en").vocab, words=words, ents=ents, sent_starts=starts)
    [young] = find_entities(doc)
    assert young.name == "Shalanda Young"
    assert [m.text for m in young.mentions] == ["Shalanda Young", "Young"]


def test_spellings_of_a_listed_persons_full_name_are_one_record_under_the_lists_name():
    words = ["Joseph", "R.", "Biden", "spoke", ".", "JOSEPH", "R.", "BIDEN", "JR", "signed", "."]
    ents = [
        "B-PERSON",
        "I-PERSON",
        "I-PERSON",
        "O",
        "O",
        "B-PERSON",
        "I-PERSON",
        "I-PERSON",
        "I-PERSON",
        "O",
        "O",
    ]
    starts = [True, *[False] * 4, True, *[False] * 5]
    doc = Doc(spacy.blank("en").vocab, words=words, ents=ents, sent_starts=starts)
    [biden] = find_entities(doc)
    assert biden.name == "Joe Biden"
    assert [m.text for m in biden.mentions] == ["Joseph R. Biden", "JOSEPH R. BIDEN JR"]


def test_a_suffix_keeps_father_and_son_apart():
    words = ["Donald", "Trump", "and", "Donald", "Trump", "Jr.", "spoke", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "O"]
    doc = Doc(spacy.blank("en").vocab, words=words, ents=ents, sent_starts=[True, *[False] * 7])
    assert sorted(e.name for e in find_entities(doc)) == ["Donald Trump", "Donald Trump Jr."]


@pytest.mark.slow
def test_a_board_every_body_has_is_no_entity_but_the_body_it_belongs_to_is(extractor):
    found = names_of(
        extractor,
        "Patrice Robinson, of Tennessee, to be a Member of the Board of Directors of the Tennessee "
        "Valley Authority. She chaired the Board of Trustees of Fisk University and sat on its "
        "Executive Committee. The Board of Governors of the Federal Reserve System met today.",
    )
    assert found.get("Tennessee Valley Authority") == "organization"
    assert not {"Board of Directors", "Board of Trustees", "Executive Committee"} & set(found)


@pytest.mark.slow
def test_what_an_office_is_for_is_no_organisation(extractor):
    found = names_of(
        extractor,
        "Erika McEntarfer, of the District of Columbia, to be Commissioner of Labor Statistics, "
        "Department of Labor. Basil Gooden, of Virginia, to be Under Secretary of Agriculture for "
        "Rural Development. He served in Haiti as the Nonimmigrant Visa Chief and the Refugee "
        "Coordinator, and as Presidential Envoy for Hostage Affairs. Dennis Hankins, to be "
        "Ambassador Extraordinary and Plenipotentiary of the United States of America to the "
        "Republic of Haiti. Alejandro Mayorkas, Secretary of Homeland Security, spoke. She was "
        "the Chief Executive Officer of Alliance Foundation Trials, LLC.",
    )
    portfolios = {
        "Labor Statistics", "Rural Development", "Agriculture for Rural Development",
        "Nonimmigrant Visa", "Refugee Coordinator", "Hostage Affairs", "Plenipotentiary",
    }  # fmt: skip
    assert not portfolios & set(found)
    assert found.get("Department of Labor") == "organization"
    # an agency of the list and a company keep their place after a title
    assert found.get("Homeland Security") == "organization"
    assert "Alliance Foundation Trials" in found
    assert "LLC" not in found  # the company's form, cut from its name, is no company


@pytest.mark.slow
def test_degrees_written_out_are_not_organisations(extractor):
    found = names_of(
        extractor,
        "Gooden earned a Bachelor of Science in Engineering from Virginia Tech, a Master of "
        "Business Administration from the Wharton School and a Juris Doctorate from Cumberland "
        "School of Law. She holds a Masters of Social Work from Howard University.",
    )
    degrees = {
        "Bachelor of Science in Engineering", "Master of Business Administration", "Juris Doctorate",
        "Masters of Social Work",
    }  # fmt: skip
    assert not degrees & set(found)
    assert {"Cumberland School of Law", "Howard University"} <= set(found)


@pytest.mark.slow
def test_one_word_after_the_that_heads_its_phrase_is_no_person(extractor):
    found = names_of(
        extractor,
        "THE PRESIDENT: Madam Vice President, you continue to reach for the Moon. So, thank you. "
        "And then the Houthis’ attack on commercial vessels began. The Trump administration and the "
        "Clinton and Biden Administrations disagreed.",
    )
    assert not {"Moon", "Moon Jae-in"} & set(found)
    assert found.get("Donald Trump") == "person"
    assert found.get("Bill Clinton", found.get("Clinton")) == "person"
