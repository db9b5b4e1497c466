"""What every page has (a meaningful title, a permalink, Open Graph tags, landmarks) and how
pages fail: unknown ids give 404 pages, bad values 400 pages naming them, and no input at
all gives a 500."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from app.store.queries.common import Cursor, Direction
from tests.web.conftest import Site, app_for_tests

pytestmark = pytest.mark.slow

PAGES = [
    ("/", "Dateline: policy news as timelines"),
    ("/timeline", "Timeline"),
    ("/timeline?entity=ada-quill&from=1900", "Timeline: with Ada Quill, from January 1, 1900"),
    ("/entities", "People, organisations and places"),
    ("/entities?kind=place", "Places"),
    ("/entities/ada-quill", "Ada Quill"),
    ("/quotes", "Quotes"),
    ("/quotes?speaker=ada-quill", "Quotes by Ada Quill"),
    ("/articles", "Articles"),
    ("/search?q=brussels", "Search: brussels"),
]


def meta_content(html: str, prop: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{prop}" content="([^"]*)">', html)
    assert found, prop
    return found.group(1).replace("&amp;", "&")


@pytest.mark.parametrize(("url", "title"), PAGES)
def test_every_page_has_title_permalink_open_graph_and_landmarks(
    client: TestClient, url: str, title: str
) -> None:
    response = client.get(url)
    assert response.status_code == 200
    html = response.text
    assert f"<title>{title} · Dateline</title>".replace("&", "&amp;") in html.replace("’", "'")
    canonical = response.context["canonical"]
    assert canonical.startswith("http://dateline.test/")
    assert f'<link rel="canonical" href="{canonical.replace("&", "&amp;")}">' in html
    assert meta_content(html, "og:url") == canonical
    assert meta_content(html, "og:title") == title
    assert meta_content(html, "og:description")
    assert meta_content(html, "og:type") in {"website", "article", "profile"}
    assert '<html lang="en">' in html
    for landmark in (
        '<header class="site-header">',
        '<nav class="site-nav" aria-label="Main">',
        '<main id="main"',
        "<footer",
    ):
        assert landmark in html
    assert "https://" not in re.sub(r'href="https?://[^"]*"|content="[^"]*"', "", html.split("<body>")[0]), (
        "no asset from elsewhere"
    )


def test_detail_pages_have_their_own_titles(client: TestClient, site: Site) -> None:
    wire = site.article_ids["Ministers to gather in Brussels as alliance fund takes shape"]
    html = client.get(f"/articles/{wire}").text
    assert "<title>Ministers to gather in Brussels as alliance fund takes shape · Dateline</title>" in html
    assert meta_content(html, "og:type") == "article"
    quote = client.get("/quotes?speaker=ada-quill").context["view"].cards[0].quote
    html = client.get(f"/quotes/{quote.id}").text
    assert "<title>Ada Quill: “The vote changed the race.” · Dateline</title>" in html


def test_a_configured_base_url_makes_the_permalinks(site: Site) -> None:
    app = app_for_tests(site.settings(base_url="https://news.example.org/"))
    with TestClient(app) as client:
        html = client.get("/entities/ada-quill").text
    assert '<link rel="canonical" href="https://news.example.org/entities/ada-quill">' in html
    assert meta_content(html, "og:url") == "https://news.example.org/entities/ada-quill"


def test_the_current_section_is_marked_in_the_menu(client: TestClient) -> None:
    html = client.get("/quotes").text
    assert '<a href="/quotes" aria-current="page">Quotes</a>' in html


def test_static_assets_are_served_from_the_app(client: TestClient) -> None:
    for asset in ("site.css", "site.js", "favicon.svg"):
        assert client.get(f"/static/{asset}").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/events/999999",
        "/events/abc",
        "/events/0",
        "/events/-3",
        "/events/99999999999999999999999",
        "/quotes/424242",
        "/quotes/1.5",
        "/articles/777777",
        "/articles/%E2%82%AC",
        "/entities/no-such-entity",
        "/entities/%00",
        "/nowhere",
    ],
)
def test_unknown_ids_give_a_404_page(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in response.text
    assert response.headers["content-type"].startswith("text/html")


HUGE_CURSOR = Cursor(Direction.NEXT, "2024-07-01", 10**30).encode()
NASTY = [
    "/timeline?q=%00",
    "/timeline?q=" + "word " * 400,
    "/timeline?q=" + quote('"unbalanced OR NEAR( * :'),
    "/timeline?q=" + quote("a:b -c ^d"),
    "/timeline?" + "&".join(f"entity=e{i}" for i in range(60)),
    "/timeline?entity=%00",
    f"/timeline?cursor={HUGE_CURSOR}",
    "/timeline?cursor=" + Cursor(Direction.NEXT, "1" * 40, 1).encode(),
    "/timeline?from=0000-01-01",
    "/timeline?from=99999",
    "/timeline?from=1&to=2",
    "/timeline?from=0001-01-01&to=9999-12-31",
    "/timeline?group=",
    "/timeline?kind=&status=&source=",
    "/entities?cursor=" + Cursor(Direction.NEXT, "2024-07-01", 3).encode(),
    "/entities?kind=%F0%9F%A6%84",
    "/entities?q=%22",
    "/quotes?speaker=" + "x" * 1000,
    "/quotes?from=2024-02-30",
    f"/quotes?cursor={HUGE_CURSOR}",
    "/articles?source=%00",
    "/articles?entity=nobody&from=2024-06",
    "/search?q=" + quote("*"),
    "/search?q=" + quote("ü"),
    "/search?q=" + quote("<script>alert(1)</script>"),
]


@pytest.mark.parametrize("url", NASTY)
def test_user_input_never_produces_a_500(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (200, 400, 404), (url, response.text[:300])
    assert "<script>alert(1)</script>" not in response.text


def test_a_400_page_names_the_parameter_and_value(client: TestClient) -> None:
    response = client.get("/quotes?from=2024-02-30")
    assert response.status_code == 400
    assert "from &#39;2024-02-30&#39; is not a date" in response.text


@pytest.mark.parametrize(("url", "_title"), PAGES)
def test_a_page_revalidates_with_its_etag(client: TestClient, url: str, _title: str) -> None:
    first = client.get(url)
    etag = first.headers["etag"]
    assert etag.startswith('W/"') and first.headers["cache-control"] == "no-cache"
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_error_pages_carry_no_etag(client: TestClient) -> None:
    missing = client.get("/entities/no-such-entity")
    assert missing.status_code == 404 and "etag" not in missing.headers
    assert client.get("/entities/no-such-entity", headers={"If-None-Match": "*"}).status_code == 404


def test_an_upgrade_changes_every_etag(site: Site) -> None:
    """The ETag names the code and templates too, so no browser keeps a page from before an
    upgrade: two builds of the same data answer with different validators."""
    app = app_for_tests(site.settings())
    with TestClient(app) as client:
        before = client.get("/timeline").headers["etag"]
        app.state.build_id = "another-build"
        assert client.get("/timeline").headers["etag"] != before
