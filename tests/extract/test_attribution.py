"""Attribution patterns of real news and official documents, each on text written for the test:
who a quotation belongs to, and quoted stretches that are nobody's words."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain import Extraction, Quote, QuoteKind
from app.extract import ExtractionInput

PUBLISHED = dt.date(2024, 9, 12)


def extract(extractor, text: str, title: str | None = None) -> Extraction:
    return extractor.extract(ExtractionInput(text, PUBLISHED, title=title))


def quoted(out: Extraction) -> list[Quote]:
    return [q for q in out.quotes if q.kind in (QuoteKind.DIRECT, QuoteKind.PARTIAL)]


def speakers(out: Extraction) -> dict[str, str | None]:
    """Quote text (first five words) -> the speaker's entity name, or the speaker's name."""
    names = {e.key: e.name for e in out.entities}
    found = {}
    for q in quoted(out):
        who = None
        if q.speaker is not None:
            who = names.get(q.speaker.entity or "", q.speaker.name)
        found[" ".join(q.text.split()[:5])] = who
    return found


@pytest.mark.slow
def test_an_orders_amended_provisions_are_no_quotes(extractor):
    text = (
        "By the authority vested in me as Governor, it is hereby ordered as follows:\n\n"
        "Section 1. Amendment. Executive Order 12 of 2019 is amended to read as follows:\n\n"
        "“Sec. 2. Road Safety Board. The Road Safety Board is hereby continued and shall meet "
        "twice a year.”\n\n"
        "Sec. 2. Subsection 4 is amended to read as follows: “(b) The Board may invite experts "
        "to its meetings.”\n"
    )
    assert quoted(extract(extractor, text)) == []
