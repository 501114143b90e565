"""Time the style rules (LL5xx) and `listlint fix` on the corpus and on generated large lists.

    python benchmarks/bench_style.py [--sizes 10000,50000] [--runs 3]

For each corpus file: the LL5 rules on the parsed document (CPU seconds of this process), the
number of LL5 diagnostics, and `fix_source` with every default rule (passes, fixes applied,
CPU seconds). Then generated awesome-style lists (`- [Name](url) - Description.`, sections of
50 sorted entries) with 2% drift planted (separator, final full stop, trailing space, marker
spacing): LL5 time and fix time. Median of ``--runs``; no assertions.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter
from pathlib import Path

from listlint.config import Config
from listlint.document import parse
from listlint.engine import Selection, run_rules
from listlint.fix import fix_source
from listlint.source import Source

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def cpu(fn, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, out = [], None
    for _ in range(runs):
        t = time.process_time()
        out = fn()
        times.append(time.process_time() - t)
    return statistics.median(times), out


def generated(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = ["# Awesome Generated", ""]
    for i in range(n):
        if i % 50 == 0:
            lines += ["", f"## Section {i // 50}", ""]
        sep, end, tail, gap = " - ", ".", "", " "
        r = rng.random()
        if r < 0.005:
            sep = ": "
        elif r < 0.01:
            end = ""
        elif r < 0.015:
            tail = " "
        elif r < 0.02:
            gap = "   "
        lines.append(f"-{gap}[Name {i:06d}](https://example.com/{i}){sep}Does thing {i}{end}{tail}")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,50000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    config = Config()
    style = Selection(select=["LL5"]).rules(config)
    every = Selection().rules(config)
    print("| file | entries | LL5 s | LL5 diagnostics | fix s (all rules) | passes | fixes |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    files = sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md") if CORPUS.is_dir() else []
    for path in files:
        source = Source.read(path)
        doc = parse(source)
        t_rules, diags = cpu(lambda doc=doc: run_rules(doc, config, style), args.runs)
        t_fix, result = cpu(lambda source=source: fix_source(source, config, every), 1)
        codes = Counter(d.code for d in diags)  # type: ignore[union-attr]
        print(f"| {path.name[:40]} | {len(doc.entries)} | {t_rules:.3f} | {sum(codes.values())} | "
              f"{t_fix:.2f} | {result.passes} | {len(result.applied)} |")  # type: ignore[union-attr]
    print()
    print("| generated entries | parse s | LL5 s | LL5 diagnostics | fix s (LL5) | passes |")
    print("|--:|--:|--:|--:|--:|--:|")
    for n in (int(x) for x in args.sizes.split(",")):
        source = Source.from_text(generated(n))
        t_parse, doc = cpu(lambda source=source: parse(source), 1)
        t_rules, diags = cpu(lambda doc=doc: run_rules(doc, config, style), args.runs)
        t_fix, result = cpu(lambda source=source: fix_source(source, config, style), 1)
        print(f"| {n} | {t_parse:.2f} | {t_rules:.2f} | {len(diags)} | {t_fix:.2f} | "  # type: ignore[arg-type]
              f"{result.passes} |")  # type: ignore[union-attr]


if __name__ == "__main__":
    main()
