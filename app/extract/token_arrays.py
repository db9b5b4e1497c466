"""Per-document token attributes as arrays, read once with `Doc.to_array` (one C call) instead
of building a Python `Token` per token, which dominates the cost of whole-document loops."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IDX, LEMMA, POS, SENT_START
from spacy.tokens import Doc

_KEY = "dateline_token_arrays"


@dataclass(frozen=True)
class TokenArrays:
    starts: list[int]  # character offset of each token
    sentence_starts: list[int]  # token index where each sentence begins
    lemmas: np.ndarray  # lemma hashes
    pos: np.ndarray  # coarse part-of-speech symbol ids

    def with_lemma(self, lemma_hashes: np.ndarray, pos_id: int | None = None) -> Iterable[int]:
        """Token indexes whose lemma is one of `lemma_hashes` (and whose POS is `pos_id`)."""
        hits = np.isin(self.lemmas, lemma_hashes)
        if pos_id is not None:
            hits &= self.pos == pos_id
        return np.flatnonzero(hits).tolist()


def token_arrays(doc: Doc) -> TokenArrays:
    cached = doc.user_data.get(_KEY)
    if cached is not None:
        return cached
    if len(doc) == 0:
        empty = np.zeros(0, dtype=np.uint64)
        arrays = TokenArrays([], [], empty, empty)
    else:
        table = doc.to_array([IDX, SENT_START, LEMMA, POS])
        sentence_starts = np.flatnonzero(table[:, 1] == 1).tolist()
        if not sentence_starts or sentence_starts[0] != 0:
            sentence_starts.insert(0, 0)
        arrays = TokenArrays(table[:, 0].tolist(), sentence_starts, table[:, 2], table[:, 3])
    doc.user_data[_KEY] = arrays
    return arrays


def lemma_hashes(doc: Doc, lemmas: Iterable[str]) -> np.ndarray:
    strings = doc.vocab.strings
    return np.array([strings.add(lemma) for lemma in lemmas], dtype=np.uint64)
