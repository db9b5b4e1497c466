"""Inputs that must never raise and must finish: the pipeline as a whole, with the real model."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from app.extract import ExtractionInput, ExtractionLimits, Extractor
from app.extract.pipeline import CHUNK_CHARS

PUBLISHED = dt.date(2024, 7, 1)


@pytest.mark.long
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


def _long_text(chars: int) -> str:
    paragraph = (
        "Officials met in Geneva on Tuesday. “We are close to a deal,” said Ana Ruiz, a spokeswoman "
        "for the European Union, adding that talks would resume next week.\n\n"
    )
    return (paragraph * (chars // len(paragraph) + 1))[:chars]


@pytest.mark.slow
def test_a_long_text_over_the_time_budget_keeps_what_was_extracted_and_notes_the_rest(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _long_text(3 * CHUNK_CHARS)
    monkeypatch.setattr(extractor, "limits", ExtractionLimits(seconds=1e-6))
    extraction = extractor.extract(ExtractionInput(text, PUBLISHED))
    done = extraction.sentences[-1].end
    assert CHUNK_CHARS // 4 < done <= CHUNK_CHARS  # the first chunk, and no more
    assert any(e.name == "European Union" for e in extraction.entities) and extraction.quotes
    assert all(m.end <= done for e in extraction.entities for m in e.mentions)
    [note] = [n for n in extraction.notes if "not extracted" in n]
    assert f"of {len(text):,} characters" in note and "time budget" in note


@pytest.mark.slow
def test_a_text_over_the_character_limit_is_extracted_up_to_it(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _long_text(CHUNK_CHARS + 10_000)
    monkeypatch.setattr(extractor, "limits", ExtractionLimits(max_chars=CHUNK_CHARS + 1_000))
    extraction = extractor.extract(ExtractionInput(text, PUBLISHED))
    assert extraction.sentences[-1].end <= CHUNK_CHARS + 1_000
    [note] = [n for n in extraction.notes if "not extracted" in n]
    assert f"the first {CHUNK_CHARS + 1_000:,} of {len(text):,} characters" in note
    assert "limit" in note
