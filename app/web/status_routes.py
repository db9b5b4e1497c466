"""/status (the ingestion service at a glance) and /metrics (Prometheus text format).

Anyone sees whether the service is healthy and the queue's figures; the details (workers with
their hosts and pids, feed URLs and folder paths, failed inputs, whose origins name tokens and
paths) need a token: `Authorization: Bearer <token>` from `dateline token create`. Neither takes
parameters."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from app.config import Settings
from app.deps import SessionDep
from app.errors import Unauthorized
from app.store.queries.ingest_status import IngestStatus, ingest_status
from app.store.tokens import token_is_valid
from app.web.metrics import CONTENT_TYPE, render_metrics
from app.web.status_view import status_page

router = APIRouter(include_in_schema=False)


def _status(request: Request, session: Session) -> tuple[IngestStatus, bool]:
    """The status, and whether the caller showed a valid token (a wrong one is a 401)."""
    settings: Settings = request.app.state.settings
    status = ingest_status(session, stuck_after_seconds=settings.source_stuck_seconds)
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if not token.strip():
        return status, False
    if scheme.lower() != "bearer" or not token_is_valid(session, token.strip()):
        raise Unauthorized("unknown or revoked token", invalid_token=True)
    return status, True


@router.get("/status", response_class=HTMLResponse)
def status(request: Request, session: SessionDep) -> HTMLResponse:
    snapshot, details = _status(request, session)
    page = status_page(snapshot, details=details)
    response = request.app.state.templates.TemplateResponse(request, "status.html", {"page": page})
    response.headers["Cache-Control"] = "no-store" if details else "no-cache"
    response.headers["Vary"] = "Authorization"
    return response


@router.get("/metrics")
def metrics(request: Request, session: SessionDep) -> Response:
    snapshot, details = _status(request, session)
    headers = {"Cache-Control": "no-store", "Vary": "Authorization"}
    return Response(render_metrics(snapshot, per_source=details), media_type=CONTENT_TYPE, headers=headers)
