"""The sentence starts Dateline presets before the parser: a blank line starts one; a name after
its title, a word after a comma, "and", "or" or a bracketed acronym never does. The component
visits only candidate tokens and writes them at once; it must decide as a visit of every token
would."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from app.extract.components import paragraph_starts
from app.extract.doctext import doc_text
from app.extract.sentences import holds_together, sentence_spans

pytestmark = pytest.mark.slow

TEXT = (
    "6:50 p.m.\n\nThe President told reporters he would travel. Director Dr. Rahul Gupta, and "
    "Centers for Disease Control and Prevention (CDC) Director Dr. Mandy Cohen spoke, or "
    "waited.\n\n\nGen. Norman Ham said: Mr. Smith and Ms. Jones agreed , and left ) Later.\n\n"
)


def _every_token(doc: Doc) -> Doc:
    """The rule stated token by token."""
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    for token in doc[1:]:
        if token.is_sent_start is None and not token.is_space and holds_together(token):
            token.is_sent_start = False
    return doc


def test_candidates_decide_as_every_token_would(nlp) -> None:
    ours = paragraph_starts(nlp.make_doc(TEXT))
    reference = _every_token(nlp.make_doc(TEXT))
    assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in reference]
    assert ours[[t.text for t in ours].index("Rahul")].is_sent_start is False
    assert ours[[t.text for t in ours].index("Centers")].is_sent_start is False
    assert ours[[t.text for t in ours].index("The")].is_sent_start is True


def test_parsed_sentences_keep_paragraphs_and_titles(nlp) -> None:
    doc = nlp(TEXT)
    sentences = [doc_text(doc)[s.start : s.end] for s in sentence_spans(doc)]
    assert sentences[0] == "6:50 p.m."
    assert any(s.startswith("The President told reporters") for s in sentences)
    assert not any(s.startswith(("Rahul", "Centers", "Norman")) for s in sentences)
    assert doc_text(doc) == TEXT


def test_short_docs_pass_through(nlp) -> None:
    for text in ("", "Hi", "\n\n"):
        doc = paragraph_starts(nlp.make_doc(text))
        assert doc.text == text
