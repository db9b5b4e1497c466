"""An event whose subject is "he" or "she" has the person it means as its agent (news prose;
not inside quotation marks). Through the real pipeline, on texts written for the test."""

from __future__ import annotations

import datetime as dt

from app.domain import Event, Extraction
from app.extract import ExtractionInput, Extractor

PUBLISHED = dt.date(2011, 1, 18)


def extract(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(ExtractionInput(text, PUBLISHED, title="A company's chief takes leave"))


def event_with(ex: Extraction, trigger: str) -> Event:
    [event] = [e for e in ex.events if e.trigger == trigger]
    return event


def names_of(ex: Extraction, event: Event) -> set[str]:
    by_key = {e.key: e.name for e in ex.entities}
    return {by_key[p.entity] for p in event.participants}


def test_he_as_the_subject_of_an_event_is_the_person_named_before(extractor: Extractor) -> None:
    ex = extract(
        extractor,
        "Maria Lopez, the chief executive of Acme Corporation, announced on Monday that she will take "
        "a medical leave. She fought breast cancer in 2004 and returned to work in 2005.",
    )
    fought = event_with(ex, "fought")
    assert "Maria Lopez" in names_of(ex, fought)
    assert [p.role for p in fought.participants if p.entity == fought.participants[0].entity] == ["agent"]


def test_a_pronoun_inside_quotation_marks_is_left_to_the_quote(extractor: Extractor) -> None:
    ex = extract(
        extractor,
        'Maria Lopez, the chief executive of Acme Corporation, said on Monday: "He fought for this '
        'company in 2004, and we owe him."',
    )
    fought = [e for e in ex.events if e.trigger == "fought"]
    assert all("Maria Lopez" not in names_of(ex, e) for e in fought)
