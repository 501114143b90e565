"""GitHub Actions workflow commands, so pull requests get inline annotations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from listlint.model import Severity
from listlint.report import FileResult, ReportOptions
from listlint.report.escape import printable

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(s: str) -> str:
    return printable(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def write(results: Sequence[FileResult], out: IO[str], options: ReportOptions) -> None:
    for r in results:
        src = r.source
        for d in r.diagnostics:
            line, col = src.position(d.start)
            end_line, end_col = src.position(d.end)
            props = [f"file={_escape_prop(src.path)}", f"line={line}", f"col={col}"]
            if end_line != line:
                props.append(f"endLine={end_line}")
            else:
                props.append(f"endColumn={end_col}")
            props.append(f"title={_escape_prop(f'{d.code} {d.rule}')}")
            out.write(f"::{_LEVEL[d.severity]} {','.join(props)}::"
                      f"{_escape_data(d.message)}\n")
