"""``report`` and ``stats``: the figures of a list, as a page, tables or JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from listlint.cli.errors import UserError, handle_errors
from listlint.cli.options import (
    read_source,
    report_options,
    resolve_paths,
    run_options,
)
from listlint.cli.output import coverage_note


def _figures(path: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
             extend_select: tuple[str, ...], config_path: Path | None, history: bool,
             history_limit: int, cache_file: Path | None, preset: str | None
             ) -> tuple[Any, Any, tuple[Any, ...], str]:
    """Check one list and compute its figures: (checked, stats, history points, note)."""
    from listlint.history import HistoryError, file_history
    from listlint.lint import run
    from listlint.progress import Progress
    from listlint.stats import compute

    options = run_options(select, ignore, extend_select, config_path, preset=preset)
    target = resolve_paths((path,) if path else ())[0]
    file = next(run([target], options, read_source))  # `-`: standard input
    checked = file.check()
    stats = compute(checked.document, checked.diagnostics, config=file.config,
                    memo=checked.memo, link_cache=cache_file)
    coverage_note(checked.document)
    points: tuple[Any, ...] = ()
    note = ""
    if history:
        bar = Progress("reading commits") if Progress.wanted(None) else None
        try:
            found = file_history(file, limit=history_limit, progress=bar)
            points, note = found.points, found.note
        except HistoryError as exc:
            raise UserError(str(exc)) from None
        finally:
            if bar is not None:
                bar.close()
    return checked, stats, points, note


@click.command("report")
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


@click.command("stats")
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
        from listlint.report.escape import json_text

        click.echo(json_text(json.dumps(data, ensure_ascii=False, indent=2)))
    elif fmt == "markdown":
        write_markdown(stats, sys.stdout, points, note)
    else:
        write_text(stats, sys.stdout, points, note)
