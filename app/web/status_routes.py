"""/status (the ingestion service at a glance) and /metrics (Prometheus text format)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(include_in_schema=False)
