"""`dateline extract --input-format jsonl`: one line out per line in, in order, as each is done."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest

from app.config import Settings
from app.ingest.preview import extract_jsonl

pytestmark = pytest.mark.slow

GOOD = {"id": "a", "text": "Mayor Anne Hidalgo met in Paris on Tuesday.", "published": "2024-07-01"}
OTHER = {"id": "c", "text": "The Senate voted on Monday, Senator Ana Lopez said.", "published": "2024-07-01"}


def test_lines_come_out_in_order_with_bad_lines_named_and_streamed() -> None:
    """Each extraction is printed before the next input line is read (with batches of one), so
    a long file streams; a bad line gets its error in its place, and the rest goes on."""
    out = io.StringIO()
    printed_before: list[int] = []

    def lines() -> Iterator[str]:
        yield json.dumps(GOOD) + "\n"
        yield "{not json\n"
        printed_before.append(out.getvalue().count("\n"))  # asked for the third line
        yield json.dumps(OTHER) + "\n"

    settings = Settings(_env_file=None, nlp_batch_size=1, nlp_processes=1)
    failed = extract_jsonl(lines(), out, settings)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert failed == 1
    assert [row["id"] for row in rows] == ["a", None, "c"]
    assert rows[1]["error"].startswith("line 2: not valid JSON")
    assert {"Anne Hidalgo", "Paris"} <= {e["name"] for e in rows[0]["entities"]}
    assert "Ana Lopez" in {e["name"] for e in rows[2]["entities"]}
    assert printed_before == [1]  # the first article's line was out before line 3 was read
