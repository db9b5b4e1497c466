"""Schemathesis (property-based) against the OpenAPI schema, in process through ASGI, with every
check it has (`--checks all`): for every read endpoint, the ingest status endpoint and the POST
of an article (with a token), generated valid and invalid requests must never get a 5xx, every
answer must match what the schema documents (status, media type, body, headers), schema-invalid
requests must be refused and schema-valid ones accepted: the schema states the limits the server
enforces.

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
from schemathesis.checks import CHECKS, load_all_checks

from app.config import Settings
from app.ingest.batch import ingest_paths
from app.main import create_app
from app.store.database import Database
from app.store.engine import transaction
from app.store.tokens import create_token
from tests.api.corpus import seed
from tests.conftest import ROOT
from tests.migrated import migrate

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
    migrate(database.engine)
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
    return schema.include(path_regex=r"^/api/v1/")


@schemathesis.serializer("text/plain", "text/markdown", "text/html")
def raw_text(_ctx: object, value: object) -> bytes:
    """A raw article body. A value that is no string (schemathesis sends one when it tests that
    a body of the wrong type is refused) is sent as bytes that are text in no charset: the
    closest an HTTP body comes to "not a string" (by default it would send `str(value)`, which
    is a perfectly good text body)."""
    if isinstance(value, bytes):
        return value
    return value.encode("utf-8") if isinstance(value, str) else b"\xff\xfe\x00\xff"


# Every check schemathesis has, as `--checks all` runs them.
load_all_checks()
ALL_CHECKS = list(CHECKS.get_all())


schema = served_schema()


@pytest.fixture(scope="session")
def poster(demo_app: FastAPI) -> dict[str, str]:
    """A token's header, and no rate limit to meet: every generated POST is a new item."""
    with transaction(demo_app.state.db.sessions) as session:
        _, plain = create_token(session, "schemathesis")
    demo_app.state.settings = demo_app.state.settings.model_copy(update={"post_rate_per_minute": 10**9})
    return {"Authorization": f"Bearer {plain}"}


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
def test_api_answers_as_documented(
    case: schemathesis.Case, demo_app: FastAPI, poster: dict[str, str]
) -> None:
    # on the schema, not per call: checks that send more requests (ignored_auth, use_after_free)
    # reach the same app
    case.operation.schema.app = demo_app
    headers = poster if case.method == "POST" else None
    case.call_and_validate(app=demo_app, headers=headers, checks=ALL_CHECKS)


def test_the_demo_items_are_in_the_repository() -> None:
    assert all((DEMO / item).is_file() for item in DEMO_ITEMS)
