"""Stories: one real-world happening across articles, whose reports are events.

`matching` (pure) decides which story an event reports, with its evidence; `assign` calls it
inside the article's transaction; `upkeep` attaches, detaches and rebuilds."""

from app.store.stories.upkeep import (
    RebuildResult,
    attach_events,
    detach_article,
    events_without_story,
    rebuild_stories,
)

__all__ = ["RebuildResult", "attach_events", "detach_article", "events_without_story", "rebuild_stories"]
