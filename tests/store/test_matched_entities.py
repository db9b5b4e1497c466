"""An entity filter on a q timeline narrows the matched rows the page already read: the
statement reading the matches looks up, for each, whether every named entity takes part in the
event and in its story, and the list, its probe and the density chart filter by that."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.store import search
from app.store.database import Database
from app.store.engine import transaction
from app.store.writer import store_article
from tests.store.factories import event, extraction, mention, person, record
from tests.store.test_search_matches import _page_through, _years, pages_and_statements, uncached_client

# Who attends the summit of each year; the budget talks match no "NATO".
SUMMITS = {
    2015: ("Stoltenberg", "Biden"),
    2016: ("Stoltenberg",),
    2017: ("Biden",),
    2018: ("Stoltenberg", "Biden"),
    2019: ("Biden", "Stoltenberg"),
    2020: ("Stoltenberg",),
}
NAMES = {"Stoltenberg": "Jens Stoltenberg", "Biden": "Joe Biden"}


def store_summit(db: Database, year: int, who: tuple[str, ...], what: str = "NATO leaders met") -> None:
    body = f"{' and '.join(who)} said {what} in {year}."
    people = [person(name, NAMES[name], [mention(body, name)]) for name in who]
    with transaction(db.sessions) as session:
        store_article(
            session,
            record(body, url=f"https://x.example/{what[:4]}-{year}", day=1 + year % 28),
            extraction(body, people, events=[event(f"{what} in {year}", list(who), dt.date(year, 7, 11))]),
        )


@pytest.fixture
def client(db: Database, settings: Settings) -> Iterator[TestClient]:
    for year, who in SUMMITS.items():
        store_summit(db, year, who)
    store_summit(db, 2021, ("Stoltenberg", "Biden"), "budget talks resumed")
    with uncached_client(settings) as test_client:
        yield test_client


def _attended_by(*who: str) -> list[int]:
    return sorted((year for year, present in SUMMITS.items() if set(who) <= set(present)), reverse=True)


@pytest.mark.parametrize("path", ["/api/v1/events", "/api/v1/stories"])
@pytest.mark.parametrize("who", [("Stoltenberg",), ("Biden",), ("Stoltenberg", "Biden")])
def test_entities_narrow_a_q_list_to_what_every_one_takes_part_in(
    client: TestClient, path: str, who: tuple[str, ...]
) -> None:
    named = "".join(f"&entity={NAMES[w].lower().replace(' ', '-')}" for w in who)
    expected = _attended_by(*who)
    assert _page_through(client, f"{path}?q=NATO{named}&limit=2") == expected
    assert _page_through(client, f"{path}?q=NATO{named}&limit=2&order=oldest") == expected[::-1]
    within = client.get(f"{path}?q=NATO{named}&from=2016-01-01&to=2018-12-31").json()
    assert _years(within) == [y for y in expected if 2016 <= y <= 2018]


@pytest.mark.parametrize("view", ["", "&view=reports"])
def test_a_q_timeline_with_entities_reads_their_part_once(client: TestClient, view: str) -> None:
    """The list, its probe and the chart of a timeline filtered by q and two entities share one
    look-up of the participants of the matches (of their events for the reports and the chart,
    of their stories for the story rows), made by the statement that reads the matches."""
    url = f"/timeline?q=NATO&entity=jens-stoltenberg&entity=joe-biden{view}"
    [page], statements = pages_and_statements(client, [url])
    assert page.status_code == 200
    shown = {year for year in SUMMITS if f"NATO leaders met in {year}" in page.text}
    assert shown == set(_attended_by("Stoltenberg", "Biden"))
    assert ">3 earlier</a>" in page.text  # the chart (of the articles' July) counts those alone
    for table in ("event_participants", "story_participants"):
        reads = [s for s in statements if re.search(rf"{table}\.entity_id (=|IN)", s)]
        assert len(reads) == 1, reads
        assert " MATCH " in reads[0] or "@@" in reads[0]  # read with the matches themselves


@pytest.mark.parametrize("path", ["/api/v1/events", "/api/v1/stories"])
def test_entities_reach_their_matches_past_the_newest_looked_at(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """More matches than are looked at: the newest two stored (2020, 2019) hold one summit Biden
    attended. His q list opens on that one, as a q alone opens on the newest stored, and links
    on; oldest first, within dates or past a cursor it reads a window of his matches and
    reaches each."""
    monkeypatch.setattr(search, "MATCH_BOUND", 2)
    expected = _attended_by("Biden")
    opening = client.get(f"{path}?q=NATO&entity=joe-biden").json()
    assert _years(opening) == expected[:1] and opening["q_bounded"] is True
    assert _page_through(client, f"{path}?q=NATO&entity=joe-biden&limit=1") == expected
    assert _page_through(client, f"{path}?q=NATO&entity=joe-biden&limit=1&order=oldest") == expected[::-1]
    assert _page_through(client, f"{path}?q=NATO&entity=joe-biden&limit=1&to=2030-12-31") == expected
    within = client.get(f"{path}?q=NATO&entity=joe-biden&to=2017-12-31").json()
    assert _years(within) == [y for y in expected if y <= 2017]


def test_a_chart_of_entities_counts_their_matches_when_the_list_read_them_apart(client: TestClient) -> None:
    """With a source filter too, the story list is one SQL query, which reads the matches
    without the entities' part: the chart then looks the participants of the matches up apart,
    and still counts only what both attended."""
    page = client.get("/timeline?q=NATO&entity=jens-stoltenberg&entity=joe-biden&source=test-wire")
    assert page.status_code == 200
    assert {year for year in SUMMITS if f"NATO leaders met in {year}" in page.text} == set(
        _attended_by("Stoltenberg", "Biden")
    )
    assert ">3 earlier</a>" in page.text


@pytest.mark.parametrize("view", ["", "&view=reports"])
def test_a_timeline_opening_on_few_of_an_entitys_matches_links_to_the_rest(
    client: TestClient, settings: Settings, monkeypatch: pytest.MonkeyPatch, view: str
) -> None:
    """The opening page holds the one summit Biden attended among the newest two stored; its
    "Earlier" link reads a window of all his matches, and so on to the oldest (a page of one
    row, fewer than a window holds, as 50 are to 2,000)."""
    monkeypatch.setattr(search, "MATCH_BOUND", 2)
    url: str | None = f"/timeline?q=NATO&entity=joe-biden{view}"
    shown: list[int] = []
    with uncached_client(settings.model_copy(update={"page_size": 1})) as one_a_page:
        while url:
            page = one_a_page.get(url)
            assert page.status_code == 200
            shown += [y for y in SUMMITS if f"NATO leaders met in {y}" in page.text]
            found = re.search(r'href="([^"]+)" rel="next"', page.text)
            url = html.unescape(found.group(1)) if found else None
    assert shown == _attended_by("Biden")


def test_a_short_first_page_links_on_only_where_later_pages_read_windows(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stories filtered by a source too are paged by SQL among the newest matches alone: their
    short first page links nowhere, while the events' (paged from the matches) links on."""
    monkeypatch.setattr(search, "MATCH_BOUND", 2)
    filters = "q=NATO&entity=joe-biden&source=test-wire&limit=1"
    stories = client.get(f"/api/v1/stories?{filters}").json()
    assert _years(stories) == [2019] and stories["links"]["next"] is None
    assert _page_through(client, f"/api/v1/events?{filters}") == _attended_by("Biden")
