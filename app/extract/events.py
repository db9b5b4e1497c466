"""Dated events: one per anchored time expression, plus undated lead sentences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc

from app.domain import Entity, Event, Timex


def find_events(
    doc: Doc, entities: Sequence[Entity], timexes: Sequence[Timex], published: dt.date | None
) -> list[Event]:
    return []
