"""The pages in a real browser: Debian's Chromium driven by Playwright against a live
uvicorn server on the test site's database. Loads every page at a phone and a wide width,
clicks timeline → entity → quote → article, applies a filter, uses the keyboard, checks the
console stays clean and axe-core finds no serious or critical violation; screenshots of the
walks, and of any page axe faults, go to test-output/browser/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.request import urlopen

import pytest

from tests.conftest import ROOT
from tests.web.conftest import Site
from tests.web.live import live_server

pytestmark = pytest.mark.slow

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SHOTS = ROOT / "test-output" / "browser"
VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "wide": {"width": 1366, "height": 900},
    "wide-dark": {"width": 1366, "height": 900},
}
WIRE_TITLE = "Ministers to gather in Brussels as alliance fund takes shape"


@pytest.fixture(scope="module")
def server(site: Site) -> Iterator[str]:
    if not site.database_url.startswith("sqlite"):
        pytest.skip("the browser run once, on SQLite")
    with live_server(site.database_url) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


class Tab:
    """A page that records console errors and failed requests."""

    def __init__(self, browser, base: str, viewport: str = "wide") -> None:  # type: ignore[no-untyped-def]
        self.base = base
        self.viewport = viewport
        scheme = "dark" if viewport.endswith("dark") else "light"
        self.context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", self._failed)

    def _failed(self, request) -> None:  # type: ignore[no-untyped-def]
        # a fetch cut short by leaving the page (a suggestion asked for as the form is sent)
        # is the browser's doing, not a failure of the site
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"{request.url} failed ({request.failure})")

    def open(self, path: str):  # type: ignore[no-untyped-def]
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, path
        return self.page

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=SHOTS / f"{name}-{self.viewport}.png", full_page=True)

    def axe(self) -> list[dict]:  # type: ignore[type-arg]
        # evaluated, not added as a <script>: the site's Content-Security-Policy (rightly)
        # refuses inline script, and a test must see the pages as served
        self.page.evaluate(AXE.read_text(encoding="utf-8"))
        return self.page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
                .map(v => ({id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))"""
        )

    def close(self) -> None:
        self.context.close()


def site_pages(site: Site, server: str) -> dict[str, str]:
    """A page of every type: the lists, one of each item, search, status, the API docs."""
    wire = site.article_ids[WIRE_TITLE]
    event = api_first(server, "/api/v1/events?limit=1&from=1900")
    quote = api_first(server, "/api/v1/quotes?limit=1")
    return {
        "home": "/",
        "timeline": "/timeline",
        "timeline-wire-by-month": "/timeline?source=test-wire&group=month&from=1900",
        "timeline-compact": "/timeline?layout=compact&from=1900",
        "key-events": "/key-events",
        "story": f"/stories/{event['story']['id']}",
        "event": f"/events/{event['id']}",
        "entities": "/entities",
        "entity": "/entities/ada-quill",
        "quotes": "/quotes",
        "quote": f"/quotes/{quote['id']}",
        "articles": "/articles",
        "article": f"/articles/{wire}",
        "search": "/search?q=brussels",
        "status": "/status",
        "docs": "/docs",
        "not-found": "/entities/no-such-entity",
    }


def api_first(server: str, path: str) -> dict:  # type: ignore[type-arg]
    with urlopen(server + path) as response:
        return json.load(response)["items"][0]


@pytest.mark.long
@pytest.mark.parametrize("viewport", ["wide", "phone", "wide-dark"])
def test_every_page_loads_clean_and_passes_axe(browser, server: str, site: Site, viewport: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, server, viewport)
    problems: dict[str, list] = {}  # type: ignore[type-arg]
    try:
        for name, path in site_pages(site, server).items():
            if name == "docs" and viewport == "phone":
                continue  # Swagger UI's own narrow layout; its colours are checked at the wide sizes
            if name == "not-found":
                tab.page.goto(server + path)
                tab.errors[:] = [e for e in tab.errors if "404" not in e]  # the page's own status
            else:
                tab.open(path)
            if name == "docs":  # drawn by Swagger UI once its script has run
                tab.page.locator(".opblock-summary-path").first.wait_for()
            assert tab.page.title().endswith("· Dateline"), name
            serious = [v for v in tab.axe() if v["impact"] in ("serious", "critical")]
            if serious:
                problems[name] = serious
                tab.shot(name)  # (a shot of every page cost a third of the test)
        assert not problems, problems
        assert tab.errors == []
    finally:
        tab.close()


def test_click_from_timeline_to_entity_to_quote_to_article(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, server)
    page = tab.page
    try:
        tab.open("/timeline?source=test-wire&from=1900")
        tab.shot("walk-1-timeline")
        page.get_by_role("link", name="Ada Quill").first.click()
        page.wait_for_url("**/entities/ada-quill")
        assert page.locator("h1").inner_text() == "Ada Quill"
        tab.shot("walk-2-entity")
        page.get_by_role("link", name="“The vote changed the race.”").first.click()
        page.wait_for_url("**/quotes/*")
        assert page.locator("mark").first.inner_text() == "The vote changed the race."
        tab.shot("walk-3-quote")
        page.locator(".provenance a").first.click()
        page.wait_for_url("**/articles/*#s1")
        target = page.evaluate("() => document.querySelector(':target').id")
        assert target == "s1"
        background = page.evaluate(
            "() => getComputedStyle(document.querySelector(':target')).backgroundColor"
        )
        assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the sentence is highlighted"
        tab.shot("walk-4-article")
        assert tab.errors == []
    finally:
        tab.close()


def test_applying_a_filter_gives_its_permalink(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, server)
    page = tab.page
    try:
        tab.open("/timeline")
        page.select_option("#tl-kind", "meeting")
        page.fill("#tl-from", "1900")
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url("**/timeline?*kind=meeting*")
        assert page.url.endswith("/timeline?kind=meeting&from=1900&order=newest")  # no empty fields
        kinds = page.locator(".event .badge-kind").all_text_contents()
        assert kinds and set(kinds) == {"meeting"}
        assert page.locator(".active-filters").inner_text().count("×") == 2
        tab.shot("filtered-timeline")
        # a density bar opens its period
        page.locator(".density-chart a").first.click()
        page.wait_for_url("**/timeline?*to=*")
        assert page.locator(".period").count() >= 1
        assert tab.errors == []
    finally:
        tab.close()


def test_keyboard_and_expanding_an_events_sentence(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, server)
    page = tab.page
    try:
        tab.open("/timeline?source=test-wire&from=1900&view=reports")  # every report, with its sentence
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.textContent") == "Skip to content"
        page.keyboard.press("j")
        focused = page.evaluate("() => document.activeElement.closest('[data-item]').id")
        assert focused.startswith("e")
        page.keyboard.press("j")
        second = page.evaluate("() => document.activeElement.closest('[data-item]').id")
        assert second != focused
        page.keyboard.press("/")
        assert page.evaluate("() => document.activeElement.id") == "site-q"
        details = page.locator(".source-sentence").first
        assert not details.locator("blockquote").is_visible()
        details.locator("summary").click()
        assert details.locator("blockquote mark").is_visible()
        assert tab.errors == []
    finally:
        tab.close()


def test_hovering_a_date_shows_its_resolved_value(browser, server: str, site: Site) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, server)
    page = tab.page
    try:
        tab.open(f"/articles/{site.article_ids[WIRE_TITLE]}")
        selector = 'time.timex[datetime="2024-W28"]'
        page.locator(selector).hover()
        shown = page.evaluate(
            "(s) => getComputedStyle(document.querySelector(s), '::after').content", selector
        )
        assert "week of July 8, 2024" in shown
        tab.shot("article-date-hover")
        assert tab.errors == []
    finally:
        tab.close()


def test_docs_render_their_operations_with_the_outside_network_blocked(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, server)
    outside: list[str] = []

    def only_this_site(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    try:
        tab.context.route("**/*", only_this_site)
        page = tab.open("/docs")
        page.locator(".opblock-summary-path").first.wait_for()
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        assert "/api/v1/events" in paths and len(paths) >= 10
        tab.shot("api-docs")
        assert outside == [] and tab.errors == []
    finally:
        tab.close()


def test_typing_a_name_into_the_entity_filter_gives_its_timeline(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, server)
    page = tab.page
    try:
        tab.open("/timeline?from=1900")
        page.locator("#tl-entity").press_sequentially("Quil", delay=30)
        # the box's suggestions come from /api/v1/entities?q= as the reader types
        page.wait_for_function(
            "() => [...document.querySelectorAll('#tl-entity-list option')]"
            ".some(o => o.value === 'Ada Quill')"
        )
        page.fill("#tl-entity", "Ada Quill")
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url("**/timeline?*entity=Ada+Quill*")
        assert page.locator("h1").inner_text().startswith("Timeline: with Ada Quill")
        assert page.locator(".story, .event").count() >= 1
        tab.shot("typed-entity-timeline")
        assert tab.errors == []
    finally:
        tab.close()


def test_every_export_link_answers_with_the_pages_filter(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, server)
    page = tab.page
    try:
        pages = ("/timeline?entity=Ada+Quill&from=1900", "/entities/ada-quill", "/quotes?speaker=ada-quill")
        for path in pages:
            tab.open(path)
            hrefs = page.eval_on_selector_all("a[data-export]", "links => links.map(a => a.href)")
            assert len(hrefs) >= 2, path
            for href in hrefs:
                response = page.request.get(href)
                assert response.status == 200, href
                assert "ada-quill" in href, href  # the page's filter, by its slug
        tab.shot("export-box")
        assert tab.errors == []
    finally:
        tab.close()


def test_a_search_ranks_the_exact_name_first_and_marks_the_words(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, server)
    page = tab.page
    try:
        tab.open("/")
        page.fill("#home-q", "nato")  # the home page's one search box
        page.keyboard.press("Enter")
        page.wait_for_url("**/search?q=nato")
        names = page.locator(".entity-name").all_inner_texts()
        assert names[0] == "NATO" and all("nato" in n.lower() for n in names), names
        marks = page.locator(".hit-text mark").all_inner_texts()
        assert marks and {m.lower() for m in marks} == {"nato"}
        tab.shot("search-ranked")
        assert tab.errors == []
    finally:
        tab.close()


def test_the_compact_timeline_fits_about_25_rows_a_screen(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, server)
    page = tab.page
    try:
        tab.open("/timeline?from=1900&view=reports")
        page.get_by_role("link", name="Compact", exact=True).click()
        page.wait_for_url("**/timeline?*layout=compact*")
        rows = page.locator(".row")
        heights = rows.evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
        assert heights and max(heights) <= 900 / 25, heights  # 25 rows to a 900-pixel screen
        first = rows.first
        first.locator("summary").click()
        assert first.locator("blockquote").is_visible()  # the sentence on demand
        assert page.locator(".density-y span").first.inner_text().strip() != ""
        assert page.locator(".density-chart .here").count() == 1
        tab.shot("compact-timeline")
        page.fill("#tl-at", "2024-07-08")
        page.get_by_role("button", name="Go").click()
        page.wait_for_url("**/timeline?*cursor=*")
        assert "layout=compact" in page.url
        assert tab.errors == []
    finally:
        tab.close()
