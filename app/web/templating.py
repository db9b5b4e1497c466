"""The Jinja2 environment: URL builder and date filters registered in one place."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from fastapi.templating import Jinja2Templates

from app import formatting
from app.config import Settings
from app.web import urls

_HTML_DATETIME = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")


def html_datetime(value: str | None, fallback: dt.date | None = None) -> str:
    """A TIMEX3 value as a <time datetime> attribute: days, weeks ("2024-W28"), months and
    years are valid HTML dates as they are; anything else falls back to the first day."""
    if value and _HTML_DATETIME.match(value):
        return value
    return fallback.isoformat() if fallback else ""


def make_templates(directory: Path, settings: Settings) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(directory))
    env = templates.env
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.globals["urls"] = urls
    env.globals["site_name"] = settings.site_name
    env.globals["base_url"] = settings.base_url.rstrip("/")
    env.filters["day"] = formatting.day
    env.filters["short_day"] = formatting.short_day
    env.filters["date_range"] = formatting.date_range
    env.filters["html_datetime"] = html_datetime
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.filters["plural"] = lambda n, one, many=None: one if n == 1 else (many or one + "s")
    return templates
