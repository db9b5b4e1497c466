"""Word lists and small string rules for names: titles, determiners, possessives, acronyms.

Everything here is plain data and pure functions over strings, so it is cheap to test and to
share between entity grouping and speaker attribution.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path


def word_set(block: str) -> frozenset[str]:
    """The words of a whitespace-separated block, for the word lists of the extractors."""
    return frozenset(block.split())


# Words that name an office or rank rather than a person; they are stripped from person names
# and kept as the entity's description ("former President", "NATO Secretary-General").
TITLE_WORDS = word_set(
    """
    president vice-president vp premier chancellor king queen prince princess emperor pope
    secretary secretary-general undersecretary under-secretary minister ambassador envoy consul
    governor gov gov. lieutenant lt lt. senator sen sen. representative rep rep. congressman
    congresswoman congressmember assemblyman assemblywoman councilman councilwoman alderman
    mayor speaker leader chairman chairwoman chair chairperson director commissioner
    administrator superintendent attorney attorney-general judge justice magistrate prosecutor
    sheriff general gen gen. admiral adm adm. colonel col col. major maj maj. captain capt capt.
    sergeant sgt sgt. corporal cpl private commander cmdr marshal brigadier officer
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady rev rev. reverend
    father rabbi imam bishop cardinal archbishop sheikh ayatollah cleric
    spokesman spokeswoman spokesperson aide adviser advisor strategist pollster
    candidate nominee hopeful frontrunner front-runner contender challenger incumbent
    ceo cfo coo chief executive founder co-founder chairman president-elect vice-president-elect
    deputy assistant associate acting interim former ex- then late outgoing incoming retired
    coach host anchor correspondent columnist editor analyst economist
    """
)
COURTESY_TITLES = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx."})
# Forms of address, which begin a person's own title: "the President and Dr. Biden" is two people.
ADDRESS_TITLES = COURTESY_TITLES | {"dr", "dr.", "prof", "prof.", "sir", "dame"}
# Title words that can also start an ordinary noun phrase; they count only beside a name.
MODIFIER_ONLY = frozenset({"former", "then", "late", "outgoing", "incoming", "retired", "acting", "interim"})
# Lower-case connectors allowed inside a title chain: "Secretary of State", "Minister for Trade".
TITLE_JOINERS = frozenset({"of", "for", "to", "-", "&", "and"})

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "i", "we", "you", "it"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you"})

# Words that make a name an organisation whatever spaCy labelled it.
ORG_WORDS = word_set(
    """
    department ministry council agency committee commission party bureau office administration
    university college institute foundation court senate congress parliament assembly corporation
    company inc inc. corp corp. co co. ltd ltd. llc bank association union organization
    organisation campaign network group alliance federation coalition board authority service
    services force forces army navy command caucus center centre fund society league cabinet
    llp pllc plc gmbh tribe tribes
    """
)


# A generational suffix after a name and its comma: "Joseph Albert Laroski, Jr.".
SUFFIX_PATTERN = r"(?:,[ \n](?:Jr|Sr|II|III|IV)\.?)?"


def is_organisation_name(name: str) -> bool:
    """A name whose words say it is a body: "Executive Office of the President", "Centers for
    Disease Control and Prevention" (a word of ORG_WORDS, singular or plural)."""
    words = {w.lower().strip(".,") for w in name.split()}
    return bool(words & ORG_WORDS or {w.removesuffix("s") for w in words} & ORG_WORDS)


_POSSESSIVE = re.compile(r"(?:['’]s?|['’])$")
_INITIALISM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z]{2,6}s?$")
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Jr|Sr|Inc|Corp|Co|Ltd|St)\.)$")
_ACRONYM_SKIP = frozenset({"of", "and", "for", "the", "on", "in", "to", "&", "de", "la", "du"})


def is_title_word(word: str) -> bool:
    return word.lower() in TITLE_WORDS


def strip_possessive(text: str) -> str:
    """ "NATO’s" -> "NATO", "allies'" -> "allies"; other text unchanged."""
    if (len(text) > 2 and text[-1] in "'’") or (len(text) > 3 and text[-2] in "'’" and text[-1] in "sS"):
        return _POSSESSIVE.sub("", text)
    return text


def trimmed_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) of `text` past surrounding whitespace, punctuation, a leading
    determiner and a trailing possessive, so that offsets point at the bare name."""
    start, end = _trim_punctuation(text, start, end)
    first = text[start:end].split(" ", 1)
    if len(first) == 2 and first[0].lower() in DETERMINERS and not _is_part_of_name(text, start, first[0]):
        start += len(first[0]) + 1
    bare = strip_possessive(text[start:end])
    return _trim_punctuation(text, start, start + len(bare))


def drop_trailing_lowercase(text: str, start: int, end: int) -> tuple[int, int]:
    """ "Minnesota Vikings - while" -> "Minnesota Vikings": a name ends on a capitalised word."""
    while True:
        cut = text.rfind(" ", start, end)
        if cut < 0 or not text[cut + 1 : end].isalpha() or not text[cut + 1 : end].islower():
            return start, end
        start, end = _trim_punctuation(text, start, cut)


def _is_part_of_name(text: str, start: int, determiner: str) -> bool:
    """A capitalised "The" in mid-sentence belongs to the name ("for The Wall Street Journal")."""
    if determiner != "The":
        return False
    before = text[max(0, start - 3) : start].rstrip()
    return bool(before) and before[-1] not in ".!?:;\"“”'‘’\n([—–-"


def _trim_punctuation(text: str, start: int, end: int) -> tuple[int, int]:
    # Names begin and end with a letter or digit, except abbreviations' final dots ("U.S.").
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum() and not _keeps_final_dot(text, start, end):
        end -= 1
    return start, end


def _keeps_final_dot(text: str, start: int, end: int) -> bool:
    """ "U.S." and "Jr." keep their final period; a sentence's full stop does not."""
    if text[end - 1] != ".":
        return False
    return bool(_ABBREVIATION_END.search(text, start, end))


def is_initialism(text: str) -> bool:
    """ "NATO", "U.S.", "FBI" — short all-capital forms."""
    return bool(_INITIALISM.match(text))


def initials(name: str) -> str:
    """Initial letters of the significant words: "North Atlantic Treaty Organization" -> "NATO"."""
    words = re.findall(r"[A-Za-z][\w']*", name)
    return "".join(w[0].upper() for w in words if w.lower() not in _ACRONYM_SKIP)


def acronym_key(text: str) -> str:
    """ "U.S." and "US" compare equal; "NATO" -> "NATO"."""
    return text.replace(".", "").upper()


def looks_like_garbage(text: str) -> bool:
    """Pure numbers, single characters, lower-case words and punctuation are not entity names."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return True
    return not any(c.isupper() for c in text)


def name_words(name: str) -> list[str]:
    return [w for w in re.split(r"\s+", name.strip()) if w]


# Lower-case words inside a family name: "Ursula von der Leyen", "Charles de Gaulle".
NAME_PARTICLES = frozenset(
    {
        "von",
        "van",
        "der",
        "den",
        "de",
        "da",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "dos",
        "das",
        "ter",
    }
)
NAME_SUFFIXES = frozenset({"Jr.", "Jr", "JR", "JR.", "Sr.", "Sr", "SR", "SR.", "II", "III", "IV"})


def last_name(words: list[str]) -> str:
    """The family name of a split full name, past a suffix ("Donald Trump Jr." -> "Trump")."""
    core = [w for w in words if w.strip(",") not in NAME_SUFFIXES]
    return (core or words)[-1].strip(",")


_NICKNAMES = Path(__file__).with_name("data") / "nicknames.tsv"


@cache
def _given_names() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _NICKNAMES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "given\t")):
            continue
        given, _, short = line.partition("\t")
        for name in [given, *short.split("|")]:
            table.setdefault(name.casefold(), given.casefold())
    return table


def given_name_key(word: str) -> str:
    """ "Joe" and "Joseph" compare equal (data/nicknames.tsv); other names as they are."""
    key = word.casefold()
    return _given_names().get(key, key)


_FIRST_NAMES = Path(__file__).with_name("data") / "first_names.tsv"


@cache
def _first_names() -> dict[str, str]:
    table = {}
    for line in _FIRST_NAMES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, sex = line.partition("\t")
            table[name] = sex.strip()
    return table


def given_name_sex(word: str) -> str | None:
    """ "m" or "f" for a given name that is almost always one sex's (data/first_names.tsv, from
    the U.S. Census), else None."""
    return _first_names().get(word)


def is_given_name(word: str) -> bool:
    """A given name of the census list ("Olivia", "Jayson"), as written with its capital."""
    return word in _first_names()
