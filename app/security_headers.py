"""Headers that tell a browser what an answer may do, on every answer (pages, API, static).

- Content-Security-Policy: scripts, styles, images and fonts from this site only, no inline
  script or style (templates keep them in static/), nothing may frame a page
  (`frame-ancestors 'none'`), forms post here only, no <base> and no plugins. A link that got
  past the URL policy still could not run script: `javascript:` URLs are inline script.
- X-Content-Type-Options: nosniff, so an upload or export is never run as script or style.
- X-Frame-Options: DENY, for browsers older than `frame-ancestors`.
- Referrer-Policy: strict-origin-when-cross-origin: a publisher's site a reader follows a link
  to learns which site sent them, never which page (a search, a filter).

The API docs (FastAPI's Swagger UI) are the one page with an inline script of ours and files
from a CDN: their policy allows that script by its hash, computed from the page as sent, and
the CDN's scripts and styles.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["SecurityHeadersMiddleware", "content_security_policy"]

POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
}
DOCS_CDN = "https://cdn.jsdelivr.net"
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


def content_security_policy(extra: dict[str, Iterable[str]] | None = None) -> str:
    directives = {name: list(values) for name, values in POLICY.items()}
    for name, values in (extra or {}).items():
        directives.setdefault(name, []).extend(values)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


_HEADERS = [
    (b"content-security-policy", content_security_policy().encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
]


class SecurityHeadersMiddleware:
    """Adds the headers above to every HTTP answer that does not set its own."""

    def __init__(self, app: ASGIApp, docs_paths: Iterable[str] = ()) -> None:
        self.app = app
        self.docs_paths = frozenset(docs_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] in self.docs_paths:
            await self._docs(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _merged(message.get("headers", []), _HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _docs(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Hold the docs page until it is whole, then send it with its scripts' hashes."""
        start: Message | None = None
        chunks: list[bytes] = []

        async def hold(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            hashes = [
                "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
                for script in _INLINE_SCRIPT.findall(body)
            ]
            policy = content_security_policy(
                {"script-src": [*hashes, DOCS_CDN], "style-src": [DOCS_CDN], "img-src": ["https:", "data:"]}
            )
            headers = [(k, v) for k, v in _HEADERS if k != b"content-security-policy"]
            headers.append((b"content-security-policy", policy.encode()))
            await send({**start, "headers": _merged(start.get("headers", []), headers)})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, hold)


def _merged(
    headers: Iterable[tuple[bytes, bytes]], extra: list[tuple[bytes, bytes]]
) -> list[tuple[bytes, bytes]]:
    out = list(headers)
    present = {name.lower() for name, _ in out}
    out.extend((name, value) for name, value in extra if name not in present)
    return out
