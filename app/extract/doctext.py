"""`Doc.text` rebuilt once per document: spaCy joins every token's text on each access."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "dateline_text"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record `text` as the text `doc` was made from (the tokenizer keeps every character)."""
    doc.user_data[_KEY] = text
