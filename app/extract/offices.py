"""Who held an office on a given day (data/office_holders.tsv): "THE PRESIDENT" of a transcript
of 2023-03-28 is Joe Biden, of 2025-01-24 Donald Trump; "MS. JEAN-PIERRE" in 2023 is Karine
Jean-Pierre, the press secretary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "office_holders.tsv"


@dataclass(frozen=True)
class Term:
    office: str  # "press secretary", lower case
    name: str
    surname: str
    sex: str
    start: dt.date
    end: dt.date | None  # the day the next holder took over; None: still in office
    source: str

    def held_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@cache
def terms() -> tuple[Term, ...]:
    found = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "office\t")):
            continue
        office, name, surname, sex, start, end, source = [*line.split("\t"), "", "", ""][:7]
        found.append(
            Term(
                office.strip().lower(),
                name.strip(),
                surname.strip(),
                sex.strip(),
                dt.date.fromisoformat(start.strip()),
                dt.date.fromisoformat(end.strip()) if end.strip() else None,
                source.strip(),
            )
        )
    return tuple(found)


def _office_fits(office: str, title: str) -> bool:
    """ "secretary of state" fits the title "secretary" and "secretary of state"; "vice
    president" never fits "president"."""
    return office == title or office.startswith(title + " ")


def holder(office: str, on: dt.date) -> Term | None:
    """The one person holding exactly this office on that day."""
    office = office.lower().strip()
    found = [t for t in terms() if t.office == office and t.held_on(on)]
    return found[0] if len(found) == 1 else None


def by_surname(surname: str, on: dt.date, title: str | None = None, sex: str | None = None) -> Term | None:
    """The one office holder of that surname in office on that day (of that title and sex when
    given): "Kirby" in 2023 is John Kirby."""
    key = surname.casefold()
    found = {
        t.name: t
        for t in terms()
        if t.surname.casefold() == key
        and t.held_on(on)
        and (not title or _office_fits(t.office, title.lower()))
        and (not sex or t.sex == sex)
    }
    return next(iter(found.values())) if len(found) == 1 else None


_CANDIDACY = "presidential candidate"


def predecessor(name: str, on: dt.date) -> Term | None:
    """Whoever held, before `name`, the office `name` holds that day: Joe Biden's "my
    predecessor" in 2023 is Donald Trump."""
    own = [t for t in terms() if t.name == name and t.held_on(on) and t.office != _CANDIDACY]
    if len(own) != 1:
        return None
    earlier = [t for t in terms() if t.office == own[0].office and t.start < own[0].start and t.name != name]
    return max(earlier, key=lambda t: t.start) if earlier else None


def opponent(name: str, on: dt.date) -> Term | None:
    """The one other candidate in the presidential race `name` runs in that day."""
    running = [t for t in terms() if t.office == _CANDIDACY and t.held_on(on)]
    if not any(t.name == name for t in running):
        return None
    others = {t.name: t for t in running if t.name != name}
    return next(iter(others.values())) if len(others) == 1 else None


def former_holder(office: str, on: dt.date) -> Term | None:
    """ "The former president": the holder whose term ended last before that day."""
    office = office.lower().strip()
    ended = [t for t in terms() if t.office == office and t.end is not None and t.end <= on]
    current = holder(office, on)
    ended = [t for t in ended if current is None or t.name != current.name]
    return max(ended, key=lambda t: t.end or on) if ended else None


def sex_of(name: str) -> str | None:
    found = {t.sex for t in terms() if t.name == name and t.sex}
    return found.pop() if len(found) == 1 else None
