"""JSON API under /api/v1: the read endpoints and the exports, documented at /docs.

The exports are included first: `/events/timelinejs.json` must be matched before
`/events/{event_id}` would claim it.
"""

from __future__ import annotations

from fastapi import APIRouter

from app.api.export_routes import router as export_router
from app.api.read_routes import router as read_router
from app.api.story_routes import router as story_router

router = APIRouter(prefix="/api/v1")
router.include_router(export_router)
router.include_router(read_router)
router.include_router(story_router)
