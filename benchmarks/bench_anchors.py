"""Growth of `listlint check --select LL003` with many broken anchors (the suggestion index).

    python benchmarks/bench_anchors.py [--sizes 1,5,20,50] [--runs 3] [--corpus ../shared/corpus]

Concatenates the corpus lists up to each size (MB), plants a broken in-page link (a heading's
anchor with one letter changed) every ~2 KB, and times the whole command (CPU: user + sys of
the process, median of --runs). Prints a Markdown table and the growth exponent between the
smallest and the largest size (1.0 is linear). Before the index, LL003 compared every broken
anchor with every heading (exponent ~1.65 on 1-21 MB).
"""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_fix import cpu  # whole-process CPU, user + sys
from common import listlint_cmd

ROOT = Path(__file__).resolve().parent.parent
HEADING = re.compile(r"^#{2,4} +(.+?) *$", re.M)


def slug(title: str) -> str:
    s = re.sub(r"[^\w\- ]", "", title.lower())
    return s.replace(" ", "-")


def build(corpus: Path, size_mb: float) -> str:
    lists = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.md"))
             if p.name != "README.md"]
    want = int(size_mb * 1_000_000)
    parts: list[str] = []
    total = 0
    k = 0
    while total < want:
        text = lists[k % len(lists)]
        k += 1
        planted = []
        for n, m in enumerate(HEADING.finditer(text)):
            anchor = slug(m.group(1))
            if len(anchor) > 3 and n % 2 == 0:
                broken = anchor[:2] + ("x" if anchor[2] != "x" else "y") + anchor[3:]
                planted.append(f"- [{m.group(1)}](#{broken})")
        body = text + "\n\n" + "\n".join(planted) + "\n"
        parts.append(body)
        total += len(body.encode("utf-8"))
    return "\n".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,5,20")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    sizes = [float(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"list-{size:g}mb.md"
            path.write_text(build(args.corpus, size), encoding="utf-8")
            cmd = [*listlint_cmd(), "check", "--select", "LL003", str(path)]
            out = subprocess.run(cmd, capture_output=True, text=True).stdout
            broken = out.count("LL003")
            times = [cpu(cmd) for _ in range(args.runs)]
            rows.append((size, os.path.getsize(path), broken, statistics.median(times)))
    print("| size | bytes | broken anchors reported | CPU s (median) |")
    print("|---:|---:|---:|---:|")
    for size, nbytes, broken, t in rows:
        print(f"| {size:g} MB | {nbytes:,} | {broken:,} | {t:.2f} |")
    (s0, b0, _, t0), (s1, b1, _, t1) = rows[0], rows[-1]
    if len(rows) > 1 and t0 > 0:
        print(f"\ngrowth exponent {math.log(t1 / t0) / math.log(b1 / b0):.2f} "
              f"({s0:g} MB -> {s1:g} MB; 1.0 is linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
