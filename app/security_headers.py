"""Headers that tell a browser what an answer may do, on every answer (pages, API, static).

- Content-Security-Policy: scripts, styles, images and fonts from this site only, no inline
  script or style (templates keep them in static/), nothing may frame a page
  (`frame-ancestors 'none'`), forms post here only, no <base> and no plugins. A link that got
  past the URL policy still could not run script: `javascript:` URLs are inline script.
- X-Content-Type-Options: nosniff, so an upload or export is never run as script or style.
- X-Frame-Options: DENY, for browsers older than `frame-ancestors`.
- Referrer-Policy: strict-origin-when-cross-origin: a publisher's site a reader follows a link
  to learns which site sent them, never which page (a search, a filter).

The API docs (Swagger UI, served from this site: app/web/docs_routes.py) have no inline script
either; their one allowance is `data:` images, which Swagger UI's stylesheet uses for its icons.
"""

from __future__ import annotations

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
_DOCS_HEADERS = [
    (name, content_security_policy({"img-src": ["data:"]}).encode())
    if name == b"content-security-policy"
    else (name, value)
    for name, value in _HEADERS
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
        headers = _DOCS_HEADERS if scope["path"] in self.docs_paths else _HEADERS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _merged(message.get("headers", []), headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _merged(
    headers: Iterable[tuple[bytes, bytes]], extra: list[tuple[bytes, bytes]]
) -> list[tuple[bytes, bytes]]:
    out = list(headers)
    present = {name.lower() for name, _ in out}
    out.extend((name, value) for name, value in extra if name not in present)
    return out
