"""The timeline one row per story by default, every report a click away; a story's page with
its reports and why they were merged; key events."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.domain import EventKind, EventStatus, Granularity
from app.store.database import Database
from app.store.engine import transaction
from app.store.models import Article
from app.store.writer import delete_facts
from tests.store.test_stories import OTHER, D, store_all, summit_article, summit_items
from tests.web.conftest import app_for_tests


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


def test_key_events_of_an_entity_follow_its_stories_as_reports_come_and_go(
    db: Database, settings: Settings
) -> None:
    """An entity's key events are ranked by the weight kept on its participant rows: a story
    that gains reports at ingest overtakes, and falls back when they are re-extracted away."""
    office = summit_article(9, *OTHER, kind=EventKind.MEETING)  # weighs what one summit report does
    summit = summit_items()
    ids = store_all(db, [office, summit[0]])
    with TestClient(app_for_tests(settings)) as client:

        def ranked(entity: str) -> list[str]:
            page = client.get("/key-events", params={"entity": entity})
            assert page.status_code == 200
            return [c.story.title for c in page.context["view"].stories]

        office_title = "NATO opened a liaison office in Kyiv on Tuesday"
        assert ranked("nato")[0] == office_title  # a tie: the later story first
        ids += store_all(db, summit[1:])
        assert ranked("nato")[1] == office_title and len(ranked("nato")) == 2
        assert ranked("joe-biden") == ranked("nato")[:1]  # the summit, which Biden opened
        for article_id in ids[2:]:
            with transaction(db.sessions) as session:
                delete_facts(session, session.get(Article, article_id))
        assert ranked("nato")[0] == office_title and len(ranked("nato")) == 2


def test_a_story_page_shows_the_stories_of_its_participants_near_it_in_time(client: TestClient) -> None:
    stories = client.get("/api/v1/stories").json()["items"]
    summit = max(stories, key=lambda s: s["reports"])
    office = next(s for s in stories if s["id"] != summit["id"])

    def nearby(story_id: int) -> list[str]:
        page = client.get(f"/stories/{story_id}").text
        assert page.count('id="nearby-title"') == 1
        return re.findall(r'id="s(\d+)"', page.split('id="nearby-title"')[1])

    assert nearby(summit["id"]) == [str(office["id"])]  # NATO's, a day apart
    assert nearby(office["id"]) == [str(summit["id"])]


def test_an_entity_page_lists_what_is_expected_after_the_present(db: Database, settings: Settings) -> None:
    """Upcoming: the expected stories that start after the collection's present, earliest
    first; one expected this week, begun by the present, is in the news list alone."""
    present = D(2024, 7, 10)
    week = (present, "NATO will review budgets this week.", "review", D(2024, 7, 8), D(2024, 7, 14))
    store_all(
        db,
        [
            summit_article(1, present, "NATO opened an office on July 2.", "opened", D(2024, 7, 2)),
            summit_article(2, *week, Granularity.WEEK, EventStatus.EXPECTED),
            summit_article(3, present, "NATO will sign a pact on September 1.", "sign", D(2024, 9, 1),
                           status=EventStatus.EXPECTED, kind=EventKind.AGREEMENT),
            summit_article(4, present, "NATO will hold talks on August 1.", "talks", D(2024, 8, 1),
                           status=EventStatus.EXPECTED),
        ],
    )  # fmt: skip
    with TestClient(app_for_tests(settings)) as client:
        page = client.get("/entities/nato")
        assert page.status_code == 200
        view = page.context["view"]
        assert [c.story.title for c in view.upcoming] == [
            "NATO will hold talks on August 1",
            "NATO will sign a pact on September 1",
        ]
        assert [c.story.title for c in view.events] == [
            "NATO will review budgets this week",
            "NATO opened an office on July 2",
        ]
