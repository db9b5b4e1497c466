"""Entity filters on the pages take names as a reader types them: the timeline, quotes and
articles of "Ada Quill", "ada quill", "Quill" or "Ada" are Ada Quill's, a name of no one is a
notice on a 200 page (never a 400), and the filter boxes suggest names, not slugs."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("typed", ["Ada Quill", "ada quill", "Quill", "Ada"])
def test_a_typed_name_gives_that_entitys_timeline(client: TestClient, typed: str) -> None:
    response = client.get("/timeline", params={"entity": typed, "from": "1900", "view": "reports"})
    assert response.status_code == 200
    v = response.context["view"]
    assert v.state.entities == ("ada-quill",) and v.title.startswith("Timeline: with Ada Quill")
    assert v.cards and all(
        "ada-quill" in {p.entity.slug for p in card.event.participants} for card in v.cards.values()
    )
    assert response.context["canonical"].endswith("entity=ada-quill&from=1900&view=reports")
    guessed = typed == "Ada"  # the start of a name is a guess the page says it made
    assert bool(v.name_notices) is guessed


def test_a_name_of_no_one_is_a_notice_not_a_400(client: TestClient) -> None:
    pages = (
        ("/timeline", "entity"),
        ("/quotes", "speaker"),
        ("/articles", "entity"),
        ("/key-events", "entity"),
    )
    for path, param in pages:
        response = client.get(path, params={param: "Nobody At All"})
        assert response.status_code == 200, path
        [notice] = response.context["view"].name_notices
        assert notice.chosen is None and notice.typed == "Nobody At All"
        assert "is named “Nobody At All”, so it is left out" in response.text


def test_quotes_and_articles_take_a_speakers_name(client: TestClient) -> None:
    quotes = client.get("/quotes", params={"speaker": "ada quill"}).context["view"]
    assert quotes.heading == "Quotes by Ada Quill"
    assert quotes.cards and {c.quote.speaker.slug for c in quotes.cards} == {"ada-quill"}
    articles = client.get("/articles", params={"entity": "Ada Quill"}).context["view"]
    assert articles.heading == "Articles mentioning Ada Quill" and len(articles.items) == 1


def test_key_events_take_a_name(client: TestClient) -> None:
    v = client.get("/key-events", params={"entity": "Ada Quill"}).context["view"]
    assert [e.slug for e in v.entities] == ["ada-quill"] and v.title == "Key events: Ada Quill"


def test_filter_boxes_suggest_names(client: TestClient) -> None:
    html = client.get("/timeline").text
    box = re.search(r'<input id="tl-entity"[^>]*>', html)
    assert box and "data-suggest-entities" in box.group(0)
    options = re.findall(r'<option value="([^"]*)"></option>', html.split('id="tl-entity-list"')[1])
    assert options and not any(re.fullmatch(r"[a-z0-9-]+", o) for o in options if "-" in o)


def test_the_api_takes_names_too(client: TestClient) -> None:
    by_name = client.get("/api/v1/events", params={"entity": "Ada Quill", "from": "1900"}).json()
    by_slug = client.get("/api/v1/events", params={"entity": "ada-quill", "from": "1900"}).json()
    assert by_name["items"] and [e["id"] for e in by_name["items"]] == [e["id"] for e in by_slug["items"]]
    unknown = client.get("/api/v1/events", params={"entity": "Nobody At All"})
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["param"] == "entity"
