"""The gold article as a reader checks it (tests/../shared/gold): its events under the right
dates, Donald Trump's quotes on his page and no one else's, every fact linked to the
sentence it came from. Skipped cleanly when ../shared is not beside the checkout."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from tests.conftest import GOLD_ARTICLE, require_shared
from tests.web.conftest import Site

pytestmark = pytest.mark.slow


@pytest.fixture
def gold_id(site: Site) -> int:
    require_shared("corpus", GOLD_ARTICLE.name)
    [article_id] = [i for title, i in site.article_ids.items() if "European right-wing surge" in title]
    return article_id


def gold() -> dict:  # type: ignore[type-arg]
    return json.loads(require_shared("gold", "wsj-2024-07-01-nato-kyiv.json").read_text())


def groups_of_article(client: TestClient, url: str, article_id: int) -> dict[str, list[str]]:
    """Group label -> source sentences of the article's events listed under it (the timeline's
    every-report view: the default view shows one row per story)."""
    response = client.get(url)
    assert response.status_code == 200, response.text
    out: dict[str, list[str]] = {}
    for group in response.context["view"].groups:
        for event in group.events:
            if event.article.id == article_id and event.sentence:
                out.setdefault(group.period.label, []).append(event.sentence.text)
    return out


def test_the_summit_sits_under_the_week_of_july_8(client: TestClient, gold_id: int) -> None:
    groups = groups_of_article(client, "/timeline?view=reports&from=2024-07-08&to=2024-07-14", gold_id)
    assert any("summit in Washington next week" in s for s in groups.get("week of July 8, 2024", [])), groups


def test_the_debate_sits_on_june_27(client: TestClient, gold_id: int) -> None:
    groups = groups_of_article(client, "/timeline?view=reports&from=2024-06-27&to=2024-06-27", gold_id)
    day = groups.get("June 27, 2024", [])
    assert any("televised debate" in s or "Thursday debate" in s for s in day), groups


def test_every_gold_event_appears_under_its_date(client: TestClient, gold_id: int) -> None:
    """Each gold event, on the article's own timeline, under a period labelled as the gold
    date reads (a week as "week of ...", a month as "June 2024")."""
    response = client.get("/timeline?view=reports&source=the-wall-street-journal&from=1900&to=2100")
    found = {
        (e.value, e.sentence.text if e.sentence else "")
        for group in response.context["view"].groups
        for e in group.events
    }
    missing = []
    for expected in gold()["events"]:
        date = expected["date"]
        hit = any(
            (value == date or value.startswith(date + "-") or (date in value.split("/")))
            and any(phrase in sentence for phrase in expected["contains_any"])
            for value, sentence in found
        )
        if not hit:
            missing.append(expected)
    assert len(missing) <= 2, f"gold events not on the timeline: {missing}"


def test_trumps_page_lists_his_three_quotes_and_no_one_elses(client: TestClient, gold_id: int) -> None:
    expected = [q["text_contains"] for q in gold()["quotes"] if q["speaker"] == "Donald Trump"]
    assert len(expected) == 3
    listing = client.get("/quotes?speaker=donald-trump").context["view"]
    texts = [c.quote.text for c in listing.cards]
    assert all(c.quote.speaker and c.quote.speaker.slug == "donald-trump" for c in listing.cards)
    for phrase in expected:
        assert any(phrase in t for t in texts), (phrase, texts)
    page = client.get("/entities/donald-trump")
    shown = [c.quote for c in page.context["view"].quotes]
    assert all(q.speaker and q.speaker.slug == "donald-trump" for q in shown)
    from_gold_article = [q.text for q in shown if q.article.id == gold_id]
    assert len(from_gold_article) == 3, from_gold_article
    for phrase in expected:
        assert phrase.replace("’", "'") in page.text.replace("’", "'").replace("&#39;", "'")


def test_every_fact_links_to_the_sentence_it_came_from(client: TestClient, gold_id: int) -> None:
    response = client.get(f"/articles/{gold_id}")
    html = response.text
    v = response.context["view"]
    assert v.events and v.quotes
    body = v.detail.body
    spans = {s.index: body[s.start : s.end] for s in v.detail.sentences}
    for card in v.events:
        sentence = card.event.sentence
        assert sentence is not None
        assert f'href="/articles/{gold_id}#s{sentence.index}"' in html
        assert f'id="s{sentence.index}"' in html
        assert sentence.text.strip() in spans[sentence.index] or spans[sentence.index] in sentence.text
    for card in v.quotes:
        assert card.quote.sentence_index is not None
        assert f'id="s{card.quote.sentence_index}"' in html
    anchors = re.findall(r'id="s(\d+)"', html)
    assert len(anchors) == len(set(anchors)) == len(v.detail.sentences)
