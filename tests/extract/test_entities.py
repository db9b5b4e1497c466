"""Entity grouping: names, titles, acronyms, possessives, authors and the model's usual mistakes.

Most tests build a Doc by hand (words, entity tags, sentence starts) so that they pin our logic,
not the statistical model; the `slow` ones run the real model on short made-up sentences.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from app.domain import Entity, EntityKind
from app.extract import ExtractionInput, names
from app.extract.entities import find_entities


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def make_doc(vocab, tagged: str, pos: dict[str, str] | None = None) -> Doc:
    """Build a doc from "word/TAG" items (TAG a BIO entity tag, or nothing for O); a lone "|"
    starts a new sentence. Words are joined by single spaces."""
    words, ents, starts = [], [], []
    new_sentence = True
    for item in tagged.split():
        if item == "|":
            new_sentence = True
            continue
        word, _, tag = item.partition("/")
        words.append(word)
        ents.append(tag or "O")
        starts.append(new_sentence)
        new_sentence = False
    doc = Doc(vocab, words=words, ents=ents, sent_starts=starts)
    for token in doc:
        token.pos_ = (pos or {}).get(token.text, "PROPN" if token.text[:1].isupper() else "NOUN")
    return doc


def by_name(entities: list[Entity], name: str) -> Entity:
    matches = [e for e in entities if e.name == name]
    assert matches, f"no entity {name!r} in {[e.name for e in entities]}"
    return matches[0]


def test_title_is_stripped_from_the_name_and_kept_as_description(vocab):
    doc = make_doc(vocab, "former President Donald/B-PERSON Trump/I-PERSON spoke .")
    [trump] = find_entities(doc)
    assert trump.name == "Donald Trump"
    assert trump.description == "former President"
    assert trump.mentions[0].text == "Donald Trump"


def test_title_inside_the_model_span_is_stripped_too(vocab):
    doc = make_doc(vocab, "Gen./B-PERSON Christopher/I-PERSON Cavoli/I-PERSON spoke .")
    [cavoli] = find_entities(doc)
    assert cavoli.name == "Christopher Cavoli"
    assert cavoli.description == "Gen."


def test_surname_and_full_name_are_one_person(vocab):
    doc = make_doc(vocab, "Donald/B-PERSON Trump/I-PERSON spoke . | Later Trump/B-PERSON left .")
    [trump] = find_entities(doc)
    assert trump.name == "Donald Trump"
    assert trump.aliases == ("Trump",)
    assert [m.sentence for m in trump.mentions] == [0, 1]


def test_title_before_a_bare_surname_stays_in_the_mention(vocab):
    doc = make_doc(vocab, "President Okafor/B-PERSON spoke . | Okafor/B-PERSON left .")
    [okafor] = find_entities(doc)
    assert okafor.name == "Okafor"  # not a well-known office holder: left as written
    assert [m.text for m in okafor.mentions] == ["President Okafor", "Okafor"]
    assert okafor.description == "President"


def test_a_word_that_makes_the_title_another_office_stays_in_the_mention(vocab):
    doc = make_doc(
        vocab,
        "Vice President Okafor/B-PERSON spoke . | Under Secretary Adeyemi/B-PERSON left . | "
        "We are under Secretary Mbeki/B-PERSON now .",
    )
    found = {e.name: ([m.text for m in e.mentions], e.description) for e in find_entities(doc)}
    assert found == {
        "Okafor": (["Vice President Okafor"], "Vice President"),  # not "President Okafor"
        "Adeyemi": (["Under Secretary Adeyemi"], "Under Secretary"),
        "Mbeki": (["Secretary Mbeki"], "Secretary"),
    }


def test_a_person_named_before_the_chain_is_not_part_of_the_title(vocab):
    doc = make_doc(
        vocab,
        "between Zelensky/B-PERSON and Russian/B-NORP President Vladimir/B-PERSON Putin/I-PERSON .",
        pos={"Russian": "ADJ"},
    )
    putin = by_name(find_entities(doc), "Vladimir Putin")
    assert putin.description == "Russian President"


def test_acronym_and_expansion_are_one_organisation_named_by_the_acronym(vocab):
    doc = make_doc(
        vocab,
        "The North/B-ORG Atlantic/I-ORG Treaty/I-ORG Organization/I-ORG met . | NATO/B-ORG agreed .",
    )
    [nato] = find_entities(doc)
    assert nato.kind is EntityKind.ORGANIZATION
    assert nato.name == "NATO"
    assert "North Atlantic Treaty Organization" in nato.aliases


def test_determiner_and_possessive_are_trimmed_and_offsets_follow(vocab):
    doc = Doc(
        vocab,
        words=["He", "read", "the", "Pentagon", "’s", "plan", "."],
        spaces=[True, True, True, False, True, False, False],
        ents=["O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O"],
        sent_starts=[True, False, False, False, False, False, False],
    )
    [pentagon] = find_entities(doc)
    mention = pentagon.mentions[0]
    assert pentagon.name == "Pentagon"
    assert doc.text[mention.start : mention.end] == "Pentagon"


def test_known_place_labelled_as_person_becomes_a_place(vocab):
    doc = make_doc(vocab, "support to Kyiv/B-PERSON and Kyiv/B-ORG .")
    [kyiv] = find_entities(doc)
    assert kyiv.kind is EntityKind.PLACE
    assert len(kyiv.mentions) == 2


def test_surname_labelled_as_organisation_joins_the_person(vocab):
    doc = make_doc(vocab, "Donald/B-PERSON Trump/I-PERSON spoke . | Trump/B-ORG left .")
    [trump] = find_entities(doc)
    assert trump.kind is EntityKind.PERSON
    assert len(trump.mentions) == 2


def test_name_followed_by_who_is_a_person(vocab):
    doc = make_doc(vocab, "said Ivo/B-ORG Daalder/I-ORG , who served .")
    [daalder] = find_entities(doc)
    assert daalder.kind is EntityKind.PERSON


def test_full_name_labelled_organisation_is_a_person_when_its_surname_is_one(vocab):
    doc = make_doc(vocab, "Keith/B-ORG Lamont/I-ORG Scott/I-ORG died . | Scott/B-PERSON was 43 .")
    [scott] = find_entities(doc)
    assert scott.kind is EntityKind.PERSON
    assert scott.name == "Keith Lamont Scott"
    assert len(scott.mentions) == 2


def test_name_stops_at_its_last_capitalised_word(vocab):
    doc = make_doc(vocab, "the Minnesota/B-ORG Vikings/I-ORG -/I-ORG while/I-ORG chanting")
    [vikings] = find_entities(doc)
    assert vikings.name == "Minnesota Vikings"


def test_organisation_words_make_an_organisation(vocab):
    doc = make_doc(vocab, "the State/B-GPE Department/I-GPE said .")
    [state] = find_entities(doc)
    assert state.kind is EntityKind.ORGANIZATION
    assert state.name == "State Department"


def test_numbers_single_letters_and_lower_case_words_are_not_entities(vocab):
    doc = make_doc(vocab, "In 2024/B-ORG x/B-ORG said thing/B-PERSON .")
    assert find_entities(doc) == []


def test_unlabelled_us_is_a_place(vocab):
    doc = make_doc(vocab, "the U.S. said .")
    [us] = find_entities(doc)
    assert us.kind is EntityKind.PLACE
    assert us.name == "United States"
    assert us.mentions[0].text == "U.S."


def test_norp_is_a_group_and_plural_joins_singular(vocab):
    doc = make_doc(vocab, "American/B-NORP troops and Americans/B-NORP .")
    [americans] = find_entities(doc)
    assert americans.kind is EntityKind.GROUP
    assert len(americans.mentions) == 2


def test_author_without_mention_still_gets_an_entity(vocab):
    doc = make_doc(vocab, "Nothing here .")
    [author] = find_entities(doc, authors=("Michael R. Gordon",))
    assert author.name == "Michael R. Gordon"
    assert author.roles == ("author",)
    assert author.mentions == ()


def test_bare_first_name_links_to_the_author(vocab):
    doc = make_doc(vocab, "Later Daniel/B-PERSON worked .")
    [daniel] = find_entities(doc, authors=("Daniel Michaels",))
    assert daniel.name == "Daniel Michaels"
    assert daniel.roles == ("author",)
    assert [m.text for m in daniel.mentions] == ["Daniel"]


def test_keys_follow_first_mention_order(vocab):
    doc = make_doc(vocab, "Paris/B-GPE and Rome/B-GPE .")
    assert [(e.key, e.name) for e in find_entities(doc)] == [("e1", "Paris"), ("e2", "Rome")]


def test_empty_doc_has_no_entities(vocab):
    assert find_entities(Doc(vocab, words=[])) == []


# --- string rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("NATO’s", "NATO"),
        ("the Pentagon", "Pentagon"),
        ("U.S.", "U.S."),
        ("Bobadilla.", "Bobadilla"),
        ("― Jacklyn Ashley", "Jacklyn Ashley"),
        ("allies’", "allies"),
    ],
)
def test_trimmed_bounds_point_at_the_bare_name(text, bare):
    start, end = names.trimmed_bounds(text, 0, len(text))
    assert text[start:end] == bare


def test_capitalised_the_mid_sentence_belongs_to_the_name():
    text = "for The Wall Street Journal"
    start, end = names.trimmed_bounds(text, 4, len(text))
    assert text[start:end] == "The Wall Street Journal"


def test_initials_of_an_expansion_match_its_acronym():
    assert names.initials("North Atlantic Treaty Organization") == "NATO"
    assert names.initials("United States") == names.acronym_key("U.S.")


# --- the real model -----------------------------------------------------------------------------


@pytest.mark.slow
def test_model_people_keep_titles_as_descriptions_and_merge_surnames(extractor):
    text = (
        "NATO Secretary-General Jens Stoltenberg said on Monday that the alliance would act. "
        "Stoltenberg spoke in Brussels alongside Ukrainian President Volodymyr Zelensky."
    )
    entities = extractor.extract(ExtractionInput(text)).entities
    stoltenberg = by_name(list(entities), "Jens Stoltenberg")
    assert stoltenberg.description == "NATO Secretary-General"
    assert len(stoltenberg.mentions) == 2
    assert by_name(list(entities), "Volodymyr Zelensky").description == "Ukrainian President"
    assert by_name(list(entities), "Brussels").kind is EntityKind.PLACE


@pytest.mark.slow
def test_model_mentions_point_at_their_text(extractor):
    text = "The White House said the U.S. and Germany’s leaders met the European Union in Paris."
    result = extractor.extract(ExtractionInput(text))
    for entity in result.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
    found = {e.name for e in result.entities}
    assert {"White House", "United States", "Germany", "European Union", "Paris"} <= found


def test_a_datelines_capitals_do_not_name_the_place(vocab):
    doc = make_doc(
        vocab, "WASHINGTON/B-GPE — The Senate/B-ORG voted . | Washington/B-GPE lawmakers cheered ."
    )
    place = next(e for e in find_entities(doc) if e.kind is EntityKind.PLACE)
    assert place.name == "Washington" and len(place.mentions) == 2
    assert "WASHINGTON" in place.aliases


@pytest.mark.slow
def test_a_name_with_particles_is_one_person(extractor):
    text = "European Commission President Ursula von der Leyen told lawmakers in Strasbourg on Wednesday."
    entities = list(extractor.extract(ExtractionInput(text)).entities)
    person = by_name(entities, "Ursula von der Leyen")
    assert person.kind is EntityKind.PERSON and person.description == "European Commission President"
    assert not [e for e in entities if e.name in ("Leyen", "Ursula", "Ursula von")]


def test_a_clipped_name_is_its_organisation(vocab):
    doc = make_doc(vocab, "The Federal/B-ORG Reserve/I-ORG held . | The Fed/B-ORG will wait .")
    [fed] = find_entities(doc)
    assert fed.name == "Federal Reserve" and len(fed.mentions) == 2 and "Fed" in fed.aliases


def test_a_clip_that_fits_two_names_stays_apart(vocab):
    doc = make_doc(
        vocab, "Federal/B-ORG Reserve/I-ORG and Federal/B-ORG Express/I-ORG met . | Fed/B-ORG spoke ."
    )
    assert "Fed" in {e.name for e in find_entities(doc)}


def test_a_known_place_only_in_a_dateline_gets_its_ordinary_spelling(vocab):
    doc = make_doc(vocab, "KYIV/B-GPE — The Ukrainian/B-NORP army advanced .")
    place = next(e for e in find_entities(doc) if e.kind is EntityKind.PLACE)
    assert place.name == "Kyiv"
    assert place.mentions[0].text == "KYIV"  # the mention keeps the text as written


def test_a_word_of_a_quoted_title_is_no_person_unless_named_elsewhere(vocab):
    doc = make_doc(
        vocab,
        'In his memoir , " Pressure and Resolve/B-PERSON , " Scholz/B-PERSON wrote . '
        '| The book " Biden/B-PERSON and Beyond " praised Biden/B-PERSON .',
    )
    entities = find_entities(doc)
    assert not [e for e in entities if e.name == "Resolve"]
    assert any(e.name.endswith("Scholz") for e in entities)
    biden = next(e for e in entities if e.name.endswith("Biden"))
    assert len(biden.mentions) == 2  # named outside the title too, so kept inside it


def test_an_employer_after_a_job_is_an_organisation(vocab):
    doc = make_doc(
        vocab, "said Daniel/B-PERSON Tannebaum/I-PERSON , a partner at Oliver/B-PERSON Wyman/I-PERSON ."
    )
    kinds = {e.name: e.kind for e in find_entities(doc)}
    assert kinds["Oliver Wyman"] is EntityKind.ORGANIZATION
    assert kinds["Daniel Tannebaum"] is EntityKind.PERSON


def test_a_department_inside_a_title_is_no_entity(vocab):
    doc = make_doc(
        vocab,
        "Secretary of State/B-ORG Antony/B-PERSON Blinken/I-PERSON met Defense/B-ORG Minister "
        "Boris/B-PERSON Pistorius/I-PERSON at the State/B-ORG Department/I-ORG .",
    )
    names_found = {e.name for e in find_entities(doc)}
    assert "State" not in names_found and "Defense" not in names_found
    assert {"Antony Blinken", "Boris Pistorius", "State Department"} <= names_found


@pytest.mark.slow
def test_a_title_opening_the_sentence_is_kept_whole(extractor):
    text = "Majority Leader Charles E. Schumer said he would try again next week."
    # "Charles E. Schumer" goes by the office-holder list's name for him
    schumer = by_name(list(extractor.extract(ExtractionInput(text)).entities), "Chuck Schumer")
    assert schumer.description == "Majority Leader"


def test_a_person_named_like_a_square_or_a_station_is_a_place(vocab):
    doc = make_doc(vocab, "We met at Rodney/B-PERSON Square/I-PERSON with Jane/B-PERSON Park/I-PERSON .")
    kinds = {e.name: e.kind for e in find_entities(doc)}
    assert kinds == {"Rodney Square": EntityKind.PLACE, "Jane Park": EntityKind.PERSON}


def test_a_summit_is_no_organisation_but_its_host_is(vocab):
    doc = make_doc(
        vocab,
        "the NATO/B-ORG Summit/I-ORG opens . | the African/B-ORG Union/I-ORG Summit/I-ORG ended . "
        "| the African/B-ORG Union/I-ORG met . | the Washington/B-ORG Summit/I-ORG ended . "
        "| the G20/B-GPE Summit/I-GPE ended . | the Summit/B-ORG was long .",
    )
    found = {e.name: e for e in find_entities(doc)}
    assert not any("Summit" in name for name in found)
    nato, union = found["NATO"], found["African Union"]
    assert nato.kind is EntityKind.ORGANIZATION and union.kind is EntityKind.ORGANIZATION
    [mention] = nato.mentions
    assert doc.text[mention.start : mention.end] == "NATO"
    assert len(union.mentions) == 2


def test_canonical_name_ranks_each_distinct_name_once_however_many_mentions(monkeypatch):
    """A long article names one organisation thousands of times: the name is chosen by ranking
    the distinct spellings (counted once), not by recounting every mention for every mention,
    which took a 1 MB text 55 s."""
    from app.extract import entities as entities_module
    from app.extract.entities import _canonical_name, _Group
    from app.extract.mentions import RawMention

    spellings = ["European Union", "European Union", "EUROPEAN UNION", "European union"]
    mentions = [
        RawMention(i * 20, i * 20 + len(s), s, s, EntityKind.ORGANIZATION, i * 3, i * 3 + 2)
        for i, s in enumerate(spellings * 5_000)
    ]
    calls = 0
    real_name_words = names.name_words

    def counted(text: str) -> list[str]:
        nonlocal calls
        calls += 1
        return real_name_words(text)

    monkeypatch.setattr(entities_module.names, "name_words", counted)
    assert _canonical_name(_Group(EntityKind.ORGANIZATION, mentions)) == "European Union"
    assert calls <= len(set(spellings))


@pytest.mark.parametrize(
    "tagged",
    [
        "We thank Paige Gebhardt/B-PERSON Cognetti/I-PERSON today . | Later Cognetti/B-PERSON left .",
        "Paige Gebhardt/B-PERSON Cognetti/I-PERSON spoke today . | Later Cognetti/B-PERSON left .",
        # the given name as a place of its own
        "We thank Paige/B-GPE Gebhardt/B-PERSON Cognetti/I-PERSON today . | Later Cognetti/B-PERSON left .",
    ],
)
def test_a_given_name_the_model_left_out_joins_a_two_word_name(vocab, tagged: str) -> None:
    entities = find_entities(make_doc(vocab, tagged))
    [person] = entities
    assert person.name == "Paige Gebhardt Cognetti"
    assert [m.text for m in person.mentions] == ["Paige Gebhardt Cognetti", "Cognetti"]


@pytest.mark.parametrize(
    "tagged",
    [
        "Hope Biden/B-PERSON wins today .",  # one word found: "Hope" may be the verb
        "We thank Scranton Gebhardt/B-PERSON Cognetti/I-PERSON today .",  # no given name
    ],
)
def test_only_a_given_name_right_before_a_two_word_name_joins_it(vocab, tagged: str) -> None:
    names_found = [e.name for e in find_entities(make_doc(vocab, tagged))]
    assert names_found and all(len(n.split()) <= 2 for n in names_found), names_found


@pytest.mark.parametrize(
    ("tagged", "name"),
    [
        (
            "We thank Amy/B-PERSON Bircher/I-PERSON Bruyn/I-PERSON today . | Later Bircher/B-PERSON"
            " Bruyn/I-PERSON left .",
            "Amy Bircher Bruyn",
        ),
        (
            "We thank J./B-PERSON Michael/I-PERSON Bowman/I-PERSON today . | Later Michael/B-PERSON"
            " Bowman/I-PERSON left .",
            "J. Michael Bowman",
        ),
    ],
)
def test_a_double_surname_or_a_middle_name_alone_is_the_person_of_the_full_name(
    vocab, tagged: str, name: str
) -> None:
    [person] = find_entities(make_doc(vocab, tagged))
    assert person.name == name
    assert len(person.mentions) == 2


def test_a_shorter_name_that_begins_with_a_given_name_stays_its_own_person(vocab) -> None:
    tagged = (
        "We thank Jill/B-PERSON Biden/I-PERSON today . | Later Ashley/B-PERSON Jill/I-PERSON"
        " Biden/I-PERSON left ."
    )
    assert sorted(e.name for e in find_entities(make_doc(vocab, tagged))) == [
        "Ashley Jill Biden",
        "Jill Biden",
    ]


def _with_possessives(doc: Doc) -> Doc:
    for token in doc:
        if token.text in ("’s", "'s"):
            token.tag_ = "POS"
    return doc


@pytest.mark.parametrize(
    ("tagged", "people"),
    [
        # the owner is the person
        ("He backed Obama/B-PERSON ’s/I-PERSON 2008/I-PERSON campaign .", ["Barack Obama"]),
        # the person comes after the owner
        ("Breitbart/B-PERSON ’s/I-PERSON Joel/I-PERSON Pollak/I-PERSON said so .", ["Joel Pollak"]),
        # a day named for someone names nobody
        ("They met on Valentine/B-PERSON ’s/I-PERSON Day/I-PERSON .", []),
    ],
)
def test_a_possessive_inside_a_person_span_decides_who_it_names(
    vocab, tagged: str, people: list[str]
) -> None:
    entities = find_entities(_with_possessives(make_doc(vocab, tagged)))
    assert [e.name for e in entities if e.kind is EntityKind.PERSON] == people


@pytest.mark.parametrize(
    ("tagged", "people"),
    [
        (
            "Kerry/B-PERSON Washington/I-PERSON , Honorary/B-PERSON Chair/I-PERSON , spoke .",
            ["Kerry Washington"],
        ),
        ("Aaron/B-PERSON Judge/I-PERSON hit a home run .", ["Aaron Judge"]),  # a given name: a name
    ],
)
def test_a_person_span_that_is_only_a_title_names_nobody(vocab, tagged: str, people: list[str]) -> None:
    assert [e.name for e in find_entities(make_doc(vocab, tagged))] == people
