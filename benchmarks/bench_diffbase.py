"""What pull-request mode costs: `listlint check` with and without `--diff-base`.

    python benchmarks/bench_diffbase.py [--runs 5] [--corpus ../shared/corpus]

For each of the two largest lists of the corpus, in a scratch git repository: the list is
committed, then 1, 50 or 500 scattered lines are edited, and the median wall time of the whole
command (startup included) is measured with and without `--diff-base HEAD`. Also prints the
time of the line alignment alone (`listlint.gitdiff.changed_lines`) on the same edits.
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import listlint_cmd, wall  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@invalid"}


def edit(text: str, n: int) -> str:
    """Append a word to ``n`` entry lines spread evenly over the file."""
    lines = text.split("\n")
    entries = [i for i, line in enumerate(lines) if line.lstrip().startswith(("- [", "* ["))]
    step = max(1, len(entries) // max(n, 1))
    for i in entries[::step][:n]:
        lines[i] += " (edited)"
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    from listlint.gitdiff import changed_lines

    files = sorted((p for p in args.corpus.glob("*.md") if p.name != "README.md"),
                   key=lambda p: p.stat().st_size, reverse=True)[:2]
    cmd = listlint_cmd()
    print("| list | lines | edited | check | check --diff-base HEAD | alignment only | kept |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    for path in files:
        text = path.read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            repo = Path(tmp)
            (repo / "README.md").write_text(text, encoding="utf-8")
            for git in (["init", "-q"], ["add", "README.md"], ["commit", "-qm", "list"]):
                subprocess.run(["git", *git], cwd=repo, env=GIT_ENV, check=True)
            for n in (1, 50, 500):
                new = edit(text, n)
                (repo / "README.md").write_text(new, encoding="utf-8")
                full = wall([*cmd, "check", "--format", "json"], repo, args.runs)
                pr = wall([*cmd, "check", "--format", "json", "--diff-base", "HEAD"], repo,
                          args.runs)
                times = []
                for _ in range(args.runs):
                    t = time.perf_counter()
                    changed_lines(text, new)
                    times.append(time.perf_counter() - t)
                out = subprocess.run([*cmd, "check", "--format", "json", "--diff-base", "HEAD"],
                                     cwd=repo, capture_output=True, text=True).stdout
                kept = out.count('"code"')
                print(f"| {path.stem} | {text.count(chr(10))} | {n} | {full * 1000:.0f} ms | "
                      f"{pr * 1000:.0f} ms | {statistics.median(times) * 1000:.1f} ms | {kept} |")


if __name__ == "__main__":
    main()
