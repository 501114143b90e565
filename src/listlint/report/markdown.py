"""Markdown summary, for ``$GITHUB_STEP_SUMMARY`` or the body of a tracking issue."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import IO

from listlint.model import Diagnostic, Severity
from listlint.report import FileResult, ReportOptions, counts
from listlint.report.escape import html_text, printable

MAX_ROWS = 250


def _cell(s: str) -> str:
    """A table cell: one line, no HTML (a URL may carry tags), no column break."""
    return html_text(s).replace("|", "\\|")


def _code(s: str) -> str:
    """A path in a code span: backticks cannot end the span early."""
    s = printable(s).replace("|", "\\|")
    fence = "``" if "`" in s else "`"
    return f"{fence} {s} {fence}" if fence == "``" else f"`{s}`"


def write(results: Sequence[FileResult], out: IO[str], options: ReportOptions) -> None:
    n = counts(results)
    total = sum(n.values())
    out.write(f"## {_cell(options.title)}\n\n")
    if total == 0:
        out.write(f"No problems in {len(results)} file(s).\n")
        return
    out.write(f"**{total}** problem(s): {n[Severity.ERROR]} error(s), "
              f"{n[Severity.WARNING]} warning(s), {n[Severity.INFO]} info.\n\n")
    by_rule: Counter[str] = Counter(f"{d.code} {d.rule}" for r in results for d in r.diagnostics)
    out.write("| rule | count |\n|---|--:|\n")
    for k, v in by_rule.most_common():
        out.write(f"| {k} | {v} |\n")
    rows = [(r, d) for r in results for d in r.diagnostics]
    main: list[tuple[FileResult, Diagnostic]] = []
    infos: list[tuple[FileResult, Diagnostic]] = []  # e.g. links behind bot walls
    for row in rows:
        failing = row[1].severity > Severity.INFO or options.fail_on <= Severity.INFO
        (main if failing else infos).append(row)
    _table(main, out)
    if infos:
        out.write(f"\n<details><summary>{len(infos)} info (not failing)</summary>\n")
        _table(infos, out)
        out.write("\n</details>\n")


def _table(rows: list[tuple[FileResult, Diagnostic]], out: IO[str]) -> None:
    """One row per problem, at most MAX_ROWS (an issue body holds 65,536 characters)."""
    if not rows:
        return
    out.write("\n| where | rule | severity | message |\n|---|---|---|---|\n")
    for r, d in rows[:MAX_ROWS]:
        line, col = r.source.position(d.start)
        out.write(f"| {_code(f'{r.source.path}:{line}:{col}')} | {d.code} | {d.severity} | "
                  f"{_cell(d.message)} |\n")
    if len(rows) > MAX_ROWS:
        out.write(f"\n… and {len(rows) - MAX_ROWS} more (`--format text` lists them all).\n")
