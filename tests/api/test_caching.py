"""Conditional requests (RFC 9110 §13), gzip and CORS."""

from __future__ import annotations

import datetime as dt
import email.utils

import pytest
from fastapi.testclient import TestClient

from app.api import caching
from app.api.response_cache import ResponseCache
from app.config import Settings
from app.domain import EventKind, EventStatus, Granularity
from app.main import create_app
from app.store.database import Database
from tests.api.corpus import ArticleSpec, EventSpec, seed

READS = [
    "/api/v1/events?kind=meeting",
    "/api/v1/entities",
    "/api/v1/quotes",
    "/api/v1/articles",
    "/api/v1/stats",
    "/api/v1/entities/nato",
    "/api/v1/events.csv",
    "/api/v1/events.ics",
    "/api/v1/events.atom",
    "/api/v1/events/timelinejs.json",
]


def test_every_read_carries_a_weak_etag_and_last_modified(client: TestClient) -> None:
    for url in READS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["etag"].startswith('W/"'), url
        assert response.headers["cache-control"] == "no-cache"
        stamp = email.utils.parsedate_to_datetime(response.headers["last-modified"])
        assert abs(stamp - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


def test_revalidating_with_the_etag_is_304_without_a_body(client: TestClient) -> None:
    for url in READS:
        etag = client.get(url).headers["etag"]
        again = client.get(url, headers={"If-None-Match": etag, "Accept-Encoding": "gzip"})
        assert again.status_code == 304, url
        assert again.content == b"" and again.headers["etag"] == etag
        assert client.get(url, headers={"If-None-Match": f'"x", {etag}'}).status_code == 304
        assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_the_etag_names_the_url_and_the_data(
    client: TestClient, seeded: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(caching, "VERSION_TTL_SECONDS", 0.0)
    first = client.get("/api/v1/events?kind=meeting").headers["etag"]
    assert client.get("/api/v1/events?kind=agreement").headers["etag"] != first
    assert client.get("/api/v1/events?kind=meeting&limit=2").headers["etag"] != first
    later = ArticleSpec(
        title="Another meeting",
        source="Test Wire",
        published=dt.date(2024, 7, 2),
        sentences=["Nothing happened."],
        entities={},
    )
    seed(seeded, [later])
    assert client.get("/api/v1/events?kind=meeting").headers["etag"] != first


def test_if_modified_since_is_304_until_the_next_ingest(client: TestClient) -> None:
    stamp = client.get("/api/v1/entities").headers["last-modified"]
    assert client.get("/api/v1/entities", headers={"If-Modified-Since": stamp}).status_code == 304
    long_ago = "Mon, 01 Jan 2024 00:00:00 GMT"
    assert client.get("/api/v1/entities", headers={"If-Modified-Since": long_ago}).status_code == 200
    assert client.get("/api/v1/entities", headers={"If-Modified-Since": "yesterday"}).status_code == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2)
    both = {"If-Modified-Since": stamp, "If-None-Match": '"stale"'}
    assert client.get("/api/v1/entities", headers=both).status_code == 200


def test_a_precondition_never_hides_an_error(client: TestClient) -> None:
    assert client.get("/api/v1/events", headers={"If-None-Match": "*"}).status_code == 304
    assert client.get("/api/v1/events?entity=nobody", headers={"If-None-Match": "*"}).status_code == 400
    assert client.get("/api/v1/events/999999", headers={"If-None-Match": "*"}).status_code == 404
    stamp = client.get("/api/v1/events").headers["last-modified"]
    assert client.get("/api/v1/events?limit=0", headers={"If-Modified-Since": stamp}).status_code == 422


def test_large_responses_are_gzipped_small_ones_not(client: TestClient) -> None:
    large = client.get("/api/v1/events", headers={"Accept-Encoding": "gzip"})
    assert large.headers["content-encoding"] == "gzip" and large.json()["items"]
    # an empty page (one event with its story and participants is past the gzip threshold)
    small = client.get("/api/v1/events?from=2999", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers


def test_cors_is_off_unless_origins_are_configured(seeded: Database, settings: Settings) -> None:
    origin = {"Origin": "https://newsroom.example"}
    with TestClient(create_app(settings)) as closed:
        assert "access-control-allow-origin" not in closed.get("/api/v1/stats", headers=origin).headers
    opened = settings.model_copy(update={"cors_origins": ["https://newsroom.example"]})
    with TestClient(create_app(opened)) as client:
        response = client.get("/api/v1/stats", headers=origin)
        assert response.headers["access-control-allow-origin"] == "https://newsroom.example"
        assert "ETag" in response.headers["access-control-expose-headers"]
        preflight = client.options(
            "/api/v1/events",
            headers={
                **origin,
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "If-None-Match",
            },
        )
        assert preflight.status_code == 200


def _cache(client: TestClient) -> ResponseCache:
    return client.app.state.api_response_cache  # type: ignore[attr-defined]


def test_a_repeated_read_is_answered_from_memory_with_the_same_body(client: TestClient) -> None:
    url = "/api/v1/events?limit=1"  # a page with a next page: a Link header to keep
    first = client.get(url, headers={"Accept-Encoding": "identity"})
    hits = _cache(client).hits
    for encoding in ("gzip", "identity", "gzip"):
        again = client.get(url, headers={"Accept-Encoding": encoding})
        assert again.status_code == 200
        assert again.json() == first.json()
        assert again.headers["etag"] == first.headers["etag"]
        assert again.headers["link"] == first.headers["link"]
        assert again.headers["content-type"] == first.headers["content-type"]
        assert (again.headers.get("content-encoding") == "gzip") == (encoding == "gzip")
    assert _cache(client).hits == hits + 3
    # a cached answer still honours the client's own copy
    assert client.get(url, headers={"If-None-Match": first.headers["etag"]}).status_code == 304


def test_an_ingest_retires_every_remembered_answer(
    client: TestClient, seeded: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(caching, "VERSION_TTL_SECONDS", 0.0)
    before = client.get("/api/v1/events?kind=meeting").json()["items"]
    client.get("/api/v1/events?kind=meeting")
    later = ArticleSpec(
        title="A later meeting",
        source="Test Wire",
        published=dt.date(2024, 7, 20),
        sentences=["The ministers met in Rome on Friday."],
        entities={},
        events=[
            EventSpec(
                0,
                "The ministers met in Rome",
                "2024-07-19",
                dt.date(2024, 7, 19),
                dt.date(2024, 7, 19),
                Granularity.DAY,
                EventStatus.HAPPENED,
                EventKind.MEETING,
            )
        ],
    )
    seed(seeded, [later])
    after = client.get("/api/v1/events?kind=meeting").json()["items"]
    assert len(after) == len(before) + 1
    assert any("Rome" in item["sentence"]["text"] for item in after)


def test_errors_and_streamed_exports_are_never_remembered(client: TestClient) -> None:
    client.get("/api/v1/events/999999")
    client.get("/api/v1/events?entity=nobody")
    client.get("/api/v1/events.csv")
    assert not _cache(client).entries
    assert client.get("/api/v1/events/999999").status_code == 404


def test_the_cache_stays_within_its_byte_budget(seeded: Database, settings: Settings) -> None:
    small = settings.model_copy(update={"api_cache_bytes": 160 * 1024})  # answers here: 1-7 KB
    with TestClient(create_app(small)) as client:
        etags = []
        for limit in range(1, 40):
            for _ in range(2):  # the second read makes and keeps the gzip form too
                response = client.get(f"/api/v1/events?limit={limit}", headers={"Accept-Encoding": "gzip"})
                assert response.status_code == 200
            etags.append(response.headers["etag"])
        cache = _cache(client)
        assert 0 < len(cache.entries) < len(etags)
        assert cache.size == sum(entry.size for entry in cache.entries.values()) <= 160 * 1024
        assert list(cache.entries) == etags[-len(cache.entries) :]  # the latest are the ones kept


def test_the_cache_can_be_turned_off(seeded: Database, settings: Settings) -> None:
    off = settings.model_copy(update={"api_cache_bytes": 0})
    with TestClient(create_app(off)) as client:
        assert client.get("/api/v1/events").status_code == 200
        assert client.get("/api/v1/events").status_code == 200
        assert not _cache(client).entries and _cache(client).hits == 0
