"""Extraction quality on shared annotated material, scored by the shared scorers.

The material lives in ../shared (the WSJ article is copyrighted and never copied here); the
tests skip cleanly when it is not beside the checkout.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_shared

DATELINE = str(Path(sys.executable).parent / "dateline")

# The bar: 9 of the 10 gold quotes with the right speaker. (The article only ever writes
# "President Biden"; app/extract/notable.py knows well-known office holders' full names.)
MIN_GOLD_QUOTES = 9


@pytest.mark.slow
def test_gold_article_entities_merges_and_quotes_meet_the_bar(tmp_path):
    article = require_shared("corpus", "wsj-2024-07-01-nato-kyiv.txt")
    gold = require_shared("gold", "wsj-2024-07-01-nato-kyiv.json")
    scorer = require_shared("eval", "score_gold.py")
    extraction = subprocess.run(
        [DATELINE, "extract", str(article)], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    output = tmp_path / "extraction.json"
    output.write_text(extraction, encoding="utf-8")
    assert json.loads(extraction)["entities"], "extraction produced no entities"
    scored = subprocess.run(
        [
            sys.executable, str(scorer), str(gold), str(output),
            "--min-metadata", "4", "--min-entities", "25", "--min-merges", "4",
            "--min-quotes", str(MIN_GOLD_QUOTES), "--max-false-quotes", "1",
        ],
        capture_output=True, text=True,
    )  # fmt: skip
    assert scored.returncode == 0, scored.stdout


@pytest.mark.long
@pytest.mark.slow
def test_polnear_dev_direct_quotes_and_named_speakers_meet_the_bar():
    split = require_shared("data", "polnear", "dev")
    metadata = require_shared("data", "polnear", "metadata.tsv")
    scorer = require_shared("eval", "score_polnear.py")
    scored = subprocess.run(
        [
            sys.executable, str(scorer), str(split), str(metadata),
            "--cmd", f"{DATELINE} extract --input-format jsonl -",
            "--min-f1", "0.90", "--min-speaker", "0.85", "--show-misses", "20",
        ],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert scored.returncode == 0, scored.stdout[-3000:]


# Nineteen White House items of every genre, annotated by hand by GUIDE.md (../shared/gold)
# before any output was looked at, in tests/data/gold: documents the extraction rules were not
# written on (the second ten were scored once before the rules they showed up were written).
# The bars sit a little under the figures of 2026-12-06 (entities .897 / .873, dates .941 /
# .845, events .635 / .652, key events .746), so a rule that breaks another genre shows here.
@pytest.mark.long
@pytest.mark.slow
def test_held_out_white_house_items_meet_the_bar():
    require_shared("corpus", "whitehouse")
    scorer = require_shared("eval", "score_exhaustive.py")
    scored = subprocess.run(
        [
            sys.executable, str(scorer), str(ROOT / "tests" / "data" / "gold"),
            "--cmd", f"{DATELINE} extract", "--show-misses", "20",
            "--min-entity-precision", "0.88", "--min-entity-recall", "0.85",
            "--min-quote-precision", "0.95", "--min-turn-coverage", "0.95",
            "--min-timex-precision", "0.92", "--min-timex-recall", "0.82",
            "--min-event-precision", "0.61", "--min-event-recall", "0.63", "--min-key-event-recall", "0.72",
        ],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert scored.returncode == 0, scored.stdout[-3000:]
