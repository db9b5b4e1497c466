"""An article the extraction pipeline fails on costs only that article: the rest of its batch
is extracted and stored, and the failure is reported with the article's name.

The fault is a real spaCy component added to a real pipeline (spaCy's own plug-in mechanism),
raising on a marker word: no input is known to break the pipeline, so one is made to."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import func, select

from app.config import Settings
from app.domain import ArticleRecord
from app.extract import ExtractionInput, Extractor
from app.ingest.batch import Ingester
from app.ingest.progress import Reporter
from app.store.database import Database
from app.store.models import Article

MARKER = "Zzyzxfault"


@Language.component("dl_test_fault")
def _fault(doc: Doc) -> Doc:
    if MARKER in doc.text:
        raise RuntimeError(f"{MARKER} in the text")
    return doc


@pytest.fixture(scope="module")
def faulty_extractor() -> Iterator[Extractor]:
    extractor = Extractor(Settings(_env_file=None).spacy_model, batch_size=8)
    extractor.nlp.add_pipe("dl_test_fault", first=True)
    yield extractor


def _record(n: int, text: str) -> ArticleRecord:
    return ArticleRecord(title=f"Item {n}", body=text, origin=f"item-{n}.txt", url=f"https://example.org/{n}")


TEXTS = [
    "The council met on Tuesday and approved the budget.",
    f"The minister said on Monday that {MARKER} would be ready.",
    "Officials will meet in Geneva next week, the ministry said.",
]


@pytest.mark.slow
def test_extract_each_reports_the_failing_article_and_extracts_the_rest(faulty_extractor: Extractor) -> None:
    inputs = [ExtractionInput(text) for text in TEXTS]
    results = list(faulty_extractor.extract_each(inputs))
    assert [item.text for item, _, _ in results] == TEXTS
    (_, first, _), (_, failed, problem), (_, third, _) = results
    assert first is not None and third is not None and failed is None
    assert problem == f"extraction failed (RuntimeError: {MARKER} in the text)"
    assert any(t.text == "next week" for t in third.timexes)


@pytest.mark.slow
def test_ingest_stores_the_others_and_names_the_failed_one(
    faulty_extractor: Extractor, db: Database, settings: Settings
) -> None:
    ingester = Ingester(db.sessions, settings, extractor=faulty_extractor, processes=1)
    stream = io.StringIO()
    reporter = Reporter(total=len(TEXTS), stream=stream, quiet=False)
    ingester.run([_record(n, text) for n, text in enumerate(TEXTS)], reporter)
    assert (reporter.ingested, reporter.failed) == (2, 1)
    assert f"item-1.txt: extraction failed (RuntimeError: {MARKER} in the text)" in stream.getvalue()
    with db.sessions() as session:
        titles = set(session.scalars(select(Article.title)))
        assert titles == {"Item 0", "Item 2"}
        assert session.scalar(select(func.count()).select_from(Article)) == 2
