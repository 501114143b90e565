"""CPU time (user + sys) of a listlint command, two versions in alternating pairs.

    git archive <old-commit> src | tar -x -C /tmp/listlint-old
    python benchmarks/compare_cpu.py --old /tmp/listlint-old/src [--pairs 9] [--corpus DIR]
        [--files a.md,b.md] [-- check --format json]

Runs the command (default ``check --format json``) once with the old ``src`` and once with
this checkout's, in turn, ``--pairs`` times per corpus file, each in a fresh process, and
prints per file the median CPU time of each version, the median of the paired differences
(new - old) and their ratio. Pairs run back to back, so a machine shared with other work
slows both halves alike; the paired difference is the figure to read.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

from common import compiled

ROOT = Path(__file__).resolve().parent.parent


def cpu(src: Path, args: list[str], path: Path) -> float:
    """User + sys seconds of one ``python -m listlint ARGS PATH`` with ``src`` first on the path."""
    env = dict(os.environ, PYTHONPATH=str(src), NO_COLOR="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "listlint", *args, str(path)], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", required=True, help="the old version's src directory")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--files", default="", help="comma-separated file names (default: all)")
    ap.add_argument("--pairs", type=int, default=9)
    ap.add_argument("command", nargs="*", default=["check", "--format", "json"])
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    names = [n for n in args.files.split(",") if n]
    files = [corpus / n for n in names] if names else sorted(corpus.glob("*.md"))
    # both from bytecode, as installed: without it (PYTHONDONTWRITEBYTECODE, or an archive
    # never run) every process of one side compiles its modules again, 80 ms of a 0.3 s check
    old, new = compiled(Path(args.old)), compiled(ROOT / "src")
    print(f"{'file':<52} {'old s':>7} {'new s':>7} {'new-old':>8} {'ratio':>6}")
    diffs_all: list[float] = []
    for path in files:
        olds, news, diffs = [], [], []
        cpu(old, args.command, path)  # warm up: bytecode caches, file cache
        cpu(new, args.command, path)
        for k in range(args.pairs):
            first, second = (old, new) if k % 2 == 0 else (new, old)
            a = cpu(first, args.command, path)
            b = cpu(second, args.command, path)
            o, n = (a, b) if first is old else (b, a)
            olds.append(o)
            news.append(n)
            diffs.append(n - o)
        mo, mn, md = statistics.median(olds), statistics.median(news), statistics.median(diffs)
        diffs_all.append(md / mo if mo else 0.0)
        print(f"{path.name[:52]:<52} {mo:7.3f} {mn:7.3f} {md:+8.3f} {mn / mo if mo else 0:6.3f}")
    print(f"median paired change over {len(files)} files: "
          f"{100 * statistics.median(diffs_all):+.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
