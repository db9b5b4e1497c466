"""Our /api/v1/events against Datasette's JSON for the same SQLite file's events table.

    .venv/bin/python benchmarks/api_bench.py                       # demo database, built once
    .venv/bin/python benchmarks/api_bench.py --database sqlite:////tmp/api-dev/dateline.sqlite \\
        --concurrency 8 --seconds 15

Both servers run one uvicorn worker on 127.0.0.1 with the same loop and HTTP implementation
(asyncio, h11), and are loaded in turn in the same run by the same asyncio client (httpx2,
`--concurrency` requests in flight, `--seconds` after a warm-up). It prints requests/s,
p50/p99 latency and bytes per response for each, and our ratios against Datasette.

Ours is measured twice, as served (a repeated question is answered from the in-memory answer
cache until the next ingest, app/api/response_cache.py) and with that cache off, which is what
every first request for a URL costs.

What is compared: a page of `--limit` events, newest first. Ours returns each event with its
participants (entities with names, kinds and URLs), its source sentence, its article and
source, its page and API URLs, plus keyset cursors and links; Datasette returns the `events`
table's rows as they are stored (ids and columns), sorted by start_date. Datasette is measured
twice: as it answers by default (it also counts the rows and looks for facets to suggest) and
with `_nocount=1&_nofacet=1&_nosuggest=1`, its cheapest form. Ours runs as served: ETag check,
gzip (the client asks for it, as browsers do; `--identity` asks for none).

On a busy machine requests/s and latency follow the neighbours' load; the server CPU time per
request (from /proc) does not, so that column is the one to compare there.

Datasette is installed into its own virtualenv (benchmarks/data/.venv-datasette) on first use, so
it never enters Dateline's dependencies. Run it by hand; it is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx2
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
DATASETTE_VENV = ROOT / "benchmarks" / "data" / ".venv-datasette"  # git-ignored there
DEFAULT_DATABASE = f"sqlite:///{ROOT / 'benchmarks' / 'data' / 'api-bench.sqlite'}"
OURS_PORT, DATASETTE_PORT, OURS_UNCACHED_PORT = 8731, 8732, 8733

# Datasette's `serve` command, but with the same uvicorn options as ours.
DATASETTE_LAUNCH = """
import asyncio, sys, uvicorn
from datasette.app import Datasette
ds = Datasette([sys.argv[1]])
if hasattr(ds, "invoke_startup"):
    asyncio.run(ds.invoke_startup())
uvicorn.run(ds.app(), host="127.0.0.1", port=int(sys.argv[2]), loop="asyncio", http="h11",
            log_level="warning", workers=1)
"""


@dataclass
class Result:
    name: str
    url: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]
    bytes_per_response: float
    server_cpu_seconds: float = 0.0

    @property
    def cpu_ms_per_request(self) -> float:
        return self.server_cpu_seconds * 1000 / max(self.requests, 1)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def sqlite_path(url: str) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        sys.exit("the benchmark compares with Datasette, which serves SQLite files only")
    return Path(parsed.database)


def ensure_database(url: str) -> None:
    path = sqlite_path(url)
    if path.exists():
        return
    print(f"building {path} from demo/whitehouse (a few minutes, once)", flush=True)
    env = {**os.environ, "DATELINE_DATABASE_URL": url}
    dateline = str(ROOT / ".venv" / "bin" / "dateline")
    subprocess.run([dateline, "db", "upgrade"], env=env, check=True)
    subprocess.run(
        [
            dateline,
            "ingest",
            str(ROOT / "demo" / "whitehouse"),
            "--source",
            "The White House",
            "--processes",
            "2",
        ],
        env=env,
        check=True,
    )


def ensure_datasette() -> Path:
    python = DATASETTE_VENV / "bin" / "python"
    if not python.exists():
        print(f"installing datasette into {DATASETTE_VENV} (once)", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(DATASETTE_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "datasette"], check=True)
    return python


def start(command: list[str], port: int, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"server exited: {' '.join(command)}")
        try:
            httpx2.get(f"http://127.0.0.1:{port}/", timeout=1)
            return process
        except httpx2.HTTPError:
            time.sleep(0.2)
    process.terminate()
    sys.exit(f"server did not start on port {port}")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


async def load(
    name: str, url: str, concurrency: int, seconds: float, warmup: float, headers: dict[str, str]
) -> Result:
    limits = httpx2.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx2.AsyncClient(limits=limits, timeout=30, headers=headers) as client:
        latencies: list[float] = []
        sizes: list[int] = []
        errors = 0
        measuring = False

        async def worker(stop_at: float) -> None:
            nonlocal errors
            while time.perf_counter() < stop_at:
                began = time.perf_counter()
                response = await client.get(url)
                elapsed = (time.perf_counter() - began) * 1000
                if not measuring:
                    continue
                if response.status_code != 200:
                    errors += 1
                latencies.append(elapsed)
                sizes.append(len(response.content))

        await asyncio.gather(*(worker(time.perf_counter() + warmup) for _ in range(concurrency)))
        measuring = True
        began = time.perf_counter()
        await asyncio.gather(*(worker(began + seconds) for _ in range(concurrency)))
        took = time.perf_counter() - began
    return Result(name, url, len(latencies), errors, took, latencies, statistics.fmean(sizes or [0]))


def merged(runs: list[Result]) -> Result:
    first = runs[0]
    return Result(
        first.name,
        first.url,
        sum(r.requests for r in runs),
        sum(r.errors for r in runs),
        sum(r.seconds for r in runs),
        [ms for r in runs for ms in r.latencies_ms],
        statistics.fmean(r.bytes_per_response for r in runs),
        sum(r.server_cpu_seconds for r in runs),
    )


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc): what a server spent, whatever
    else the machine was doing meanwhile."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def describe(url: str) -> str:
    body = httpx2.get(url, timeout=30).json()
    rows = body.get("items") or body.get("rows") or []
    fields = len(rows[0]) if rows and isinstance(rows[0], dict) else 0
    return f"{len(rows)} items, {fields} top-level fields each"


def ours_command(port: int) -> list[str]:
    return [
        sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1",
        "--port", str(port), "--workers", "1", "--loop", "asyncio", "--http", "h11",
        "--log-level", "warning",
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default=DEFAULT_DATABASE, help="a sqlite:/// URL")
    parser.add_argument("--limit", type=int, default=50, help="events per response")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=3, help="each target is loaded once per round")
    parser.add_argument(
        "--identity",
        action="store_true",
        help="ask for uncompressed answers (ours gzips what is over 1 KB; Datasette never does)",
    )
    args = parser.parse_args()

    ensure_database(args.database)
    path = sqlite_path(args.database).resolve()
    datasette_python = ensure_datasette()

    ours_url = f"http://127.0.0.1:{OURS_PORT}/api/v1/events?limit={args.limit}"
    table = f"http://127.0.0.1:{DATASETTE_PORT}/{path.stem}/events.json"
    datasette_url = f"{table}?_size={args.limit}&_sort_desc=start_date&_shape=objects"
    ours_env = {**os.environ, "DATELINE_DATABASE_URL": f"sqlite:///{path}"}
    targets = [
        (
            "dateline /api/v1/events",
            ours_url,
            ours_command(OURS_PORT),
            OURS_PORT,
            ours_env,
        ),
        (
            "dateline, answer cache off",
            ours_url.replace(str(OURS_PORT), str(OURS_UNCACHED_PORT)),
            ours_command(OURS_UNCACHED_PORT),
            OURS_UNCACHED_PORT,
            {**ours_env, "DATELINE_API_CACHE_BYTES": "0"},
        ),
        (
            "datasette events.json",
            datasette_url,
            [str(datasette_python), "-c", DATASETTE_LAUNCH, str(path), str(DATASETTE_PORT)],
            DATASETTE_PORT,
            None,
        ),
    ]  # fmt: skip

    headers = {"Accept-Encoding": "identity"} if args.identity else {}
    servers = [start(command, port, env) for _, _, command, port, env in targets]
    try:
        plan = [(name, url) for name, url, *_ in targets]
        pids = {name: server.pid for (name, *_), server in zip(targets, servers, strict=True)}
        cheapest = "datasette, no count/facets"
        plan.append((cheapest, datasette_url + "&_nocount=1&_nofacet=1&_nosuggest=1"))
        pids[cheapest] = pids["datasette events.json"]
        for name, url in plan:
            print(f"{name}: {describe(url)}", flush=True)
        # In turn, round after round: on a shared machine, load that comes and goes then
        # falls on every target alike.
        rounds: dict[str, list[Result]] = {name: [] for name, _ in plan}
        for round_number in range(args.rounds):
            for name, url in plan:
                before = cpu_seconds(pids[name])
                result = asyncio.run(load(name, url, args.concurrency, args.seconds, args.warmup, headers))
                # the warm-up's share is taken out pro rata
                spent = cpu_seconds(pids[name]) - before
                result.server_cpu_seconds = spent * args.seconds / (args.seconds + args.warmup)
                rounds[name].append(result)
                print(f"  round {round_number + 1}: {name}: {result.rate:.1f} req/s", flush=True)
    finally:
        for server in servers:
            stop(server)
    results = [merged(runs) for runs in rounds.values()]

    each = f"{args.rounds} rounds of {args.seconds:g} s" + (" · uncompressed" if args.identity else " · gzip")
    print(f"\n{path} · {args.limit} events per response · {args.concurrency} in flight · {each}")
    print(f"{'':34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>10} {'KB/resp':>8} {'errors':>7}")
    for r in results:
        print(
            f"{r.name:34} {r.rate:8.1f} {r.percentile(50):8.2f} {r.percentile(99):8.2f} "
            f"{r.cpu_ms_per_request:10.2f} {r.bytes_per_response / 1024:8.1f} {r.errors:7d}"
        )
    for ours in results[:2]:
        for other in results[2:]:
            print(
                f"{ours.name} vs {other.name}: {ours.rate / other.rate:.2f}x the requests/s, "
                f"p50 {ours.percentile(50) / other.percentile(50):.2f}x, "
                f"p99 {ours.percentile(99) / other.percentile(99):.2f}x the latency, "
                f"{ours.cpu_ms_per_request / other.cpu_ms_per_request:.2f}x the server CPU per request"
            )
    load_average = os.getloadavg()[0]
    if load_average > (os.cpu_count() or 1):
        print(
            f"note: load average {load_average:.1f} on {os.cpu_count()} CPUs: the machine was busy; "
            "compare CPU ms/req rather than req/s"
        )


if __name__ == "__main__":
    main()
