"""Small things a reader notices: Markdown's bold markers never shown, articles filtered by
type, quotes by kind (direct only...)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.formatting import without_markdown
from app.store.queries.quotes import QuoteContext
from app.web.cards import context_line

pytestmark = pytest.mark.slow


def test_markdown_bold_markers_are_not_shown() -> None:
    assert without_markdown("Driving Up Costs: **The Biden Administration issued") == (
        "Driving Up Costs: The Biden Administration issued"
    )
    assert without_markdown("an Innovation Lab**;** supporting") == "an Innovation Lab; supporting"
    assert without_markdown("snake_case and __init__ stay") == "snake_case and init stay"
    assert without_markdown("2 * 3 is six") == "2 * 3 is six"


def test_articles_filter_by_type(client: TestClient) -> None:
    everything = client.get("/articles").context["view"]
    [first, *_] = everything.type_options
    kind = first.value
    typed = client.get("/articles", params={"type": kind})
    v = typed.context["view"]
    assert v.items and {a.article_type for a in v.items} == {kind}
    assert len(v.items) < len(everything.items)
    assert f'<option value="{kind}" selected>' in typed.text
    assert any(c.label == kind for c in v.chips)


def test_quotes_filter_by_kind(client: TestClient) -> None:
    response = client.get("/quotes", params={"kind": "direct"})
    v = response.context["view"]
    assert v.cards and {c.quote.kind for c in v.cards} == {"direct"}
    assert '<option value="direct" selected>direct quotes only</option>' in response.text
    assert client.get("/quotes", params={"kind": "nonsense"}).status_code == 400


def test_an_event_page_links_its_story_and_the_other_reports(client: TestClient) -> None:
    v = client.get("/timeline?view=reports&from=1900").context["view"]
    shared = [c.event for c in v.cards.values() if c.event.story and c.event.story.reports > 1]
    assert shared, "the test site has a story with several reports"
    event = shared[0]
    html = client.get(f"/events/{event.id}").text
    assert f'<a class="story-link" href="/stories/{event.story.id}">' in html
    others = event.story.reports - 1
    assert f'href="/stories/{event.story.id}#reports">{others} other report' in html


def test_quotes_filter_to_attributed_ones(client: TestClient) -> None:
    kinds = {"limit": 200, "kind": ["direct", "partial", "remarks", "question", "indirect"]}
    every = client.get("/api/v1/quotes", params=kinds).json()["items"]
    attributed = client.get("/api/v1/quotes", params={**kinds, "attributed": "true"}).json()["items"]
    assert {q["speaker_kind"] for q in attributed} <= {"named", "anonymous"}
    assert {q["id"] for q in attributed} < {q["id"] for q in every}, "a reporter's question is left out"
    response = client.get("/quotes", params={"attributed": "1", "kind": "question"})
    v = response.context["view"]
    assert not v.cards and client.get("/quotes", params={"kind": "question"}).context["view"].cards
    assert any(c.label == "attributed only" for c in v.chips)
    assert 'name="attributed" type="checkbox" value="1" checked' in response.text
    assert all("attributed=1" in link.url for link in v.exports.links)
    assert client.get("/quotes", params={"attributed": "maybe"}).status_code == 400


def test_a_listed_quote_shows_the_sentence_around_it(client: TestClient) -> None:
    response = client.get("/quotes", params={"speaker": "Ada Quill"})
    [card] = [c for c in response.context["view"].cards if c.quote.text == "The vote changed the race."]
    line = "".join(s.text for s in card.context)
    assert line == "Ada Quill, the wire's analyst, said on Thursday: “The vote changed the race.”"
    assert [s.text for s in card.context if s.marked] == ["The vote changed the race."]
    assert '<p class="quote-context">Ada Quill, the wire' in response.text


def test_a_context_line_cuts_a_long_quote_and_skips_a_bare_one() -> None:
    said = "“We will defend every inch of NATO territory, and we will not stop,” Biden said at the summit."
    line = context_line(QuoteContext(said, (1, said.index(",”") + 1)))
    assert [s.text for s in line] == [
        "“",
        "We will defend every inch of NATO … will not stop,",
        "” Biden said at the summit.",
    ]
    assert context_line(QuoteContext("“Yes, we will.”", (1, 14))) == ()
    assert context_line(None) == ()


def test_a_short_run_of_mentions_draws_its_sparkline_by_week(client: TestClient) -> None:
    response = client.get("/entities/ada-quill")
    spark = response.context["view"].spark
    assert spark is not None and spark.period == "week" and spark.first_label.startswith("the week of")
    assert 'aria-label="Mentions by week: ' in response.text
