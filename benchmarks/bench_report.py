"""Time `listlint report` and `listlint stats` on the paper list, and `--history` on its past.

    python benchmarks/bench_report.py [--runs 7] [--corpus ../shared/corpus]

Prints a Markdown table of median whole-process wall times (startup included) next to
`listlint check` on the same file, then the time of `report --history` over a scratch git
repository holding the 79 committed versions of the list (corpus/history/llm-inference).
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_check import listlint_cmd, wall  # the same timing as the check benchmark

ROOT = Path(__file__).resolve().parent.parent
PAPER = "chenhongyu2048__LLM-inference-optimization-paper.md"


def history_repo(history: Path, work: Path) -> Path:
    """A git repository with one commit per version of the list, dated like the original."""
    repo = work / "history"
    repo.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    with open(history / "LOG.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            src = history / f"{row['nn']}_{row['sha']}.md"
            shutil.copy(src, repo / "README.md")
            date = f"{row['date']}T12:00:00"
            subprocess.run(["git", "add", "README.md"], cwd=repo, check=True, env=env)
            subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", row["subject"] or "x"],
                           cwd=repo, check=True,
                           env={**env, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})
    return repo


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    paper = args.corpus / PAPER
    if not paper.exists():
        sys.exit(f"no {paper}; pass --corpus")
    work = Path(tempfile.mkdtemp(prefix="listlint-bench-report-"))
    shutil.copy(paper, work / "README.md")
    ll = listlint_cmd()
    commands = {
        "listlint check": ["check", "README.md"],
        "listlint stats": ["stats", "README.md"],
        "listlint report -o report.html": ["report", "README.md", "-o", "report.html"],
        "listlint report --format markdown": ["report", "README.md", "--format", "markdown"],
    }
    print(f"\nFile: {PAPER} ({paper.stat().st_size // 1024} KB), median of {args.runs} runs\n")
    print("| command | wall (s) |\n|---|--:|")
    for name, argv in commands.items():
        print(f"| {name} | {wall(ll + argv, work, args.runs):.3f} |")
    history = args.corpus / "history" / "llm-inference"
    if history.is_dir() and shutil.which("git"):
        repo = history_repo(history, work)
        n = int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=repo,
                               capture_output=True, text=True, check=True).stdout)
        t = wall(ll + ["report", "README.md", "--history", "-o", "report.html"], repo,
                 max(1, args.runs // 3))
        print(f"| listlint report --history ({n} commits) | {t:.3f} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
