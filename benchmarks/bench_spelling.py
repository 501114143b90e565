"""Spelling benchmark: listlint LL2xx next to codespell and typos on hand-labelled text.

    python benchmarks/bench_spelling.py [--corpus ../shared/corpus] [--peers DIR]

The labels (``benchmarks/spelling_labels.csv``) mark every misspelling of the paper list, one
row per (line, word): lines 1-599 (its first 400 entries and the prose around them) are the
sample the rules were tuned on, lines 600-1220 were labelled afterwards. Each tool's reports
on the same lines are reduced to (line, word) pairs and compared with the labels:
recall = labelled pairs found / labelled pairs, precision = reported pairs that are labelled /
reported pairs. "In URL/code" counts reports whose position falls inside a link
target, a bare URL, a code span or a code block (codespell prints no column: n/a).

codespell and typos come from ``bash ../shared/peers/install.sh`` (~/.cache/listlint-peers).
It also times the LL2xx rules on the whole paper list, in this process, wall clock and CPU:
cold (the first file: loads the English list, runs typos) and warm (the best of five; typos
answers from its cache), and counts the reports on two clean lists.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import time
from pathlib import Path

from listlint.config import Config
from listlint.document import parse
from listlint.document.prose import MASK, code_spans
from listlint.engine import Selection, run_rules
from listlint.source import Source

ROOT = Path(__file__).resolve().parent.parent
PAPER = "chenhongyu2048__LLM-inference-optimization-paper.md"
CLEAN = ("sindresorhus__awesome.md", "sindresorhus__awesome-nodejs.md")
PARTS = (("lines 1-599 (tuning sample)", 1, 599), ("lines 600-1220 (labelled after)", 600, 10**9))
_CODESPELL = re.compile(r"^.*?:(\d+): (\S+) ==> ")


def labels() -> set[tuple[int, str]]:
    """(line, lowercase word) of every labelled misspelling."""
    rows = (r for r in (ROOT / "benchmarks" / "spelling_labels.csv").read_text().splitlines()
            if r and not r.startswith("#"))
    return {(int(r["line"]), r["word"].lower()) for r in csv.DictReader(rows)}


def forbidden(source: Source) -> list[tuple[int, int]]:
    """Offsets that are never prose: link targets, bare URLs, code spans and blocks."""
    doc = parse(source)
    spans = [(link.url_span.start, link.url_span.end) for link in doc.links if link.url_span]
    spans += code_spans(source.text, 0, len(source.text))
    spans += [(m.start(), m.end()) for m in MASK.finditer(source.text)
              if m.group().startswith(("http", "www."))]
    spans += [(s.start, s.end) for s in doc.skipped]
    return spans


def inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


def run_listlint(source: Source) -> tuple[list[tuple[int, str, int]], tuple[float, float]]:
    """Reports as (line, word, offset), and (wall, CPU) seconds of the LL2xx rules."""
    config = Config()
    rules = Selection(select=["LL2"]).rules(config)
    doc = parse(source)
    t0, c0 = time.perf_counter(), time.process_time()
    diags = run_rules(doc, config, rules)
    elapsed = (time.perf_counter() - t0, time.process_time() - c0)
    out = [(source.line_of(d.start), source.text[d.start:d.end].lower(), d.start) for d in diags]
    return out, elapsed


def run_typos(exe: Path, path: Path, source: Source) -> list[tuple[int, str, int]]:
    proc = subprocess.run([str(exe), "--format", "json", str(path)], capture_output=True,
                          text=True, check=False)
    out = []
    for line in proc.stdout.splitlines():
        item = json.loads(line)
        if item.get("type") != "typo":
            continue
        n = item["line_num"]
        text_line = source.line_text(n)
        col = len(text_line.encode("utf-8")[: item["byte_offset"]].decode("utf-8", "replace"))
        out.append((n, item["typo"].lower(), source.line_start(n) + col))
    return out


def run_codespell(exe: Path, path: Path) -> list[tuple[int, str, int]]:
    proc = subprocess.run([str(exe), str(path)], capture_output=True, text=True, check=False)
    out = []
    for line in proc.stdout.splitlines():
        m = _CODESPELL.match(line)
        if m:
            out.append((int(m.group(1)), m.group(2).lower(), -1))
    return out


def score(reports: list[tuple[int, str, int]], truth: set[tuple[int, str]],
          bad: list[tuple[int, int]], first: int, last: int) -> tuple[int, int, int, str]:
    """(reported pairs, labelled pairs found, labelled pairs, reports in URL/code) on lines
    ``first``..``last``."""
    sample = [r for r in reports if first <= r[0] <= last]
    part = {(n, w) for n, w in truth if first <= n <= last}
    pairs = {(n, w) for n, w, _ in sample}
    in_bad = "n/a" if any(off < 0 for *_, off in sample) else \
        str(sum(inside(off, bad) for *_, off in sample))
    return len(pairs), len(pairs & part), len(part), in_bad


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--peers", type=Path,
                    default=Path.home() / ".cache" / "listlint-peers" / "venv" / "bin")
    args = ap.parse_args()
    path = args.corpus / PAPER
    source = Source.read(str(path))
    truth = labels()
    bad = forbidden(source)
    ours, cold = run_listlint(source)
    warm = min((run_listlint(source)[1] for _ in range(5)), key=lambda t: t[0])
    tools = [("listlint LL2xx", ours)]
    typos = args.peers / "typos"
    codespell = args.peers / "codespell"
    if typos.exists():
        tools.append(("typos", run_typos(typos, path, source)))
    if codespell.exists():
        tools.append(("codespell", run_codespell(codespell, path)))
    for title, first, last in PARTS:
        n = sum(1 for line, _ in truth if first <= line <= last)
        print(f"{PAPER}, {title}: {n} labelled misspellings (line, word)\n")
        print("| tool | reports | real typos found | recall | precision | in URL/code |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, reports in tools:
            reported, hits, total, in_bad = score(reports, truth, bad, first, last)
            precision = f"{hits / reported:.0%}" if reported else "-"
            print(f"| {name} | {reported} | {hits} | {hits / total:.0%} | {precision} "
                  f"| {in_bad} |")
        print()
    found = {(n, w) for n, w, _ in ours}
    missed = sorted(truth - found)
    wrong = sorted(found - truth)
    print(f"listlint missed: {', '.join(f'{w} ({n})' for n, w in missed) or 'nothing'}")
    print(f"listlint false alarms: {', '.join(f'{w} ({n})' for n, w in wrong) or 'none'}")
    print(f"\nLL2xx rules on the whole file ({len(source.text) // 1024} KB), wall (CPU): "
          f"{cold[0] * 1000:.0f} ms ({cold[1] * 1000:.0f} ms) cold, "
          f"{warm[0] * 1000:.0f} ms ({warm[1] * 1000:.0f} ms) warm, best of 5")
    for name in CLEAN:
        clean = Source.read(str(args.corpus / name))
        reports, _ = run_listlint(clean)
        print(f"{name}: {len(reports)} reports: "
              + ", ".join(f"{w} ({n})" for n, w, _ in reports))


if __name__ == "__main__":
    main()
