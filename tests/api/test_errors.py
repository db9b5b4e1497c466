"""Every error is RFC 9457 problem+json naming what was wrong: 400, 404 or 422, never 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.store.queries.common import Cursor, Direction

OVERFLOWING_CURSOR = Cursor(Direction.NEXT, "2024-07-01", 2**64).encode()


@pytest.mark.parametrize(
    ("url", "status", "param"),
    [
        ("/api/v1/events?from=2024-02-30", 400, "from"),
        ("/api/v1/events?from=2024-08&to=2024-07", 400, "from"),
        ("/api/v1/events?entity=nobody", 400, "entity"),
        ("/api/v1/events?source=nowhere", 400, "source"),
        ("/api/v1/events?q=%21%21", 400, "q"),
        ("/api/v1/events?q=a%00b", 400, "q"),
        ("/api/v1/events?cursor=not-ours", 400, "cursor"),
        (f"/api/v1/events?cursor={OVERFLOWING_CURSOR}", 400, "cursor"),
        ("/api/v1/entities?cursor=" + Cursor(Direction.NEXT, "2024-07-01", 1).encode(), 400, "cursor"),
        ("/api/v1/quotes?speaker=nobody", 400, "speaker"),
        ("/api/v1/articles?entity=nobody", 400, "entity"),
        ("/api/v1/events.csv?entity=nobody", 400, "entity"),
        ("/api/v1/events.ics?to=2024-99", 400, "to"),
        ("/api/v1/search?q=%3F%3F", 400, "q"),
        ("/api/v1/entities/a%00b", 400, "slug"),
        ("/api/v1/events?from=July", 422, "from"),
        ("/api/v1/events?kind=party", 422, "kind"),
        ("/api/v1/events?status=maybe", 422, "status"),
        ("/api/v1/events?order=random", 422, "order"),
        ("/api/v1/events?limit=0", 422, "limit"),
        ("/api/v1/events?limit=many", 422, "limit"),
        ("/api/v1/entities?kind=animal", 422, "kind"),
        ("/api/v1/search", 422, "q"),
        ("/api/v1/search?q=x&limit=51", 422, "limit"),
        ("/api/v1/events/0", 422, "event_id"),
        ("/api/v1/events/abc", 422, "event_id"),
        (f"/api/v1/events/{2**31}", 422, "event_id"),
        ("/api/v1/events/density?bucket=week", 422, "bucket"),
        ("/api/v1/events?" + "&".join(f"entity=e{i}" for i in range(21)), 422, "entity"),
        ("/api/v1/quotes?q=" + "x" * 501, 422, "q"),
    ],
)
def test_a_bad_parameter_is_a_problem_naming_it(
    read_client: TestClient, url: str, status: int, param: str
) -> None:
    response = read_client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["instance"] == url.split("?")[0].replace("%00", "\x00")
    assert body["type"].startswith("/problems/") and body["title"] and body["detail"]
    assert param in [e["param"] for e in body["errors"]]
    assert "etag" not in response.headers  # errors are never stamped as cacheable


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/events/999999",
        f"/api/v1/events/{2**31 - 1}",
        "/api/v1/quotes/999999",
        "/api/v1/articles/999999",
        "/api/v1/entities/nobody-at-all",
    ],
)
def test_an_unknown_item_is_404(read_client: TestClient, url: str) -> None:
    response = read_client.get(url)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "Not found"


def test_unknown_api_paths_are_problems_too(read_client: TestClient) -> None:
    response = read_client.get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"
