"""The kind of an event, told by its word or by its clause, and the stances and exhortations
that make no event at all (app/extract/eventing/clause_kind.py, events._tells_no_happening).
All with the real parse."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain import EventKind
from app.extract.eventing.kinds import kind_of
from app.extract.events import find_events

MONDAY = dt.date(2024, 7, 1)


def dated_events_of(nlp, text: str):
    doc = nlp.make_doc(text)
    doc._.published = MONDAY
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [e for e in find_events(doc, [], doc._.dl_timexes, MONDAY) if e.timex is not None]


@pytest.mark.parametrize(
    ("lemma", "kind"),
    [
        ("reiterate", EventKind.STATEMENT),  # verbs of saying again, praising, condemning
        ("congratulate", EventKind.STATEMENT),
        ("award", EventKind.ANNOUNCEMENT),  # money and honours given out
        ("disburse", EventKind.ANNOUNCEMENT),
        ("overturn", EventKind.LEGISLATION),  # courts and measures that lapse or are waived
        ("expire", EventKind.LEGISLATION),
        ("dialogue", EventKind.MEETING),  # gatherings by name
        ("reception", EventKind.MEETING),
        ("retire", EventKind.APPOINTMENT),
        ("insurrection", EventKind.ATTACK),
    ],
)
def test_more_words_name_their_kind(lemma, kind):
    assert kind_of(lemma) is kind


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # what takes place is the subject, or the noun the participle describes
        ("The closing banquet and awards ceremony will take place on Friday.", EventKind.MEETING),
        ("Ministers met at the donors conference held in Oslo on June 3.", EventKind.MEETING),
        ("The spring session of the assembly opens on Monday, July 8.", EventKind.MEETING),
        # a particle makes the kind
        ("Last week the governor laid out her plan for the schools.", EventKind.STATEMENT),
        ("On Tuesday the ministry put forward a draft.", EventKind.ANNOUNCEMENT),
        ("In March, an appeals court struck down the tariff.", EventKind.LEGISLATION),
        ("Her father passed away in March after a long illness.", EventKind.OTHER),
        ("Five years ago today, a gunman took the lives of 14 students.", EventKind.ATTACK),
        ("Last June, the Supreme Court took away a constitutional right.", EventKind.OTHER),
        # a court's holding is a ruling
        ("On May 2, 2019, the district court held that the fee was unlawful.", EventKind.LEGISLATION),
        # an office held, like "served as"
        ("Mr. Ortiz worked as a staff attorney at a clinic from 2011 to 2015.", EventKind.APPOINTMENT),
        # winning or losing a vote, not a game
        ("She lost the mayoral race in 2019.", EventKind.ELECTION),
        ("We won Ohio in 2012.", EventKind.ELECTION),
        ("The team won the cup in 2012.", EventKind.OTHER),
    ],
)
def test_the_clause_tells_the_kind(nlp, text, kind):
    events = dated_events_of(nlp, text)
    assert [e.kind for e in events] == [kind], (text, [(e.trigger, e.kind) for e in events])


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Today we stand with the families of the fallen.",  # a stance in the present
        "This year our farmers face a drought.",  # a condition
        "Both countries support the treaty's entry into force this year.",  # a position
        "We are proud to stand beside you today.",  # an infinitive of a stance
        "Today, let us remember those we lost.",  # an exhortation
        "This week, let's give them a round of applause.",
    ],
)
def test_stances_and_exhortations_make_no_event(nlp, text):
    assert dated_events_of(nlp, text) == [], text


@pytest.mark.slow
def test_a_stance_in_the_past_or_ahead_is_still_an_event(nlp):
    [stood] = dated_events_of(nlp, "In 2019 the mayor stood with the strikers.")
    [support] = dated_events_of(nlp, "Next week we will support the motion.")
    assert (stood.trigger, support.trigger) == ("stood", "support")


@pytest.mark.slow
def test_including_and_starting_date_the_clause_they_hang_on(nlp):
    [signed] = dated_events_of(nlp, "On March 3, 2021, the council signed the order, including in 2020.")
    assert (signed.trigger, signed.value) == ("signed", "2021-03-03")
    assert dated_events_of(nlp, "Starting next year, there will be a limit.") == []
    [capped] = dated_events_of(nlp, "Starting next year, drug costs will be capped at $2,000.")
    assert (capped.trigger, capped.value) == ("capped", "2025")


@pytest.mark.slow
def test_an_event_noun_before_ago_is_dated_by_it_when_the_parse_hangs_ago_on_a_noun(nlp):
    text = (
        "In an interview, Reyes made it clear he had major misgivings about the armed forces under "
        "President Obama at the time of his retirement two years ago."
    )
    [retirement] = dated_events_of(nlp, text)
    assert (retirement.trigger, retirement.value, retirement.kind) == (
        "retirement",
        "2022",
        EventKind.APPOINTMENT,
    )
