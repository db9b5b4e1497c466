"""Transcript labels resolved to people: headline, the text's own names, the office-holder list
by date, roles, questions and crowds."""

from __future__ import annotations

import datetime as dt

from app.domain import Entity, EntityKind, SpeakerKind
from app.extract import offices
from app.extract.structure import find_structure
from app.extract.turn_speakers import TURN_ROLE, TurnRole, resolve_turns


def person(key: str, name: str) -> Entity:
    return Entity(key=key, kind=EntityKind.PERSON, name=name)


def resolve(text: str, title: str = "", published: dt.date | None = None, entities=()):
    return resolve_turns(find_structure(text), list(entities), title, published)


def test_the_president_is_whoever_held_the_office_that_day():
    text = "THE PRESIDENT: Thank you all for coming out this morning.\n\nQ Sir, one question?\n"
    before, people = resolve(text, published=dt.date(2023, 3, 28))
    after, _ = resolve(text, published=dt.date(2025, 1, 24))
    assert before["THE PRESIDENT"].speaker.name == "Joe Biden"
    assert after["THE PRESIDENT"].speaker.name == "Donald Trump"
    added = next(e for e in people if e.name == "Joe Biden")
    assert TURN_ROLE in added.roles and added.mentions == ()
    assert before["THE PRESIDENT"].speaker.entity == added.key


def test_an_inauguration_day_belongs_to_the_incoming_holder():
    assert offices.holder("president", dt.date(2025, 1, 20)).name == "Donald Trump"
    assert offices.holder("president", dt.date(2025, 1, 19)).name == "Joe Biden"
    assert offices.holder("press secretary", dt.date(2025, 3, 1)).name == "Karoline Leavitt"


def test_the_headline_names_the_speakers_of_a_joint_appearance():
    text = (
        "PRESIDENT VELASCO: Welcome to the capital, my friend.\n\n"
        "PRIME MINISTER ORTIZ: Thank you for the kind welcome, Mr. President.\n"
    )
    title = "Remarks by President Velasco and Prime Minister Ana Ortiz of Norland Before Bilateral Meeting"
    found, people = resolve(text, title=title, published=dt.date(2024, 2, 1))
    assert found["PRIME MINISTER ORTIZ"].speaker.name == "Ana Ortiz"
    assert any(e.name == "Ana Ortiz" for e in people)
    # the headline gives only a surname and no list knows him: the label's own name
    assert found["PRESIDENT VELASCO"].speaker.name == "Velasco"
    assert found["PRESIDENT VELASCO"].speaker.kind is SpeakerKind.NAMED


def test_an_office_label_takes_the_headlines_holder_of_that_exact_office():
    text = "THE VICE PRESIDENT: Good evening, Springfield, it is good to be back.\n"
    title = "Remarks by President Hale and Vice President Mara Quint at a Rally"
    found, _ = resolve(text, title=title, published=dt.date(2024, 9, 9))
    assert found["THE VICE PRESIDENT"].speaker.name == "Mara Quint"


def test_two_headline_people_of_one_surname_each_keep_their_own_office():
    text = (
        "THE FIRST LADY: Welcome to the White House, everyone, and happy Fourth.\n\n"
        "THE PRESIDENT: Thank you, Jill, and welcome to your house, folks.\n"
    )
    title = "Remarks by President Biden and First Lady Jill Biden at Independence Day Celebration"
    both = [person("e1", "Jill Biden"), person("e2", "Joe Biden")]
    for entities in (both, both[:1], []):  # whether or not the text names him in full
        found, _ = resolve(text, title=title, published=dt.date(2023, 7, 5), entities=entities)
        assert found["THE FIRST LADY"].speaker.name == "Jill Biden"
        assert found["THE PRESIDENT"].speaker.name == "Joe Biden"


def test_a_person_introduced_in_the_text_is_the_labels_speaker():
    text = (
        "MODERATOR: Please welcome our guest, Amos Okafor.\n\n"
        "MR. OKAFOR: Thank you for having me here today.\n"
    )
    okafor = person("e1", "Amos Okafor")
    found, people = resolve(text, published=dt.date(2024, 6, 1), entities=[okafor])
    assert found["MR. OKAFOR"].speaker.entity == "e1"
    assert people == [okafor]  # nobody added


def test_a_courtesy_title_picks_the_person_of_that_sex_from_the_office_list():
    text = "MS. JEAN-PIERRE: Good afternoon, everyone, I have a few things.\n\nQ Thank you.\n"
    found, _ = resolve(text, published=dt.date(2023, 6, 1))
    assert found["MS. JEAN-PIERRE"].speaker.name == "Karine Jean-Pierre"


def test_unnamed_speakers_questions_and_crowds():
    text = (
        "SENIOR ADMINISTRATION OFFICIAL: Thanks, everyone, for joining the call.\n\n"
        "Q Can you say more about the timing of the talks?\n\n"
        "AUDIENCE: Four more years!\n\n"
        "AUDIENCE MEMBER: We love you!\n"
    )
    found, people = resolve(text, published=dt.date(2024, 6, 1))
    official = found["SENIOR ADMINISTRATION OFFICIAL"]
    assert official.role is TurnRole.SPEAKER
    assert official.speaker.kind is SpeakerKind.ANONYMOUS
    assert official.speaker.name == "senior administration official"
    assert found["Q"].role is TurnRole.QUESTION and found["Q"].speaker is None
    assert found["AUDIENCE"].role is TurnRole.CROWD
    assert found["AUDIENCE MEMBER"].speaker.kind is SpeakerKind.ANONYMOUS
    assert people == []


def test_a_first_name_in_the_label_matches_the_texts_shorter_form():
    text = "SECOND GENTLEMAN DOUGLAS EMHOFF: Thank you, thank you all so much.\n"
    doug = person("e1", "Doug Emhoff")
    found, _ = resolve(text, published=dt.date(2023, 10, 7), entities=[doug])
    assert found["SECOND GENTLEMAN DOUGLAS EMHOFF"].speaker.entity == "e1"


def test_two_people_of_one_surname_in_the_text_are_told_apart_by_office():
    text = "PRESIDENT BIDEN: Jill and I are glad to be here.\n"
    family = [person("e1", "Jill Biden"), person("e2", "Joe Biden"), person("e3", "Hunter Biden")]
    found, _ = resolve(
        text, title="Remarks by President Biden", published=dt.date(2023, 5, 1), entities=family
    )
    assert found["PRESIDENT BIDEN"].speaker.entity == "e2"


def test_predecessors_opponents_and_former_holders_come_from_the_list():
    day = dt.date(2023, 6, 1)
    assert offices.predecessor("Joe Biden", day).name == "Donald Trump"
    assert offices.predecessor("Karine Jean-Pierre", day).name == "Jen Psaki"
    assert offices.opponent("Kamala Harris", dt.date(2024, 9, 1)).name == "Donald Trump"
    assert offices.opponent("Joe Biden", dt.date(2021, 6, 1)) is None  # no race that day
    assert offices.former_holder("president", day).name == "Donald Trump"
