"""`dateline ingest` throughput with 1 and 2 processes, against bare `nlp.pipe`, in one run.

    .venv/bin/python benchmarks/ingest_bench.py --items 500 [--rounds 3] [--baseline-root
        /tmp/older-checkout [--baseline-python /tmp/older-checkout/.venv/bin/python]]

`--items` White House items (spread evenly over ../shared/corpus/whitehouse) are ingested by
`dateline ingest DIR --processes P` into a fresh SQLite file, once per P, as a user runs it;
each run's wall time gives articles/s and its CPU time (the command and its worker processes,
model loads included) CPU-s per article. Bare `spacy.load(model).pipe` over the same texts is
the baseline measured in the same run, twice: as spaCy runs it by default, and with Dateline's
math settings (`app/extract/cpu_math.py`): what the model alone costs. With `--baseline-root`,
the checkout there (an older commit, say) is measured the same way beside this one, so a before
/ after comparison shares the machine's load; `--baseline-python` runs it with its own
interpreter (its own virtualenv, for a change of dependencies). The machine may be shared: the
load average is printed with the figures. A VM's speed drifts by a few per cent from one minute
to the next, which moves a single 1-process / 2-process ratio by as much as the code does:
`--rounds N` runs the pair N times in turn and prints each round's ratio and their median. Not
a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse"


def choose(count: int, into: Path) -> list[Path]:
    paths = sorted(CORPUS.glob("**/*.md"))
    chosen = paths[:: max(1, len(paths) // count)][:count]
    for i, path in enumerate(chosen):
        (into / f"{i:05d}-{path.name}").symlink_to(path)
    return chosen


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ingest(root: Path, python: str, inputs: Path, processes: int, workdir: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, articles stored) of one `dateline ingest` run."""
    database = workdir / f"ingest-{root.name}-{processes}.sqlite"
    for stale in workdir.glob(f"{database.name}*"):  # an earlier round's file, its WAL and shm
        stale.unlink()
    env = {**os.environ, "DATELINE_DATABASE_URL": f"sqlite:///{database}"}
    command = [
        python,
        "-m",
        "app.cli",
        "ingest",
        str(inputs),
        "--processes",
        str(processes),
        "--quiet",
    ]
    cpu, started = children_cpu(), time.perf_counter()
    # exit status 1 means some item failed (named on stderr); the rest is stored and counted
    done = subprocess.run(command, cwd=root, env=env, stdout=subprocess.DEVNULL)
    if done.returncode not in (0, 1):
        raise SystemExit(f"dateline ingest failed with status {done.returncode}")
    wall, cpu = time.perf_counter() - started, children_cpu() - cpu
    import sqlite3

    with sqlite3.connect(database) as conn:
        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    return wall, cpu, stored


def bare_pipe(texts: list[str], tuned: bool) -> tuple[float, float]:
    """(wall, CPU) seconds of the configured model's nlp.pipe over `texts`, load excluded: as
    spaCy runs it by default, or (`tuned`) with Dateline's math settings (app.extract.cpu_math).
    Each in a process of its own, as thread and BLAS settings last for the process."""
    code = (
        "import sys, time, json, contextlib, spacy\n"
        "from app.config import Settings\n"
        "from app.extract.cpu_math import extraction_math\n"
        "texts = json.load(sys.stdin)\n"
        "settings = Settings(_env_file=None)\n"
        f"with (extraction_math() if {tuned} else contextlib.nullcontext()):\n"
        "    nlp = spacy.load(settings.spacy_model)\n"
        "cpu, started = time.process_time(), time.perf_counter()\n"
        "for _ in nlp.pipe(texts, batch_size=settings.nlp_batch_size):\n"
        "    pass\n"
        "print(time.perf_counter() - started, time.process_time() - cpu)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    wall, cpu = (float(x) for x in done.stdout.split())
    return wall, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=1, help="1-process / 2-process pairs, run in turn")
    ap.add_argument(
        "--baseline-root", type=Path, default=None, help="another checkout, measured the same way"
    )
    ap.add_argument("--baseline-python", default=sys.executable, help="the interpreter for --baseline-root")
    args = ap.parse_args()
    roots = [ROOT, *([args.baseline_root.resolve()] if args.baseline_root else [])]
    python = {ROOT: sys.executable, **({roots[-1]: args.baseline_python} if args.baseline_root else {})}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs = work / "inputs"
        inputs.mkdir()
        chosen = choose(args.items, inputs)
        texts = [p.read_text(encoding="utf-8") for p in chosen]
        bare = {tuned: bare_pipe(texts, tuned) for tuned in (False, True)}
        rows = []
        start_load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        # Checkouts in turn for each process count, and the process counts in turn for each
        # round, so a load that drifts during the run weighs on all alike.
        for round_ in range(max(1, args.rounds)):
            for processes in (1, 2):
                for root in roots:
                    wall, cpu, stored = ingest(root, python[root], inputs, processes, work)
                    rows.append((root, round_, processes, wall, cpu, stored))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    n = len(chosen)
    print(
        f"{n} White House items; load average {start_load} at the start, {load} at the end, "
        f"on {os.cpu_count()} CPUs"
    )
    for tuned, (pipe_wall, pipe_cpu) in bare.items():
        label = "bare nlp.pipe, tuned" if tuned else "bare nlp.pipe"
        how = "Dateline's math settings" if tuned else "spaCy's defaults"
        print(
            f"{label:22} {n / pipe_wall:6.2f} articles/s  {pipe_cpu / n:.3f} CPU-s/article "
            f"({how}; model load excluded, nothing stored)"
        )
    one: dict[tuple[Path, int], float] = {}
    ratios: dict[Path, list[float]] = {}
    in_order = sorted(rows, key=lambda r: (roots.index(r[0]), r[1], r[2]))
    for root, round_, processes, wall, cpu, stored in in_order:
        rate = stored / wall
        first = one.setdefault((root, round_), rate)
        if processes == 2:
            ratios.setdefault(root, []).append(rate / first)
        label = f"{'this' if root == ROOT else root.name} --processes {processes}"
        print(
            f"{label:22} {rate:6.2f} articles/s  {cpu / max(stored, 1):.3f} CPU-s/article  "
            f"({stored} stored in {wall:.0f} s; × {rate / first:.2f} of 1 process)"
        )
    if args.rounds > 1:
        for root, each in ratios.items():
            name = "this" if root == ROOT else root.name
            rounds = ", ".join(f"{r:.2f}" for r in each)
            print(f"{name}: 2 processes × {statistics.median(each):.2f} of 1 (median of rounds {rounds})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
