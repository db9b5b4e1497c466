"""The Jinja2 environment: URL builder and date filters registered in one place."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from app import formatting
from app.config import Settings
from app.web import urls

_HTML_DATETIME = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
# Bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): one in a
# title ("\u202egnp.exe") would reverse the text after it on the page. Readers strip them at
# ingest; this strips them from whatever a page prints, stored before that or echoed back.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_ANY_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_bidi_controls(value: object) -> object:
    """Jinja's `finalize`: every printed string without bidi run controls. A page prints a
    thousand strings or more, almost none holding one: a scan first, a copy only then (six
    times cheaper than translating each)."""
    if isinstance(value, str) and _ANY_BIDI_CONTROL.search(value) is not None:
        stripped = str.translate(value, _BIDI_CONTROLS)
        return Markup(stripped) if isinstance(value, Markup) else stripped
    return value


def html_datetime(value: str | None, fallback: dt.date | None = None) -> str:
    """A TIMEX3 value as a <time datetime> attribute: days, weeks ("2024-W28"), months and
    years are valid HTML dates as they are; anything else falls back to the first day."""
    if value and _HTML_DATETIME.match(value):
        return value
    return fallback.isoformat() if fallback else ""


def make_templates(directory: Path, settings: Settings) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(directory))
    env = templates.env
    env.finalize = without_bidi_controls
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.globals["urls"] = urls
    env.globals["site_name"] = settings.site_name
    env.globals["base_url"] = settings.base_url.rstrip("/")
    env.filters["day"] = formatting.day
    env.filters["short_day"] = formatting.short_day
    env.filters["date_range"] = formatting.date_range
    env.filters["html_datetime"] = html_datetime
    env.filters["plain"] = formatting.without_markdown
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.filters["plural"] = lambda n, one, many=None: one if n == 1 else (many or one + "s")
    return templates
