"""Entities of one article: spaCy NER spans grouped into one record per real-world entity.

Within an article "Trump" and "former President Donald Trump" are one person named "Donald
Trump" (described as "former President"), "NATO" and "North Atlantic Treaty Organization" one
organisation, and a byline author is a person with the role "author" whether or not the text
names them.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from app.domain import Entity, EntityKind, Mention
from app.extract import names, notable
from app.extract.agencies import defined_acronyms, known_agency
from app.extract.doctext import doc_text
from app.extract.floor import FLOOR_ROLE, floor_holder
from app.extract.mentions import RawMention, collect_mentions, headline_mentions
from app.extract.places import is_known_place, known_place
from app.extract.sentences import sentence_index


@dataclass
class _Group:
    kind: EntityKind
    mentions: list[RawMention] = field(default_factory=list)
    author_name: str | None = None
    holder: tuple[str, str, str] | None = None  # the listed person a title singled out

    @property
    def first_start(self) -> int:
        return self.mentions[0].start if self.mentions else 1 << 62


def find_entities(doc: Doc, authors: Sequence[str] = (), publisher: str | None = None) -> list[Entity]:
    layout = doc._.structure if Doc.has_extension("structure") else None
    # A transcript's speaker labels ("MR. BATES:"), stage directions and timestamps name no one.
    mentions = [m for m in collect_mentions(doc) if layout is None or not layout.covers(m.start, m.end)]
    headline = doc._.title_doc if Doc.has_extension("title_doc") else None
    if headline is not None:
        mentions = [*headline_mentions(headline), *mentions]
    published = doc._.published if Doc.has_extension("published") else None
    people = _group_people([m for m in mentions if m.kind is EntityKind.PERSON], authors, published)
    acronyms = defined_acronyms(doc_text(doc))
    others = _group_others([m for m in mentions if m.kind is not EntityKind.PERSON], acronyms)
    groups = sorted([*people, *others], key=lambda g: g.first_start)
    entities = _one_per_person([_to_entity(doc, f"e{i}", g, published) for i, g in enumerate(groups, 1)])
    title = doc._.title if Doc.has_extension("title") else None
    return _with_floor_holder(_with_publisher(entities, publisher), title, published)


def _one_per_person(entities: list[Entity]) -> list[Entity]:
    """People whose spellings came out as one name ("JOSEPH R. BIDEN JR" on the signature line
    and "Joseph R. Biden" in the text are both Joe Biden) are one record, keyed afresh."""
    first: dict[str, int] = {}
    merged: list[Entity] = []
    for entity in entities:
        at = first.get(entity.name) if entity.kind is EntityKind.PERSON else None
        if at is None:
            if entity.kind is EntityKind.PERSON:
                first[entity.name] = len(merged)
            merged.append(entity)
            continue
        kept = merged[at]
        merged[at] = replace(
            kept,
            mentions=tuple(sorted((*kept.mentions, *entity.mentions), key=lambda m: m.start)),
            aliases=tuple(dict.fromkeys((*kept.aliases, *entity.aliases))),
            description=kept.description or entity.description,
            roles=tuple(dict.fromkeys((*kept.roles, *entity.roles))),
        )
    return [replace(e, key=f"e{i}") for i, e in enumerate(merged, 1)]


def _with_floor_holder(entities: list[Entity], title: str | None, published: dt.date | None) -> list[Entity]:
    """The person a transcript's headline gives the floor ("Remarks by President Biden …"),
    marked "speaker": the one person of the text with that surname, else added without
    mentions under the full name, when the headline or the office-holder list gives one."""
    holder = floor_holder(title or "")
    if holder is None:
        return entities
    surname = holder.name[-1]
    same = [
        i
        for i, e in enumerate(entities)
        if e.kind is EntityKind.PERSON and names.last_name(names.name_words(e.name)) == surname
    ]
    if len(same) == 1:
        entity = entities[same[0]]
        entities[same[0]] = replace(entity, roles=(*entity.roles, FLOOR_ROLE))
        return entities
    if same:
        return entities  # two people of that name: whose "I" it is stays open
    if len(holder.name) > 1:
        name: str | None = " ".join(holder.name)
    else:
        name = notable.full_name(surname, holder.office, published)
    if not name:
        return entities
    speaker = Entity(key=f"e{len(entities) + 1}", kind=EntityKind.PERSON, name=name, roles=(FLOOR_ROLE,))
    return [*entities, speaker]


def _with_publisher(entities: list[Entity], publisher: str | None) -> list[Entity]:
    """The publication is an organisation of the article, like its authors are people: marked
    "publisher" where the text names it, else added without mentions."""
    if not publisher or not publisher.strip():
        return entities
    key = _without_article(publisher)
    for i, entity in enumerate(entities):
        names_of = {_without_article(n) for n in (entity.name, *entity.aliases)}
        if entity.kind is EntityKind.ORGANIZATION and key in names_of:
            entities[i] = replace(entity, roles=(*entity.roles, "publisher"))
            return entities
    publisher_entity = Entity(
        key=f"e{len(entities) + 1}",
        kind=EntityKind.ORGANIZATION,
        name=publisher.strip(),
        roles=("publisher",),
    )
    return [*entities, publisher_entity]


# --- people -------------------------------------------------------------------------------------


_INITIAL = re.compile(r"^[A-Z]\.$")


def _person_key(words: list[str]) -> tuple[str, str, str]:
    suffix = words[-1] if words[-1] in names.NAME_SUFFIXES else ""
    given = words[0]
    if _INITIAL.match(given) and len(words) >= 3 and not _INITIAL.match(words[1]):
        given = words[1]  # "J. Michael Bowman" goes by Michael: "Michael Bowman" is him
    return names.given_name_key(given), names.last_name(words).casefold(), suffix.strip(".").casefold()


def _merge_double_surnames(by_full: dict[tuple[str, str, str], _Group], groups: list[_Group]) -> None:
    """ "Bircher Bruyn" after "Amy Bircher Bruyn": a two-word name that does not begin with a
    given name, and ends a longer name of the article, is that person's double surname."""
    for key, group in list(by_full.items()):
        forms = {tuple(names.name_words(m.name)) for m in group.mentions}
        if group.author_name or len(forms) != 1:
            continue
        [form] = forms
        if len(form) != 2 or names.is_given_name(form[0]):
            continue
        longer = {
            id(other): other
            for other in by_full.values()
            if other is not group
            and any(len(w := names.name_words(m.name)) >= 3 and tuple(w[-2:]) == form for m in other.mentions)
        }
        if len(longer) != 1:
            continue
        [person] = longer.values()
        person.mentions = sorted([*person.mentions, *group.mentions], key=_start)
        del by_full[key]
        groups.remove(group)


def _group_people(
    mentions: list[RawMention], authors: Sequence[str], published: dt.date | None = None
) -> list[_Group]:
    groups: list[_Group] = []
    by_full: dict[tuple[str, str, str], _Group] = {}
    for author in authors:
        words = names.name_words(author)
        if not words:
            continue
        group = _Group(EntityKind.PERSON, author_name=" ".join(words))
        groups.append(group)
        if len(words) >= 2:
            by_full.setdefault(_person_key(words), group)
    singles: list[RawMention] = []
    for m in mentions:
        words = names.name_words(m.name)
        if len(words) < 2:
            singles.append(m)
            continue
        key = _person_key(words)
        group = by_full.get(key)
        if group is None:
            group = by_full[key] = _Group(EntityKind.PERSON)
            groups.append(group)
        group.mentions.append(m)
    _merge_double_surnames(by_full, groups)
    by_last: dict[str, list[_Group]] = {}
    by_first: dict[str, list[_Group]] = {}
    for (_given, last, _suffix), group in by_full.items():
        by_last.setdefault(last, []).append(group)
        # "Joe" alone is the one Joe of the article as written, not any Joseph
        written = {names.name_words(m.name)[0].casefold() for m in group.mentions}
        written |= {names.name_words(group.author_name)[0].casefold()} if group.author_name else set()
        for first in written:
            by_first.setdefault(first, []).append(group)
    by_single: dict[str, list[_Group]] = {}
    for m in singles:
        word = m.name.casefold()
        candidates = by_last.get(word) or (by_first.get(word) if len(by_first.get(word, ())) == 1 else None)
        office_holder = _titled_holder(m, published)
        if office_holder is not None and candidates and by_last.get(word):
            # "President Biden" beside "Beau Biden": the title names the one it fits
            group = by_full.get(office_holder)
            if group is None and all(key[0] != office_holder[0] for key in _keys_of(by_full, candidates)):
                group = by_full[office_holder] = _Group(EntityKind.PERSON)
                groups.append(group)
                by_last[word].append(group)
            if group is not None:
                insort(group.mentions, m, key=_start)
                continue
        if candidates:
            # Kept sorted as we go: _most_recent looks up "mentioned last before" by bisection.
            insort(_most_recent(candidates, m.start).mentions, m, key=_start)
            continue
        same_word = by_single.setdefault(word, [])
        group = _single_group(same_word, office_holder, m.start)
        if group is None:
            group = _Group(EntityKind.PERSON, holder=office_holder)
            same_word.append(group)
            groups.append(group)
        group.mentions.append(m)
    return groups


def _single_group(same_word: list[_Group], holder: tuple[str, str, str] | None, at: int) -> _Group | None:
    """The group a surname-only mention joins when the article never gives that surname a
    first name: the one its title singles out, so that "Dr. Biden" (Jill) is kept apart from
    "President Biden" (Joe); an untitled "Biden" joins the one mentioned last; None for a
    new group."""
    if holder is not None:
        for group in same_word:
            if group.holder == holder:
                return group
        untitled = next((g for g in same_word if g.holder is None), None)
        if untitled is not None:
            untitled.holder = holder
        return untitled
    return _most_recent(same_word, at) if same_word else None


def _titled_holder(m: RawMention, published: dt.date | None) -> tuple[str, str, str] | None:
    """The name key of the well-known person a titled surname is ("President Biden" on a day
    of his term: Joe Biden), if the list knows exactly one."""
    if not m.description:
        return None
    full = notable.full_name(m.name, m.description, published)
    return _person_key(names.name_words(full)) if full else None


def _keys_of(by_full: dict[tuple[str, str, str], _Group], groups: list[_Group]) -> list[tuple[str, str, str]]:
    return [key for key, group in by_full.items() if any(group is g for g in groups)]


def _start(m: RawMention) -> int:
    return m.start


def _most_recent(candidates: list[_Group], before: int) -> _Group:
    """The candidate last mentioned before `before` (else the first one mentioned)."""

    def last_before(g: _Group) -> int:
        i = bisect_left(g.mentions, before, key=_start)
        return g.mentions[i - 1].start if i else -1

    if len(candidates) == 1:
        return candidates[0]
    return max(candidates, key=lambda g: (last_before(g), -g.first_start))


# --- organisations, places, groups --------------------------------------------------------------


def _group_others(mentions: list[RawMention], acronyms: dict[str, str] | None = None) -> list[_Group]:
    by_text: dict[tuple[EntityKind, str], _Group] = {}
    for m in mentions:
        key = (m.kind, _surface_key(m, acronyms or {}))
        group = by_text.get(key)
        if group is None:
            group = by_text[key] = _Group(m.kind)
        group.mentions.append(m)
    groups = list(by_text.values())
    _merge_acronyms(groups)
    _merge_short_forms(groups)
    _merge_qualified_places(groups)
    return [g for g in groups if g.mentions]


def _surface_key(m: RawMention, acronyms: dict[str, str]) -> str:
    if m.kind is EntityKind.PLACE and (place := known_place(m.name)) is not None:
        return place.name.casefold()  # "U.S.", "America" and "United States of America"
    if m.kind is EntityKind.ORGANIZATION:
        # "CDC" and "Centers for Disease Control and Prevention"; "EOP" where the text defines it
        full = acronyms.get(m.name, m.name)
        if (agency := known_agency(full)) is not None or full != m.name:
            return (agency or full).casefold()
    key = m.name.casefold()
    if m.kind is EntityKind.GROUP and key.endswith("s"):
        key = key[:-1]  # "Americans" and "American"
    if names.is_initialism(m.name):
        key = names.acronym_key(m.name)
    return key


def _merge_into(target: _Group, source: _Group) -> None:
    target.mentions.extend(source.mentions)
    target.mentions.sort(key=lambda x: x.start)
    source.mentions = []


def _merge_acronyms(groups: list[_Group]) -> None:
    """ "NATO" and "North Atlantic Treaty Organization", "U.S." and "United States"."""
    expansions: dict[tuple[EntityKind, str], _Group] = {}
    for g in groups:
        for m in g.mentions:
            if len(names.name_words(m.name)) >= 2:
                expansions.setdefault((g.kind, names.initials(m.name)), g)
    for g in groups:
        if not g.mentions or not names.is_initialism(g.mentions[0].name):
            continue
        target = expansions.get((g.kind, names.acronym_key(g.mentions[0].name)))
        if target is not None and target is not g and target.mentions:
            _merge_into(g, target)


def _merge_short_forms(groups: list[_Group]) -> None:
    """ "the Journal" after "The Wall Street Journal", "the Fed" beside "Federal Reserve": a
    one-word name that ends, or clips the first word of, exactly one longer name of the same
    kind is that entity (generic words like "Department" are not)."""
    by_last: dict[tuple[EntityKind, str], list[_Group]] = {}
    for g in groups:
        words = names.name_words(g.mentions[0].name) if g.mentions else []
        if len(words) >= 2:
            by_last.setdefault((g.kind, words[-1].casefold()), []).append(g)
    for g in groups:
        if not g.mentions or g.kind is not EntityKind.ORGANIZATION:
            continue
        text = g.mentions[0].name
        if " " in text or names.is_initialism(text) or text.casefold() in names.ORG_WORDS:
            continue
        if known_agency(text):
            continue  # "Republicans" is the party, not the "House Republicans"
        candidates = by_last.get((g.kind, text.casefold()), [])
        live = [c for c in candidates if c.mentions and c is not g]
        if not live and len(text) >= 3:
            live = _clipped_from(text, groups)
        if len(live) == 1:
            _merge_into(live[0], g)


def _merge_qualified_places(groups: list[_Group]) -> None:
    """ "Washington" where the text also writes "Washington, D.C.": the model tags the two words
    apart ("D.C." is the known place), so a bare "Washington" beside them is that city too."""
    places = [g for g in groups if g.kind is EntityKind.PLACE and g.mentions]
    for qualified in places:
        place = known_place(qualified.mentions[0].name) if qualified.mentions else None
        if place is None or ", " not in place.name:
            continue
        head = place.name.split(",", 1)[0].casefold()
        starts = {m.start for m in qualified.mentions}
        for bare in places:
            if bare is qualified or not bare.mentions or bare.mentions[0].name.casefold() != head:
                continue
            if any(m.end + 2 in starts for m in bare.mentions):  # "Washington" + ", " + "D.C."
                _merge_into(qualified, bare)


def _clipped_from(short: str, groups: list[_Group]) -> list[_Group]:
    """ "the Fed" for "Federal Reserve": longer organisation names whose first word the short
    name cuts off."""
    clip = short.casefold()
    out = []
    for g in groups:
        words = names.name_words(g.mentions[0].name) if g.mentions else []
        first = words[0].casefold() if words else ""
        if g.kind is EntityKind.ORGANIZATION and len(words) >= 2 and first.startswith(clip) and first != clip:
            out.append(g)
    return out


def _without_article(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip().casefold())


# --- records ------------------------------------------------------------------------------------


def _canonical_name(group: _Group) -> str:
    # Counted once and ranked over distinct names: linear in the mentions, however many.
    counts = Counter(m.name for m in group.mentions)
    if group.kind is EntityKind.PERSON:
        if group.author_name:
            return group.author_name
        return max(counts, key=lambda t: (len(names.name_words(t)), not _shouted(t), len(t)))
    if group.kind is EntityKind.PLACE and (place := next(filter(None, map(known_place, counts)), None)):
        return place.name
    # "NATO", "FBI" as the bodies write themselves; a newspaper's dotted "S.E.C." gives way to
    # the name written out
    acronyms = [t for t in counts if names.is_initialism(t) and "." not in t]
    if acronyms and len(counts) > 1:
        return max(acronyms, key=counts.__getitem__)
    best = max(counts, key=lambda t: (len(names.name_words(t)), not _shouted(t), counts[t], len(t)))
    if best.isupper() and is_known_place(dateline_case := string.capwords(best)):
        return dateline_case  # "KYIV" in a dateline, and nowhere else
    return best


def _shouted(text: str) -> bool:
    """Capitals throughout where the name is not an acronym: a dateline's "WASHINGTON—"."""
    return text.isupper() and not names.is_initialism(text)


def _to_entity(doc: Doc, key: str, group: _Group, published: dt.date | None = None) -> Entity:
    name = _canonical_name(group)
    description = None
    if group.kind is EntityKind.PERSON:
        description = next((m.description for m in group.mentions if m.description), None)
        words = names.name_words(name)
        if not group.author_name and len(words) == 1:
            name = notable.full_name(name, description, published) or name
        elif not group.author_name:
            name = notable.known_as([w.strip(",") for w in words]) or name
    aliases = [text for text in dict.fromkeys(m.name for m in group.mentions) if text != name]
    return Entity(
        key=key,
        kind=group.kind,
        name=name,
        # a name in the headline names the entity; its mentions are the text's
        mentions=tuple(
            Mention(start=m.start, end=m.end, text=m.text, sentence=sentence_index(doc, m.start))
            for m in group.mentions
            if not m.headline
        ),
        aliases=tuple(aliases),
        description=description,
        roles=("author",) if group.author_name else (),
    )
