"""Web-test fixtures: one database per backend, filled once per session by real ingestion
(see site_data.py), and clients on it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.testclient import TestClient

from app import domain
from app.config import Settings
from app.main import create_app
from tests.conftest import BACKENDS, postgres_schema
from tests.web.site_data import extract_corpus, fill


@dataclass(frozen=True)
class Site:
    database_url: str
    article_ids: dict[str, int]  # by title

    def settings(self, **overrides: object) -> Settings:
        return Settings(database_url=self.database_url, _env_file=None, **overrides)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def extracted() -> list[tuple[domain.ArticleRecord, domain.Extraction]]:
    return extract_corpus(Settings(_env_file=None))


@pytest.fixture(scope="session", params=BACKENDS)
def site(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    extracted: list[tuple[domain.ArticleRecord, domain.Extraction]],
) -> Iterator[Site]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('site') / 'site.sqlite'}"
        yield Site(url, fill(url, extracted))
        return
    with postgres_schema("web") as url:
        yield Site(url, fill(url, extracted))


def app_for_tests(settings: Settings) -> FastAPI:
    """The app without GZip, whose middleware drops the "http.response.debug" message that
    carries a page's template context to the test client."""
    app = create_app(settings)
    app.user_middleware = [m for m in app.user_middleware if m.cls is not GZipMiddleware]
    return app


@pytest.fixture(scope="session")
def client(site: Site) -> Iterator[TestClient]:
    with TestClient(app_for_tests(site.settings()), base_url="http://dateline.test") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def small_pages(site: Site) -> Iterator[TestClient]:
    """Two events a page, so paging shows on a small database."""
    app = app_for_tests(site.settings(page_size=2))
    with TestClient(app, base_url="http://dateline.test") as test_client:
        yield test_client


def links(html: str, pattern: str) -> list[str]:
    """hrefs in `html` matching the regular expression `pattern` (unescaped)."""
    hrefs = [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', html)]
    return [h for h in hrefs if re.search(pattern, h)]
