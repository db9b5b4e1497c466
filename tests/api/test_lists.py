"""The keyset-paged lists: filters as on the pages, paging by body links and Link header."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.store.database import Database


def ids(response) -> list[int]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_events_are_newest_first_with_participants_sentence_and_article(read_client: TestClient) -> None:
    body = read_client.get("/api/v1/events").json()
    starts = [e["start_date"] for e in body["items"]]
    assert starts == sorted(starts, reverse=True) and len(starts) == 7
    meeting = next(e for e in body["items"] if e["summary"] == "NATO leaders will meet in Washington")
    assert {(p["entity"]["slug"], p["role"]) for p in meeting["participants"]} == {
        ("nato", "agent"),
        ("washington", "place"),
    }
    assert meeting["sentence"]["text"] == "NATO leaders will meet in Washington on July 9."
    assert meeting["article"]["title"] == "NATO allies gather in Washington"
    assert meeting["page_url"] == f"http://testserver/events/{meeting['id']}"
    assert meeting["api_url"] == f"http://testserver/api/v1/events/{meeting['id']}"
    assert body["next"] is None and body["prev"] is None


@pytest.mark.parametrize(
    ("query", "summaries"),
    [
        (
            "entity=joe-biden&entity=volodymyr-zelensky",
            {"Joe Biden and Volodymyr Zelensky signed a security agreement", "Both sides expect talks"},
        ),
        (
            "entity=nato&entity=washington",
            {"NATO leaders will meet in Washington", "NATO was founded in Washington"},
        ),
        ("kind=legislation", {"The Senate passed the budget"}),
        ("kind=legislation&kind=agreement&to=2000", {"NATO was founded in Washington"}),
        ("status=happened&source=test-wire", {"The Senate passed the budget"}),
        (
            "from=2024-07-09&to=2024-07-09",
            {"NATO leaders will meet in Washington", "The talks open", "a vote follows"},
        ),
        ("from=2024-08", {"Both sides expect talks"}),
        ("q=budget", {"The Senate passed the budget"}),
    ],
)
def test_event_filters_are_the_pages_filters(
    read_client: TestClient, query: str, summaries: set[str]
) -> None:
    items = read_client.get(f"/api/v1/events?{query}").json()["items"]
    assert {e["summary"] for e in items} == summaries


def test_walking_next_links_visits_every_event_once_and_prev_goes_back(read_client: TestClient) -> None:
    everything = ids(read_client.get("/api/v1/events?order=oldest"))
    seen, url, pages = [], "/api/v1/events?order=oldest&limit=2", []
    while url:
        response = read_client.get(url)
        pages.append(response)
        seen += ids(response)
        url = response.json()["links"]["next"]
        if url:
            header = response.headers["link"]
            assert f'<{url}>; rel="next"' in header
            assert url.startswith("http://testserver/api/v1/events?") and "order=oldest" in url
    assert seen == everything and len(pages) == 4
    last = pages[-1].json()
    assert last["next"] is None and 'rel="next"' not in pages[-1].headers.get("link", "")
    back = read_client.get(last["links"]["prev"])
    assert ids(back) == everything[4:6]


def test_limit_is_capped_by_the_setting(seeded: Database, settings: Settings) -> None:
    capped = settings.model_copy(update={"api_max_limit": 3})
    with TestClient(create_app(capped)) as client:
        assert len(ids(client.get("/api/v1/events?limit=1000"))) == 3
        assert len(ids(client.get("/api/v1/entities?limit=1000"))) == 3


def test_entities_by_mentions_with_kind_and_q(read_client: TestClient) -> None:
    items = read_client.get("/api/v1/entities").json()["items"]
    counts = [e["mention_count"] for e in items]
    assert counts == sorted(counts, reverse=True)
    people = read_client.get("/api/v1/entities?kind=person").json()["items"]
    assert {e["slug"] for e in people} == {"joe-biden", "volodymyr-zelensky", "chuck-schumer"}
    assert [e["slug"] for e in read_client.get("/api/v1/entities?q=schumer").json()["items"]] == [
        "chuck-schumer"
    ]


def test_quotes_by_speaker_and_date(read_client: TestClient) -> None:
    items = read_client.get("/api/v1/quotes").json()["items"]
    assert [q["said_start"] for q in items] == ["2024-07-01", "2024-06-28", "2024-06-20"]
    biden = read_client.get("/api/v1/quotes?speaker=joe-biden").json()["items"]
    assert [q["text"] for q in biden] == ["We will defend every inch of NATO territory."]
    assert biden[0]["speaker"]["slug"] == "joe-biden"
    assert len(read_client.get("/api/v1/quotes?from=2024-06-21&to=2024-06").json()["items"]) == 1


def test_articles_by_source_entity_and_date(read_client: TestClient) -> None:
    titles = [a["title"] for a in read_client.get("/api/v1/articles?source=test-wire").json()["items"]]
    assert titles == ["NATO allies gather in Washington", "=Senate passes the budget"]
    by_entity = read_client.get("/api/v1/articles?entity=nato").json()["items"]
    assert {a["title"] for a in by_entity} == {"NATO allies gather in Washington", "A look back at 1949"}
    assert len(read_client.get("/api/v1/articles?from=2024-06&to=2024-06").json()["items"]) == 2


def test_page_links_keep_every_filter(read_client: TestClient) -> None:
    response = read_client.get("/api/v1/events?entity=nato&kind=meeting&kind=agreement&limit=1")
    following = response.json()["links"]["next"]
    assert re.search(r"entity=nato&kind=meeting&kind=agreement&limit=1&cursor=\w+", following)
