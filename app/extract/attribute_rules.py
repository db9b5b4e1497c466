"""The model's attribute ruler, matched on token arrays instead of spaCy's `Matcher`.

`en_core_web_sm`'s attribute_ruler (tag → POS and morphology, plus ~120 word exceptions) spent
~90% of its time in `Matcher`, which tries every pattern at every token in Python-level
callbacks: 0.05 CPU-s for an article of 2,200 tokens, more than the tagger and lemmatizer
together. Its patterns are one or two tokens of exact values, `IN`/`NOT_IN` lists and `REGEX`es over
LOWER, TAG, DEP and IS_SPACE, which numpy matches over whole columns at once. The matches are
the same (start, end, key) triples, so the tokens get exactly what they got before; a ruler
with any other pattern keeps its `Matcher`. The attributes are written column by column with one
`Doc.from_array` (the ruler's own `set_annotations` makes a Span per match, one per token), the
last matching rule winning as it does there; a ruler setting other attributes keeps its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc

_COLUMNS = {"LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}
_ORDER = tuple(_COLUMNS)
_LOWER = _ORDER.index("LOWER")


@dataclass(frozen=True)
class _Test:
    column: int  # index into _ORDER
    hashes: np.ndarray | None = None  # the value is one of these
    regex: re.Pattern[str] | None = None  # or its text matches this (re.search, as Matcher)
    negated: bool = False  # NOT_IN: the value is none of `hashes`


@dataclass(frozen=True)
class _Pattern:
    rule: int  # the ruler's index of the rule: later rules win
    key: int  # the match id the Matcher would report
    tokens: tuple[tuple[_Test, ...], ...]
    words: tuple[frozenset[int], ...]  # for each LOWER value or list it requires, the words' hashes


def install(ruler: AttributeRuler) -> bool:
    """Make `ruler` match on arrays; False (ruler untouched) when a pattern is beyond them."""
    compiled = _compile(ruler)
    if compiled is None:
        return False
    ruler.match = _matcher(ruler, compiled)  # type: ignore[method-assign]
    annotate = _annotator(ruler)
    if annotate is not None:
        ruler.set_annotations = annotate  # type: ignore[method-assign]
    return True


_WRITABLE = frozenset({POS, TAG, DEP, MORPH, LEMMA})  # token attributes only, no lexeme's


def _annotator(ruler: AttributeRuler) -> Callable[[Doc, list], None] | None:
    """The ruler's `set_annotations` over arrays, or None if a rule sets what arrays can't."""
    columns = sorted({attr for attrs in ruler.attrs for attr in attrs})
    if not columns or not _WRITABLE.issuperset(columns):
        return None
    values = np.zeros((len(ruler.attrs), len(columns)), dtype=np.uint64)
    present = np.zeros((len(ruler.attrs), len(columns)), dtype=bool)
    for rule, attrs in enumerate(ruler.attrs):
        for c, attr in enumerate(columns):
            if attr in attrs:
                values[rule, c], present[rule, c] = attrs[attr], True
    indices = np.array(ruler.indices, dtype=np.int64)
    stock = ruler.set_annotations

    def set_annotations(doc: Doc, matches: Sequence[tuple[int, int, int, int]]) -> None:
        if not len(matches):
            return
        if isinstance(matches, Matches):
            rules, starts, ends = matches.rules, matches.starts, matches.ends
        else:
            found = np.array([(rule, start, end) for rule, _key, start, end in matches], dtype=np.int64)
            rules, starts, ends = found[:, 0], found[:, 1], found[:, 2]
        index = indices[rules]
        at = np.where(index < 0, ends + index, starts + index)
        if ((at < starts) | (at >= ends)).any():
            stock(doc, list(matches))  # raises the ruler's own error, naming the pattern
            return
        table = doc.to_array(columns)
        for c in range(len(columns)):
            chosen = present[rules, c]
            tokens, written = at[chosen][::-1], values[rules[chosen], c][::-1]
            tokens, last = np.unique(tokens, return_index=True)  # matches come sorted: last wins
            table[tokens, c] = written[last]
        doc.from_array(columns, table)

    return set_annotations


def _compile(ruler: AttributeRuler) -> list[_Pattern] | None:
    strings = ruler.vocab.strings
    compiled: list[_Pattern] = []
    for i, entry in enumerate(ruler.patterns):
        key = strings.add(str(i))
        for pattern in entry["patterns"]:
            tokens = []
            for spec in pattern:
                tests = [_test(name, value, strings) for name, value in spec.items()]
                if not tests or None in tests:
                    return None
                tokens.append(tuple(t for t in tests if t is not None))
            words = tuple(
                frozenset(t.hashes.tolist())
                for tests in tokens
                for t in tests
                if t.column == _LOWER and t.hashes is not None and not t.negated
            )
            compiled.append(_Pattern(i, key, tuple(tokens), words))
    return compiled


def _test(name: str, value: object, strings: StringStore) -> _Test | None:
    if name not in _COLUMNS:
        return None
    column = _ORDER.index(name)
    if name == "IS_SPACE":
        flag = np.array([int(bool(value))], dtype=np.uint64)
        return _Test(column, flag) if isinstance(value, bool) else None
    if isinstance(value, str):
        return _Test(column, np.array([strings.add(value)], dtype=np.uint64))
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), *_ = value.items()
        if op in ("IN", "NOT_IN") and all(isinstance(v, str) for v in arg):
            hashes = np.array([strings.add(v) for v in arg], dtype=np.uint64)
            return _Test(column, hashes, negated=op == "NOT_IN")
        if op == "REGEX" and isinstance(arg, str):
            return _Test(column, regex=re.compile(arg))
    return None


class Matches(Sequence[tuple[int, int, int, int]]):
    """What `AttributeRuler.match` returns, (rule index, key, start, end) sorted, held as
    arrays: the ruler's `set_annotations` reads the arrays, and a tuple is made only for a
    reader who asks (one per token of the text was a third of the ruler's time)."""

    def __init__(self, rules: np.ndarray, keys: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> None:
        order = np.lexsort((ends, starts, keys, rules))
        self.rules, self.keys = rules[order], keys[order]
        self.starts, self.ends = starts[order], ends[order]

    def __len__(self) -> int:
        return len(self.rules)

    @overload
    def __getitem__(self, i: int) -> tuple[int, int, int, int]: ...
    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, int, int, int]]: ...
    def __getitem__(self, i: int | slice) -> tuple[int, int, int, int] | list[tuple[int, int, int, int]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return (int(self.rules[i]), int(self.keys[i]), int(self.starts[i]), int(self.ends[i]))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def _matcher(ruler: AttributeRuler, patterns: list[_Pattern]) -> Callable[[Doc], Matches]:
    strings = ruler.vocab.strings

    def match(doc: Doc) -> Matches:
        """The ruler's `match`: every pattern tested over whole columns at once."""
        n = len(doc)
        table = doc.to_array([_COLUMNS[name] for name in _ORDER])
        words = set(table[:, _LOWER].tolist())
        regex_hits: dict[tuple[int, str], np.ndarray] = {}
        found: list[tuple[_Pattern, np.ndarray]] = []
        for pattern in patterns:
            width = len(pattern.tokens)
            if width > n or not all(words.intersection(need) for need in pattern.words):
                continue  # a word the pattern needs is not in the text: most exceptions
            hits = np.ones(n - width + 1, dtype=bool)
            for offset, tests in enumerate(pattern.tokens):
                for test in tests:
                    column = table[offset : n - width + 1 + offset, test.column]
                    if test.regex is None and len(test.hashes) == 1:
                        hits &= (column != test.hashes[0]) if test.negated else (column == test.hashes[0])
                    elif test.regex is None:
                        hits &= np.isin(column, test.hashes, invert=test.negated)
                    else:
                        cached = (test.column, test.regex.pattern)
                        if cached not in regex_hits:
                            regex_hits[cached] = _regex_column(table[:, test.column], test.regex, strings)
                        hits &= regex_hits[cached][offset : n - width + 1 + offset]
                if not hits.any():
                    break
            else:
                found.append((pattern, np.flatnonzero(hits)))
        if not found:
            empty = np.zeros(0, dtype=np.int64)
            return Matches(empty, np.zeros(0, dtype=np.uint64), empty, empty)
        sizes = [len(starts) for _, starts in found]
        starts = np.concatenate([starts for _, starts in found]).astype(np.int64)
        widths = np.repeat(np.array([len(p.tokens) for p, _ in found], dtype=np.int64), sizes)
        rules = np.repeat(np.array([p.rule for p, _ in found], dtype=np.int64), sizes)
        keys = np.repeat(np.array([p.key for p, _ in found], dtype=np.uint64), sizes)
        return Matches(rules, keys, starts, starts + widths)

    return match


def _regex_column(column: np.ndarray, regex: re.Pattern[str], strings: StringStore) -> np.ndarray:
    values, inverse = np.unique(column, return_inverse=True)
    matched = np.array([bool(regex.search(strings[int(v)])) for v in values], dtype=bool)
    return matched[inverse]
