"""`dateline reprocess` retires the entity records an older pipeline made and the new one merges
or drops: their old URLs answer 301 to the surviving record (page and API) or 410, on a real
database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set). The article is written here."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app import domain
from app.config import Settings
from app.extract import Extractor
from app.ingest.batch import Ingester
from app.ingest.progress import Reporter
from app.ingest.reprocess import reprocess
from app.main import create_app
from app.store.database import Database
from app.store.engine import transaction
from app.store.models import Entity, EntityRedirect
from app.store.writer import store_article

pytestmark = pytest.mark.slow

BODY = (
    "Lastly, the U.S. and Canada signed the accord in Ottawa on Monday. "
    "The United States will host the next round."
)


@pytest.fixture(scope="module")
def shared_extractor() -> Extractor:
    return Extractor(Settings(_env_file=None).spacy_model)


def _old_extraction() -> domain.Extraction:
    """What an older pipeline stored: "U.S." and "United States" as two records, and "Lastly"."""

    def entity(key: str, kind: domain.EntityKind, *surfaces: str) -> domain.Entity:
        mentions = []
        for surface in surfaces:
            start = BODY.index(surface)
            mentions.append(domain.Mention(start, start + len(surface), surface, 0 if start < 67 else 1))
        return domain.Entity(key=key, kind=kind, name=surfaces[0], mentions=tuple(mentions))

    return domain.Extraction(
        language="en",
        pipeline_version="old",
        sentences=(domain.SentenceSpan(0, 0, 67), domain.SentenceSpan(1, 68, len(BODY))),
        entities=(
            entity("e1", domain.EntityKind.ORGANIZATION, "Lastly"),
            entity("e2", domain.EntityKind.PLACE, "U.S."),
            entity("e3", domain.EntityKind.PLACE, "United States"),
            entity("e4", domain.EntityKind.PLACE, "Canada"),
        ),
    )


def test_reprocess_redirects_merged_and_drops_junk_entities(
    db: Database, settings: Settings, shared_extractor: Extractor
) -> None:
    record = domain.ArticleRecord(title="Accord signed", body=BODY, published=dt.date(2024, 7, 1))
    with transaction(db.sessions) as session:
        store_article(session, record, _old_extraction())
    with db.sessions() as session:
        slugs = set(session.scalars(select(Entity.slug)))
    assert {"lastly", "us", "united-states", "canada"} <= slugs

    reporter = Reporter(total=None, stream=io.StringIO(), quiet=True)
    reprocess(Ingester(db.sessions, settings, extractor=shared_extractor, processes=1), reporter)
    assert reporter.ingested == 1 and reporter.failed == 0

    with db.sessions() as session:
        live = set(session.scalars(select(Entity.slug)))
        retired = {s: t for s, t in session.execute(select(EntityRedirect.slug, EntityRedirect.target_slug))}
    assert "us" not in live and "lastly" not in live and "united-states" in live
    assert retired == {"us": "united-states", "lastly": None}

    with TestClient(create_app(settings), base_url="http://dateline.test") as client:
        page = client.get("/entities/us?tab=quotes", follow_redirects=False)
        assert page.status_code == 301
        assert page.headers["location"].endswith("/entities/united-states?tab=quotes")
        api = client.get("/api/v1/entities/us", follow_redirects=False)
        assert api.status_code == 301
        assert api.headers["location"].endswith("/api/v1/entities/united-states")
        assert client.get("/api/v1/entities/us").json()["entity"]["name"] == "United States"
        gone = client.get("/api/v1/entities/lastly")
        assert gone.status_code == 410
        assert gone.headers["content-type"].startswith("application/problem+json")
        assert client.get("/entities/lastly").status_code == 410
        assert client.get("/entities/no-such-entity").status_code == 404


def test_a_retired_slug_is_never_given_to_a_new_record(db: Database) -> None:
    from app.store.linking import unique_slugs

    with transaction(db.sessions) as session:
        session.add(EntityRedirect(slug="us", target_slug="united-states"))
    with db.sessions() as session:
        assert unique_slugs(session, ["U.S."]) == ["us-2"]
