"""The words a story matcher compares: content words of an event's summary and its trigger,
reduced to Snowball stems so that "introduced", "introducing" and "introduction" meet.

Pure functions; no database, no spaCy (the store has an event's text, not its parse).
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# Irregular forms the Snowball stemmer leaves apart from their verb, and nouns that name a
# verb's happening ("death" of "die"): the predicates news reports one happening with.
_IRREGULAR = {
    "fought": "fight",
    "met": "meet",
    "held": "hold",
    "left": "leave",
    "spoke": "speak",
    "spoken": "speak",
    "speech": "speak",
    "took": "take",
    "taken": "take",
    "went": "go",
    "gone": "go",
    "gave": "give",
    "given": "give",
    "made": "make",
    "sent": "send",
    "sold": "sell",
    "bought": "buy",
    "won": "win",
    "lost": "lose",
    "ran": "run",
    "began": "begin",
    "begun": "begin",
    "beginning": "begin",
    "chose": "choose",
    "chosen": "choose",
    "choice": "choose",
    "underwent": "undergo",
    "undergone": "undergo",
    "died": "die",
    "dies": "die",
    "dying": "die",
    "death": "die",
    "dead": "die",
    "killed": "kill",
    "flew": "fly",
    "flown": "fly",
    "struck": "strike",
    "brought": "bring",
    "told": "tell",
    "said": "say",
    "says": "say",
    "wrote": "write",
    "written": "write",
    "signature": "sign",
    "arrival": "arrive",
    "departure": "depart",
    "visited": "visit",
    "trip": "travel",
}

# Function words and the words of reporting and dating: they say nothing of which happening.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves shall may might must
    today yesterday tomorrow tonight week weeks month months year years day days morning evening
    afternoon night last next earlier later ago monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november december
    mr mrs ms dr said says say told according statement statements also one two three new""".split()  # noqa: SIM905
)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem a word is compared by ("resignation" -> "resign", "fought" -> "fight")."""
    low = word.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    base = _IRREGULAR.get(low, low)
    if base.endswith("uction"):  # introduction, production, reduction: the verb in -uce
        base = base[: -len("uction")] + "uce"
    return _stemmer().stemWord(base)


def content_stems(text: str) -> frozenset[str]:
    """Stems of the content words of `text`: no function, date or reporting words, no word
    shorter than three letters."""
    out = set()
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if len(word) < 3 or word in STOPWORDS:
            continue
        out.add(stem(word))
    return frozenset(out)


def trigger_stem(trigger: str | None) -> str | None:
    """The stem of an event's trigger word; a trigger of several words ("take place") is
    known by its first."""
    if not trigger:
        return None
    words = _WORD.findall(trigger)
    if not words:
        return None
    return stem(words[0])


# Nouns by which reports name a happening whatever their verb ("attending the NATO Summit",
# "looks forward to the summit", "had the summit last week"): predicates of the report too.
HAPPENING_NOUNS = frozenset(
    stem(w)
    for w in """summit conference convention meeting talks negotiations session hearing visit trip tour
    election referendum vote ceremony inauguration funeral parade rally debate forum treaty ceasefire
    truce accord attack invasion bombing shooting strike earthquake hurricane flood wildfire
    resignation nomination indictment trial verdict anniversary celebration commemoration launch
    signing""".split()  # noqa: SIM905
)

# Happenings known by their name, which a verb hardly shares ("the summit", "the election",
# not "visit" or "launch"): two reports naming the same one, on fitting dates, tell of it.
NAMED_HAPPENINGS = frozenset(
    stem(w)
    for w in """summit conference convention session hearing election referendum ceremony inauguration
    funeral parade forum treaty ceasefire truce accord anniversary celebration commemoration earthquake
    hurricane flood wildfire""".split()  # noqa: SIM905
)

# A happening named after these is the setting of the report's own ("unveiled it at the
# conference", "spoke during the summit"), not what it reports.
_SETTING = frozenset(["at", "during", "amid", "ahead", "before", "after", "since", "sidelines", "throughout"])
_SETTING_OF = frozenset(["margins", "margin", "sidelines", "sideline", "eve", "occasion"])
_NOUN_PHRASE = frozenset(
    {
        "first",
        "second",
        "last",
        "next",
        "upcoming",
        "recent",
        "historic",
        "annual",
        "virtual",
        "the",
        "a",
        "an",
    }
    | {"this", "that", "its", "his", "her", "their", "our", "year's", "company's"}
)


def _opens_noun_phrase(word: str) -> bool:
    """A word that can stand before a happening noun in its phrase: a determiner, a possessive,
    a name, a number ("the", "yesterday's", "NATO", "2024")."""
    low = word.lower()
    return low in _NOUN_PHRASE or word[:1].isupper() or low.endswith(("'s", "’s")) or word.isdigit()


def predicates(trigger: str | None, summary: str) -> frozenset[str]:
    """What a report says happened: its trigger's stem and the happenings its summary names
    (unless named as the setting: "at the summit")."""
    words = [m.group() for m in _WORD.finditer(summary)]
    found = set()
    for i, word in enumerate(words):
        low = word.lower()
        if len(low) < 3 or low in STOPWORDS or stem(low) not in HAPPENING_NOUNS:
            continue
        in_phrase = i == 0 or word[:1].isupper() or _opens_noun_phrase(words[i - 1])
        in_phrase = in_phrase or (i > 1 and _opens_noun_phrase(words[i - 2]))  # "the peace summit"
        if not in_phrase:
            continue  # a verb ("to rally support") or a modifier ("summit talks"), not the happening
        j = i - 1
        while j >= 0 and j > i - 6 and _opens_noun_phrase(words[j]):
            j -= 1
        if j >= 0 and words[j].lower() in _SETTING:
            continue
        if j > 0 and words[j].lower() == "of" and words[j - 1].lower() in _SETTING_OF:
            continue  # "on the margins of the summit"
        found.add(stem(low))
    head = trigger_stem(trigger)
    return frozenset({head, *found} if head else found)


__all__ = [
    "HAPPENING_NOUNS",
    "NAMED_HAPPENINGS",
    "STOPWORDS",
    "content_stems",
    "predicates",
    "stem",
    "trigger_stem",
]
