"""Extractions as plain JSON, in the shape ../shared/eval/score_gold.py documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.domain import HEADLINE_SENTENCE, ArticleRecord, Extraction


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def article_json(article: ArticleRecord) -> dict[str, Any]:
    return {
        "title": article.title,
        "dek": article.dek,
        "authors": list(article.authors),
        "published": _iso(article.published),
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "source": article.source,
        "url": article.url,
        "type": article.article_type,
        "tags": list(article.tags),
        "text": article.body,
        "bio": article.bio,
    }


def extraction_json(ex: Extraction) -> dict[str, Any]:
    """Everything but the article (events carry their sentence index; see document_json)."""
    return {
        "language": ex.language,
        "pipeline_version": ex.pipeline_version,
        "notes": list(ex.notes),
        "sentences": [{"index": s.index, "start": s.start, "end": s.end} for s in ex.sentences],
        "entities": [
            {
                "id": e.key,
                "name": e.name,
                "kind": e.kind.value,
                "description": e.description,
                "aliases": list(e.aliases),
                "roles": list(e.roles),
                "mentions": [
                    {"start": m.start, "end": m.end, "text": m.text, "sentence": m.sentence}
                    for m in e.mentions
                ],
            }
            for e in ex.entities
        ],
        "timexes": [
            {
                "id": t.key,
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "type": t.type.value,
                "value": t.value,
                "mod": t.mod,
                "granularity": t.granularity.value if t.granularity else None,
                "range_start": _iso(t.range_start),
                "range_end": _iso(t.range_end),
                "resolved": t.resolved,
                "sentence": t.sentence,
            }
            for t in ex.timexes
        ],
        "quotes": [
            {
                "id": q.key,
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "kind": q.kind.value,
                "speaker": (
                    {
                        "entity": q.speaker.entity,
                        "name": q.speaker.name,
                        "kind": q.speaker.kind.value,
                        "organization": q.speaker.organization,
                    }
                    if q.speaker
                    else {"entity": None, "name": None, "kind": None, "organization": None}
                ),
                "cue": q.cue,
                "said": q.said_value,
                "said_start": _iso(q.said_start),
                "said_end": _iso(q.said_end),
                "timex": q.timex,
                "sentence": q.sentence,
            }
            for q in ex.quotes
        ],
        "events": [
            {
                "id": e.key,
                "date": e.value,
                "start_date": _iso(e.start_date),
                "end_date": _iso(e.end_date),
                "granularity": e.granularity.value,
                "status": e.status.value,
                "kind": e.kind.value,
                "summary": e.summary,
                "trigger": e.trigger,
                "timex": e.timex,
                "sentence_index": e.sentence,
                "participants": [{"entity": p.entity, "role": p.role} for p in e.participants],
            }
            for e in ex.events
        ],
    }


def creation_time(article: ArticleRecord) -> dict[str, Any] | None:
    """The document creation time as a TIMEX3 of its own (TimeML's DCT,
    functionInDocument=CREATION_TIME): the date line as written, outside the body, so it has
    no offsets."""
    if not (article.published and article.published_text):
        return None
    return {
        "id": "t0",
        "start": None,
        "end": None,
        "text": article.published_text,
        "type": "DATE",
        "value": article.published.isoformat(),
        "function": "CREATION_TIME",
        "granularity": "day",
        "range_start": article.published.isoformat(),
        "range_end": article.published.isoformat(),
        "resolved": True,
        "sentence": None,
    }


def document_json(article: ArticleRecord, ex: Extraction) -> dict[str, Any]:
    out = {"article": article_json(article), **extraction_json(ex)}
    dct = creation_time(article)
    if dct:
        out["timexes"].insert(0, dct)
    body = article.body
    for event, src in zip(out["events"], ex.events, strict=True):
        s = ex.sentences[src.sentence] if 0 <= src.sentence < len(ex.sentences) else None
        event["sentence"] = body[s.start : s.end] if s else ""
        if src.sentence == HEADLINE_SENTENCE:
            event["sentence"] = " ".join((article.title or "").split())
    return out
