"""Well-known office holders (data/notable_people.tsv), so that an article that only ever says
"President Biden" still names the person "Joe Biden", and a reader finds one record for him.

A bare surname is expanded only when the list singles out one person: by surname, then by the
title the article gives ("President", "Secretary of State") and the publication date, which
decide between, say, Colin and Jerome Powell. Anything ambiguous stays as written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.extract import names

DATA = Path(__file__).with_name("data") / "notable_people.tsv"
_COURTESY = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "sir": "m", "dame": "f"}
# Titles of a consort or a form of address: they single a person out when the article uses
# them, but a bare surname is the office holder's ("Biden" in 2023 is the President).
CONSORT_TITLES = frozenset({"first lady", "second lady", "first gentleman", "second gentleman", "dr"})
# A title kept for life by courtesy: "President Obama" in 2023 is still Barack Obama.
LIFELONG_TITLES = frozenset({"president"})
_NOISE = re.compile(r"\b(former|then|acting|incoming|outgoing|current|the|of the|u\.?s\.?)\b", re.I)


@dataclass(frozen=True)
class Office:
    title: str
    start: int
    end: int | None  # None: still in office

    def held_on(self, year: int) -> bool:
        return self.start <= year <= (self.end if self.end is not None else 9999)

    def ended_before(self, year: int) -> bool:
        return self.end is not None and self.end <= year


@dataclass(frozen=True)
class NotablePerson:
    name: str
    surname: str
    sex: str
    offices: tuple[Office, ...]
    aka: tuple[str, ...] = ()  # other full names: "Joseph R. Biden Jr."


def _parse_offices(text: str) -> tuple[Office, ...]:
    offices = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        title, _, years = part.rpartition(":")
        start, _, end = years.partition("-")
        offices.append(Office(title.strip().lower(), int(start), int(end) if end else None))
    return tuple(offices)


@cache
def _by_surname() -> dict[str, tuple[NotablePerson, ...]]:
    table: dict[str, list[NotablePerson]] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "full_name\t")):
            continue
        name, surname, sex, offices, aka = ([*line.split("\t"), "", "", "", "", ""])[:5]
        also = tuple(filter(None, aka.split("|")))
        person = NotablePerson(name, surname, sex, _parse_offices(offices), also)
        table.setdefault(surname.casefold(), []).append(person)
    return {k: tuple(v) for k, v in table.items()}


def _title_words(description: str | None) -> tuple[str, str | None, bool]:
    """(title as lower-case words without noise, courtesy sex, whether "former")."""
    if not description:
        return "", None, False
    lower = description.lower().strip(" .")
    sex = _COURTESY.get(lower.rstrip("."))
    former = bool(re.search(r"\bformer\b", lower))
    title = re.sub(r"\s+", " ", _NOISE.sub(" ", lower)).strip()
    return ("" if sex else title), sex, former


def _fits(person: NotablePerson, title: str, sex: str | None, former: bool, on: dt.date | None) -> bool:
    if sex and person.sex != sex:
        return False
    if not title:
        return True
    matching = [o for o in person.offices if o.title and o.title in title]
    if not matching:
        return False
    if on is None:
        return True
    if former:
        return any(o.ended_before(on.year) for o in matching)
    return any(o.held_on(on.year) or (o.title in LIFELONG_TITLES and o.start <= on.year) for o in matching)


def full_name(surname: str, description: str | None, published: dt.date | None) -> str | None:
    """The full name of the one well-known person this bare surname (with its title, on this
    date) can be; None when no one or several fit."""
    candidates = _by_surname().get(surname.casefold(), ())
    if not candidates:
        return None
    title, sex, former = _title_words(description)
    fitting = [p for p in candidates if _fits(p, title, sex, former, published)]
    if not title and len(fitting) > 1:
        # an untitled surname is an office holder's, not a consort's
        fitting = [p for p in fitting if _offices(p)] or fitting
    if len(fitting) == 1:
        return fitting[0].name
    if not title and published is not None and len(fitting) > 1:
        in_office = [p for p in fitting if any(o.held_on(published.year) for o in _offices(p))]
        if len(in_office) == 1:
            return in_office[0].name
    return None


def _offices(person: NotablePerson) -> list[Office]:
    """Offices proper: not a consort's title nor a form of address."""
    return [o for o in person.offices if o.title not in CONSORT_TITLES]


def known_as(full: list[str]) -> str | None:
    """The name the list knows a person by, for another spelling of the same full name: "Joseph
    R. Biden, Jr." and "JOSEPH R. BIDEN JR" are "Joe Biden". Given names compare through their
    short forms (data/nicknames.tsv); middle names and suffixes are not compared."""
    if len(full) < 2:
        return None
    surname = names.last_name(full)
    if any(w.strip(",") in names.NAME_SUFFIXES for w in full):
        # "Donald Trump Jr." is not Donald Trump: a suffix matches only a listed full name
        key = _name_key(" ".join(full))
        listed = [p for p in _by_surname().get(surname.casefold(), ()) if key in map(_name_key, p.aka)]
        return listed[0].name if len(listed) == 1 else None
    given = names.given_name_key(full[0])
    fitting = [
        p
        for p in _by_surname().get(surname.casefold(), ())
        if names.given_name_key(p.name.split()[0]) == given
    ]
    return fitting[0].name if len(fitting) == 1 else None


def _name_key(name: str) -> str:
    return re.sub(r"[.,\s]+", " ", name).strip().casefold()


def sex_of(name: str) -> str | None:
    """ "m" or "f" for the well-known person of exactly this full name."""
    surname = name.rsplit(None, 1)[-1] if name.strip() else ""
    found = {p.sex for p in _by_surname().get(surname.casefold(), ()) if p.name == name and p.sex}
    return found.pop() if len(found) == 1 else None
