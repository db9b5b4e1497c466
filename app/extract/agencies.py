"""A list of agencies and public bodies (data/agencies.tsv, with its sources) and the short
forms that name each one: "CDC" is the Centers for Disease Control and Prevention, "Coast Guard"
the United States Coast Guard. The small model mislabels the short forms ("F.B.I." as a place)
and misses full names inside longer phrases ("the Commissioned Corps of the Public Health
Service"); the list settles both."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "agencies.tsv"


@cache
def _by_name() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "name\t")):
            continue
        name, _, variants = line.partition("\t")
        for variant in [name, *variants.split("|")]:
            if variant.strip():
                table.setdefault(variant.strip(), name)
    return table


def known_agency(name: str) -> str | None:
    """The list's name of the body this name or short form names ("DOJ" -> "Department of
    Justice"), if the list has it."""
    name = name.replace("’", "'").strip()
    table = _by_name()
    if name in table:
        return table[name]
    # "White House Office of National Drug Control Policy", "U.S. Public Health Service"
    bare = re.sub(r"^(?:White House|U\.S\.|United States)\s+", "", name)
    return table.get(bare) if bare != name else None


@cache
def _full_names() -> re.Pattern[str]:
    """Every name of two words or more, longest first, as whole words."""
    written = sorted((n for n in _by_name() if " " in n), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in written) + r")(?![\w-])")


def agency_names_in(text: str) -> list[tuple[int, int]]:
    """(start, end) of each written-out agency name in `text`."""
    return [(m.start(), m.end()) for m in _full_names().finditer(text)]


_JOINER = r"(?:of|and|for|the|on|in|to|&)"
_WORD = r"[A-Z][\w'’.&-]*"
_DEFINED = re.compile(
    rf"(?P<full>{_WORD}(?:[ \u00a0](?:{_WORD}|{_JOINER}))*)[ \u00a0]\((?P<acronym>[A-Z][A-Z&.]{{1,8}})\)"
)
_SMALL = frozenset({"of", "and", "for", "the", "on", "in", "to", "&"})


def defined_acronyms(text: str) -> dict[str, str]:
    """ "Federal Emergency Management Agency (FEMA)": each acronym the text defines after a
    name, with that name (its words from the first whose initial opens the acronym)."""
    out: dict[str, str] = {}
    for match in _DEFINED.finditer(text):
        acronym, words = match["acronym"], match["full"].split()
        letters = acronym.replace(".", "")
        starts = [i for i, w in enumerate(words) if w[0] == letters[0] and w.lower() not in _SMALL]
        if not starts or len(words) - starts[0] < 2:
            continue
        full = " ".join(words[starts[0] :])
        parts = [p for w in full.split() for p in w.split("-") if p and p.lower() not in _SMALL]
        initials = "".join(p[0] for p in parts)
        if letters[-1] in initials and set(letters) <= set(initials.upper()):
            out.setdefault(acronym, full)
    return out


def short_forms() -> frozenset[str]:
    """The list's acronyms a text may use on their own: all-capital forms of three letters or
    more, and "UN", "EU" (two-letter ones are too often words or states)."""
    return frozenset(
        n
        for n in _by_name()
        if " " not in n and (n.replace(".", "").isupper()) and (len(n) >= 3 or n in {"UN", "EU"})
    )
