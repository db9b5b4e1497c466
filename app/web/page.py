"""What every page shares: its metadata (title, description, canonical permalink, Open Graph
tags) and the one function that renders a page's view into its template."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse


@dataclass(frozen=True)
class PageMeta:
    """`path` is the page's permalink as the URL builder makes it (normalised query included),
    so two URLs that show the same page share one canonical address."""

    title: str
    description: str
    path: str
    og_type: str = "website"

    @property
    def section(self) -> str:
        """The site section the page belongs to ("timeline", "entities"...), for the menu."""
        return self.path.split("?")[0].strip("/").split("/")[0]


def base_url(request: Request) -> str:
    """settings.base_url when the site is configured with one (behind a proxy), else the
    address the request came to."""
    configured = request.app.state.settings.base_url.rstrip("/")
    return configured or str(request.base_url).rstrip("/")


def render(
    request: Request,
    template: str,
    view: object,
    meta: PageMeta,
    jsonld: Callable[[str], dict[str, Any]] | None = None,
) -> HTMLResponse:
    """Render `template` with the page's view (a dataclass of plain values) as `view`;
    `jsonld(site_url)` gives the page's schema.org data (app/web/structured.py)."""
    site = base_url(request)
    context = {"view": view, "meta": meta, "canonical": site + meta.path, "site_url": site}
    if jsonld is not None:
        context["jsonld"] = jsonld(site)
    return request.app.state.templates.TemplateResponse(request, template, context)
