"""Response bodies of the story endpoints: one happening across articles, its reports and
the evidence each report joined it on."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from app.api.schemas import (
    API,
    Q_BOUNDED,
    ArticleRefOut,
    EntityRefOut,
    EventOut,
    Linked,
    ListPage,
    QuoteOut,
    Schema,
)
from app.domain import EventKind, EventStatus, Granularity


class StoryParticipantOut(Schema):
    entity: EntityRefOut
    reports: int = Field(description="How many of its reports name the entity.")


class StoryOut(Linked):
    id: int
    title: str = Field(description="The summary that reads most like what its reports say.")
    kind: EventKind
    status: EventStatus = Field(description="Happened once any report says so; expected while all expect it.")
    value: str = Field(
        description="Its date as a TIMEX3 value, or a range start/end.", examples=["2024-07-09/2024-07-11"]
    )
    start_date: dt.date
    end_date: dt.date
    granularity: Granularity
    date_conflict: bool = Field(
        description="Some reports give a date that disagrees (see the story's `dates`)."
    )
    reports: int = Field(description="Events that report it.")
    articles: int = Field(description="Distinct articles among them.")
    sources: int = Field(description="Distinct sources among them.")
    weight: float = Field(description="Rank among key events: corroboration times kind.")
    first_report: ArticleRefOut | None = Field(description="The earliest published article reporting it.")
    participants: list[StoryParticipantOut] = Field(description="The entities its reports name most.")

    def paths(self) -> tuple[str, str]:
        return f"/stories/{self.id}", f"{API}/stories/{self.id}"


class StoryList(ListPage[StoryOut]):
    q_bounded: bool = Field(False, description=Q_BOUNDED)


class EvidenceOut(Schema):
    started: bool = Field(description="This report started the story.")
    score: float | None = Field(description="The matcher's total when it joined.")
    threshold: float | None = Field(description="The total it had to reach.")
    points: list[tuple[str, float]] = Field(description="Each reason with the points it gave or took.")
    merged_story_reports: int | None = Field(
        default=None,
        description="It came with a story of this many reports that was merged into this one; the "
        "score, threshold and points are then the merge's.",
    )
    merged_how: str | None = Field(default=None, description="What showed the two stories to be one.")


class ReportOut(Schema):
    event: EventOut
    evidence: EvidenceOut = Field(description="Why it was merged into the story.")


class ReportedDateOut(Schema):
    label: str = Field(examples=["week of July 8, 2024"])
    start: dt.date
    end: dt.date
    reports: int
    conflict: bool = Field(description="Disagrees with the story's date.")


class StoryDetailOut(Schema):
    story: StoryOut
    reports: list[ReportOut] = Field(description="Earliest published first.")
    participants: list[StoryParticipantOut]
    dates: list[ReportedDateOut] = Field(description="Every date the reports give, with how many give it.")
    statuses: list[tuple[str, int]] = Field(description="How many reports say expected, ongoing, happened.")
    quotes: list[QuoteOut] = Field(
        description="What its participants said, or was said of them, in its articles."
    )
    nearby: list[StoryOut] = Field(description="Stories of its main participants near it in time.")
