"""Every parameter is checked at the edge: values that once reached the database or date
arithmetic and answered 500 (a cursor holding a 20-digit count, `+2147483648` on PostgreSQL,
`from=9999-12-31`, NUL in a URL, in authors, in tags, in `?author=`) now get a 400 or 422
naming the parameter, on pages and in the API, on SQLite and PostgreSQL."""

from __future__ import annotations

import base64

import pytest
from fastapi.testclient import TestClient

from app.store.database import Database
from app.store.engine import transaction
from app.store.tokens import create_token


def cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


LISTS = [
    "/api/v1/entities",
    "/entities",
    "/api/v1/events",
    "/timeline",
    "/api/v1/quotes",
    "/quotes",
    "/articles",
]
BAD_CURSORS = [
    "next|+99999999999999999999|1",
    "next|+2147483648|1",
    "next|-2147483649|1",
    "next|5|99999999999999999999",
    "next|a\x00b|1",
]


@pytest.mark.parametrize("path", LISTS)
def test_a_cursor_out_of_range_is_a_400_naming_it(read_client: TestClient, path: str) -> None:
    for raw in BAD_CURSORS:
        response = read_client.get(path, params={"cursor": cursor(raw)})
        assert response.status_code == 400, (raw, response.text)
        if path.startswith("/api/"):
            assert response.json()["errors"][0]["param"] == "cursor"
        else:
            assert "cursor" in response.text


@pytest.mark.parametrize(
    "path", ["/timeline", "/api/v1/events", "/api/v1/events/density", "/quotes", "/articles"]
)
def test_a_date_past_the_last_safe_day_is_a_400_naming_it(read_client: TestClient, path: str) -> None:
    for param, value in [("from", "9999-12-31"), ("to", "9999-12"), ("from", "9999")]:
        response = read_client.get(path, params={param: value})
        assert response.status_code == 400, response.text
        assert "out of range" in response.text and param in response.text


@pytest.mark.parametrize("path", ["/timeline", "/api/v1/events/density", "/api/v1/events"])
def test_the_last_and_first_safe_days_work_at_every_grouping(read_client: TestClient, path: str) -> None:
    for group in ("day", "week", "month", "year"):
        for params in ({"from": "9998-12-31"}, {"to": "0001-01-01"}, {"from": "0001", "to": "9998"}):
            response = read_client.get(path, params={**params, "group": group})
            assert response.status_code == 200, (group, params, response.text)


@pytest.mark.parametrize("path", ["/search", "/api/v1/search", "/timeline", "/api/v1/events", "/quotes"])
def test_nul_in_a_query_is_a_400(read_client: TestClient, path: str) -> None:
    response = read_client.get(path, params={"q": "air\x00defense"})
    assert response.status_code == 400
    assert "NUL" in response.text


@pytest.fixture
def token(db: Database) -> str:
    with transaction(db.sessions) as session:
        _, plain = create_token(session, "edges")
    return plain


RECORD = {"title": "Edge", "text": "The council met on Monday.", "published": "2024-07-01"}


@pytest.mark.parametrize(
    ("fields", "param"),
    [
        ({"url": "https://news.example.org/a\x00b"}, "url"),
        ({"authors": ["Ann\x00 Lee"]}, "authors"),
        ({"authors": "Ann\x00 Lee"}, "authors"),
        ({"tags": ["bud\x00get"]}, "tags"),
        ({"published": "2024-07-01\x00"}, "published"),
        ({"url": "javascript:alert(1)"}, "url"),
    ],
)
def test_a_posted_record_with_nul_or_a_script_url_is_a_422_naming_the_field(
    client: TestClient, token: str, fields: dict[str, object], param: str
) -> None:
    response = client.post(
        "/api/v1/articles", json={**RECORD, **fields}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["param"] == param


@pytest.mark.parametrize(("param", "value"), [("author", "Ann\x00 Lee"), ("url", "https://x.example/\x00/a")])
def test_a_raw_post_with_nul_in_its_query_is_a_422(
    client: TestClient, token: str, param: str, value: str
) -> None:
    response = client.post(
        "/api/v1/articles",
        params={param: value, "title": "Edge"},
        content=b"The council met on Monday.",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "text/plain"},
    )
    assert response.status_code == 422, response.text
