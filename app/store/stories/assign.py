"""Story assignment inside the article's transaction: each new event joins the story the
matcher picks among the stories near it in time that share a participant or a predicate, or
starts one. Stories touched by one article are written once, at the end.

Concurrent writers: on PostgreSQL each transaction takes advisory locks on the months its
events could find candidates in (sorted, so never a deadlock) under a shared lock that a
rebuild takes exclusively; two workers creating the same story thus run one after the other,
and the second finds the first's story. SQLite has one writer at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, bindparam, delete, insert, select, text, tuple_, union, update
from sqlalchemy.orm import Session

from app.store.bulk import upsert_rows
from app.store.counting import bump
from app.store.models import Entity, Story, StoryParticipant, StoryTerm
from app.store.models import Event as EventRow
from app.store.stories.dates import FINE_SPAN_DAYS, NEAR_DAYS, Fit, Span, fit
from app.store.stories.matching import (
    SPECIFIC_KINDS,
    Candidate,
    Report,
    Verdict,
    bridges,
    frequencies,
    joining,
    same_happening,
    weighty,
)
from app.store.stories.profile import Profile
from app.store.stories.ranking import story_weight
from app.store.stories.words import content_stems, predicates, trigger_stem

LOCK_CLASS = 0x5354  # "ST": advisory locks of story assignment (two-key form)
GLOBAL_LOCK = 0
MAX_CANDIDATES = 400
MAX_MERGES = 20  # story merges one article can set off


def _candidates_statement(people: bool, terms: bool) -> Select | None:
    """Stored stories near a report in time that share a participant (`people`) or a predicate
    (`terms`) with it: built once per shape, its SQL compiled once."""
    lo, hi = bindparam("lo"), bindparam("hi")
    selects = []
    if people:
        selects.append(
            select(StoryParticipant.story_id).where(
                StoryParticipant.entity_id.in_(bindparam("people", expanding=True)),
                StoryParticipant.start_date.between(lo, hi),
            )
        )
    if terms:
        selects.append(
            select(StoryTerm.story_id).where(
                StoryTerm.term.in_(bindparam("terms", expanding=True)),
                StoryTerm.start_date.between(lo, hi),
            )
        )
    if not selects:
        return None
    ids = select(union(*selects).subquery().c.story_id)
    return (
        select(Story.id, Story.start_date, Story.end_date, Story.granularity, Story.value, Story.profile)
        .where(Story.id.in_(ids))
        .order_by(Story.id.desc())  # past the limit, the newest stories
        .limit(MAX_CANDIDATES)
    )


_CANDIDATES = {
    (people, terms): _candidates_statement(people, terms)
    for people in (True, False)
    for terms in (True, False)
}


def report_of(
    event: EventRow, participants: Iterable[int], published: dt.date | None, source_id: int | None
) -> Report:
    return Report(
        event_id=event.id,
        article_id=event.article_id,
        source_id=source_id,
        published=published,
        span=Span(event.start_date, event.end_date, event.granularity, event.value),
        status=event.status,
        kind=event.kind,
        stem=trigger_stem(event.trigger),
        predicates=predicates(event.trigger, event.summary),
        participants=frozenset(participants),
        words=content_stems(event.summary),
        summary=event.summary,
    )


def window(span: Span) -> tuple[dt.date, dt.date]:
    """The start dates a candidate story of `span` can have."""
    if span.days > FINE_SPAN_DAYS:
        return span.start, span.end  # the period's own stories and the finer ones inside it
    slack = dt.timedelta(days=NEAR_DAYS + 1)
    return span.start - dt.timedelta(days=FINE_SPAN_DAYS) - slack, span.end + slack


def lock_windows(session: Session, spans: Iterable[Span], exclusive: bool = False) -> None:
    """PostgreSQL: the months whose stories these spans could join, in one order."""
    if session.get_bind().dialect.name != "postgresql":
        return
    mode = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    session.execute(text(f"SELECT {mode}(:c, :k)"), {"c": LOCK_CLASS, "k": GLOBAL_LOCK})
    if exclusive:
        return
    months: set[int] = set()
    for span in spans:
        lo, hi = window(span)
        for month in range(lo.year * 12 + lo.month - 1, hi.year * 12 + hi.month):
            months.add(month)
    for month in sorted(months):
        session.execute(text("SELECT pg_advisory_xact_lock(:c, :k)"), {"c": LOCK_CLASS, "k": month + 1})


@dataclass
class _Touched:
    story_id: int
    profile: Profile
    before: Profile | None  # None: created by this article
    span: Span


class Assigner:
    """Assigns one article's reports, in order, keeping the stories it touched in memory."""

    def __init__(self, session: Session, names: Mapping[int, str], people: frozenset[int]) -> None:
        self.session = session
        self.names = dict(names)
        self.people = people
        self.seen: dict[int, Candidate] = {}  # stored stories this article's reports could join
        self.merged: dict[int, dict] = {}  # stored story folded into another -> why
        self.touched: dict[int, _Touched] = {}
        self.decisions: list[tuple[int, int, dict]] = []  # (event id, story id, evidence)
        self.new_ids = 0  # stories this article starts get ids -1, -2, …; rows are written at the end
        self.absorbed: list[tuple[int, int]] = []  # (stored story folded in, story it joined)

    def assign(self, report: Report) -> Verdict | None:
        candidates = {c.story_id: c for c in self._candidates(report)}
        verdicts = joining(report, list(candidates.values()), self.names, self.people)
        if not verdicts:
            story_id = self._create(report)
            self.decisions.append((report.event_id, story_id, {"started": True}))
            return None
        verdict = verdicts[0]
        story_id = verdict.story_id
        touched = self._touch(candidates[story_id])
        evidence: dict = {
            "score": verdict.score,
            "threshold": verdict.threshold,
            "points": [[p.reason, p.points] for p in verdict.evidence],
            "reports_before": touched.profile.reports,
        }
        merged = []
        for other in verdicts[1:]:
            if bridges(candidates[story_id], candidates[other.story_id], other):
                gone = self._touch(candidates[other.story_id])
                why = _why(other, gone.profile, f"A report fits both stories: “{report.summary[:120]}”")
                self._fold(touched, gone, why)
                merged.append([other.story_id, other.score])
        if merged:
            evidence["merged"] = merged  # stories this report showed to be the same happening
        touched.profile = touched.profile.add(report)
        touched.span = touched.profile.story_dates().span
        self.decisions.append((report.event_id, story_id, evidence))
        return verdict

    def _touch(self, candidate: Candidate) -> _Touched:
        touched = self.touched.get(candidate.story_id)
        if touched is None:
            touched = _Touched(candidate.story_id, candidate.profile, candidate.profile, candidate.span)
            self.touched[candidate.story_id] = touched
        return touched

    def _fold(self, into: _Touched, other: _Touched, why: dict) -> None:
        """Fold story `other` into `into`; its reports keep why, their own evidence under
        "before"."""
        if other.story_id > 0:
            self.merged[other.story_id] = why
        self.decisions = [
            (e, s, {**why, "before": ev} if s == other.story_id else ev) for e, s, ev in self.decisions
        ]
        self._absorb(into, other)

    def _absorb(self, into: _Touched, other: _Touched) -> None:
        """Fold story `other` into `into`: its reports move over and it goes (in `write`)."""
        into.profile = into.profile.merged(other.profile)
        into.span = into.profile.story_dates().span
        self.decisions = [(e, into.story_id if s == other.story_id else s, ev) for e, s, ev in self.decisions]
        self.absorbed = [(gone, into.story_id if s == other.story_id else s) for gone, s in self.absorbed]
        if other.story_id > 0:
            self.absorbed.append((other.story_id, into.story_id))
        del self.touched[other.story_id]

    def _create(self, report: Report) -> int:
        """A new story, known by a temporary negative id until `write` inserts it."""
        profile = Profile().add(report)
        self.new_ids += 1
        story_id = -self.new_ids
        self.touched[story_id] = _Touched(story_id, profile, None, profile.story_dates().span)
        return story_id

    def _candidates(self, report: Report) -> list[Candidate]:
        lo, hi = window(report.span)
        found: dict[int, Candidate] = {}
        statement = _CANDIDATES[bool(report.participants), bool(report.predicates)]
        if statement is not None:
            rows = self.session.execute(
                statement,
                {
                    "lo": lo,
                    "hi": hi,
                    "people": sorted(report.participants),
                    "terms": sorted(p[:60] for p in report.predicates),
                },
            ).all()
            gone = {g for g, _ in self.absorbed}
            for row in rows:
                if row.id not in self.touched and row.id not in gone:
                    candidate = self.seen.get(row.id)
                    if candidate is None:
                        span = Span(row.start_date, row.end_date, row.granularity, row.value)
                        candidate = Candidate(row.id, span, Profile.from_json(row.profile))
                        self.seen[row.id] = candidate
                    found[row.id] = candidate
        # stories this article touched: their rows are written at the end
        for t in self.touched.values():
            if lo <= t.span.start <= hi and _shares(report, t.profile):
                found[t.story_id] = Candidate(t.story_id, t.span, t.profile)
        return [c for c in found.values() if fit(report.span, c.span) is not Fit.APART]

    def consolidate(self) -> None:
        """Stories this article touched that now tell of the same happening as another story
        its reports saw (touched or not: one formed before the other) are merged, the smaller
        into the larger, until none match; each moved report keeps why."""
        for _ in range(MAX_MERGES):
            found = self._next_merge()
            if found is None:
                return
            verdict, keep, gone = found
            why = _why(verdict, gone.profile, "Its reports, taken as one, fit this story")
            self._fold(self._touch(keep), self._touch(gone), why)

    def _next_merge(self) -> tuple[Verdict, Candidate, Candidate] | None:
        """The first pair (touched stories in age order, each against the stories near it in
        age order) that tells of one happening: (verdict, story kept, story folded in)."""
        gone = {g for g, _ in self.absorbed}
        current = {
            t.story_id: Candidate(t.story_id, t.span, t.profile)
            for t in sorted(self.touched.values(), key=lambda t: _age(t.story_id))
        }
        stored = [c for i, c in sorted(self.seen.items()) if i not in self.touched and i not in gone]
        for story in current.values():
            others = [*current.values(), *stored]
            mine, kind = weighty(story.profile.stems), story.profile.main_kind
            near = [c for c in others if c.story_id != story.story_id and _near(story, c, mine, kind)]
            if not near:
                continue
            frequency = frequencies([story, *near])
            for other in near:
                verdict = same_happening(story, other, frequency, self.names, self.people)
                if verdict is None:
                    continue
                small = other if verdict.story_id == story.story_id else story
                if not small.profile.participant_ids <= self.names.keys():
                    self._learn_names(small.profile.participant_ids)
                    verdict = same_happening(story, other, frequency, self.names, self.people)
                    if verdict is None:
                        continue
                keep, gone_story = (story, other) if verdict.story_id == story.story_id else (other, story)
                return verdict, keep, gone_story
        return None

    def _learn_names(self, ids: Iterable[int]) -> None:
        names, people = entity_names(self.session, set(ids) - self.names.keys())
        self.names.update(names)
        self.people = self.people | people

    def write(self) -> None:
        """Story rows (new ones inserted in one statement), their participants and terms, the
        stories folded into others, and each event's story and evidence."""
        real = self._insert_new()
        stored = [t for t in self.touched.values() if t.story_id > 0]
        if stored:
            self.session.execute(
                update(Story), [{"id": t.story_id, **story_fields(t.profile)} for t in stored]
            )
        write_index_rows(
            self.session,
            [
                (real.get(t.story_id, t.story_id), t.profile, t.profile.story_dates().span.start, t.before)
                for t in sorted(self.touched.values(), key=lambda t: real.get(t.story_id, t.story_id))
            ],
        )
        self._keep_why_merged()
        for gone, into in self.absorbed:
            self.session.execute(
                update(EventRow).where(EventRow.story_id == gone).values(story_id=real.get(into, into))
            )
        if self.absorbed:
            gone_ids = sorted(g for g, _ in self.absorbed)
            self.session.execute(delete(StoryParticipant).where(StoryParticipant.story_id.in_(gone_ids)))
            self.session.execute(delete(StoryTerm).where(StoryTerm.story_id.in_(gone_ids)))
            self.session.execute(delete(Story).where(Story.id.in_(gone_ids)))
        if real or self.absorbed:
            bump(self.session, "stories", len(real) - len(self.absorbed))
        self.decisions = [(e, real.get(s, s), _real_ids(ev, real)) for e, s, ev in self.decisions]
        if self.decisions:
            self.session.execute(
                update(EventRow.__table__)
                .where(EventRow.__table__.c.id == bindparam("eid"))
                .values(story_id=bindparam("sid"), story_evidence=bindparam("evidence")),
                [{"eid": e, "sid": s, "evidence": ev} for e, s, ev in self.decisions],
            )

    def _keep_why_merged(self) -> None:
        """Reports of stored stories folded in by `consolidate` carry why, their own evidence
        kept under "before"."""
        if not self.merged:
            return
        rows = self.session.execute(
            select(EventRow.id, EventRow.story_id, EventRow.story_evidence).where(
                EventRow.story_id.in_(sorted(self.merged))
            )
        ).all()
        if not rows:
            return
        table = EventRow.__table__
        self.session.execute(
            update(table).where(table.c.id == bindparam("eid")).values(story_evidence=bindparam("evidence")),
            [
                {"eid": r.id, "evidence": {**self.merged[r.story_id], "before": r.story_evidence}}
                for r in rows
            ],
        )

    def _insert_new(self) -> dict[int, int]:
        """Insert the stories this article started, in order; temporary id -> stored id."""
        new = sorted((t for t in self.touched.values() if t.story_id < 0), key=lambda t: -t.story_id)
        if not new:
            return {}
        ids = self.session.scalars(
            insert(Story).returning(Story.id, sort_by_parameter_order=True),
            [story_fields(t.profile) for t in new],
        ).all()
        return {t.story_id: story_id for t, story_id in zip(new, ids, strict=True)}


def _real_ids(evidence: dict, real: Mapping[int, int]) -> dict:
    """Evidence naming stories by temporary ids names them by their stored ones."""
    merged = evidence.get("merged")
    if not merged or not real:
        return evidence
    return {**evidence, "merged": [[real.get(s, s), score] for s, score in merged]}


def _why(verdict: Verdict, gone: Profile, how: str) -> dict:
    """The evidence a story was merged into another on, kept by each of its reports."""
    return {
        "score": verdict.score,
        "threshold": verdict.threshold,
        "points": [[p.reason, p.points] for p in verdict.evidence],
        "merged_story": {"reports": gone.reports, "articles": len(gone.articles), "how": how},
    }


def _age(story_id: int) -> int:
    """Stored stories by id, then those this article starts (-1, -2, …) in order."""
    return story_id if story_id > 0 else 2**62 - story_id


def _near(story: Candidate, other: Candidate, predicates: set[str], kind: str) -> bool:
    """Whether two stories could be one: a predicate that is no light verb in common (or the
    same specific kind), either starting where the other's candidates are looked for, and
    fitting dates. `predicates` and `kind` are `story`'s."""
    b = other.profile
    if not any(p in b.stems for p in predicates) and not (kind in SPECIFIC_KINDS and kind == b.main_kind):
        return False
    lo, hi = window(story.span)
    lo2, hi2 = window(other.span)
    if not (lo <= other.span.start <= hi or lo2 <= story.span.start <= hi2):
        return False
    return fit(story.span, other.span) is not Fit.APART


def _shares(report: Report, profile: Profile) -> bool:
    return bool(report.participants & profile.participant_ids) or any(
        p in profile.stems for p in report.predicates
    )


IndexEntry = tuple[int, Profile, dt.date, "Profile | None"]  # story id, profile, start, profile before


def write_index_rows(session: Session, entries: Sequence[IndexEntry]) -> None:
    """Bring the stories' participant and term rows in line with their profiles: new ones are
    added, counts changed, gone ones deleted, and every row moved to its story's start date.
    A few statements for any number of stories. Each row carries its story's weight, as the
    story row does (story_fields)."""
    weights = {story_id: story_weight(profile) for story_id, profile, _, _ in entries}
    participants = [
        {"story_id": story_id, "entity_id": e, "reports": n, "start_date": start, "weight": weights[story_id]}
        for story_id, profile, start, _ in entries
        for e, n in sorted(profile.participants.items())
    ]
    upsert_rows(
        session,
        StoryParticipant.__table__,
        participants,
        ["story_id", "entity_id"],
        replace=["reports", "start_date", "weight"],
    )
    terms = [
        {"story_id": story_id, "term": term, "start_date": start}
        for story_id, profile, start, _ in entries
        for term in sorted({s[:60] for s in profile.stems})
    ]
    upsert_rows(session, StoryTerm.__table__, terms, ["story_id", "term"], replace=["start_date"])
    gone_participants = [
        (story_id, e)
        for story_id, profile, _, before in entries
        if before is not None
        for e in sorted(set(before.participants) - set(profile.participants))
    ]
    key = tuple_(StoryParticipant.story_id, StoryParticipant.entity_id)
    for chunk in _chunks(gone_participants):
        session.execute(delete(StoryParticipant).where(key.in_(chunk)))
    gone_terms = [
        (story_id, term)
        for story_id, profile, _, before in entries
        if before is not None
        for term in sorted({s[:60] for s in before.stems} - {s[:60] for s in profile.stems})
    ]
    for chunk in _chunks(gone_terms):
        session.execute(delete(StoryTerm).where(tuple_(StoryTerm.story_id, StoryTerm.term).in_(chunk)))


def _chunks(rows: list, size: int = 500) -> Iterable[list]:  # type: ignore[type-arg]
    """Multi-row statements small enough for any database's limit on bound parameters."""
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def story_fields(profile: Profile) -> dict:
    """The stored story, derived from its profile."""
    dates = profile.story_dates()
    first = profile.first
    fields = {
        "title": profile.title,
        "kind": profile.main_kind,
        "status": profile.status,
        "value": dates.span.value[:60] or dates.span.start.isoformat(),
        "start_date": dates.span.start,
        "end_date": dates.span.end,
        "granularity": dates.span.granularity,
        "date_conflict": bool(dates.conflicts),
        "report_count": profile.reports,
        "article_count": len(profile.articles),
        "source_count": len(profile.sources),
        "first_event_id": first.event_id if first else None,
        "first_article_id": first.article_id if first else None,
        "first_published": first.published if first else None,
        "profile": profile.to_json(),
    }
    fields["weight"] = story_weight(profile)
    return fields


def entity_names(session: Session, ids: Iterable[int]) -> tuple[dict[int, str], frozenset[int]]:
    """Names of these entities, and which of them are people."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}, frozenset()
    rows = session.execute(select(Entity.id, Entity.name, Entity.kind).where(Entity.id.in_(wanted))).all()
    return {r.id: r.name for r in rows}, frozenset(r.id for r in rows if r.kind == "person")


def assign_reports(session: Session, reports: Sequence[Report]) -> list[tuple[int, int, dict]]:
    """Assign reports (one article's, in order) to stories; returns (event, story, evidence)."""
    if not reports:
        return []
    lock_windows(session, [r.span for r in reports])
    assigner = Assigner(session, *entity_names(session, (e for r in reports for e in r.participants)))
    for report in reports:
        assigner.assign(report)
    assigner.consolidate()
    assigner.write()
    return assigner.decisions


__all__ = ["assign_reports", "entity_names", "lock_windows", "report_of", "story_fields", "window"]
