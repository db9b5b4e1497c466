"""POST /api/v1/articles and GET /api/v1/ingest/{id} through real HTTP (TestClient) and a
real database: tokens, limits, content checks, 202 only after the commit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.ingest.batch import Ingester
from app.ingest.queue import QueueWorker
from app.main import create_app
from app.store import ingest_workers
from app.store.database import Database
from app.store.engine import transaction
from app.store.models import IngestItem
from app.store.tokens import create_token, revoke_token
from tests.ingest.service_support import article_text, shared_extractor

RECORD = {
    "title": "Council Backs Transit Plan",
    "url": "https://wire.example.com/2024/06/03/transit",
    "published": "2024-06-03",
    "source": "The Example Wire",
    "authors": ["Lee Park"],
    "text": "The city council on Monday backed a transit plan.\n\nA vote is expected in July.",
}


@pytest.fixture
def client(settings: Settings, db: Database) -> Iterator[TestClient]:
    app = create_app(settings.model_copy(update={"post_rate_per_minute": 5, "max_post_bytes": 2000}))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def token(db: Database) -> str:
    with transaction(db.sessions) as session:
        _, plain = create_token(session, "tests")
    return plain


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def queued(db: Database) -> list[IngestItem]:
    with db.sessions() as session:
        return list(session.scalars(select(IngestItem).order_by(IngestItem.id)))


def assert_problem(response, status: int, detail_part: str) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and detail_part in body["detail"]
    return body


def test_a_json_record_is_committed_before_the_202(client: TestClient, db: Database, token: str) -> None:
    response = client.post("/api/v1/articles", json=RECORD, headers=auth(token))
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued"
    assert response.headers["location"] == body["status_url"] == f"/api/v1/ingest/{body['id']}"
    [item] = queued(db)  # read through another connection: committed
    assert (item.id, item.status, item.url, item.content_type) == (
        body["id"],
        "queued",
        RECORD["url"],
        "application/json",
    )
    assert item.token_id is not None and item.origin == "POST by tests"


def test_the_ingest_status_is_public_and_says_queued(client: TestClient, token: str) -> None:
    item_id = client.post("/api/v1/articles", json=RECORD, headers=auth(token)).json()["id"]
    response = client.get(f"/api/v1/ingest/{item_id}")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["article_id"], body["reason"]) == ("queued", None, None)


def test_an_unknown_ingest_id_is_404_problem(client: TestClient) -> None:
    assert_problem(client.get("/api/v1/ingest/999"), 404, "no ingest item 999")
    assert client.get(f"/api/v1/ingest/{2**40}").status_code == 422  # not a database integer


def test_a_raw_html_body_is_queued_with_its_query_metadata(
    client: TestClient, db: Database, token: str
) -> None:
    response = client.post(
        "/api/v1/articles",
        content=b"<html><body><p>The council met.</p></body></html>",
        params={"title": "Council Meets", "url": "https://x.example/c", "author": ["A. One", "B. Two"]},
        headers={**auth(token), "Content-Type": "text/html; charset=utf-8"},
    )
    assert response.status_code == 202
    [item] = queued(db)
    assert item.content_type == "text/html"
    assert item.meta == {
        "title": "Council Meets",
        "url": "https://x.example/c",
        "authors": ["A. One", "B. Two"],
    }


def test_posting_without_a_token_is_401(client: TestClient, db: Database) -> None:
    assert_problem(client.post("/api/v1/articles", json=RECORD), 401, "bearer token")
    assert queued(db) == []


def test_a_wrong_or_revoked_token_is_401(client: TestClient, db: Database, token: str) -> None:
    assert_problem(client.post("/api/v1/articles", json=RECORD, headers=auth("dl_wrong")), 401, "unknown")
    with transaction(db.sessions) as session:
        revoke_token(session, "tests")
    assert_problem(client.post("/api/v1/articles", json=RECORD, headers=auth(token)), 401, "revoked")
    assert queued(db) == []


def test_reading_the_site_needs_no_token(client: TestClient) -> None:
    assert client.get("/status").status_code == 200
    assert client.get("/metrics").status_code == 200


def test_over_the_rate_limit_is_429_with_retry_after(client: TestClient, db: Database, token: str) -> None:
    for i in range(5):
        record = {**RECORD, "url": f"https://x.example/{i}"}
        assert client.post("/api/v1/articles", json=record, headers=auth(token)).status_code == 202
    response = client.post("/api/v1/articles", json=RECORD, headers=auth(token))
    assert_problem(response, 429, "over 5 requests a minute for token 'tests'")
    assert 1 <= int(response.headers["retry-after"]) <= 60
    assert len(queued(db)) == 5


def test_a_body_over_the_limit_is_413(client: TestClient, db: Database, token: str) -> None:
    big = {**RECORD, "text": "word " * 1000}
    assert_problem(
        client.post("/api/v1/articles", json=big, headers=auth(token)), 413, "over the limit of 2,000"
    )
    assert queued(db) == []


def test_a_streamed_body_without_length_is_cut_off_at_the_limit(
    client: TestClient, db: Database, token: str
) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"x" * 100

    response = client.post(
        "/api/v1/articles", content=chunks(), headers={**auth(token), "Content-Type": "text/plain"}
    )
    assert_problem(response, 413, "over the limit of 2,000 bytes")
    assert queued(db) == []


@pytest.mark.parametrize("content_type", ["application/pdf", "multipart/form-data; boundary=x", ""])
def test_a_content_type_we_cannot_read_is_415(client: TestClient, token: str, content_type: str) -> None:
    response = client.post(
        "/api/v1/articles", content=b"%PDF-1.4", headers={**auth(token), "Content-Type": content_type}
    )
    assert_problem(response, 415, "is not accepted; send application/json")


def test_a_body_that_is_not_json_is_400(client: TestClient, token: str) -> None:
    response = client.post(
        "/api/v1/articles",
        content=b"{title: oops",
        headers={**auth(token), "Content-Type": "application/json"},
    )
    assert_problem(response, 400, "body is not valid JSON")


@pytest.mark.parametrize(
    ("record", "param"),
    [
        ({"title": "No text"}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "Fine.", "url": "ftp://x.example/a"}, "url"),
        ({"text": "Fine.", "authors": {"name": "x"}}, "authors"),
        (["not", "an", "object"], "body"),
    ],
)
def test_json_of_the_wrong_shape_is_422_naming_the_field(
    client: TestClient, db: Database, token: str, record: object, param: str
) -> None:
    body = assert_problem(client.post("/api/v1/articles", json=record, headers=auth(token)), 422, "")
    assert body["errors"][0]["param"] == param
    assert queued(db) == []


def test_text_that_is_not_in_its_charset_is_400(client: TestClient, token: str) -> None:
    response = client.post(
        "/api/v1/articles",
        content="Café society.".encode("latin-1"),
        headers={**auth(token), "Content-Type": "text/plain; charset=utf-8"},
    )
    assert_problem(response, 400, "body is not utf-8 text")


def test_metadata_in_the_query_of_a_json_post_is_400(client: TestClient, token: str) -> None:
    response = client.post("/api/v1/articles", json=RECORD, params={"title": "x"}, headers=auth(token))
    assert_problem(response, 400, "title goes in the JSON record")


def test_openapi_documents_the_post_and_its_error_answers(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/api/v1/articles"]["post"]
    assert set(post["requestBody"]["content"]) == {
        "application/json",
        "text/plain",
        "text/markdown",
        "text/html",
    }
    assert {"202", "400", "401", "413", "415", "422", "429"} <= set(post["responses"])
    assert "example" in post["responses"]["429"]["content"]["application/problem+json"]
    assert post["security"] == [{"HTTPBearer": []}]
    assert "/api/v1/ingest/{item_id}" in spec["paths"]


@pytest.mark.slow
def test_a_posted_article_is_processed_and_reported_done_with_its_article(
    client: TestClient, settings: Settings, db: Database, token: str
) -> None:
    ok = client.post("/api/v1/articles", json={**RECORD, "text": article_text(1)}, headers=auth(token))
    bad = client.post(
        "/api/v1/articles", json={**RECORD, "url": None, "published": "someday"}, headers=auth(token)
    )
    with transaction(db.sessions) as session:
        ingest_workers.register(session, "api-test", "test-host", 1)
    ingester = Ingester(db.sessions, settings, extractor=shared_extractor(), processes=1)
    QueueWorker(db.sessions, ingester, "api-test").work_batch()
    done = client.get(ok.json()["status_url"]).json()
    failed = client.get(bad.json()["status_url"]).json()
    assert (done["status"], done["reason"]) == ("done", None)
    assert done["article_id"] and done["article_url"] == f"/articles/{done['article_id']}"
    assert (failed["status"], failed["reason"]) == ("failed", "unparseable published date 'someday'")
