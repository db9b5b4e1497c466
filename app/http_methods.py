"""HEAD on everything that answers GET (RFC 9110 §9.3.2), and the methods a path allows.

FastAPI routes answer only the methods they declare, so a HEAD on a page was a 405. A HEAD is
run as the GET, and the answer's body is dropped; its headers (length, ETag, Last-Modified)
are the GET's.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.routing import BaseRoute, Match, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HeadAsGetMiddleware", "allowed_methods"]

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


class HeadAsGetMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def allowed_methods(routes: Iterable[BaseRoute], path: str) -> list[str]:
    """The methods some route answers at `path`, HEAD wherever GET is (asked through each
    route's own matching, so routers included in routers count too)."""
    routes = list(routes)
    scope: Scope = {"type": "http", "path": path, "root_path": "", "query_string": b"", "headers": []}
    allowed = [
        method for method in METHODS if any(_answers(route, {**scope, "method": method}) for route in routes)
    ]
    if "GET" in allowed and "HEAD" not in allowed:  # HeadAsGetMiddleware
        allowed.insert(allowed.index("GET") + 1, "HEAD")
    return allowed


def _answers(route: BaseRoute, scope: Scope) -> bool:
    if isinstance(route, Mount) and isinstance(route.app, StaticFiles):
        # a mount matches any method; static files answer GET and HEAD only
        return scope["method"] in ("GET", "HEAD") and route.matches(scope)[0] is Match.FULL
    return route.matches(scope)[0] is Match.FULL
