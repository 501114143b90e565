"""``check``, ``fix`` and ``entries``: lint, fix and export one list or several."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from listlint.cli.errors import UserError, handle_errors
from listlint.cli.links import with_link_verdicts
from listlint.cli.options import (
    online_options,
    output_options,
    preset_option,
    read_source,
    resolve_paths,
    run_options,
    selection_options,
)
from listlint.cli.output import coverage_note, emit_report, report_skipped, want_color

EPILOG_CHECK = """\b
Examples:
  listlint check                      # README.md in this folder
  listlint check docs/*.md --format github
  listlint check --select LL1 --ignore near-duplicate-title
  listlint check --format json --output-file report.json

\b
Exit status: 0 clean, 1 problems at or above --fail-on, 2 usage or input error.
Rules: `listlint rules`; one rule explained: `listlint rule LL101`."""


@click.command(epilog=EPILOG_CHECK)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@selection_options
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit status 1 (default: error, or the config's).")
@output_options
@click.option("--diff-base", metavar="REF",
              help="Pull-request mode: report only problems on lines added or changed since "
                   "git commit REF (e.g. origin/main); uncommitted edits count.")
@click.option("--online", is_flag=True,
              help="Also check links over the network (LL4xx; options: `listlint links`).")
@click.option("--fix", "apply_fix", is_flag=True,
              help="Apply the safe fixes in place first (as `listlint fix`), then report what "
                   "remains.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix, also apply fixes marked unsafe (review the diff).")
@online_options
@preset_option
@handle_errors
def check(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
          extend_select: tuple[str, ...], config_path: Path | None, fail_on: str | None,
          fmt: str, output_file: Path | None, statistics: bool, quiet: bool,
          color: bool | None, diff_base: str | None, online: bool, timeout: float | None,
          exclude: tuple[str, ...], preset: str | None, apply_fix: bool = False,
          unsafe_fixes: bool = False) -> None:
    """Check Markdown lists and report problems (default: README.md).

    PATHS are Markdown files, or folders that hold a README.md; `-` reads standard input
    (reported as <stdin>; relative file links are then not checked; up to 256 MB, and it
    stops at the first NUL byte: binary input).
    """
    from listlint.lint import run
    from listlint.report import FileResult

    options = run_options(select, ignore, extend_select, config_path, fail_on=fail_on,
                          preset=preset, online=online)
    files = run(resolve_paths(paths), options, read_source)
    if online:  # the links of every file are checked together, before any file is linted
        files = iter(with_link_verdicts(list(files), timeout, exclude))
    results: list[FileResult] = []
    failing = False
    for file in files:
        source = file.source
        if apply_fix:
            source, diagnostics = _fix_in_place(file, unsafe_fixes)
        else:
            checked = file.check(release_memo=True)  # only the diagnostics are read
            diagnostics = checked.diagnostics
            if not quiet:
                coverage_note(checked.document)
        if diff_base is not None:
            diagnostics = _changed_since(source, diagnostics, diff_base)
        failing = file.failing(diagnostics) or failing
        results.append(FileResult(source, diagnostics, file.fail_on))
    emit_report(results, fmt, output_file, color, statistics, quiet, options.fail_on)
    sys.exit(1 if failing else 0)


def _fix_in_place(file: Any, unsafe: bool) -> tuple[Any, list[Any]]:
    """``check --fix``: apply the fixes (verified, atomic), say so; the source as written and
    the problems that remain."""
    from listlint.fix import fix_file

    path = file.source.path
    if path == "<stdin>":
        raise UserError("--fix writes files: use `listlint fix -` to fix standard input")
    done = fix_file(file, unsafe=unsafe)
    report_skipped(path, done.result)  # the other rules' fixes are applied
    if done.refused is not None:
        raise done.refused
    if done.written:
        n = len(done.result.applied)
        click.echo(f"{path}: fixed {n} problem{'s' if n != 1 else ''}", err=True)
    return done.source, done.result.remaining


def _changed_since(source: Any, diagnostics: list[Any], ref: str) -> list[Any]:
    from listlint.gitdiff import GitError, diagnostics_since

    try:
        kept, base = diagnostics_since(source, diagnostics, ref)
    except GitError as exc:
        raise UserError(str(exc)) from None
    if base.text is None:
        click.echo(f"listlint: note: {base.relpath} is not in {ref} (a new file?), so every "
                   "line counts", err=True)
    return kept


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True, help="Output format.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@handle_errors
def entries(path: str | None, fmt: str, output_file: Path | None) -> None:
    """Print the entries listlint extracts from a list (default: README.md).

    One object per entry: path, line, end_line, section (list of headings), title, url,
    description, checked, markers, venue, and the exact spans of each part. Pipe it into jq, a
    spreadsheet or your own scripts.
    """
    from listlint.document import parse
    from listlint.export import write_entries
    from listlint.source import Source

    target = resolve_paths((path,) if path else ())[0]
    source = Source.read(target)
    doc = parse(source)
    coverage_note(doc)
    if output_file is not None:
        with open(output_file, "w", encoding="utf-8", newline="") as fh:
            write_entries(doc, fmt, fh)
    else:
        write_entries(doc, fmt, sys.stdout)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@selection_options
@click.option("--unsafe-fixes", is_flag=True,
              help="Also apply fixes marked unsafe (they may change meaning; review the diff).")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print a unified diff of what would change and write nothing.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if anything would change (for pre-commit and CI).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when problems of this severity remain after fixing.")
@click.option("--quiet", "-q", is_flag=True, help="Print only a summary line per file.")
@click.option("--color/--no-color", default=None,
              help="Colour the diff and the report (default: on a terminal, or when FORCE_COLOR "
                   "is set; never when NO_COLOR is set).")
@click.option("--online", is_flag=True,
              help="Also check links over the network and fix permanent redirects (LL402).")
@online_options
@preset_option
@handle_errors
def fix(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
        extend_select: tuple[str, ...], config_path: Path | None, unsafe_fixes: bool,
        show_diff: bool, check_only: bool, fail_on: str | None, quiet: bool,
        online: bool, timeout: float | None, exclude: tuple[str, ...],
        preset: str | None, color: bool | None = None) -> None:
    """Apply safe fixes in place, verified so that nothing is lost (default: README.md).

    The file is checked once and what `check` marks fixable ([*]) is applied in one sweep.
    Before writing, listlint verifies that every entry (title and URL) is still there unless
    a fix removed it on purpose, and that formatting-only fixes leave the rendered page
    identical; a rule whose fixes fail that is skipped and named (exit status 1), the others
    are applied. The file keeps its encoding, BOM, line endings, final newline and
    permissions.
    With `-` as the path, the list is read from standard input (up to 256 MB) and the
    fixed text is written to standard output (messages go to standard error).

    \b
    Examples:
      listlint fix                 # fix README.md
      listlint fix --diff          # preview
      listlint fix --check         # exit 1 if a fix is pending (CI, pre-commit)
    """
    from listlint.fix import fix_file, unified_diff
    from listlint.lint import run
    from listlint.report import FileResult, ReportOptions, write_report
    from listlint.report.text import color_diff
    from listlint.source import Source

    options = run_options(select, ignore, extend_select, config_path, fail_on=fail_on,
                          preset=preset, online=online)
    exit_code = 0
    refused = False
    files = run(resolve_paths(paths), options, read_source)
    if online:
        files = iter(with_link_verdicts(list(files), timeout, exclude))
    for file in files:
        source = file.source
        stdin, path = source.path == "<stdin>", source.path
        # a rule whose edits fail verification is left out and named (report_skipped)
        done = fix_file(file, unsafe=unsafe_fixes, write=not (stdin or show_diff or check_only))
        result = done.result
        n = len(result.applied)
        if report_skipped(path, result):  # the other rules' fixes are applied
            exit_code = max(exit_code, 1)
        if show_diff or check_only:
            if result.changed:
                if show_diff:
                    diff = unified_diff(path, source.render(), result.render())
                    colored = want_color(color)
                    click.echo(color_diff(diff) if colored else diff, nl=False, color=colored)
                click.echo(f"{path}: {n} fix{'es' if n != 1 else ''} would be applied", err=True)
                if check_only:
                    exit_code = 1
            continue
        if stdin:  # the fixed text is the output; everything else goes to stderr
            sys.stdout.flush()
            sys.stdout.buffer.write(result.render())
        elif done.refused is not None:
            click.echo(f"listlint: {done.refused}", err=True)
            refused = True
            continue
        remaining = result.remaining
        if not quiet and remaining:
            shown = [FileResult(result.source if not result.changed else
                                Source.from_text(result.text, path), remaining, file.fail_on)]
            write_report("text", shown, sys.stderr if stdin else sys.stdout,
                         ReportOptions.for_results(shown, color=not stdin and want_color(color)))
        kinds = sorted({d.code for d in result.applied})
        click.echo(f"{path}: fixed {n} problem{'s' if n != 1 else ''}"
                   + (f" ({', '.join(kinds)})" if kinds else "")
                   + f", {len(remaining)} remain", err=True)
        if file.failing(remaining):
            exit_code = max(exit_code, 1)
    sys.exit(2 if refused else exit_code)
