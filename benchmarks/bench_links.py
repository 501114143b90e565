"""`listlint links` against lychee on the same generated list, over a dozen loopback hosts,
cold (no cache) and warm (a second run with the cache of the first).

    python benchmarks/bench_links.py [--hosts 12] [--per-host 250] [--runs 3] [--sections 1]

Starts ``--hosts`` HTTP servers on 127.0.0.2, 127.0.0.3 ... (loopback only), each adding
50-150 ms to every response and counting how many requests it has in flight at once. Writes a
list of ``hosts x per-host`` links (3,000 by default) whose verdicts are known (ok, 404, 410,
301/308 to a live page, 302, 403, Cloudflare challenge, 999, redirect loop), as one list or
(``--sections 25``) cut into sections under headings as a real list is, then, in each
round, one after the other (so that a machine shared with others slows every tool alike):

- ``listlint links --no-cache`` (cold, its defaults: 6 requests per host, 40 ms apart),
  checking that every verdict is right and that no server ever saw more than 6 at once;
- ``lychee`` with the same per-host limits (``--host-concurrency 6
  --host-request-interval 40ms``), and with its defaults (10 per host, 50 ms), no cache;
- ``listlint links`` with a cache filled by a first run (warm), verdicts checked again;
- ``lychee --cache`` after a first run filled its ``.lycheecache`` (warm).

Prints the median wall time and the CPU time (user + system of the process) of each, whole
process with start-up, the requests the servers saw, and the ratios listlint / lychee.
Exits 1 if a listlint verdict is wrong or the per-host limit was exceeded.
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
from dataclasses import dataclass, field
from pathlib import Path

from common import listlint_cmd

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



def make_list(servers: list[LinkServer], per_host: int, sections: int = 1
              ) -> tuple[str, dict[int, str | None]]:
    """The Markdown list and the expected code for each line; with ``sections``, the links
    are cut into that many sections under their own heading, as a real list is."""
    cycle = [(tpl, code) for tpl, code, weight in KINDS for _ in range(weight)]
    lines = ["# Benchmark list", ""]
    expected: dict[int, str | None] = {}
    every = max(1, per_host // max(1, sections))
    for i in range(per_host):
        if sections > 1 and i % every == 0:
            lines += ([""] if i else []) + [f"## Section {i // every + 1}", ""]
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


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall and CPU seconds (user + system of the child) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=900)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, proc


def check_verdicts(stdout: str, expected: dict[int, str | None]) -> list[str]:
    try:
        found = json.loads(stdout)
    except ValueError:
        return [f"listlint printed no JSON report: {stdout[:200]!r}"]
    got: dict[int, str] = {}
    for d in found:
        got[d["line"]] = d["code"]
    wrong = []
    for line, code in expected.items():
        if got.get(line) != code:
            wrong.append(f"line {line}: expected {code}, got {got.get(line)}")
    return wrong


@dataclass
class Row:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    requests: int = 0
    peak: int = 0

    @property
    def median_wall(self) -> float:
        return statistics.median(self.wall) if self.wall else float("nan")

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")


LISTLINT_COLD = "listlint, cold (6 per host, 40 ms)"
LYCHEE_SAME = "lychee, cold, same limits (6 per host, 40 ms)"
LYCHEE_DEFAULT = "lychee, cold, its defaults (10 per host, 50 ms)"
LISTLINT_WARM = "listlint, warm (second run)"
LYCHEE_WARM = "lychee --cache, warm (second run)"


def run(hosts: int, per_host: int, runs: int, sections: int = 1
        ) -> tuple[dict[str, Row], list[str]]:
    """The rows of the table (median over ``runs`` rounds) and what went wrong."""
    lychee = PEERS / "venv" / "bin" / "lychee"
    servers = [LinkServer(f"127.0.0.{2 + k}", latency=0.05 + 0.1 * k / max(hosts - 1, 1))
               for k in range(hosts)]
    for s in servers:
        s.__enter__()
    failures: list[str] = []
    rows: dict[str, Row] = {}

    def measure(name: str, cmd: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
        reset(servers)
        wall, cpu, proc = timed(cmd, folder)
        row = rows.setdefault(name, Row())
        row.wall.append(wall)
        row.cpu.append(cpu)
        row.requests = sum(sum(s.hits.values()) for s in servers)
        row.peak = max(row.peak, max(s.max_in_flight for s in servers))
        return proc

    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            text, expected = make_list(servers, per_host, sections)
            (folder / "README.md").write_text(text)
            cache = folder / "links.json"
            base = [*listlint_cmd(), "links", "README.md", "--format", "json", "--no-progress"]
            peer = [str(lychee), "--no-progress", "--format", "json", "README.md"]
            same = ["--host-concurrency", str(PER_HOST_LIMIT), "--host-request-interval", "40ms"]
            for _ in range(max(1, runs)):
                proc = measure(LISTLINT_COLD, [*base, "--no-cache"], folder)
                failures += check_verdicts(proc.stdout, expected)
                if lychee.exists():
                    measure(LYCHEE_SAME, [*peer, *same], folder)
                    measure(LYCHEE_DEFAULT, peer, folder)
                cache.unlink(missing_ok=True)
                subprocess.run([*base, "--cache-file", str(cache)], cwd=folder,
                               capture_output=True, timeout=900)  # fill the cache
                proc = measure(LISTLINT_WARM, [*base, "--cache-file", str(cache)], folder)
                failures += check_verdicts(proc.stdout, expected)
                if lychee.exists():
                    (folder / ".lycheecache").unlink(missing_ok=True)
                    subprocess.run([*peer, *same, "--cache"], cwd=folder, capture_output=True,
                                   timeout=900)
                    measure(LYCHEE_WARM, [*peer, *same, "--cache"], folder)
    finally:
        for s in servers:
            s.close()
    for name in (LISTLINT_COLD, LISTLINT_WARM):
        if name in rows and rows[name].peak > PER_HOST_LIMIT:
            failures.append(f"{name}: a server saw {rows[name].peak} requests at once "
                            f"(limit {PER_HOST_LIMIT})")
    return rows, failures


def table(rows: dict[str, Row]) -> list[str]:
    out = ["| run | wall | CPU | requests | most at once on a host |", "|---|--:|--:|--:|--:|"]
    for name, row in rows.items():
        out.append(f"| {name} | {row.median_wall:.2f} s | {row.median_cpu:.2f} s | "
                   f"{row.requests} | {row.peak} |")
    out.append("")
    for mine, theirs in ((LISTLINT_COLD, LYCHEE_SAME), (LISTLINT_COLD, LYCHEE_DEFAULT),
                         (LISTLINT_WARM, LYCHEE_WARM)):
        if mine in rows and theirs in rows:
            out.append(f"- {mine} / {theirs}: wall {rows[mine].median_wall / rows[theirs].median_wall:.2f}x")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hosts", type=int, default=12)
    ap.add_argument("--per-host", type=int, default=250)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sections", type=int, default=1,
                    help="cut the list into this many sections (default: one list)")
    args = ap.parse_args()
    hosts = max(1, min(args.hosts, 200))
    rows, failures = run(hosts, max(1, args.per_host), args.runs, args.sections)
    shape = f" in {args.sections} sections" if args.sections > 1 else ""
    print(f"{hosts * args.per_host} links{shape} over {hosts} loopback hosts (50-150 ms per "
          f"response), median of {args.runs} round(s), tools one after the other in each\n")
    print(*table(rows), sep="\n")
    if LYCHEE_SAME not in rows:
        print(f"\nlychee not found at {PEERS / 'venv' / 'bin' / 'lychee'}: "
              "run ../shared/peers/install.sh")
    if failures:
        print(f"\n{len(failures)} problem(s):", *failures[:20], sep="\n  ")
        return 1
    print(f"\nEvery listlint verdict right, cold and warm; no host ever saw more than "
          f"{PER_HOST_LIMIT} listlint requests at once.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
