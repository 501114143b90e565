"""Output formats: one small module each, all taking the same list of :class:`FileResult`."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO

from listlint.model import Diagnostic, Severity
from listlint.source import Source

FORMATS = ("text", "json", "github", "sarif", "markdown")


@dataclass(slots=True)
class FileResult:
    source: Source
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fail_on: Severity | None = None  # the file's effective threshold (else the report's)


@dataclass(slots=True)
class ReportOptions:
    color: bool = False
    statistics: bool = False
    quiet: bool = False
    fail_on: Severity = Severity.ERROR
    title: str = "listlint"

    @classmethod
    def for_results(cls, results: Sequence[FileResult], fail_on: Severity | None = None, *,
                    color: bool = False, statistics: bool = False, quiet: bool = False,
                    title: str = "listlint") -> ReportOptions:
        """The options for reporting ``results``: the report-wide ``fail_on`` is ``--fail-on``
        when given, else the lowest of the files' effective thresholds (under ``quiet`` each
        file's own filters its problems, the one its exit status uses: see :func:`shown`)."""
        if fail_on is None:
            fail_on = min((r.fail_on for r in results if r.fail_on is not None),
                          default=Severity.ERROR)
        return cls(color=color, statistics=statistics, quiet=quiet, fail_on=fail_on,
                   title=title)


def write_report(fmt: str, results: Sequence[FileResult], out: IO[str],
                 options: ReportOptions) -> None:
    module = importlib.import_module(f"listlint.report.{fmt}")
    module.write(shown(results, options), out, options)


def shown(results: Sequence[FileResult], options: ReportOptions) -> Sequence[FileResult]:
    """The results a report shows: with ``quiet``, only problems at or above the file's
    effective ``fail_on`` (the one its exit status uses; every format alike, and the summary
    counts only those)."""
    if not options.quiet:
        return results
    return [FileResult(r.source, [d for d in r.diagnostics
                                  if d.severity >= (r.fail_on or options.fail_on)], r.fail_on)
            for r in results]


def plural(n: int, singular: str, many: str = "") -> str:
    """``1 entry``, ``2 entries``: the count and the noun that agrees with it."""
    return f"{n} {singular if n == 1 else (many or singular + 's')}"


def diagnostic_dict(source: Source, d: Diagnostic) -> dict:
    """The stable JSON shape of one diagnostic (also used by SARIF and tests)."""
    line, col = source.position(d.start)
    end_line, end_col = source.position(d.end)
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability.value,
            "message": d.fix.description or None,
            "edits": [
                {
                    "start": _pos(source, e.start),
                    "end": _pos(source, e.end),
                    "content": e.content,
                }
                for e in d.fix.edits
            ],
        }
    return {
        "path": source.path,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "code": d.code,
        "rule": d.rule,
        "severity": str(d.severity),
        "message": d.message,
        "fix": fix,
        "related": [
            {**_pos(source, r.start), "end_line": source.position(r.end)[0],
             "end_column": source.position(r.end)[1], "message": r.message, "path": source.path}
            for r in d.related
        ],
    }


def _pos(source: Source, offset: int) -> dict[str, int]:
    line, col = source.position(offset)
    return {"line": line, "column": col}


def counts(results: Sequence[FileResult]) -> dict[Severity, int]:
    out = {s: 0 for s in Severity}
    for r in results:
        for d in r.diagnostics:
            out[d.severity] += 1
    return out
