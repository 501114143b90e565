"""Every speed figure of listlint in one run: check and fix, growth, memory, links, the floor.

    python benchmarks/overview.py [--runs 5] [--sizes 1,5,20,50] [--fix-up-to 5]
                                  [--link-rounds 1] [--no-links] [--corpus ../shared/corpus]

Prints Markdown tables:

1. ``check`` and ``fix`` on the paper list (DefTruth/Awesome-LLM-Inference) and awesome-go:
   median wall time, CPU time (user + system of the whole process and the processes it
   waited for: typos) and peak memory (largest resident set), and
   ``check`` against markdownlint-cli2 run in turn with it (A B A B ...), the median of the
   per-pair ratios of CPU time and of wall time (target: at most 0.40). On a machine shared
   with other work, wall times drift; CPU time and paired runs hold up, so both are shown.
2. The floor on the same files: a bare Python start-up, and start-up plus markdown-it-py's
   import and parse (listlint's parser settings): what no change to listlint can go below.
3. Where the time of ``check`` goes, in one fresh interpreter per file: imports, reading,
   markdown-it parse, the document model, then each rule family run on its own.
4. Growth: ``check`` (and ``fix`` up to ``--fix-up-to`` MB) on concatenations of the
   corpus's real lists (``corpus/*.md`` and ``corpus/wide/*.md``, repeated as needed) of 1,
   5, 20 and 50 MB, with the growth exponent (slope of log CPU time over log size; 1.0 is
   linear).
5. The link farm of ``bench_links.py`` (3,000 links on 12 loopback hosts), cold and warm,
   against lychee.

Whole-process timings (start-up included) of the installed ``listlint``; no timing is
asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import listlint_cmd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

PEERS = Path(os.environ.get("PEERS", Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                            / "listlint-peers"))
LISTS = {"paper list": "DefTruth__Awesome-LLM-Inference.md", "awesome-go": "avelino__awesome-go.md"}
MB = 1024 * 1024
# As on a user's machine, Python may cache bytecode (some CI images switch that off).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True, slots=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float
    code: int



def measure(cmd: list[str], cwd: Path) -> Run:
    """One whole process: wall time, CPU time and peak memory (its own and its waited
    children's, from ``wait4``)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def median_run(runs: list[Run]) -> Run:
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               max(r.peak_mb for r in runs), runs[-1].code)


def repeated(cmd: list[str], cwd: Path, runs: int, before: list[Path] | None = None,
             source: Path | None = None) -> Run:
    """The median of ``runs`` runs after a warm-up; ``before`` files are restored from
    ``source`` before each run (``fix`` rewrites its file)."""
    out = []
    for i in range(runs + 1):
        for target in before or ():
            shutil.copyfile(source, target)  # type: ignore[arg-type]
        r = measure(cmd, cwd)
        if i:
            out.append(r)
    return median_run(out)


def paired(a: list[str], b: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    """A and B in turn: the medians of the per-pair CPU and wall ratios A / B."""
    measure(a, cwd), measure(b, cwd)  # warm-up
    cpu, wall = [], []
    for _ in range(runs):
        x, y = measure(a, cwd), measure(b, cwd)
        cpu.append(x.cpu / y.cpu)
        wall.append(x.wall / y.wall)
    return statistics.median(cpu), statistics.median(wall)


STAGES = r"""
import json, sys, time
def both():
    return time.perf_counter(), time.process_time()
out = {}
w, c = both()
import listlint.cli  # what every command imports
# as the console script does (older versions named it _tune_gc)
(getattr(listlint.cli, "tune_gc", None) or getattr(listlint.cli, "_tune_gc", lambda: None))()
from listlint.document import markdown_parser, parse
from listlint.engine import Selection, _check, prepare_rules
from listlint.inputs import Memo, RunInputs
from listlint.lint import config_for
from listlint.source import Source
from pathlib import Path
def lap(name):
    global w, c
    w2, c2 = both()
    out[name] = [w2 - w, c2 - c]
    w, c = both()
lap("imports")
path = Path(sys.argv[1])
source = Source.read(path)
config = config_for(path)
rules = Selection().rules(config)
lap("read, config, rule modules")
inputs = RunInputs.for_path(source.path, prepared=prepare_rules(config, rules))
lap("prepare steps (none by default)")
markdown_parser().parse("# x\n\n- [a](https://a.org) b\n", {})
lap("markdown-it set-up (first use)")
markdown_parser().parse(source.text, {})
lap("markdown-it parse")
doc = parse(source)
lap("document")
md = out["markdown-it parse"]
out["document model"] = [out["document"][0] - md[0], out["document"][1] - md[1]]
del out["document"]
import dataclasses
inputs = dataclasses.replace(inputs, active_rules=frozenset(r.code for r in rules))
memo = Memo()
families = {}
for r in rules:
    families.setdefault(r.family, []).append(r)
for name, group in families.items():
    _check(doc, config, group, inputs, memo)
    lap("family " + name)
print(json.dumps(out))
"""


def stages(path: Path) -> dict[str, list[float]]:
    """Wall and CPU seconds of each stage of a check, in a fresh interpreter (median of 3)."""
    got: list[dict[str, list[float]]] = []
    for _ in range(4):
        proc = subprocess.run([sys.executable, "-c", STAGES, str(path)], capture_output=True,
                              text=True, env=ENV, cwd=path.parent)
        if proc.returncode:
            raise SystemExit(f"stage timing failed: {proc.stderr[-500:]}")
        got.append(json.loads(proc.stdout.splitlines()[-1]))
    got = got[1:]
    return {k: [statistics.median(g[k][0] for g in got), statistics.median(g[k][1] for g in got)]
            for k in got[0]}


FLOOR = ("import sys\nfrom markdown_it import MarkdownIt\n"
         "from mdit_py_plugins.front_matter import front_matter_plugin\n"
         "md = MarkdownIt('commonmark', {'html': True}).enable(['table', 'strikethrough'])\n"
         "md.use(front_matter_plugin)\n"
         "md.parse(open(sys.argv[1], encoding='utf-8').read())\n")


def concatenation(files: list[Path], size: int, target: Path) -> int:
    """Whole real lists one after the other (repeated as needed) up to ``size`` bytes."""
    parts: list[bytes] = []
    total = 0
    i = 0
    while total < size:
        data = files[i % len(files)].read_bytes().rstrip(b"\n") + b"\n\n"
        parts.append(data)
        total += len(data)
        i += 1
    target.write_bytes(b"".join(parts))
    return total


def exponent(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(y) over log(x)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else float("nan")


def fmt(r: Run) -> str:
    return f"{r.wall:.2f} s | {r.cpu:.2f} s | {r.peak_mb:.0f} MB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    ap.add_argument("--sizes", default="1,5,20,50", help="concatenation sizes in MB")
    ap.add_argument("--fix-up-to", type=float, default=5.0,
                    help="run fix on concatenations up to this size in MB (default 5)")
    ap.add_argument("--link-rounds", type=int, default=1)
    ap.add_argument("--no-links", action="store_true")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    runs = max(1, args.runs)
    lists = {name: args.corpus / f for name, f in LISTS.items()}
    missing = [str(p) for p in lists.values() if not p.exists()]
    if missing:
        print(f"missing {', '.join(missing)}; pass --corpus")
        return 2
    work = Path(tempfile.mkdtemp(prefix="listlint-overview-"))
    (work / ".markdownlint-cli2.jsonc").write_text("{}\n")
    ll = listlint_cmd()
    mdl = PEERS / "node_modules" / ".bin" / "markdownlint-cli2"
    print(f"listlint at {ll[0]}; {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f} at the start\n")
    try:
        # 1. the two lists
        print("## check and fix\n")
        print(f"Median of {runs} runs each; CPU = user + system of the whole process.\n")
        print("| list | command | wall | CPU | peak memory |\n|---|---|--:|--:|--:|")
        ratios = {}
        for name, src in lists.items():
            copy = work / src.name
            shutil.copyfile(src, copy)
            check = repeated([*ll, "check", copy.name], work, runs)
            scratch = work / f"fix-{src.name}"
            fix = repeated([*ll, "fix", scratch.name], work, runs, [scratch], src)
            kb = src.stat().st_size // 1024
            print(f"| {name} ({kb} KB) | check | {fmt(check)} |")
            print(f"| | fix | {fmt(fix)} |")
            print(f"| | fix / check | {fix.wall / check.wall:.2f}x | "
                  f"{fix.cpu / check.cpu:.2f}x | |")
            if mdl.exists():
                peer = repeated([str(mdl), copy.name], work, runs)
                print(f"| | markdownlint-cli2 | {fmt(peer)} |")
                ratios[name] = paired([*ll, "check", copy.name], [str(mdl), copy.name], work,
                                      runs)
        if ratios:
            print(f"\n`check` / markdownlint-cli2, {runs} pairs run in turn (A B A B ...), "
                  "median of the per-pair ratios (target: at most 0.40):\n")
            print("| list | CPU ratio | wall ratio |\n|---|--:|--:|")
            for name, (cpu, wall) in ratios.items():
                print(f"| {name} | {cpu:.2f} | {wall:.2f} |")
        else:
            print(f"\n(markdownlint-cli2 not found at {mdl}: run ../shared/peers/install.sh)")

        # 2. the floor
        print("\n## The floor\n")
        print("| list | Python start-up | + markdown-it import and parse | listlint check |")
        print("|---|--:|--:|--:|")
        bare = repeated([sys.executable, "-c", "pass"], work, runs)
        for name, src in lists.items():
            floor = repeated([sys.executable, "-c", FLOOR, str(work / src.name)], work, runs)
            check = repeated([*ll, "check", src.name], work, runs)
            print(f"| {name} | {bare.wall:.3f} s ({bare.cpu:.3f} CPU) | {floor.wall:.3f} s "
                  f"({floor.cpu:.3f} CPU) | {check.wall:.3f} s ({check.cpu:.3f} CPU) |")

        # 3. where the time goes
        print("\n## Where the time of `check` goes (in-process, median of 3)\n")
        per = {name: stages(work / src.name) for name, src in lists.items()}
        keys = list(dict.fromkeys(k for st in per.values() for k in st))
        print("| stage | " + " | ".join(f"{n} wall | CPU" for n in per) + " |")
        print("|---|" + "--:|--:|" * len(per))
        for k in keys:
            cells = " | ".join(f"{st[k][0] * 1000:.0f} ms | {st[k][1] * 1000:.0f} ms"
                               if k in st else "- | -" for st in per.values())
            print(f"| {k} | {cells} |")
        totals = " | ".join(f"{sum(v[0] for v in st.values()) * 1000:.0f} ms | "
                            f"{sum(v[1] for v in st.values()) * 1000:.0f} ms"
                            for st in per.values())
        print(f"| total (without interpreter start-up) | {totals} |")
        print("\nFamilies run one after the other here, as in `check`.")

        # 4. growth
        sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
        files = sorted(args.corpus.glob("*.md")) + sorted((args.corpus / "wide").glob("*.md"))
        files = [f for f in files if f.name != "README.md"]
        print(f"\n## Growth: concatenations of {len(files)} real lists\n")
        print("| size | check wall | check CPU | check peak | fix wall | fix CPU | fix peak |")
        print("|--:|--:|--:|--:|--:|--:|--:|")
        check_points, fix_points = [], []
        for mb in sizes:
            big = work / f"concat-{mb:g}MB.md"
            actual = concatenation(files, int(mb * MB), big) / MB
            n = runs if mb <= 1 else 1
            check = repeated([*ll, "check", big.name], work, n)
            check_points.append((actual, check.cpu))
            row = f"| {actual:.1f} MB | {fmt(check)} |"
            if mb <= args.fix_up_to:
                scratch = work / f"fix-{big.name}"
                fix = repeated([*ll, "fix", scratch.name], work, n, [scratch], big)
                fix_points.append((actual, fix.cpu))
                row += f" {fmt(fix)} |"
            else:
                row += " - | - | - |"
            print(row)
            big.unlink()
        if len(check_points) > 1:
            print(f"\nGrowth exponent of check CPU over {sizes[0]:g}-{sizes[-1]:g} MB: "
                  f"{exponent(check_points):.2f} (1.0 is linear)")
        if len(fix_points) > 1:
            print(f"Growth exponent of fix CPU over {fix_points[0][0]:.0f}-"
                  f"{fix_points[-1][0]:.0f} MB: {exponent(fix_points):.2f}")

        # 5. links
        if not args.no_links:
            import bench_links

            print("\n## Link farm\n")
            rows, failures = bench_links.run(12, 250, max(1, args.link_rounds))
            print(f"3,000 links on 12 loopback hosts (50-150 ms per response), median of "
                  f"{args.link_rounds} round(s)\n")
            print(*bench_links.table(rows), sep="\n")
            if failures:
                print(f"\n{len(failures)} problem(s):", *failures[:10], sep="\n  ")
                return 1
            print("\nEvery listlint verdict right; the per-host limit held.")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
