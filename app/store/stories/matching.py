"""Which story a newly extracted event reports: a pure function of the event and the
candidate stories, with scores and reasons a reader can check on the story page.

Evidence, each worth points; the total must reach MERGE_AT (MERGE_VAGUE_AT when the dates
only agree to a month or longer, or are a day or two apart):
  - compatible dates: the same day (a week or a month is weaker), a day inside a week or
    month story, a story's day inside "next week" as first announced, overlapping ranges;
  - the same predicate: the trigger's stem or a happening the summary names ("summit",
    "election"), more when both name a happening known by its name ("the summit"); little for
    light verbs ("make", "take", "set");
    other predicates (and no common one) cost points;
  - the same kind of event (a meeting and a meeting; a meeting and a statement cost points);
  - shared participants, each worth less the more nearby stories name it;
  - similar wording: content words of the summary that the story's reports use, each worth
    less the more nearby stories use it (names are counted as participants, not again here);
  - another predicate in an article already reporting the story costs points: an article
    lists distinct happenings.
An appointment that names people, none of them the story's, is another appointment (a list
of nominations is one happening per person).
Dates and names alone never join: it takes the same predicate, the same specific kind or two
distinctive words. The best-scoring candidate wins; ties go to the older story. Nothing is
learned or hidden: `Verdict.evidence` lists every point given or taken.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.store.stories.dates import Fit, Span, fit, gap_days
from app.store.stories.profile import Profile
from app.store.stories.words import NAMED_HAPPENINGS, content_stems, stem

MERGE_AT = 4.0
MERGE_VAGUE_AT = 5.0  # dates a day or two apart, or agreeing only to a month or longer
NEVER = float("inf")
BRIDGE_MARGIN = 1.0

# the date points by how the dates fit, for the finer of the two ranges: a day, a week, longer
DATE_POINTS = {
    Fit.SAME: (2.0, 1.0, 0.5),
    Fit.INSIDE: (1.5, 1.0, 0.5),
    Fit.CONTAINS: (1.5, 1.0, 0.5),
    Fit.OVERLAP: (1.0, 0.5, 0.5),
    Fit.NEAR: (0.0, 0.0, 0.0),
    Fit.SAME_PERIOD: (0.5, 0.5, 0.5),
    Fit.IN_PERIOD: (0.0, 0.0, 0.0),
}
STEM_POINTS = 2.0
NAMED_POINTS = 1.0  # the same named happening ("the summit", "the election") besides
LIGHT_STEM_POINTS = 0.5
OTHER_PREDICATE_POINTS = -1.0  # "unveiled" a phone and "introducing" it: told apart, as TimeML does
# Verbs that carry little of their own ("made a decision", "took steps", "set my hand").
LIGHT_VERBS = frozenset(
    stem(v)
    for v in [
        "be",
        "have",
        "do",
        "make",
        "take",
        "give",
        "get",
        "set",
        "go",
        "come",
        "put",
        "keep",
        "let",
        "see",
        "say",
        "tell",
        "continue",
        "begin",
        "start",
        "become",
        "seem",
        "show",
        "use",
        "need",
        "want",
    ]
)
PARTICIPANT_POINTS = 1.5
PARTICIPANT_CAP = 3.0
NO_COMMON_PARTICIPANT = -0.5
# "met Keir Starmer" is no report of a story that never names him: another meeting
OTHER_PEOPLE_POINTS = -1.5
WORD_POINTS = 0.6
WORD_CAP = 1.8
WORDS_TO_JOIN = 1.0  # distinctive wording that stands for a predicate: about two rare words
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
SPECIFIC_KINDS = frozenset(k for k, v in KIND_POINTS.items() if v >= 1.0)
APPOINTMENT = "appointment"
OTHER_KIND_POINTS = -1.0
SAME_ARTICLE_POINTS = -1.5


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
    stem: str | None  # the trigger's
    predicates: frozenset[str]  # the trigger's stem and the happenings the summary names
    participants: frozenset[int]
    words: frozenset[str]
    summary: str
    articles: frozenset[int] = frozenset()  # a story taken as one report: every article of it


@dataclass(frozen=True)
class Candidate:
    """A stored story as the matcher sees it."""

    story_id: int
    span: Span
    profile: Profile
    top: frozenset[str] | None = None  # its TOP_WORDS most used words, when worked out already

    def top_words(self) -> frozenset[str]:
        if self.top is None:
            object.__setattr__(self, "top", self.profile.top_words(TOP_WORDS))
        return self.top  # type: ignore[return-value]


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
    people: frozenset[int] = frozenset(),
    named_words: frozenset[str] | None = None,
) -> Verdict | None:
    """The evidence that `report` tells of `story`; None when their dates are incompatible.

    `frequency` counts, over the candidate stories of this report, how many name each
    participant ("e:12") and use each word ("w:summit"): evidence every nearby story shares
    is worth little. `names` (the report's participants: entity id ->
    name) words the reasons, and keeps names from counting again as shared words; `people`
    are the entity ids of persons among them."""
    how = fit(report.span, story.span)
    if how is Fit.APART:
        return None
    frequency = frequency or {}
    names = names or {}
    profile = story.profile
    kind = profile.main_kind

    def rarity(key: str) -> float:
        return 1 / (1 + math.log2(max(frequency.get(key, 1), 1)))

    # what the dates pin down: the range itself when the same, else the one holding the other
    pinned = report.span.days if how is Fit.SAME else max(report.span.days, story.span.days)
    precision = 0 if pinned == 1 else 1 if pinned <= 7 else 2
    points = [Point(_date_reason(how, report.span, story.span), DATE_POINTS[how][precision])]

    shared_predicates = sorted(p for p in report.predicates if p in profile.stems)
    weighty = [p for p in shared_predicates if p not in LIGHT_VERBS]
    stem_match = bool(weighty)
    if shared_predicates:
        best = (weighty or shared_predicates)[0]
        worth = STEM_POINTS if weighty else LIGHT_STEM_POINTS
        n = profile.stems[best]
        share = f"{n} of {profile.reports} report{'s' if profile.reports != 1 else ''}"
        points.append(Point(f"same predicate “{best}…” ({share})", round(worth, 2)))
        named = [p for p in weighty if p in NAMED_HAPPENINGS]
        if named:
            points.append(Point(f"both name the happening: “{named[0]}…”", NAMED_POINTS))
    elif _weighty(report.predicates) and _weighty(profile.stems):
        mine, theirs = sorted(_weighty(report.predicates)), sorted(_weighty(profile.stems))
        reason = f"different predicates: {', '.join(mine)}; the story's {', '.join(theirs[:3])}"
        points.append(Point(reason, OTHER_PREDICATE_POINTS))
    same_kind = report.kind == kind
    if report.kind in KIND_POINTS and kind in KIND_POINTS:
        if same_kind:
            points.append(Point(f"same kind: {kind}", KIND_POINTS[kind]))
        else:
            points.append(Point(f"different kinds: {report.kind}, the story's {kind}", OTHER_KIND_POINTS))

    shared = sorted(report.participants & profile.participant_ids)
    if shared:
        worth = sum(PARTICIPANT_POINTS * rarity(f"e:{e}") for e in shared)
        named = ", ".join(names.get(e, f"entity {e}") for e in shared)
        points.append(Point(f"both name {named}", round(min(worth, PARTICIPANT_CAP), 2)))
    elif report.participants and profile.participant_ids:
        points.append(Point("no participant in common", NO_COMMON_PARTICIPANT))
    others = sorted((report.participants & people) - profile.participant_ids)
    if others:
        named = ", ".join(names.get(e, f"entity {e}") for e in others)
        points.append(Point(f"names people its reports do not: {named}", OTHER_PEOPLE_POINTS))

    if named_words is None:
        named_words = name_stems(names)
    common = sorted((report.words & story.top_words()) - report.predicates - named_words)
    wording = min(sum(WORD_POINTS * rarity(f"w:{w}") for w in common), WORD_CAP)
    if common:
        points.append(Point(f"shared words: {', '.join(common)}", round(wording, 2)))
    in_article = report.article_id in profile.articles or not report.articles.isdisjoint(profile.articles)
    if in_article and not stem_match:
        points.append(Point("another predicate in an article already reporting it", SAME_ARTICLE_POINTS))

    vague = how is Fit.NEAR or pinned > 7
    threshold = MERGE_VAGUE_AT if vague else MERGE_AT
    predicate = stem_match or (same_kind and kind in SPECIFIC_KINDS) or wording >= WORDS_TO_JOIN
    if how is Fit.IN_PERIOD:
        # "launched the store in 2003" tells of its launch on April 28, 2003 only when the
        # happening and a participant are the same: a year alone holds every day of it
        predicate = stem_match and bool(shared)
    if kind == APPOINTMENT and report.kind == APPOINTMENT and others and not (set(shared) & people):
        predicate = False  # an appointment is of a person: another person's is another happening
    if not predicate:
        threshold = NEVER  # a date and names alone do not make one happening
    total = round(sum(p.points for p in points), 2)
    return Verdict(story.story_id, total, tuple(points), threshold)


def name_stems(names: Mapping[int, str]) -> frozenset[str]:
    """The words of the participants' names, which count as participants and not as words."""
    return frozenset().union(*(content_stems(n) for n in names.values()))


def weighty(stems: Iterable[str]) -> set[str]:
    """The predicates that are no light verb."""
    return _weighty(stems)


def _weighty(stems: Iterable[str]) -> set[str]:
    return {s for s in stems if s not in LIGHT_VERBS}


def frequencies(candidates: Iterable[Candidate]) -> dict[str, int]:
    """How many candidate stories name each participant and use each top word."""
    counts: dict[str, int] = {}
    for c in candidates:
        keys = [
            *(f"e:{e}" for e in c.profile.participant_ids),
            *(f"w:{w}" for w in c.top_words()),
        ]
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    return counts


def joining(
    report: Report,
    candidates: Sequence[Candidate],
    names: Mapping[int, str] | None = None,
    people: frozenset[int] = frozenset(),
) -> list[Verdict]:
    """Every story `report` could join, best first (highest score; on a tie the older story)."""
    frequency = frequencies(candidates)
    named = name_stems(names or {})
    verdicts = [
        v
        for c in candidates
        if (v := score(report, c, frequency, names, people, named)) is not None and v.joins
    ]
    return sorted(verdicts, key=lambda v: (-v.score, v.story_id))


def best_match(
    report: Report,
    candidates: Sequence[Candidate],
    names: Mapping[int, str] | None = None,
    people: frozenset[int] = frozenset(),
) -> Verdict | None:
    """The story `report` joins, or None: it starts a story of its own."""
    found = joining(report, candidates, names, people)
    return found[0] if found else None


def bridges(best: Candidate, other: Candidate, verdict: Verdict) -> bool:
    """Whether a report that joins `best` and could join `other` too (by `verdict`) shows them
    to be one happening: it fits `other` with a point to spare, their dates fit and they share
    a predicate that is no light verb."""
    if verdict.score < verdict.threshold + BRIDGE_MARGIN or fit(other.span, best.span) is Fit.APART:
        return False
    return bool(_weighty(best.profile.stems) & _weighty(other.profile.stems))


def as_report(story: Candidate) -> Report:
    """A story taken as one report of what its reports say together (its date, main kind,
    every predicate, participant and word), to ask whether it tells of another story."""
    profile = story.profile
    first = profile.first
    return Report(
        event_id=first.event_id if first else 0,
        article_id=0,
        source_id=None,
        published=first.published if first else None,
        span=story.span,
        status=profile.status,
        kind=profile.main_kind,
        stem=None,
        predicates=frozenset(profile.stems),
        participants=profile.participant_ids,
        words=frozenset(profile.words),
        summary="",  # the matcher reads no summary
        articles=frozenset(profile.articles),
    )


def same_happening(
    a: Candidate,
    b: Candidate,
    frequency: Mapping[str, int] | None = None,
    names: Mapping[int, str] | None = None,
    people: frozenset[int] = frozenset(),
) -> Verdict | None:
    """Whether two stories tell of one happening: the smaller (fewer reports; on a tie the
    newer) taken as one report joins the other on the matcher's evidence with a point to
    spare, as a report that bridges two stories must. The verdict names the story that stays
    (`story_id`); None when they stay apart."""
    small, big = sorted((a, b), key=lambda c: (c.profile.reports, -_age(c.story_id)))
    own = {e: n for e, n in (names or {}).items() if e in small.profile.participants}
    verdict = score(as_report(small), big, frequency, own, people)
    if verdict is None or verdict.score < verdict.threshold + BRIDGE_MARGIN:
        return None
    return verdict


def _age(story_id: int) -> int:
    """Stored stories by id; those not stored yet (negative ids, -1 first) after them: larger
    is newer."""
    return story_id if story_id > 0 else 2**62 - story_id


def _date_reason(how: Fit, report: Span, story: Span) -> str:
    match how:
        case Fit.SAME | Fit.SAME_PERIOD:
            return f"same date: {story.label}"
        case Fit.INSIDE:
            return f"{report.label} falls within the story's {story.label}"
        case Fit.CONTAINS:
            return f"the story's {story.label} falls within {report.label} as reported"
        case Fit.IN_PERIOD:
            return f"{report.label} and the story's {story.label}: one within the other"
        case Fit.OVERLAP:
            return f"{report.label} overlaps the story's {story.label}"
        case _:
            days = gap_days(report, story) + 1
            return f"dates {days} day{'s' if days != 1 else ''} apart: {report.label}, story {story.label}"


__all__ = [
    "MERGE_AT",
    "MERGE_VAGUE_AT",
    "Candidate",
    "Point",
    "Report",
    "Verdict",
    "as_report",
    "best_match",
    "bridges",
    "frequencies",
    "joining",
    "same_happening",
    "score",
]
