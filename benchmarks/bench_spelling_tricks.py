"""What the speed tricks of the spelling family buy: `check` with each trick and without it.

    python benchmarks/bench_spelling_tricks.py [--runs 10] [--corpus ../shared/corpus]

For the paper list (DefTruth/Awesome-LLM-Inference) and the largest awesome list of the
corpus (awesome-go), runs ``listlint check`` as it ships (B) and with one trick switched off
(A), in turn (A B A B ...), one whole process each, and prints the median of the per-pair
ratios A / B of CPU time (user + system of the process and of the processes it waited for:
typos) and of wall time, and the share of `check`'s time the trick saves
(1 - B / A; negative: the trick costs time). The tricks are switched off from outside (an
environment variable, or a few lines run before the command), so the product has no switch
for them:

- ``store``: the English word store built once and mapped from the cache; switched off, the
  shipped JSON list is read into a plain ``dict`` on every run (the simple alternative);
- ``store-vs-marshal``: the same store against a plain ``dict`` kept on the cache shelf with
  ``marshal`` and loaded whole on every run (the simple cached alternative).

Two more tricks were measured so and removed for buying less than 5% (the figures are in
``docs/architecture.md``): the spelling rules in a forked worker, and typos started before
parsing; that version of this script is ``git show 73ee42b:benchmarks/bench_spelling_tricks.py``,
run on commit 38a2784.

On a machine shared with other work wall times drift; CPU time and paired runs hold up better.
No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from overview import measure  # noqa: E402

LISTS = ("DefTruth__Awesome-LLM-Inference.md", "avelino__awesome-go.md")
RUN = "import sys; from listlint.cli import entry; sys.argv = ['listlint', *sys.argv[1:]]; entry()"
NO_STORE = """
import gzip, json
from functools import lru_cache
import listlint.rules.spelling.english as e
import listlint.rules.spelling.vocabulary as v
from listlint.rules.spelling.limits import COMMON, MIN_LENGTH
class Words(dict):
    def common_pool(self, initial):
        pools = self.__dict__.setdefault("pools", {})
        if initial not in pools:
            pools[initial] = e.Pool.of(self.common.get(initial, ()))
        return pools[initial]
def load():
    data = json.loads(gzip.decompress(e.ENGLISH_WORDS.read_bytes()))
    words = {w: int(c) for w, c in data.items() if w and not any(ch.isspace() for ch in w)}
    common = {}
    for w, c in words.items():
        if c >= COMMON and len(w) >= MIN_LENGTH - 1 and w.isalpha():
            common.setdefault(w[0], []).append(w)
    return words, common
@lru_cache(maxsize=1)
def english():
    words, common = load()
    out = Words(words)
    out.common = common
    return out
e.english = v.english = english
"""
# the plain dict of NO_STORE, kept on the cache shelf with ``marshal`` (built once)
NO_STORE_CACHED = NO_STORE.replace("""    words, common = load()
""", """    import marshal
    shelf, key = e.words_shelf(), e._english_key(e.ENGLISH_WORDS) + "-dict2"
    hit = shelf.get(key)
    if hit is not None:
        words, common = marshal.loads(hit.read_bytes())
    else:
        words, common = load()
        shelf.put(key, marshal.dumps((words, common)))
""")
TRICKS = {"store": (NO_STORE, {}), "store-vs-marshal": (NO_STORE_CACHED, {})}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--only", default="", help="comma-separated tricks (default: all)")
    args = ap.parse_args()
    tricks = [t for t in TRICKS if not args.only or t in args.only.split(",")]
    print("| list | trick | CPU off/on | wall off/on | CPU saved | wall saved |")
    print("|---|---|---|---|---|---|")
    for name in LISTS:
        path = Path(args.corpus) / name
        if not path.is_file():
            print(f"| {name} | (missing) | | | | |")
            continue
        for trick in tricks:
            patch, env = TRICKS[trick]
            on = [sys.executable, "-c", RUN, "check", str(path)]
            off = [sys.executable, "-c", patch + RUN, "check", str(path)]
            cpu, wall = _paired(off, on, env, args.runs)
            print(f"| {name.split('__')[1]} | {trick} | {cpu:.3f} | {wall:.3f} "
                  f"| {1 - 1 / cpu:+.1%} | {1 - 1 / wall:+.1%} |", flush=True)
    return 0


def _paired(off: list[str], on: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Medians of the per-pair ratios off / on (CPU, wall), after one warm-up of each."""
    saved = dict(os.environ)
    cpu, wall = [], []
    try:
        for i in range(runs + 1):
            os.environ.update(env)
            a = _measure(off)
            os.environ.clear()
            os.environ.update(saved)
            b = _measure(on)
            if i:
                cpu.append(a.cpu / b.cpu)
                wall.append(a.wall / b.wall)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return statistics.median(cpu), statistics.median(wall)


def _measure(cmd: list[str]):  # noqa: ANN202 - overview.Run
    import overview

    overview.ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return measure(cmd, ROOT)


if __name__ == "__main__":
    raise SystemExit(main())
