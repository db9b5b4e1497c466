"""Plain text in the newspaper-export shape: headline or dek, "By A and B", a date line, a
publication line, then the body; trailing author biographies kept apart from the body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.domain import ArticleRecord
from app.ingest.errors import IngestError
from app.ingest.readers.dates import has_time, looks_like_date_line, parse_datetime
from app.ingest.readers.textutil import clean_inline, paragraphs_to_body, split_blocks

_BYLINE = re.compile(r"^by\s+(?P<names>.+)$", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|,|&|;)\s*", re.I)
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w.' -]*$")
_BYLINE_ROLE = re.compile(
    r"^(?:(?:staff|senior|chief|contributing|special|foreign|political|national|white house)\s+)?"
    r"(?:writer|reporter|correspondent|editor|columnist|contributor|bureau chief)s?$"
    r"|^(?:the\s+)?associated press$|^(?:reuters|bloomberg(?: news)?|afp|ap)$|^special to\b|^for\s",
    re.I,
)
_HEADER_MAX_CHARS = 200
# Wire copy: "WASHINGTON, July 1 (Reuters) - " ahead of the text, credits after it.
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]+(?:,[^()\n]{1,40})?\s*\((?P<agency>Reuters|AP|AFP|Bloomberg)\)\s*[-—–]+\s*"
)
# A sentence ends at . ! ? before a space, but not after an initial or "Mr." ("U.S. Supreme").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z]\.)(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr)\.)(?<!\bMrs\.)(?<=[.!?])\s")
_WIRE_CREDITS = re.compile(r"^(?:additional\s+)?reporting\s+by\s+(?P<reporters>[^;]+?)(?:;.*)?$", re.I)
_LABELLED = re.compile(
    r"^(?P<label>authors?|byline|by|date|publication date|date published|published|source|publication"
    r"|publication title|publisher|newspaper|title|headline|subtitle|dek|subheadline|subheading)"
    r"\s*:\s*(?P<value>.+)$",
    re.I,
)
# Lines that news archives and share tools put among the header lines (Factiva, ProQuest,
# a site's toolbar): skipped, never taken for the title, the date or the publication.
_HEADER_NOISE = re.compile(
    r"^(?:[\d,]+\s+words|english|(?:\(c\)|©|copyright)\s.*|.*all rights reserved\.?"
    r"|listen(?: to (?:this )?article)?(?:\s*\(\d+ min(?:utes?)?\))?|share|print|save|gift this article"
    r"|\d+ min(?:ute)? read|document \w+)$",
    re.I,
)
_SOURCE_CODE = re.compile(r"^[A-Z]{1,5}$")  # "J", "WSJO": an archive's code after the publication
# The same archives' lines after the body: a document id, a copyright notice.
_TRAILER = re.compile(
    r"^(?:document \w+|(?:\(c\)|©|copyright)\s.{0,150}|.{0,150}all rights reserved\.?)$", re.I
)
_NAME_PARTICLES = {"de", "da", "del", "der", "van", "von", "bin", "al", "el", "la", "le", "du", "dos", "ibn"}
_HEADER_MAX_BLOCKS = 14
_BIO_ROLE = re.compile(
    r"\b(correspondent|reporter|editor|columnist|writer|bureau chief|contributor|author of|covers)\b", re.I
)
_BIO_VERB = re.compile(r"^.{0,60}?\b(is|was|has|covers|writes)\b")
_WRITE_TO = re.compile(r"^(write to|contact|email)\b", re.I)
_CONTRIBUTED = re.compile(r"^[—–-]+\s*.+\bcontributed to this (article|report)\.?$", re.I)


@dataclass
class _Header:
    titles: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    date_line: str | None = None
    publication: str | None = None


def split_authors(names: str) -> list[str]:
    """ "Jane Doe, John Roe and Ann Poe" -> three names; roles ("Staff Writer"), agencies
    ("Associated Press") and places ("Jane Doe in Brussels") are left out, and names set in
    capitals ("BY JANE DOE") are given their ordinary case."""
    names = re.sub(r"\s*\|.*$", "", names)  # "By Jane Doe | Photographs by ..."
    out = []
    for part in _NAME_SPLIT.split(names):
        name = _IN_PLACE.sub("", part.strip(" ."))
        if not name or _BYLINE_ROLE.match(name):
            continue
        out.append(name.title() if name.isupper() and len(name) > 3 else name)
    return out


def _byline_names(line: str) -> list[str] | None:
    """The authors of a "By …" line, or None when the line is not a byline."""
    byline = _BYLINE.match(line)
    names = split_authors(byline.group("names")) if byline else []
    return names if _looks_like_names(names) else None


def _looks_like_names(names: list[str]) -> bool:
    """ "By Jane Doe and Carlos Ruiz", not "By the end of the year, the talks had stalled"."""
    return bool(names) and all(
        len(words := name.split()) <= 6
        and all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in words if w[0].isalpha())
        for name in names
    )


def _is_publication_line(block: str) -> bool:
    words = block.split()
    return (
        0 < len(words) <= 8
        and not block.endswith((".", "?", "!", ":"))
        and all(
            w[0].isupper() or w.lower() in {"of", "the", "and", "for", "&"} for w in words if w[0].isalpha()
        )
        and not any(ch.isdigit() for ch in block)
    )


def _archive_authors(value: str) -> list[str]:
    """ "Roe, Jane; Doe, John" (archives write surname first) or "Jane Roe and John Doe"."""
    people = [p.strip() for p in value.split(";") if p.strip()]
    flipped = [re.fullmatch(r"([^,]+),\s*([^,]+)", p) for p in people]
    if all(flipped) and " and " not in value:
        return [f"{m[2].strip()} {m[1].strip()}" for m in flipped if m]
    return split_authors(value)


def _fill_labelled(header: _Header, label: str, value: str) -> bool:
    """An archive's labelled field ("Author: Jane Doe", "Publication date: Jul 1, 2024")."""
    if not value:
        return False
    if label in ("author", "authors", "byline", "by"):
        header.authors = header.authors or _archive_authors(value)
    elif "date" in label or label == "published":
        header.date_line = header.date_line or value
    elif label in ("source", "publication", "publication title", "publisher", "newspaper"):
        header.publication = header.publication or value
    elif label in ("title", "headline"):
        header.titles.insert(0, value)
    elif label in ("subtitle", "dek", "subheadline", "subheading"):
        header.titles.append(value)
    else:
        return False
    return True


def _is_header_block(block: str) -> bool:
    return "\n" not in block.strip() and len(block) <= _HEADER_MAX_CHARS


def _read_header(blocks: list[str], name: str) -> tuple[_Header, int]:
    """Classify the leading short blocks; returns the header and the index where the body starts.
    A header needs a byline or a date line; without either, everything is body."""
    header = _Header()
    i = 0
    while i < min(len(blocks), _HEADER_MAX_BLOCKS) and _is_header_block(blocks[i]):
        block = clean_inline(blocks[i])
        if (header.titles or header.authors) and (
            _HEADER_NOISE.match(block) or (header.publication and _SOURCE_CODE.match(block))
        ):
            i += 1  # an archive's word count, language code or copyright line
            continue
        labelled = _LABELLED.match(block)
        if labelled and _fill_labelled(header, labelled["label"].lower(), labelled["value"].strip()):
            i += 1
            continue
        byline = _byline_names(block)
        if byline and not header.authors:
            header.authors = byline
        elif header.date_line is None and (header.authors or header.titles) and looks_like_date_line(block):
            header.date_line = block
        elif (
            header.publication is None
            and (header.authors or header.date_line)
            and _is_publication_line(block)
        ):
            header.publication = block
        elif not header.authors and header.date_line is None and len(header.titles) < 2:
            header.titles.append(block)
        else:
            break
        i += 1
    if not header.authors and header.date_line is None:
        return _Header(), 0
    if header.date_line is not None and parse_datetime(header.date_line) is None:
        raise IngestError(name, f"unparseable date line {header.date_line!r}")
    return header, i


def _split_bios(paragraphs: list[str], authors: list[str]) -> tuple[list[str], list[str]]:
    """Trailing paragraphs about the authors ("Daniel Michaels is Brussels Bureau Chief…")."""
    keys = {a.lower() for a in authors} | {a.split()[-1].lower() for a in authors if a.split()}

    def is_bio(para: str) -> bool:
        if _WRITE_TO.match(para) or _CONTRIBUTED.match(para):
            return True
        lower = para.lower()
        if not any(lower.startswith(k + " ") for k in keys):
            return False
        return bool(_BIO_VERB.match(para) or _BIO_ROLE.search(para[:200]))

    cut = len(paragraphs)
    while cut > 1 and is_bio(paragraphs[cut - 1]):
        cut -= 1
    return paragraphs[:cut], paragraphs[cut:]


def _read_line_header(text: str, name: str) -> tuple[_Header, list[str]] | None:
    """The same header written line by line, without blank lines between its parts
    (headline and dek on consecutive lines, byline, date and publication in one block).
    Returns the header and the body's blocks, or None when the lines hold no byline or date."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts: list[int] = []  # index in `lines` of each non-blank leading line
    for index, line in enumerate(lines):
        if line.strip():
            starts.append(index)
            if len(starts) == _HEADER_MAX_BLOCKS:
                break
    candidates = [lines[i].strip() for i in starts]
    try:
        header, used = _read_header(candidates, name)
    except IngestError:  # a bad date line counts only in what is surely a header: one with a byline
        if any(_byline_names(c) for c in candidates):
            raise
        return None
    if used == 0 or (not header.authors and any(t[:1].islower() for t in header.titles)):
        return None  # no byline or date; or wrapped prose ahead of a date, not a headline
    rest = "\n".join(lines[starts[used - 1] + 1 :])
    return header, split_blocks(rest)


def parse_plaintext(text: str, name: str) -> ArticleRecord:
    blocks = split_blocks(text)
    if not blocks:
        raise IngestError(name, "no text")
    header, body_start = _read_header(blocks, name)
    body_blocks = blocks[body_start:]
    if body_start == 0 and (by_line := _read_line_header(text, name)):
        header, body_blocks = by_line
    while body_blocks and _TRAILER.match(clean_inline(body_blocks[-1])):
        body_blocks = body_blocks[:-1]  # an archive's document id or copyright line
    if body_blocks and (credits := _WIRE_CREDITS.match(clean_inline(body_blocks[-1]))):
        body_blocks = body_blocks[:-1]  # "Reporting by Andrew Chung; Editing by Will Dunham"
        header.authors = header.authors or split_authors(credits["reporters"].replace(";", ","))
    if body_blocks and not header.publication and (wire := _WIRE_DATELINE.match(body_blocks[0])):
        header.publication = wire["agency"]  # "WASHINGTON, July 1 (Reuters) -"
    body_paragraphs, bios = _split_bios(body_blocks, header.authors)
    body = paragraphs_to_body(body_paragraphs)
    if not body:
        raise IngestError(name, "no article body after the header")
    published_at = parse_datetime(header.date_line) if header.date_line else None
    title = header.titles[0] if header.titles else _title_from_body(body)
    return ArticleRecord(
        title=title,
        dek=header.titles[1] if len(header.titles) > 1 else None,
        body=body,
        origin=name,
        source=header.publication,
        authors=tuple(header.authors),
        published=published_at.date() if published_at else None,
        published_at=published_at if published_at and has_time(header.date_line or "") else None,
        published_text=header.date_line,
        bio=paragraphs_to_body(bios) or None,
    )


def _title_from_body(body: str) -> str:
    """The first sentence, past a wire dateline, cut at a word near 120 characters."""
    first = body.split("\n", 1)[0]
    if wire := _WIRE_DATELINE.match(first):
        first = first[wire.end() :]
    sentence = _SENTENCE_END.split(first, maxsplit=1)[0]
    return sentence if len(sentence) <= 120 else sentence[:117].rsplit(" ", 1)[0] + "…"
