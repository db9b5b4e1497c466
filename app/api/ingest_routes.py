"""POST /api/v1/articles and GET /api/v1/ingest/{id}: the authenticated way in.

A POST is answered 202 only after its item is committed to the queue; the worker of
`dateline service` (or `dateline serve --with-worker`) extracts and stores it later, so no
request waits for spaCy. Reading needs no token, posting does.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.api import ingest_input
from app.api.ingest_schemas import (
    GET_RESPONSES,
    NO_NUL,
    POST_RESPONSES,
    IngestAccepted,
    IngestItemOut,
    post_request_body,
)
from app.config import Settings
from app.deps import SessionDep
from app.errors import BadRequest, NotFound
from app.store.database import Database
from app.store.engine import transaction
from app.store.ingest_queue import NewItem, PayloadType, enqueue
from app.store.queries.ingest_status import ingest_item
from app.store.tokens import TokenCheck
from app.url_policy import MAX_URL_CHARS, URL_PATTERN
from app.web import urls

router = APIRouter(prefix="/api/v1", tags=["ingest"])
bearer = HTTPBearer(auto_error=False, description="A token from `dateline token create NAME`.")


async def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> TokenCheck:
    # Async, with the one database call in the thread pool: FastAPI would run a sync
    # dependency (and each sync dependency it needs) in a thread of its own, and on the
    # POST path those hops cost about as much as the database work.
    state = request.app.state
    return await run_in_threadpool(
        ingest_input.authorize, state.db, credentials, state.settings.post_rate_per_minute
    )


TokenDep = Annotated[TokenCheck, Depends(require_token)]


def _enqueue(db: Database, item: NewItem) -> int:
    with transaction(db.sessions) as session:
        return enqueue(session, item)


@router.post(
    "/articles",
    status_code=202,
    response_model=IngestAccepted,
    responses=POST_RESPONSES,
    openapi_extra=post_request_body(),
    summary="Queue one article for ingestion",
)
async def post_article(
    request: Request,
    token: TokenDep,
    title: Annotated[
        str | None, Query(description="Raw bodies only: the headline.", max_length=2000, pattern=NO_NUL)
    ] = None,
    url: Annotated[
        str | None,
        Query(
            description="Raw bodies only: the article's URL.", max_length=MAX_URL_CHARS, pattern=URL_PATTERN
        ),
    ] = None,
    published: Annotated[
        str | None,
        Query(description="Raw bodies only: the publication date.", max_length=100, pattern=NO_NUL),
    ] = None,
    source: Annotated[
        str | None, Query(description="Raw bodies only: the publication.", max_length=200, pattern=NO_NUL)
    ] = None,
    author: Annotated[
        list[Annotated[str, Query(max_length=200, pattern=NO_NUL)]] | None,
        Query(description="Raw bodies only: a byline name; repeat.", max_length=100),
    ] = None,
    dek: Annotated[
        str | None, Query(description="Raw bodies only: the subheading.", max_length=5000, pattern=NO_NUL)
    ] = None,
) -> JSONResponse:
    """A JSON Lines record (`application/json`), or a text, Markdown or HTML body with its
    metadata as query parameters. Answers 202 once the item is committed to the queue."""
    settings: Settings = request.app.state.settings
    kind, charset = ingest_input.payload_type(request)
    body = await ingest_input.read_body(request, settings.max_post_bytes)
    meta = {
        "title": title,
        "url": url,
        "published": published,
        "source": source,
        "authors": author,
        "dek": dek,
    }
    if kind is PayloadType.JSON:
        given = [name for name, value in meta.items() if value]
        if given:
            raise BadRequest(f"{given[0]} goes in the JSON record, not in the query", param=given[0])
        item = ingest_input.json_item(body, token)
    else:
        item = ingest_input.raw_item(body, kind, charset, {k: v for k, v in meta.items() if v}, token)
    item_id = await run_in_threadpool(_enqueue, request.app.state.db, item)
    status_url = request.app.url_path_for("get_ingest_item", item_id=item_id)
    accepted = IngestAccepted(id=item_id, status_url=str(status_url))
    return JSONResponse(accepted.model_dump(), status_code=202, headers={"Location": accepted.status_url})


@router.get(
    "/ingest/{item_id}",
    response_model=IngestItemOut,
    responses=GET_RESPONSES,
    summary="Follow a queued article: queued, processing, done, duplicate or failed",
)
def get_ingest_item(
    item_id: Annotated[int, Path(ge=1, le=2**31 - 1, description="The id the POST answered with.")],
    session: SessionDep,
) -> IngestItemOut:
    view = ingest_item(session, item_id)
    if view is None:
        raise NotFound(f"no ingest item {item_id}")
    return IngestItemOut(
        id=view.id,
        status=view.status,  # type: ignore[arg-type]
        origin=view.origin,
        url=view.url,
        received_at=view.received_at,
        started_at=view.started_at,
        finished_at=view.finished_at,
        attempts=view.attempts,
        article_id=view.article_id,
        article_url=urls.article(view.article_id) if view.article_id else None,
        reason=view.error,
    )
