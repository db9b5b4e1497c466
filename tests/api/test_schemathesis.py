"""Schemathesis (property-based) against the OpenAPI schema, in process through ASGI: for every
read endpoint, generated valid and invalid requests must never get a 5xx, and every answer
must match what the schema documents (status, media type, body, headers).

The database holds a few real demo articles ingested with the real spaCy model, plus the
hand-built corpus (events at every precision, while event extraction is being built). The
POST ingestion endpoint is excluded: it has its own tests and needs a token.

Positive requests may also get 400: a schema-valid value can still name nothing (an unknown
entity slug, `2024-02-30`, `from` after `to`), and a 400 problem naming it is the right
answer. Everything else schemathesis checks by default stays on.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings

from app.config import Settings
from app.ingest.batch import ingest_paths
from app.main import create_app
from app.store.database import Database
from app.store.migrate import upgrade
from tests.api.corpus import seed
from tests.conftest import ROOT

DEMO = ROOT / "demo" / "whitehouse"
DEMO_ITEMS = [
    "statements-releases/2024-07/2024-07-01-readout-of-principal-deputy-national-security-advisor-jon-finers-meeting-with-prime-minister-garry-conille-of-haiti.md",
    "statements-releases/2024-07/2024-07-18-letter-from-dr-kevin-oconnor-2.md",
    "speeches-remarks/2024-07/2024-07-29-remarks-by-president-biden-before-marine-one-departure-49.md",
    "presidential-actions/2024-07/2024-07-25-nominations-sent-to-the-senate-153.md",
    "blog/2024-07/2024-07-29-how-investing-in-equity-fosters-of-the-goals-of-investing-in-america.md",
]
EXAMPLES_PER_OPERATION = 15

CONFIG = schemathesis.Config.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {"expected-statuses": ["2xx", "304", "400", "404"]},
        },
        "generation": {"max-examples": EXAMPLES_PER_OPERATION, "deterministic": True},
    }
)


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    url = f"sqlite:///{tmp_path_factory.mktemp('schemathesis') / 'api.sqlite'}"
    app_settings = Settings(database_url=url, _env_file=None)
    database = Database.open(url)
    upgrade(database.engine)
    paths = [DEMO / item for item in DEMO_ITEMS]
    reporter = ingest_paths(paths, database.sessions, app_settings, processes=1, quiet=True)
    assert reporter.ingested == len(paths)
    seed(database)
    database.close()
    app = create_app(app_settings)
    yield app
    app.state.db.close()


def served_schema() -> schemathesis.BaseSchema:
    """The document /openapi.json serves, from an app over an empty in-memory database (the
    schema does not depend on data). Loaded at collection, because pytest needs the operations
    to name the tests; schemathesis' from_fixture loader does not run on pytest 9."""
    app = create_app(Settings(database_url="sqlite://", _env_file=None))
    document = app.openapi()
    app.state.db.close()
    schema = schemathesis.openapi.from_dict(document, config=CONFIG)
    return schema.include(method="GET", path_regex=r"^/api/v1/").exclude(path_regex=r"^/api/v1/ingest/")


schema = served_schema()


@pytest.mark.slow
@pytest.mark.xdist_group("schemathesis")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(case: schemathesis.Case, demo_app: FastAPI) -> None:
    case.call_and_validate(app=demo_app)


def test_the_demo_items_are_in_the_repository() -> None:
    assert all((DEMO / item).is_file() for item in DEMO_ITEMS)
