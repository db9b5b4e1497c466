"""Lemmas computed once per distinct word form are the lemmas spaCy's lemmatizer gives."""

from __future__ import annotations

import pytest
from spacy.attrs import LEMMA
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from app.extract import lemmas

pytestmark = pytest.mark.slow

TEXT = (
    "The ministers said they were meeting again; she says the talks went better than the talks "
    "before. Y'all ain't gonna believe it. Leaders met, meets and will meet.\n\n  Q    Why?"
)


def _tagged(nlp, text: str) -> Doc:
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler"]):
        return nlp(text)


def test_lemmas_per_form_equal_spacys(nlp) -> None:
    lemmatizer = nlp.get_pipe("lemmatizer")
    doc = _tagged(nlp, TEXT)
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    theirs = Lemmatizer.__call__(lemmatizer, doc)
    ours = lemmas.lemmatize(lemmatizer, copy)
    assert (ours.to_array([LEMMA]) == theirs.to_array([LEMMA])).all()
    assert [t.lemma_ for t in ours if t.lower_ in ("said", "were", "met", "meets")] == [
        "say",
        "be",
        "meet",
        "meet",
    ]


def test_the_pipeline_lemmatizes_through_nlp_pipe(nlp) -> None:
    (doc,) = nlp.pipe(["The talks went better than expected."])
    assert [t.lemma_ for t in doc][:3] == ["the", "talk", "go"]


def test_a_lemma_the_attribute_ruler_set_is_kept(nlp) -> None:
    doc = lemmas.lemmatize(nlp.get_pipe("lemmatizer"), _tagged(nlp, "We're gonna win."))
    assert [t.lemma_ for t in doc if t.lower_ in ("gon", "na")] == ["go", "to"]


def test_an_empty_doc_passes(nlp) -> None:
    assert len(lemmas.lemmatize(nlp.get_pipe("lemmatizer"), nlp.make_doc(""))) == 0
