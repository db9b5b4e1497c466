"""The attribute ruler matched on arrays gives the tokens what spaCy's Matcher gave them."""

from __future__ import annotations

import copy

import pytest
from spacy.attrs import LEMMA, MORPH, POS, TAG
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
    columns = [POS, TAG, MORPH, LEMMA]
    assert (ours.to_array(columns) == theirs.to_array(columns)).all()
    assert [t.pos_ for t in ours if t.lower_ == "ai"] == ["AUX"]


def test_a_pattern_beyond_arrays_keeps_the_matcher(nlp) -> None:
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"ORTH": "x", "OP": "+"}]], {"POS": "X"})
    matcher_match = ruler.match
    assert attribute_rules.install(ruler) is False
    assert ruler.match == matcher_match
    assert attribute_rules.install(copy.copy(nlp.get_pipe("attribute_ruler"))) is True
