"""``links``, and the link pass ``check --online`` and ``fix --online`` share."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click

from listlint.cli.errors import UserError, handle_errors
from listlint.cli.options import (
    output_options,
    read_source,
    recheck_option,
    resolve_paths,
    run_options,
    selection_options,
    time_limit_options,
)
from listlint.cli.output import emit_report, report_skipped

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


@click.command(epilog=EPILOG_LINKS)
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
    from listlint.lint import run
    from listlint.report import FileResult

    options = run_options(select, ignore, extend_select, config_path, fail_on=fail_on,
                          online=True, only_online=True, default_select=("links",))
    targets = resolve_paths(paths)
    if list_only:
        _list_links(run(targets, options, read_source), exclude)
        return
    files = list(run(targets, options, read_source))
    report, docs = _link_pass(files, dict(
        timeout=timeout, concurrency=concurrency, retries=retries, no_cache=no_cache,
        cache_file=cache_file, max_age=max_age, exclude=exclude, accept=accept), progress)
    results: list[FileResult] = []
    failing = False
    for file, doc in zip(files, docs):
        file = file.with_verdicts(report.verdicts)
        source = file.source
        if apply_fix:
            from listlint.fix import fix_file  # only then: its import is 0.02 s of start-up

            done = fix_file(file, unsafe=unsafe_fixes)
            if report_skipped(source.path, done.result):
                failing = True
            if done.refused is not None:
                raise done.refused
            if done.written:
                n = len(done.result.applied)
                click.echo(f"{source.path}: fixed {n} redirected "
                           f"link{'s' if n != 1 else ''}", err=True)
            source = done.source
            diagnostics = done.result.remaining
        else:  # the link pass parsed the file already
            diagnostics = file.check(document=doc).diagnostics
        failing = file.failing(diagnostics) or failing
        results.append(FileResult(source, diagnostics, file.fail_on))
    if not quiet:
        click.echo(report.summary(), err=True)
    emit_report(results, fmt, output_file, color, statistics, quiet, options.fail_on,
                title="listlint links")
    sys.exit(1 if failing else 0)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # never sent to a terminal as written


def _list_links(files: Any, exclude: tuple[str, ...]) -> None:
    """``links --list``: the links a check would ask about, one per line; no network."""
    from listlint.document import parse
    from listlint.net.run import checked_links, exclude_patterns

    for file in files:
        source, config = file.source, file.config
        try:
            patterns = exclude_patterns(config, exclude)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        for link in checked_links(parse(source), config, patterns):
            line, column = source.position(link.span.start)
            url = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", link.url.strip())
            click.echo(f"{source.path}:{line}:{column}: {url}")


def _link_pass(files: list[Any], options: dict[str, Any],
               progress: bool | None) -> tuple[Any, list[Any]]:
    """Check the links of ``files`` (:class:`~listlint.lint.FileRun`) over the network: the
    report and each file's Document; exit 2 when the network is down."""
    from listlint.net.run import link_pass, parse_accept, settings_from
    from listlint.progress import Progress

    pairs = [(f.source, f.config) for f in files]
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
    return report, docs


def with_link_verdicts(files: list[Any], timeout: float | None,
                       exclude: tuple[str, ...]) -> list[Any]:
    """``check --online`` / ``fix --online``: ``files`` with the verdicts of one link pass
    over all of them among their inputs (settings as in ``links``)."""
    options = dict(click.get_current_context().meta.get("listlint.online", {}))
    progress = options.pop("progress", None)
    report, _ = _link_pass(files, {"timeout": timeout, "exclude": exclude, **options}, progress)
    if report.not_checked:
        click.echo(f"listlint: note: {report.not_checked} link(s) not checked: the run budget "
                   "was spent", err=True)
    return [f.with_verdicts(report.verdicts) for f in files]
