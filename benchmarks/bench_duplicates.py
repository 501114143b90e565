"""Time the duplicate rules (LL101-LL104) on generated lists of up to 50,000 entries.

    python benchmarks/bench_duplicates.py [--sizes 10000,25000,50000] [--runs 3]

Each list has sections of 100 paper entries (`- [ ] [Title](https://arxiv.org/abs/…): note`)
with titles of 5-14 words drawn from a 2,000-word vocabulary, and planted repeats: 1% the same
paper under another spelling of its link (pdf/, vN, export.arxiv.org), 0.5% the same paper
renamed, 1% the same title with another link, 1% a title with one word changed or a typo.
A second list ("templated") gives every entry a title of the same shape ("Awesome <word>
Tools for <word>"), the worst case for a word index.

Prints, per size: parse time, the time of the four LL1 rules on the parsed document (the
number the issue asks for; wall clock, and CPU time of this process, which a busy machine
disturbs less), the diagnostics per rule, and the whole `listlint check --select LL1` command
(startup included). Median of ``--runs``; no assertions.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

from common import listlint_cmd

from listlint.config import Config
from listlint.document import parse
from listlint.engine import Selection, run_rules
from listlint.source import Source

ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def vocabulary(rng: random.Random, n: int = 2000) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(ALPHABET) for _ in range(rng.randint(3, 10))))
    return sorted(words)


def typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(len(word))
    return word[:i] + rng.choice(ALPHABET) + word[i + 1:]


def paper_list(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    lines = ["# Generated paper list", ""]
    made: list[tuple[str, str]] = []  # (title, arxiv id)
    for i in range(n):
        if i % 100 == 0:
            lines += ["", f"## Section {i // 100}", ""]
        r = rng.random()
        if made and r < 0.01:  # same paper, another spelling of the link
            title, aid = rng.choice(made)
            url = rng.choice([f"https://arxiv.org/pdf/{aid}", f"https://arxiv.org/abs/{aid}v2",
                              f"http://export.arxiv.org/abs/{aid}"])
        elif made and r < 0.015:  # the same paper renamed
            _, aid = rng.choice(made)
            title = " ".join(rng.choice(vocab) for _ in range(rng.randint(5, 14))).title()
            url = f"https://arxiv.org/abs/{aid}"
        elif made and r < 0.025:  # the same title, another link
            title, _ = rng.choice(made)
            url = f"https://example.org/papers/{i}"
        elif made and r < 0.035:  # one word changed, or a typo
            title, _ = rng.choice(made)
            words = title.split()
            k = rng.randrange(len(words))
            words[k] = typo(rng, words[k]) if rng.random() < 0.5 else rng.choice(vocab).title()
            title = " ".join(words)
            url = f"https://example.org/other/{i}"
        else:
            title = " ".join(rng.choice(vocab) for _ in range(rng.randint(5, 14))).title()
            aid = f"{2000 + i // 90000:04d}.{i % 90000 + 10000:05d}"
            made.append((title, aid))
            url = f"https://arxiv.org/abs/{aid}"
        lines.append(f"- [ ] [{title}]({url}): note {i}")
    return "\n".join(lines) + "\n"


def templated_list(n: int, seed: int = 2) -> str:
    rng = random.Random(seed)
    vocab = vocabulary(rng, 300)
    lines = ["# Templated", ""]
    for i in range(n):
        if i % 100 == 0:
            lines += ["", f"## Section {i // 100}", ""]
        a, b = rng.choice(vocab), rng.choice(vocab)
        lines.append(f"- [Awesome {a.title()} Tools for {b.title()}](https://github.com/o{i}/r)"
                     f" - Tools.")
    return "\n".join(lines) + "\n"


def median_time(func, runs: int, clock=time.perf_counter):  # type: ignore[no-untyped-def]
    """Median time of ``runs`` calls (wall clock, or ``time.process_time`` for CPU) and
    the last result."""
    times = []
    result = None
    for _ in range(runs):
        t = clock()
        result = func()
        times.append(clock() - t)
    return statistics.median(times), result



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10000,25000,50000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    config = Config()
    rules = Selection(select=["LL1"]).rules(config)
    work = Path(tempfile.mkdtemp(prefix="listlint-bench-dup-"))
    print("| list | entries | parse (s) | LL1 rules (s) | LL1 rules, CPU (s) | LL101 | LL102 "
          "| LL103 | LL104 | `check --select LL1` (s) |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for kind, make in (("papers", paper_list), ("templated", templated_list)):
        for n in (int(s) for s in args.sizes.split(",")):
            text = make(n)
            source = Source.from_text(text, f"{kind}-{n}.md")
            t_parse, doc = median_time(lambda source=source: parse(source), args.runs)
            t_rules, diags = median_time(
                lambda doc=doc: run_rules(doc, config, rules), args.runs)
            t_cpu, _ = median_time(lambda doc=doc: run_rules(doc, config, rules), args.runs,
                                   time.process_time)
            counts = Counter(d.code for d in diags)  # type: ignore[union-attr]
            path = work / f"{kind}-{n}.md"
            path.write_text(text, encoding="utf-8")
            t_cmd, _ = median_time(lambda path=path: subprocess.run(
                listlint_cmd() + ["check", "--select", "LL1", str(path)], capture_output=True),
                max(1, args.runs // 2))
            print(f"| {kind} | {len(doc.entries):,} | {t_parse:.2f} | {t_rules:.2f} | "  # type: ignore[union-attr]
                  f"{t_cpu:.2f} | "
                  f"{counts['LL101']} | {counts['LL102']} | {counts['LL103']} | "
                  f"{counts['LL104']} | {t_cmd:.2f} |", flush=True)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
