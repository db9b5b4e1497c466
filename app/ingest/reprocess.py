"""`dateline reprocess`: re-extract articles whose facts came from an older pipeline version."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app.domain import ArticleRecord
from app.extract import PIPELINE_VERSION
from app.ingest.batch import Ingester
from app.ingest.progress import Reporter
from app.store.engine import transaction
from app.store.models import Article
from app.store.redirects import entities_before, record_redirects
from app.store.stories import rebuild_stories
from app.store.writer import delete_facts, store_facts


def stale_article_ids(ingester: Ingester, everything: bool = False) -> list[int]:
    stmt = select(Article.id).order_by(Article.id)
    if not everything:
        stmt = stmt.where(
            or_(Article.pipeline_version.is_(None), Article.pipeline_version != PIPELINE_VERSION)
        )
    with ingester.factory() as session:
        return list(session.scalars(stmt))


def reprocess(ingester: Ingester, reporter: Reporter, everything: bool = False) -> None:
    """Each article is re-extracted and its facts replaced in one transaction (its new events
    join stories as at ingest); then the stories are rebuilt in ingest order, so that they are
    the stories an ingest from scratch gives."""
    ids = stale_article_ids(ingester, everything)
    reporter.total = len(ids)
    batch_size = ingester.settings.nlp_batch_size
    for i in range(0, len(ids), batch_size):
        with ingester.factory() as session:
            articles = list(
                session.scalars(
                    select(Article)
                    .options(selectinload(Article.source))
                    .where(Article.id.in_(ids[i : i + batch_size]))
                )
            )
        # what the extractor saw at ingest: the publisher and the headline make entities too
        records = {
            a.id: ArticleRecord(
                title=a.title,
                body=a.body,
                origin=f"article {a.id}",
                published=a.published_date,
                authors=tuple(a.authors),
                source=a.source.name if a.source else None,
            )
            for a in articles
        }
        article_ids = {id(record): article_id for article_id, record in records.items()}
        for record, extraction, problem in ingester.extract_each(list(records.values())):
            article_id = article_ids[id(record)]
            if extraction is None:
                reporter.error(f"article {article_id}: could not be re-extracted ({problem})")
                continue
            try:
                with transaction(ingester.factory) as session:
                    article = session.get(Article, article_id)
                    if article is None:
                        continue
                    before = entities_before(session, article_id)
                    delete_facts(session, article)
                    article.language = extraction.language
                    article.notes = list(extraction.notes)
                    store_facts(session, article, extraction)
                    record_redirects(session, article_id, before)
            except Exception as exc:
                reporter.error(
                    f"article {article_id}: could not be re-extracted ({type(exc).__name__}: {exc})"
                )
                continue
            reporter.stored(record.origin, article_id)
    if ids:
        rebuild_stories(ingester.factory)
