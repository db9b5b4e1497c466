"""Hand-built articles and extractions for store tests (no model needed)."""

from __future__ import annotations

import datetime as dt

from app import domain
from app.domain import EntityKind, Granularity


def record(
    body: str, title: str = "A test article", url: str | None = None, day: int = 1
) -> domain.ArticleRecord:
    return domain.ArticleRecord(
        title=title,
        body=body,
        origin="test",
        source="Test Wire",
        url=url,
        published=dt.date(2024, 7, day),
        authors=("Ann Author",),
    )


def mention(body: str, text: str, sentence: int = 0, occurrence: int = 0) -> domain.Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(text, start + 1)
    return domain.Mention(start=start, end=start + len(text), text=text, sentence=sentence)


def person(
    key: str, name: str, mentions: list[domain.Mention], aliases: tuple[str, ...] = ()
) -> domain.Entity:
    return domain.Entity(
        key=key, kind=EntityKind.PERSON, name=name, mentions=tuple(mentions), aliases=aliases
    )


def extraction(
    body: str,
    entities: list[domain.Entity],
    quotes: list[domain.Quote] = (),  # type: ignore[assignment]
    events: list[domain.Event] = (),  # type: ignore[assignment]
) -> domain.Extraction:
    return domain.Extraction(
        language="en",
        pipeline_version="test",
        sentences=(domain.SentenceSpan(0, 0, len(body)),),
        entities=tuple(entities),
        quotes=tuple(quotes),
        events=tuple(events),
    )


def event(
    summary: str, participants: list[str], start: dt.date | None = dt.date(2024, 6, 27)
) -> domain.Event:
    return domain.Event(
        key="v1",
        value=start.isoformat() if start else "",
        start_date=start,  # type: ignore[arg-type]
        end_date=start,  # type: ignore[arg-type]
        granularity=Granularity.DAY,
        status=domain.EventStatus.HAPPENED,
        summary=summary,
        sentence=0,
        participants=tuple(domain.Participant(entity=p, role="agent") for p in participants),
    )
