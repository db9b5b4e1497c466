"""Search that ranks: the entity named exactly so before names that only contain the words
("NATO" above "NATO Alliance", whatever their mentions), then by mentions; events and quotes
with the matched words marked, a long quote cut to a window around its first match; articles
with their first lines."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from app import domain
from app.config import Settings
from app.main import create_app
from app.store.database import Database
from app.web.snippets import matched_spans, snippet
from tests.store.factories import extraction, mention, record
from tests.store.test_stories import store_all

BODY = "The NATO Alliance met. The NATO Alliance voted. The NATO Alliance grew. NATO spoke."


def org(key: str, name: str, mentions: list[domain.Mention]) -> domain.Entity:
    return domain.Entity(key=key, kind=domain.EntityKind.ORGANIZATION, name=name, mentions=tuple(mentions))


def test_the_exact_name_ranks_above_names_containing_it(db: Database, settings: Settings) -> None:
    alliance = org("e1", "NATO Alliance", [mention(BODY, "NATO Alliance", 0, i) for i in range(3)])
    nato = org("e2", "NATO", [mention(BODY, "NATO spoke")])
    store_all(db, [(record(BODY), extraction(BODY, [alliance, nato]))])
    with TestClient(create_app(settings)) as client:
        html = client.get("/search", params={"q": "nato"}).text
        api = client.get("/api/v1/search", params={"q": "nato", "kind": "entity"}).json()
    assert re.findall(r'class="entity-name" href="[^"]+">([^<]+)', html) == ["NATO", "NATO Alliance"]
    assert [e["name"] for e in api["entities"]] == ["NATO", "NATO Alliance"]
    assert '<p class="hit-lead">The <mark>NATO</mark> Alliance met.' in html  # the article's first lines


def test_matched_words_are_marked_by_stem_and_the_last_as_a_prefix() -> None:
    text = "Leaders meet as the summit meetings continue; Ukraine's allies met."
    marked = [text[s:e] for s, e in matched_spans(text, "meeting ukr")]
    assert marked == ["meet", "meetings", "Ukraine"]  # "met" is another stem


def test_a_long_text_is_cut_around_its_first_match() -> None:
    text = " ".join(["filler"] * 60) + " the alliance agreed a fund " + " ".join(["more"] * 60)
    parts = snippet(text, "fund", width=120)
    assert parts[0].text == "…" and parts[-1].text == "…"
    assert [p.text for p in parts if p.marked] == ["fund"]
    assert len("".join(p.text for p in parts)) <= 125


def test_the_search_page_has_one_search_box(db: Database, settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        search = client.get("/search", params={"q": "nato"}).text
        timeline = client.get("/timeline").text
        others = [client.get(path).text for path in ("/", "/entities", "/quotes", "/articles")]
    assert search.count('role="search"') == 1 and 'id="site-q"' not in search
    assert timeline.count('role="search"') == 1
    for html in others:  # the home page's own box, the header's elsewhere; filters are not searches
        assert html.count('role="search"') == 1 and html.count("data-search-shortcut") == 1
