"""`listlint links` against lychee on the same generated list, over a dozen loopback hosts.

    python benchmarks/bench_links.py [--hosts 12] [--per-host 50] [--runs 3]

Starts ``--hosts`` HTTP servers on 127.0.0.2, 127.0.0.3 ... (loopback only), each adding
50-150 ms to every response and counting how many requests it has in flight at once. Writes a
list of ``hosts x per-host`` links whose verdicts are known (ok, 404, 410, 301/308 to a live
page, 302, 401, 403, Cloudflare challenge, 999, redirect loop), then runs, in the same run:

- ``listlint links --no-cache`` (cold), checking that every verdict is right and that no
  server ever saw more than listlint's per-host limit at once;
- the same with lychee's 50 ms per-host interval instead of listlint's 40 ms;
- ``listlint links`` a second time with a warm cache;
- ``lychee`` with its defaults (GET, 10 per host, 50 ms interval), no cache.

Prints the median wall time of each (whole process, startup included) as a Markdown table.
Exits 1 if a listlint verdict is wrong or the per-host limit was exceeded.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from links_server import LinkServer  # noqa: E402

PEERS = Path(os.environ.get("PEERS", Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                            / "listlint-peers"))
PER_HOST_LIMIT = 6  # listlint's default

# (path template, expected listlint code or None for fine); weights sum to 20
KINDS = [
    ("/s/200/{i}", None, 11),
    ("/s/404/{i}", "LL401", 2),
    ("/s/410/{i}", "LL401", 1),
    ("/go/301/s/200/m{i}", "LL402", 1),
    ("/go/308/s/200/n{i}", "LL402", 1),
    ("/go/302/s/200/t{i}", None, 1),
    ("/s/403/{i}", "LL403", 1),
    ("/cf/{i}", "LL403", 1),
    ("/s/999/{i}", "LL403", 1),
]


def listlint_cmd() -> list[str]:
    exe = shutil.which("listlint", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "listlint"]


def make_list(servers: list[LinkServer], per_host: int) -> tuple[str, dict[int, str | None]]:
    """The Markdown list and the expected code for each line."""
    cycle = [(tpl, code) for tpl, code, weight in KINDS for _ in range(weight)]
    lines = ["# Benchmark list", ""]
    expected: dict[int, str | None] = {}
    for i in range(per_host):
        for k, srv in enumerate(servers):
            tpl, code = cycle[(i + k) % len(cycle)]
            if i == 0 and k % 4 == 0:
                tpl, code = "/loop", "LL404"
            lines.append(f"- [Link {k}-{i}]({srv.url(tpl.format(i=i))}) - entry {i}.")
            expected[len(lines)] = code
    return "\n".join(lines) + "\n", expected


def reset(servers: list[LinkServer]) -> None:
    for s in servers:
        with s.lock:
            s.max_in_flight = 0
            s.hits.clear()
            s.times.clear()


def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600)
    return time.perf_counter() - t, proc


def check_verdicts(stdout: str, expected: dict[int, str | None]) -> list[str]:
    got: dict[int, str] = {}
    for d in json.loads(stdout):
        got[d["line"]] = d["code"]
    wrong = []
    for line, code in expected.items():
        if got.get(line) != code:
            wrong.append(f"line {line}: expected {code}, got {got.get(line)}")
    return wrong


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hosts", type=int, default=12)
    ap.add_argument("--per-host", type=int, default=50)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    hosts = max(1, min(args.hosts, 200))
    lychee = PEERS / "venv" / "bin" / "lychee"
    servers = [LinkServer(f"127.0.0.{2 + k}", latency=0.05 + 0.1 * k / max(hosts - 1, 1))
               for k in range(hosts)]
    for s in servers:
        s.__enter__()
    failures: list[str] = []
    times: dict[str, list[float]] = {"listlint (cold)": [], "listlint (cold, 50 ms)": [],
                                     "listlint (cached)": [], "lychee": []}
    requests: dict[str, int] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            text, expected = make_list(servers, args.per_host)
            (folder / "README.md").write_text(text)
            cache = folder / "links.json"
            base = [*listlint_cmd(), "links", "README.md", "--format", "json", "--no-progress"]
            for _ in range(max(1, args.runs)):
                reset(servers)
                t, proc = timed([*base, "--no-cache"], folder)
                times["listlint (cold)"].append(t)
                requests["listlint (cold)"] = sum(sum(s.hits.values()) for s in servers)
                failures += check_verdicts(proc.stdout, expected)
                peak = max(s.max_in_flight for s in servers)
                if peak > PER_HOST_LIMIT:
                    failures.append(f"a server saw {peak} requests at once (limit "
                                    f"{PER_HOST_LIMIT})")
                slow = folder / "lychee-interval.toml"
                slow.write_text("[links]\nmin-interval = 0.05\n")
                reset(servers)
                t, proc = timed([*base, "--no-cache", "--config", str(slow)], folder)
                times["listlint (cold, 50 ms)"].append(t)
                requests["listlint (cold, 50 ms)"] = sum(sum(s.hits.values()) for s in servers)
                failures += check_verdicts(proc.stdout, expected)
                subprocess.run([*base, "--cache-file", str(cache)], cwd=folder,
                               capture_output=True, timeout=600)  # fill the cache
                reset(servers)
                t, proc = timed([*base, "--cache-file", str(cache)], folder)
                times["listlint (cached)"].append(t)
                requests["listlint (cached)"] = sum(sum(s.hits.values()) for s in servers)
                failures += check_verdicts(proc.stdout, expected)
                if lychee.exists():
                    reset(servers)
                    t, proc = timed([str(lychee), "--no-progress", "--format", "json",
                                     "README.md"], folder)
                    times["lychee"].append(t)
                    requests["lychee"] = sum(sum(s.hits.values()) for s in servers)
                    requests["lychee peak per host"] = max(s.max_in_flight for s in servers)
    finally:
        for s in servers:
            s.close()
    n = hosts * args.per_host
    print(f"{n} links over {hosts} loopback hosts (50-150 ms per response), "
          f"median of {args.runs} run(s)\n")
    print("| tool | wall time | requests |\n|---|--:|--:|")
    for name, ts in times.items():
        if ts:
            print(f"| {name} | {statistics.median(ts):.2f} s | {requests.get(name, 0)} |")
    if not lychee.exists():
        print(f"\nlychee not found at {lychee}: run ../shared/peers/install.sh")
    else:
        print(f"\nlychee's peak requests in flight per host: {requests['lychee peak per host']}")
    if failures:
        print(f"\n{len(failures)} problem(s):", *failures[:20], sep="\n  ")
        return 1
    print(f"\nEvery listlint verdict right; no host ever saw more than {PER_HOST_LIMIT} "
          "listlint requests at once.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
