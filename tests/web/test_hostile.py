"""The hostile corpus (tests/data/hostile/) through every reader, the POST API and the queue
worker into a real database, then every page, API answer and export crawled: no link that
runs script (`javascript:`, `data:`, `vbscript:` in any case or spacing) anywhere, no 5xx, and
every dropped link noted on its article. The article pages are also opened in Chromium."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.ingest.batch import Ingester
from app.ingest.progress import Reporter
from app.ingest.queue import QueueWorker
from app.ingest.readers import read_paths
from app.store.database import Database
from app.store.engine import transaction
from app.store.models import Article, IngestItem
from app.store.tokens import create_token
from tests.conftest import BACKENDS, TEST_DATA, postgres_schema
from tests.ingest.service_support import shared_extractor
from tests.migrated import migrate
from tests.web.conftest import app_for_tests
from tests.web.live import live_server
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.slow

HOSTILE = TEST_DATA / "hostile"
SEEDS = [
    "/",
    "/timeline",
    "/timeline?group=month",
    "/articles",
    "/entities",
    "/quotes",
    "/search?q=budget",
    "/search?q=%E2%80%AEexe",
    "/status",
    "/api/v1/events",
    "/api/v1/entities",
    "/api/v1/quotes",
    "/api/v1/articles",
    "/api/v1/overview",
    "/api/v1/stats",
    "/api/v1/search?q=strike",
    "/api/v1/events.csv",
    "/api/v1/quotes.csv",
    "/api/v1/entities.csv",
    "/api/v1/events.ics",
    "/api/v1/events.atom",
    "/api/v1/events/timelinejs.json",
]
MAX_PAGES = 400
# an attribute that a browser follows or runs, whose value opens with a scheme that runs script
_DANGEROUS_ATTRIBUTE = re.compile(
    r"""\b(?:href|src|action|formaction|xlink:href|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I
)
_DANGEROUS_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.I)
_URL_KEYS = re.compile(r"(^|_)(url|href|link)$", re.I)


def dangerous(value: str) -> bool:
    """Would a browser read `value` as a script-running URL? (edge spaces and controls
    stripped, tabs and newlines removed, as the WHATWG URL parser does)."""
    cleaned = re.sub(r"[\t\n\r]", "", html.unescape(value).strip("".join(map(chr, range(0x21)))))
    return bool(_DANGEROUS_SCHEME.match(cleaned))


def dangerous_in_markup(body: str) -> list[str]:
    return [
        v
        for m in _DANGEROUS_ATTRIBUTE.finditer(body)
        if dangerous(v := next(g for g in m.groups() if g is not None))
    ]


def dangerous_in_json(value: object, key: str = "") -> list[str]:
    if isinstance(value, dict):
        return [hit for k, v in value.items() for hit in dangerous_in_json(v, str(k))]
    if isinstance(value, list):
        return [hit for v in value for hit in dangerous_in_json(v, key)]
    if isinstance(value, str):
        if _URL_KEYS.search(key) and dangerous(value):
            return [value]
        if "<" in value:  # an HTML fragment (TimelineJS text, Atom content)
            return dangerous_in_markup(value)
    return []


@dataclass(frozen=True)
class HostileSite:
    database_url: str
    post_statuses: dict[str, int]  # what the API answered each POST, by label


def _post_everything(client: TestClient, token: str) -> dict[str, int]:
    """Each hostile Markdown file as a raw POST without ?url= (a changed line, so it is not a
    duplicate of the file ingested from disk), each JSON Lines record as a JSON POST, and raw
    bodies with a hostile ?url=."""
    headers = {"Authorization": f"Bearer {token}"}
    statuses: dict[str, int] = {}
    for path in sorted(HOSTILE.glob("*.md")):
        body = path.read_text(encoding="utf-8") + "\nPosted through the API.\n"
        response = client.post(
            "/api/v1/articles", content=body.encode(), headers={**headers, "Content-Type": "text/markdown"}
        )
        statuses[f"markdown {path.name}"] = response.status_code
    for i, line in enumerate((HOSTILE / "lines-hostile.jsonl").read_text().splitlines()):
        record = json.loads(line)
        record["text"] += " Posted as JSON."
        response = client.post("/api/v1/articles", json=record, headers=headers)
        statuses[f"json line {i + 1}"] = response.status_code
    for scheme in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", " data:text/html,x", "vbscript:x"):
        response = client.post(
            "/api/v1/articles",
            params={"url": scheme, "title": "Query URL"},
            content=b"The mayor said on Monday that the bridge would reopen in June.",
            headers={**headers, "Content-Type": "text/plain"},
        )
        statuses[f"raw ?url={scheme}"] = response.status_code
    return statuses


def _fill(database_url: str) -> HostileSite:
    settings = Settings(database_url=database_url, _env_file=None)
    db = Database.open(database_url)
    migrate(db.engine)
    ingester = Ingester(db.sessions, settings, extractor=shared_extractor(), processes=1)
    ingester.run(read_paths([HOSTILE], settings), Reporter(total=None, quiet=True))
    with transaction(db.sessions) as session:
        _, token = create_token(session, "hostile")
    with TestClient(app_for_tests(settings)) as client:
        statuses = _post_everything(client, token)
    worker = QueueWorker(db.sessions, ingester, "hostile-worker")
    while worker.work_batch():
        pass
    db.close()
    return HostileSite(database_url, statuses)


@pytest.fixture(scope="module", params=BACKENDS)
def hostile(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HostileSite]:
    if request.param == "sqlite":
        yield _fill(f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'hostile.sqlite'}")
        return
    with postgres_schema("hostile") as url:
        yield _fill(url)


def _internal_links(body: str) -> list[str]:
    found = []
    for m in re.finditer(r'href="(/[^"#]*)"', body):
        link = html.unescape(m.group(1))
        if not link.startswith(("//", "/static/")):
            found.append(link)
    return found


def test_every_stored_link_is_http_and_every_dropped_one_is_noted(hostile: HostileSite) -> None:
    db = Database.open(hostile.database_url)
    with db.sessions() as session:
        articles = list(session.scalars(select(Article)))
        failed = list(session.scalars(select(IngestItem).where(IngestItem.status == "failed")))
    db.close()
    assert not failed, [(i.origin, i.error) for i in failed]
    assert len(articles) >= 18  # 15 read from disk, 3 POSTed (the JSON one shares a URL: a duplicate)
    for article in articles:
        assert article.url is None or urlsplit(article.url).scheme in ("http", "https"), article.url
        assert "\u202e" not in article.title and "\x00" not in article.title
    noted = [a for a in articles if any(n.startswith("link dropped: ") for n in a.notes)]
    schemes = {n.split(": ")[1] for a in noted for n in a.notes if n.startswith("link dropped: ")}
    assert {"javascript", "vbscript", "data"} <= schemes
    assert any(a.url == "https://hostile.example.com/2024/03/07/relative-story" for a in articles)


def test_the_api_refuses_a_script_url_and_takes_the_rest(hostile: HostileSite) -> None:
    statuses = hostile.post_statuses
    assert all(code == 202 for label, code in statuses.items() if label.startswith("markdown")), statuses
    assert statuses["json line 1"] == 422 and statuses["json line 2"] == 422  # javascript:, DATA:
    assert statuses["json line 3"] == 422  # a NUL in a field is refused (PostgreSQL cannot store it)
    assert all(code == 422 for label, code in statuses.items() if label.startswith("raw ?url=")), statuses


@pytest.mark.long
def test_no_page_answer_or_export_links_to_script_or_fails(hostile: HostileSite) -> None:
    settings = Settings(database_url=hostile.database_url, _env_file=None)
    seen: set[str] = set()
    queue = list(SEEDS)
    problems: list[str] = []
    with TestClient(app_for_tests(settings), base_url="http://dateline.test") as client:
        while queue and len(seen) < MAX_PAGES:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            response = client.get(path)
            if response.status_code >= 500:
                problems.append(f"{path}: {response.status_code}")
                continue
            kind = response.headers.get("content-type", "")
            body = response.text
            if "json" in kind:
                hits = dangerous_in_json(response.json())
            else:
                hits = dangerous_in_markup(body)
                if "html" in kind:
                    queue.extend(link for link in _internal_links(body) if link not in seen)
            problems.extend(f"{path}: {hit!r}" for hit in hits)
    assert any(p.startswith("/articles/") for p in seen) and any(p.startswith("/entities/") for p in seen)
    assert not problems, problems


def test_article_pages_run_no_script_in_a_browser(hostile: HostileSite, tmp_path: Path) -> None:
    if not hostile.database_url.startswith("sqlite"):
        pytest.skip("the browser runs once, on SQLite")
    sync_api = pytest.importorskip("playwright.sync_api")
    db = Database.open(hostile.database_url)
    with db.sessions() as session:
        ids = list(session.scalars(select(Article.id)))
    db.close()
    with live_server(hostile.database_url) as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for article_id in ids:
            page.goto(f"{base}/articles/{article_id}")
            protocols = page.eval_on_selector_all("a[href]", "els => els.map(e => e.protocol)")
            assert set(protocols) <= {"http:", "https:"}, (article_id, protocols)
            for link in page.query_selector_all("a[rel~=external]"):
                link.click(modifiers=["Control"])  # would run a javascript: link in place
        browser.close()
    assert not dialogs


def test_a_bidi_control_typed_into_a_query_is_not_printed_back(hostile: HostileSite) -> None:
    """Readers strip bidi controls at ingest; what a page echoes from its own URL is stripped as
    it is printed (a U+202E in a search would reverse the text after it on the page)."""
    settings = Settings(database_url=hostile.database_url, _env_file=None)
    typed = "\u202egnp.exe sanctions\u2066"
    with TestClient(app_for_tests(settings)) as client:
        for path in ("/search", "/timeline", "/quotes", "/entities"):
            page = client.get(path, params={"q": typed})
            assert page.status_code == 200, path
            assert "gnp.exe" in page.text, path  # the words are echoed…
            assert "\u202e" not in page.text and "\u2066" not in page.text, path  # …the controls not
