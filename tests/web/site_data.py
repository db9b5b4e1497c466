"""The web tests' database: a dozen real White House items (and the gold WSJ article when
../shared is beside us) read and extracted by the real pipeline, plus one small hand-built
"Test Wire" article whose events sit at known dates and precisions (a day, a week, a month, a
year), so that grouping, filters and paging have something exact to check whatever the
extractor finds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app import domain
from app.config import Settings
from app.domain import EntityKind, EventKind, EventStatus, Granularity, QuoteKind, SpeakerKind, TimexType
from app.ingest.batch import Ingester
from app.ingest.readers import expand_inputs, read_inputs
from app.store.database import Database
from app.store.engine import transaction
from app.store.writer import store_article
from tests.conftest import GOLD_ARTICLE, ROOT
from tests.migrated import migrate

DEMO = ROOT / "demo" / "whitehouse"
DEMO_ITEMS = [
    "speeches-remarks/2024-07/2024-07-11-remarks-by-president-biden-on-the-ukraine-compact.md",
    "statements-releases/2024-07/2024-07-10-fact-sheet-the-2024-nato-summit-in-washington.md",
    "statements-releases/2024-06/2024-06-17-readout-of-president-joe-bidens-meeting-with-secretary-general-jens-stoltenberg-of-nato.md",
    "statements-releases/2024-07/2024-07-08-statement-from-president-joe-biden-on-russian-missile-strikes-in-ukraine.md",
    "speeches-remarks/2024-06/2024-06-28-remarks-by-president-biden-in-press-gaggle-atlanta-ga.md",
    "speeches-remarks/2024-07/2024-07-26-remarks-by-vice-president-harris-regarding-a-presidential-debate.md",
    "statements-releases/2024-07/2024-07-11-readout-of-president-bidens-meeting-with-president-zelenskyy-of-ukraine-3.md",
    "statements-releases/2024-06/2024-06-24-memorandum-on-the-designation-of-kenya-as-a-major-non-nato-ally.md",
    "statements-releases/2024-06/2024-06-20-readout-of-national-security-advisor-jake-sullivans-meeting-with-nato-secretary-general-jens-stoltenberg.md",
    "speeches-remarks/2024-07/2024-07-10-remarks-by-president-biden-and-nato-secretary-general-jens-stoltenberg-at-dinner-with-nato-allies-and-partners.md",
    "legislation/2024-06/2024-06-17-bill-signed-s-2051.md",
    "presidential-actions/2024-07/2024-07-10-notice-on-the-continuation-of-the-national-emergency-with-respect-to-hong-kong-4.md",
]

WIRE_SOURCE = "Test Wire"
WIRE_TITLE = "Ministers to gather in Brussels as alliance fund takes shape"
WIRE_SENTENCES = [
    "Defence ministers will gather in Brussels next week, officials said.",
    "Ada Quill, the wire's analyst, said on Thursday: “The vote changed the race.”",
    "Last month the alliance agreed a new fund.",
    "The charter was signed 75 years ago.",
    "Ada Quill added that Brussels expects more talks in 2025.",
]


def corpus_paths() -> list[Path]:
    paths = [DEMO / item for item in DEMO_ITEMS]
    return [*paths, GOLD_ARTICLE] if GOLD_ARTICLE.exists() else paths


def extract_corpus(settings: Settings) -> list[tuple[domain.ArticleRecord, domain.Extraction]]:
    """The real pipeline over the corpus, once: the same extractions fill every backend."""
    sources, missing = expand_inputs(corpus_paths())
    assert not missing, missing
    records = [r for r in read_inputs(sources, settings) if isinstance(r, domain.ArticleRecord)]
    ingester = Ingester(factory=None, settings=settings, processes=1)  # type: ignore[arg-type]
    extracted = []
    for record, extraction, problem in ingester.extract_each(records):
        assert extraction is not None, problem
        extracted.append((record, extraction))
    return extracted


def fill(
    database_url: str, extracted: list[tuple[domain.ArticleRecord, domain.Extraction]]
) -> dict[str, int]:
    """Store the corpus and the wire article; returns article ids by title."""
    db = Database.open(database_url)
    migrate(db.engine)
    ids: dict[str, int] = {}
    try:
        for record, extraction in [*extracted, wire_article()]:
            with transaction(db.sessions) as session:
                result = store_article(session, record, extraction)
                ids[record.title] = result.article_id
    finally:
        db.close()
    return ids


def _find(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def wire_article() -> tuple[domain.ArticleRecord, domain.Extraction]:
    body = " ".join(WIRE_SENTENCES)
    sentences, position = [], 0
    for i, sentence in enumerate(WIRE_SENTENCES):
        start = body.index(sentence, position)
        sentences.append(domain.SentenceSpan(i, start, start + len(sentence)))
        position = start + len(sentence)

    def mention(text: str, sentence: int, occurrence: int = 0) -> domain.Mention:
        start = -1
        for _ in range(occurrence + 1):
            start = body.index(text, start + 1)
        return domain.Mention(start, start + len(text), text, sentence)

    ada = domain.Entity(
        "e1",
        EntityKind.PERSON,
        "Ada Quill",
        (mention("Ada Quill", 1), mention("Ada Quill", 4, 1)),
        aliases=("Quill",),
        description="the wire's analyst",
    )
    brussels = domain.Entity(
        "e2", EntityKind.PLACE, "Brussels", (mention("Brussels", 0), mention("Brussels", 4, 1))
    )

    def timex(key: str, text: str, sentence: int, value: str, start: dt.date, end: dt.date, g: Granularity):
        s, e = _find(body, text)
        return domain.Timex(key, s, e, text, TimexType.DATE, value, sentence, start, end, g)

    timexes = (
        timex("t1", "next week", 0, "2024-W28", dt.date(2024, 7, 8), dt.date(2024, 7, 14), Granularity.WEEK),
        timex("t2", "Thursday", 1, "2024-06-27", dt.date(2024, 6, 27), dt.date(2024, 6, 27), Granularity.DAY),
        timex("t3", "Last month", 2, "2024-06", dt.date(2024, 6, 1), dt.date(2024, 6, 30), Granularity.MONTH),
        timex("t4", "75 years ago", 3, "1949", dt.date(1949, 1, 1), dt.date(1949, 12, 31), Granularity.YEAR),
        timex("t5", "2025", 4, "2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), Granularity.YEAR),
    )

    def event(key, t: domain.Timex, status, kind, summary, sentence, who=()):  # type: ignore[no-untyped-def]
        return domain.Event(
            key=key,
            value=t.value,
            start_date=t.range_start,  # type: ignore[arg-type]
            end_date=t.range_end,  # type: ignore[arg-type]
            granularity=t.granularity,  # type: ignore[arg-type]
            status=status,
            summary=summary,
            sentence=sentence,
            kind=kind,
            participants=tuple(domain.Participant(p, "agent") for p in who),
            timex=t.key,
        )

    events = (
        event(
            "v1",
            timexes[0],
            EventStatus.EXPECTED,
            EventKind.MEETING,
            "Defence ministers will gather in Brussels",
            0,
            ["e2"],
        ),
        event(
            "v2",
            timexes[1],
            EventStatus.HAPPENED,
            EventKind.STATEMENT,
            "Ada Quill said the vote changed the race",
            1,
            ["e1"],
        ),
        event(
            "v3", timexes[2], EventStatus.HAPPENED, EventKind.AGREEMENT, "the alliance agreed a new fund", 2
        ),
        event("v4", timexes[3], EventStatus.HAPPENED, EventKind.AGREEMENT, "The charter was signed", 3),
        event(
            "v5",
            timexes[4],
            EventStatus.EXPECTED,
            EventKind.MEETING,
            "Brussels expects more talks",
            4,
            ["e2", "e1"],
        ),
    )
    quote_start, quote_end = _find(body, "The vote changed the race.")
    quote = domain.Quote(
        "q1",
        quote_start,
        quote_end,
        "The vote changed the race.",
        QuoteKind.DIRECT,
        1,
        domain.Speaker("Ada Quill", SpeakerKind.NAMED, "e1"),
        cue="said",
        said_value="2024-06-27",
        said_start=dt.date(2024, 6, 27),
        said_end=dt.date(2024, 6, 27),
        timex="t2",
    )
    record = domain.ArticleRecord(
        title=WIRE_TITLE,
        body=body,
        origin="tests/web/site_data.py",
        source=WIRE_SOURCE,
        url="https://wire.example/brussels-fund",
        published=dt.date(2024, 7, 1),
        authors=("Ann Author",),
    )
    extraction = domain.Extraction(
        language="en",
        pipeline_version="test",
        sentences=tuple(sentences),
        entities=(ada, brussels),
        timexes=timexes,
        quotes=(quote,),
        events=events,
    )
    return record, extraction
