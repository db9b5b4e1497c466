"""/status (the ingestion service at a glance) and /metrics (Prometheus text format).
Both are public, like every page; neither takes parameters."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.deps import SessionDep
from app.store.queries.ingest_status import ingest_status
from app.web.metrics import CONTENT_TYPE, render_metrics
from app.web.status_view import status_page

router = APIRouter(include_in_schema=False)


@router.get("/status", response_class=HTMLResponse)
def status(request: Request, session: SessionDep) -> HTMLResponse:
    page = status_page(ingest_status(session))
    return request.app.state.templates.TemplateResponse(request, "status.html", {"page": page})


@router.get("/metrics")
def metrics(session: SessionDep) -> Response:
    return Response(render_metrics(ingest_status(session)), media_type=CONTENT_TYPE)
