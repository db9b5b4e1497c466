"""What Dateline's extraction costs on top of spaCy.

    .venv/bin/python benchmarks/extract_bench.py [--corpus ../shared/corpus/whitehouse] [--limit 1000]

Reads articles with the ingest readers, then in one run and on the same texts times
  1. bare spaCy: `nlp.pipe` with the same model and chunking, Dateline's components disabled;
  2. the full pipeline: `Extractor.extract_many`, i.e. spaCy plus every Dateline component and
     the conversion to domain objects;
and prints articles/s for both and their ratio (full / bare; 1.0 means Dateline costs nothing).
Rates are per CPU second of this process (`time.process_time`), so that other work on a shared
machine does not skew one pass against the other; wall-clock seconds are printed beside them.
A third pass runs each Dateline component alone on already parsed docs, so each developer can
see the cost of their own part.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.domain import ArticleRecord  # noqa: E402
from app.extract import ExtractionInput, Extractor, components  # noqa: E402
from app.extract.pipeline import CHUNK_CHARS, split_chunks  # noqa: E402
from app.ingest.readers import read_paths  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse"
WARMUP = 8


def load_articles(corpus: Path, limit: int, settings: Settings) -> list[ArticleRecord]:
    articles: list[ArticleRecord] = []
    for item in read_paths([corpus], settings):
        if isinstance(item, ArticleRecord) and item.body.strip():
            articles.append(item)
            if len(articles) >= limit:
                break
    return articles


def bare_docs(nlp: Language, texts: list[str], batch_size: int) -> Iterator[Doc]:
    """spaCy alone, long texts cut into the same chunks the Extractor uses."""
    short = (t for t in texts if len(t) <= CHUNK_CHARS)
    yield from nlp.pipe(short, batch_size=batch_size)
    for text in texts:
        if len(text) > CHUNK_CHARS:
            yield Doc.from_docs(list(nlp.pipe(split_chunks(text), batch_size=4)), ensure_whitespace=False)


Timing = tuple[float, float]  # (CPU seconds, wall seconds)


def _clock() -> Timing:
    return time.process_time(), time.perf_counter()


def _since(start: Timing) -> Timing:
    cpu, wall = _clock()
    return cpu - start[0], wall - start[1]


def time_bare(extractor: Extractor, texts: list[str]) -> Timing:
    base = [n for n in extractor.nlp.pipe_names if n not in components.COMPONENTS]
    start = _clock()
    with extractor.nlp.select_pipes(enable=base):
        for _ in bare_docs(extractor.nlp, texts, extractor.batch_size):
            pass
    return _since(start)


def time_full(extractor: Extractor, articles: list[ArticleRecord]) -> Timing:
    items = [ExtractionInput(a.body, a.published, a.authors) for a in articles]
    start = _clock()
    for _ in extractor.extract_many(items):
        pass
    return _since(start)


def time_components(extractor: Extractor, articles: list[ArticleRecord]) -> dict[str, float]:
    """CPU seconds each Dateline component takes on docs that spaCy has already parsed."""
    nlp = extractor.nlp
    base = [n for n in nlp.pipe_names if n not in components.COMPONENTS]
    totals = dict.fromkeys(components.COMPONENTS, 0.0)
    with nlp.select_pipes(enable=base):
        docs = list(bare_docs(nlp, [a.body for a in articles], extractor.batch_size))
    for doc, article in zip(docs, articles, strict=False):
        doc._.published = article.published
        doc._.authors = tuple(article.authors)
        for name in components.COMPONENTS:
            start = time.process_time()
            doc = nlp.get_pipe(name)(doc)
            totals[name] += time.process_time() - start
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--no-breakdown", action="store_true", help="skip the per-component pass")
    args = parser.parse_args()

    settings = Settings()
    articles = load_articles(args.corpus, args.limit, settings)
    if not articles:
        print(f"no articles under {args.corpus}", file=sys.stderr)
        return 2
    chars = sum(len(a.body) for a in articles)
    extractor = Extractor(settings.spacy_model, settings.nlp_batch_size)
    texts = [a.body for a in articles]
    # Warm both paths (lazy model loads, caches) so neither pays a one-off cost in the timing.
    time_bare(extractor, texts[:WARMUP])
    time_full(extractor, articles[:WARMUP])

    bare, bare_wall = time_bare(extractor, texts)
    full, full_wall = time_full(extractor, articles)
    n = len(articles)
    print(f"{n} articles, {chars / 1e6:.1f} M characters, model {settings.spacy_model}")
    print(f"bare spaCy (nlp.pipe):   {n / bare:8.2f} articles/s  ({bare:.1f} s CPU, {bare_wall:.1f} s wall)")
    print(f"full Dateline pipeline:  {n / full:8.2f} articles/s  ({full:.1f} s CPU, {full_wall:.1f} s wall)")
    print(f"ratio full/bare:         {bare / full:8.3f}  (Dateline adds {100 * (full - bare) / bare:.1f}%)")
    if not args.no_breakdown:
        totals = time_components(extractor, articles)
        for name, seconds in totals.items():
            share = 100 * seconds / bare
            print(f"  {name:<20} {1000 * seconds / n:7.2f} ms/article  ({share:5.1f}% of spaCy)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
