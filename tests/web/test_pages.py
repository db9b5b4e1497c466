"""The overview, entity, quote, article, event and search pages on the test site: what each
shows, its filters, and its links back to the sentences facts came from."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.store.database import Database
from app.store.models import Counter
from app.store.queries.views import ArticleRef, QuoteItem
from app.web.cards import quote_cards
from app.web.templating import make_templates
from tests.web.conftest import Site, links

pytestmark = pytest.mark.slow

WIRE_TITLE = "Ministers to gather in Brussels as alliance fund takes shape"


def get(client: TestClient, url: str):  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response


# --- overview -------------------------------------------------------------------------------


def test_overview_shows_counts_kept_at_ingest_and_the_latest_of_everything(
    client: TestClient, site: Site
) -> None:
    response = get(client, "/")
    v = response.context["view"]
    db = Database.open(site.database_url)
    with db.sessions() as session:
        counters = dict(session.execute(select(Counter.name, Counter.value)).all())
    db.close()
    stats = v.overview.stats
    assert (stats.articles, stats.events, stats.entities, stats.quotes) == (
        counters["articles"],
        counters["events"],
        counters["entities"],
        counters["quotes"],
    )
    assert v.latest and v.quotes and v.overview.top_entities
    assert v.upcoming  # the wire's "more talks in 2025"
    assert 'role="search"' in response.text and 'name="q"' in response.text
    assert f">{stats.articles:,}</a></dd>" in response.text


# --- entities --------------------------------------------------------------------------------


def test_entities_are_listed_by_mentions(client: TestClient) -> None:
    items = get(client, "/entities").context["view"].items
    counts = [e.mention_count for e in items]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1


def test_entities_by_kind_and_by_name(client: TestClient) -> None:
    people = get(client, "/entities?kind=person").context["view"]
    assert people.items and {e.kind for e in people.items} == {"person"}
    found = get(client, "/entities?q=quill").context["view"]
    assert [e.slug for e in found.items] == ["ada-quill"]


def test_entity_page(client: TestClient, site: Site) -> None:
    response = get(client, "/entities/ada-quill")
    v = response.context["view"]
    assert v.detail.entity.name == "Ada Quill"
    assert v.detail.entity.description == "the wire's analyst"
    assert v.spark is not None and "mentions" in v.spark.description
    # its timeline, one row per story
    assert [c.story.title for c in v.events] == ["Ada Quill said the vote changed the race"]
    assert [c.story.title for c in v.upcoming] == ["Brussels expects more talks"]
    assert 'href="/key-events?entity=ada-quill"' in response.text
    assert [c.quote.text for c in v.quotes] == ["The vote changed the race."]
    assert ("brussels", 1) in [(c.entity.slug, c.count) for c in v.detail.co_mentioned]
    assert [a.title for a in v.detail.articles] == [WIRE_TITLE]
    assert 'href="/entities/brussels"' in response.text
    assert "<svg" in response.text and 'role="img"' in response.text
    assert response.context["meta"].og_type == "profile"


def test_entity_aliases_are_listed(client: TestClient) -> None:
    response = get(client, "/entities/ada-quill")
    assert response.context["view"].detail.aliases == ("Quill",)
    assert 'Also written: <span class="alias">Quill</span>' in response.text


def test_a_speakers_page_lists_only_their_quotes(client: TestClient) -> None:
    for item in get(client, "/entities?kind=person").context["view"].items[:8]:
        v = get(client, f"/entities/{item.slug}").context["view"]
        assert all(c.quote.speaker and c.quote.speaker.slug == item.slug for c in v.quotes), item.slug


# --- quotes ----------------------------------------------------------------------------------


def test_quotes_by_speaker(client: TestClient) -> None:
    v = get(client, "/quotes?speaker=ada-quill").context["view"]
    assert [c.quote.text for c in v.cards] == ["The vote changed the race."]
    assert v.heading == "Quotes by Ada Quill"
    assert [c.label for c in v.chips] == ["Ada Quill"]


def test_quotes_by_words_and_dates(client: TestClient) -> None:
    assert [c.quote.text for c in get(client, "/quotes?q=vote&kind=direct").context["view"].cards] == [
        "The vote changed the race."
    ]
    day = get(client, "/quotes?from=2024-06-27&to=2024-06-27").context["view"]
    assert day.cards and all(str(c.quote.said_start) == "2024-06-27" for c in day.cards)
    assert get(client, "/quotes?from=1990&to=1990").context["view"].cards == ()


def test_quote_page(client: TestClient, site: Site) -> None:
    [card] = get(client, "/quotes?speaker=ada-quill").context["view"].cards
    response = get(client, f"/quotes/{card.quote.id}")
    v = response.context["view"]
    wire_id = site.article_ids[WIRE_TITLE]
    assert v.when == "June 27, 2024"
    assert v.detail.quote.cue == "said"
    assert [s.text for s in v.paragraph if s.marked] == ["The vote changed the race."]
    assert "<mark>The vote changed the race.</mark>" in response.text
    assert 'href="/entities/ada-quill"' in response.text
    assert links(response.text, rf"^/articles/{wire_id}#s1$")
    assert all(c.quote.id != card.quote.id for c in v.more)


# --- articles --------------------------------------------------------------------------------


def test_articles_newest_first_and_filtered(client: TestClient) -> None:
    items = get(client, "/articles").context["view"].items
    days = [a.published for a in items]
    assert days == sorted(days, reverse=True)
    assert [a.title for a in get(client, "/articles?source=test-wire").context["view"].items] == [WIRE_TITLE]
    assert [a.title for a in get(client, "/articles?entity=ada-quill").context["view"].items] == [WIRE_TITLE]


def test_article_page_marks_sentences_entities_dates_and_quotes(client: TestClient, site: Site) -> None:
    wire_id = site.article_ids[WIRE_TITLE]
    response = get(client, f"/articles/{wire_id}")
    html = response.text
    assert re.findall(r'id="(s\d+)"', html) == ["s0", "s1", "s2", "s3", "s4"]
    assert '<a class="ent ent-person" href="/entities/ada-quill"' in html
    # hovering a date shows the day it resolves to
    assert 'datetime="2024-W28" title="week of July 8, 2024 (2024-W28)"' in html
    assert 'title="June 27, 2024 (2024-06-27)"' in html
    [quote] = response.context["view"].quotes
    assert f'href="/quotes/{quote.quote.id}"' in html
    assert len(response.context["view"].events) == 5


def test_every_real_article_renders_with_unique_sentence_anchors(client: TestClient, site: Site) -> None:
    for title, article_id in site.article_ids.items():
        html = get(client, f"/articles/{article_id}").text
        anchors = re.findall(r'id="(s\d+)"', html)
        assert anchors and len(anchors) == len(set(anchors)), title


def test_event_and_quote_links_point_at_sentences_that_exist(client: TestClient) -> None:
    html = get(client, "/timeline?from=1900&to=2100&view=reports").text + get(client, "/quotes").text
    targets = links(html, r"^/articles/\d+#s\d+$")
    assert targets
    pages: dict[str, str] = {}
    for target in set(targets):
        path, anchor = target.split("#")
        page = pages.setdefault(path, get(client, path).text)
        assert f'id="{anchor}"' in page, target


# --- search ----------------------------------------------------------------------------------


def test_search_finds_every_kind(client: TestClient) -> None:
    v = get(client, "/search?q=brussels").context["view"]
    assert "brussels" in [e.slug for e in v.results.entities]
    assert "Brussels expects more talks" in [c.event.summary for c in v.events]
    assert WIRE_TITLE in [a.title for a in v.results.articles]
    quotes = get(client, "/search?q=vote").context["view"]
    assert "The vote changed the race." in [c.quote.text for c in quotes.quotes]


def test_search_without_words(client: TestClient) -> None:
    assert get(client, "/search").context["view"].results is None
    response = client.get("/search?q=%3F%3F")
    assert response.status_code == 400 and "??" in response.text


def quote_item(**changes: object) -> QuoteItem:
    """A quote as the store lists it, said in a White House item on 2024-07-01."""
    quote = QuoteItem(
        id=7,
        text="What do you think I should do?",
        kind="direct",
        speaker_name="I",
        speaker_kind="unresolved",
        speaker=None,
        cue="said",
        said_value="2024-07-01",
        said_start=dt.date(2024, 7, 1),
        said_end=dt.date(2024, 7, 1),
        article=ArticleRef(3, "Remarks", "The White House", dt.date(2024, 7, 1), None),
        sentence_index=4,
    )
    return replace(quote, **changes)


def rendered_card(card: object) -> str:
    templates = make_templates(Path(__file__).resolve().parents[2] / "templates", Settings(_env_file=None))
    return templates.env.from_string(
        '{% from "_partials.html" import quote_card %}{{ quote_card(card) }}'
    ).render(card=card)


def test_a_quote_whose_speaker_stayed_a_pronoun_is_shown_unattributed() -> None:
    """The quote card names who spoke; a pronoun the extraction could not pin on anyone ("I"
    in a transcript's story) is not passed off as a name."""
    card = type("Card", (), {"quote": quote_item(), "when": None})()
    html = rendered_card(card)
    assert '<span class="speaker">Unattributed</span>' in html and "(“I”)" in html


def test_a_quote_said_at_a_time_the_text_does_not_give_carries_its_articles_date() -> None:
    """ "Kennedy once said …": no said date of its own (said_value None, said_start kept for
    order), so the card dates the article that quotes it, never passing that off as when the
    words were said."""
    article = ArticleRef(3, "Remarks on the Moonshot", "The White House", dt.date(2024, 7, 1), None)
    quote = quote_item(speaker_name="John F. Kennedy", speaker_kind="named", said_value=None, article=article)
    [card] = quote_cards([quote])
    assert card.when == ""
    html = rendered_card(card)
    assert "Remarks on the Moonshot" in html and 'datetime="2024-07-01"' in html
