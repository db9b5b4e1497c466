"""Inputs that must never raise and must finish: the pipeline as a whole, with the real model."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from app.extract import ExtractionInput, Extractor

PUBLISHED = dt.date(2024, 7, 1)


@pytest.mark.slow
def test_a_200_kb_text_without_punctuation_finishes_in_bounded_time(extractor: Extractor) -> None:
    words = (
        "officials said the summit would open next week in Washington and leaders met on Thursday "
        "Smith said “quoted "
    )
    text = (words * (200_000 // len(words) + 1))[:200_000]
    started = time.perf_counter()
    extraction = extractor.extract(ExtractionInput(text, PUBLISHED))
    assert time.perf_counter() - started < 180  # a guard against hangs, not a speed target
    assert extraction.sentences[-1].end <= len(text)
    assert any(t.value == "2024-W28" for t in extraction.timexes)
    assert all(text[m.start : m.end] == m.text for e in extraction.entities for m in e.mentions)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n ",
        "12 34 56 78 90 " * 200,
        "“Unbalanced quote, said nobody.\n\n“And another",
        "February 30, 2024 and 99999",
    ],
)
def test_degenerate_texts_extract_without_raising(extractor: Extractor, text: str) -> None:
    extraction = extractor.extract(ExtractionInput(text, PUBLISHED))
    assert all(0 <= q.start <= q.end <= len(text) for q in extraction.quotes)
    assert not any(t.value.startswith("2024-02-30") for t in extraction.timexes)
