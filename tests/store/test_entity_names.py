"""Entity filters read what a reader types (app/store/queries/entity_names.py): a slug, a whole
name or alias, the start of a name; the most-mentioned first, rivals kept as choices, and an
unknown name a 400 on the API that names it."""

from __future__ import annotations

import pytest

from app import domain
from app.errors import BadRequest
from app.store.database import Database
from app.store.queries.entities import EntityFilter, list_entities
from app.store.queries.entity_names import MatchedBy, entity_ids, match_name, ranked_entities
from tests.store.factories import extraction, mention, person, record
from tests.store.test_stories import store_all

BODY = "Joe Biden met Jill Biden. Joe Biden spoke. Joe Biden left. Stoltenberg of NATO came."


def names_db(db: Database) -> Database:
    joe = person("e1", "Joe Biden", [mention(BODY, "Joe Biden", 0, i) for i in range(3)], aliases=("Biden",))
    jill = person("e2", "Jill Biden", [mention(BODY, "Jill Biden")], aliases=("Biden",))
    nato = domain.Entity(
        key="e3", kind=domain.EntityKind.ORGANIZATION, name="NATO", mentions=(mention(BODY, "NATO"),)
    )
    jens = person("e4", "Jens Stoltenberg", [mention(BODY, "Stoltenberg")], aliases=("Stoltenberg",))
    store_all(db, [(record(BODY), extraction(BODY, [joe, jill, nato, jens]))])
    return db


@pytest.mark.parametrize(
    ("typed", "slug", "how"),
    [
        ("joe-biden", "joe-biden", MatchedBy.SLUG),
        ("Joe Biden", "joe-biden", MatchedBy.NAME),
        ("joe biden", "joe-biden", MatchedBy.NAME),
        ("biden", "joe-biden", MatchedBy.NAME),  # an alias of both: the most-mentioned
        ("nato", "nato", MatchedBy.NAME),
        ("Stolt", "jens-stoltenberg", MatchedBy.PREFIX),  # the start of a word of the name
        ("Jens", "jens-stoltenberg", MatchedBy.PREFIX),
    ],
)
def test_a_typed_name_finds_its_entity(db: Database, typed: str, slug: str, how: MatchedBy) -> None:
    with names_db(db).sessions() as session:
        match = match_name(session, typed)
    assert match.chosen is not None and match.chosen.slug == slug
    assert match.how is how


def test_an_ambiguous_name_keeps_the_others_as_choices(db: Database) -> None:
    with names_db(db).sessions() as session:
        match = match_name(session, "Biden")
    assert match.chosen is not None and match.chosen.name == "Joe Biden"
    assert [c.entity.name for c in match.others] == ["Jill Biden"] and match.ambiguous


def test_a_name_of_no_one_matches_nothing_and_the_api_names_it(db: Database) -> None:
    with names_db(db).sessions() as session:
        assert match_name(session, "Ada Quill").chosen is None
        assert match_name(session, "%_").chosen is None  # LIKE wildcards are the text, not patterns
        with pytest.raises(BadRequest) as raised:
            entity_ids(session, ["Joe Biden", "Ada Quill"], "speaker")
    assert raised.value.param == "speaker" and "Ada Quill" in raised.value.detail


ALLIANCE = (
    "The NATO Alliance met. The NATO Alliance voted. The NATO Alliance left. NATO spoke. Natalia Ross came."
)


def alliance_db(db: Database) -> Database:
    org = domain.EntityKind.ORGANIZATION
    alliance = domain.Entity(
        key="a1",
        kind=org,
        name="NATO Alliance",
        mentions=tuple(mention(ALLIANCE, "NATO Alliance", 0, i) for i in range(3)),
    )
    nato = domain.Entity(key="a2", kind=org, name="NATO", mentions=(mention(ALLIANCE, "NATO", 0, 3),))
    natalia = person("a3", "Natalia Ross", [mention(ALLIANCE, "Natalia Ross")])
    store_all(db, [(record(ALLIANCE), extraction(ALLIANCE, [alliance, nato, natalia]))])
    return db


def test_the_api_the_search_and_the_filters_rank_a_typed_name_alike(db: Database) -> None:
    with alliance_db(db).sessions() as session:
        listed = [e.slug for e in list_entities(session, EntityFilter(q="nato")).items]
        searched = [c.entity.slug for c in ranked_entities(session, "nato", 10)]
        chosen = match_name(session, "nato")
        people = [c.entity.slug for c in ranked_entities(session, "nat", 10, kind="person")]
    # the exact name above a name holding it that is mentioned more
    assert listed == searched == ["nato", "nato-alliance"]
    assert chosen.chosen is not None and chosen.chosen.slug == "nato" and not chosen.ambiguous
    assert people == ["natalia-ross"]


def test_a_ranked_list_pages_in_its_order_both_ways(db: Database) -> None:
    with alliance_db(db).sessions() as session:
        whole = [e.slug for e in list_entities(session, EntityFilter(q="nat")).items]
        first = list_entities(session, EntityFilter(q="nat"), limit=1)
        second = list_entities(session, EntityFilter(q="nat"), limit=1, cursor=first.next)
        third = list_entities(session, EntityFilter(q="nat"), limit=1, cursor=second.next)
        back = list_entities(session, EntityFilter(q="nat"), limit=1, cursor=third.prev)
    assert len(whole) == 3
    assert [p.items[0].slug for p in (first, second, third)] == whole and third.next is None
    assert back.items[0].slug == whole[1]
