"""One policy for every link that comes from outside (readers, POSTs, feeds) and every link a
page, feed or export renders: an absolute http(s) URL with a host, normalised, or nothing.

A link that fails is dropped, never rewritten into something that runs: `javascript:`,
`JaVaScRiPt:`, ` javascript:` and `java\tscript:` (browsers strip edge spaces and remove tabs
and newlines anywhere, as the WHATWG URL standard says), `vbscript:`, `data:text/html`, and
relative or host-less URLs all fail. The reason names the problem, for the article's notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

import httpx2

__all__ = ["MAX_URL_CHARS", "URL_PATTERN", "UrlCheck", "check_url", "safe_url"]

MAX_URL_CHARS = 2000
ALLOWED_SCHEMES = ("http", "https")

# WHATWG URL parsing: leading and trailing C0 controls and spaces are stripped, and ASCII tab
# and newline removed from anywhere, before the scheme is read.
_EDGES = "".join(map(chr, range(0x21)))
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_LABEL = r"[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?"
_PORT = r"(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
# What an API client may send, as a JSON Schema pattern: a subset of what the policy accepts
# that normalising never lengthens (no userinfo, an ASCII host, a valid port, and after the host
# only characters RFC 3986 allows unescaped), so the documented limit is the enforced one.
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
URL_PATTERN = (
    r"^https?://(?:(?:[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)*"
    r"[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"  # a name whose last label is no number,
    rf"|{_OCTET}(?:\.{_OCTET}){{3}})"  # or an IPv4 address
    rf"(?::{_PORT})?(?:[/?][A-Za-z0-9._~:/?@!$&'()*+,;=%-]*)?$"
)
_HOST = re.compile(rf"^(?:{_LABEL}\.)*{_LABEL}\.?$|^\[[0-9a-f:.]+\]$")


@dataclass(frozen=True)
class UrlCheck:
    url: str | None  # the normalised URL, or None when dropped
    problem: str | None = None  # why it was dropped


def check_url(raw: object, base: str | None = None) -> UrlCheck:
    """`raw` as a normalised absolute http(s) URL (resolved against `base` when relative and
    a base is given), or the reason it cannot be one."""
    if raw is None or raw == "":
        return UrlCheck(None)
    if not isinstance(raw, str):
        return UrlCheck(None, f"not a URL ({type(raw).__name__})")
    text = _TAB_NEWLINE.sub("", raw.strip(_EDGES))
    if not text:
        return UrlCheck(None)
    if len(text) > MAX_URL_CHARS:
        return UrlCheck(None, f"longer than {MAX_URL_CHARS:,} characters")
    if _CONTROL.search(text):
        return UrlCheck(None, "holds control characters")
    scheme = _SCHEME.match(text)
    if scheme is None and base:
        base_check = check_url(base)
        if base_check.url is None:
            return UrlCheck(None, "a relative link without a usable base")
        text = urljoin(base_check.url, text)
        scheme = _SCHEME.match(text)
    if scheme is None:
        return UrlCheck(None, f"not an absolute http(s) URL: {_shown(text)}")
    if scheme.group(1).lower() not in ALLOWED_SCHEMES:
        return UrlCheck(None, f"{scheme.group(1).lower()}: links are not allowed, only http(s)")
    try:
        url = httpx2.URL(text)
        port = url.port
    except (httpx2.InvalidURL, ValueError) as exc:
        return UrlCheck(None, f"not a valid URL ({exc})")
    host = url.raw_host.decode("ascii", "replace").lower()
    if not host or not _HOST.match(host if ":" not in host else f"[{host}]"):
        return UrlCheck(None, f"no valid host in {_shown(text)}")
    if url.userinfo:
        return UrlCheck(None, "holds a user name or password")
    if port is not None and not 0 < port < 65536:
        return UrlCheck(None, f"port {port} is out of range")
    if port == {"http": 80, "https": 443}[url.scheme]:
        url = url.copy_with(port=None)
    normalised = str(url)
    if len(normalised) > MAX_URL_CHARS:
        return UrlCheck(None, f"longer than {MAX_URL_CHARS:,} characters")
    return UrlCheck(normalised)


def safe_url(raw: object, base: str | None = None) -> str | None:
    """The URL if the policy allows it, else None: what every rendered link goes through."""
    if isinstance(raw, str) and (base is None or isinstance(base, str)):
        return _safe_text_url(raw, base)
    return check_url(raw, base).url


@lru_cache(maxsize=8192)
def _safe_text_url(raw: str, base: str | None) -> str | None:
    """`safe_url` of a string, remembered: a page of 50 events links the same few hundred
    article URLs each time, and parsing one costs a fifth of a millisecond."""
    return check_url(raw, base).url


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")
