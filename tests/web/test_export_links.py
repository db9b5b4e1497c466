"""Export and cite, where the data is: each timeline, entity and quote page links the CSV,
iCalendar, Atom and TimelineJS forms and the API URL of what it shows (its filters applied),
a citation frozen `as_of` today, and schema.org JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import Site

pytestmark = pytest.mark.slow


def export_links(html: str) -> dict[str, str]:
    pairs = re.findall(r'<a href="([^"]+)" data-export="([a-z]+)"', html)
    return {kind: href.replace("&amp;", "&") for href, kind in pairs}


def jsonld(html: str) -> dict:  # type: ignore[type-arg]
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_a_timelines_exports_carry_its_filters_and_answer(client: TestClient) -> None:
    html = client.get("/timeline?entity=Ada%20Quill&kind=meeting&from=1900").text
    links = export_links(html)
    assert set(links) == {"csv", "ics", "atom", "timelinejs", "json"}
    for kind, href in links.items():
        query = parse_qs(urlsplit(href).query)
        assert query["entity"] == ["ada-quill"] and query["kind"] == ["meeting"], kind
        assert query["from"] == ["1900"], kind
        response = client.get(href)
        assert response.status_code == 200, href
    assert links["json"].startswith("/api/v1/stories?")  # one row per story, as shown
    reports = export_links(client.get("/timeline?entity=ada-quill&view=reports").text)
    assert reports["json"].startswith("/api/v1/events?") and "group=story" not in reports["csv"]


def test_entity_and_quote_pages_link_their_exports_and_api(client: TestClient) -> None:
    entity = export_links(client.get("/entities/ada-quill").text)
    assert entity["json"] == "/api/v1/entities/ada-quill"
    assert all(client.get(href).status_code == 200 for href in entity.values())
    quotes = client.get("/quotes?speaker=ada-quill")
    assert quotes.context["view"].cards
    listed = export_links(quotes.text)
    assert listed["csv"] == "/api/v1/quotes.csv?speaker=ada-quill"
    csv_rows = client.get(listed["csv"]).text.strip().splitlines()
    assert len(csv_rows) == 1 + len(quotes.context["view"].cards)
    quote_id = quotes.context["view"].cards[0].quote.id
    one = export_links(client.get(f"/quotes/{quote_id}").text)
    assert one["json"] == f"/api/v1/quotes/{quote_id}" and client.get(one["json"]).status_code == 200


def test_cite_this_freezes_the_data_as_of_today(client: TestClient) -> None:
    today = dt.datetime.now(dt.UTC).date()
    page = client.get("/timeline?entity=ada-quill&from=1900&view=reports")
    [permalink] = re.findall(r'<a href="([^"]+)" data-permalink', page.text)
    permalink = permalink.replace("&amp;", "&")
    assert f"as_of={today.isoformat()}" in permalink
    frozen = client.get(permalink).context["view"]
    assert [c.event.id for c in frozen.cards.values()] == list(page.context["view"].cards)
    # the day before anything was stored, the same view holds nothing; the API agrees
    before = (today - dt.timedelta(days=1)).isoformat()
    assert client.get(permalink.replace(today.isoformat(), before)).context["view"].cards == {}
    api = client.get("/api/v1/events", params={"entity": "ada-quill", "from": "1900", "as_of": before})
    assert api.status_code == 200 and api.json()["items"] == []
    quotes = client.get("/api/v1/quotes", params={"as_of": before}).json()
    assert quotes["items"] == []


def test_pages_carry_schema_org_json_ld(client: TestClient, site: Site) -> None:
    timeline = jsonld(client.get("/timeline?entity=ada-quill&from=1900&view=reports").text)
    assert timeline["@type"] == "ItemList"
    events = [e["item"] for e in timeline["itemListElement"]]
    assert events and {e["@type"] for e in events} == {"Event"}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", e["startDate"]) for e in events)
    person = jsonld(client.get("/entities/ada-quill").text)
    assert person["@type"] == "Person" and person["name"] == "Ada Quill"
    quote_id = client.get("/quotes?speaker=ada-quill").context["view"].cards[0].quote.id
    quotation = jsonld(client.get(f"/quotes/{quote_id}").text)
    assert quotation["@type"] == "Quotation" and quotation["creator"]["name"] == "Ada Quill"
    assert quotation["isPartOf"]["url"].endswith(f"/articles/{site.article_ids[WIRE]}")
    article = jsonld(client.get(f"/articles/{site.article_ids[WIRE]}").text)
    assert article["@type"] == "NewsArticle" and article["headline"] == WIRE and article["datePublished"]
    story_id = client.get("/api/v1/stories?entity=ada-quill&from=1900").json()["items"][0]["id"]
    story = jsonld(client.get(f"/stories/{story_id}").text)
    assert story["@type"] == "Event" and "Ada Quill" in {p["name"] for p in story["about"]}
    assert story["subjectOf"]["@type"] == "NewsArticle"
    key = jsonld(client.get("/key-events?entity=ada-quill").text)
    assert key["@type"] == "ItemList" and {e["item"]["@type"] for e in key["itemListElement"]} == {"Event"}


WIRE = "Ministers to gather in Brussels as alliance fund takes shape"
