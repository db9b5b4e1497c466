"""Which story a newly extracted event reports: a pure function of the event and the
candidate stories, with scores and reasons a reader can check on the story page.

Evidence, each worth points (the total must reach MERGE_AT, more for dates a day or two apart
or for long periods such as a year):
  - compatible dates: the same day, a day inside a week or month story, a story's day inside
    "next week" as first announced, overlapping ranges;
  - the same predicate (trigger stem), worth less when many stories nearby share it ("said");
  - the same kind of event (a meeting and a meeting; a meeting and a statement cost points);
  - shared participants, each worth less the more nearby stories name it;
  - similar wording: content words of the summary that the story's reports use.
The best-scoring candidate wins; ties go to the older story. Nothing is learned or hidden:
`Verdict.evidence` lists every point given or taken.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.store.stories.dates import Fit, Span, fit, gap_days
from app.store.stories.profile import Profile
from app.store.stories.words import content_stems

MERGE_AT = 4.0
MERGE_NEAR_AT = 5.5  # dates a day or two apart
MERGE_PERIOD_AT = 6.0  # the same quarter, year or decade: little evidence by itself

DATE_POINTS = {
    Fit.SAME: 2.0,
    Fit.INSIDE: 1.5,
    Fit.CONTAINS: 1.5,
    Fit.OVERLAP: 1.0,
    Fit.NEAR: 0.0,
    Fit.SAME_PERIOD: 0.5,
}
STEM_POINTS = 2.0
PARTICIPANT_POINTS = 1.5
PARTICIPANT_CAP = 3.0
NO_COMMON_PARTICIPANT = -0.5
WORD_POINTS = 0.6
WORD_CAP = 2.4
TOP_WORDS = 25
# A meeting, an agreement, an election… names a happening more surely than a statement does.
KIND_POINTS = {
    "meeting": 1.0,
    "agreement": 1.0,
    "election": 1.0,
    "attack": 1.0,
    "appointment": 1.0,
    "legislation": 1.0,
    "announcement": 0.5,
    "statement": 0.5,
}
OTHER_KIND_POINTS = -1.0
SPECIFIC_KINDS = frozenset({"meeting", "agreement", "election", "attack", "appointment", "legislation"})
SAME_ARTICLE_POINTS = -1.5
NEVER = float("inf")


@dataclass(frozen=True)
class Report:
    """What the matcher knows of one event (as stored, with its article's facts)."""

    event_id: int
    article_id: int
    source_id: int | None
    published: dt.date | None
    span: Span
    status: str
    kind: str
    stem: str | None
    participants: frozenset[int]
    words: frozenset[str]
    summary: str


@dataclass(frozen=True)
class Candidate:
    """A stored story as the matcher sees it."""

    story_id: int
    span: Span
    profile: Profile


@dataclass(frozen=True)
class Point:
    reason: str
    points: float


@dataclass(frozen=True)
class Verdict:
    story_id: int
    score: float
    evidence: tuple[Point, ...]
    threshold: float

    @property
    def joins(self) -> bool:
        return self.score >= self.threshold


def score(
    report: Report,
    story: Candidate,
    frequency: Mapping[str, int] | None = None,
    names: Mapping[int, str] | None = None,
) -> Verdict | None:
    """The evidence that `report` tells of `story`; None when their dates are incompatible.

    `frequency` counts, over the candidate stories of this report, how many name each
    participant ("e:12") and use each stem ("t:meet"): shared evidence that every nearby
    story has is worth little. `names` (the report's participants: entity id -> name) words
    the reasons, and keeps names from counting again as shared words."""
    how = fit(report.span, story.span)
    if how is Fit.APART:
        return None
    frequency = frequency or {}
    names = names or {}
    profile = story.profile
    kind = profile.main_kind
    stem_match = bool(report.stem and report.stem in profile.stems)
    named_words = frozenset().union(*(content_stems(n) for n in names.values()))
    common = sorted((report.words & profile.top_words(TOP_WORDS)) - {report.stem} - named_words)
    shared = sorted(report.participants & profile.participant_ids)

    points = [Point(_date_reason(how, report.span, story.span), DATE_POINTS[how])]
    if stem_match:
        assert report.stem is not None
        worth = STEM_POINTS / (1 + math.log2(max(frequency.get(f"t:{report.stem}", 1), 1)))
        n = profile.stems[report.stem]
        share = f"{n} of {profile.reports} report{'s' if profile.reports != 1 else ''}"
        points.append(Point(f"same predicate “{report.stem}…” ({share})", round(worth, 2)))
    if report.kind in KIND_POINTS and kind in KIND_POINTS:
        if report.kind == kind:
            points.append(Point(f"same kind: {kind}", KIND_POINTS[kind]))
        else:
            points.append(Point(f"different kinds: {report.kind}, the story's {kind}", OTHER_KIND_POINTS))
    if shared:
        worth = sum(PARTICIPANT_POINTS / (1 + math.log2(max(frequency.get(f"e:{e}", 1), 1))) for e in shared)
        named = ", ".join(names.get(e, f"entity {e}") for e in shared)
        points.append(Point(f"both name {named}", round(min(worth, PARTICIPANT_CAP), 2)))
    elif report.participants and profile.participant_ids:
        points.append(Point("no participant in common", NO_COMMON_PARTICIPANT))
    if common:
        worth = min(WORD_POINTS * len(common), WORD_CAP)
        points.append(Point(f"shared words: {', '.join(common)}", round(worth, 2)))
    if report.article_id in profile.articles and not stem_match:
        points.append(Point("another predicate in an article already reporting it", SAME_ARTICLE_POINTS))

    threshold = {Fit.NEAR: MERGE_NEAR_AT, Fit.SAME_PERIOD: MERGE_PERIOD_AT}.get(how, MERGE_AT)
    if not (stem_match or (report.kind == kind and kind in SPECIFIC_KINDS) or len(common) >= 2):
        threshold = NEVER  # a date and names alone do not make one happening
    total = round(sum(p.points for p in points), 2)
    return Verdict(story.story_id, total, tuple(points), threshold)


def frequencies(candidates: Iterable[Candidate]) -> dict[str, int]:
    """How many candidate stories name each participant and use each stem."""
    counts: dict[str, int] = {}
    for c in candidates:
        for key in [*(f"e:{e}" for e in c.profile.participant_ids), *(f"t:{s}" for s in c.profile.stems)]:
            counts[key] = counts.get(key, 0) + 1
    return counts


def best_match(
    report: Report, candidates: Sequence[Candidate], names: Mapping[int, str] | None = None
) -> Verdict | None:
    """The story `report` joins (the highest score that reaches its threshold; on a tie the
    older story), or None: it starts a story of its own."""
    frequency = frequencies(candidates)
    best: Verdict | None = None
    for candidate in sorted(candidates, key=lambda c: c.story_id):
        verdict = score(report, candidate, frequency, names)
        if verdict is None or not verdict.joins:
            continue
        if best is None or verdict.score > best.score:
            best = verdict
    return best


def _date_reason(how: Fit, report: Span, story: Span) -> str:
    match how:
        case Fit.SAME | Fit.SAME_PERIOD:
            return f"same date: {story.label}"
        case Fit.INSIDE:
            return f"{report.label} falls within the story's {story.label}"
        case Fit.CONTAINS:
            return f"the story's {story.label} falls within {report.label} as reported"
        case Fit.OVERLAP:
            return f"{report.label} overlaps the story's {story.label}"
        case _:
            days = gap_days(report, story) + 1
            return f"dates {days} day{'s' if days != 1 else ''} apart: {report.label}, story {story.label}"


__all__ = [
    "MERGE_AT",
    "Candidate",
    "Point",
    "Report",
    "Verdict",
    "best_match",
    "frequencies",
    "score",
]
