"""Conditional GETs (RFC 9110 §13): every read answers with a weak ETag and Last-Modified, and
a revalidation that still matches gets 304 before any list query runs.

The ETag is not a hash of the body (that would need the body first) but of what determines
it: the data version (app/store/queries/freshness.py), the URL with its query, the site's base
URL, today's date (upcoming events depend on it) and the API's output version. It is weak
(`W/`) because the same validator covers the gzip and identity encodings of one response.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Header, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.routing import APIRoute

from app.api.response_cache import ResponseCache
from app.store.database import Database
from app.store.queries.freshness import DataVersion, data_version

# Bump when the shape of any response changes, so that no client keeps an old body.
OUTPUT_VERSION = "1"
VERSION_TTL_SECONDS = 1.0
CACHE_CONTROL = "no-cache"  # store, but revalidate every time: the data changes on ingest


@dataclass(frozen=True)
class Validators:
    etag: str
    last_modified: dt.datetime | None

    @property
    def headers(self) -> dict[str, str]:
        headers = {"ETag": self.etag, "Cache-Control": CACHE_CONTROL}
        if self.last_modified is not None:
            headers["Last-Modified"] = email.utils.format_datetime(self.last_modified, usegmt=True)
        return headers

    def issued_to(self, request: Request) -> bool:
        """The client holds this very ETag: it got it with a 200 for this URL and this data,
        so the answer would be that 200 again and a 304 can go out before any query."""
        wanted = _opaque(self.etag)
        return any(_opaque(tag) == wanted for tag in _if_none_match(request))

    def still_fresh(self, request: Request) -> bool:
        """RFC 9110 §13.2.2, for a request whose answer is known to be 200: If-None-Match
        decides when present (weak comparison, or *); only without it does If-Modified-Since
        count."""
        tags = _if_none_match(request)
        if tags:
            return "*" in tags or self.issued_to(request)
        since = request.headers.get("if-modified-since")
        if since is None or self.last_modified is None:
            return False
        try:
            client_time = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError):
            return False  # RFC 9110 §13.1.3: an invalid date is ignored
        if client_time.tzinfo is None:
            return False
        return self.last_modified.replace(microsecond=0) <= client_time

    def not_modified(self) -> Response:
        return Response(status_code=304, headers=self.headers)


def _opaque(tag: str) -> str:
    return tag.strip().removeprefix("W/")


def _if_none_match(request: Request) -> list[str]:
    header = request.headers.get("if-none-match")
    return [tag.strip() for tag in header.split(",") if tag.strip()] if header else []


def validators_for(request: Request, version: DataVersion) -> Validators:
    settings = request.app.state.settings
    seed = "\n".join(
        [
            OUTPUT_VERSION,
            getattr(request.app.state, "build_id", ""),
            version.token,
            settings.base_url or str(request.base_url),
            request.url.path,
            _canonical_query(request),
            dt.date.today().isoformat(),
        ]
    )
    digest = hashlib.blake2b(seed.encode(), digest_size=12).hexdigest()
    return Validators(etag=f'W/"{digest}"', last_modified=version.last_ingest)


def _canonical_query(request: Request) -> str:
    # sorted, so that ?a=1&b=2 and ?b=2&a=1 share a validator; repeated values keep their order
    return "&".join(f"{k}={v}" for k, v in sorted(request.query_params.multi_items(), key=lambda kv: kv[0]))


@dataclass(frozen=True)
class _Remembered:
    version: DataVersion
    at: float


def _read_version(db: Database) -> DataVersion:
    with db.sessions() as session:
        return data_version(session)


async def current_version(request: Request) -> DataVersion:
    """The data version, read at most once per VERSION_TTL_SECONDS per process: under load
    most requests then check their ETag without touching the database or a thread. An answer
    may thus carry the previous version's ETag for up to that long after a write."""
    remembered: _Remembered | None = getattr(request.app.state, "api_data_version", None)
    now = time.monotonic()
    if remembered is not None and now - remembered.at < VERSION_TTL_SECONDS:
        return remembered.version
    version = await run_in_threadpool(_read_version, request.app.state.db)
    request.app.state.api_data_version = _Remembered(version, now)
    return version


def response_cache(request: Request) -> ResponseCache:
    cache: ResponseCache | None = getattr(request.app.state, "api_response_cache", None)
    if cache is None:
        cache = ResponseCache(request.app.state.settings.api_cache_bytes)
        request.app.state.api_response_cache = cache
    return cache


class ConditionalRoute(APIRoute):
    """A GET route that answers 304 when the client's copy is current and otherwise stamps
    its 200 with ETag, Last-Modified and Cache-Control. Errors are never stamped, and `*` or
    If-Modified-Since give 304 only where the answer would have been 200."""

    remember = True  # keep whole answers in the memory cache (app/api/response_cache.py)

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        handler = super().get_route_handler()

        async def conditional_handler(request: Request) -> Response:
            if request.method not in {"GET", "HEAD"}:
                return await handler(request)
            validators = validators_for(request, await current_version(request))
            if validators.issued_to(request):
                return validators.not_modified()
            cache = response_cache(request)
            remember = self.remember and request.method == "GET"
            cached = cache.answer(validators.etag, request) if remember else None
            if cached is not None:  # known to be a 200 for this ETag
                return validators.not_modified() if validators.still_fresh(request) else cached
            response = await handler(request)
            if response.status_code != 200:
                # RFC 9110 §13.2.1: preconditions count only where the answer is a 2xx
                return response
            if validators.still_fresh(request):
                return validators.not_modified()
            response.headers.update(validators.headers)
            if remember:
                cache.keep(validators.etag, response)
            return response

        return conditional_handler


async def conditional_headers(
    if_none_match: Annotated[
        str | None,
        Header(
            description="An ETag from an earlier answer (or several, comma-separated, or *): "
            "304 while it is current.",
            examples=['W/"1c9a6e0d2f6b3a4e5d6c7b8a"'],
        ),
    ] = None,
    if_modified_since: Annotated[
        str | None,
        Header(
            description="An HTTP date; used only without If-None-Match: 304 when nothing was ingested since.",
            examples=["Mon, 01 Jul 2024 12:00:00 GMT"],
        ),
    ] = None,
) -> None:
    """Documents the conditional request headers; ConditionalRoute evaluates them."""


class ConditionalPageRoute(ConditionalRoute):
    """Pages: ETag, Last-Modified and 304 as for the API; not kept in memory, since a page
    renders in a few milliseconds and its template context stays inspectable."""

    remember = False
