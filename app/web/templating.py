"""The Jinja2 environment: URL builder and date filters registered in one place."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

from app import formatting
from app.config import Settings
from app.web import urls


def make_templates(directory: Path, settings: Settings) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(directory))
    env = templates.env
    env.globals["urls"] = urls
    env.globals["site_name"] = settings.site_name
    env.globals["base_url"] = settings.base_url.rstrip("/")
    env.filters["day"] = formatting.day
    env.filters["short_day"] = formatting.short_day
    env.filters["date_range"] = formatting.date_range
    env.filters["thousands"] = lambda n: f"{n:,}"
    return templates
