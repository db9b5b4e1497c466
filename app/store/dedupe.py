"""The content hash that makes an article the same article however it was re-exported."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normalise_for_hash(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return re.sub(r"\s+", " ", text).strip()


# The duplicate check, then the stored row, hash the same text: the last few are enough (a
# larger cache would hold whole article texts in a long-running service).
@lru_cache(maxsize=4)
def content_hash(text: str) -> str:
    """sha256 of the text with case, whitespace and quote styles normalised."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()
