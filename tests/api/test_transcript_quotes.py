"""A transcript stored and read back: its speaker's remarks are on their entity page, in the
quote list and its filters, in search and in the CSV export; reporters' questions are on
nobody's page and counted as no one's quotes."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.domain import ArticleRecord
from app.extract import Extractor
from app.ingest.batch import extraction_input
from app.main import create_app
from app.store.database import Database
from app.store.engine import transaction
from app.store.writer import store_article

BRIEFING = ArticleRecord(
    title="Press Gaggle by Press Secretary Nell Avery En Route Harbor City",
    body=(
        "Aboard the Governor's Plane\n\n"
        "10:15 A.M. EDT\n\n"
        "MS. AVERY: Good morning. The Governor will announce the new tariffs on imported steel "
        "at the port this afternoon. (Laughter.)\n\n"
        "Q Will the steel tariffs raise prices for builders in the county?\n\n"
        "MS. AVERY: The Governor believes the tariffs will protect jobs without raising prices.\n\n"
        "END 10:31 A.M. EDT\n"
    ),
    origin="test",
    source="Statehouse Press Office",
    url="https://statehouse.example/gaggle-harbor-city",
    published=dt.date(2024, 4, 2),
)


@pytest.fixture
def client(extractor: Extractor, db: Database, settings: Settings) -> Iterator[TestClient]:
    extraction = extractor.extract(extraction_input(BRIEFING))
    with transaction(db.sessions) as session:
        store_article(session, BRIEFING, extraction)
    app = create_app(settings)
    with TestClient(app) as test_client:
        yield test_client
    app.state.db.close()


def avery_slug(client: TestClient) -> str:
    found = client.get("/api/v1/entities", params={"q": "Avery"}).json()["items"]
    return next(e["slug"] for e in found if e["name"] == "Nell Avery")


@pytest.mark.slow
def test_the_speakers_remarks_are_on_their_entity_page_and_in_the_quote_filter(client):
    slug = avery_slug(client)
    entity = client.get(f"/api/v1/entities/{slug}").json()
    texts = {q["text"] for q in entity["recent_quotes"]}
    assert "The Governor believes the tariffs will protect jobs without raising prices." in texts
    assert all(q["kind"] == "remarks" for q in entity["recent_quotes"])
    listed = client.get("/api/v1/quotes", params={"speaker": slug}).json()["items"]
    assert {q["text"] for q in listed} == texts
    page = client.get(f"/entities/{slug}")
    assert page.status_code == 200 and "protect jobs without raising prices" in page.text


@pytest.mark.slow
def test_questions_are_a_kind_of_their_own_on_nobodys_page(client):
    default = client.get("/api/v1/quotes").json()["items"]
    assert {q["kind"] for q in default} == {"remarks"}
    questions = client.get("/api/v1/quotes", params={"kind": "question"}).json()["items"]
    assert [q["text"] for q in questions] == [
        "Will the steel tariffs raise prices for builders in the county?"
    ]
    assert questions[0]["speaker"] is None
    article = client.get("/api/v1/articles", params={"q": "tariffs"}).json()["items"][0]
    assert article["quote_count"] == 2  # the two remarks, not the question
    html = client.get("/quotes", params={"kind": "question"}).text
    assert "A reporter’s question" in html


@pytest.mark.slow
def test_search_and_the_csv_export_find_the_remarks(client):
    found = client.get("/api/v1/search", params={"q": "tariffs jobs", "kind": "quote"}).json()
    assert any("protect jobs" in q["text"] and q["speaker_name"] == "Nell Avery" for q in found["quotes"])
    exported = client.get("/api/v1/quotes.csv", params={"speaker": avery_slug(client)})
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert {row["kind"] for row in rows} == {"remarks"} and len(rows) == 2
