"""The attribute ruler matched on arrays gives the tokens what spaCy's Matcher gave them."""

from __future__ import annotations

import copy

import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from app.extract import attribute_rules

pytestmark = pytest.mark.slow

TEXTS = [
    "Y'all ain't gonna believe it, but we gotta go. C'mon, let's move! There are two ways.",
    "I said you were right. But she says there is no deal, and they're not coming.",
    "The Secretary will travel to Kyiv on Thursday.\n\n   Q    Is that right?",
    "",
]


def _parsed(nlp, text: str):
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        return nlp(text)


@pytest.mark.parametrize("text", TEXTS)
def test_array_matches_equal_the_matchers(nlp, text: str) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    spacy_ruler = AttributeRuler(nlp.vocab)
    spacy_ruler.add_patterns(ruler.patterns)
    doc = _parsed(nlp, text)
    assert ruler.match(doc) == spacy_ruler.match(doc)


def test_tokens_get_the_attributes_the_matcher_gave(nlp) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    spacy_ruler = AttributeRuler(nlp.vocab)
    spacy_ruler.add_patterns(ruler.patterns)
    text = " ".join(TEXTS)
    ours, theirs = ruler(_parsed(nlp, text)), spacy_ruler(_parsed(nlp, text))
    columns = [POS, TAG, DEP, MORPH, LEMMA]
    assert (ours.to_array(columns) == theirs.to_array(columns)).all()
    assert [str(t.morph) for t in ours] == [str(t.morph) for t in theirs]
    assert [t.pos_ for t in ours if t.lower_ == "ai"] == ["AUX"]


def test_the_last_matching_rule_wins_each_attribute(nlp) -> None:
    """Rules overlapping on a token: each attribute comes from the last rule that sets it, the
    index picks the token within a match (negative from its end), as spaCy's ruler does."""
    patterns = [
        {
            "patterns": [[{"LOWER": "talks"}]],
            "attrs": {"POS": "NOUN", "LEMMA": "talk", "MORPH": "Number=Plur"},
        },
        {"patterns": [[{"LOWER": "the"}, {"LOWER": "talks"}]], "attrs": {"POS": "PROPN"}, "index": -1},
        {"patterns": [[{"TAG": "DT"}]], "attrs": {"LEMMA": "THE", "DEP": "det"}},
    ]
    ours, theirs = AttributeRuler(nlp.vocab), AttributeRuler(nlp.vocab)
    ours.add_patterns(patterns)
    theirs.add_patterns(patterns)
    assert attribute_rules.install(ours) is True
    text = "The talks went on; the talks ended."
    a, b = ours(_parsed(nlp, text)), theirs(_parsed(nlp, text))
    columns = [POS, TAG, DEP, MORPH, LEMMA]
    assert (a.to_array(columns) == b.to_array(columns)).all()
    talks = [(t.pos_, t.lemma_, str(t.morph)) for t in a if t.lower_ == "talks"]
    assert talks == [("PROPN", "talk", "Number=Plur")] * 2
    assert [t.lemma_ for t in a if t.lower_ == "the"] == ["THE", "THE"]


def test_a_pattern_beyond_arrays_keeps_the_matcher(nlp) -> None:
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"ORTH": "x", "OP": "+"}]], {"POS": "X"})
    matcher_match = ruler.match
    assert attribute_rules.install(ruler) is False
    assert ruler.match == matcher_match
    assert attribute_rules.install(copy.copy(nlp.get_pipe("attribute_ruler"))) is True
