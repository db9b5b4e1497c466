"""Quotes (direct, partial, indirect) with their speakers and cues."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from spacy.tokens import Doc, Token

from app.domain import Entity, EntityKind, Quote, QuoteKind, Speaker, SpeakerKind, Timex
from app.extract import names
from app.extract.doctext import doc_text
from app.extract.entity_index import EntityIndex, IndexedMention
from app.extract.indirect import IndirectClause, find_indirect
from app.extract.pronouns import RELATIVES
from app.extract.quote_dates import QuoteDating
from app.extract.quote_marks import QuotedSpan, paragraph_bounds, quoted_spans_of
from app.extract.remarks import turn_quotes
from app.extract.sentences import sentence_index
from app.extract.speakers import Attribution, SpeakerFinder, named
from app.extract.structure import EMPTY, NOT_SPEECH, DocStructure, Turn
from app.extract.surnames import with_surname_mentions
from app.extract.token_arrays import token_arrays
from app.extract.turn_speakers import TurnSpeaker

_MIN_WORDS = 3
# A sentence end inside the quote followed by another sentence: a quote of whole sentences.
_INNER_SENTENCE_END = re.compile(r"[.!?…][\"”’)]?\s+[\"“‘]?[A-Z0-9]")
_OPENS_AFTER = ".!?:;,—–-(…"
_TITLE_CUES = frozenset(
    str.split(
        "book books novel memoir film movie documentary song album show series play report study "
        "titled entitled headlined headline article essay column op-ed poem slogan"
    )
)
# Quoted provisions of a law or an order: "“Sec. 2. …”", "“(b) The Secretary shall …”".
_LEGAL_TEXT = re.compile(r"(?:Sec(?:tion)?\.?\s*\d+[A-Za-z]?\.|\((?:[a-z]|[ivx]+|\d+)\)\s)")
_NEXT_SENTENCE_TOKENS = 12
_MAX_CUE_DISTANCE = 60
_STRONG_CUE_RANK = 2  # frames, governs, or is coordinated with a governor: see choose_cue


@dataclass
class _Context:
    """Per-document lookups built once: token offsets, which tokens sit inside quotation
    marks, sentence starts in tokens, and where entities are mentioned."""

    doc: Doc
    spans: list[QuotedSpan]
    token_starts: list[int]
    in_quote: bytearray
    sent_starts: list[int]
    index: EntityIndex
    finder: SpeakerFinder
    paragraphs: list[tuple[int, int]]
    text: str

    @classmethod
    def build(
        cls,
        doc: Doc,
        spans: list[QuotedSpan],
        entities: Sequence[Entity],
        turn_speaker: Callable[[int], Speaker | None] | None = None,
    ) -> _Context:
        arrays = token_arrays(doc)
        token_starts = arrays.starts
        in_quote = bytearray(len(doc))
        for span in spans:
            t0 = bisect_left(token_starts, span.open)
            t1 = bisect_left(token_starts, span.close)
            in_quote[t0:t1] = b"\x01" * (t1 - t0)
        sent_starts = arrays.sentence_starts
        index = EntityIndex(with_surname_mentions(doc, entities))
        finder = SpeakerFinder(doc, index, in_quote, token_starts, turn_speaker)
        paragraphs = paragraph_bounds(doc_text(doc))
        return cls(doc, spans, token_starts, in_quote, sent_starts, index, finder, paragraphs, doc_text(doc))

    def tokens(self, start: int, end: int) -> tuple[int, int]:
        return bisect_left(self.token_starts, start), bisect_left(self.token_starts, end)

    def sentence_of(self, token: int) -> tuple[int, int]:
        i = bisect_right(self.sent_starts, token) - 1
        lo = self.sent_starts[i] if i >= 0 else 0
        hi = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.doc)
        return lo, hi


class _Found(NamedTuple):
    start: int
    end: int
    text: str
    kind: QuoteKind
    attribution: Attribution | None


def find_quotes(
    doc: Doc, entities: Sequence[Entity], timexes: Sequence[Timex], published: dt.date | None
) -> list[Quote]:
    text = doc_text(doc)
    if len(doc) == 0 or not text.strip():
        return []
    spans = quoted_spans_of(doc)
    layout: DocStructure = doc._.structure if Doc.has_extension("structure") else EMPTY
    turns: Mapping[str, TurnSpeaker] = doc._.turn_speakers or {} if Doc.has_extension("turn_speakers") else {}

    def turn_speaker(offset: int) -> Speaker | None:
        turn = layout.turn_at(offset)
        who = turns.get(turn.label) if turn is not None else None
        return who.speaker if who is not None else None

    ctx = _Context.build(doc, spans, entities, turn_speaker if layout.is_transcript else None)
    dating = QuoteDating(doc, timexes, published, ctx.finder, ctx.token_starts)
    paragraph_starts = [start for start, _ in ctx.paragraphs]
    found: list[_Found] = []
    previous: tuple[Attribution | None, int] = _NO_ONE
    for span in spans:
        t0, t1 = ctx.tokens(span.open, span.close)
        if t1 <= t0 or not _is_quote(doc, span, t0, t1) or layout.covers(span.start, span.end, NOT_SPEECH):
            continue
        kind = _kind(text, span, paragraph_starts)
        if kind is QuoteKind.PARTIAL and _named_phrase(ctx, span, t0, t1):
            continue
        turn = layout.turn_at(span.start)
        if turn is not None and not turn.prose:
            cited = _cited_in_turn(ctx, span, t0, t1, turn_speaker(span.start))
            if cited is not None:
                found.append(_Found(span.start, span.end, text[span.start : span.end], kind, cited))
            continue
        # In a speech, the next paragraph is the speaker's own again: a quotation there goes on
        # a cited speaker's words only when it continues them.
        carried = previous if turn is None or span.continued or span.paragraph == previous[1] else _NO_ONE
        attribution = _attribute(ctx, span, t0, t1, kind, carried)
        if attribution is not None and _unsaid(doc, attribution.cue_token):
            continue
        if attribution is not None and attribution.speaker is not None:
            previous = (attribution, span.paragraph)
        if turn is not None and not _cites_another(attribution, turn_speaker(span.start)):
            continue  # a speech's own words, or words no one said: already its remarks
        found.append(_Found(span.start, span.end, text[span.start : span.end], kind, attribution))
    for clause in find_indirect(doc, ctx.finder):
        turn = layout.turn_at(clause.start)
        if turn is not None and not _reports_another(clause, turn, turn_speaker(clause.start)):
            continue
        found.append(_Found(clause.start, clause.end, clause.text, QuoteKind.INDIRECT, clause.attribution))
    for piece in turn_quotes(text, layout, turns):
        said = Attribution(piece.speaker, None)
        found.append(_Found(piece.start, piece.end, text[piece.start : piece.end], piece.kind, said))
    found.sort(key=lambda f: f.start)
    return [
        Quote(
            key=f"q{n}",
            start=f.start,
            end=f.end,
            text=f.text,
            kind=f.kind,
            sentence=sentence_index(doc, f.start),
            speaker=f.attribution.speaker if f.attribution else None,
            cue=f.attribution.cue if f.attribution else None,
            **(_on_the_day(published) if f.kind in _TURN_KINDS else dating.date(*f[:2], f.attribution)),
        )
        for n, f in enumerate(found, 1)
    ]


_TURN_KINDS = frozenset({QuoteKind.REMARKS, QuoteKind.QUESTION})
_NO_ONE: tuple[Attribution | None, int] = (None, -10)  # no quotation attributed before


def _on_the_day(published: dt.date | None) -> dict[str, Any]:
    """A transcript's words were said on the day it records, whatever dates they mention."""
    if published is None:
        return {}
    return {"said_value": published.isoformat(), "said_start": published, "said_end": published}


def _cited_in_turn(
    ctx: _Context, span: QuotedSpan, t0: int, t1: int, holder: Speaker | None
) -> Attribution | None:
    """A quotation inside a transcript turn is kept only when a cue pins it on someone besides
    the turn's speaker ("As my dad used to say, “…”", "According to NBC News, quote, “…”");
    the speaker's own words are already the turn's remarks."""
    lo, hi = _frame(ctx, span, t0, t1)
    chosen = ctx.finder.choose_cue(lo, hi, t0, t1)
    if chosen is None or chosen[1] > _STRONG_CUE_RANK:
        return None
    found = ctx.finder.attribute(chosen[0])
    if _unsaid(ctx.doc, found.cue_token):
        return None
    return found if _cites_another(found, holder) else None


def _reports_another(clause: IndirectClause, turn: Turn, holder: Speaker | None) -> bool:
    """Whether reported speech in a turn is someone's besides the turn's speaker ("Trump says
    he's for it"): the speaker's own ("as I said, we're going to Kentucky") is already the
    turn's remarks, and a subject in the turn's label ("Q") is no speaker."""
    return clause.subject_start >= turn.start and _cites_another(clause.attribution, holder)


def _cites_another(attribution: Attribution | None, holder: Speaker | None) -> bool:
    """Whether a quotation in a speech is someone's besides the speaker's ("Whitman writes:
    “…”", "“…,” Mrs. Ford told her husband")."""
    speaker = attribution.speaker if attribution is not None else None
    if speaker is None or speaker.kind is SpeakerKind.UNRESOLVED:
        return False
    return holder is None or (speaker.entity or speaker.name) != (holder.entity or holder.name)


_NOBODY = frozenset({"nobody", "none", "no-one"})
_HYPOTHETICAL = frozenset({"would", "could", "might", "may", "should"})
# "he would later say", "as she would often say": speech that did happen, told in the past.
_HABITUAL = frozenset({"later", "often", "always", "once", "then", "usually", "sometimes"})


def _unsaid(doc: Doc, cue: int) -> bool:
    """Speech the sentence says did not happen: "He did not say, “…”", "No one is telling me,
    “Joe, don't run”" — no one's quote."""
    if not 0 <= cue < len(doc):
        return False
    token = doc[cue]
    if _hypothetical(token):
        return True
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in _NOBODY or (child.lower_ == "one" and any(d.lower_ == "no" for d in child.lefts))
        ):
            return True
    return False


def _hypothetical(cue: Token) -> bool:
    """ "Critics would say, “…”": speech imagined, not made. A citation ("as my dad would say")
    and a told habit ("she would later say") are real speech."""
    children = list(cue.children)
    if not any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in children):
        return False
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in children):
        return False
    if any(c.lower_ in _HABITUAL for c in children):
        return False
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in RELATIVES:
        return False  # "My dad would say, …": a saying remembered, not imagined
    return subject is None or subject.pos_ != "PROPN"


_SCARE_MAX_WORDS = 5
_NAMING_DETERMINERS = frozenset(str.split("a an the this that these those such so-called"))
_SORT_NOUNS = frozenset({"sort", "kind", "type", "form"})


def _named_phrase(ctx: _Context, span: QuotedSpan, t0: int, t1: int) -> bool:
    """A scare quote or a defined term: a short quoted noun phrase after a determiner ("an
    investment in a “targeted employment area,” which is defined as …", "this sort of
    “cover-up in plain sight”"), with no finite verb inside and no reporting verb over it. It
    names a thing; no one is quoted saying it."""
    doc = ctx.doc
    inner = [t for t in doc[t0:t1] if not t.is_punct and not t.is_space]
    if not inner or len(inner) > _SCARE_MAX_WORDS or ctx.text[span.end - 1] in ".?!…":
        return False
    if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in inner):
        return False
    j = t0 - 1
    while j >= 0 and (doc[j].is_space or doc[j].text in "“\"‘'"):
        j -= 1
    if j < 0:
        return False
    before = doc[j]
    after_sort = before.lower_ == "of" and j > 0 and doc[j - 1].lemma_.lower() in _SORT_NOUNS
    if before.lower_ not in _NAMING_DETERMINERS and not after_sort:
        return False
    # Any reporting verb in the sentence ("According to the complaint, they ran a “massive
    # scheme”"), or a named subject who may have said it ("He voiced a wish for a “strong,
    # vibrant Mexico”"), leaves the words a partial quote.
    lo, hi = _frame(ctx, span, t0, t1)
    if ctx.finder.choose_cue(lo, hi, t0, t1) is not None:
        return False
    return after_sort or ctx.finder.sentence_subject(lo, hi) is None


def _is_quote(doc: Doc, span: QuotedSpan, t0: int, t1: int) -> bool:
    """Not a title ("Degrade and Destroy"), a nickname or a scare quote of one or two words."""
    words = [t for t in doc[t0:t1] if t.is_alpha or t.like_num]
    if len(words) < _MIN_WORDS:
        return False
    content = [t for t in words if not t.is_stop and t.is_alpha]
    if (
        content
        and all(t.text[:1].isupper() for t in content)
        and not _INNER_SENTENCE_END.search(doc_text(doc), span.start, span.end)
    ):
        return False  # Title Case: a book, film or report title, or a slogan
    ends_sentence = doc_text(doc)[span.end - 1] in ".?!…"
    if not ends_sentence and sum(t.ent_type_ == "WORK_OF_ART" for t in words) * 2 > len(words):
        return False  # the model's title guess; a quoted sentence is words, not a title
    if _LEGAL_TEXT.match(doc_text(doc), span.start):
        return False  # an order's amended text: "is amended to read as follows: “Sec. 2. …”"
    before = doc[max(0, t0 - 2) : t0]
    return not any(t.lower_ in _TITLE_CUES for t in before)


def _attribute(
    ctx: _Context,
    span: QuotedSpan,
    t0: int,
    t1: int,
    kind: QuoteKind,
    previous: tuple[Attribution | None, int],
) -> Attribution | None:
    prev_attr, prev_paragraph = previous
    marked = _speaker_label(ctx, span) or _dash_signature(ctx, span)
    if marked is not None:
        return marked
    if span.continued and prev_attr is not None:
        return prev_attr
    finder = ctx.finder
    lo, hi = _frame(ctx, span, t0, t1)
    same_paragraph = prev_attr is not None and span.paragraph == prev_paragraph
    chosen = finder.choose_cue(lo, hi, t0, t1) or _cue_in_next_short_sentence(ctx, hi, t0, t1)
    cued: Attribution | None = None
    # A quote right after an attributed one in the same paragraph continues it, unless a cue
    # frames or governs this quote itself.
    if chosen is not None and not (same_paragraph and chosen[1] > _STRONG_CUE_RANK):
        cue = finder.outermost(chosen[0]) if kind is QuoteKind.PARTIAL else chosen[0]
        cued = finder.attribute(cue)
        if cued.speaker is not None:
            return cued
    # "President Kennedy was fond of saying that “…”": the cue names no one, its sentence does
    about = _named_before_colon(ctx, t0) or finder.sentence_subject(lo, hi)
    if about is not None:
        return about
    if cued is not None and prev_attr is None:
        return cued  # the cue, though it names no one
    if prev_attr is not None and span.paragraph - prev_paragraph <= 1:
        return prev_attr
    return _cue_before(ctx, span, lo, t0, t1)


def _named_before_colon(ctx: _Context, t0: int) -> Attribution | None:
    """ "Republican pollster Daron Shaw: “…”" — a name and a colon introduce the quote."""
    doc = ctx.doc
    j = t0 - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 1 or doc[j].text != ":":
        return None
    person = _person_in_label(ctx, j)
    if person is not None:
        return Attribution(named(person), ":", j)
    mention = ctx.index.at(doc[j - 1].idx)
    if mention is None or mention.entity.kind not in (EntityKind.PERSON, EntityKind.ORGANIZATION):
        return None
    return Attribution(named(mention), ":", j)


_LABEL_MAX_TOKENS = 24


def _person_in_label(ctx: _Context, colon: int) -> IndexedMention | None:
    """A roundup's label, "Gerald F. Seib, The Wall Street Journal: “…”" or "Ken Page,
    President, ACLU of Illinois: “…”": a line that opens on a person and runs, with no verb, to
    the colon. The words are the person's, not their paper's or group's."""
    doc, text = ctx.doc, ctx.text
    line_start = text.rfind("\n", 0, doc[colon].idx) + 1
    label = [t for t in doc[max(0, colon - _LABEL_MAX_TOKENS) : colon] if t.idx >= line_start]
    # The label is the whole line up to the colon (Markdown emphasis aside).
    if not label or text[line_start : label[0].idx].strip(" *_#>-"):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in label):
        return None
    first = next((t for t in label if not t.is_punct and not t.is_space), None)
    mention = ctx.index.at(first.idx) if first is not None else None
    if mention is None or mention.entity.kind is not EntityKind.PERSON:
        return None
    return mention


def _frame(ctx: _Context, span: QuotedSpan, t0: int, t1: int) -> tuple[int, int]:
    """Tokens of the sentences that hold the quoted words, kept inside the quote's paragraph
    (the parser sometimes runs a sentence on past a closing mark and a line break)."""
    first = min(t0 + 1, t1 - 1)
    last = max(first, t1 - 2)
    lo, _ = ctx.sentence_of(first)
    _, hi = ctx.sentence_of(last)
    p_lo, p_hi = ctx.tokens(*ctx.paragraphs[span.paragraph])
    # A cue further away than this is not the quote's; the cap also bounds the work on
    # run-on "sentences" of unpunctuated text.
    return max(lo, p_lo, t0 - _MAX_CUE_DISTANCE), min(hi, p_hi, t1 + _MAX_CUE_DISTANCE)


_LABEL = re.compile(r"([A-Z][A-Z.'’ -]{1,40}[A-Z.]):\s")
_DASH = re.compile(r"[^\S\n]*[―—–-]{1,2}[^\S\n]*(?=[A-Z@])")


def _speaker_label(ctx: _Context, span: QuotedSpan) -> Attribution | None:
    """ "PENCE: Well, …" — a transcript's speaker label opening the quote."""
    m = _LABEL.match(ctx.text, span.start, span.end)
    if m is None:
        return None
    words = [w for w in m.group(1).split() if not names.is_title_word(w)]
    if not words:
        return None
    entity = ctx.index.find_name(words[-1])
    if entity is not None:
        return Attribution(Speaker(entity.name, SpeakerKind.NAMED, entity.key), ":")
    return Attribution(Speaker(" ".join(w.title() for w in words), SpeakerKind.ANONYMOUS), ":")


def _dash_signature(ctx: _Context, span: QuotedSpan) -> Attribution | None:
    """ "“…” ― Pamela Padilla": a name signed after a dash."""
    if not span.closed:
        return None
    text = ctx.text
    m = _DASH.match(text, span.close)
    if m is None:
        return None
    mention = ctx.index.at(m.end())
    if mention is not None:
        return Attribution(named(mention), m.group().strip())
    line_end = text.find("\n", m.end())
    signature = text[m.end() : line_end if line_end >= 0 else len(text)]
    words = _SIGNATURE_WORDS.match(signature)
    if words is None:
        return None
    return Attribution(Speaker(words.group().strip(), SpeakerKind.ANONYMOUS), m.group().strip())


_SIGNATURE_WORDS = re.compile(r"(?:[A-Z][\w’'.-]*\s?){1,4}")


def _cue_in_next_short_sentence(ctx: _Context, hi: int, t0: int, t1: int) -> tuple[Token, int] | None:
    """ "“Why not?” \n Trump asked." when the parser split the cue into a sentence of its own."""
    if hi >= len(ctx.doc) or (hi != t1 and not all(ctx.doc[i].is_punct for i in range(t1, hi))):
        return None
    _, next_hi = ctx.sentence_of(hi)
    if next_hi - hi > _NEXT_SENTENCE_TOKENS or "\n" in ctx.text[ctx.doc[t1 - 1].idx : ctx.doc[hi].idx]:
        return None
    return ctx.finder.choose_cue(hi, next_hi, t0, t1)


def _cue_before(ctx: _Context, span: QuotedSpan, lo: int, t0: int, t1: int) -> Attribution | None:
    """A cue in the sentence before, in the same paragraph or ending in a colon ("Caddell
    continued:"); for a quote that makes up a paragraph of its own, the person the previous
    paragraph ends on ("Valastro praised Christie’s leadership. ¶ “We need someone …”")."""
    if lo == 0:
        return None
    prev_lo, prev_hi = ctx.sentence_of(lo - 1)
    last = ctx.doc[prev_hi - 1]
    new_paragraph = "\n" in ctx.text[last.idx : ctx.doc[t0].idx]
    if new_paragraph and last.text != ":":
        opens_paragraph = span.open == ctx.paragraphs[span.paragraph][0] + _indent(ctx, span)
        return ctx.finder.sentence_subject(prev_lo, prev_hi) if opens_paragraph else None
    chosen = ctx.finder.choose_cue(prev_lo, prev_hi, t0, t1)
    if chosen is None:
        return None
    found = ctx.finder.attribute(chosen[0])
    return found if found.speaker is not None else None


def _indent(ctx: _Context, span: QuotedSpan) -> int:
    p_start, p_end = ctx.paragraphs[span.paragraph]
    line = ctx.text[p_start:p_end]
    return len(line) - len(line.lstrip())


def _kind(text: str, span: QuotedSpan, paragraph_starts: list[int]) -> QuoteKind:
    if span.continued or _INNER_SENTENCE_END.search(text, span.start, span.end):
        return QuoteKind.DIRECT
    first = text[span.start : span.start + 1]
    if not (first.isupper() or first.isdigit() or first in "‘'\"“…"):
        return QuoteKind.PARTIAL
    p = bisect_right(paragraph_starts, span.open) - 1
    p_start = paragraph_starts[p] if p >= 0 else 0
    before = text[p_start : span.open].rstrip()
    if not before or before[-1] in _OPENS_AFTER:
        return QuoteKind.DIRECT
    last_word = before.rsplit(None, 1)[-1].lower()
    if last_word in ("said", "says", "say", "added", "told", "wrote", "asked", "declared", "stated"):
        return QuoteKind.DIRECT
    return QuoteKind.PARTIAL
