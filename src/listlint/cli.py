"""The ``listlint`` command line: options in, library calls, a reporter, an exit status.

Exit status: 0 nothing at or above ``--fail-on``; 1 something is; 2 usage or input error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from listlint import __version__

F = TypeVar("F", bound=Callable[..., Any])

EPILOG_CHECK = """\b
Examples:
  listlint check                      # README.md in this folder
  listlint check docs/*.md --format github
  listlint check --select LL1 --ignore near-duplicate-title
  listlint check --format json --output-file report.json

\b
Exit status: 0 clean, 1 problems at or above --fail-on, 2 usage or input error.
Rules: `listlint rules`; one rule explained: `listlint rule LL101`."""


class UserError(click.ClickException):
    """One line for the user, exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"listlint: {self.format_message()}", err=True)


def _split(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


def handle_errors(func: F) -> F:
    """Turn input and config errors (and unexpected ones) into one line and exit 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from listlint.config import ConfigError
        from listlint.source import InputError

        try:
            return func(*args, **kwargs)
        except (InputError, ConfigError) as exc:
            raise UserError(str(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            raise UserError("interrupted") from None
        except BrokenPipeError:
            sys.stderr.close()
            raise SystemExit(1) from None
        except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
            if os.environ.get("LISTLINT_DEBUG"):
                raise
            raise UserError(f"internal error: {type(exc).__name__}: {exc} "
                            "(set LISTLINT_DEBUG=1 for a traceback, and please report it)") from None

    return wrapper  # type: ignore[return-value]


def selection_options(func: F) -> F:
    func = click.option("--extend-select", multiple=True, metavar="RULES",
                        help="Add rules to the selection (same forms as --select).")(func)
    func = click.option("--ignore", multiple=True, metavar="RULES",
                        help="Rules to skip: code, prefix or name; comma-separated or repeated.")(func)
    func = click.option("--select", multiple=True, metavar="RULES",
                        help="Run only these rules: a code (LL101), a prefix (LL1), a rule name "
                             "(duplicate-link), a family (duplicates) or ALL.")(func)
    func = click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                        help="Use this config file instead of searching upward for "
                             ".listlint.toml / pyproject.toml.")(func)
    return func


def resolve_paths(paths: tuple[str, ...]) -> list[str]:
    if paths:
        return list(paths)
    if not Path("README.md").exists():
        raise UserError("no README.md in this folder; name the file to check, e.g. "
                        "`listlint check docs/list.md`")
    return ["README.md"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="listlint")
def main() -> None:
    """listlint keeps curated Markdown lists healthy: awesome lists and paper lists.

    It parses a README into sections and entries (title, URL, description, checkbox,
    venue ...), runs rules over them and reports problems with stable codes:
    LL0xx structure, LL1xx duplicates, LL2xx spelling, LL3xx venues, LL4xx links,
    LL5xx style drift. `listlint fix` applies the fixes that are provably safe.

    \b
    Start with:
      listlint check README.md
      listlint rules
    """


@main.command(epilog=EPILOG_CHECK)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@selection_options
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit status 1 (default: error, or the config's).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif", "markdown"]),
              default="text", show_default=True, help="Output format.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--statistics", is_flag=True, help="Also print how often each rule fired.")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems at or above --fail-on.")
@click.option("--color/--no-color", default=None,
              help="Colour the text output (default: on a terminal, unless NO_COLOR is set).")
@click.option("--diff-base", metavar="REF",
              help="Pull-request mode: report only problems on lines added or changed since "
                   "git commit REF (e.g. origin/main); uncommitted edits count.")
@handle_errors
def check(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
          extend_select: tuple[str, ...], config_path: Path | None, fail_on: str | None,
          fmt: str, output_file: Path | None, statistics: bool, quiet: bool,
          color: bool | None, diff_base: str | None) -> None:
    """Check Markdown lists and report problems (default: README.md).

    PATHS are Markdown files, or folders that hold a README.md.
    """
    from listlint.engine import Selection
    from listlint.lint import check_source, config_for
    from listlint.model import Severity
    from listlint.report import FileResult, ReportOptions, write_report
    from listlint.source import Source

    results: list[FileResult] = []
    worst_fail = False
    threshold_cli = Severity.parse(fail_on) if fail_on else None
    for path in resolve_paths(paths):
        source = Source.read(path)
        config = config_for(Path(path), config_path)
        _validate_selectors(select, ignore, extend_select)
        selection = Selection(select=_split(select) or None, ignore=_split(ignore),
                              extend_select=_split(extend_select))
        diagnostics = check_source(source, config, selection.rules(config)).diagnostics
        if diff_base is not None:
            diagnostics = _changed_since(source, diagnostics, diff_base)
        threshold = threshold_cli or config.fail_on
        if any(d.severity >= threshold for d in diagnostics):
            worst_fail = True
        results.append(FileResult(source, diagnostics))
    threshold = threshold_cli or Severity.ERROR
    use_color = color if color is not None else (
        output_file is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    opts = ReportOptions(color=bool(use_color), statistics=statistics, quiet=quiet,
                         fail_on=threshold)
    if output_file is not None:
        with open(output_file, "w", encoding="utf-8", newline="\n") as fh:
            write_report(fmt, results, fh, opts)
    else:
        write_report(fmt, results, sys.stdout, opts)
    sys.exit(1 if worst_fail else 0)


def _changed_since(source: Any, diagnostics: list[Any], ref: str) -> list[Any]:
    from listlint.gitdiff import GitError, diagnostics_since

    try:
        return diagnostics_since(source, diagnostics, ref)[0]
    except GitError as exc:
        raise UserError(str(exc)) from None


def _validate_selectors(*groups: tuple[str, ...]) -> None:
    from listlint.registry import is_known_selector

    for group in groups:
        for sel in _split(group):
            if not is_known_selector(sel):
                raise UserError(f"no rule matches {sel!r}; `listlint rules` lists them")


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True, help="Output format.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@handle_errors
def entries(path: str | None, fmt: str, output_file: Path | None) -> None:
    """Print the entries listlint extracts from a list (default: README.md).

    One object per entry: path, line, end_line, section (list of headings), title, url,
    description, checked, markers, and the exact spans of each part. Pipe it into jq, a
    spreadsheet or your own scripts.
    """
    from listlint.document import parse
    from listlint.export import write_entries
    from listlint.source import Source

    target = resolve_paths((path,) if path else ())[0]
    source = Source.read(target)
    doc = parse(source)
    if output_file is not None:
        with open(output_file, "w", encoding="utf-8", newline="") as fh:
            write_entries(doc, fmt, fh)
    else:
        write_entries(doc, fmt, sys.stdout)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules_cmd(fmt: str) -> None:
    """List every rule: code, name, default severity, whether it fixes, what it checks."""
    from listlint.registry import all_rules

    rules = all_rules()
    if fmt == "json":
        import json

        click.echo(json.dumps([
            {"code": r.code, "name": r.name, "family": r.family, "severity": str(r.severity),
             "fixable": r.fixable, "online": r.online, "default": r.default,
             "summary": r.summary, "docs": r.docs_url}
            for r in rules], indent=2))
        return
    family = None
    for r in rules:
        if r.family != family:
            family = r.family
            click.echo(f"\n{family}")
        flags = ("fix" if r.fixable else "   ") + (" online" if r.online else "") + \
                ("" if r.default else " opt-in")
        click.echo(f"  {r.code}  {r.name:<28} {str(r.severity):<7} {flags:<4}  {r.summary}")
    click.echo("\n`listlint rule CODE` explains one rule.")


@main.command("rule")
@click.argument("code")
def rule_cmd(code: str) -> None:
    """Explain one rule (by code or name): what it checks, why, examples, fix safety."""
    from listlint.registry import get

    r = get(code)
    if r is None:
        raise UserError(f"no rule {code!r}; `listlint rules` lists them")
    click.echo(f"{r.code} {r.name} ({r.family}, default severity {r.severity}"
               f"{', fixable' if r.fixable else ''}{', online' if r.online else ''})\n")
    click.echo(r.summary + "\n")
    if r.doc:
        click.echo(r.doc)
    if r.options:
        click.echo("\n## Options\n")
        for k, v in r.options:
            click.echo(f"- `{k}` (default: {v!r})")
    click.echo(f"\nDocs: {r.docs_url}")


@main.command()
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
@handle_errors
def fix(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
        extend_select: tuple[str, ...], config_path: Path | None, unsafe_fixes: bool,
        show_diff: bool, check_only: bool, fail_on: str | None, quiet: bool) -> None:
    """Apply safe fixes in place, verified so that nothing is lost (default: README.md).

    Edits are applied bottom-up, the file is re-checked and fixed again until nothing
    changes. Before writing, listlint verifies that every entry (title and URL) is still
    there unless a fix removed it on purpose, and that formatting-only fixes leave the
    rendered page identical; if not, nothing is written and the exit status is 2. The file
    keeps its encoding, BOM, line endings, final newline and permissions.

    \b
    Examples:
      listlint fix                 # fix README.md
      listlint fix --diff          # preview
      listlint fix --check         # exit 1 if a fix is pending (CI, pre-commit)
    """
    from listlint.engine import Selection
    from listlint.fix import VerificationError, fix_source, unified_diff, write_atomic
    from listlint.lint import config_for
    from listlint.model import Severity
    from listlint.report import FileResult, ReportOptions, write_report
    from listlint.source import Source

    _validate_selectors(select, ignore, extend_select)
    exit_code = 0
    for path in resolve_paths(paths):
        source = Source.read(path)
        config = config_for(Path(path), config_path)
        selection = Selection(select=_split(select) or None, ignore=_split(ignore),
                              extend_select=_split(extend_select))
        try:
            result = fix_source(source, config, selection.rules(config), unsafe=unsafe_fixes)
        except VerificationError as exc:
            raise UserError(f"{path}: fix refused, nothing written: {exc}") from None
        threshold = Severity.parse(fail_on) if fail_on else config.fail_on
        n = len(result.applied)
        if show_diff or check_only:
            if result.changed:
                if show_diff:
                    click.echo(unified_diff(path, source.render(), result.render()), nl=False)
                click.echo(f"{path}: {n} fix{'es' if n != 1 else ''} would be applied", err=True)
                if check_only:
                    exit_code = 1
            continue
        if result.changed:
            write_atomic(path, result.render())
        remaining = result.remaining
        if not quiet and remaining:
            write_report("text", [FileResult(result.source if not result.changed else
                                             Source.from_text(result.text, path), remaining)],
                         sys.stdout, ReportOptions(fail_on=threshold))
        kinds = sorted({d.code for d in result.applied})
        click.echo(f"{path}: fixed {n} problem{'s' if n != 1 else ''}"
                   + (f" ({', '.join(kinds)})" if kinds else "")
                   + f", {len(remaining)} remain", err=True)
        if any(d.severity >= threshold for d in remaining):
            exit_code = max(exit_code, 1)
    sys.exit(exit_code)


if __name__ == "__main__":  # pragma: no cover
    main()
