"""Count stored events dated before 1900 or after 2100 whose sentence does not state that year.

    .venv/bin/python tools/out_of_range_events.py [--database-url URL] [--show 20]

Reads the database named by DATELINE_DATABASE_URL (or --database-url), e.g. after `make run`
has ingested the demo corpus. An event far from our time is believable when its sentence writes
the year ("signed in 1776", "by 2150") or its century or decade ("the 1800s"); any other is a
misreading (a citation, a clock time, a count) and is printed with its sentence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from sqlalchemy import func, or_, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.store.engine import make_engine, make_session_factory  # noqa: E402
from app.store.models import Article, Event, Sentence  # noqa: E402

FIRST = dt.date(1900, 1, 1)
LAST = dt.date(2100, 12, 31)


def states_year(sentence: str, year: int) -> bool:
    """Whether `sentence` writes `year`, or the decade or century that holds it."""
    century = year // 100
    patterns = (
        rf"(?<![\d.\-/§])\b{year}\b(?![\d\-/(])",
        rf"\b{year // 10}0'?s\b",
        rf"\b{century}00'?s\b",
        rf"\b{century + 1}(?:st|nd|rd|th)[\s-]+century\b",
    )
    return any(re.search(p, sentence, re.IGNORECASE) for p in patterns)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url")
    parser.add_argument("--show", type=int, default=20, help="print this many offenders")
    args = parser.parse_args()
    settings = Settings(database_url=args.database_url) if args.database_url else Settings()
    factory = make_session_factory(make_engine(settings.database_url))
    with factory() as session:
        rows = session.execute(
            select(Event.start_date, Event.value, Event.summary, Sentence.start, Sentence.end, Article.body)
            .join(Article, Article.id == Event.article_id)
            .outerjoin(Sentence, Sentence.id == Event.sentence_id)
            .where(or_(Event.start_date < FIRST, Event.start_date > LAST))
        ).all()
        total = session.scalar(select(func.count(Event.id))) or 0
    far = len(rows)
    unstated = []
    for start, value, summary, s_start, s_end, body in rows:
        sentence = body[s_start:s_end] if s_start is not None else summary
        if not states_year(sentence, start.year):
            unstated.append((value, sentence))
    for value, sentence in unstated[: args.show]:
        print(f"{value:>12}  {' '.join(sentence.split())[:150]}")
    print(
        f"events: {total}; dated before 1900 or after 2100: {far}; "
        f"of those, year not in the sentence: {len(unstated)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
