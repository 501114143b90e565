"""``venues``: where each paper of a list was published, and look-ups."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from listlint.cli.errors import UserError, handle_errors
from listlint.cli.options import resolve_paths
from listlint.cli.output import report_skipped

WRITER = "venue-missing"  # the rule whose fix --write applies

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


@click.command("venues", epilog=EPILOG_VENUES)
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
    from listlint.lint import RunOptions, run
    from listlint.rules.venues.entries import document_venues
    from listlint.rules.venues.listing import venue_rows
    from listlint.rules.venues.settings import venue_settings

    if write and not lookup:
        raise UserError("--write writes look-up answers: use it with --lookup")
    target = resolve_paths((path,) if path else ())[0]
    # the rule --write applies (it runs even where the config ignores it: see below)
    file = next(run([target], RunOptions(select=(WRITER,), config_path=config_path)))
    source, config = file.source, file.config
    settings = venue_settings(config)
    doc = parse(source)
    found = document_venues(doc, settings.table)
    looked: dict[int, Any] = {}
    offline = ""
    if lookup:
        from listlint.net.lookup import lookup_venues

        looked, offline = lookup_venues(doc, found, settings, cache_path=cache_file,
                                        use_cache=not no_cache, progress=progress)
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
        _write_looked_up(file, looked)


def _print_venue_rows(rows: list[Any], fmt: str) -> None:
    from dataclasses import asdict

    if fmt == "json":
        import json

        from listlint.report.escape import json_text

        click.echo(json_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2)))
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["line", "venue", "source", "title", "url", "evidence"])
        for r in rows:
            writer.writerow([r.line, r.venue, r.source, r.title, r.url, r.evidence])
    else:
        from listlint.report.escape import printable
        from listlint.text import shorten

        width = max([len(r.venue) for r in rows] + [5])
        click.echo(f"{'line':>5}  {'venue':<{width}}  {'source':<8}  title")
        for r in rows:
            title = shorten(r.title, 70)
            click.echo(printable(f"{r.line:>5}  {r.venue:<{width}}  {r.source:<8}  {title}"))


def _write_looked_up(file: Any, looked: dict[int, Any]) -> None:
    from listlint.fix import fix_file
    from listlint.registry import get
    from listlint.venue.mention import Venue

    path = file.source.path
    sure = {i: Venue(f.venue, f.year, "", "lookup", notation="lookup", evidence=f.dblp_key)
            for i, f in looked.items() if f.confident}
    if not sure:
        click.echo(f"{path}: no confident look-up answer to write", err=True)
        return
    rule = get(WRITER)
    assert rule is not None  # a registered rule
    file = replace(file, rules=[rule]).with_facts(venue_lookup=sure, venue_lookup_safe=True,
                                                  venue_force=True)
    done = fix_file(file)
    report_skipped(path, done.result)
    if done.refused is not None:
        raise done.refused
    n = sum(1 for d in done.result.applied if "look-up" in d.message)
    click.echo(f"{path}: wrote {n} venue{'s' if n != 1 else ''} found by look-up", err=True)
