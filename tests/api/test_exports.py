"""Exports: CSV and iCalendar streamed in keyset batches, Atom and TimelineJS, for any filter."""

from __future__ import annotations

import csv
import datetime as dt
import io
from xml.etree import ElementTree as ET

import feedparser
import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from app.api.export_routes import upcoming_only
from app.domain import EventKind, EventStatus, Granularity
from app.store.database import Database
from app.store.queries import exports
from app.store.queries.events import EventFilter
from tests.api.corpus import ArticleSpec, EventSpec, seed


def csv_rows(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.text)))


def api_ids(client: TestClient, url: str) -> list[int]:
    return [item["id"] for item in client.get(url).json()["items"]]


@pytest.mark.parametrize(
    ("export", "listing"),
    [
        ("/api/v1/events.csv?entity=nato", "/api/v1/events?entity=nato"),
        ("/api/v1/events.csv?kind=meeting&order=oldest", "/api/v1/events?kind=meeting&order=oldest"),
        ("/api/v1/quotes.csv?from=2024-06-21", "/api/v1/quotes?from=2024-06-21"),
        ("/api/v1/entities.csv?kind=person", "/api/v1/entities?kind=person"),
    ],
)
def test_csv_holds_what_the_list_holds(client: TestClient, export: str, listing: str) -> None:
    rows = csv_rows(client.get(export))
    assert [int(r["id"]) for r in rows] == api_ids(client, listing)


def test_csv_rows_are_complete_and_safe_for_spreadsheets(client: TestClient) -> None:
    response = client.get("/api/v1/events.csv?kind=legislation")
    assert response.headers["content-disposition"] == 'attachment; filename="dateline-events.csv"'
    assert response.text.endswith("\r\n")
    [row] = csv_rows(response)
    assert row["summary"] == "The Senate passed the budget" and row["participant_slugs"] == "senate"
    assert row["article_title"] == "'=Senate passes the budget"  # not a formula
    assert row["page_url"] == f"http://testserver/events/{row['id']}"
    assert row["sentence"] == "The Senate passed the budget on June 18, 2024."


def test_csv_is_read_batch_by_batch_in_sessions_of_its_own(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "BATCH", 2)
    calls: list[str | None] = []
    real = exports.list_events

    def counting(session, f, limit, cursor):  # type: ignore[no-untyped-def]
        calls.append(cursor)
        assert limit == 2
        return real(session, f, limit, cursor)

    monkeypatch.setattr(exports, "list_events", counting)
    rows = csv_rows(client.get("/api/v1/events.csv"))
    assert len(rows) == 7 and len(calls) == 4 and calls[0] is None and all(calls[1:])
    assert [int(r["id"]) for r in rows] == api_ids(client, "/api/v1/events")


def test_the_walk_reads_a_page_only_when_it_is_needed(
    seeded: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[int] = []
    real_sessions = seeded.sessions

    def sessions():  # type: ignore[no-untyped-def]
        opened.append(1)
        return real_sessions()

    with seeded.sessions() as session:
        first, items = exports.first_and_rest(session, sessions, exports.event_pages(EventFilter(), batch=2))  # type: ignore[arg-type]
    assert len(first.items) == 2 and opened == []
    taken = [next(items) for _ in range(3)]
    assert len(taken) == 3 and len(opened) == 1
    assert len(list(items)) == 4 and len(opened) == 3


def test_icalendar_has_the_day_and_time_events(client: TestClient) -> None:
    response = client.get("/api/v1/events.ics")
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    raw = response.content
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "RFC 5545 §3.1 folds at 75 octets"
    assert raw.count(b"\r\n") == raw.count(b"\n")
    calendar = Calendar.from_ical(raw)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "NATO leaders will meet in Washington",
        "The talks open",
        "The Senate passed the budget",
        "Joe Biden and Volodymyr Zelensky signed a security agreement",
    }  # the week, month and year events have no place in a calendar
    meeting = events["NATO leaders will meet in Washington"]
    assert meeting.decoded("DTSTART") == dt.date(2024, 7, 9)
    assert meeting.decoded("DTEND") == dt.date(2024, 7, 10)  # exclusive
    assert str(meeting["STATUS"]) == "TENTATIVE"
    assert str(meeting["URL"]).startswith("http://testserver/events/")
    assert "NATO leaders will meet in Washington on July 9." in str(meeting["DESCRIPTION"])
    talks = events["The talks open"]
    assert talks.decoded("DTSTART") == dt.datetime(2024, 7, 9, 14, 30)  # floating local time
    assert str(events["The Senate passed the budget"]["STATUS"]) == "CONFIRMED"
    assert len({str(e["UID"]) for e in events.values()}) == 4


def test_upcoming_calendar_follows_what_is_expected_from_today(client: TestClient, seeded: Database) -> None:
    assert b"BEGIN:VEVENT" not in client.get("/api/v1/events.ics?upcoming=true").content
    future = dt.date.today() + dt.timedelta(days=30)
    spec = ArticleSpec(
        title="Plans",
        source="Test Wire",
        published=dt.date.today(),
        sentences=["The summit will open next month.", "The summit opened last year."],
        entities={},
        events=[
            EventSpec(
                0,
                "The summit will open",
                future.isoformat(),
                future,
                future,
                Granularity.DAY,
                EventStatus.EXPECTED,
                EventKind.MEETING,
            ),
            EventSpec(
                1,
                "The summit opened",
                "2020-01-01",
                dt.date(2020, 1, 1),
                dt.date(2020, 1, 1),
                Granularity.DAY,
                EventStatus.HAPPENED,
                EventKind.MEETING,
            ),
        ],
    )
    seed(seeded, [spec])
    calendar = Calendar.from_ical(client.get("/api/v1/events.ics?upcoming=true&kind=meeting").content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["The summit will open"]
    assert "upcoming" in str(calendar["X-WR-CALNAME"])


def test_upcoming_never_reaches_back_before_today() -> None:
    today = dt.date(2024, 7, 1)
    f = upcoming_only(EventFilter(date_from=dt.date(2024, 1, 1), kinds=("meeting",)), today)
    assert (f.date_from, f.statuses, f.kinds) == (today, ("expected",), ("meeting",))
    assert upcoming_only(EventFilter(date_from=dt.date(2024, 9, 1)), today).date_from == dt.date(2024, 9, 1)


def test_atom_feed_of_the_timeline(client: TestClient) -> None:
    response = client.get("/api/v1/events.atom?entity=nato&limit=2")
    assert response.headers["content-type"] == "application/atom+xml"
    ET.fromstring(response.content)  # well-formed
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.feed.id == "http://testserver/api/v1/events.atom?entity=nato&limit=2"
    assert "nato" in feed.feed.title
    links = {link["rel"]: link["href"] for link in feed.feed.links}
    assert links["alternate"] == "http://testserver/timeline?entity=nato"
    entries = feed.entries
    expected = api_ids(client, "/api/v1/events?entity=nato&limit=2")
    assert [e.id for e in entries] == [f"http://testserver/events/{i}" for i in expected]
    first = entries[0]
    assert first.title.startswith("July 9, 2024: ")
    assert {link["rel"] for link in first.links} == {"alternate", "related"}
    assert "<blockquote>" in first.content[0].value and first.updated == "2024-07-01T00:00:00Z"


def test_atom_feed_of_quotes(client: TestClient) -> None:
    response = client.get("/api/v1/quotes.atom?speaker=Joe+Biden")
    assert response.headers["content-type"] == "application/atom+xml"
    ET.fromstring(response.content)  # well-formed
    feed = feedparser.parse(response.content)
    assert not feed.bozo and "Joe Biden" in feed.feed.title
    links = {link["rel"]: link["href"] for link in feed.feed.links}
    assert links["alternate"] == "http://testserver/quotes?speaker=Joe+Biden"
    expected = api_ids(client, "/api/v1/quotes?speaker=joe-biden")
    assert [e.id for e in feed.entries] == [f"http://testserver/quotes/{i}" for i in expected]
    [entry] = feed.entries
    assert entry.title == "Joe Biden: “We will defend every inch of NATO territory.”"
    assert entry.author == "Joe Biden" and entry.updated == "2024-07-01T00:00:00Z"
    assert "<blockquote>We will defend every inch of NATO territory.</blockquote>" in entry.content[0].value
    everyone = feedparser.parse(client.get("/api/v1/quotes.atom?limit=2").content)
    assert len(everyone.entries) == 2


def test_timelinejs_document(client: TestClient) -> None:
    body = client.get("/api/v1/events/timelinejs.json?order=oldest").json()
    assert body["title"]["text"]["headline"].startswith("Dateline timeline")
    slides = {s["text"]["headline"]: s for s in body["events"]}
    assert [s["unique_id"] for s in body["events"]] == [
        f"event-{i}" for i in api_ids(client, "/api/v1/events?order=oldest")
    ]
    assert slides["NATO was founded in Washington"]["start_date"] == {"year": 1949}
    assert slides["NATO was founded in Washington"]["end_date"] == {"year": 1949}
    assert slides["Both sides expect talks"]["start_date"] == {"year": 2024, "month": 8}
    assert slides["The talks open"]["start_date"] == {
        "year": 2024,
        "month": 7,
        "day": 9,
        "hour": 14,
        "minute": 30,
    }
    assert "end_date" not in slides["The talks open"]
    week = slides["a vote follows"]
    assert (
        week["end_date"] == {"year": 2024, "month": 7, "day": 14}
        and week["display_date"] == "week of July 8, 2024"
    )
    assert slides["The Senate passed the budget"]["group"] == "legislation"


def test_timelinejs_escapes_html(client: TestClient, seeded: Database) -> None:
    spec = ArticleSpec(
        title="<script>x</script>",
        source="Test Wire",
        published=dt.date(2024, 7, 3),
        sentences=["The <b>vote</b> happened on July 2."],
        entities={},
        events=[
            EventSpec(
                0,
                "The <b>vote</b> happened",
                "2024-07-02",
                dt.date(2024, 7, 2),
                dt.date(2024, 7, 2),
                Granularity.DAY,
                EventStatus.HAPPENED,
                EventKind.OTHER,
            )
        ],
    )
    seed(seeded, [spec])
    [slide] = client.get("/api/v1/events/timelinejs.json?from=2024-07-02&to=2024-07-02").json()["events"]
    assert slide["text"]["headline"] == "The &lt;b&gt;vote&lt;/b&gt; happened"
    assert "<script>" not in slide["text"]["text"] and "&lt;script&gt;" in slide["text"]["text"]
