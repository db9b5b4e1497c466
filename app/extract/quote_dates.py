"""When a quote was said: the DATE timex that dates its cue ("said last month", "said during
the Thursday debate"), else the publication date, unless the cue tells of words said at some
time before that the text does not give ("Kennedy once said", "as my dad used to say", "she
was fond of saying"): those are undated."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Token

from app.domain import Granularity, Timex, TimexType
from app.extract.eventing.document import is_readout
from app.extract.sentences import sentence_index
from app.extract.speakers import Attribution, SpeakerFinder


class QuoteDating:
    def __init__(
        self,
        doc: Doc,
        timexes: Sequence[Timex],
        published: dt.date | None,
        finder: SpeakerFinder,
        token_starts: list[int],
    ) -> None:
        self.doc = doc
        self.published = published
        self.finder = finder
        self.token_starts = token_starts
        self.by_sentence: dict[int, list[Timex]] = {}
        for t in timexes:
            if t.type is TimexType.DATE and t.range_start is not None:
                self.by_sentence.setdefault(t.sentence, []).append(t)
        self.meeting_day = _meeting_day(doc, timexes, published)

    def date(self, start: int, end: int, attribution: Attribution | None) -> dict[str, Any]:
        """Quote fields said_value, said_start, said_end and timex for the quote at [start, end)."""
        cue = None
        if attribution is not None and 0 <= attribution.cue_token < len(self.doc):
            cue = self.doc[attribution.cue_token]
        sentences = {sentence_index(self.doc, start)}
        if cue is not None:
            sentences.add(sentence_index(self.doc, cue.idx))
        # A date inside the quote is what the speaker talks about, not when they spoke.
        candidates = [
            t
            for s in sentences
            for t in self.by_sentence.get(s, ())
            if (t.end < start or t.start > end) and (cue is None or self._dates_cue(t, cue.i))
        ]
        if candidates:
            anchor = cue.idx if cue is not None else start
            best = min(candidates, key=lambda t: abs(t.start - anchor))
            return {
                "said_value": best.value,
                "said_start": best.range_start,
                "said_end": best.range_end,
                "timex": best.key,
            }
        if self.published is None or (cue is not None and _said_some_time_before(cue)):
            return {}
        if self.meeting_day is not None:
            day = self.meeting_day
            return {
                "said_value": day.value,
                "said_start": day.range_start,
                "said_end": day.range_end,
                "timex": day.key,
            }
        return {
            "said_value": self.published.isoformat(),
            "said_start": self.published,
            "said_end": self.published,
        }

    def _dates_cue(self, timex: Timex, cue: int) -> bool:
        token = self.doc[max(0, bisect_right(self.token_starts, timex.start) - 1)]
        return self.finder.modifies_cue(token, self.doc[cue])


# "once said", "famously wrote": one time before, not given.
_SOME_TIME = frozenset({"once", "famously"})
# "used to say", "liked to say", "loved to say", "was fond of saying".
_HABIT_HEADS = frozenset({"use", "like", "love", "fond"})
# "I would say", "I like to say", "we have always said": the speaker says it again, here.
_HERE = frozenset({"i", "we", "you"})


def _said_some_time_before(cue: Token) -> bool:
    """Whether the cue tells of words said at a time the text does not give: "Kennedy once
    said", "as my dad used to say", "she'd say", "Frances loved to say", "was fond of saying";
    not what a speaker says again as they speak ("I would say", "as I like to say")."""
    verbs = [cue, cue.head, cue.head.head]
    subject = next((c for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in _HERE:
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("would", "’d", "'d") for c in cue.children):
        return True  # "as he would say": the cue survives only when habitual (quotes._unsaid)
    if any(c.dep_ == "advmod" and c.lower_ in _SOME_TIME for c in cue.children):
        return True
    if any(c.dep_ == "acomp" and c.lemma_.lower() == "fond" for c in cue.children):
        return True  # "Kennedy was fond of saying", the quote given to the subject of "was"
    head = cue.head.head if cue.dep_ == "pcomp" else cue.head  # "fond of saying"
    return cue.dep_ in ("xcomp", "pcomp") and head.lemma_.lower() in _HABIT_HEADS


_LEAD_SENTENCES = 2


def _meeting_day(doc: Doc, timexes: Sequence[Timex], published: dt.date | None) -> Timex | None:
    """The day a readout's lead gives its meeting ("Yesterday, President Biden convened …", "On
    Monday, the Vice President met …"): what was said there was said that day, not on the day
    the readout is published (163 of the 727 White House readouts open so)."""
    title = doc._.title if Doc.has_extension("title") else None
    if published is None or not is_readout(title):
        return None
    lead = [
        t
        for t in timexes
        if t.sentence < _LEAD_SENTENCES
        and t.granularity is Granularity.DAY
        and t.range_start is not None
        and t.range_start <= published
    ]
    return lead[0] if lead else None
