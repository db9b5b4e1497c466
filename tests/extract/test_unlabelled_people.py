"""People the small model leaves unlabelled in running text are found by their given name and
surname; names of other things that begin with a given name are not. Texts are written for
these tests."""

from __future__ import annotations

import pytest

from app.domain import EntityKind
from app.extract import ExtractionInput


def people_in(extractor, text: str) -> set[str]:
    return {e.name for e in extractor.extract(ExtractionInput(text)).entities if e.kind is EntityKind.PERSON}


@pytest.mark.slow
def test_a_given_name_and_a_surname_in_running_text_are_a_person(extractor):
    people = people_in(
        extractor,
        "Dr. Renee Wegrzyn leads ARPA-H. Maria Shriver, a tireless advocate for women, spoke. "
        "We appreciate Acting Administrators Polly Trottenberg and Billy Nolen for their work.",
    )
    assert {"Maria Shriver", "Polly Trottenberg"} <= people


@pytest.mark.slow
def test_names_of_other_things_that_open_with_a_given_name_are_no_people(extractor):
    people = people_in(
        extractor,
        "Joint Base Andrews\n\nPrince George’s County, Maryland\n\n2:47 P.M. EDT\n\n"
        "Duncan Aviation\n\nBattle Creek, Michigan\n\n"
        "The sites include the Fusselman Canyon Rock Art District and the Emmett Till and Mamie "
        "Till-Mobley National Monument. The team won the Stanley Cup. They held banners saying "
        "“Joe Bi-” — I mean, it was ugly. A Barry Goldwater Scholarship was awarded.",
    )
    wrong = {"Prince George", "George", "Duncan Aviation", "Art District", "Emmett Till", "Stanley Cup"}
    assert not wrong & people
    assert not [p for p in people if p.startswith(("Joe Bi", "Barry Goldwater"))]
