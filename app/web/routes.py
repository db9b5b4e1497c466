"""Page routes: one router gathering the page modules (app/web/pages/)."""

from __future__ import annotations

from fastapi import APIRouter

from app.web.pages import articles, entities, events, home, quotes, search, stories, timeline

router = APIRouter(include_in_schema=False)
for page in (home, timeline, entities, quotes, articles, events, stories, search):
    router.include_router(page.router)

__all__ = ["router"]
