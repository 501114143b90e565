"""The figures of a list, computed once from a Document and its diagnostics.

:func:`compute` walks the entries and the diagnostics once each and returns a frozen
:class:`Stats`: entries per section (as a tree), descriptions, reading progress (task-list
checkboxes), duplicates (the LL1xx diagnostics), venues and years for paper lists, link
verdicts by host when a link check has left a cache, and diagnostics by rule and severity.
``listlint stats`` prints it, ``listlint report`` draws it; both read the same numbers.

Venues come from :mod:`listlint.rules.venues` and link verdicts from the link checker's cache in
:mod:`listlint.net` when those modules are installed; without them the figures are simply
absent (``venues_known`` is False, ``link_verdicts`` is empty), never guessed.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from listlint.config import Config
from listlint.document import Document
from listlint.inputs import Memo
from listlint.model import Diagnostic, Entry, Severity
from listlint.net.verdict import site_of
from listlint.registry import FAMILY_MODULES

DUPLICATE_PREFIX = next(f.prefix for f in FAMILY_MODULES if f.name == "duplicates")
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(\d{2})(\d{2})\.\d{4,5}", re.I)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_PAREN_YEAR = re.compile(r"\((19[5-9]\d|20[0-4]\d)\)")


@dataclass(frozen=True, slots=True)
class Count:
    """A label and how often it occurs (a venue, a year, a host, a severity)."""

    label: str
    count: int


@dataclass(frozen=True, slots=True)
class SectionStats:
    """One heading: entries directly under it and in its whole subtree."""

    index: int
    title: str
    level: int
    line: int
    parent: int | None
    depth: int  # 0 for a top-level heading of this document, whatever its level
    own: int  # entries directly under this heading (not in sub-sections)
    total: int  # entries in the whole subtree
    checked: int  # checked task-list entries in the subtree
    unchecked: int
    own_checked: int  # the same, directly under this heading
    own_unchecked: int


@dataclass(frozen=True, slots=True)
class DuplicateStats:
    """One LL1xx finding: the entry that repeats and the line it repeats."""

    line: int
    code: str
    title: str
    message: str
    first_line: int | None
    column: int = 1  # where on its line: in a table row, the cell


@dataclass(frozen=True, slots=True)
class RuleCount:
    code: str
    rule: str
    severity: str
    count: int


@dataclass(frozen=True, slots=True)
class HostVerdicts:
    """Link-check verdicts (``ok``, ``redirect``, ``dead`` ...) for the links to one host."""

    host: str
    verdicts: tuple[Count, ...]

    @property
    def total(self) -> int:
        return sum(c.count for c in self.verdicts)


@dataclass(frozen=True, slots=True)
class FailingLink:
    """A link the link checker last found dead or unreachable, at its first line."""

    line: int
    url: str
    status: str
    column: int = 1  # where on its line: in a table row, the cell


FAILING = frozenset({"dead", "unreachable"})


@dataclass(frozen=True, slots=True)
class Stats:
    path: str
    lines: int
    entries: int
    top_level: int  # entries that are not sub-items of another entry
    with_description: int
    checked: int
    unchecked: int
    links: int  # links of the document (not images, not #anchors)
    hosts: tuple[Count, ...]  # entry URLs by host, most frequent first
    sections: tuple[SectionStats, ...]
    unsectioned: int  # entries before the first heading
    duplicates: tuple[DuplicateStats, ...]
    venues_known: bool  # True when listlint.rules.venues was available
    with_venue: int
    venues: tuple[Count, ...]  # most frequent first
    with_year: int
    years: tuple[Count, ...]  # oldest first
    link_verdicts: tuple[HostVerdicts, ...]  # empty unless a link-check cache exists
    failing_links: tuple[FailingLink, ...]  # dead or unreachable at the last link check
    diagnostics: int
    severities: tuple[Count, ...]  # error, warning, info
    rules: tuple[RuleCount, ...]  # most frequent first
    linked_items: int = 0  # list items and table rows that link out
    unread_items: int = 0  # of those, the ones not read as entries (LL008)

    @property
    def with_checkbox(self) -> int:
        return self.checked + self.unchecked

    @property
    def trunk(self) -> frozenset[int]:
        """Headings that only wrap every sectioned entry (a title ``# List`` over a ``## Work``
        whose sub-sections hold the entries, none directly under them).

        The section chart leaves them out: they would add a level of indentation and no bar.
        """
        everything = self.entries - self.unsectioned
        return frozenset(s.index for s in self.sections
                         if everything and s.total == everything and not s.own)

    @property
    def is_paper_list(self) -> bool:
        """Enough entries carry a venue or a year for those charts to mean something."""
        return max(self.with_venue, self.with_year) >= max(3, self.entries // 10)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["with_checkbox"] = self.with_checkbox
        out["is_paper_list"] = self.is_paper_list
        out["trunk"] = sorted(self.trunk)
        for hv, src in zip(out["link_verdicts"], self.link_verdicts):
            hv["total"] = src.total
        return out


# (venue, year) of every entry of a document, in entry order
VenueFinder = Callable[[Document], "Sequence[tuple[str | None, int | None]]"]


def compute(doc: Document, diagnostics: Sequence[Diagnostic], *,
            venue_finder: VenueFinder | None = None, use_venues: bool = True,
            config: Config | None = None, memo: Memo | None = None,
            link_verdicts: Iterable[tuple[str, str]] | None = None,
            link_cache: Path | None = None) -> Stats:
    """All the figures of ``doc``; ``diagnostics`` are those ``check`` reports for it.

    ``venue_finder`` (default: :func:`default_venue_finder` with the venues of ``config``
    and the per-document results the rules left in ``memo``; none if ``use_venues`` is false) gives the
    entries' venues and years; ``link_verdicts`` (default: the link checker's cache, if any,
    or the one in ``link_cache``) yields ``(url, verdict)``.
    """
    entries = doc.entries
    finder = venue_finder
    if finder is None and use_venues:
        finder = default_venue_finder(config, memo)
    found = finder(doc) if finder is not None else ()
    venues: Counter[str] = Counter()
    years: Counter[int] = Counter()
    hosts: Counter[str] = Counter()
    with_venue = with_year = with_desc = checked = unchecked = top = 0
    for k, e in enumerate(entries):
        if e.description:
            with_desc += 1
        if e.checked is True:
            checked += 1
        elif e.checked is False:
            unchecked += 1
        if e.parent is None:
            top += 1
        hosts[host_label(e.url)] += 1
        venue, year = found[k] if found else (None, None)
        if venue:
            venues[venue] += 1
            with_venue += 1
        if year is None:
            year = fallback_year(e)
        if year is not None:
            years[year] += 1
            with_year += 1
    sections, unsectioned = _section_stats(doc)
    links = sum(1 for link in doc.links if link.kind != "image" and not link.url.startswith("#"))
    sev = Counter(d.severity for d in diagnostics)
    by_rule = Counter((d.code, d.rule) for d in diagnostics)
    worst: dict[str, Severity] = {}  # one rule may report at several severities (LL101 info)
    for d in diagnostics:
        worst[d.code] = max(worst.get(d.code, d.severity), d.severity)
    verdict_source = list(link_verdicts) if link_verdicts is not None else \
        cached_link_verdicts(doc, link_cache)
    return Stats(
        path=doc.path,
        lines=doc.source.line_count,
        entries=len(entries),
        top_level=top,
        with_description=with_desc,
        checked=checked,
        unchecked=unchecked,
        links=links,
        hosts=_counts(hosts),
        sections=sections,
        unsectioned=unsectioned,
        duplicates=_duplicates(doc, diagnostics),
        venues_known=finder is not None,
        with_venue=with_venue,
        venues=_counts(venues),
        with_year=with_year,
        years=tuple(Count(str(y), n) for y, n in sorted(years.items())),
        link_verdicts=_by_host(verdict_source),
        failing_links=_failing(doc, verdict_source),
        diagnostics=len(diagnostics),
        severities=tuple(Count(str(s), sev.get(s, 0)) for s in sorted(Severity, reverse=True)),
        rules=tuple(RuleCount(code, rule, str(worst[code]), n)
                    for (code, rule), n in sorted(by_rule.items(),
                                                  key=lambda kv: (-kv[1], kv[0]))),
        linked_items=doc.linked_items,
        unread_items=doc.unread_items,
    )


def _counts(counter: Counter[str]) -> tuple[Count, ...]:
    return tuple(Count(k, v) for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def host_label(url: str) -> str:
    """The label stats count a link under: its site (``github.com`` for
    ``https://www.github.com/x``, see :func:`listlint.net.verdict.site_of`); ``(relative)``
    for a local link, ``(mailto)`` for another scheme, ``(invalid)`` for a URL that cannot
    be parsed."""
    site = site_of(url)
    if site:
        return site
    m = _SCHEME.match(url.strip())
    if m is None:
        return "(relative)"
    return "(invalid)" if m.group(1).lower() in ("http", "https") else f"({m.group(1).lower()})"


def fallback_year(entry: Entry) -> int | None:
    """A year without a venue: the arXiv id (``2311.03687`` -> 2023) or ``(2019)`` in the text."""
    m = _ARXIV.search(entry.url)
    if m and 1 <= int(m.group(2)) <= 12:
        return 2000 + int(m.group(1))
    m = _PAREN_YEAR.search(entry.description[:40]) if entry.description else None
    if m:
        return int(m.group(1))
    return None


def _section_stats(doc: Document) -> tuple[tuple[SectionStats, ...], int]:
    n = len(doc.sections)
    own = [0] * n
    chk = [0] * n
    unchk = [0] * n
    unsectioned = 0
    for e in doc.entries:
        if e.section is None:
            unsectioned += 1
            continue
        own[e.section] += 1
        if e.checked is True:
            chk[e.section] += 1
        elif e.checked is False:
            unchk[e.section] += 1
    own_chk, own_unchk = chk[:], unchk[:]
    total = own[:]
    # sections are in document order, so every child comes after its parent
    for s in reversed(doc.sections):
        if s.parent is not None:
            total[s.parent] += total[s.index]
            chk[s.parent] += chk[s.index]
            unchk[s.parent] += unchk[s.index]
    depth = [0] * n
    for s in doc.sections:
        depth[s.index] = 0 if s.parent is None else depth[s.parent] + 1
    out = tuple(SectionStats(s.index, s.title, s.level, s.line, s.parent, depth[s.index],
                             own[s.index], total[s.index], chk[s.index], unchk[s.index],
                             own_chk[s.index], own_unchk[s.index])
                for s in doc.sections)
    return out, unsectioned


def _duplicates(doc: Document, diagnostics: Sequence[Diagnostic]) -> tuple[DuplicateStats, ...]:
    starts = [e.span.start for e in doc.entries]
    src = doc.source
    out = []
    for d in diagnostics:
        if not d.code.startswith(DUPLICATE_PREFIX):
            continue
        k = bisect.bisect_right(starts, d.start) - 1
        entry = doc.entries[k] if k >= 0 and doc.entries[k].span.start <= d.start \
            < max(doc.entries[k].span.end, doc.entries[k].span.start + 1) else None
        first = src.line_of(d.related[0].start) if d.related else None
        line, column = src.position(d.start)
        out.append(DuplicateStats(line, d.code, entry.title if entry is not None else "",
                                  d.message, first, column))
    return tuple(out)


def _failing(doc: Document, verdicts: Sequence[tuple[str, str]]) -> tuple[FailingLink, ...]:
    failing = {url: status for url, status in verdicts if status in FAILING}
    if not failing:
        return ()
    out = []
    for link in doc.links:
        key = link.url.strip().split("#", 1)[0]
        status = failing.pop(key, None)
        if status is not None:
            line, column = doc.source.position(link.span.start)
            out.append(FailingLink(line, key, status, column))
    return tuple(out)


def _by_host(pairs: Iterable[tuple[str, str]]) -> tuple[HostVerdicts, ...]:
    per_host: dict[str, Counter[str]] = {}
    for url, verdict in pairs:
        per_host.setdefault(host_label(url), Counter())[verdict] += 1
    rows = [HostVerdicts(h, _counts(c)) for h, c in per_host.items()]
    rows.sort(key=lambda hv: (-hv.total, hv.host))
    return tuple(rows)


# -- optional sources: venues and the link checker's cache ----------------------------------


def default_venue_finder(config: Config | None = None,
                         memo: Memo | None = None) -> VenueFinder | None:
    """The entries' ``(venue, year)`` from :mod:`listlint.rules.venues` (the venue named in the text,
    else the one the URL implies; preprint markers such as ``arXiv'23`` give a year but no
    venue), or None when that module is not installed."""
    try:
        from listlint.rules.venues.entries import doc_venues_cached
        from listlint.rules.venues.settings import venue_settings
        from listlint.venue.table import load_table
    except ImportError:  # the venues family is not installed
        return None

    def finder(doc: Document) -> list[tuple[str | None, int | None]]:
        table = venue_settings(config).table if config is not None else load_table()
        found = doc_venues_cached(doc, memo if memo is not None else Memo(), table)
        out: list[tuple[str | None, int | None]] = []
        for ev in found:
            best = ev.text or ev.url
            if best is not None:
                out.append((best.name, best.year))
            elif ev.preprint is not None:
                out.append((None, ev.preprint.year))
            else:
                out.append((None, None))
        return out

    return finder


def cached_link_verdicts(doc: Document, cache_file: Path | None = None) -> list[tuple[str, str]]:
    """``(url, status)`` for each distinct http(s) URL of ``doc`` that the link checker's cache
    (``listlint links``; default file: ``links.json`` in the cache folder) has a
    verdict for: the verdict of the last check, however old. Empty without a cache."""
    try:
        from listlint.net.cache import FILE, LinkCache
        from listlint.net.store import cache_file as default_file
        from listlint.net.verdict import Verdict, url_key
    except ImportError:  # the link checker is not installed
        return []
    path = cache_file if cache_file is not None else default_file(FILE)
    if not path.is_file():
        return []
    entries = LinkCache(path).entries
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for link in doc.links:
        if link.kind == "image" or not link.url.startswith(("http://", "https://")):
            continue
        key = url_key(link.url)
        entry = entries.get(key)
        if key in seen or not entry or "verdict" not in entry:
            continue
        seen.add(key)
        try:
            status = Verdict.from_json(entry["verdict"]).status.value
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
        out.append((key, str(status)))
    return out
