"""Every URL the site links to, built in one place; templates never type a path."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

Params = Mapping[str, str | int | Iterable[str] | None]


def with_query(path: str, params: Params | None = None) -> str:
    """`path?query`, dropping empty values and repeating list values (entity=a&entity=b);
    parameters are sorted so that one filter combination has one permalink."""
    pairs: list[tuple[str, str]] = []
    for key in sorted(params or {}):
        value = (params or {})[key]
        if value is None or value == "":
            continue
        if isinstance(value, str | int):
            pairs.append((key, str(value)))
        else:
            pairs.extend((key, str(v)) for v in value if v not in (None, ""))
    return f"{path}?{urlencode(pairs)}" if pairs else path


def home() -> str:
    return "/"


def timeline(**params: str | int | Iterable[str] | None) -> str:
    return with_query("/timeline", params)


def entities(**params: str | int | None) -> str:
    return with_query("/entities", params)


def entity(slug: str) -> str:
    return f"/entities/{slug}"


def quotes(**params: str | int | Iterable[str] | None) -> str:
    return with_query("/quotes", params)


def quote(quote_id: int) -> str:
    return f"/quotes/{quote_id}"


def articles(**params: str | int | None) -> str:
    return with_query("/articles", params)


def article(article_id: int, fragment: str | None = None) -> str:
    return f"/articles/{article_id}" + (f"#{fragment}" if fragment else "")


def sentence(article_id: int, sentence_index: int) -> str:
    """The sentence a fact came from, highlighted in its article."""
    return article(article_id, f"s{sentence_index}")


def event(event_id: int) -> str:
    return f"/events/{event_id}"


def story(story_id: int) -> str:
    return f"/stories/{story_id}"


def key_events(**params: str | int | Iterable[str] | None) -> str:
    return with_query("/key-events", params)


def search(**params: str | int | None) -> str:
    return with_query("/search", params)


def api_docs() -> str:
    return "/docs"


def status() -> str:
    return "/status"


def static(path: str) -> str:
    return f"/static/{path}"


# --- the API and exports of what a page shows (the same filter names as the pages) -----------


def api_events(**params: str | int | Iterable[str] | None) -> str:
    return with_query("/api/v1/events", params)


def api_stories(**params: str | int | Iterable[str] | None) -> str:
    return with_query("/api/v1/stories", params)


def api_quotes(**params: str | int | Iterable[str] | None) -> str:
    return with_query("/api/v1/quotes", params)


def api_entity(slug: str) -> str:
    return f"/api/v1/entities/{slug}"


def api_quote(quote_id: int) -> str:
    return f"/api/v1/quotes/{quote_id}"


def events_export(fmt: str, **params: str | int | Iterable[str] | None) -> str:
    """fmt: csv, ics, atom or timelinejs."""
    path = "/api/v1/events/timelinejs.json" if fmt == "timelinejs" else f"/api/v1/events.{fmt}"
    return with_query(path, params)


def quotes_export(fmt: str = "csv", **params: str | int | Iterable[str] | None) -> str:
    """fmt: csv or atom."""
    return with_query(f"/api/v1/quotes.{fmt}", params)
