"""Details carry their related items; search, stats, overview and density answer as the pages do."""

from __future__ import annotations

from fastapi.testclient import TestClient


def event_id(read_client: TestClient, summary: str) -> int:
    items = read_client.get("/api/v1/events").json()["items"]
    return next(e["id"] for e in items if e["summary"] == summary)


def test_an_event_comes_with_participants_sentence_and_its_articles_other_events(
    read_client: TestClient,
) -> None:
    body = read_client.get(
        f"/api/v1/events/{event_id(read_client, 'NATO leaders will meet in Washington')}"
    ).json()
    event = body["event"]
    assert event["sentence"] == {
        "article_id": event["article"]["id"],
        "index": 0,
        "text": "NATO leaders will meet in Washington on July 9.",
        "highlights": [],
    }
    assert [p["entity"]["name"] for p in event["participants"]] == ["NATO", "Washington"]
    assert {e["summary"] for e in body["related"]} == {"The talks open", "a vote follows"}


def test_an_entity_comes_with_its_latest_events_and_quotes(read_client: TestClient) -> None:
    body = read_client.get("/api/v1/entities/joe-biden").json()
    assert body["entity"]["name"] == "Joe Biden" and body["entity"]["kind"] == "person"
    assert [e["summary"] for e in body["recent_events"]] == [
        "Both sides expect talks",
        "Joe Biden and Volodymyr Zelensky signed a security agreement",
    ]
    assert [q["text"] for q in body["recent_quotes"]] == ["We will defend every inch of NATO territory."]
    assert body["events_url"] == "http://testserver/api/v1/events?entity=joe-biden"
    assert {c["entity"]["slug"] for c in body["co_mentioned"]} >= {"volodymyr-zelensky", "nato"}
    assert [m["label"] for m in body["mentions_by_month"]] == ["2024-06", "2024-07"]
    assert body["mentions_by_week"][0]["label"].startswith("2024-W")  # two months: by week too
    followed = read_client.get(body["events_url"]).json()["items"]
    assert [e["id"] for e in followed] == [e["id"] for e in body["recent_events"]]


def test_a_quote_comes_with_its_speaker_and_context(read_client: TestClient) -> None:
    [quote] = read_client.get("/api/v1/quotes?speaker=volodymyr-zelensky").json()["items"]
    body = read_client.get(f"/api/v1/quotes/{quote['id']}").json()
    assert body["quote"]["speaker"]["slug"] == "volodymyr-zelensky"
    start, end = body["highlight"]["start"], body["highlight"]["end"]
    assert body["paragraph"][start:end] == "This is a historic day,"
    assert body["more_by_speaker"] == []


def test_an_article_comes_annotated_with_its_facts(read_client: TestClient) -> None:
    [article] = read_client.get("/api/v1/articles?q=budget").json()["items"]
    body = read_client.get(f"/api/v1/articles/{article['id']}").json()
    kinds = {a["kind"] for a in body["annotations"]}
    assert kinds >= {"entity", "quote"}
    for note in body["annotations"]:
        assert body["body"][note["start"] : note["end"]]
    assert [e["summary"] for e in body["events"]] == ["The Senate passed the budget"]
    assert [q["text"] for q in body["quotes"]] == ["It is done,"]
    assert len(body["sentences"]) == 2


def test_search_groups_matches_by_kind(read_client: TestClient) -> None:
    body = read_client.get("/api/v1/search?q=NATO").json()
    assert body["q"] == "NATO"
    assert {e["slug"] for e in body["entities"]} == {"nato"}
    assert body["total"] == sum(len(body[k]) for k in ("events", "quotes", "entities", "articles"))
    only = read_client.get("/api/v1/search?q=NATO&kind=entity").json()
    assert only["events"] == [] and only["entities"]


def test_stats_and_sources(read_client: TestClient) -> None:
    body = read_client.get("/api/v1/stats").json()
    assert (body["articles"], body["events"], body["quotes"], body["sources"]) == (4, 7, 3, 2)
    assert body["first_article"] == "2024-04-04" and body["last_article"] == "2024-07-01"
    assert [s["slug"] for s in body["source_list"]] == ["other-times", "test-wire"]
    assert body["last_ingest"]


def test_overview_is_the_front_pages_data(read_client: TestClient) -> None:
    body = read_client.get("/api/v1/overview").json()
    assert all(e["start_date"] <= "2024-07-01" for e in body["latest_events"])
    upcoming = [e["start_date"] for e in body["upcoming_events"]]
    assert upcoming == ["2024-07-08", "2024-07-09", "2024-07-09", "2024-08-01"]
    assert body["stats"]["events"] == 7


def test_density_counts_events_per_period(read_client: TestClient) -> None:
    body = read_client.get("/api/v1/events/density?bucket=year").json()
    assert body == {
        "bucket": "year",
        "periods": [
            {"label": "1949", "start": "1949-01-01", "end": "1949-12-31", "count": 1},
            {"label": "2024", "start": "2024-01-01", "end": "2024-12-31", "count": 6},
        ],
    }
    fitted = read_client.get("/api/v1/events/density?from=2024-07&to=2024-07").json()
    assert fitted["bucket"] == "day" and sum(p["count"] for p in fitted["periods"]) == 3
