"""The ``listlint add`` run: read the list once, fetch all metadata, insert entry by entry,
verify, check the new lines, then preview (``--diff``) or write atomically.

Exit status: 0 when every URL was added; 1 when one was already in the list (the others are
still added); 2 for bad input, an unknown section, a refused proposal or a failed
verification (nothing is written).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from listlint.add.metadata import Fetcher, Metadata, target
from listlint.add.place import Choice
from listlint.add.plan import (
    Added,
    NoSection,
    Wanted,
    duplicate_message,
    find_existing,
    plan_entry,
    verify_added,
)
from listlint.document import Document, parse
from listlint.linkid import link_identity
from listlint.source import InputError

if TYPE_CHECKING:
    from listlint.lint import FileRun
    from listlint.venue.table import VenueTable

#: Rule families whose diagnostics a new line must not draw (structure, duplicates,
#: spelling, venues, style).
CHECKED_FAMILIES = ["structure", "duplicates", "spelling", "venues", "style"]
METADATA_CACHE = "metadata.json"  # the metadata look-ups, in the cache folder


@dataclass(frozen=True, slots=True)
class AddOptions:
    path: str = "README.md"
    section: str = ""
    title: str = ""
    description: str = ""
    venue: str = ""
    diff: bool = False
    force: bool = False
    offline: bool = False
    cache: bool = True
    config: Path | None = None
    confirm: str = "no"  # yes | ask | no


def _say(message: str) -> None:
    click.echo(message, err=True)


def _confirmer(mode: str, doc: Document) -> Callable[[Choice], bool] | None:
    if mode == "yes":
        def accept(choice: Choice) -> bool:
            where = " > ".join(doc.sections[choice.section].path)
            _say(f"section {where!r}: {choice.why}")
            return True
        return accept
    if mode == "ask":
        def ask(choice: Choice) -> bool:
            where = " > ".join(doc.sections[choice.section].path)
            return click.confirm(f"Add to section {where!r} ({choice.why})?", default=True,
                                 err=True)
        return ask
    return None


def fetch(raw: list[str], opts: AddOptions, table: VenueTable) -> list[Metadata]:
    from listlint.net.service import LookupCache
    from listlint.net.store import cache_file

    cache = None
    if opts.cache and not opts.offline:
        cache = LookupCache(cache_file(METADATA_CACHE))
    targets = [target(t) for t in raw]
    fetcher = Fetcher(table, cache, opts.offline)
    return fetcher.fetch_all(targets)


def run_add(raw: list[str], opts: AddOptions) -> int:
    """Add every URL of ``raw`` to the list at ``opts.path``; the exit status."""
    from listlint.fix import FixResult, VerificationError, unified_diff, verify, write_fixed
    from listlint.lint import RunOptions, run
    from listlint.rules.venues.settings import venue_settings

    file = next(run([opts.path], RunOptions(select=tuple(CHECKED_FAMILIES),
                                            config_path=opts.config)))
    source, path = file.source, file.source.path
    table = venue_settings(file.config).table
    metas = fetch(raw, opts, table)
    wanted = Wanted(opts.title, opts.description, opts.venue, opts.section)
    original = parse(source)
    doc = original
    text = source.text
    status = 0
    added: list[Added] = []
    for meta in metas:
        title = wanted.title or meta.title
        if not opts.force:
            old = find_existing(doc, meta.target.url, title)
            if old is not None:
                _say(duplicate_message(doc, old, meta.target.url, title) + " (--force adds it)")
                status = 1
                continue
        try:
            text, done = plan_entry(doc, meta, wanted, table, _confirmer(opts.confirm, doc))
            doc = verify_added(doc, text, done)
        except NoSection as exc:
            _say(f"listlint: {exc}")
            return 2
        except VerificationError as exc:
            _say(f"listlint: {path}: add refused, nothing written: {exc}")
            return 2
        added.append(done)
        filled = [m.split(":", 1)[0] for m in meta.missing]
        unfilled = [m for m, f in zip(meta.missing, filled) if not _given(f, wanted)]
        for m in unfilled:
            _say(f"{meta.target.url}: could not fill {m}")
    if not added:
        return status
    try:
        verify(original, doc)
    except VerificationError as exc:
        _say(f"listlint: {path}: add refused, nothing written: {exc}")
        return 2
    lines = _new_lines(doc, added)
    _report_new_diagnostics(file, doc, lines)
    result = FixResult(source, text)
    for a, line in zip(added, lines):
        how = f", {a.how}" if a.how else ""
        _say(f"{path}:{line}: {'would add' if opts.diff else 'added'} {a.title!r} to "
             f"{a.section!r}{how}")
    if opts.diff:
        click.echo(unified_diff(path, source.render(), result.render()), nl=False)
        return status
    write_fixed(result)  # refused if the file changed meanwhile
    return status


def _given(what: str, wanted: Wanted) -> bool:
    return bool({"title": wanted.title, "description": wanted.description,
                 "venue": wanted.venue}.get(what.strip()))


def _new_lines(doc: Document, added: list[Added]) -> list[int]:
    """The final line of each added entry (later insertions move earlier ones)."""
    out = []
    for a in added:
        want = link_identity(a.url)
        line = next((e.line for e in doc.entries if e.title == a.title and
                     link_identity(e.url) == want), a.line)
        out.append(line)
    return out


def _report_new_diagnostics(file: FileRun, doc: Document, lines: list[int]) -> None:
    """Say which checks the new lines draw (there should be none: the line is written the
    list's way); the entry is added all the same. ``doc`` is the new text, parsed."""
    new = file.with_source(doc.source)
    wanted = set(lines)
    for d in new.check(document=doc).diagnostics:
        line = doc.source.line_of(d.start)
        if line in wanted:
            _say(f"{file.source.path}:{line}: note: the new entry draws {d.code} ({d.message})")


__all__ = ["AddOptions", "CHECKED_FAMILIES", "InputError", "fetch", "run_add"]
