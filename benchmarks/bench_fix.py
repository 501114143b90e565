"""CPU of `listlint fix --diff` against `listlint check` on the same list, run in turn.

    python benchmarks/bench_fix.py [--runs 7] [--corpus ../shared/corpus] [FILE ...]

For each list (default: awesome-go and the LLM-inference paper list), runs `check` and
`fix --diff` alternately, measures each whole process's CPU time (user + sys, children
included: the spelling worker), and prints the medians and the median of the per-pair ratio.
CPU rather than wall time, so that other work on a shared machine disturbs the figures less.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
from pathlib import Path

from common import listlint_cmd

ROOT = Path(__file__).resolve().parent.parent
LISTS = ("avelino__awesome-go.md", "DefTruth__Awesome-LLM-Inference.md")


def cpu(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    files = args.files or [args.corpus / name for name in LISTS]
    missing = [f for f in files if not f.is_file()]
    if missing:
        print(f"not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    base = listlint_cmd()
    print("| list | check CPU s | fix --diff CPU s | ratio (median of pairs) |")
    print("|---|--:|--:|--:|")
    for f in files:
        check, fix = [*base, "check", str(f)], [*base, "fix", "--diff", str(f)]
        cpu(check), cpu(fix)  # warm-up: bytecode, caches
        a, b = [], []
        for _ in range(args.runs):
            a.append(cpu(check))
            b.append(cpu(fix))
        ratio = statistics.median(y / x for x, y in zip(a, b))
        print(f"| {f.name} | {statistics.median(a):.2f} | {statistics.median(b):.2f} | "
              f"{ratio:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
