"""The timeline one row per story by default, every report a click away; a story's page with
its reports and why they were merged; key events."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def client(story_client: TestClient) -> TestClient:
    return story_client


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_timeline_shows_one_row_per_story_with_a_toggle_for_every_report(client: TestClient) -> None:
    page = client.get("/timeline", params={"from": "2024-07", "to": "2024-07"})
    assert page.status_code == 200
    stories = re.findall(r'<article class="event story[^"]*" id="s(\d+)"', page.text)
    assert len(stories) == 2
    assert "3 reports · 1 source" in text_of(page.text)
    assert "first reported by Test Wire" in text_of(page.text)
    toggle = re.search(r'<a href="([^"]+)">Every report</a>', page.text)
    assert toggle is not None
    reports = client.get(toggle.group(1).replace("&amp;", "&"))
    assert len(re.findall(r'<article class="event[^"]*" id="e\d+"', reports.text)) == 4
    assert 'class="event story' not in reports.text


def test_an_entity_timeline_is_one_row_per_story_too(client: TestClient) -> None:
    page = client.get("/timeline", params={"entity": "nato"})
    assert len(re.findall(r'id="s\d+"', page.text)) == 2


def test_a_story_page_lists_its_reports_sources_dates_and_why_merged(client: TestClient) -> None:
    story_id = max(client.get("/api/v1/stories").json()["items"], key=lambda s: s["reports"])["id"]
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    text = text_of(page.text)
    assert text.count("Why merged:") == 2 and "it started the story" in text
    assert "Article 0" in text and "Article 1" in text and "Article 2" in text
    assert "week of July 8, 2024: 1 report" in text and "July 9, 2024: 2 reports" in text
    assert "same predicate “summit" in text
    assert client.get("/stories/999999").status_code == 404


def test_key_events_rank_the_most_reported_story_first(client: TestClient) -> None:
    page = client.get("/key-events", params={"entity": "nato"})
    assert page.status_code == 200
    ranked = re.findall(r'id="s(\d+)"', page.text)
    summit_id = max(client.get("/api/v1/stories").json()["items"], key=lambda s: s["reports"])["id"]
    assert ranked[0] == str(summit_id)
