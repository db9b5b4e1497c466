"""A page and its endpoint answer the same question: for one query string, /timeline and
/api/v1/events (and the other lists) hold the same items in the same order.

Both read their filters with app/store/queries/filters.py and ask the same query function.
Where a page is not there (yet), the comparison is with the query-layer call the page renders
from, so the API side is always checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.testclient import TestClient
from starlette.datastructures import QueryParams

from app.config import Settings
from app.main import create_app
from app.store.database import Database
from app.store.queries import filters
from app.store.queries.articles import list_articles
from app.store.queries.entities import list_entities
from app.store.queries.events import list_events
from app.store.queries.quotes import list_quotes


@pytest.fixture
def client(seeded: Database, settings: Settings) -> Iterator[TestClient]:
    """Without GZip: its middleware drops the "http.response.debug" message that carries a
    page's template context to the test client."""
    app = create_app(settings)
    app.user_middleware = [m for m in app.user_middleware if m.cls is not GZipMiddleware]
    with TestClient(app) as test_client:
        yield test_client
    app.state.db.close()


def api_ids(client: TestClient, path: str, query: str) -> list[int]:
    response = client.get(f"/api/v1/{path}?{query}")
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def page_ids(client: TestClient, path: str, query: str, pick: Callable[[Any], list[int]]) -> list[int] | None:
    """The ids a page shows, or None when there is no such page to ask."""
    response = client.get(f"/{path}?{query}")
    context = getattr(response, "context", None)
    if response.status_code == 404 or not context or "view" not in context:
        return None
    assert response.status_code == 200, response.text
    return pick(context["view"])


# Dates or an order are given: without them the timeline page opens at the collection's
# present (its newest article's day) rather than at the newest event, by design.
TIMELINE_QUERIES = [
    "from=1900&to=2100",
    "from=2024-06&to=2024-07&entity=nato",
    "from=2024&to=2024&kind=meeting&kind=agreement&order=oldest",
    "from=2024-06-01&to=2024-12&status=expected&order=oldest",
    "from=2024-01&to=2024-12&source=other-times&q=talks",
    "from=1949&to=2024-06-30&entity=joe-biden&entity=volodymyr-zelensky",
]


@pytest.mark.parametrize("query", TIMELINE_QUERIES)
def test_timeline_page_and_events_endpoint_hold_the_same_events(
    client: TestClient, seeded: Database, query: str
) -> None:
    from_api = api_ids(client, "events", query)
    assert from_api, "every query here selects something"
    shown = page_ids(client, "timeline", f"{query}&view=reports", lambda view: list(view.cards))
    if shown is None:
        with seeded.sessions() as session:
            f = filters.event_filter_from(QueryParams(query))
            shown = [e.id for e in list_events(session, f, limit=50).items]
    assert shown == from_api


@pytest.mark.parametrize("query", TIMELINE_QUERIES)
def test_timeline_of_stories_and_stories_endpoint_hold_the_same_stories(
    client: TestClient, query: str
) -> None:
    from_api = api_ids(client, "stories", query)
    assert from_api, "every query here selects something"
    assert page_ids(client, "timeline", query, lambda view: list(view.story_cards)) == from_api


@pytest.mark.parametrize(
    ("path", "query", "pick", "listing"),
    [
        (
            "quotes",
            "from=2024-06-21",
            lambda view: [card.quote.id for card in view.cards],
            lambda s, p: list_quotes(s, filters.quote_filter_from(p), limit=40),
        ),
        (
            "entities",
            "kind=person",
            lambda view: [item.id for item in view.items],
            lambda s, p: list_entities(s, filters.entity_filter_from(p), limit=60),
        ),
        (
            "articles",
            "source=test-wire",
            lambda view: [item.id for item in view.items],
            lambda s, p: list_articles(s, filters.article_filter_from(p), limit=40),
        ),
    ],
)
def test_list_pages_and_endpoints_hold_the_same_items(
    client: TestClient,
    seeded: Database,
    path: str,
    query: str,
    pick: Callable[[Any], list[int]],
    listing: Callable[[Any, QueryParams], Any],
) -> None:
    from_api = api_ids(client, path, query)
    assert from_api
    shown = page_ids(client, path, query, pick)
    if shown is None:
        with seeded.sessions() as session:
            shown = [item.id for item in listing(session, QueryParams(query)).items]
    assert shown == from_api
