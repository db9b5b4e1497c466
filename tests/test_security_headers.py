"""What every answer tells a browser, through a live server: a strict Content-Security-Policy,
nosniff, no framing, a referrer policy; HEAD wherever GET works; 405 naming what is allowed;
401 with its challenge; and a burst of made-up tokens that costs the database no write. The
templates and static files are audited for inline script and style, which the policy refuses."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import ExitStack

import httpx2
import pytest
from sqlalchemy import text

from app.store.database import Database
from app.store.engine import transaction
from app.store.tokens import create_token
from tests.conftest import BACKENDS, ROOT, postgres_schema
from tests.migrated import migrate
from tests.web.live import live_server

ANSWERS = [
    "/",
    "/timeline",
    "/articles/999999",
    "/api/v1/events",
    "/api/v1/events.csv",
    "/api/v1/nope",
    "/static/site.css",
    "/status",
    "/metrics",
    "/openapi.json",
    "/docs",
]


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One migrated database per backend for the module, so that one server serves it."""
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('headers') / 'headers.sqlite'}"
        else:
            url = stack.enter_context(postgres_schema("headers"))
        database = Database.open(url)
        migrate(database.engine)
        stack.callback(database.close)
        yield database


@pytest.fixture(scope="module")
def server(db: Database) -> Iterator[str]:
    with live_server(db.engine.url.render_as_string(hide_password=False)) as base:
        yield base


def test_every_answer_carries_the_security_headers(server: str) -> None:
    for path in ANSWERS:
        response = httpx2.get(server + path)
        assert response.status_code < 500, path
        policy = response.headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["frame-ancestors"] == "'none'", path
        assert directives["default-src"] == "'none'", path
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, path
        assert directives["base-uri"] == "'none'" and directives["object-src"] == "'none'", path
        assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'", path
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["x-frame-options"] == "DENY", path
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin", path


def test_the_docs_page_has_no_inline_script_and_nothing_from_elsewhere(server: str) -> None:
    response = httpx2.get(server + "/docs")
    assert re.findall(r"<script>", response.text) == []
    assert "style=" not in response.text and "<style" not in response.text
    sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    elsewhere = [s for s in sources if re.match(r"[a-z]+:", s) and not s.startswith(server)]
    assert sources and elsewhere == []
    for asset in re.findall(r'src="(/static/[^"]+)"', response.text):
        assert httpx2.get(server + asset).status_code == 200, asset
    directives = dict(d.strip().split(" ", 1) for d in response.headers["content-security-policy"].split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"  # Swagger UI's icons


def test_head_answers_like_get_without_a_body(server: str) -> None:
    for path in ("/", "/timeline", "/entities", "/api/v1/events", "/api/v1/events.csv", "/static/site.js"):
        get, head = httpx2.get(server + path), httpx2.head(server + path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"", path
        assert head.headers.get("etag") == get.headers.get("etag"), path
        assert head.headers["content-type"] == get.headers["content-type"], path
    assert httpx2.head(server + "/articles/999999").status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("POST", "/timeline", "GET, HEAD"),
        ("DELETE", "/api/v1/events", "GET, HEAD"),
        ("PUT", "/api/v1/articles", "GET, HEAD, POST"),
        ("POST", "/static/site.css", "GET, HEAD"),
        ("POST", "/entities/someone", "GET, HEAD"),
        ("PATCH", "/docs", "GET, HEAD"),
    ],
)
def test_405_names_the_allowed_methods(server: str, method: str, path: str, allow: str) -> None:
    response = httpx2.request(method, server + path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow


def test_401_carries_a_bearer_challenge(server: str) -> None:
    missing = httpx2.post(server + "/api/v1/articles", json={"text": "x"})
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == 'Bearer realm="dateline"'
    wrong = httpx2.post(
        server + "/api/v1/articles", json={"text": "x"}, headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"] == 'Bearer realm="dateline", error="invalid_token"'


def test_a_burst_of_made_up_tokens_is_answered_while_a_writer_holds_the_database(
    server: str, db: Database
) -> None:
    """An UPDATE per bad token would wait for the writer (SQLite's one write lock, or the
    token table's lock on PostgreSQL); a read does not."""
    with transaction(db.sessions) as session:
        create_token(session, "real")
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.execute(text("BEGIN"))
            conn.execute(text("LOCK TABLE api_tokens IN EXCLUSIVE MODE"))
        answers: list[int] = []

        def burst() -> None:
            with httpx2.Client(timeout=10) as client:
                for i in range(40):
                    headers = {"Authorization": f"Bearer fake-{i}"}
                    answers.append(
                        client.post(
                            server + "/api/v1/articles", json={"text": "x"}, headers=headers
                        ).status_code
                    )

        thread = threading.Thread(target=burst)
        thread.start()
        thread.join(timeout=20)
        conn.rollback()
    thread.join()
    assert answers == [401] * 40


def test_templates_hold_no_inline_script_or_style() -> None:
    """The policy refuses inline script and style; they belong in static/ files."""
    problems = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        for pattern, what in [
            # a JSON-LD data block is never run, so the policy has nothing to say about it
            (r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/ld\+json\")[^>]*>", "an inline <script>"),
            (r"<style\b", "a <style> block"),
            (r"\sstyle=", "a style= attribute"),
            (r"\son[a-z]+\s*=", "an on…= event handler attribute"),
            (r"javascript:", "a javascript: URL"),
        ]:
            if re.search(pattern, source, re.I):
                problems.append(f"{path.relative_to(ROOT)}: {what}")
    for path in sorted((ROOT / "static").rglob("*.js")):
        source = path.read_text(encoding="utf-8")
        for pattern, what in [
            (r"\beval\(|new Function\(", "eval (refused by the policy)"),
            (r"\.setAttribute\(\s*['\"]style['\"]|\.style\.cssText\s*=", "a style attribute set from script"),
        ]:
            if re.search(pattern, source):
                problems.append(f"{path.relative_to(ROOT)}: {what}")
    assert not problems, problems
