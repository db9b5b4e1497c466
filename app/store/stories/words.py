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


__all__ = ["STOPWORDS", "content_stems", "stem", "trigger_stem"]
