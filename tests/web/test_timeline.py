"""/timeline on the test site: grouping at each event's precision, filters, the density chart,
keyset paging and permalinks. The Test Wire article's events sit at known dates (see
site_data.py); the real articles' events come from the extractor."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import Site, links

pytestmark = pytest.mark.slow

WIRE = "source=test-wire"
EVERY = "view=reports"  # every report on its own: the timeline's events (one row per story is tested apart)


def view(client: TestClient, url: str):  # type: ignore[no-untyped-def]
    if "view=" not in url:
        url += ("&" if "?" in url else "?") + EVERY
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.context["view"]


def shown(v) -> list[str]:  # type: ignore[no-untyped-def]
    return [card.event.summary for card in v.cards.values()]


def test_the_timeline_opens_at_the_present_newest_first(client: TestClient) -> None:
    v = view(client, "/timeline")
    assert v.anchored and v.present is not None
    days = [card.event.start_date for card in v.cards.values()]
    assert days and all(day <= v.present for day in days)
    assert days == sorted(days, reverse=True)
    # the wire's "more talks in 2025" lies after the present: "Later" leads there
    assert v.pager.later
    later = view(client, v.pager.later)
    assert all(card.event.start_date > v.present for card in later.cards.values())


def test_events_sit_under_periods_of_their_own_precision(client: TestClient) -> None:
    v = view(client, f"/timeline?{WIRE}&order=oldest")
    assert [g.period.label for g in v.groups] == [
        "1949",
        "June 2024",
        "June 27, 2024",
        "week of July 8, 2024",
        "2025",
    ]
    week = v.groups[3]
    assert [e.summary for e in week.events] == ["Defence ministers will gather in Brussels"]


def test_grouping_by_month_gathers_finer_events(client: TestClient) -> None:
    v = view(client, f"/timeline?{WIRE}&order=oldest&group=month")
    assert [g.period.label for g in v.groups] == ["1949", "June 2024", "July 2024", "2025"]
    assert len(v.groups[1].events) == 2


def test_expected_events_are_shown_as_upcoming(client: TestClient) -> None:
    response = client.get(f"/timeline?{WIRE}&status=expected&{EVERY}")
    v = response.context["view"]
    assert v.title.startswith("Timeline: Upcoming")
    assert shown(v) == ["Brussels expects more talks"]  # forward from the present
    assert all(card.upcoming for card in v.cards.values())
    assert 'class="badge badge-upcoming">upcoming<' in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            f"{WIRE}&kind=meeting&order=oldest",
            ["Defence ministers will gather in Brussels", "Brussels expects more talks"],
        ),
        (
            "entity=ada-quill&order=oldest",
            ["Ada Quill said the vote changed the race", "Brussels expects more talks"],
        ),
        ("entity=ada-quill&entity=brussels&order=oldest", ["Brussels expects more talks"]),
        ("q=charter&order=oldest", ["The charter was signed"]),
        (
            f"{WIRE}&from=2024-06&to=2024-06&order=oldest",
            ["the alliance agreed a new fund", "Ada Quill said the vote changed the race"],
        ),
        (f"{WIRE}&status=happened&to=1999", ["The charter was signed"]),
    ],
)
def test_filters(client: TestClient, query: str, expected: list[str]) -> None:
    assert shown(view(client, f"/timeline?{query}")) == expected


def test_each_event_shows_date_participants_source_and_sentence(client: TestClient, site: Site) -> None:
    response = client.get(f"/timeline?{WIRE}&from=2024-07-08&to=2024-07-08&{EVERY}")
    html = response.text
    wire_id = site.article_ids["Ministers to gather in Brussels as alliance fund takes shape"]
    assert 'datetime="2024-W28"' in html
    assert 'href="/entities/brussels"' in html
    assert f'href="/articles/{wire_id}#s0"' in html
    assert "<details" in html and "<mark>next week</mark>" in html


def test_density_bars_link_to_their_period(client: TestClient) -> None:
    v = view(client, f"/timeline?{WIRE}&from=2024-06&to=2024-07")
    density = v.density
    # by day: June (a month) and the week of July 8 are no day's bar; 1949 and 2025 lie outside
    assert (density.in_range, density.coarser, density.before, density.after) == (1, 2, 1, 1)
    bars = [b for b in density.chart.bars if b.count]
    assert [b.label for b in bars] == ["June 27, 2024: 1 event"]
    debate_bar = bars[0]
    assert "from=2024-06-27" in debate_bar.href and "to=2024-06-27" in debate_bar.href
    # the day's page lists the events overlapping it: the debate, and June as a month
    day = view(client, debate_bar.href)
    assert [g.period.label for g in day.groups] == ["June 27, 2024", "June 2024"]
    assert shown(view(client, density.before_url)) == ["The charter was signed"]


def test_a_chart_by_month_counts_weeks_and_months_but_not_years(client: TestClient) -> None:
    density = view(client, f"/timeline?{WIRE}&from=2024&to=2025").density
    bars = {b.label: b.count for b in density.chart.bars if b.count}
    assert bars == {"June 2024: 2 events": 2, "July 2024: 1 event": 1}
    assert density.coarser == 1  # "more talks in 2025" is dated only by year
    html = client.get(f"/timeline?{WIRE}&from=2024&to=2025&{EVERY}").text
    assert "(and 1 dated only by quarter, season or year)" in html


def test_the_unfiltered_chart_spans_the_collections_period(client: TestClient) -> None:
    """From the first article's day to the newest's, a bar a day (zeros included)."""
    chart = view(client, "/timeline").density.chart
    assert chart.bars[0].label.startswith("June 17, 2024: ")
    assert chart.bars[-1].label.startswith("July 26, 2024: ")
    assert len(chart.bars) == 40


def test_keyset_paging_walks_both_ways_without_gaps(small_pages: TestClient) -> None:
    url: str | None = f"/timeline?{WIRE}&order=oldest&{EVERY}"
    seen: list[list[str]] = []
    while url:
        v = view(small_pages, url)
        seen.append(shown(v))
        url = v.pager.later
    assert [len(page) for page in seen] == [2, 2, 1]
    flat = [s for page in seen for s in page]
    assert len(flat) == len(set(flat)) == 5
    back = view(small_pages, v.pager.earlier)
    assert shown(back) == seen[1]


def test_newest_first_pages_go_earlier(small_pages: TestClient) -> None:
    v = view(small_pages, f"/timeline?{WIRE}&from=1900&to=2100")
    assert shown(v) == ["Brussels expects more talks", "Defence ministers will gather in Brussels"]
    assert v.pager.later is None and v.pager.earlier
    earlier = view(small_pages, v.pager.earlier)
    assert shown(earlier) == ["Ada Quill said the vote changed the race", "the alliance agreed a new fund"]
    assert 'rel="next"' in small_pages.get(v.pager.earlier).text


def test_one_filter_combination_has_one_permalink(client: TestClient) -> None:
    response = client.get("/timeline?to=2024-07&q=&from=2024-06&source=test-wire&entity=")
    expected = "http://dateline.test/timeline?from=2024-06&source=test-wire&to=2024-07"
    assert f'<link rel="canonical" href="{expected.replace("&", "&amp;")}">' in response.text
    assert response.context["canonical"] == expected


def test_filter_chips_remove_one_filter_each(client: TestClient) -> None:
    v = view(client, f"/timeline?{WIRE}&kind=meeting&from=2024")
    removes = {chip.label: chip.remove_url for chip in v.chips}
    assert removes["meeting"] == "/timeline?from=2024&source=test-wire&view=reports"
    assert removes["Test Wire"] == "/timeline?from=2024&kind=meeting&view=reports"


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("kind=bogus", "bogus"),
        ("status=maybe", "maybe"),
        ("from=2024-13", "2024-13"),
        ("to=yesterday", "yesterday"),
        ("from=2024-07&to=2024-06", "from"),
        ("group=fortnight", "fortnight"),
        ("order=sideways", "sideways"),
        ("cursor=not-a-cursor", "not-a-cursor"),
        ("source=no-such-wire", "no-such-wire"),
        ("q=%21%21%21", "!!!"),
    ],
)
def test_bad_filter_values_give_a_400_page_naming_them(client: TestClient, query: str, named: str) -> None:
    response = client.get(f"/timeline?{query}&{EVERY}")
    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.text
    assert named in response.text.replace("&#39;", "'")


def test_event_page_links_its_sentence(client: TestClient, site: Site) -> None:
    v = view(client, f"/timeline?{WIRE}&from=2024-07-08&to=2024-07-08")
    [card] = v.cards.values()
    response = client.get(f"/events/{card.event.id}")
    assert response.status_code == 200
    page = response.context["view"]
    assert page.card.when == "week of July 8, 2024"
    wire_id = site.article_ids["Ministers to gather in Brussels as alliance fund takes shape"]
    assert links(response.text, rf"^/articles/{wire_id}#s0$")
    assert [c.event.summary for c in page.related][:1] == ["The charter was signed"]
    assert response.context["meta"].title.startswith("week of July 8, 2024: Defence ministers")


def test_dates_are_readable_at_their_precision(client: TestClient) -> None:
    html = client.get(f"/timeline?{WIRE}&order=oldest&{EVERY}").text
    for label in ("1949", "June 2024", "June 27, 2024", "week of July 8, 2024"):
        assert f">{label}</time></h2>" in html


def test_an_expected_event_the_collection_has_passed_is_not_upcoming(client: TestClient) -> None:
    """The wire expected the Brussels meeting in the week of July 8; the newest article is of
    July 26, so the timeline says "expected" (as of the article) rather than "upcoming"."""
    response = client.get(f"/timeline?{WIRE}&from=2024-07-08&to=2024-07-08&{EVERY}")
    [card] = response.context["view"].cards.values()
    assert (card.upcoming, card.badge) == (False, "expected")
    assert 'title="expected as of July 1, 2024">expected</span>' in response.text
