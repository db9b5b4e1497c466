"""Quality bars for dates and events, measured by the shared scorers on the shared corpora.

Slow (each runs the real pipeline over a corpus) and skipped when ../shared is not beside the
checkout. Nothing from ../shared is copied into the repository.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, require_shared

DATELINE = str(ROOT / ".venv" / "bin" / "dateline")


@pytest.mark.slow
def test_gold_article_dates_and_events_meet_the_bar(tmp_path):
    article = require_shared("corpus", "wsj-2024-07-01-nato-kyiv.txt")
    gold = require_shared("gold", "wsj-2024-07-01-nato-kyiv.json")
    scorer = require_shared("eval", "score_gold.py")
    extraction = tmp_path / "extraction.json"
    with extraction.open("w", encoding="utf-8") as out:
        subprocess.run([DATELINE, "extract", str(article)], stdout=out, check=True, cwd=ROOT)
    json.loads(extraction.read_text(encoding="utf-8"))
    result = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(extraction), "--min-timexes", "11", "--min-events", "8"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.long
@pytest.mark.slow
def test_tempeval3_training_corpus_value_f1_meets_the_bar():
    corpus = require_shared("data", "tempeval3", "train")
    scorer = require_shared("eval", "score_timeml.py")
    result = subprocess.run(
        [
            sys.executable,
            str(scorer),
            str(corpus),
            "--cmd",
            f"{DATELINE} extract --input-format jsonl -",
            "--min-value-f1",
            "0.75",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    summary = result.stdout.strip().splitlines()[-1]
    relaxed_f1 = float(summary.split("relaxed")[1].split("F1")[1].split("|")[0])
    assert relaxed_f1 >= 0.85, summary
