"""The ``listlint`` command line: options in, library calls, a reporter, an exit status.

Exit status: 0 nothing at or above ``--fail-on``; 1 something is; 2 usage or input error.
"""

from __future__ import annotations

import os
import re
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
        from listlint.report.escape import printable

        click.echo(f"listlint: {printable(self.format_message())}", err=True)


_CLICK_HINT = re.compile(r"\.?\s*\(?(Did you mean [^?]*\?)\)?$")


class UsageLine(UserError):
    """A click usage error (bad option, missing argument) as one line, exit status 2."""

    @classmethod
    def of(cls, exc: click.UsageError) -> UsageLine:
        words: list[str] = []
        ctx = exc.ctx
        while ctx is not None and ctx.parent is not None:  # the root's name varies (python -m)
            words.insert(0, ctx.info_name or "")
            ctx = ctx.parent
        what = exc.format_message().strip().rstrip(".")
        hint = _CLICK_HINT.search(what)
        if hint:
            what = f"{what[:hint.start()]} (d{hint.group(1)[1:]})"
        return cls(f"{what[:1].lower()}{what[1:]}; see `{' '.join(['listlint', *words, '--help'])}`")


class OneLineUsageGroup(click.Group):
    """Turns click's usage errors (several lines of usage text) into one :class:`UsageLine`.

    ``--help`` and a bare ``listlint`` (which prints the help) are left alone."""

    @staticmethod
    def _wanted(exc: click.UsageError) -> bool:
        no_args = getattr(click.exceptions, "NoArgsIsHelpError", None)
        return not (no_args is not None and isinstance(exc, no_args))

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            if not self._wanted(exc):
                raise
            raise UsageLine.of(exc) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list with each summary a whole sentence, wrapped, never cut with "..."."""
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=1_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            if not self._wanted(exc):
                raise
            raise UsageLine.of(exc) from None


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
            _leave_now("interrupted")
        except BrokenPipeError:
            sys.stderr.close()
            raise SystemExit(1) from None
        except OSError as exc:  # e.g. --output-file in a folder that does not exist
            where = f"{exc.filename}: " if exc.filename else ""
            raise UserError(f"{where}{exc.strerror or exc}") from None
        except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
            if os.environ.get("LISTLINT_DEBUG"):
                raise
            raise UserError(f"internal error: {type(exc).__name__}: {exc} "
                            "(set LISTLINT_DEBUG=1 for a traceback, and please report it)") from None

    return wrapper  # type: ignore[return-value]


def _leave_now(message: str, code: int = 2) -> None:
    """Say ``message`` and exit at once: freeing a large run's objects one by one at
    interpreter exit would make Ctrl-C take seconds (temporary files are already removed)."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    try:
        click.echo(f"listlint: {message}", err=True)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


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
                             ".listlint.toml, listlint.toml or pyproject.toml.")(func)
    return func


def recheck_option(func: F) -> F:
    """``--recheck-failures``: kept in the click context (``_link_pass`` reads it), so the
    commands' signatures stay as they are."""
    def keep(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
        ctx.meta["listlint.recheck_failures"] = value
        return value

    return click.option("--recheck-failures", is_flag=True, expose_value=False, callback=keep,
                        help="Ask again links that failed recently (cached for 1h by "
                             "default: failure-max-age).")(func)


def _keep_in_meta(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None:
        ctx.meta[f"listlint.{param.name}"] = value
    return value


def time_limit_options(func: F) -> F:
    """``--deadline`` and ``--budget`` (kept in the context: read by :func:`_link_pass`)."""
    func = click.option("--budget", type=click.FloatRange(min=0.1), default=None,
                        metavar="SECONDS", expose_value=False, callback=_keep_in_meta,
                        help="Link checks: stop starting new ones after this many seconds "
                             "in all; the links left are reported as not checked.")(func)
    func = click.option("--deadline", type=click.FloatRange(min=0.1), default=None,
                        metavar="SECONDS", expose_value=False, callback=_keep_in_meta,
                        help="Link checks: the most one link may take in all (connecting, "
                             "headers, body, retries; default 3 x --timeout).")(func)
    return func


def _remember_online(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Keep a link-check option of ``check --online`` / ``fix --online`` for the link pass."""
    if value is not None and value is not False:
        ctx.meta.setdefault("listlint.online", {})[param.name] = value
    return value


def online_options(func: F) -> F:
    """The link-check options of ``listlint links`` for ``check --online`` / ``fix --online``:
    ``--timeout`` and ``--exclude`` as parameters, the rest kept for the link pass."""
    func = time_limit_options(recheck_option(func))
    for decls, kwargs in reversed(_ONLINE_EXTRA):
        func = click.option(*decls, expose_value=False, callback=_remember_online,
                            **kwargs)(func)
    func = click.option("--exclude", multiple=True, metavar="REGEX",
                        help="With --online: do not check URLs matching this regular "
                             "expression (repeatable).")(func)
    func = click.option("--timeout", type=click.FloatRange(min=0.05), default=None,
                        metavar="SECONDS",
                        help="With --online: per attempt, connecting and waiting for each "
                             "read (default 10).")(func)
    return func


_ONLINE_EXTRA: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (("--concurrency",), dict(type=click.IntRange(min=1, max=512), default=None, metavar="N",
                              help="With --online: requests in flight overall (default 64).")),
    (("--retries",), dict(type=click.IntRange(min=0, max=10), default=None, metavar="N",
                          help="With --online: extra attempts after a timeout, reset, 429 or "
                               "5xx (default 2).")),
    (("--no-cache",), dict(is_flag=True, default=False,
                           help="With --online: neither read nor write the link cache.")),
    (("--cache-file",), dict(type=click.Path(dir_okay=False, path_type=Path), default=None,
                             help="With --online: the link cache (default: links.json in the "
                                  "user cache folder).")),
    (("--max-age",), dict(default=None, metavar="AGE",
                          help="With --online: trust a cached good result this long: 7d, 12h, "
                               "30m, 0 (default 3d).")),
    (("--progress/--no-progress",), dict(default=None,
                                         help="With --online: show a progress bar (default: on "
                                              "a terminal, never when CI is set).")),
    (("--accept",), dict(default=None, metavar="CODES",
                         help="With --online: also count these status codes as alive: 200,403 "
                              "or 200..299.")),
]


def preset_option(func: F) -> F:
    from listlint.presets import PRESETS

    return click.option("--preset", type=click.Choice(sorted(PRESETS)), default=None,
                        help="Impose a house style instead of the list's own conventions "
                             "(overrides `preset` in the config; see docs/awesome-preset.md).")(func)


def _with_preset(config: Any, preset: str | None) -> Any:
    from listlint.presets import apply_preset

    return apply_preset(config, preset)


STDIN = "-"


def read_source(path: str) -> Any:
    """The file at ``path``, or standard input for ``-`` (shown as ``<stdin>``; read once per
    command, so that ``--online`` and the check see the same text)."""
    from listlint.source import Source

    if path != STDIN:
        return Source.read(path)
    meta = click.get_current_context().meta
    if "listlint.stdin" not in meta:
        meta["listlint.stdin"] = sys.stdin.buffer.read()
    return Source.from_bytes(meta["listlint.stdin"], "<stdin>")


def output_options(func: F) -> F:
    """--format, --output-file, --statistics, --quiet, --color: shared by check and links."""
    func = click.option("--color/--no-color", default=None,
                        help="Colour the text output (default: on a terminal, or when FORCE_COLOR "
                             "is set; never when NO_COLOR is set).")(func)
    func = click.option("--quiet", "-q", is_flag=True,
                        help="Report only problems at or above --fail-on, in every --format; "
                             "the summary counts only those.")(func)
    func = click.option("--statistics", is_flag=True,
                        help="Also print how often each rule fired.")(func)
    func = click.option("--output-file", "-o", type=click.Path(dir_okay=False, path_type=Path),
                        help="Write the report to this file instead of standard output.")(func)
    func = click.option("--format", "fmt",
                        type=click.Choice(["text", "json", "github", "sarif", "markdown"]),
                        default="text", show_default=True, help="Output format.")(func)
    return func


def resolve_paths(paths: tuple[str, ...]) -> list[str]:
    if paths:
        return list(paths)
    if not Path("README.md").exists():
        raise UserError("no README.md in this folder; name the file to check, e.g. "
                        "`listlint check docs/list.md`")
    return ["README.md"]


@click.group(cls=OneLineUsageGroup,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", "-V", is_flag=True, expose_value=False,
              callback=lambda ctx, _p, value: _show_version(ctx) if value else None,
              help="Show the version and exit (with --verbose: Python, dependencies, caches).")
@click.option("--verbose", "-v", is_flag=True, is_eager=True, expose_value=False,
              callback=lambda ctx, _p, value: ctx.meta.__setitem__("listlint.verbose", value),
              help="With --version: also where the caches are.")
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


def entry() -> None:
    """The console script (``listlint``, ``python -m listlint``): tune the garbage collector
    for one short run, then run the command group. Library users, tests and a host process
    that invokes :func:`main` keep their own collector settings."""
    _tune_gc()
    main()


def _show_version(ctx: click.Context) -> None:
    """``listlint --version`` (``--verbose`` is eager, so it is known here in any order)."""
    click.echo(f"listlint {__version__}")
    if ctx.meta.get("listlint.verbose"):
        for line in _version_details():
            click.echo(line)
    ctx.exit()


def _version_details() -> list[str]:
    from importlib.metadata import PackageNotFoundError, version

    from listlint.net.cache import default_cache_file
    from listlint.net.store import cache_report
    from listlint.rules.spelling.english import english_entry, words_shelf
    from listlint.venue_lookup import default_cache_file as venues_file

    deps = []
    for name in ("markdown-it-py", "mdit-py-plugins", "click", "requests", "rapidfuzz",
                 "typos", "pyspellchecker", "platformdirs"):
        try:
            deps.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            deps.append(f"{name} missing")
    return [f"Python {sys.version.split()[0]} ({sys.executable})", ", ".join(deps),
            *cache_report({"link cache (default)": default_cache_file(),
                           "venue look-ups (default)": venues_file()},
                          english_entry(), (words_shelf(),))]


def _tune_gc() -> None:
    """A run allocates a great many short-lived objects (tokens, spans, entries) and few
    cycles: collect the youngest generation every 50,000 allocations instead of every 700,
    and leave what the imports created out of every collection. About 5% of a check's time."""
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


@main.command(epilog=EPILOG_CHECK)
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
    (reported as <stdin>; relative file links are then not checked).
    """
    from listlint.engine import Selection
    from listlint.lint import check_source, config_for, inputs_for
    from listlint.model import Severity
    from listlint.report import FileResult

    results: list[FileResult] = []
    worst_fail = False
    threshold_cli = Severity.parse(fail_on) if fail_on else None
    verdicts = _online_verdicts(paths, config_path, timeout, exclude) if online else None
    for path in resolve_paths(paths):
        source = read_source(path)
        config = _with_preset(config_for(Path(path), config_path), preset)
        _validate_selectors(select, ignore, extend_select)
        selection = Selection(select=_split(select) or None, ignore=_split(ignore),
                              extend_select=_split(extend_select), online=online)
        rules = selection.rules(config)
        inputs = inputs_for(source.path, rules, config, online=online, link_verdicts=verdicts)
        if apply_fix:
            source, diagnostics = _fix_in_place(source, config, rules, unsafe_fixes, inputs)
        else:
            checked = check_source(source, config, rules, inputs)
            diagnostics = checked.diagnostics
            if not quiet:
                _coverage_note(checked.document)
        if diff_base is not None:
            diagnostics = _changed_since(source, diagnostics, diff_base)
        threshold = threshold_cli or config.fail_on
        if any(d.severity >= threshold for d in diagnostics):
            worst_fail = True
        results.append(FileResult(source, diagnostics, threshold))
    _emit_report(results, fmt, output_file, color, statistics, quiet,
                 _report_threshold(results, threshold_cli))
    sys.exit(1 if worst_fail else 0)


def _fix_in_place(source: Any, config: Any, rules: list[Any], unsafe: bool,
                  inputs: Any) -> tuple[Any, list[Any]]:
    """``check --fix``: apply the fixes (verified, atomic), say so; the source as written and
    the problems that remain."""
    from listlint.fix import fix_source
    from listlint.fsio import write_atomic
    from listlint.source import Source

    if source.path == "<stdin>":
        raise UserError("--fix writes files: use `listlint fix -` to fix standard input")
    result = fix_source(source, config, rules, unsafe=unsafe, inputs=inputs)
    report_skipped(source.path, result)  # the other rules' fixes are applied
    if not result.changed:
        return source, result.remaining
    write_atomic(source.path, result.render(), expect=source.stamp)
    n = len(result.applied)
    click.echo(f"{source.path}: fixed {n} problem{'s' if n != 1 else ''}", err=True)
    return Source(source.path, result.text, source.eols, source.bom), result.remaining


def _coverage_note(doc: Any) -> None:
    """Say so on stderr when many linked items of a list were not read as entries."""
    note = doc.coverage_note()
    if note:
        click.echo(f"listlint: note: {note}", err=True)


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


def _validate_selectors(*groups: tuple[str, ...]) -> None:
    from listlint.registry import is_known_selector

    for group in groups:
        for sel in _split(group):
            if not is_known_selector(sel):
                hint = _closest_selector(sel)
                hint = f"did you mean {hint!r}? " if hint else ""
                raise UserError(f"no rule matches {sel!r}; {hint}`listlint rules` lists them")


def _closest_selector(selector: str) -> str | None:
    """The rule code, name or family a mistyped selector most likely meant: the closest by
    edit similarity, and among equals the one sharing the longest start (LL10l: LL101)."""
    import difflib
    import os.path

    from listlint.registry import all_rules

    typed = selector.strip().lower()
    rules = all_rules()
    names = {k.lower(): k for r in rules for k in (r.code, r.name, r.family)}
    if _CODE_PREFIX.fullmatch(typed) and len(typed) < 5:  # a prefix no rule has: no guess
        return None

    def score(k: str) -> tuple[float, int]:
        ratio = difflib.SequenceMatcher(None, typed, k).ratio()
        return ratio, len(os.path.commonprefix([typed, k]))

    best = max(names, key=score)
    return names[best] if score(best)[0] >= 0.6 else None


_CODE_PREFIX = re.compile(r"ll\w*")


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
    description, checked, markers, venue, and the exact spans of each part. Pipe it into jq, a
    spreadsheet or your own scripts.
    """
    from listlint.document import parse
    from listlint.export import write_entries
    from listlint.source import Source

    target = resolve_paths((path,) if path else ())[0]
    source = Source.read(target)
    doc = parse(source)
    _coverage_note(doc)
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
    from listlint.docs import rule_text

    click.echo(rule_text(r))


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
    With `-` as the path, the list is read from standard input and the fixed text is
    written to standard output (messages go to standard error).

    \b
    Examples:
      listlint fix                 # fix README.md
      listlint fix --diff          # preview
      listlint fix --check         # exit 1 if a fix is pending (CI, pre-commit)
    """
    from listlint.engine import Selection
    from listlint.fix import VerificationError, fix_source, unified_diff
    from listlint.fsio import WriteRefused, write_atomic
    from listlint.lint import config_for, inputs_for
    from listlint.model import Severity
    from listlint.report import FileResult, ReportOptions, write_report
    from listlint.report.text import color_diff
    from listlint.source import Source

    _validate_selectors(select, ignore, extend_select)
    exit_code = 0
    refused = False
    verdicts = _online_verdicts(paths, config_path, timeout, exclude) if online else None
    for path in resolve_paths(paths):
        source = read_source(path)
        stdin, path = path == STDIN, source.path
        config = _with_preset(config_for(Path(path), config_path), preset)
        selection = Selection(select=_split(select) or None, ignore=_split(ignore),
                              extend_select=_split(extend_select), online=online)
        rules = selection.rules(config)
        try:
            result = fix_source(source, config, rules, unsafe=unsafe_fixes, inputs=inputs_for(
                path, rules, config, online=online, link_verdicts=verdicts))
        except VerificationError as exc:
            from listlint.report.escape import printable

            click.echo(f"listlint: {path}: fix refused, nothing written: {printable(str(exc))}",
                       err=True)
            refused = True
            continue
        threshold = Severity.parse(fail_on) if fail_on else config.fail_on
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
        elif result.changed:
            try:
                write_atomic(path, result.render(), expect=source.stamp)
            except WriteRefused as exc:
                click.echo(f"listlint: {exc}", err=True)
                refused = True
                continue
        remaining = result.remaining
        if not quiet and remaining:
            write_report("text", [FileResult(result.source if not result.changed else
                                             Source.from_text(result.text, path), remaining)],
                         sys.stderr if stdin else sys.stdout,
                         ReportOptions(fail_on=threshold, color=not stdin and want_color(color)))
        kinds = sorted({d.code for d in result.applied})
        click.echo(f"{path}: fixed {n} problem{'s' if n != 1 else ''}"
                   + (f" ({', '.join(kinds)})" if kinds else "")
                   + f", {len(remaining)} remain", err=True)
        if any(d.severity >= threshold for d in remaining):
            exit_code = max(exit_code, 1)
    sys.exit(2 if refused else exit_code)


def report_skipped(path: str, result: Any) -> bool:
    """One line on stderr per rule whose fixes failed verification (a FixResult's
    ``skipped``); True when there was one."""
    for skip in result.skipped:
        click.echo(f"listlint: {path}: {skip.code} fixes skipped, verification failed: "
                   f"{skip.reason}", err=True)
    return bool(result.skipped)


def report_options(func: F) -> F:
    """Options shared by ``report`` and ``stats``."""
    func = click.option("--cache-file", type=click.Path(dir_okay=False, path_type=Path),
                        default=None,
                        help="The link cache `listlint links` wrote, for link verdicts by host "
                             "(default: its default cache file, when it exists).")(func)
    func = click.option("--history-limit", type=click.IntRange(min=2), default=200,
                        show_default=True, metavar="N",
                        help="Read at most N commits, spread over the history.")(func)
    func = click.option("--history", is_flag=True,
                        help="Add the list's growth over its git commits (entries, links, "
                             "duplicates).")(func)
    return preset_option(selection_options(func))


def _figures(path: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
             extend_select: tuple[str, ...], config_path: Path | None, history: bool,
             history_limit: int, cache_file: Path | None, preset: str | None
             ) -> tuple[Any, Any, tuple[Any, ...], str]:
    """Check one list and compute its figures: (checked, stats, history points, note)."""
    from listlint.engine import Selection
    from listlint.history import HistoryError, file_history
    from listlint.lint import check_source, config_for, inputs_for
    from listlint.source import Source
    from listlint.stats import compute

    target = resolve_paths((path,) if path else ())[0]
    _validate_selectors(select, ignore, extend_select)
    source = Source.read(target)
    config = _with_preset(config_for(Path(target), config_path), preset)
    rules = Selection(select=_split(select) or None, ignore=_split(ignore),
                      extend_select=_split(extend_select)).rules(config)
    checked = check_source(source, config, rules, inputs_for(target, rules, config))
    stats = compute(checked.document, checked.diagnostics, config=config,
                    memo=checked.memo, link_cache=cache_file)
    _coverage_note(checked.document)
    points: tuple[Any, ...] = ()
    note = ""
    if history:
        tty = sys.stderr.isatty()

        def progress(i: int, n: int) -> None:
            if tty:
                click.echo(f"\rhistory: reading commit {i}/{n}", nl=(i == n), err=True)

        try:
            found = file_history(target, config, rules, limit=history_limit, progress=progress)
            points, note = found.points, found.note
        except HistoryError as exc:
            raise UserError(str(exc)) from None
    return checked, stats, points, note


@main.command("report")
@click.argument("path", required=False, type=click.Path(path_type=str))
@report_options
@click.option("--format", "fmt", type=click.Choice(["html", "markdown"]), default="html",
              show_default=True, help="A self-contained HTML page, or Markdown tables.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file (HTML: required unless stdout is redirected).")
@click.option("--blob-url", metavar="URL",
              help="Link lines to URL#L<n> (default: the file on GitHub at the checked-out "
                   "commit, found from the origin remote or GitHub Actions variables).")
@handle_errors
def report_cmd(path: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
               extend_select: tuple[str, ...], config_path: Path | None, history: bool,
               history_limit: int, cache_file: Path | None, preset: str | None, fmt: str,
               output_file: Path | None, blob_url: str | None) -> None:
    """Draw the health of a list as one HTML page, or as Markdown (default: README.md).

    The page needs no network: summary figures, entries per section, reading progress,
    venues and years for paper lists, hosts, link verdicts when a link check has a cache,
    duplicates, and every problem linked to its line on GitHub. It reads well on a phone
    and prints cleanly.

    \b
    Examples:
      listlint report -o report.html
      listlint report --history -o report.html        # add growth over the git history
      listlint report --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    from listlint.history import blob_url as find_blob_url
    from listlint.report import plural
    from listlint.report.figures import write_markdown
    from listlint.report.page import PageInput, write_html

    if fmt == "html" and output_file is None and sys.stdout.isatty():
        raise UserError("name the HTML file with -o, e.g. `listlint report -o report.html`")
    checked, stats, points, note = _figures(path, select, ignore, extend_select, config_path,
                                            history, history_limit, cache_file, preset)
    try:
        fh = open(output_file, "w", encoding="utf-8", newline="\n") if output_file else sys.stdout
    except OSError as exc:
        raise UserError(f"{output_file}: cannot write ({exc.strerror or exc})") from None
    try:
        if fmt == "markdown":
            write_markdown(stats, fh, points, note)
        else:
            base, why = (blob_url, "") if blob_url else find_blob_url(checked.source.path)
            write_html(PageInput(stats, checked.source, checked.diagnostics, base,
                                 f"Line numbers are not links: {why}." if why else "",
                                 points, note), fh)
    finally:
        if output_file:
            fh.close()
    if output_file:
        dead = (f", {plural(len(stats.failing_links), 'dead or unreachable link')} at the last "
                "link check" if stats.failing_links else "")
        click.echo(f"{output_file}: report of {checked.source.path} ("
                   f"{plural(stats.entries, 'entry', 'entries')}, "
                   f"{plural(stats.diagnostics, 'problem')}{dead})", err=True)


@main.command("stats")
@click.argument("path", required=False, type=click.Path(path_type=str))
@report_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Output format.")
@handle_errors
def stats_cmd(path: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
              extend_select: tuple[str, ...], config_path: Path | None, history: bool,
              history_limit: int, cache_file: Path | None, preset: str | None,
              fmt: str) -> None:
    """Print the figures of a list: entries per section, progress, venues, years, problems.

    The same numbers as `listlint report`, on the terminal (or as JSON for scripts).
    """
    from listlint.report.figures import write_markdown, write_text

    _, stats, points, note = _figures(path, select, ignore, extend_select, config_path,
                                      history, history_limit, cache_file, preset)
    if fmt == "json":
        import json
        from dataclasses import asdict

        data = stats.as_dict()
        if history:
            data["history"] = [asdict(p) for p in points]
            data["history_note"] = note
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        write_markdown(stats, sys.stdout, points, note)
    else:
        write_text(stats, sys.stdout, points, note)


EPILOG_LINKS = """\b
Examples:
  listlint links                          # every link of README.md
  listlint links --format markdown >> "$GITHUB_STEP_SUMMARY"
  listlint links --fix                    # replace permanent redirects by their target
  listlint links --exclude '^https://(www\\.)?linkedin\\.com/' --accept 200..299,403

\b
Verdicts: LL401 dead-link (error), LL402 redirected-link (warning, fixable),
LL403 blocked-link (info), LL404 unreachable-link (warning; an error once it persists).
Exit status: 0 clean, 1 problems at or above --fail-on, 2 usage error or no network."""


@main.command(epilog=EPILOG_LINKS)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@selection_options
@time_limit_options
@click.option("--timeout", type=click.FloatRange(min=0.05), default=None, metavar="SECONDS",
              help="Per attempt: connecting, and waiting for each read (default 10).")
@click.option("--concurrency", type=click.IntRange(min=1, max=512), default=None, metavar="N",
              help="Requests in flight overall (default 64; at most 6 per host).")
@click.option("--retries", type=click.IntRange(min=0, max=10), default=None, metavar="N",
              help="Extra attempts after a timeout, reset, 408, 429 or 5xx (default 2).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the link cache.")
@click.option("--cache-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The link cache (default: links.json in the user cache folder).")
@click.option("--max-age", default=None, metavar="AGE",
              help="Trust a cached good result this long: 7d, 12h, 30m, 0 (default 3d).")
@recheck_option
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: on a terminal, never when CI is set).")
@click.option("--exclude", multiple=True, metavar="REGEX",
              help="Do not check URLs matching this regular expression (repeatable).")
@click.option("--accept", default=None, metavar="CODES",
              help="Also count these status codes as alive: 200,403 or 200..299.")
@click.option("--list", "--dump", "list_only", is_flag=True,
              help="Print every link that would be checked, as file:line:column: URL, and "
                   "check nothing (no network).")
@click.option("--fix", "apply_fix", is_flag=True,
              help="Replace permanently redirected URLs by their target (safe cases only).")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix, also apply redirects to another domain.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit status 1 (default: error).")
@output_options
@handle_errors
def links(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
          extend_select: tuple[str, ...], config_path: Path | None, timeout: float | None,
          concurrency: int | None, retries: int | None, no_cache: bool,
          cache_file: Path | None, max_age: str | None, progress: bool | None,
          exclude: tuple[str, ...], accept: str | None, apply_fix: bool, unsafe_fixes: bool,
          fail_on: str | None, fmt: str, output_file: Path | None, statistics: bool,
          quiet: bool, color: bool | None, list_only: bool) -> None:
    """Check every link over the network: dead, redirected, blocked, unreachable.

    Each http(s) link of PATHS (default: README.md) is asked once, politely (HEAD first,
    a few requests per host at a time, Retry-After honoured, bodies never downloaded), and
    judged: a 404 is dead, a 403 from a bot wall is only blocked, a timeout is a warning
    until it has lasted several runs over several days. Good results are cached, so the next
    run only asks what it must.
    """
    from listlint.engine import Selection, run_rules
    from listlint.fix import VerificationError, fix_source
    from listlint.fsio import write_atomic
    from listlint.inputs import RunInputs
    from listlint.model import Severity
    from listlint.report import FileResult
    from listlint.source import Source

    _validate_selectors(select, ignore, extend_select)
    targets = resolve_paths(paths)
    if list_only:
        _list_links(targets, config_path, exclude)
        return
    report, pairs, docs = _link_pass(targets, config_path, dict(
        timeout=timeout, concurrency=concurrency, retries=retries, no_cache=no_cache,
        cache_file=cache_file, max_age=max_age, exclude=exclude, accept=accept), progress)
    selection = Selection(select=_split(select) or ["links"], ignore=_split(ignore),
                          extend_select=_split(extend_select), online=True)
    threshold_cli = Severity.parse(fail_on) if fail_on else None
    results: list[FileResult] = []
    failing = False
    for (source, config), doc in zip(pairs, docs):
        rules = [r for r in selection.rules(config) if r.online]
        if apply_fix:
            try:
                fixed = fix_source(source, config, rules, unsafe=unsafe_fixes,
                                   inputs=RunInputs.for_path(source.path,
                                                             link_verdicts=report.verdicts))
            except VerificationError as exc:
                raise UserError(f"{source.path}: fix refused, nothing written: {exc}") from None
            if report_skipped(source.path, fixed):
                failing = True
            if fixed.changed:
                write_atomic(source.path, fixed.render(), expect=source.stamp)
                click.echo(f"{source.path}: fixed {len(fixed.applied)} redirected "
                           f"link{'s' if len(fixed.applied) != 1 else ''}", err=True)
                source = Source(source.path, fixed.text, source.eols, source.bom)
            diagnostics = fixed.remaining
        else:
            diagnostics = run_rules(doc, config, rules, RunInputs.for_path(
                source.path, link_verdicts=report.verdicts))
        threshold = threshold_cli or config.fail_on
        failing = failing or any(d.severity >= threshold for d in diagnostics)
        results.append(FileResult(source, diagnostics, threshold))
    if not quiet:
        click.echo(report.summary(), err=True)
    _emit_report(results, fmt, output_file, color, statistics, quiet,
                 _report_threshold(results, threshold_cli), title="listlint links")
    sys.exit(1 if failing else 0)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # never sent to a terminal as written


def _list_links(targets: list[str], config_path: Path | None, exclude: tuple[str, ...]) -> None:
    """``links --list``: the links a check would ask about, one per line; no network."""
    from listlint.document import parse
    from listlint.lint import config_for
    from listlint.net.run import checked_links, exclude_patterns

    for target in targets:
        source = read_source(target)
        config = config_for(Path(target), config_path)
        try:
            patterns = exclude_patterns(config, exclude)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        for link in checked_links(parse(source), config, patterns):
            line, column = source.position(link.span.start)
            url = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", link.url.strip())
            click.echo(f"{source.path}:{line}:{column}: {url}")


def _link_pass(targets: list[str], config_path: Path | None, options: dict[str, Any],
               progress: bool | None) -> tuple[Any, list[Any], list[Any]]:
    """Read the files, check their links over the network; exit 2 when the network is down."""
    from listlint.lint import config_for
    from listlint.net.run import Progress, link_pass, parse_accept, settings_from

    pairs = [(read_source(t), config_for(Path(t), config_path)) for t in targets]
    accept = options.pop("accept", None)
    meta = click.get_current_context().meta
    options.update(deadline=meta.get("listlint.deadline"), budget=meta.get("listlint.budget"))
    recheck = bool(meta.get("listlint.recheck_failures"))
    try:
        settings = settings_from(pairs[0][1], accept=parse_accept(accept) if accept else None,
                                 recheck_failures=recheck, **options)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    bar = Progress() if Progress.wanted(progress) else None
    try:
        report, docs = link_pass(pairs, settings, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    if report.down:
        raise UserError(report.down)
    return report, pairs, docs


def _online_verdicts(paths: tuple[str, ...], config_path: Path | None, timeout: float | None,
                     exclude: tuple[str, ...]) -> Any:
    """``check --online`` / ``fix --online``: the link verdicts (settings as in ``links``)."""
    options = dict(click.get_current_context().meta.get("listlint.online", {}))
    progress = options.pop("progress", None)
    report, _, _ = _link_pass(resolve_paths(paths), config_path,
                              {"timeout": timeout, "exclude": exclude, **options}, progress)
    if report.not_checked:
        click.echo(f"listlint: note: {report.not_checked} link(s) not checked: the run budget "
                   "was spent", err=True)
    return report.verdicts


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


def _report_threshold(results: list[Any], threshold_cli: Any) -> Any:
    """The report-wide ``fail_on``: ``--fail-on``, else the lowest of the files' effective
    thresholds (each file's own filters its problems under ``--quiet``)."""
    from listlint.model import Severity

    if threshold_cli is not None:
        return threshold_cli
    return min((r.fail_on for r in results if r.fail_on is not None), default=Severity.ERROR)


def _emit_report(results: list[Any], fmt: str, output_file: Path | None, color: bool | None,
                 statistics: bool, quiet: bool, threshold: Any, title: str = "listlint") -> None:
    from listlint.report import ReportOptions, write_report

    opts = ReportOptions(color=want_color(color, output_file is None), statistics=statistics,
                         quiet=quiet, fail_on=threshold, title=title)
    if output_file is not None:
        with open(output_file, "w", encoding="utf-8", newline="\n") as fh:
            write_report(fmt, results, fh, opts)
    else:
        write_report(fmt, results, sys.stdout, opts)


@main.command("server")
@handle_errors
def server_cmd() -> None:
    """Run the language server on standard input and output (for editors; needs the
    `server` extra: pip install 'listlint[server]')."""
    from listlint.server import MISSING_EXTRA
    from listlint.server import main as serve

    try:
        import pygls  # noqa: F401
    except ImportError:
        raise UserError(MISSING_EXTRA) from None
    serve()


@main.command("init")
@click.argument("folder", required=False, default=".",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--readme", default="README.md", show_default=True, metavar="PATH",
              help="The list, relative to FOLDER: conventions are inferred from it and the "
                   "hook and workflows check it.")
@click.option("--dry-run", is_flag=True, help="Say what would be written; write nothing.")
@handle_errors
def init_cmd(folder: Path, readme: str, dry_run: bool) -> None:
    """Set a repository up for listlint (default: this folder); never overwrites a file.

    Writes a starter [tool.listlint] (into pyproject.toml when there is one, else
    .listlint.toml) with conventions inferred from the README as it is, the pre-commit hook
    (.pre-commit-config.yaml) and two GitHub workflows: pull-request checks with annotations
    on the changed lines, and a weekly link check that updates one tracking issue. Files that
    exist are skipped, and init says why.
    """
    from listlint.init import InitError, init_project

    try:
        steps = init_project(folder, readme, dry_run=dry_run)
    except InitError as exc:
        raise UserError(str(exc)) from None
    for step in steps:
        click.echo(step.describe(dry_run))
    if any(s.done for s in steps) and not dry_run:
        click.echo(f"next: `listlint check {readme}`, then `pre-commit install`, and commit "
                   "the new files")


@main.command("words")
@click.argument("path", required=False, type=click.Path(path_type=str))
@click.option("--min-count", type=int, default=1, show_default=True,
              help="Only words used at least this often.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file instead of searching for one.")
@handle_errors
def words_cmd(path: str | None, min_count: int, config_path: Path | None) -> None:
    """Print the words of a list no dictionary knows, ready for `words = [...]`.

    Words already in the config's `words` are left out. Most used first, with their count;
    likely typos (LL201-LL203) are listed commented out, with the suggestion, so that pasting
    the block never allow-lists a typo.
    """
    from listlint.document import parse
    from listlint.lint import config_for
    from listlint.rules.spelling.family import analyse_document, words_block
    from listlint.source import Source

    target = resolve_paths((path,) if path else ())[0]
    config = config_for(Path(target), config_path)
    result = analyse_document(parse(Source.read(target)), config)
    click.echo(words_block(result, target, min_count), nl=False)


EPILOG_VENUES = """\b
Examples:
  listlint venues                      # README.md: each entry's venue and its source
  listlint venues --all --format csv   # every entry, for a spreadsheet
  listlint venues --lookup             # ask Semantic Scholar, DBLP and arXiv about preprints
  listlint venues --lookup --write     # and write the confident answers into the list

\b
Sources: text (the entry names it), url (its link implies it), lookup (a service, exact
title and a DBLP key), lookup? (a service, less sure: not written), preprint.
Exit status: 0 done; 2 usage or input error, or --lookup reached no service (the table
is still printed, without look-ups)."""


@main.command("venues", epilog=EPILOG_VENUES)
@click.argument("path", required=False, type=click.Path(path_type=str))
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file instead of searching for one.")
@click.option("--lookup", is_flag=True,
              help="Ask online services where entries without a venue were published.")
@click.option("--write", is_flag=True,
              help="With --lookup: add the confident venues to the file in its own notation "
                   "(verified, atomic).")
@click.option("--all", "show_all", is_flag=True, help="Also list entries without a venue.")
@click.option("--cache-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The look-up cache (default: venues.json in the user cache folder).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the look-up cache.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: on a terminal, never when CI is set).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="Output format.")
@handle_errors
def venues_cmd(path: str | None, config_path: Path | None, lookup: bool, write: bool,
               show_all: bool, cache_file: Path | None, no_cache: bool, progress: bool | None,
               fmt: str) -> None:
    """Print where each paper of a list was published, and how listlint knows.

    PATH is the list (default: README.md). The venue comes from the entry's text
    (`accepted by OSDI'24`, `[OSDI'24]`, a badge, a Venue column), else from its URL
    (`usenix.org/conference/osdi24/...`). With --lookup, entries that name no venue are looked
    up online (Semantic Scholar by arXiv id, DBLP by title, arXiv comments as evidence),
    politely and cached.
    """
    from listlint.document import parse
    from listlint.lint import config_for
    from listlint.source import Source
    from listlint.venues import document_venues, venue_rows, venue_settings

    if write and not lookup:
        raise UserError("--write writes look-up answers: use it with --lookup")
    target = resolve_paths((path,) if path else ())[0]
    source = Source.read(target)
    config = config_for(Path(target), config_path)
    settings = venue_settings(config)
    doc = parse(source)
    found = document_venues(doc, settings.table)
    looked: dict[int, Any] = {}
    offline = ""
    if lookup:
        looked, offline = _venue_lookup(doc, found, settings, cache_file, no_cache, progress)
    rows = venue_rows(doc, found, looked, show_all)
    _print_venue_rows(rows, fmt)
    counts = {k: sum(1 for r in rows if r.source == k)
              for k in ("text", "url", "lookup", "lookup?", "preprint")}
    n = len(doc.entries)
    click.echo(f"{target}: {n} entr{'y' if n == 1 else 'ies'}: {counts['text']} name a venue, "
               f"{counts['url']} more implied by the URL, {counts['lookup']} found by look-up "
               f"({counts['lookup?']} less sure), {counts['preprint']} preprints", err=True)
    if offline:
        raise UserError(f"venues: offline: {offline}; nothing was looked up")
    if write:
        _write_looked_up(source, config, looked)


def _venue_lookup(doc: Any, found: Any, settings: Any, cache_file: Path | None, no_cache: bool,
                  progress: bool | None) -> tuple[dict[int, Any], str]:
    from listlint.venue_lookup import (
        Bar,
        Lookup,
        LookupCache,
        LookupOffline,
        candidates_for,
        default_cache_file,
    )

    cands = candidates_for(doc, found)
    cache = LookupCache(None if no_cache else (cache_file or default_cache_file()))
    bar = Bar(len(cands)) if cands and Bar.wanted(progress) else None
    try:
        return Lookup(settings, settings.table, cache, bar).run(cands), ""
    except LookupOffline as exc:
        return {}, str(exc)
    finally:
        if bar is not None:
            bar.close()


def _print_venue_rows(rows: list[Any], fmt: str) -> None:
    from dataclasses import asdict

    if fmt == "json":
        import json

        click.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["line", "venue", "source", "title", "url", "evidence"])
        for r in rows:
            writer.writerow([r.line, r.venue, r.source, r.title, r.url, r.evidence])
    else:
        from listlint.report.escape import printable

        width = max([len(r.venue) for r in rows] + [5])
        click.echo(f"{'line':>5}  {'venue':<{width}}  {'source':<8}  title")
        for r in rows:
            title = r.title if len(r.title) <= 70 else r.title[:69] + "…"
            click.echo(printable(f"{r.line:>5}  {r.venue:<{width}}  {r.source:<8}  {title}"))


def _write_looked_up(source: Any, config: Any, looked: dict[int, Any]) -> None:
    from listlint.fix import VerificationError, fix_source
    from listlint.fsio import write_atomic
    from listlint.inputs import RunInputs
    from listlint.registry import get
    from listlint.venues import Venue

    sure = {i: Venue(f.venue, f.year, "", "lookup", notation="lookup", evidence=f.dblp_key)
            for i, f in looked.items() if f.confident}
    if not sure:
        click.echo(f"{source.path}: no confident look-up answer to write", err=True)
        return
    inputs = RunInputs.for_path(source.path, venue_lookup=sure, venue_lookup_safe=True,
                                venue_force=True)
    rule = get("venue-missing")
    assert rule is not None  # a registered rule
    try:
        fixed = fix_source(source, config, [rule], inputs=inputs)
    except VerificationError as exc:
        raise UserError(f"{source.path}: write refused, nothing written: {exc}") from None
    report_skipped(source.path, fixed)
    n = sum(1 for d in fixed.applied if "look-up" in d.message)
    if fixed.changed:
        write_atomic(source.path, fixed.render(), expect=source.stamp)
    click.echo(f"{source.path}: wrote {n} venue{'s' if n != 1 else ''} found by look-up", err=True)


@main.command("add")
@click.argument("urls", nargs=-1)
@click.option("--file", "path", default="README.md", show_default=True, metavar="FILE",
              type=click.Path(dir_okay=False, path_type=str), help="The list to add to.")
@click.option("--from", "from_file", default=None, metavar="FILE",
              type=click.Path(dir_okay=False, path_type=str),
              help="Read more URLs from FILE, one per line (# comments; '-' for stdin).")
@click.option("--section", default="", metavar="NAME",
              help="Section heading (case, emoji, punctuation aside) or #anchor.")
@click.option("--title", default="", metavar="T", help="Title (wins over the metadata).")
@click.option("--description", default="", metavar="D", help="Description (wins over the metadata).")
@click.option("--venue", default="", metavar="V", help="Venue, e.g. \"OSDI'24\" (wins over the metadata).")
@click.option("--diff", "show_diff", is_flag=True, help="Show the change; write nothing.")
@click.option("--yes", "-y", is_flag=True, help="Use the proposed section without asking.")
@click.option("--force", is_flag=True, help="Add even if the link or title is already listed.")
@click.option("--offline", is_flag=True, help="Ask no service; work from the options alone.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the metadata cache.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Use this configuration file instead of searching for one.")
@handle_errors
def add_cmd(urls: tuple[str, ...], path: str, from_file: str | None, section: str, title: str,
            description: str, venue: str, show_diff: bool, yes: bool, force: bool, offline: bool,
            no_cache: bool, config_path: Path | None) -> None:
    """Add entries for URLs, written the way the list writes them, in the right place.

    Title, description, venue and year come from the URL (arXiv, Crossref for DOIs,
    OpenReview, the GitHub API, any page's title) unless --offline; options win. Without
    --section the best-matching section is proposed (used with --yes, asked on a terminal).
    A link or title already in the list is refused (exit 1) unless --force. The file is
    written atomically, after checking every entry survived.

    \b
    Examples:
      listlint add https://arxiv.org/abs/2309.06180 --section "Serving"
      listlint add https://github.com/sindresorhus/got --yes --diff
      listlint add 10.1145/3600006.3613165 --venue "SOSP'23" --file papers.md
    """
    from listlint.add.run import AddOptions, run_add

    targets = list(urls)
    if from_file:
        targets.extend(_urls_from(from_file))
    if not targets:
        raise UserError("give at least one URL (or --from FILE)")
    if len(targets) > 1 and (title or description):
        raise UserError("--title and --description apply to one URL; give one URL per call")
    opts = AddOptions(path=path, section=section, title=title, description=description,
                      venue=venue, diff=show_diff, force=force, offline=offline,
                      cache=not no_cache, config=config_path,
                      confirm="yes" if yes else ("ask" if sys.stdin.isatty() and
                                                 sys.stderr.isatty() else "no"))
    sys.exit(run_add(targets, opts))


def _urls_from(path: str) -> list[str]:
    if path == STDIN:
        data = sys.stdin.read()
    else:
        try:
            data = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"{path}: cannot read URLs ({getattr(exc, 'strerror', None) or exc})") \
                from None
    return [line.strip() for line in data.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


if __name__ == "__main__":  # pragma: no cover
    main()
