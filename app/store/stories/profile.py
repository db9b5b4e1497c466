"""A story's profile: what its reports say, counted (dates, kinds, statuses, predicates,
participants, words, articles, sources), folded one report at a time. The stored story is
derived from it: its date (and conflicts), kind, status, title, counts and first report.

Folding is order-independent except for the title candidates (the first reports and the
shortest), so replaying reports in ingest order rebuilds exactly the stories ingest built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from app.store.stories.dates import Span, StoryDates, story_dates
from app.store.stories.words import content_stems

if TYPE_CHECKING:
    from app.store.stories.matching import Report

# Most telling first: the kind a story is known by when its reports differ.
KIND_ORDER = ("meeting", "agreement", "election", "attack", "appointment", "legislation", "announcement",
              "statement", "other")  # fmt: skip
STATUS_ORDER = ("happened", "ongoing", "expected")
TITLE_CANDIDATES = 8
TITLE_MAX = 200


@dataclass(frozen=True)
class First:
    """The first report by publication: (published day, article id) orders reports."""

    published: dt.date | None
    article_id: int
    event_id: int

    def before(self, other: First) -> bool:
        return (self.published or dt.date.max, self.article_id, self.event_id) < (
            other.published or dt.date.max,
            other.article_id,
            other.event_id,
        )


def _fold(counts: Mapping[Any, int], keys: Iterable[Any]) -> dict[Any, int]:
    out = dict(counts)
    for key in keys:
        out[key] = out.get(key, 0) + 1
    return out


def _sum(a: Mapping[Any, int], b: Mapping[Any, int]) -> dict[Any, int]:
    out = dict(a)
    for key, n in b.items():
        out[key] = out.get(key, 0) + n
    return out


def _add(counts: Mapping[Any, int], key: Any, by: int = 1) -> dict[Any, int]:
    out = dict(counts)
    out[key] = out.get(key, 0) + by
    return out


@dataclass(frozen=True)
class Profile:
    reports: int = 0
    dates: Mapping[Span, int] = field(default_factory=dict)
    kinds: Mapping[str, int] = field(default_factory=dict)
    statuses: Mapping[str, int] = field(default_factory=dict)
    stems: Mapping[str, int] = field(default_factory=dict)
    participants: Mapping[int, int] = field(default_factory=dict)
    words: Mapping[str, int] = field(default_factory=dict)
    articles: Mapping[int, int] = field(default_factory=dict)
    sources: Mapping[int, int] = field(default_factory=dict)
    first: First | None = None
    titles: tuple[tuple[int, str], ...] = ()  # (event id, summary) the title is chosen from

    # --- folding ----------------------------------------------------------------------------

    def add(self, report: Report) -> Profile:
        first = First(report.published, report.article_id, report.event_id)
        return replace(
            self,
            reports=self.reports + 1,
            dates=_add(self.dates, report.span),
            kinds=_add(self.kinds, report.kind),
            statuses=_add(self.statuses, report.status),
            stems=_fold(self.stems, report.predicates),
            participants=_fold(self.participants, report.participants),
            words=_fold(self.words, report.words),
            articles=_add(self.articles, report.article_id),
            sources=_add(self.sources, report.source_id)
            if report.source_id is not None
            else dict(self.sources),
            first=first if self.first is None or first.before(self.first) else self.first,
            titles=_with_title(self.titles, report.event_id, report.summary),
        )

    def merged(self, other: Profile) -> Profile:
        """Two stories found to be one (a report that fits both bridges them)."""
        titles = self.titles
        for event_id, summary in other.titles:
            titles = _with_title(titles, event_id, summary)
        firsts = [f for f in (self.first, other.first) if f is not None]
        return Profile(
            reports=self.reports + other.reports,
            dates=_sum(self.dates, other.dates),
            kinds=_sum(self.kinds, other.kinds),
            statuses=_sum(self.statuses, other.statuses),
            stems=_sum(self.stems, other.stems),
            participants=_sum(self.participants, other.participants),
            words=_sum(self.words, other.words),
            articles=_sum(self.articles, other.articles),
            sources=_sum(self.sources, other.sources),
            first=min(firsts, key=lambda f: (f.published or dt.date.max, f.article_id, f.event_id))
            if firsts
            else None,
            titles=titles,
        )

    # --- what the matcher and the pages read -----------------------------------------------

    @property
    def participant_ids(self) -> frozenset[int]:
        return frozenset(self.participants)

    @property
    def main_kind(self) -> str:
        telling = {k: n for k, n in self.kinds.items() if k != "other"} or dict(self.kinds)
        if not telling:
            return "other"
        return max(telling, key=lambda k: (telling[k], -_order(KIND_ORDER, k)))

    @property
    def status(self) -> str:
        """Happened once any report says so: an expected story a later article reports as
        done has happened (both reports stay)."""
        for status in STATUS_ORDER:
            if self.statuses.get(status):
                return status
        return "happened"

    def top_words(self, k: int) -> frozenset[str]:
        ranked = sorted(self.words.items(), key=lambda item: (-item[1], item[0]))
        return frozenset(w for w, _ in ranked[:k])

    def story_dates(self) -> StoryDates:
        return story_dates(self.dates)

    @property
    def title(self) -> str:
        """The candidate summary that uses most of the story's common words, the shorter on a
        tie: a line that reads as what most reports say."""
        if not self.titles:
            return ""
        common = self.top_words(10)

        def fitness(item: tuple[int, str]) -> tuple[int, int, int]:
            event_id, summary = item
            return (-len(content_stems(summary) & common), len(summary), event_id)

        summary = min(self.titles, key=fitness)[1]
        return summary if len(summary) <= TITLE_MAX else summary[: TITLE_MAX - 1].rstrip() + "…"

    # --- storage ----------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "reports": self.reports,
            "dates": [
                [s.start.isoformat(), s.end.isoformat(), s.granularity, s.value, n]
                for s, n in self.dates.items()
            ],
            "kinds": dict(self.kinds),
            "statuses": dict(self.statuses),
            "stems": dict(self.stems),
            "participants": {str(k): n for k, n in self.participants.items()},
            "words": dict(self.words),
            "articles": {str(k): n for k, n in self.articles.items()},
            "sources": {str(k): n for k, n in self.sources.items()},
            "first": None
            if self.first is None
            else [
                self.first.published.isoformat() if self.first.published else None,
                self.first.article_id,
                self.first.event_id,
            ],
            "titles": [list(t) for t in self.titles],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Profile:
        first = data.get("first")
        return cls(
            reports=data["reports"],
            dates={
                Span(dt.date.fromisoformat(a), dt.date.fromisoformat(b), g, v): n
                for a, b, g, v, n in data["dates"]
            },
            kinds=dict(data["kinds"]),
            statuses=dict(data["statuses"]),
            stems=dict(data["stems"]),
            participants={int(k): n for k, n in data["participants"].items()},
            words=dict(data["words"]),
            articles={int(k): n for k, n in data["articles"].items()},
            sources={int(k): n for k, n in data["sources"].items()},
            first=None
            if first is None
            else First(dt.date.fromisoformat(first[0]) if first[0] else None, first[1], first[2]),
            titles=tuple((int(e), str(s)) for e, s in data["titles"]),
        )


def _order(order: tuple[str, ...], key: str) -> int:
    return order.index(key) if key in order else len(order)


def _with_title(
    titles: tuple[tuple[int, str], ...], event_id: int, summary: str
) -> tuple[tuple[int, str], ...]:
    """The first reports' summaries, then a shorter one (of at least five words) in place of
    the longest candidate."""
    summary = " ".join(summary.split())
    if not summary:
        return titles
    if len(titles) < TITLE_CANDIDATES:
        return (*titles, (event_id, summary))
    longest = max(range(len(titles)), key=lambda i: (len(titles[i][1]), i))
    if len(summary.split()) >= 5 and len(summary) < len(titles[longest][1]):
        return (*titles[:longest], *titles[longest + 1 :], (event_id, summary))
    return titles


__all__ = ["First", "Profile"]
