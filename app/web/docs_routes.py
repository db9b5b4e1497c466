"""/docs: the API's Swagger UI served from this site alone, so it renders offline and under
the same strict Content-Security-Policy as every page (no CDN, no inline script).

The Swagger UI bundle and stylesheet come from the `fastapi-offline` package, mounted at
DOCS_ASSETS; `static/docs.js` starts the UI on the OpenAPI schema named in the page."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_PATH = "/docs"
DOCS_ASSETS = "/static/api-docs"
SWAGGER_UI = Path(fastapi_offline.__file__).resolve().parent / "static"

router = APIRouter(include_in_schema=False)


def mount_docs_assets(app: FastAPI) -> None:
    """Mounted before /static, whose mount would otherwise take the path."""
    app.mount(DOCS_ASSETS, StaticFiles(directory=SWAGGER_UI), name="api-docs")


@router.get(DOCS_PATH, response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    context = {
        "openapi_url": request.app.openapi_url,
        "swagger_css": f"{DOCS_ASSETS}/swagger-ui.css",
        "swagger_js": f"{DOCS_ASSETS}/swagger-ui-bundle.js",
    }
    return request.app.state.templates.TemplateResponse(request, "docs.html", context)
