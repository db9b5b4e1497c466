"""How much a story matters on a "key events" view: corroboration (independent sources
first, then distinct articles, then reports) times what kind of happening it is.

    weight = kind weight × (1 + ln articles + ½ ln reports + (sources − 1))

A summit named by twelve articles of three sources outranks a remark made once; a statement
counts for half a meeting with the same backing.
"""

from __future__ import annotations

import math

from app.store.stories.profile import Profile

KIND_WEIGHT = {
    "meeting": 1.0,
    "agreement": 1.0,
    "election": 1.0,
    "attack": 1.0,
    "legislation": 1.0,
    "appointment": 0.9,
    "announcement": 0.8,
    "other": 0.6,
    "statement": 0.5,
}


def corroboration(reports: int, articles: int, sources: int) -> float:
    return 1 + math.log(max(articles, 1)) + 0.5 * math.log(max(reports, 1)) + max(sources - 1, 0)


def story_weight(profile: Profile) -> float:
    backing = corroboration(profile.reports, len(profile.articles), len(profile.sources))
    return round(KIND_WEIGHT.get(profile.main_kind, 0.6) * backing, 4)


__all__ = ["KIND_WEIGHT", "corroboration", "story_weight"]
