"""Root fixtures: a fresh migrated database per test (SQLite always, PostgreSQL too when
TEST_DATABASE_URL is set), settings pointing at it, and paths to the shared material."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine, text

from app.config import Settings
from app.extract import Extractor
from app.store.database import Database
from tests.migrated import SchemaPool, migrate, schema_url

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD_ARTICLE = SHARED / "corpus" / "wsj-2024-07-01-nato-kyiv.txt"
GOLD_FILE = SHARED / "gold" / "wsj-2024-07-01-nato-kyiv.json"
TEST_DATA = Path(__file__).resolve().parent / "data"
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]


def require_shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test cleanly when the material is not beside us."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is not beside this checkout)")
    return path


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long tests first, so that no worker starts one while the other has run dry. A module
    holding a long test moves whole, so its module fixtures are still built once."""
    long_modules = {item.module for item in items if item.get_closest_marker("long")}
    order = {module: n for n, module in enumerate(dict.fromkeys(item.module for item in items))}
    items.sort(
        key=lambda item: (
            item.module not in long_modules,
            order[item.module],
            not item.get_closest_marker("long"),
        )
    )


@contextmanager
def postgres_schema(prefix: str = "t") -> Iterator[str]:
    """The URL of a new, empty PostgreSQL schema, dropped afterwards."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield schema_url(POSTGRES_URL, schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real pipeline, loaded once per test worker."""
    return Extractor(Settings().spacy_model)


@pytest.fixture(scope="session")
def schema_pool() -> Iterator[SchemaPool]:
    """This worker's reusable migrated PostgreSQL schemas (tests/migrated.py)."""
    pool = SchemaPool(POSTGRES_URL)
    yield pool
    pool.close()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new database: a SQLite file, or a PostgreSQL schema. Empty, unless the test also asks
    for `db`: then a PostgreSQL schema is already migrated (one an earlier test emptied)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    if "db" in request.fixturenames:
        with request.getfixturevalue("schema_pool").migrated() as url:
            yield url
        return
    with postgres_schema() as url:
        yield url


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, _env_file=None)


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database.open(settings.database_url)
    migrate(database.engine)
    yield database
    database.close()


@pytest.fixture
def story_client(db: Database, settings: Settings) -> Iterator[TestClient]:
    """The app over three reports of one summit and one other happening (tests/store/test_stories.py)."""
    from fastapi.testclient import TestClient

    from app.domain import EventKind
    from app.main import create_app
    from tests.store.test_stories import OTHER, store_all, summit_article, summit_items

    store_all(db, [*summit_items(), summit_article(9, *OTHER, kind=EventKind.ANNOUNCEMENT)])
    app = create_app(settings)
    with TestClient(app) as test_client:
        yield test_client
    app.state.db.close()
