"""A q filter looks its matches up once per request in the full-text index (PostgreSQL: the
partial GIN index of the kind), bounded to the newest MATCH_BOUND stored: the timeline's list,
its "anything more?" probe and its density chart then share one lookup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import event as sa_event
from sqlalchemy import select

from app.config import Settings
from app.store import search
from app.store.database import Database
from app.store.engine import transaction
from app.store.models import Article, Event, SearchDocument
from app.store.queries import matched
from app.store.search import matches, newest_matching, rebuild_search_index
from app.store.writer import delete_facts, store_article
from tests.store.factories import event, extraction, mention, person, record


def store_summits(db: Database, count: int) -> None:
    for day in range(1, count + 1):
        body = f"Stoltenberg said NATO leaders met in Vilnius on day {day}."
        people = [person("e1", "Jens Stoltenberg", [mention(body, "Stoltenberg")])]
        summit = event("NATO leaders met in Vilnius", ["e1"])
        with transaction(db.sessions) as session:
            store_article(
                session,
                record(body, url=f"https://x.example/{day}", day=day),
                extraction(body, people, events=[summit]),
            )
    body = "Stoltenberg said budget talks resumed."
    people = [person("e1", "Jens Stoltenberg", [mention(body, "Stoltenberg")])]
    with transaction(db.sessions) as session:
        store_article(
            session,
            record(body, url="https://x.example/budget", day=28),
            extraction(body, people, events=[event("budget talks resumed", ["e1"])]),
        )


def test_event_matches_follow_stores_re_extractions_and_edits(db: Database) -> None:
    """The events' own index (on SQLite an FTS5 table of event documents, kept by triggers) stays
    in step with the documents: an article's facts deleted for re-extraction leave no match, an
    edited document matches by its new words only, and a rebuilt index holds the same."""
    store_summits(db, 3)

    def found(word: str) -> set[int]:
        with db.sessions() as session:
            result = matches(session, word, "event")
            assert result is not None
            return set(result.ids)

    with db.sessions() as session:
        summit_ids = set(session.scalars(select(Event.id).where(Event.summary.contains("NATO"))))
    assert found("vilnius") == summit_ids and len(summit_ids) == 3
    with transaction(db.sessions) as session:  # the newest: a new row may take its ids again
        last = session.scalars(select(Article).order_by(Article.id.desc())).first()
        assert last is not None and found("budget")
        delete_facts(session, last)
    assert found("budget") == set()
    body = "Stoltenberg said the trade talks resumed."
    people = [person("e1", "Jens Stoltenberg", [mention(body, "Stoltenberg")])]
    with transaction(db.sessions) as session:
        new = record(body, url="https://x.example/trade", day=29)
        store_article(session, new, extraction(body, people, events=[event("trade talks resumed", ["e1"])]))
    assert found("budget") == set() and len(found("trade")) == 1
    assert found("vilnius") == summit_ids
    with transaction(db.sessions) as session:
        doc = session.scalars(select(SearchDocument).where(SearchDocument.kind == "event")).first()
        assert doc is not None
        edited = doc.ref_id
        doc.body = "Envoys met in Reykjavik."
        doc.title = "Envoys met in Reykjavik"
    assert found("reykjavik") == {edited}
    assert edited not in found("vilnius")
    before = {word: found(word) for word in ("vilnius", "reykjavik", "budget")}
    with db.engine.begin() as connection:
        rebuild_search_index(connection)
    assert {word: found(word) for word in before} == before


def test_matches_are_the_newest_stored_up_to_the_bound(db: Database) -> None:
    store_summits(db, 5)
    with db.sessions() as session:
        every = matches(session, "nato", "event", bound=10)
        assert every is not None and len(every.ids) == 5 and not every.bounded
        newest = matches(session, "nato", "event", bound=3)
        assert newest is not None and newest.bounded
        assert newest.ids == tuple(sorted(every.ids, reverse=True)[:3])
        budget = matches(session, "budget", "event")
        assert budget is not None and len(budget.ids) == 1 and budget.ids[0] not in every.ids
        assert matches(session, "!!", "event") is None  # no word to search for


def test_event_matches_are_read_from_the_text_index_alone(db: Database) -> None:
    """The events' index gives the matching events' ids itself (on SQLite its rowid is the event
    id; PostgreSQL's partial GIN index sits on the documents): a window of 64,000 matches of a
    common word reads no document to learn which event each is."""
    store_summits(db, 2)
    dialect = db.engine.dialect.name
    stmt, _stored = search.stored_matches(dialect, "vilnius", "event") or (None, None)
    assert stmt is not None
    sql = str(stmt.compile(db.engine))
    if dialect == "sqlite":
        assert "search_documents" not in sql, sql
    with db.sessions() as session:
        ids = set(session.scalars(stmt))
        assert ids == set(session.scalars(select(Event.id).where(Event.summary.contains("Vilnius"))))


@contextmanager
def uncached_client(settings: Settings) -> Iterator[TestClient]:
    """The app on the test database, without its response cache."""
    from app.main import create_app

    app = create_app(settings.model_copy(update={"api_cache_bytes": 0}))
    with TestClient(app) as test_client:
        yield test_client
    app.state.db.close()


@pytest.fixture
def client(db: Database, settings: Settings) -> Iterator[TestClient]:
    store_summits(db, 3)
    with uncached_client(settings) as test_client:
        yield test_client


def pages_and_statements(client: TestClient, paths: list[str]) -> tuple[list[Response], list[str]]:
    """The pages at `paths`, and every SQL statement they ran."""
    statements: list[str] = []
    engine = client.app.state.db.engine  # type: ignore[attr-defined]

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    sa_event.listen(engine, "before_cursor_execute", seen)
    try:
        return [client.get(path) for path in paths], statements
    finally:
        sa_event.remove(engine, "before_cursor_execute", seen)


@pytest.mark.parametrize("view", ["", "&view=reports"])
def test_the_timeline_reads_the_text_index_once(client: TestClient, view: str) -> None:
    [page], statements = pages_and_statements(client, [f"/timeline?q=NATO{view}"])
    assert page.status_code == 200
    assert page.text.count("NATO leaders met in Vilnius") >= 1 and "budget talks" not in page.text
    text_lookups = [s for s in statements if " MATCH " in s or "@@" in s]
    assert len(text_lookups) == 1, text_lookups


@pytest.mark.parametrize("typed", ["jens-stoltenberg", "Stoltenberg"])
def test_a_page_looks_its_entity_up_once(client: TestClient, typed: str) -> None:
    """The list, its probe, the chart and the chips of a timeline filtered by entity and q share
    one lookup of the entity, by slug or by name; the next request looks it up again."""
    pages, statements = pages_and_statements(client, [f"/timeline?entity={typed}&q=NATO"] * 2)
    assert [page.status_code for page in pages] == [200, 200]
    assert all("NATO leaders met in Vilnius" in page.text for page in pages)
    by_slug = [s for s in statements if "entities.kind \nFROM entities \nWHERE entities.slug =" in s]
    ranked = [s for s in statements if "AS tier" in s]
    slug_to_id = [s for s in statements if s.startswith("SELECT entities.slug, entities.id")]
    looked_up = by_slug if "-" in typed else ranked
    assert len(looked_up) == 2, looked_up  # once a request
    assert len(slug_to_id) == 2, slug_to_id


def test_search_ranks_the_newest_matches_however_the_ids_are_sliced(db: Database) -> None:
    """/search ranks the newest matches only; PostgreSQL finds them in slices of ids going
    back from the newest: any slicing gives the newest matches of the kinds asked for, and
    fewer matches than wanted are all ranked. (SQLite's bound counts the newest matches of
    every kind, so it may rank fewer of one kind.)"""
    store_summits(db, 6)
    with db.sessions() as session:
        every = newest_matching(session, "nato", ["event"], 100)
        assert every is not None
        all_ids = sorted(r.ref_id for r in session.execute(every))
        assert len(all_ids) == 6
        for first_slice in (1, 2, 5, None):
            newest = newest_matching(session, "nato", ["event"], 3, first_slice=first_slice)
            assert newest is not None
            found = sorted(r.ref_id for r in session.execute(newest))
            if db.engine.dialect.name == "postgresql":
                assert found == all_ids[-3:], first_slice
            else:
                assert found and set(found) <= set(all_ids[-3:])


def test_lists_and_the_timeline_say_when_q_matched_more_than_are_looked_at(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "MATCH_BOUND", 2)  # three summits stored: one more than looked at
    events = client.get("/api/v1/events?q=NATO").json()
    assert events["q_bounded"] is True and len(events["items"]) == 2
    assert client.get("/api/v1/stories?q=NATO&from=1900").json()["q_bounded"] is True
    assert "(more than 2: the chart counts the newest)" in client.get("/timeline?q=NATO").text
    for path in ("/api/v1/events", "/api/v1/stories"):
        assert client.get(f"{path}?q=budget&from=1900").json()["q_bounded"] is False
        assert client.get(f"{path}?from=1900").json()["q_bounded"] is False
    assert "newest matches" not in client.get("/timeline?q=budget").text


def store_yearly_summits(db: Database, years: range | list[int]) -> None:
    """A summit a year, stored in the order given (as an archive grows: the order they happened)."""
    for year in years:
        body = f"Stoltenberg said NATO leaders met in Vilnius in {year}."
        people = [person("e1", "Jens Stoltenberg", [mention(body, "Stoltenberg")])]
        summit = event("NATO leaders met in Vilnius", ["e1"], start=dt.date(year, 7, 11))
        with transaction(db.sessions) as session:
            store_article(
                session,
                record(body, url=f"https://x.example/{year}", day=1 + year % 28),
                extraction(body, people, events=[summit]),
            )


@pytest.fixture
def archive(db: Database, settings: Settings) -> Iterator[TestClient]:
    store_yearly_summits(db, range(2015, 2024))
    with uncached_client(settings) as test_client:
        yield test_client


def _years(listed: dict) -> list[int]:  # type: ignore[type-arg]
    return [int(item["start_date"][:4]) for item in listed["items"]]


def _page_through(client: TestClient, url: str | None) -> list[int]:
    """The years of every item, following the list's next links to the end."""
    years: list[int] = []
    while url:
        listed = client.get(url).json()
        years += _years(listed)
        url = listed["links"]["next"]
    return years


@pytest.mark.parametrize("path", ["/api/v1/events", "/api/v1/stories"])
def test_q_pages_reach_back_past_the_newest_matches(
    archive: TestClient, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """More matches than are looked at: paging back, or a date filter, looks up the newest
    matches before the page, so every match is reached; none is found twice or out of order."""
    monkeypatch.setattr(search, "MATCH_BOUND", 3)
    assert _page_through(archive, f"{path}?q=NATO&limit=2") == list(range(2023, 2014, -1))

    before = archive.get(f"{path}?q=NATO&to=2017-12-31").json()
    assert _years(before) == [2017, 2016, 2015] and before["q_bounded"] is True
    early = archive.get(f"{path}?q=NATO&to=2019-12-31&limit=2").json()
    assert _years(early) == [2019, 2018]
    after = archive.get(f"{path}?q=NATO&from=2016-01-01&order=oldest").json()
    assert _years(after)[:3] == [2016, 2017, 2018]
    opening = archive.get(f"{path}?q=NATO").json()  # newest first from the start: the newest stored
    assert _years(opening) == [2023, 2022, 2021] and opening["q_bounded"] is True

    assert _page_through(archive, f"{path}?q=NATO&limit=2&order=oldest") == list(range(2015, 2024))


@pytest.mark.parametrize("view", ["", "&view=reports"])
def test_a_q_timeline_from_a_date_shows_a_match_stored_before_the_newest(
    db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch, view: str
) -> None:
    """The expected summit was stored before the matches a q opens on: from a date after them,
    oldest first, the timeline shows it, and its page links back to the ones before."""
    from app.main import create_app

    monkeypatch.setattr(search, "MATCH_BOUND", 3)
    store_yearly_summits(db, [2031, *range(2018, 2024)])
    app = create_app(settings.model_copy(update={"api_cache_bytes": 0}))
    with TestClient(app) as client:
        opened = client.get(f"/timeline?q=NATO{view}")
        assert opened.status_code == 200 and "2023" in opened.text and "2031" not in opened.text
        ahead = client.get(f"/timeline?q=NATO&from=2025-01-01&order=oldest{view}")
        assert ahead.status_code == 200 and "2031" in ahead.text and "2023" not in ahead.text
    app.state.db.close()


@pytest.mark.parametrize("view", ["", "&view=reports"])
def test_a_q_timeline_dated_before_the_newest_matches_shows_the_older_ones(
    archive: TestClient, monkeypatch: pytest.MonkeyPatch, view: str
) -> None:
    monkeypatch.setattr(search, "MATCH_BOUND", 3)
    page = archive.get(f"/timeline?q=NATO&to=2016-12-31{view}")
    assert page.status_code == 200
    assert "2016" in page.text and "2015" in page.text and "newest 3" not in page.text


@pytest.mark.parametrize("path", ["/api/v1/events", "/api/v1/stories"])
def test_a_q_looks_among_the_newest_matches_its_reach_holds(
    archive: TestClient, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """Beyond the newest MATCH_BOUND times WINDOW_REACH stored, paging finds nothing."""
    monkeypatch.setattr(search, "MATCH_BOUND", 3)
    monkeypatch.setattr(matched, "WINDOW_REACH", 2)  # the newest 6 of 9 summits
    paged = _page_through(archive, f"{path}?q=NATO&limit=2&to=2030-01-01")
    assert paged == list(range(2023, 2017, -1))
    with_entity = archive.get(f"{path}?q=NATO&entity=jens-stoltenberg&limit=50").json()
    # an entity's first page is of the newest MATCH_BOUND stored, as a q's; its windows reach on
    assert _years(with_entity) == [2023, 2022, 2021] and with_entity["q_bounded"] is True
    assert _page_through(archive, f"{path}?q=NATO&entity=jens-stoltenberg&limit=2&to=2030-01-01") == paged
