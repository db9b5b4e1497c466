"""/api/v1/stories: one row per happening, with the events' filters and keyset paging, and
one story with its reports and why each joined it. No SQL here."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from app.api.caching import ConditionalRoute, conditional_headers
from app.api.params import EventFilterDep, ItemId, PagingDep, SessionDep
from app.api.problems import read_responses
from app.api.read_routes import LIST_HEADERS, OK_HEADERS
from app.api.responses import build, json_response, list_response
from app.api.story_schemas import StoryDetailOut, StoryList
from app.store.queries.events import q_bounded
from app.store.queries.stories import get_story, list_stories, nearby_stories, quotes_about

router = APIRouter(route_class=ConditionalRoute, dependencies=[Depends(conditional_headers)])


def _responses(path: str, headers: dict[str, Any], **kwargs: Any) -> dict[int | str, Any]:
    return {200: {"description": "OK", "headers": headers}, **read_responses(path, **kwargs)}


@router.get(
    "/stories",
    tags=["stories"],
    operation_id="list_stories",
    summary="Stories: the timeline, one row per happening",
    response_model=StoryList,
    responses=_responses("/api/v1/stories", LIST_HEADERS),
)
def stories(request: Request, session: SessionDep, f: EventFilterDep, page: PagingDep) -> Response:
    """Happenings reported across articles, newest first by default, with the filters of
    /api/v1/events (a story matches when its reports do: entity, q, kind, status, source,
    from, to). Each carries its corroboration (reports, articles, sources) and first report."""
    listed = list_stories(session, f, page.limit, page.cursor)
    return list_response(StoryList, listed, request, q_bounded=q_bounded(session, f))


@router.get(
    "/stories/{story_id}",
    tags=["stories"],
    operation_id="get_story",
    summary="One story",
    response_model=StoryDetailOut,
    responses=_responses("/api/v1/stories/41", OK_HEADERS, bad=None, missing="There is no story 41."),
)
def story(request: Request, session: SessionDep, story_id: ItemId) -> Response:
    """A story with every report (its event, sentence, source and date, and the evidence it
    was merged on), its participants, the dates its reports give (conflicts marked), quotes
    about it, and stories of the same entities near it in time."""
    detail = get_story(session, story_id)
    body = {
        "story": detail.story,
        "reports": detail.reports,
        "participants": detail.participants,
        "dates": detail.dates,
        "statuses": detail.statuses,
        "quotes": quotes_about(session, story_id),
        "nearby": nearby_stories(session, detail),
    }
    return json_response(build(StoryDetailOut, body, request))
