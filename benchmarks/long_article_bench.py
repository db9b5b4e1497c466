"""What one long article costs, from 1 KB to 5 MB: time and memory should grow linearly.

    .venv/bin/python benchmarks/long_article_bench.py [--sizes 1e3,1e4,1e5,1e6,5e6]
        [--unbounded] [--shape line|paragraphs] [--corpus ../shared/corpus/whitehouse]

Each size is one plain-text article ingested as `dateline ingest` does into a fresh SQLite
database, in a fresh process with the model loaded before the clock starts (peak memory is the
model's plus that article's): read, extracted, stored, indexed. By
default the configured bounds apply (`DATELINE_EXTRACT_MAX_CHARS`, `DATELINE_EXTRACT_SECONDS`),
so a 5 MB article is stored with a note saying how much of it was extracted; `--unbounded` lifts
them to show the extraction itself growing linearly (slow: minutes of CPU per megabyte).

The text is real prose (White House remarks, public domain) joined on one line by default, the
shape that once made extraction quadratic; without the corpus a made-up paragraph is repeated.
Printed per size: wall and CPU seconds, peak memory, and the ratios that show linearity against
a baseline from the same run: CPU per KB relative to the smallest size of at least 100 KB
(1.0 = linear), and memory above the 1 KB run per MB of text.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse"
FILLER = (
    "The minister said on Tuesday that the talks in Geneva would resume next week, and "
    "officials from the European Union and the United Nations said they expected an agreement "
    "by the end of March. “We are close,” said Ana Ruiz, a spokeswoman for the ministry. "
)


def prose(size: int, corpus: Path, shape: str) -> str:
    """`size` characters of prose: corpus articles (front matter dropped) or the filler."""
    pieces: list[str] = []
    total = 0
    files = sorted(corpus.rglob("*.md")) if corpus.is_dir() else []
    for path in files:
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[-1]
        pieces.append(text.strip())
        total += len(pieces[-1]) + 2
        if total >= size:
            break
    while total < size:
        pieces.append(FILLER)
        total += len(FILLER) + 2
    text = "\n\n".join(pieces)
    if shape == "line":
        text = " ".join(text.split())
    return "Long article\n\n" + text[: max(size - 14, 0)]


def child(path: Path) -> None:
    """Ingest one file into a fresh database; print what it cost as one JSON line."""
    from app.config import Settings
    from app.ingest.batch import Ingester
    from app.ingest.progress import Reporter
    from app.ingest.readers import read_paths
    from app.store.engine import make_engine, make_session_factory
    from app.store.migrate import upgrade
    from app.store.models import Article

    settings = Settings(_env_file=None, database_url=f"sqlite:///{path.with_suffix('.sqlite')}")
    engine = make_engine(settings.database_url)
    upgrade(engine)
    factory = make_session_factory(engine)
    ingester = Ingester(factory, settings, processes=1)
    ingester.extractor  # noqa: B018  the model is loaded before the clock starts, as in the service
    wall, cpu = time.perf_counter(), time.process_time()
    reporter = Reporter(total=1, quiet=True)
    ingester.run(read_paths([path], settings), reporter)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    with factory() as session:
        article = session.query(Article).one_or_none()
        notes = list(article.notes or []) if article else []
        stored = article is not None
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": cpu,
                "peak_mb": peak_mb,
                "stored": stored,
                "failed": reporter.failed,
                "notes": notes,
            }
        )
    )


def run_size(size: int, corpus: Path, shape: str, unbounded: bool, workdir: Path) -> dict:
    path = workdir / f"article-{size}.txt"
    path.write_text(prose(size, corpus, shape), encoding="utf-8")
    env = dict(os.environ)
    if unbounded:
        env.update(
            DATELINE_EXTRACT_MAX_CHARS="0", DATELINE_EXTRACT_SECONDS="0", DATELINE_MAX_FILE_BYTES=str(10**9)
        )
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path)], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if out.returncode:
        sys.exit(f"size {size}: the child failed\n{out.stderr[-2000:]}")
    return {"size": size, **json.loads(out.stdout.strip().splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1e3,1e4,1e5,1e6,5e6", help="characters, comma-separated")
    parser.add_argument("--unbounded", action="store_true", help="lift the extraction bounds")
    parser.add_argument("--shape", choices=("line", "paragraphs"), default="line")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        child(args.child)
        return
    sizes = sorted(int(float(s)) for s in args.sizes.split(","))
    print(f"{'bounded' if not args.unbounded else 'unbounded'} extraction, {args.shape} shape")
    print(
        f"{'chars':>10} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'CPU ms/KB':>10} {'ratio':>6} "
        f"{'MB/MB':>6}  stored, notes"
    )
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            row = run_size(size, args.corpus, args.shape, args.unbounded, Path(tmp))
            rows.append(row)
            base = next((r for r in rows if r["size"] >= 100_000), None)
            per_kb = row["cpu"] * 1000 / (size / 1000)
            ratio = per_kb / (base["cpu"] * 1000 / (base["size"] / 1000)) if base else float("nan")
            growth = (row["peak_mb"] - rows[0]["peak_mb"]) / (size / 1e6) if size > rows[0]["size"] else 0.0
            print(
                f"{size:>10,} {row['wall']:>8.1f} {row['cpu']:>8.1f} {row['peak_mb']:>8.0f} {per_kb:>10.2f} "
                f"{ratio:>6.2f} {growth:>6.0f}  {'stored' if row['stored'] else 'NOT stored'}"
                f"{', ' + '; '.join(row['notes']) if row['notes'] else ''}",
                flush=True,
            )


if __name__ == "__main__":
    main()
