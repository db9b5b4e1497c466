"""Markdown with YAML front matter (the White House briefing-room export): markup, inline
HTML and escapes removed; hard-wrapped lines joined into paragraphs; struck-out words dropped
for the publisher's correction (app/ingest/readers/struck.py)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import frontmatter
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from markdown_it.token import Token

from app.domain import ArticleRecord
from app.ingest.errors import IngestError
from app.ingest.readers.dates import parse_datetime
from app.ingest.readers.struck import STRUCK_CLOSE, STRUCK_OPEN, as_corrected, drop_struck
from app.ingest.readers.textutil import clean_inline

_TYPES = (
    ("Readout", re.compile(r"^readout\b", re.I)),
    ("Statement", re.compile(r"^(joint )?statement\b", re.I)),
    ("Remarks", re.compile(r"^remarks\b", re.I)),
    ("Fact sheet", re.compile(r"^fact\s*sheet\b", re.I)),
    ("Press briefing", re.compile(r"^press (briefing|gaggle)\b", re.I)),
    ("Proclamation", re.compile(r"^(a )?proclamation\b", re.I)),
    ("Executive order", re.compile(r"^executive order\b", re.I)),
    ("Memorandum", re.compile(r"^memorandum\b", re.I)),
    ("Letter", re.compile(r"^letter\b", re.I)),
    ("Message", re.compile(r"^message\b", re.I)),
)
_TAG_TYPES = {
    "press-briefings": "Press briefing",
    "speeches-remarks": "Remarks",
    "statements-releases": "Statement",
    "presidential-actions": "Presidential action",
    "legislation": "Legislation",
    "blog": "Blog post",
    "disclosures": "Disclosure",
}
_ORNAMENT = re.compile(r"^[#*\s\-–—_=~]+$")  # "###" ends a press release
_BLOCK_CLOSE = {
    "paragraph_close",
    "heading_close",
    "list_item_close",
    "blockquote_close",
    "th_close",
    "td_close",
}


def article_type(title: str, tags: list[str]) -> str | None:
    """ "Readout of …" → Readout; else the kind the tags imply."""
    for name, pattern in _TYPES:
        if pattern.search(title.strip()):
            return name
    return next((_TAG_TYPES[t] for t in tags if t in _TAG_TYPES), None)


def _html_text(fragment: str) -> str:
    """The text of an HTML block (a transcript set in a table, say), struck-out words dropped."""
    try:
        return drop_struck(lxml_html.fragment_fromstring(fragment, create_parent="div")).text_content()
    except Exception:  # malformed inline HTML: drop the tags the simple way
        return re.sub(r"<[^>]+>", "", fragment)


def _is_line_break(token: Token) -> bool:
    return token.type in {"softbreak", "hardbreak"} or (
        token.type == "html_inline" and token.content.lower().startswith("<br")
    )


# A line of nothing but spaces, no-break spaces and zero-width characters separates blocks, as
# a blank line does: transcripts put "\u00a0  " between turns, which CommonMark reads as text.
_BLANKISH_LINE = re.compile(r"^[ \t\u00a0\u2007\u202f\u200b\ufeff]+$", re.M)


def _struck_out(children: list[Token]) -> tuple[set[int], set[int]]:
    """Of one block's inline tokens, the indices inside struck-out inline HTML (<s>, <del>,
    <strike>, the tags included) and those of the text right after each struck span (a softbreak
    between them allowed), which may open with a [correction]. A tag never closed in the block
    strikes nothing: a stray one drops no text."""
    dropped: set[int] = set()
    after: set[int] = set()
    opened: list[int] = []
    for i, child in enumerate(children):
        tag = child.content.strip() if child.type == "html_inline" else ""
        if STRUCK_OPEN.match(tag):
            opened.append(i)
        elif STRUCK_CLOSE.match(tag) and opened:
            start = opened.pop()
            if not opened:
                dropped.update(range(start, i + 1))
                following = i + 1
                while following < len(children) and children[following].type == "softbreak":
                    following += 1
                after.add(following)
    return dropped, after


def markdown_paragraphs(source: str) -> list[str]:
    """The text of each block (paragraph, heading, list item, table cell), markup removed.
    A hard line break (two trailing spaces, a backslash, `<br>`) ends a paragraph too: the
    source uses it between transcript turns and between the lines of a date line.

    Words struck out are dropped and a bracketed correction after them unbracketed
    (app/ingest/readers/struck.py)."""
    md = MarkdownIt("commonmark").enable("table")
    paragraphs: list[str] = []
    current: list[str] = []
    for token in md.parse(_BLANKISH_LINE.sub("", source)):
        if token.type == "inline":
            children = token.children or []
            dropped, corrected = _struck_out(children)
            for i, child in enumerate(children):
                if i in dropped:
                    continue
                if child.type == "text" and i in corrected:
                    current.append(as_corrected(child.content))
                elif child.type in {"text", "code_inline"}:
                    current.append(child.content)
                elif child.type == "softbreak":
                    current.append(" ")
                elif _is_line_break(child):
                    if "".join(current).strip():
                        paragraphs.append(clean_inline("".join(current)))
                    current = []
                elif child.type == "image":
                    current.append(child.content)
        elif token.type in {"html_block", "code_block", "fence"}:
            text = _html_text(token.content) if token.type == "html_block" else token.content
            paragraphs.append(clean_inline(text))
        elif token.type in _BLOCK_CLOSE and current:
            paragraphs.append(clean_inline("".join(current)))
            current = []
    if current:
        paragraphs.append(clean_inline("".join(current)))
    return [p for p in paragraphs if p and not _ORNAMENT.match(p)]


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value]


def _as_datetime(value: Any) -> dt.datetime | dt.date | None:
    if isinstance(value, dt.datetime | dt.date):
        return value
    if value is None or value == "":
        return None
    return parse_datetime(str(value))


def parse_markdown(text: str, name: str) -> ArticleRecord:
    try:
        post = frontmatter.loads(text)
    except Exception as exc:  # yaml.YAMLError and friends: the header is broken
        raise IngestError(name, f"malformed YAML front matter ({type(exc).__name__})") from exc
    meta = post.metadata
    paragraphs = markdown_paragraphs(post.content)
    title = clean_inline(str(meta.get("title") or ""))
    if not title and paragraphs:
        title = paragraphs.pop(0)
    body = "\n\n".join(paragraphs)
    if not body:
        raise IngestError(name, "no article body")
    tags = _as_list(meta.get("tags"))
    published_at = _as_datetime(meta.get("published_time") or meta.get("published"))
    day = _as_datetime(meta.get("date"))
    for key in ("published_time", "date"):
        if meta.get(key) and _as_datetime(meta.get(key)) is None:
            raise IngestError(name, f"unparseable {key} {meta.get(key)!r}")
    published = day if isinstance(day, dt.date) and not isinstance(day, dt.datetime) else None
    if isinstance(day, dt.datetime):
        published = day.date()
    if published is None and isinstance(published_at, dt.datetime):
        published = published_at.date()
    authors = _as_list(meta.get("authors") or meta.get("author"))
    return ArticleRecord(
        title=title,
        body=body,
        origin=name,
        source=meta.get("source"),
        url=meta.get("source_url") or meta.get("url"),
        dek=meta.get("description") or meta.get("dek"),
        authors=tuple(authors),
        published=published,
        published_at=published_at if isinstance(published_at, dt.datetime) else None,
        article_type=meta.get("type") or article_type(title, tags),
        tags=tuple(tags),
    )
