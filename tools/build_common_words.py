"""Rebuild app/extract/data/common_words.txt: words that running English text writes in lower
case, so that a capitalised one alone ("Federal", "Lastly", "Residents") is no name.

Source: the 6,050 public-domain (CC0) White House items in ../shared/corpus/whitehouse. A word
is counted only in mid-sentence (after a lower-case letter, comma or semicolon and a space), so
capitals that merely open a sentence or a heading do not count. Kept: alphabetic words of 3+
letters seen at least 5 times there, at least 75% of them in lower case.

    python3 tools/build_common_words.py ../shared/corpus/whitehouse > app/extract/data/common_words.txt
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

MID_SENTENCE_WORD = re.compile(r"(?<=[a-z,;] )([A-Za-z][a-z]+)\b")
MIN_SEEN = 5
MIN_LOWER_SHARE = 0.75


def main(corpus: Path) -> None:
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for path in sorted(corpus.rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        for match in MID_SENTENCE_WORD.finditer(body):
            word = match.group(1)
            (capital if word[0].isupper() else lower)[word.lower()] += 1
    words = sorted(
        w
        for w, n in lower.items()
        if len(w) >= 3 and n >= MIN_SEEN and n / (n + capital[w]) >= MIN_LOWER_SHARE
    )
    print("# Words written in lower case in running text (see tools/build_common_words.py).")
    print("# Source: White House briefing-room items 2023-2024, public domain (CC0).")
    print("\n".join(words))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/whitehouse"))
