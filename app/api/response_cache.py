"""Finished API answers kept in memory by their ETag.

The ETag of a read (app/api/caching.py) is derived from everything its body depends on: the
data version, the URL, the base URL, the day. So an answer made once can be served again to
anyone asking the same ETag-worthy question until the next ingest changes the data version,
at which point every old key simply stops being asked for and ages out. A widely shared
timeline link, or a TimelineJS embed on a busy page, then costs one query per ingest rather
than one per reader.

Bounded by bytes (DATELINE_API_CACHE_BYTES; 0 turns it off), least recently used out first.
Only whole 200 bodies are kept, never streamed exports or errors. The gzip form is made once,
on first demand, so a hit costs neither a query nor a compression.
"""

from __future__ import annotations

import gzip
from collections import OrderedDict
from dataclasses import dataclass, field

from fastapi import Request, Response
from starlette.responses import StreamingResponse

GZIP_LEVEL = 6  # made once per entry, so worth a smaller body than the per-request level
MIN_GZIP_BYTES = 1024  # as GZipMiddleware's minimum_size
ENTRY_SHARE = 8  # no single answer takes more than 1/8 of the cache


@dataclass
class CachedAnswer:
    body: bytes
    media_type: str | None
    headers: list[tuple[str, str]]
    gzipped: bytes | None = field(default=None)

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped or b"")


class ResponseCache:
    """Least recently used answers by ETag, up to max_bytes in all."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.entries: OrderedDict[str, CachedAnswer] = OrderedDict()
        self.size = 0
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def answer(self, etag: str, request: Request) -> Response | None:
        """The remembered answer for this ETag, gzipped when the client takes gzip (the
        middleware passes a body that already has a Content-Encoding through untouched)."""
        entry = self.entries.get(etag)
        if entry is None:
            self.misses += 1
            return None
        self.entries.move_to_end(etag)
        self.hits += 1
        response = Response(entry.body, media_type=entry.media_type)
        for name, value in entry.headers:
            response.headers.append(name, value)
        if len(entry.body) >= MIN_GZIP_BYTES and "gzip" in request.headers.get("accept-encoding", ""):
            if entry.gzipped is None:
                entry.gzipped = gzip.compress(entry.body, GZIP_LEVEL, mtime=0)
                self.size += len(entry.gzipped)
                self._trim()
            response.body = entry.gzipped
            response.headers["Content-Length"] = str(len(entry.gzipped))
            response.headers["Content-Encoding"] = "gzip"
            response.headers.append("Vary", "Accept-Encoding")
        return response

    def keep(self, etag: str, response: Response) -> None:
        """Remember a finished 200 answer, unless it is streamed, encoded or too large."""
        if not self.enabled or isinstance(response, StreamingResponse) or response.status_code != 200:
            return
        body = getattr(response, "body", None)
        if not isinstance(body, bytes) or "content-encoding" in response.headers:
            return
        if len(body) * 2 > self.max_bytes // ENTRY_SHARE:  # room for its gzip form too
            return
        if etag in self.entries:
            return
        skip = {"content-length", "content-type"}
        headers = [(k, v) for k, v in response.headers.items() if k not in skip]
        entry = CachedAnswer(body, response.headers.get("content-type"), headers)
        self.entries[etag] = entry
        self.size += entry.size
        self._trim()

    def _trim(self) -> None:
        while self.size > self.max_bytes and self.entries:
            _, entry = self.entries.popitem(last=False)
            self.size -= entry.size
