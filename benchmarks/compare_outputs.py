"""Compare `check --format json` and `entries --format json` of two listlint versions.

    git archive <old-commit> src | tar -x -C /tmp/listlint-old
    python benchmarks/compare_outputs.py --old /tmp/listlint-old/src [--corpus ../shared/corpus]

Runs both versions (this checkout's ``src`` is the new one) on every corpus file and prints,
per file, how the entries and the diagnostics changed: entries added / removed / changed
(by line), diagnostics added / removed per rule code. Use it to show that a model change
alters outputs only where entries were missed before.

``--exact`` instead compares the raw bytes of four outputs per file (``check --format json``,
``check --preset awesome --format json``, ``entries --format json`` and ``fix --diff
--unsafe-fixes``) and prints every file whose output differs: use it to show that a
restructuring changed no behaviour. Exit status 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(src: Path, args: list[str], cwd: Path) -> list[dict]:
    env = dict(os.environ, PYTHONPATH=str(src), NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "listlint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    try:
        data = json.loads(proc.stdout or "[]")
    except json.JSONDecodeError:
        return []
    if isinstance(data, dict):
        data = data.get("diagnostics") or data.get("results") or []
        if data and isinstance(data[0], dict) and "diagnostics" in data[0]:
            data = [d for f in data for d in f["diagnostics"]]
    return data if isinstance(data, list) else []


def entry_key(e: dict) -> tuple:
    return (e.get("line"), e.get("title"), e.get("url"), e.get("description"))


def diag_key(d: dict) -> tuple:
    return (d.get("code"), d.get("line"), d.get("message"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", required=True, help="the old version's src directory")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--wide", action="store_true", help="include corpus/wide")
    ap.add_argument("--exact", action="store_true",
                    help="byte-compare check, awesome preset, entries and fix outputs")
    args = ap.parse_args()
    corpus = Path(args.corpus).resolve()
    files = sorted(corpus.glob("*.md"))
    if args.wide:
        files += sorted((corpus / "wide").glob("*.md"))
    files = [f for f in files if f.name != "README.md"]
    new_src, old_src = ROOT / "src", Path(args.old).resolve()
    if args.exact:
        return exact(files, old_src, new_src, corpus)
    print("| file | entries old → new | lines whose entry changed | diagnostics added | "
          "diagnostics removed |")
    print("|---|--:|--:|---|---|")
    for f in files:
        ent = [run(s, ["entries", "--format", "json", str(f)], f.parent)
               for s in (old_src, new_src)]
        chk = [run(s, ["check", "--format", "json", str(f)], f.parent)
               for s in (old_src, new_src)]
        old_e = {e.get("line"): entry_key(e) for e in ent[0]}
        new_e = {e.get("line"): entry_key(e) for e in ent[1]}
        changed = sum(1 for line, k in old_e.items() if line in new_e and new_e[line] != k)
        old_d, new_d = Counter(map(diag_key, chk[0])), Counter(map(diag_key, chk[1]))
        added = Counter(k[0] for k in (new_d - old_d).elements())
        removed = Counter(k[0] for k in (old_d - new_d).elements())
        show = ", ".join(f"{c} {n}" for c, n in sorted(added.items())) or "-"
        gone = ", ".join(f"{c} {n}" for c, n in sorted(removed.items())) or "-"
        print(f"| {f.relative_to(corpus)} | {len(ent[0])} → {len(ent[1])} | {changed} "
              f"| {show} | {gone} |")
    return 0


EXACT_COMMANDS = (
    ["check", "--format", "json"],
    ["check", "--preset", "awesome", "--format", "json"],
    ["entries", "--format", "json"],
    ["fix", "--diff", "--unsafe-fixes"],
)


def raw(src: Path, args: list[str], cwd: Path) -> tuple[int, str, str]:
    env = dict(os.environ, PYTHONPATH=str(src), NO_COLOR="1", LISTLINT_NO_COVERAGE_NOTE="1")
    proc = subprocess.run([sys.executable, "-m", "listlint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr


def exact(files: list[Path], old_src: Path, new_src: Path, corpus: Path) -> int:
    """Byte-compare the outputs of :data:`EXACT_COMMANDS` of both versions on ``files``."""
    differ = 0
    for f in files:
        for args in EXACT_COMMANDS:
            old, new = (raw(s, [*args, str(f)], f.parent) for s in (old_src, new_src))
            if old[:2] != new[:2]:
                differ += 1
                print(f"DIFFERS {f.relative_to(corpus)}: {' '.join(args)} "
                      f"(exit {old[0]} -> {new[0]}, {len(old[1])} -> {len(new[1])} bytes)")
            elif old[2] != new[2]:
                print(f"stderr differs {f.relative_to(corpus)}: {' '.join(args)}")
    n = len(files) * len(EXACT_COMMANDS)
    print(f"{n - differ} of {n} outputs identical ({len(files)} files x "
          f"{len(EXACT_COMMANDS)} commands)")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
