"""Polite HTTP fetching for feeds and pages: timeouts, a total deadline, a response size limit,
bounded redirects, conditional GET (ETag / Last-Modified).

httpx2's timeouts bound each read, so a server that sends a byte every few seconds never trips
them; the deadline (DATELINE_FETCH_DEADLINE_SECONDS) bounds the whole fetch, checked as the body
arrives, and no read may wait past it."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx2

from app.config import Settings
from app.ingest.errors import IngestError


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch(
    url: str, settings: Settings, etag: str | None = None, last_modified: str | None = None
) -> FetchResult:
    headers = {"User-Agent": settings.http_user_agent}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + settings.fetch_deadline_seconds
    per_read = min(settings.http_timeout_seconds, settings.fetch_deadline_seconds)
    try:
        with (
            httpx2.Client(
                follow_redirects=True,
                max_redirects=settings.http_max_redirects,
                timeout=httpx2.Timeout(per_read),
            ) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                if time.monotonic() > deadline:
                    raise IngestError(url, f"took longer than {settings.fetch_deadline_seconds:g} s in all")
                size += len(chunk)
                if size > settings.max_file_bytes:
                    raise IngestError(url, f"response over the limit of {settings.max_file_bytes:,} bytes")
                chunks.append(chunk)
    except httpx2.TooManyRedirects as exc:
        raise IngestError(url, f"more than {settings.http_max_redirects} redirects") from exc
    except httpx2.TimeoutException as exc:
        raise IngestError(url, f"timed out after {per_read:g} s") from exc
    except httpx2.HTTPError as exc:
        raise IngestError(url, f"unreachable ({type(exc).__name__}: {exc})") from exc
    if response.status_code >= 400:
        raise IngestError(url, f"HTTP {response.status_code}")
    return FetchResult(
        url=str(response.url),
        status=response.status_code,
        content=b"".join(chunks),
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )
