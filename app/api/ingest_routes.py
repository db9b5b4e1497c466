"""POST /api/v1/articles and GET /api/v1/ingest/{id}: the authenticated way in."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1", tags=["ingest"])
