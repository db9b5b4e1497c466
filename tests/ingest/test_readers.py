from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.config import Settings
from app.domain import ArticleRecord
from app.ingest.errors import IngestError
from app.ingest.readers import Format, detect_format, read_paths
from app.ingest.readers.dates import parse_datetime
from app.ingest.readers.plaintext import parse_plaintext
from tests.conftest import ROOT, TEST_DATA, require_shared

SETTINGS = Settings(_env_file=None)
WHITEHOUSE_DEMO = ROOT / "demo" / "whitehouse"


def read_all(
    *paths: Path | str, settings: Settings = SETTINGS
) -> tuple[list[ArticleRecord], list[IngestError]]:
    items = list(read_paths(paths, settings))
    return (
        [i for i in items if isinstance(i, ArticleRecord)],
        [i for i in items if isinstance(i, IngestError)],
    )


def test_gold_newspaper_export_metadata_body_and_bios() -> None:
    path = require_shared("corpus", "wsj-2024-07-01-nato-kyiv.txt")
    [article], errors = read_all(path)
    assert errors == []
    assert (
        article.title
        == "The move is among changes that aim to safeguard support amid European right-wing surge"
    )
    assert article.authors == ("Michael R. Gordon", "Daniel Michaels")
    assert article.published == dt.date(2024, 7, 1)
    assert article.source == "The Wall Street Journal"
    assert article.body.startswith("NATO will station a senior civilian official in Kyiv")
    assert article.body.endswith("before I take office on January 20,” Trump said.")
    assert "aggression elsewhere in Europe" in article.body  # the page break is joined
    assert article.bio is not None and article.bio.startswith("Daniel Michaels is Brussels Bureau Chief")
    assert "Degrade and Destroy" in article.bio and "Degrade and Destroy" not in article.body


def test_newspaper_export_with_three_authors_time_and_trailing_notes() -> None:
    [article], errors = read_all(TEST_DATA / "newspaper-export.txt")
    assert errors == []
    assert article.title == "Harbor Authority Approves Dredging Plan"
    assert article.dek == "Critics warn of costs as the port prepares for larger ships"
    assert article.authors == ("Jane Roe", "John Doe", "Ann Poe")
    assert article.published == dt.date(2023, 3, 3)
    assert article.published_at is not None and article.published_at.hour == 17
    assert article.source == "The Coastal Ledger"
    assert "effect on the estuary's fisheries" in article.body
    assert article.body.endswith("Work is expected to begin next spring.")
    assert article.bio is not None and "Write to Ann Poe" in article.bio
    assert "covers city hall" in article.bio


def test_plain_text_without_header_is_all_body() -> None:
    [article], _ = read_all(TEST_DATA / "cp1252.txt")
    assert article.authors == ()
    assert article.published is None
    assert article.body.startswith("Café owners say")
    assert article.title.startswith("Café owners say")


def test_cp1252_text_is_decoded() -> None:
    [article], errors = read_all(TEST_DATA / "cp1252.txt")
    assert errors == []
    assert "“We are worried,”" in article.body


def test_white_house_markdown_keeps_title_date_type_and_joins_wrapped_lines() -> None:
    path = next((WHITEHOUSE_DEMO / "statements-releases" / "2024-07").glob("*readout*"))
    [article], errors = read_all(path)
    assert errors == []
    assert article.article_type == "Readout"
    assert article.title.startswith("Readout of")
    assert article.published is not None and article.published.year == 2024
    assert article.url and article.url.startswith("https://")
    assert "\n" not in article.body.split("\n\n")[0]  # hard-wrapped lines joined
    assert "\\" not in article.body and "**" not in article.body and "###" not in article.body


def test_markdown_escapes_and_inline_html_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "item.md"
    path.write_text(
        "---\ndate: '2024-07-10'\ntitle: 'Fact Sheet: A Test'\ntags: statements-releases\n---\n\n"
        "On July 9<sup>th</sup>, the **President** met \\[leaders\\] of\nthe *Alliance* \\#1.\n\n"
        "- first item\n- second item\n\n\\#\\#\\#\n",
        encoding="utf-8",
    )
    [article], errors = read_all(path)
    assert errors == []
    assert article.article_type == "Fact sheet"
    assert (
        article.body
        == "On July 9th, the President met [leaders] of the Alliance #1.\n\nfirst item\n\nsecond item"
    )


def test_markdown_struck_words_give_way_to_their_bracketed_correction(tmp_path: Path) -> None:
    """A transcript's slip, struck out and corrected in brackets, reads as corrected: the struck
    words are dropped (a wrong name, place or year is no fact of the article), the correction
    loses its brackets; other brackets stay, a tag never closed strikes nothing, and an HTML
    block reads alike."""
    path = tmp_path / "remarks.md"
    path.write_text(
        "---\ndate: '2024-10-01'\ntitle: Remarks by President Biden on Hurricane Helene\n---\n\n"
        "The head of FEMA, Deanne <s>Griswell</s> \\[Criswell\\], is in North Carolina.\n\n"
        "It is hosted by the Robert <s>Irvin</s>\n\\[Irvine\\] Foundation,"
        " founded in <del>1970</del> \\[1978\\].\n\n"
        "We <s>improved</s> doubled it \\[the fund\\] this year.\n\n"
        "A stray <s>tag keeps the rest.\n\n"
        "<table><tr><td>He was in Rocky <del>Mountain</del> [Mount] and spoke.</td></tr></table>\n",
        encoding="utf-8",
    )
    [article], errors = read_all(path)
    assert errors == []
    assert article.body.split("\n\n") == [
        "The head of FEMA, Deanne Criswell, is in North Carolina.",
        "It is hosted by the Robert Irvine Foundation, founded in 1978.",
        "We doubled it [the fund] this year.",
        "A stray tag keeps the rest.",
        "He was in Rocky Mount and spoke.",  # an HTML block (a transcript set in a table)
    ]


def test_html_pages_and_feed_entries_drop_struck_words_for_their_correction(tmp_path: Path) -> None:
    """As in Markdown: an HTML page (read by trafilatura) and a feed entry's HTML read as
    corrected, whichever tag strikes the words out."""
    said = (
        "<p>The head of FEMA, Deanne <s>Griswell</s> [Criswell], is in North Carolina today with"
        " the governors of both states and the mayors of the towns the storm hit hardest.</p>"
        "<p>The fund was founded in <DEL>1970</DEL> [1978] by people who wanted the work done"
        " properly [and quickly], and it has helped families rebuild ever since then.</p>"
    )
    page = tmp_path / "remarks.html"
    page.write_text(
        "<html><head><title>Remarks on the Storm</title></head><body><article>"
        f"<h1>Remarks on the Storm</h1>{said}</article></body></html>",
        encoding="utf-8",
    )
    struck_otherwise = said.replace("<s>", "<strike>").replace("</s>", "</strike>")
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>'
        "<title>Remarks on the Storm</title><link>https://wire.example/storm</link>"
        "<pubDate>Tue, 01 Oct 2024 12:00:00 GMT</pubDate>"
        f"<description><![CDATA[{struck_otherwise}]]></description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    for path in (page, feed):
        [article], errors = read_all(path)
        assert errors == []
        assert "Deanne Criswell, is in North Carolina" in article.body, article.body
        assert "founded in 1978 by people" in article.body and "properly [and quickly]" in article.body
        assert "Griswell" not in article.body and "1970" not in article.body


def test_markdown_transcript_keeps_each_turn_a_paragraph(tmp_path: Path) -> None:
    # The briefing-room export separates turns by lines of no-break spaces and ends lines
    # with hard breaks (two trailing spaces); both must survive as paragraph breaks.
    path = tmp_path / "remarks.md"
    path.write_text(
        "---\ndate: '2023-03-28'\ntitle: Remarks by President Biden Before Departure\n---\n \n"
        "Somewhere Airport  \nDurham, North Carolina\n\n  \n4:13 P.M. EDT  \n\u00a0  \n"
        "Q\u00a0\u00a0 \u00a0 Mr. President, come talk\nto us about guns.  \n\u00a0  \n"
        "THE PRESIDENT:\u00a0 No, I'm working on that now.  \n\u00a0  \n"
        "And I've made that\nclear.  \n",
        encoding="utf-8",
    )
    [article], errors = read_all(path)
    assert errors == []
    assert article.body.split("\n\n") == [
        "Somewhere Airport",
        "Durham, North Carolina",
        "4:13 P.M. EDT",
        "Q Mr. President, come talk to us about guns.",
        "THE PRESIDENT: No, I'm working on that now.",
        "And I've made that clear.",
    ]


def test_html_page_main_text_and_metadata() -> None:
    [article], errors = read_all(TEST_DATA / "article.html")
    assert errors == []
    assert article.title == "Council Passes Transit Budget"
    assert article.authors == ("Sam Writer",)
    assert article.published == dt.date(2024, 5, 14)
    assert article.source == "The Example Times"
    assert "approved a transit budget" in article.body
    assert "Subscribe to our newsletter" not in article.body and "Sports" not in article.body


def test_rss_and_atom_entries_become_articles() -> None:
    rss, errors = read_all(TEST_DATA / "feed.rss")
    assert errors == []
    assert [a.title for a in rss] == [
        "Senate Committee Advances Water Bill",
        "Governor Names New Health Chief",
    ]
    assert rss[0].published == dt.date(2024, 6, 3)
    assert rss[0].source == "The Example Wire"
    assert rss[0].body.split("\n\n")[1] == "The full Senate is expected to vote on the measure in July."
    [atom], errors = read_all(TEST_DATA / "feed.atom")
    assert errors == []
    assert atom.authors == ("Rita Gomez",)
    assert atom.url == "https://atom.example.com/trade-talks"


def test_jsonl_reads_good_lines_and_names_each_bad_one() -> None:
    articles, errors = read_all(TEST_DATA / "articles.jsonl")
    assert [a.title for a in articles] == ["Port Strike Ends", "Rail Safety Rules Proposed"]
    assert articles[0].authors == ("Kim Lee",)
    assert articles[1].published == dt.date(2024, 2, 12)
    assert len(errors) == 2
    assert "articles.jsonl line 2: not valid JSON" in str(errors[0])
    assert 'articles.jsonl line 3: missing "text"' in str(errors[1])


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (bytes(range(256)) * 8, "binary file"),
    ],
)
def test_unreadable_files_get_one_clear_line(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    articles, [error] = read_all(path)
    assert articles == []
    assert str(error).startswith(str(path)) and problem in str(error)


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 400, encoding="utf-8")
    _, [error] = read_all(path, settings=Settings(_env_file=None, max_file_bytes=1000))
    assert "over the limit of 1,000" in str(error)


def test_unparseable_date_line_is_named() -> None:
    _, [error] = read_all(TEST_DATA / "bad-date-line.txt")
    assert "unparseable date line 'Julember 45, 2024'" in str(error)


def test_malformed_and_unreachable_feeds_are_named() -> None:
    _, [error] = read_all(TEST_DATA / "malformed-feed.xml")
    assert "malformed-feed.xml" in str(error) and "feed" in str(error)
    _, [error] = read_all("http://127.0.0.1:9/feed.xml")
    assert str(error).startswith("http://127.0.0.1:9/feed.xml: unreachable")


def test_missing_path_and_folder_walk(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A plain article body about ports and ships.", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("not an article either", encoding="utf-8")
    articles, errors = read_all(tmp_path, tmp_path / "nope.txt")
    assert [a.body for a in articles] == ["A plain article body about ports and ships."]
    assert [str(e) for e in errors] == [f"{tmp_path / 'nope.txt'}: no such file or folder"]


@pytest.mark.parametrize(
    ("head", "suffix", "expected"),
    [
        ("---\ntitle: x\n---\n", ".txt", Format.MARKDOWN),
        ('<?xml version="1.0"?>\n<rss version="2.0">', "", Format.FEED),
        ("<feed xmlns='http://www.w3.org/2005/Atom'>", ".txt", Format.FEED),
        ("<!DOCTYPE html><html>", ".txt", Format.HTML),
        ('{"title": "x", "text": "y"}', "", Format.JSONL),
        ("Headline\n\nBy Someone", ".txt", Format.TEXT),
        ("# A heading", ".md", Format.MARKDOWN),
    ],
)
def test_format_is_detected_from_content_then_extension(head: str, suffix: str, expected: Format) -> None:
    assert detect_format(head, suffix) is expected


def test_newspaper_export_with_its_header_on_consecutive_lines() -> None:
    """Headline, dek, byline, date and publication without blank lines between them."""
    [article], errors = read_all(TEST_DATA / "newspaper-export-compact.txt")
    assert errors == []
    assert article.title == "Council Delays Vote on Transit Levy"
    assert article.dek == "Members asked for an audit before any tax goes to the ballot"
    assert article.authors == ("Maria Lopez", "Tom Becker")
    assert article.source == "The River City Courier"
    assert article.published == dt.date(2023, 11, 12)
    # "ET" in November is Eastern Standard Time; in summer it would be daylight time
    assert article.published_at is not None and article.published_at.utcoffset() == dt.timedelta(hours=-5)
    assert article.body.startswith("RIVER CITY—The city council on Tuesday postponed a vote")
    assert "until January, saying" in article.body  # the hard-wrapped lines are joined
    assert article.bio == "Maria Lopez covers city hall. Tom Becker covers transportation."


@pytest.mark.parametrize(
    ("line", "offset_hours"),
    [("Sept. 30, 2023 11:42 pm ET", -4), ("Jan. 5, 2024 9:00 am ET", -5), ("July 1, 2024 5:30 pm PT", -7)],
)
def test_us_zone_abbreviations_follow_daylight_time(line: str, offset_hours: int) -> None:
    value = parse_datetime(line)
    assert value is not None and value.utcoffset() == dt.timedelta(hours=offset_hours)


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    text = (
        "By the end of the year, the talks had stalled\nand the ministers went home.\n\nJuly 1, 2024 was hot."
    )
    record = parse_plaintext(text, "by.txt")
    assert record.authors == ()
    assert record.body.startswith("By the end of the year, the talks had stalled and the ministers")


def test_a_compact_header_with_a_bad_date_line_is_named() -> None:
    text = "Council Delays Vote\nBy Maria Lopez\nNovember 45th, 2023\n\nThe council met on Tuesday."
    with pytest.raises(IngestError, match="unparseable date line 'November 45th, 2023'"):
        parse_plaintext(text, "bad-date.txt")


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("BY JANE DOE AND JOHN ROE", ("Jane Doe", "John Roe")),
        ("By Jane Doe, Staff Writer", ("Jane Doe",)),
        ("By Jane Doe in Brussels and John Roe in Kyiv", ("Jane Doe", "John Roe")),
        ("By Jane Doe and John Roe, Associated Press", ("Jane Doe", "John Roe")),
        ("By Jane Doe, John Roe, and Ann Poe", ("Jane Doe", "John Roe", "Ann Poe")),
    ],
)
def test_bylines_name_only_the_people(byline: str, authors: tuple[str, ...]) -> None:
    record = parse_plaintext(
        f"Title Here\n\n{byline}\n\nJune 4, 2024\n\nThe Daily Bugle\n\nBody text.", "x.txt"
    )
    assert record.authors == authors
    assert record.source == "The Daily Bugle" and record.published == dt.date(2024, 6, 4)


def test_an_archive_export_skips_word_counts_codes_and_copyright_lines() -> None:
    [article], errors = read_all(TEST_DATA / "factiva-export.txt")
    assert errors == []
    assert article.title == "Harbor Board Backs Dredging Plan"
    assert article.dek == "Critics warn of costs as the port prepares for larger ships"
    assert article.authors == ("Jane Roe", "John Doe")
    assert article.published == dt.date(2023, 3, 3)
    assert article.source == "The Coastal Ledger"
    assert article.body.startswith("The harbor board voted 5-2 on Thursday")
    assert article.body.endswith("the board said.")


def test_an_archive_export_with_labelled_fields() -> None:
    [article], errors = read_all(TEST_DATA / "archive-labelled.txt")
    assert errors == []
    assert article.title == "Harbor Board Backs Dredging Plan"
    assert article.authors == ("Jane Roe", "John Doe")
    assert article.published == dt.date(2023, 3, 3)
    assert article.source == "The Coastal Ledger"
    assert article.body.startswith("The harbor board voted on Thursday")


def test_wire_copy_takes_its_agency_credits_and_title_from_the_text() -> None:
    [article], errors = read_all(TEST_DATA / "wire-copy.txt")
    assert errors == []
    assert article.source == "Reuters"
    assert article.authors == ("Sam Keel", "Rita Moor")  # the reporters, not the editor
    assert article.title.startswith("The U.N. Human Rights Council on Friday adopted a resolution")
    assert article.body.endswith("who led the negotiations.")  # the credits line is not body
