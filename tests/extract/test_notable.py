"""Bare surnames of well-known office holders, expanded only when one person fits."""

from __future__ import annotations

import datetime as dt

import pytest

from app.config import Settings
from app.extract import ExtractionInput, Extractor
from app.extract.notable import full_name

JULY_2024 = dt.date(2024, 7, 1)


@pytest.mark.parametrize(
    ("surname", "title", "on", "expected"),
    [
        ("Biden", "President", JULY_2024, "Joe Biden"),
        ("Biden", None, JULY_2024, "Joe Biden"),
        ("Trump", "former President", JULY_2024, "Donald Trump"),
        ("Powell", "Fed Chair", JULY_2024, "Jerome Powell"),
        ("Powell", "Secretary of State", dt.date(2003, 2, 5), "Colin Powell"),
        ("Powell", "Secretary of State", JULY_2024, None),  # nobody of that name held it then
        ("Johnson", "Speaker", JULY_2024, "Mike Johnson"),
        ("Johnson", "former Prime Minister", JULY_2024, "Boris Johnson"),
        ("Clinton", None, JULY_2024, None),  # Bill or Hillary: left as written
        ("Bush", "President", None, None),
        ("Harris", "Mr.", JULY_2024, None),  # a courtesy title that does not fit
        ("Biden", "Mrs.", JULY_2024, "Jill Biden"),
        ("Biden", "Dr.", JULY_2024, "Jill Biden"),  # a form of address the list gives her
        ("Biden", "First Lady", JULY_2024, "Jill Biden"),
        ("Obama", None, dt.date(2012, 5, 1), "Barack Obama"),  # an untitled surname: not a consort's
        ("Obama", None, JULY_2024, "Barack Obama"),
        ("Obama", "President", JULY_2024, "Barack Obama"),  # the title is kept for life
        ("Bush", "President", JULY_2024, None),  # which one
        ("Obama", "Mrs.", JULY_2024, "Michelle Obama"),
        ("Xi", "President", JULY_2024, "Xi Jinping"),
        ("Smith", "Senator", JULY_2024, None),  # not on the list
    ],
)
def test_a_bare_surname_is_expanded_only_when_one_person_fits(
    surname: str, title: str | None, on: dt.date | None, expected: str | None
) -> None:
    assert full_name(surname, title, on) == expected


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(_env_file=None).spacy_model)


@pytest.mark.slow
def test_president_surname_alone_becomes_the_full_name_with_the_surname_as_alias(
    extractor: Extractor,
) -> None:
    text = "President Biden met union leaders on Tuesday. Biden said the deal was fair."
    ex = extractor.extract(ExtractionInput(text, JULY_2024))
    [biden] = [e for e in ex.entities if e.kind.value == "person"]
    assert biden.name == "Joe Biden"
    assert "Biden" in biden.aliases or "President Biden" in biden.aliases
    assert all(text[m.start : m.end] == m.text for m in biden.mentions)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "We join the President and Dr. Biden in welcoming the team. President Biden thanked the"
        " coaches, and Dr. Biden visited the school on Monday.",
        "Dr. Biden will travel to Ohio on Monday. President Biden signed the bill on Tuesday.",
        "Joe Biden spoke first. On behalf of our president and Dr. Biden, I welcome you.",
    ],
)
def test_a_title_keeps_two_people_of_one_surname_apart(extractor: Extractor, text: str) -> None:
    ex = extractor.extract(ExtractionInput(text, JULY_2024))
    who = {m.text: e.name for e in ex.entities for m in e.mentions}
    assert who["Dr. Biden"] == "Jill Biden"
    assert (who.get("President Biden") or who["Joe Biden"]) == "Joe Biden"


@pytest.mark.slow
def test_a_former_president_keeps_the_title_beside_a_relative_named_last(extractor: Extractor) -> None:
    text = (
        "Barack Obama and Michelle Obama founded the foundation. Michelle Obama chairs its board."
        " She worked in the White House under President Obama."
    )
    ex = extractor.extract(ExtractionInput(text, dt.date(2023, 4, 13)))
    who = {m.text: e.name for e in ex.entities for m in e.mentions}
    assert who["President Obama"] == "Barack Obama"


@pytest.mark.slow
def test_the_publication_is_an_organisation_with_the_publisher_role(extractor: Extractor) -> None:
    text = "The council approved the budget on Monday, The Example Times reported."
    ex = extractor.extract(ExtractionInput(text, JULY_2024, source="The Example Times"))
    publishers = [e for e in ex.entities if "publisher" in e.roles]
    assert [(p.name, p.kind.value) for p in publishers] == [("The Example Times", "organization")]
    ex = extractor.extract(ExtractionInput("The council approved the budget.", JULY_2024, source="Wire Desk"))
    [publisher] = [e for e in ex.entities if "publisher" in e.roles]
    assert publisher.name == "Wire Desk" and publisher.mentions == ()
