"""From query-layer values to HTTP answers: absolute URLs, page links (body and RFC 8288
`Link` header) and JSON bodies serialised once by pydantic."""

from __future__ import annotations

from typing import Any, TypeVar
from urllib.parse import urlencode

from fastapi import Request, Response
from pydantic import BaseModel

from app.store.queries.common import Page

M = TypeVar("M", bound=BaseModel)


def site_base(request: Request) -> str:
    """The site's absolute base URL, without a trailing slash: DATELINE_BASE_URL when set (the
    public name behind a proxy), else what the request was addressed to."""
    configured = request.app.state.settings.base_url
    return (configured or str(request.base_url)).rstrip("/")


def url_with(request: Request, **changes: str | None) -> str:
    """This request's absolute URL with some query parameters replaced (None drops one)."""
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    pairs += [(k, v) for k, v in changes.items() if v is not None]
    query = urlencode(pairs)
    return site_base(request) + request.url.path + (f"?{query}" if query else "")


def page_links(request: Request, page: Page[Any]) -> dict[str, str | None]:
    return {
        "self": url_with(request),
        "next": url_with(request, cursor=page.next) if page.next else None,
        "prev": url_with(request, cursor=page.prev) if page.prev else None,
    }


def link_header(links: dict[str, str | None]) -> str | None:
    """RFC 8288 web links for the pages next to this one."""
    parts = [f'<{url}>; rel="{rel}"' for rel, url in links.items() if url and rel != "self"]
    return ", ".join(parts) or None


def build(model: type[M], value: Any, request: Request) -> M:
    return model.model_validate(value, from_attributes=True, context={"base": site_base(request)})


def json_response(body: BaseModel, headers: dict[str, str] | None = None) -> Response:
    """Serialised by pydantic-core straight to bytes; FastAPI's own response validation would
    validate the body a second time."""
    return Response(body.model_dump_json(by_alias=True), media_type="application/json", headers=headers)


def list_response(model: type[M], page: Page[Any], request: Request, **extra: Any) -> Response:
    """A page of a list, with `extra` fields of the list's model beside the items and links."""
    links = page_links(request, page)
    fields = {"items": page.items, "next": page.next, "prev": page.prev, "links": links, **extra}
    body = build(model, fields, request)
    header = link_header(links)
    return json_response(body, {"Link": header} if header else None)
