"""Peak memory and CPU time of `listlint check` on huge and hostile input (issue 17).

    python benchmarks/bench_memory.py [--sizes 1,5] [--big 50] [--corpus ../shared/corpus]
                                      [--timeout 300] [--only NAME]

Each case runs `listlint check --format json` in a fresh process; the table gives the
process's peak resident memory (ru_maxrss of the child), bytes of peak memory per input byte,
CPU seconds (user + sys, steadier than wall time on a shared machine) and wall seconds. The
goals: at most 25 bytes of peak memory per input byte on real lists at 50 MB (the corpus
lists concatenated until the size is reached), and no 5 MB input over 1 GB or 30 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import listlint_cmd

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000



def one_line(unit: str) -> Callable[[int], str]:
    return lambda size: unit * (size // len(unit)) + "\n"


def real_lists(corpus: Path) -> Callable[[int], str]:
    files = sorted(p for p in corpus.rglob("*.md") if p.name != "README.md")
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]

    def build(size: int) -> str:
        parts, n, i = [], 0, 0
        while n < size and texts:
            t = texts[i % len(texts)]
            parts.append(t if t.endswith("\n") else t + "\n")
            n += len(t.encode("utf-8"))
            i += 1
        return "".join(parts)

    return build


def urls_line(sep: str) -> Callable[[int], str]:
    """One list item of bare URLs https://a.org/0, /1, ... joined by ``sep``."""
    def build(size: int) -> str:
        parts, n, i = ["- "], 2, 0
        while n < size:
            parts.append(f"https://a.org/{i}{sep}")
            n += len(parts[-1])
            i += 1
        return "".join(parts) + "\n"

    return build


HOSTILE: dict[str, Callable[[int], str]] = {
    "line of *_": one_line("*_"),
    "line of [": one_line("["),
    "line of [a](": one_line("[a]("),
    "line of `": one_line("` "),
    "line of <a ": one_line("<a "),
    "line of ![": one_line("!["),
    "line of *_aaaaa": one_line("*_aaaaa"),
    "lines of *a **b _c": lambda size: "*a **b _c\n" * (size // 10),
    "paragraphs of [a](": lambda size:
    ("[a](" * 2000 + "\n\n") * (size // 8002),
    "nested >": lambda size: ">" * min(size, 100_000) + " x\n",
    "line of bare URLs": urls_line(" "),
    "line of URLs, no space": urls_line(""),
}


def measure(path: Path, timeout: float) -> tuple[int, float, float, str]:
    """(peak RSS in bytes, CPU seconds, wall seconds, outcome) of one check."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    try:
        r = subprocess.run([*listlint_cmd(), "check", str(path), "--format", "json"],
                           capture_output=True, timeout=timeout)
        outcome = f"exit {r.returncode}"
    except subprocess.TimeoutExpired:
        outcome = f"killed after {timeout:g} s"
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KiB
    return after.ru_maxrss * scale, cpu, wall, outcome


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,5", help="MB of each hostile case (comma-separated)")
    ap.add_argument("--big", default="10,50", help="MB of concatenated real lists")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--only", default="", help="run only cases whose name contains this")
    args = ap.parse_args()
    cases: list[tuple[str, Callable[[int], str], int]] = []
    for mb in (float(s) for s in args.sizes.split(",") if s):
        cases += [(name, build, int(mb * MB)) for name, build in HOSTILE.items()]
    if args.corpus.is_dir():
        for mb in (float(s) for s in args.big.split(",") if s):
            cases.append(("real lists", real_lists(args.corpus), int(mb * MB)))
    else:
        print(f"(no corpus at {args.corpus}: real-list rows skipped)")
    print("| input | size | peak memory | bytes/input byte | CPU s | wall s | outcome |")
    print("|---|--:|--:|--:|--:|--:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, build, size in cases:
            if args.only and args.only not in name:
                continue
            path = Path(tmp) / "README.md"
            data = build(size).encode("utf-8")
            path.write_bytes(data)
            # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: measure each case
            # in its own intermediate process so the peaks do not mix.
            r = subprocess.run([sys.executable, __file__, "--_one", str(path),
                                str(args.timeout)], capture_output=True, text=True)
            peak, cpu, wall, outcome = r.stdout.split("\t")
            peak_b = int(peak)
            print(f"| {name} | {len(data) / MB:.1f} MB | {peak_b / 2**20:,.0f} MiB | "
                  f"{peak_b / len(data):.0f} | {float(cpu):.1f} | {float(wall):.1f} | "
                  f"{outcome.strip()} |", flush=True)
            os.unlink(path)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--_one":
        peak, cpu, wall, outcome = measure(Path(sys.argv[2]), float(sys.argv[3]))
        print(f"{peak}\t{cpu}\t{wall}\t{outcome}")
    else:
        main()
