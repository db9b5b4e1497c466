"""Reading a POSTed article: bearer token and rate limit, size, content type, then the body as
a queue item. Each check raises the error of app/errors.py that names the problem."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import ValidationError

from app.api.ingest_schemas import ArticleIn, RawMeta
from app.errors import (
    BadRequest,
    PayloadTooLarge,
    TooManyRequests,
    Unauthorized,
    Unprocessable,
    UnsupportedMediaType,
)
from app.store.database import Database
from app.store.engine import transaction
from app.store.ingest_queue import NewItem, PayloadType
from app.store.tokens import TokenCheck, check_token

# What a poster may send, and the payload type the queue keeps it as.
ACCEPTED_TYPES = {
    "application/json": PayloadType.JSON,
    "text/plain": PayloadType.TEXT,
    "text/markdown": PayloadType.MARKDOWN,
    "text/x-markdown": PayloadType.MARKDOWN,
    "text/html": PayloadType.HTML,
    "application/xhtml+xml": PayloadType.HTML,
}


def authorize(
    db: Database, credentials: HTTPAuthorizationCredentials | None, rate_per_minute: int
) -> TokenCheck:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthorized(
            "posting needs a bearer token (Authorization: Bearer <token>); "
            "an administrator makes one with `dateline token create NAME`"
        )
    with transaction(db.sessions) as session:
        check = check_token(session, credentials.credentials.strip())
    if check is None:
        raise Unauthorized("unknown or revoked token", invalid_token=True)
    if check.over(rate_per_minute):
        raise TooManyRequests(
            f"over {rate_per_minute} requests a minute for token {check.name!r}",
            retry_after=check.retry_after,
        )
    return check


def payload_type(request: Request) -> tuple[PayloadType, str]:
    """The payload type and charset the Content-Type header declares, or 415."""
    header = request.headers.get("content-type", "")
    media, *params = (part.strip() for part in header.split(";"))
    media = media.lower()
    if media not in ACCEPTED_TYPES:
        accepted = ", ".join(ACCEPTED_TYPES)
        raise UnsupportedMediaType(
            f"{media or 'a body without Content-Type'} is not accepted; send {accepted}"
        )
    charset = "utf-8"
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"').lower()
    return ACCEPTED_TYPES[media], charset


async def read_body(request: Request, limit: int) -> bytes:
    """The body, or 413 as soon as it is over `limit` bytes (declared or actually sent)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"the body is {int(declared):,} bytes, over the limit of {limit:,}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"the body is over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def json_item(body: bytes, token: TokenCheck) -> NewItem:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadRequest(f"body is not valid JSON: {exc}") from exc
    try:
        article = ArticleIn.model_validate(data)
    except ValidationError as exc:
        raise _unprocessable(exc) from exc
    return NewItem(
        origin=_origin(token),
        payload=article.model_dump_json(exclude_none=True),
        content_type=PayloadType.JSON,
        url=article.url,
        token_id=token.token_id,
    )


def raw_item(
    body: bytes, kind: PayloadType, charset: str, meta: dict[str, object], token: TokenCheck
) -> NewItem:
    try:
        text = body.decode(charset)
    except (LookupError, UnicodeDecodeError) as exc:
        raise BadRequest(f"body is not {charset} text ({exc})") from exc
    if "\x00" in text:
        raise BadRequest("body holds NUL characters: not text")
    if not text.strip():
        raise Unprocessable("the body is empty")
    try:
        fields = RawMeta.model_validate(meta)
    except ValidationError as exc:
        raise _unprocessable(exc) from exc
    return NewItem(
        origin=_origin(token),
        payload=text,
        content_type=kind,
        meta=fields.model_dump(exclude_none=True, exclude_defaults=True),
        url=fields.url,
        token_id=token.token_id,
    )


def _origin(token: TokenCheck) -> str:
    """Where a posted item came from, for /status and the logs."""
    return f"POST by {token.name}"


def _unprocessable(exc: ValidationError) -> Unprocessable:
    # The field a problem is in; deeper `loc` parts name union members ("list[str]"), which
    # mean nothing to a poster.
    def field(error: Any) -> str:
        return str(error["loc"][0]) if error.get("loc") else "body"

    errors = exc.errors()
    detail = "; ".join(dict.fromkeys(f"{field(e)}: {e['msg']}" for e in errors))
    return Unprocessable(detail, param=field(errors[0]))
