"""What the commands print besides the report itself: colour, notes, skipped fixes."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click


def coverage_note(doc: Any) -> None:
    """Say so on stderr when many linked items of a list were not read as entries."""
    note = doc.coverage_note()
    if note:
        click.echo(f"listlint: note: {note}", err=True)


def report_skipped(path: str, result: Any) -> bool:
    """One line on stderr per rule whose fixes failed verification (a FixResult's
    ``skipped``); True when there was one."""
    for skip in result.skipped:
        click.echo(f"listlint: {path}: {skip.code} fixes skipped, verification failed: "
                   f"{skip.reason}", err=True)
    return bool(result.skipped)


def want_color(color: bool | None, to_stdout: bool = True) -> bool:
    """Colour or not: --color/--no-color, else FORCE_COLOR, else NO_COLOR, else whether
    standard output is a terminal (FORCE_COLOR and NO_COLOR count when set and not empty)."""
    if color is not None:
        return color
    if not to_stdout:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def emit_report(results: list[Any], fmt: str, output_file: Path | None, color: bool | None,
                statistics: bool, quiet: bool, fail_on: Any, title: str = "listlint") -> None:
    """Write ``results`` in ``fmt`` to ``output_file`` or standard output; ``fail_on`` is
    ``--fail-on`` (None: the files' own thresholds decide)."""
    from listlint.report import ReportOptions, write_report

    opts = ReportOptions.for_results(results, fail_on, color=want_color(color, output_file is None),
                                     statistics=statistics, quiet=quiet, title=title)
    if output_file is not None:
        with open(output_file, "w", encoding="utf-8", newline="\n") as fh:
            write_report(fmt, results, fh, opts)
    else:
        write_report(fmt, results, sys.stdout, opts)
