"""Stories as the pages show them: the query layer's items plus readable dates and the
corroboration line ("12 reports · 3 sources")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from app.store.queries.stories import StoryItem
from app.web.cards import when


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class StoryCard:
    story: StoryItem
    when: str
    backing: str  # "12 reports · 3 sources"
    upcoming: bool = False

    @property
    def badge(self) -> str | None:
        if self.upcoming:
            return "upcoming"
        return self.story.status if self.story.status in ("expected", "ongoing") else None


def backing(story: StoryItem) -> str:
    parts = [plural(story.reports, "report")]
    if story.articles != story.reports:
        parts.append(plural(story.articles, "article"))
    parts.append(plural(story.sources, "source"))
    return " · ".join(parts)


def story_card(story: StoryItem, present: dt.date | None = None) -> StoryCard:
    upcoming = story.status == "expected" and (present is None or story.end_date > present)
    return StoryCard(
        story,
        when(story.start_date, story.end_date, story.granularity, story.value),
        backing(story),
        upcoming,
    )


def story_cards(stories: Iterable[StoryItem], present: dt.date | None = None) -> tuple[StoryCard, ...]:
    return tuple(story_card(s, present) for s in stories)
