"""Dated events: status, kind and range rules (pure), and events built from real parses with
hand-made entities (the `slow` ones), so that they do not depend on entity extraction."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc

from app.domain import Entity, EntityKind, EventKind, EventStatus, Granularity, Mention, Timex, TimexType
from app.extract.eventing.kinds import kind_of, names_happening
from app.extract.eventing.ranges import range_pairs
from app.extract.eventing.status import status_of
from app.extract.events import find_events
from app.extract.temporal.meanings import Direction

MONDAY = dt.date(2024, 7, 1)
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "end", "direction", "status"),
    [
        (MONDAY + DAY, MONDAY + 7 * DAY, Direction.PAST, EventStatus.EXPECTED),  # after publication
        (MONDAY - 7 * DAY, MONDAY - DAY, Direction.FUTURE, EventStatus.HAPPENED),  # before it
        (MONDAY, MONDAY, Direction.FUTURE, EventStatus.EXPECTED),  # "NATO will station..."
        (MONDAY, MONDAY, Direction.PAST, EventStatus.HAPPENED),
        (MONDAY - DAY, MONDAY + DAY, Direction.NONE, EventStatus.ONGOING),
    ],
)
def test_status_comes_from_the_date_then_from_the_tense(start, end, direction, status):
    assert status_of(start, end, MONDAY, direction) is status


def test_status_without_publication_date_goes_by_tense():
    assert status_of(MONDAY, MONDAY, None, Direction.FUTURE) is EventStatus.EXPECTED
    assert status_of(MONDAY, MONDAY, None, Direction.PAST) is EventStatus.HAPPENED


@pytest.mark.parametrize(
    ("lemma", "kind"),
    [
        ("say", EventKind.STATEMENT),
        ("summit", EventKind.MEETING),
        ("sign", EventKind.AGREEMENT),
        ("announce", EventKind.ANNOUNCEMENT),
        ("election", EventKind.ELECTION),
        ("invasion", EventKind.ATTACK),
        ("appoint", EventKind.APPOINTMENT),
        ("legislation", EventKind.LEGISLATION),
        ("station", EventKind.OTHER),
    ],
)
def test_kind_follows_the_trigger_lemma(lemma, kind):
    assert kind_of(lemma) is kind


def test_event_nouns_are_known_by_list_or_by_ending():
    assert names_happening("debate") and names_happening("withdrawal") and names_happening("deployment")
    assert not names_happening("official") and not names_happening("year")


def timex(key: str, start: int, end: int, value: str, first: dt.date, last: dt.date) -> Timex:
    return Timex(key, start, end, "", TimexType.DATE, value, 0, first, last, Granularity.YEAR)


def test_from_to_and_between_and_dashes_bound_one_period():
    text = "He served from 2009 to 2013, then between 2015 and 2017, and in 2019-2020."
    found = []
    for year in ("2009", "2013", "2015", "2017", "2019", "2020"):
        start = text.index(year)
        y = int(year)
        found.append(
            timex(f"t{len(found) + 1}", start, start + 4, year, dt.date(y, 1, 1), dt.date(y, 12, 31))
        )
    pairs = range_pairs(text, found)
    assert {first: last.value for first, last in pairs.items()} == {"t1": "2013", "t3": "2017", "t5": "2020"}


def test_a_list_of_dates_is_no_range():
    text = "It grew in 2009 and 2013."
    found = [timex("t1", 11, 15, "2009", dt.date(2009, 1, 1), dt.date(2009, 12, 31))]
    found.append(timex("t2", 20, 24, "2013", dt.date(2013, 1, 1), dt.date(2013, 12, 31)))
    assert range_pairs(text, found) == {}


# --- with the real parse ---------------------------------------------------------------------


def parse(nlp, text: str, published: dt.date | None = MONDAY) -> Doc:
    """The full pipeline on `text`, with the publication date set as the Extractor sets it."""
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def entity(key: str, kind: EntityKind, text: str, *names: str) -> Entity:
    """An entity with a mention at every occurrence of each name in `text`."""
    mentions = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            mentions.append(Mention(start, start + len(name), name, 0))
            start = text.find(name, start + 1)
    return Entity(key, kind, names[0], tuple(sorted(mentions, key=lambda m: m.start)))


def events_of(nlp, text: str, entities=(), published: dt.date | None = MONDAY):
    doc = parse(nlp, text, published)
    return find_events(doc, list(entities), doc._.dl_timexes, published)


def dated_events_of(nlp, text: str, entities=(), published: dt.date | None = MONDAY):
    """Events anchored on a time expression of the text (not the lead's publication day)."""
    return [e for e in events_of(nlp, text, entities, published) if e.timex is not None]


@pytest.mark.slow
def test_each_anchored_time_expression_makes_an_event(nlp):
    text = (
        "The treaty was signed 75 years ago. Russia invaded Ukraine in February 2022. Talks began last year."
    )
    events = events_of(nlp, text)
    assert {e.value for e in events} >= {"1949", "2022-02", "2023"}
    assert [e.key for e in events] == [f"v{i}" for i in range(1, len(events) + 1)]
    invasion = next(e for e in events if e.value == "2022-02")
    assert (invasion.start_date, invasion.end_date, invasion.granularity) == (
        dt.date(2022, 2, 1),
        dt.date(2022, 2, 28),
        Granularity.MONTH,
    )
    assert invasion.status is EventStatus.HAPPENED


@pytest.mark.slow
def test_an_anniversary_dates_the_event_to_its_day(nlp):
    text = "Twenty years ago today, President George W. Bush announced the plan in his State of the Union."
    [announced] = dated_events_of(nlp, text)
    assert (announced.value, announced.start_date, announced.status) == (
        "2004-07-01",
        dt.date(2004, 7, 1),
        EventStatus.HAPPENED,
    )


@pytest.mark.slow
def test_future_tense_and_later_dates_make_expected_events(nlp):
    events = events_of(nlp, "Leaders will meet at a summit in Washington next week, officials said.")
    [summit] = [e for e in events if e.value == "2024-W28"]
    assert summit.status is EventStatus.EXPECTED
    assert summit.kind is EventKind.MEETING


@pytest.mark.slow
def test_a_range_makes_one_event_spanning_both_ends(nlp):
    text = "Ivo Daalder served as the U.S. ambassador to NATO from 2009 to 2013."
    [event] = dated_events_of(nlp, text)
    assert (event.value, event.start_date, event.end_date) == (
        "2009/2013",
        dt.date(2009, 1, 1),
        dt.date(2013, 12, 31),
    )
    assert event.trigger == "served"


@pytest.mark.slow
def test_a_range_summary_keeps_both_ends(nlp):
    [event] = dated_events_of(nlp, "Prices rose between March and May.")
    assert (event.value, event.summary) == ("2024-03/2024-05", "Prices rose between March and May")


@pytest.mark.slow
def test_durations_sets_and_vague_references_make_no_events(nlp):
    text = "The mission has run for 15 years and is now ongoing, with talks held daily in the future."
    assert dated_events_of(nlp, text) == []


@pytest.mark.slow
def test_undated_lead_sentence_is_an_event_of_the_publication_day(nlp):
    text = (
        "NATO will station a senior civilian official in Kyiv, U.S. and alliance officials say.\n\n"
        "The alliance was founded in 1949."
    )
    lead = [e for e in events_of(nlp, text) if e.timex is None]
    assert len(lead) == 1
    assert (lead[0].value, lead[0].granularity, lead[0].status) == (
        "2024-07-01",
        Granularity.DAY,
        EventStatus.EXPECTED,
    )
    assert lead[0].trigger == "station"
    assert lead[0].summary.startswith("NATO will station a senior civilian official in Kyiv")


@pytest.mark.slow
def test_without_publication_date_only_absolute_dates_make_events(nlp):
    text = "NATO will station an official in Kyiv. Leaders met on Thursday. The alliance was founded in 1949."
    events = events_of(nlp, text, published=None)
    assert [e.value for e in events] == ["1949"]


@pytest.mark.slow
def test_summary_is_the_clause_around_the_trigger_not_the_paragraph(nlp):
    text = (
        "While many members say that the alliance should invite Ukraine to join, initiating a process "
        "that could take years, the U.S. and Germany oppose taking such a step at next week's summit."
    )
    [event] = dated_events_of(nlp, text)
    assert event.summary.startswith("the U.S. and Germany oppose")
    assert "many members say" not in event.summary
    assert text[event.summary_start : event.summary_end].startswith("the U.S. and Germany")


@pytest.mark.slow
def test_summary_of_an_event_noun_is_its_noun_phrase(nlp):
    text = (
        "The operation has been run by the military since Russia's full-scale invasion of Ukraine in "
        "February 2022."
    )
    [event] = dated_events_of(nlp, text)
    assert event.trigger == "invasion"
    assert event.kind is EventKind.ATTACK
    assert event.summary == "Russia's full-scale invasion of Ukraine in February 2022"


@pytest.mark.slow
def test_participants_are_the_entities_of_the_clause_with_roles_from_the_parse(nlp):
    text = (
        "Jens Stoltenberg said last month in Brussels that the changes would help Ukraine. Biden spoke too."
    )
    entities = [
        entity("e1", EntityKind.PERSON, text, "Jens Stoltenberg"),
        entity("e2", EntityKind.PLACE, text, "Brussels"),
        entity("e3", EntityKind.PLACE, text, "Ukraine"),
        entity("e4", EntityKind.PERSON, text, "Biden"),
    ]
    [event] = dated_events_of(nlp, text, entities)
    roles = {p.entity: p.role for p in event.participants}
    assert roles == {"e1": "agent", "e2": "place", "e3": "patient"}
    assert event.kind is EventKind.STATEMENT


@pytest.mark.slow
def test_text_of_numbers_makes_no_events(nlp):
    assert events_of(nlp, "1999 2000 2001 2020 1234 5678") == []


@pytest.mark.slow
def test_a_wire_dateline_is_not_part_of_the_summary(nlp):
    events = events_of(nlp, "WASHINGTON—The Senate on Saturday approved a short-term spending bill.")
    [event] = [e for e in events if e.timex is not None]
    assert event.summary.startswith("The Senate on Saturday approved")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The Senate on Saturday approved a short-term spending bill.", EventKind.LEGISLATION),
        ("Lawmakers will hold hearings on Thursday.", EventKind.MEETING),
        ("The president will sign the bill on Friday.", EventKind.LEGISLATION),
        ("The two leaders signed the accord on Friday.", EventKind.AGREEMENT),
    ],
)
def test_a_plain_verb_takes_its_kind_from_its_object(nlp, text, kind):
    [event] = dated_events_of(nlp, text)
    assert event.kind is kind


@pytest.mark.slow
def test_a_verb_act_is_no_legislation_and_a_stray_quote_mark_leads_no_summary(nlp):
    text = '"We have to act now, not on Friday." Officials met in Berlin on Thursday.'
    events = {e.value: e for e in dated_events_of(nlp, text)}
    assert events["2024-07-05"].kind is not EventKind.LEGISLATION
    assert not events["2024-06-27"].summary.startswith('"')


@pytest.mark.slow
def test_later_this_month_is_still_expected_and_earlier_this_month_has_happened(nlp):
    text = "Early voting begins in some states later this month. Turnout fell earlier this month."
    later, earlier = dated_events_of(nlp, text)
    assert later.status is EventStatus.EXPECTED and later.trigger == "begins"
    assert earlier.status is EventStatus.HAPPENED


@pytest.mark.slow
def test_a_scheduled_present_is_expected(nlp):
    [rally] = dated_events_of(nlp, "Trump holds a rally in Wisconsin on Saturday.")
    assert (rally.value, rally.status) == ("2024-07-06", EventStatus.EXPECTED)


@pytest.mark.slow
def test_meeting_a_target_is_no_meeting(nlp):
    [target] = dated_events_of(nlp, "Most members will meet the spending target this year.")
    assert target.kind is not EventKind.MEETING
    [talks] = dated_events_of(nlp, "The ministers will meet their counterparts on Thursday.")
    assert talks.kind is EventKind.MEETING


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "It is so good to be with you this evening.",  # a greeting: a state
        "I want to spend some time today on the budget.",  # a wish
        "We saw that yesterday.",  # perception
        "Today that promise has become a reality for us.",  # a thing becoming: a state
        "Is it a mistake for him to be down there today?",  # asked by inversion
        "He would sign the bill on Friday if it passed.",  # hypothetical
        "The committee did not meet on Thursday.",  # denied
        "Remember: 2025.",  # a bare date
        "In today's uncertain world, the alliance matters more.",  # a date inside a thing's name
        "We are talking about a 2025 budget.",  # the year a budget covers
    ],
)
def test_a_time_expression_without_a_happening_makes_no_event(nlp, text):
    assert dated_events_of(nlp, text) == [], text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She will be in the briefing room tomorrow.", "2024-07-02"),  # being somewhere, ahead
        ("The summit is next week.", "2024-W28"),  # the subject names a happening
        ("This order is effective on July 12, 2024.", "2024-07-12"),  # taking effect
        ("We have an election coming up in November 2024.", "2024-11"),  # the object names one
        ("And then, on Thursday, they'll be in Nantucket, as usual?", "2024-07-04"),  # no inversion
    ],
)
def test_being_and_having_tell_a_happening_by_what_they_hold(nlp, text, value):
    assert [e.value for e in dated_events_of(nlp, text)] == [value], text


@pytest.mark.slow
def test_an_event_noun_takes_the_tense_of_its_verb_and_the_lead_does_not_repeat_it(nlp):
    text = "The President dropped by a meeting this morning with the President of Finland."
    [event] = events_of(nlp, text)
    assert (event.value, event.status) == ("2024-07-01TMO", EventStatus.HAPPENED)


@pytest.mark.slow
def test_going_to_dates_what_is_going_to_happen(nlp):
    [event] = dated_events_of(nlp, "This morning, we’re going to discuss the Indo-Pacific.")
    assert (event.trigger, event.status) == ("discuss", EventStatus.EXPECTED)


@pytest.mark.slow
def test_one_happening_with_a_clock_time_and_a_date_is_one_event_on_the_date(nlp):
    text = "This order is effective at 12:01 a.m. eastern daylight time on July 12, 2024."
    assert [e.value for e in dated_events_of(nlp, text)] == ["2024-07-12"]


@pytest.mark.slow
def test_one_happening_told_twice_is_one_event(nlp):
    same_sentence = (
        "Look, imagine January 20th, because one of us is going to be sitting in the Oval Office on "
        "January 20th."
    )
    assert [e.value for e in dated_events_of(nlp, same_sentence)] == ["2025-01-20"]
    retold = "Brett McGurk will be in Saudi Arabia tomorrow. He will be traveling there tomorrow."
    assert [e.sentence for e in dated_events_of(nlp, retold)] == [0]


@pytest.mark.slow
def test_a_timeline_entry_falls_on_the_day_named_before_it(nlp):
    text = (
        "The timeline of the shooting on Thursday shows the delay.\n\n"
        "11:00 am – Police receive 911 calls saying shots have been fired.\n\n"
        "At 3 pm on Saturday the police held a press conference."
    )
    events = dated_events_of(nlp, text)
    entry = next(e for e in events if e.trigger == "receive")
    assert (entry.value, entry.granularity) == ("2024-06-27", Granularity.DAY)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The President traveled to Ohio on Thursday.", EventKind.MEETING),
        ("The Treasury issued guidance on Thursday.", EventKind.ANNOUNCEMENT),
        ("Hamas terrorists began an attack on Thursday.", EventKind.ATTACK),  # a phase verb: its object
        ("The President thanked the nurses on Thursday.", EventKind.STATEMENT),
    ],
)
def test_common_white_house_verbs_have_a_kind(nlp, text, kind):
    [event] = dated_events_of(nlp, text)
    assert event.kind is kind


@pytest.mark.slow
def test_a_light_verb_tells_a_happening_only_through_its_object(nlp):
    assert dated_events_of(nlp, "That is what we did yesterday.") == []
    assert dated_events_of(nlp, "It happened last week.") == []
    [part] = dated_events_of(nlp, "Earlier today, the president took part in a ceremony.")
    assert part.trigger == "took"


@pytest.mark.slow
def test_a_happening_told_again_later_in_the_article_is_one_event(nlp):
    text = (
        "Petraeus testified on Capitol Hill on November 12, 2012. Lawmakers were surprised. "
        "Nobody expected it. The delay before the November 12th admission was long.\n\n"
        "The attack on September 11, 2012 killed four Americans. Much was said after the "
        "September 11, 2012 attack.\n\n"
        "Brett McGurk will be in Saudi Arabia tomorrow. Officials spoke. Others spoke too. "
        "He will be traveling there tomorrow."
    )
    values = [e.value for e in dated_events_of(nlp, text)]
    assert values.count("2012-11-12") == 1
    assert values.count("2012-09-11") == 1
    assert values.count("2024-07-02") == 1


@pytest.mark.slow
def test_a_participle_on_a_noun_takes_the_tense_of_the_clause(nlp):
    text = "Thirty-two countries adopted a Declaration launching the Partnership today in New York."
    [event] = dated_events_of(nlp, text)
    assert event.status is EventStatus.HAPPENED
