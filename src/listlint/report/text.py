"""Human output: ``path:line:col: CODE message [severity]`` and a summary line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import IO

from listlint.model import Applicability, Severity
from listlint.report import FileResult, ReportOptions, counts
from listlint.report.escape import printable

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _c(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def write(results: Sequence[FileResult], out: IO[str], options: ReportOptions) -> None:
    color = options.color
    fixable = unsafe = 0
    for r in results:
        src = r.source
        for d in r.diagnostics:
            safe = d.fix is not None and d.fix.applicability is Applicability.SAFE
            if safe:
                fixable += 1
            elif d.fix is not None:
                unsafe += 1
            line, col = src.position(d.start)
            where = _c(f"{printable(src.path)}:{line}:{col}:", "1", color)
            code = _c(d.code, _COLORS[d.severity] + ";1", color)
            mark = " [*]" if safe else ""
            out.write(f"{where} {code} {printable(d.message)}{mark} [{d.severity}]\n")
    if options.statistics:
        stats: Counter[tuple[str, str]] = Counter()
        fix_stats: Counter[str] = Counter()
        for r in results:
            for d in r.diagnostics:
                stats[(d.code, d.rule)] += 1
                if d.fix is not None and d.fix.applicability is Applicability.SAFE:
                    fix_stats[d.code] += 1
        for (code, name), n in sorted(stats.items(), key=lambda kv: (-kv[1], kv[0])):
            fx = f" ({fix_stats[code]} fixable)" if fix_stats[code] else ""
            out.write(f"{n:6d}  {code}  {name}{fx}\n")
    by_severity = counts(results)
    total = sum(by_severity.values())
    files = len(results)
    if total == 0:
        if not options.quiet:
            out.write(_c(f"All clear: {files} file{'s' if files != 1 else ''} checked, "
                         "no problems.", "32", color) + "\n")
        return
    parts = [f"{by_severity[s]} {s}{'s' if by_severity[s] != 1 else ''}" for s in
             (Severity.ERROR, Severity.WARNING, Severity.INFO) if by_severity[s]]
    summary = f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in " \
              f"{files} file{'s' if files != 1 else ''}."
    if fixable:
        summary += f" {fixable} fixable with `listlint fix` ([*])."
    if unsafe:
        summary += f" {unsafe} more with `listlint fix --unsafe-fixes`."
    out.write(summary + "\n")


_DIFF_COLORS = (("+++", "1"), ("---", "1"), ("@@", "36"), ("+", "32"), ("-", "31"))


def color_diff(diff: str) -> str:
    """A unified diff coloured as git colours it: file headers bold, hunk headers cyan,
    removed lines red, added lines green."""
    out: list[str] = []
    for line in diff.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        code = next((c for prefix, c in _DIFF_COLORS if body.startswith(prefix)), None)
        out.append(_c(body, code, True) + line[len(body):] if code else line)
    return "".join(out)
