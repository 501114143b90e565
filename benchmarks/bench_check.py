"""Time `listlint check` against peers on the same file, and its growth with file size.

    python benchmarks/bench_check.py [--runs 7] [--corpus ../shared/corpus]

Prints a Markdown table: median wall time of each whole command (startup included), its
ratio to markdownlint-cli2 on the same file, then the x1 / x20 growth of listlint itself.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import listlint_cmd

ROOT = Path(__file__).resolve().parent.parent
PEERS = Path(os.environ.get("PEERS", Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                            / "listlint-peers"))
PAPER = "chenhongyu2048__LLM-inference-optimization-paper.md"



# As on a user's machine, Python may cache bytecode (some CI images switch that off).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(cmd: list[str], cwd: Path, runs: int) -> float:
    subprocess.run(cmd, cwd=cwd, capture_output=True, env=ENV)  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, capture_output=True, env=ENV)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def paired(a: list[str], b: list[str], cwd: Path, runs: int) -> tuple[float, float, float]:
    """A and B in turn, A B A B ...: medians of each and of the ratio pair by pair."""
    ta, tb, ratios = [], [], []
    for cmd in (a, b):
        subprocess.run(cmd, cwd=cwd, capture_output=True, env=ENV)
    for _ in range(runs):
        x = wall_once(a, cwd)
        y = wall_once(b, cwd)
        ta.append(x)
        tb.append(y)
        ratios.append(x / y)
    return statistics.median(ta), statistics.median(tb), statistics.median(ratios)


def wall_once(cmd: list[str], cwd: Path) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, capture_output=True, env=ENV)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    paper = args.corpus / PAPER
    if not paper.exists():
        sys.exit(f"no {paper}; pass --corpus")
    work = Path(tempfile.mkdtemp(prefix="listlint-bench-"))
    shutil.copy(paper, work / "README.md")
    text = paper.read_text(encoding="utf-8")
    (work / "x20.md").write_text(text * 20, encoding="utf-8")
    (work / ".markdownlint-cli2.jsonc").write_text("{}\n")

    tools = {
        "listlint check": listlint_cmd() + ["check", "README.md"],
        "markdownlint-cli2": [str(PEERS / "node_modules/.bin/markdownlint-cli2"), "README.md"],
        "pymarkdown scan": [str(PEERS / "venv/bin/pymarkdown"), "scan", "README.md"],
        "awesome-lint": [str(PEERS / "node_modules/.bin/awesome-lint"), "README.md"],
    }
    results = {}
    for name, cmd in tools.items():
        if not Path(cmd[0]).exists() and cmd[0] != sys.executable:
            print(f"(skipped {name}: not installed; run ../shared/peers/install.sh)")
            continue
        results[name] = wall(cmd, work, args.runs)
    base = results.get("markdownlint-cli2")
    print(f"\nFile: {PAPER} ({paper.stat().st_size // 1024} KB), median of {args.runs} runs\n")
    print("| command | wall (s) | ratio to markdownlint-cli2 |")
    print("|---|--:|--:|")
    for name, t in results.items():
        ratio = f"{t / base:.2f}" if base else "n/a"
        print(f"| {name} | {t:.3f} | {ratio} |")

    mdl = tools["markdownlint-cli2"]
    if Path(mdl[0]).exists():
        a, b, r = paired(tools["listlint check"], mdl, work, args.runs)
        print(f"\nPaired, A B A B ...: listlint {a:.3f} s, markdownlint-cli2 {b:.3f} s, "
              f"median ratio {r:.2f} (target: at most 0.40)")

    one = wall(listlint_cmd() + ["check", "README.md"], work, args.runs)
    twenty = wall(listlint_cmd() + ["check", "x20.md"], work, max(3, args.runs // 2))
    print("\n| listlint check | wall (s) |\n|---|--:|")
    print(f"| paper list x1 | {one:.3f} |\n| paper list x20 | {twenty:.3f} |")
    print(f"| ratio x20 / x1 | {twenty / one:.1f} (linear would be at most 20) |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
