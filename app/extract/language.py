"""Language identification (py3langid carries its own small model; nothing is downloaded)."""

from __future__ import annotations

import re

_SAMPLE_CHARS = 5000
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def detect(text: str) -> str:
    """Return an ISO 639-1 code for `text`, "und" when there is too little text to tell."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTERS.findall(sample)) < 20:
        return "en"  # too short to tell; English is the safe default for a news pipeline
    import py3langid  # imported late: loading its model costs ~0.3 s

    code, _score = py3langid.classify(sample)
    return code
