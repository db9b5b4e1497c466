"""/api/v1/stories and /api/v1/stories/{id} through the app, on a real database, and the
story every event of /api/v1/events carries."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def client(story_client: TestClient) -> TestClient:
    return story_client


def test_stories_list_one_row_per_happening_with_its_corroboration(client: TestClient) -> None:
    body = client.get("/api/v1/stories", params={"order": "oldest"}).json()
    by_reports = sorted(body["items"], key=lambda s: -s["reports"])
    summit = by_reports[0]
    assert [s["reports"] for s in by_reports] == [3, 1]
    assert (summit["articles"], summit["sources"], summit["status"], summit["kind"]) == (
        3,
        1,
        "happened",
        "meeting",
    )
    assert summit["first_report"]["published"] == "2024-07-01"
    assert summit["page_url"].endswith(f"/stories/{summit['id']}")
    assert summit["participants"][0]["entity"]["slug"] == "nato"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"entity": "joe-biden"}, 1),
        ({"kind": "announcement"}, 1),
        ({"status": "happened"}, 2),
        ({"status": "expected"}, 0),  # the summit happened, though two reports expected it
        ({"from": "2024-07-10"}, 0),
        ({"to": "2024-07-09", "from": "2024-07-09"}, 2),
        ({"q": "liaison"}, 1),
        ({"source": "test-wire"}, 2),
    ],
)
def test_stories_take_the_events_filters(client: TestClient, params: dict, expected: int) -> None:
    response = client.get("/api/v1/stories", params=params)
    assert response.status_code == 200, response.text
    assert len(response.json()["items"]) == expected


def test_stories_page_by_keyset_both_ways(client: TestClient) -> None:
    first = client.get("/api/v1/stories", params={"limit": 1}).json()
    second = client.get("/api/v1/stories", params={"limit": 1, "cursor": first["next"]}).json()
    assert len(second["items"]) == 1 and second["items"][0]["id"] != first["items"][0]["id"]
    back = client.get("/api/v1/stories", params={"limit": 1, "cursor": second["prev"]}).json()
    assert back["items"][0]["id"] == first["items"][0]["id"]


def test_a_story_lists_its_reports_with_why_each_was_merged(client: TestClient) -> None:
    summit_id = max(client.get("/api/v1/stories").json()["items"], key=lambda s: s["reports"])["id"]
    body = client.get(f"/api/v1/stories/{summit_id}").json()
    reports = body["reports"]
    assert [r["event"]["article"]["published"] for r in reports] == ["2024-07-01", "2024-07-08", "2024-07-10"]
    assert reports[0]["evidence"]["started"] is True
    for r in reports[1:]:
        evidence = r["evidence"]
        assert evidence["score"] >= evidence["threshold"]
        assert any("summit" in reason for reason, _ in evidence["points"])
        assert r["event"]["sentence"]["text"]
    assert {d["label"]: d["conflict"] for d in body["dates"]} == {
        "week of July 8, 2024": False,
        "July 9, 2024": False,
    }
    assert dict(body["statuses"]) == {"expected": 2, "happened": 1}


def test_a_missing_story_is_a_problem_not_a_500(client: TestClient) -> None:
    response = client.get("/api/v1/stories/999999")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_every_event_carries_its_story(client: TestClient) -> None:
    events = client.get("/api/v1/events").json()["items"]
    assert events and all(e["story"]["id"] for e in events)
    summit = [e["story"] for e in events if e["kind"] == "meeting"]
    assert {(s["id"], s["reports"], s["sources"]) for s in summit} == {(summit[0]["id"], 3, 1)}


def test_exports_take_group_story_one_row_per_story(client: TestClient) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/events.csv", params={"group": "story"}).text)))
    assert len(rows) == 2
    summit = max(rows, key=lambda r: int(r["story_reports"]))
    assert (summit["story_reports"], summit["story_sources"]) == ("3", "1")
    assert summit["page_url"].endswith(f"/stories/{summit['story_id']}")
    every = list(csv.DictReader(io.StringIO(client.get("/api/v1/events.csv").text)))
    assert len(every) == 4 and all(r["story_id"] for r in every)
    ics = client.get("/api/v1/events.ics", params={"group": "story"}).text
    assert ics.count("BEGIN:VEVENT") == 2 and f"UID:story-{summit['story_id']}@" in ics
    atom = client.get("/api/v1/events.atom", params={"group": "story"}).text
    assert atom.count("<entry>") == 2 and f"/stories/{summit['story_id']}</id>" in atom
    slides = client.get("/api/v1/events/timelinejs.json", params={"group": "story"}).json()["events"]
    assert {s["unique_id"] for s in slides} == {f"story-{r['story_id']}" for r in rows}
