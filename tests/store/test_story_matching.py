"""The pure matcher: which story an event reports, and why (no database)."""

from __future__ import annotations

import datetime as dt

from app.store.stories.dates import Fit, Span, fit, story_dates
from app.store.stories.matching import Candidate, Report, best_match, same_happening, score
from app.store.stories.profile import Profile
from app.store.stories.words import content_stems, predicates, trigger_stem

D = dt.date
NAMES = {1: "NATO", 2: "Joe Biden", 3: "Jens Stoltenberg", 4: "Volodymyr Zelenskyy"}


def report(
    event_id: int,
    summary: str,
    trigger: str,
    span: Span,
    participants: set[int],
    kind: str = "meeting",
    status: str = "happened",
    article_id: int | None = None,
    published: dt.date | None = None,
) -> Report:
    return Report(
        event_id=event_id,
        article_id=article_id if article_id is not None else event_id,
        source_id=1,
        published=published or span.start,
        span=span,
        status=status,
        kind=kind,
        stem=trigger_stem(trigger),
        predicates=predicates(trigger, summary),
        participants=frozenset(participants),
        words=content_stems(summary),
        summary=summary,
    )


def story(story_id: int, *reports: Report) -> Candidate:
    profile = Profile()
    for r in reports:
        profile = profile.add(r)
    return Candidate(story_id, profile.story_dates().span, profile)


DAY9 = Span(D(2024, 7, 9), D(2024, 7, 9))
WEEK28 = Span(D(2024, 7, 8), D(2024, 7, 14), "week", "2024-W28")
SUMMIT = report(1, "Allies will gather in Washington for the NATO summit", "summit", WEEK28, {1}, "meeting",
                "expected", published=D(2024, 7, 1))  # fmt: skip


def test_next_week_said_on_july_1_and_july_9_said_on_july_8_are_one_story() -> None:
    later = report(
        2, "Leaders open the NATO summit in Washington", "summit", DAY9, {1, 2}, published=D(2024, 7, 8)
    )
    verdict = best_match(later, [story(10, SUMMIT)], NAMES)
    assert verdict is not None and verdict.story_id == 10
    reasons = [p.reason for p in verdict.evidence]
    assert any("falls within" in r and "week of July 8, 2024" in r for r in reasons)
    assert any(r.startswith("same predicate “summit") for r in reasons)
    assert any(r == "both name NATO" for r in reasons)


def test_a_day_falls_inside_a_week_or_month_story_but_not_a_day_two_weeks_off() -> None:
    assert fit(DAY9, WEEK28) is Fit.INSIDE
    assert fit(DAY9, Span(D(2024, 7, 1), D(2024, 7, 31), "month", "2024-07")) is Fit.INSIDE
    assert fit(WEEK28, DAY9) is Fit.CONTAINS
    assert fit(Span(D(2024, 7, 23), D(2024, 7, 23)), DAY9) is Fit.APART
    assert fit(Span(D(2024, 7, 10), D(2024, 7, 10)), DAY9) is Fit.NEAR
    # a year holds every day of it: on its own it says nothing about which happening
    assert fit(DAY9, Span(D(2024, 1, 1), D(2024, 12, 31), "year", "2024")) is Fit.IN_PERIOD
    assert fit(DAY9, Span(D(2023, 1, 1), D(2023, 12, 31), "year", "2023")) is Fit.APART


def test_a_year_report_joins_the_day_it_holds_only_with_the_same_happening_and_a_participant() -> None:
    store = {1: "Apple", 2: "iTunes Music Store", 3: "Steve Jobs"}
    day = Span(D(2003, 4, 28), D(2003, 4, 28))
    year = Span(D(2003, 1, 1), D(2003, 12, 31), "year", "2003")
    launch = report(1, "Apple launched the iTunes Music Store, an online music store, on April 28, 2003",
                    "launched", day, {1, 2}, "announcement")  # fmt: skip
    again = report(2, "Apple Computer was started in 1976, and launched the iTunes Music Store in 2003",
                   "launched", year, {1, 2}, "announcement")  # fmt: skip
    verdict = best_match(again, [story(10, launch)], store)
    assert verdict is not None and verdict.story_id == 10
    assert any("one within the other" in p.reason for p in verdict.evidence)
    # the same year and participants, another happening: apart
    sued = report(3, "Apple was sued over the iTunes Music Store in 2003", "sued", year, {1, 2}, "other")
    assert best_match(sued, [story(10, launch)], store) is None
    # the same happening, no participant in common: apart
    other = report(4, "A rival launched its music store in 2003", "launched", year, {3}, "announcement")
    assert best_match(other, [story(10, launch)], store) is None


def test_incompatible_dates_never_join_however_alike() -> None:
    late = report(3, "Allies gather in Washington for the NATO summit", "summit",
                  Span(D(2024, 8, 20), D(2024, 8, 20)), {1})  # fmt: skip
    assert score(late, story(10, SUMMIT)) is None
    assert best_match(late, [story(10, SUMMIT)]) is None


def test_a_date_and_a_name_alone_do_not_make_one_happening() -> None:
    call = report(4, "Biden spoke by phone with Zelenskyy", "spoke", DAY9, {2, 4}, "statement")
    signing = report(5, "Biden signed the bill into law", "signed", DAY9, {2}, "legislation")
    verdict = score(signing, story(11, call), names=NAMES)
    assert verdict is not None and not verdict.joins
    assert best_match(signing, [story(11, call)], NAMES) is None


def test_a_common_predicate_shared_by_every_story_nearby_is_worth_less() -> None:
    said = [report(10 + i, f"Biden said topic{i} matters", "said", DAY9, {2}, "statement") for i in range(8)]
    new = report(30, "Biden said taxes matter", "said", DAY9, {2}, "statement")
    alone = score(new, story(1, said[0]), names=NAMES)
    crowded = score(new, story(1, said[0]), frequency={"t:say": 8, "e:2": 8}, names=NAMES)
    assert alone is not None and crowded is not None
    assert crowded.score < alone.score


def test_the_best_story_wins_and_ties_go_to_the_older_one() -> None:
    twin_a, twin_b = story(20, SUMMIT), story(21, SUMMIT)
    later = report(
        2, "Leaders open the NATO summit in Washington", "summit", DAY9, {1}, published=D(2024, 7, 8)
    )
    verdict = best_match(later, [twin_b, twin_a], NAMES)
    assert verdict is not None and verdict.story_id == 20


def test_reports_that_disagree_on_the_day_show_a_conflict_not_an_average() -> None:
    a = Span(D(2024, 7, 9), D(2024, 7, 9))
    b = Span(D(2024, 7, 16), D(2024, 7, 16))
    dates = story_dates({a: 3, b: 1})
    assert (dates.span.start, dates.span.end) == (a.start, a.end)
    assert dates.conflicts == ((b, 1),)
    # the days of a summit run on: one range, no conflict; a week that holds them agrees
    run = story_dates({a: 2, Span(D(2024, 7, 10), D(2024, 7, 10)): 1, Span(D(2024, 7, 11), D(2024, 7, 11)): 1,
                       WEEK28: 2})  # fmt: skip
    assert (run.span.start, run.span.end, run.conflicts) == (D(2024, 7, 9), D(2024, 7, 11), ())
    assert run.span.label == "July 9–11, 2024"


def test_an_expected_story_becomes_happened_when_a_later_report_says_so_keeping_both() -> None:
    profile = Profile().add(SUMMIT)
    assert profile.status == "expected"
    done = report(2, "Leaders met at the NATO summit", "summit", DAY9, {1}, published=D(2024, 7, 10))
    profile = profile.add(done)
    assert profile.status == "happened" and profile.reports == 2
    assert profile.statuses == {"expected": 1, "happened": 1}


def test_the_first_report_is_the_earliest_published_whatever_the_order_of_arrival() -> None:
    late = report(
        2, "Leaders met at the NATO summit", "summit", DAY9, {1}, published=D(2024, 7, 10), article_id=1
    )
    early = report(9, "Allies will gather for the NATO summit", "summit", WEEK28, {1},
                   published=D(2024, 7, 1), article_id=2)  # fmt: skip
    profile = Profile().add(late).add(early)
    assert profile.first is not None and profile.first.event_id == 9
    assert len(profile.articles) == 2 and len(profile.sources) == 1


def test_a_profile_survives_its_json_unchanged() -> None:
    profile = Profile().add(SUMMIT).add(report(2, "Leaders met at the NATO summit", "summit", DAY9, {1, 3}))
    assert Profile.from_json(profile.to_json()) == profile


def test_words_meet_across_inflections_and_irregular_forms() -> None:
    assert trigger_stem("introduced") == trigger_stem("introducing") == trigger_stem("introduction")
    assert trigger_stem("resigned") == trigger_stem("resignation")
    assert trigger_stem("died") == trigger_stem("death")
    assert trigger_stem("fought") == trigger_stem("fighting")
    assert content_stems("He said on Tuesday that the summit will open") == {"summit", "open"}


def test_a_happening_named_in_the_summary_is_a_predicate_unless_it_is_the_setting() -> None:
    assert predicates("attending", "countries attending the NATO Summit this week") == {"attend", "summit"}
    assert predicates("look", "I look forward to the summit in Washington") == {"look", "summit"}
    unveiled = "at this year's Apple Worldwide Developers Conference (WWDC), Jobs unveiled iPhone 4"
    assert predicates("unveiled", unveiled) == {"unveil"}
    assert predicates("spoke", "Biden spoke during the NATO Summit") == {"speak"}
    assert predicates("met", "Biden met Yoon on the margins of the NATO Summit") == {"meet"}
    assert predicates("met", "Biden met Kishida on the sidelines of the summit") == {"meet"}


def test_a_happening_noun_used_as_a_verb_names_no_happening() -> None:
    assert predicates("hosting", "hosting leaders to rally support for Ukraine") == {"host"}
    assert predicates("review", "a review of yesterday's rally") == {"review", "ralli"}
    assert predicates("welcomed", "welcomed the peace summit") == {"welcom", "summit"}


def test_two_reports_naming_the_same_happening_score_more_than_a_shared_verb() -> None:
    named = report(2, "Allies convene for the NATO summit", "convene", DAY9, {1}, published=D(2024, 7, 9))
    verb = report(3, "Allies convene to discuss Ukraine", "convene", DAY9, {1}, published=D(2024, 7, 9))
    base = story(10, report(1, "Leaders convene at the summit in Washington", "convene", DAY9, {1}))
    with_name = story(11, report(4, "Leaders convene for the summit in Washington", "convene", DAY9, {1}))
    a, b = score(named, with_name, names=NAMES), score(verb, base, names=NAMES)
    assert a is not None and b is not None
    assert any(p.reason == "both name the happening: “summit…”" and p.points == 1.0 for p in a.evidence)
    assert not any(p.reason.startswith("both name the happening") for p in b.evidence)
    # a verb that is also a happening ("launch", "visit") earns no such point
    launch = story(12, report(5, "Apple will launch the phone", "launch", DAY9, {1}, "announcement"))
    again = report(6, "Apple launched the phone", "launched", DAY9, {1}, "announcement")
    c = score(again, launch, names=NAMES)
    assert c is not None and not any(p.reason.startswith("both name the happening") for p in c.evidence)


def test_two_stories_of_one_happening_are_one_and_the_smaller_goes_into_the_larger() -> None:
    week = story(10, SUMMIT)
    days = story(
        11,
        report(2, "Biden opened the NATO summit in Washington", "summit", DAY9, {1, 2}),
        report(3, "Leaders met at the NATO summit in Washington", "summit", DAY9, {1, 2}),
    )
    verdict = same_happening(week, days, names=NAMES)
    assert verdict is not None and verdict.story_id == 11  # the story of two reports stays
    assert verdict.score >= verdict.threshold + 1  # a point to spare, as a bridging report needs
    assert any(p.reason.startswith("same predicate “summit") for p in verdict.evidence)
    # another happening that day, with people the summit's reports never name: apart
    signing = story(12, report(4, "Biden and Zelenskyy signed a security agreement on the margins of the "
                               "summit", "signed", DAY9, {2, 4}, "agreement"))  # fmt: skip
    assert same_happening(signing, days, names=NAMES, people=frozenset({2, 3, 4})) is None
    # the same happening a month off: apart, however alike
    later = story(13, report(5, "Leaders met at the NATO summit in Washington", "summit",
                             Span(D(2024, 8, 20), D(2024, 8, 20)), {1, 2}))  # fmt: skip
    assert same_happening(later, days, names=NAMES) is None


def test_a_list_of_nominations_is_one_happening_per_person() -> None:
    people = {5: "Kali C. Jones", 6: "Carl Whitney Bentzel", 7: "United States"}
    day = Span(D(2024, 7, 11), D(2024, 7, 11))
    jones = report(1, "Kali C. Jones nominated to be Ambassador of the United States to the Republic",
                   "nominate", day, {5, 7}, "appointment", article_id=1)  # fmt: skip
    bentzel = report(2, "Carl Whitney Bentzel nominated to be Ambassador of the United States to the Union",
                     "nominate", day, {6, 7}, "appointment", article_id=1)  # fmt: skip
    verdict = score(bentzel, story(10, jones), names=people, people=frozenset({5, 6}))
    assert verdict is not None and not verdict.joins
    # the same person's nomination, told again: one happening
    again = report(3, "The President nominated Kali C. Jones as Ambassador of the United States",
                   "nominated", day, {5, 7}, "appointment", article_id=2)  # fmt: skip
    assert best_match(again, [story(10, jones)], people, frozenset({5, 6})) is not None
