"""Quotes (direct, partial, indirect) with their speakers and cues."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc

from app.domain import Entity, Quote, Timex


def find_quotes(
    doc: Doc, entities: Sequence[Entity], timexes: Sequence[Timex], published: dt.date | None
) -> list[Quote]:
    return []
