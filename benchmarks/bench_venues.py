"""Time the venue rules (LL301-LL305) on the corpus and on a growing paper list.

    python benchmarks/bench_venues.py [--repeat 1,5,20] [--runs 3]

Per corpus file: entries, the time of the five LL3 rules on the parsed document (wall clock
and CPU time of this process; median of ``--runs``) and their diagnostics. Then the paper list
repeated k times (``--repeat``), to show the time grows linearly with the entries. No network
(the look-up is not timed); no assertions.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from listlint.config import Config, apply_preset
from listlint.document import parse
from listlint.engine import Selection, run_rules
from listlint.source import Source

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PAPERS = CORPUS / "chenhongyu2048__LLM-inference-optimization-paper.md"


def time_rules(source: Source, runs: int) -> tuple[float, float, int, int]:
    doc = parse(source)
    config = apply_preset(Config())
    rules = Selection(select=["LL3"]).rules(config)
    walls, cpus, n = [], [], 0
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        n = len(run_rules(doc, config, rules))
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus), n, len(doc.entries)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", default="1,5,20")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"{'file':52} {'entries':>7} {'wall ms':>8} {'cpu ms':>8} {'diags':>6}")
    for path in sorted(CORPUS.glob("*.md")):
        if path.name == "README.md":
            continue
        wall, cpu, n, entries = time_rules(Source.read(path), args.runs)
        print(f"{path.name[:52]:52} {entries:7d} {wall * 1000:8.1f} {cpu * 1000:8.1f} {n:6d}")
    text = PAPERS.read_text(encoding="utf-8")
    print()
    for k in (int(x) for x in args.repeat.split(",")):
        wall, cpu, n, entries = time_rules(Source.from_text("\n".join([text] * k)), args.runs)
        print(f"paper list x{k:<3} {entries:7d} entries {wall * 1000:9.1f} ms wall "
              f"{cpu * 1000:9.1f} ms cpu {n:6d} diagnostics "
              f"({cpu * 1e6 / max(entries, 1):.0f} µs cpu per entry)")


if __name__ == "__main__":
    main()
