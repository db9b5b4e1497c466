"""The one URL policy of every input and every rendered link (app/url_policy.py), and the
record clean-up every reader and queued item ends with (app/ingest/sanitize.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import ArticleRecord
from app.ingest.sanitize import clean_record
from app.url_policy import MAX_URL_CHARS, URL_PATTERN, check_url, safe_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://example.com/a", "https://example.com/a"),
        ("HTTPS://Example.COM:443/a b/ü?q=1#f", "https://example.com/a%20b/%C3%BC?q=1#f"),
        ("  http://example.com/x  ", "http://example.com/x"),
        ("https://bücher.de/x", "https://xn--bcher-kva.de/x"),
        ("http://127.0.0.1:8000/x", "http://127.0.0.1:8000/x"),
    ],
)
def test_http_urls_pass_normalised(raw: str, expected: str) -> None:
    assert safe_url(raw) == expected


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("javascript:alert(document.domain)", "javascript:"),
        ("JaVaScRiPt:alert(1)", "javascript:"),
        (" javascript:alert(1)", "javascript:"),
        ("java\tscript:alert(1)", "javascript:"),
        ("\x01javascript:alert(1)", "javascript:"),
        ("vbscript:msgbox(1)", "vbscript:"),
        ("data:text/html,<script>alert(1)</script>", "data:"),
        ("/relative/path", "not an absolute"),
        ("www.example.com/x", "not an absolute"),
        ("http:///x", "no valid host"),
        ("http://exa mple.com/", "no valid host"),
        ("https://trusted.example.com@evil.example.net/", "user name or password"),
        ("http://example.com:99999/", "out of range"),
        ("http://example.com/a\x00b", "control characters"),
        ("https://example.com/" + "a" * 2000, "longer than"),
    ],
)
def test_anything_else_is_dropped_with_its_reason(raw: str, problem: str) -> None:
    check = check_url(raw)
    assert check.url is None
    assert check.problem and problem in check.problem


def test_a_relative_link_is_resolved_against_a_base_but_a_script_link_is_not() -> None:
    base = "https://feed.example.org/rss"
    assert safe_url("/2024/story", base) == "https://feed.example.org/2024/story"
    assert safe_url("javascript:alert(1)", base) is None


def test_a_record_loses_its_script_link_and_hidden_characters_with_a_note() -> None:
    record = ArticleRecord(
        title="Council \u202eexe.gnp\u202c budget\x07",
        body="Line one\r\nline two\x00.",
        url=" JaVaScRiPt:alert(1)",
        authors=("Ada\u2066 Lovelace", ""),
        tags=("a\x02b",),
    )
    clean = clean_record(record)
    assert clean.url is None
    assert clean.notes == ("link dropped: javascript: links are not allowed, only http(s)",)
    assert clean.title == "Council exe.gnp budget"
    assert clean.body == "Line one\nline two."
    assert clean.authors == ("Ada Lovelace",) and clean.tags == ("ab",)
    assert clean_record(clean) == clean


@settings(max_examples=300, deadline=None, database=None)
@given(st.from_regex(URL_PATTERN, fullmatch=True).filter(lambda url: len(url) <= MAX_URL_CHARS))
def test_every_url_the_api_schema_admits_passes_the_policy(url: str) -> None:
    """The OpenAPI pattern states the limit the server enforces: nothing it admits is refused."""
    assert check_url(url).url is not None, check_url(url).problem
