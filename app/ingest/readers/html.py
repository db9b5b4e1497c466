"""HTML article pages: main text and metadata by trafilatura (boilerplate, menus and comments
removed), paragraphs kept."""

from __future__ import annotations

import trafilatura
from lxml import html as lxml_html
from lxml.html import HtmlElement

from app.domain import ArticleRecord
from app.ingest.errors import IngestError
from app.ingest.readers.dates import has_time, parse_datetime
from app.ingest.readers.plaintext import split_authors
from app.ingest.readers.struck import ANY_STRUCK, drop_struck
from app.ingest.readers.textutil import paragraphs_to_body


def parse_html(page: str, name: str, url: str | None = None) -> ArticleRecord:
    doc = trafilatura.bare_extraction(
        _without_struck(page),
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if doc is None or not (doc.text or "").strip():
        raise IngestError(name, "no article text found in the HTML page")
    paragraphs = [line for line in doc.text.split("\n") if line.strip()]
    body = paragraphs_to_body(paragraphs)
    published_at = parse_datetime(doc.date) if doc.date else None
    authors = split_authors(doc.author.replace(";", ",")) if doc.author else []
    return ArticleRecord(
        title=(doc.title or "").strip() or paragraphs[0][:120],
        body=body,
        origin=name,
        source=doc.sitename or None,
        url=url or doc.url or None,
        dek=doc.description or None,
        authors=tuple(authors),
        published=published_at.date() if published_at else None,
        published_at=published_at if published_at and has_time(doc.date or "") else None,
        tags=tuple(t for t in (doc.tags or []) if t),
        language=doc.language or None,
    )


def html_fragment_paragraphs(fragment: str) -> list[str]:
    """Paragraph texts of an HTML fragment (a feed entry's content), struck-out words dropped."""
    try:
        root = drop_struck(lxml_html.fragment_fromstring(fragment, create_parent="div"))
    except Exception:
        return [fragment]
    blocks = root.xpath(".//p|.//li|.//h1|.//h2|.//h3|.//h4|.//blockquote")
    texts = [b.text_content() for b in blocks] if blocks else [root.text_content()]
    return [t for t in texts if t.strip()]


def _without_struck(page: str) -> str | HtmlElement:
    """The page, or its tree without the words struck out (struck.py) where it has any."""
    if not ANY_STRUCK.search(page):
        return page
    try:
        return drop_struck(lxml_html.document_fromstring(page))
    except Exception:  # (lxml refuses some pages trafilatura reads its own way)
        return page
