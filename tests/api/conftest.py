"""API fixtures: the hand-built corpus stored in a fresh database, and a client of the app
over it.

`client` gets a database of its own per test (for tests that write or patch); `read_client`
shares one per module and backend, for the many tests that only read, since migrating and
seeding a database costs more than the requests a test makes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from app.config import Settings
from app.main import create_app
from app.store.database import Database
from tests.api.corpus import seed
from tests.conftest import BACKENDS, POSTGRES_URL
from tests.migrated import migrate, schema_url


@pytest.fixture
def seeded(db: Database) -> Database:
    seed(db)
    return db


@pytest.fixture
def client(seeded: Database, settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings)
    with TestClient(app) as test_client:
        yield test_client
    app.state.db.close()


@pytest.fixture(scope="module", params=BACKENDS)
def read_client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """A client over the seeded corpus, shared by a module's tests: they must not write."""
    schema = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'read.sqlite'}"
    else:
        schema = f"r_{uuid.uuid4().hex[:12]}"
        with create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        url = schema_url(POSTGRES_URL, schema)
    database = Database.open(url)
    migrate(database.engine)
    seed(database)
    database.close()
    app = create_app(Settings(database_url=url, _env_file=None))
    try:
        with TestClient(app) as test_client:
            yield test_client
    finally:
        app.state.db.close()
        if schema:
            admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()
