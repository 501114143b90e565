"""The venues of a list's entries: what each entry's text names and what its URL implies.

:func:`document_venues` reads every entry once (an :class:`EntryVenues` each): the mentions in
its text before and after the link (:func:`~listlint.venue.scan.scan_region`), in its
shields.io badges (``img.shields.io/badge/Conference-NeurIPS'24-blue``) and in a Venue /
Conference / Published-in table column (a Year column gives the year), and the venue its URL
implies (:func:`~listlint.rules.venues.urls.url_venue`). :func:`loose_mentions` reads the list
items that are not entries, :func:`uses_venues` tells whether the list uses venues at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from listlint.inputs import Memo
from listlint.model import Entry, Span
from listlint.rules.venues.urls import url_venue
from listlint.venue.mention import Venue
from listlint.venue.scan import scan_region
from listlint.venue.table import VenueTable, load_table

if TYPE_CHECKING:
    from listlint.document import Document
    from listlint.rules.venues.settings import VenueSettings

_DATE_CELL = re.compile(r"\s*\d{4}[.\-/]\d{1,2}\s*")
_VENUE_HEADERS = frozenset({"venue", "venues", "conference", "conf", "conf.", "published in",
                            "publication", "published", "journal", "where", "pub", "publisher",
                            "accepted", "accepted by", "proceedings", "source"})
_YEAR_HEADERS = frozenset({"year", "yr", "yy"})
_DATE_HEADERS = frozenset({"date", "time", "month"})


_BADGE_ESCAPES = (("%20", "   "), ("%27", "  '"), ("%2F", "  /"), ("%2f", "  /"))


def badge_region(text: str, url_span: Span) -> tuple[str, int, int] | None:
    """The label and message of a shields.io static badge URL, blanked for scanning:
    ``(text, start, end)`` where only ``text[start:end]`` is to be read."""
    url = text[url_span.start:url_span.end]
    k = url.find("img.shields.io/badge/")
    if k == -1:
        return None
    lo = url_span.start + k + len("img.shields.io/badge/")
    q = url.find("?", k)
    hi = url_span.start + (q if q != -1 else len(url))
    body = text[lo:hi]
    for a, b in _BADGE_ESCAPES:
        body = body.replace(a, b)
    body = body.replace("_", " ").replace("-", " ")
    return body, lo, hi


_CELL_SPECIAL = re.compile(r"\\.|[`\[\]|]")


def _split_cells(line: str) -> list[tuple[int, int]]:
    """Cell ranges of a table row (relative to the line), honouring ``\\|`` and code spans."""
    cells: list[tuple[int, int]] = []
    start = 0
    in_code = False
    depth = 0
    for m in _CELL_SPECIAL.finditer(line):
        ch = m.group()
        if len(ch) == 2:
            continue
        if ch == "`":
            in_code = not in_code
        elif in_code:
            continue
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif depth == 0:
            cells.append((start, m.start()))
            start = m.end()
    cells.append((start, len(line)))
    if cells and not line[cells[0][0]:cells[0][1]].strip() and line.lstrip().startswith("|"):
        cells = cells[1:]
    if cells and not line[cells[-1][0]:cells[-1][1]].strip() and line.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells


def table_headers(doc: Document) -> dict[int, tuple[str, ...]]:
    """Line of each table body row -> the lower-cased header cells of its table."""
    return {line: table.header for table in doc.tables for line in table.rows}


# -- per entry ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class EntryVenues:
    """Everything about the venue of one entry."""

    entry: int
    mentions: tuple[Venue, ...]
    url: Venue | None
    date_only: bool = False  # a Date column (YYYY.MM) and nothing else: a preprint list

    @property
    def text(self) -> Venue | None:
        """The venue the text names (not a preprint marker)."""
        for v in self.mentions:
            if not v.preprint:
                return v
        return None

    @property
    def preprint(self) -> Venue | None:
        for v in self.mentions:
            if v.preprint:
                return v
        return None

    @property
    def best(self) -> Venue | None:
        """The entry's venue: named in the text, else implied by the URL (preprints: None)."""
        return self.text or self.url


def _entry_regions(doc: Document, e: Entry) -> list[tuple[int, int]]:
    if e.kind == "row":
        return [(e.span.start, e.span.end)]
    start = e.head.start
    for sp in (e.marker_span, e.checkbox_span):
        if sp is not None and sp.end > start:
            start = sp.end
    regions = []
    if e.link_span.start > start:
        regions.append((start, e.link_span.start))
    if e.head.end > e.link_span.end:
        regions.append((e.link_span.end, e.head.end))
    return regions


def entry_venues(doc: Document, e: Entry, table: VenueTable,
                 headers: Mapping[int, tuple[str, ...]] | None = None) -> EntryVenues:
    text = doc.text
    links = [e.link_span, *(link.span for link in e.other_links)]
    mentions: list[Venue] = []
    date_only = False
    column_cells: set[tuple[int, int]] = set()
    if e.kind == "row":
        header = (headers or {}).get(e.line, ())
        if header:
            mentions_col, column_cells, date_only = _row_columns(doc, e, header, table, links)
            mentions.extend(mentions_col)
    for lo, hi in _entry_regions(doc, e):
        if column_cells:
            for a, b in _gaps(lo, hi, sorted(column_cells)):
                mentions.extend(scan_region(text, a, b, table, blank=links, row=True))
        else:
            mentions.extend(scan_region(text, lo, hi, table, blank=links, row=e.kind == "row"))
    for link in e.other_links:
        if link.kind == "image" and link.url_span is not None and "shields.io/badge/" in link.url:
            region = badge_region(text, link.url_span)
            if region is not None:
                body, lo, hi = region
                for v in scan_region(body, 0, len(body), table, forced="badge"):
                    mentions.append(_shift(v, lo))
    mentions.sort(key=lambda v: v.span.start if v.span else 0)
    url = url_venue(e.url, table)
    if url is None:
        for link in e.other_links:
            if link.kind != "image":
                url = url_venue(link.url, table)
                if url is not None:
                    break
    return EntryVenues(e.index, tuple(mentions), url, date_only and not mentions)


def _shift(v: Venue, by: int) -> Venue:
    import dataclasses

    def move(sp: Span | None) -> Span | None:
        return Span(sp.start + by, sp.end + by) if sp is not None else None

    return dataclasses.replace(v, span=move(v.span), name_span=move(v.name_span),
                               year_span=move(v.year_span))


def _gaps(lo: int, hi: int, cells: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    pos = lo
    for a, b in cells:
        if a > pos:
            yield pos, min(a, hi)
        pos = max(pos, b)
    if pos < hi:
        yield pos, hi


def _row_columns(doc: Document, e: Entry, header: tuple[str, ...], table: VenueTable,
                 links: list[Span]) -> tuple[list[Venue], set[tuple[int, int]], bool]:
    wanted = _VENUE_HEADERS | _YEAR_HEADERS | _DATE_HEADERS
    if not any(name in wanted for name in header):
        return [], set(), False
    src = doc.source
    line_start = src.line_start(e.line)
    line = src.line_text(e.line)
    cells = _split_cells(line)
    out: list[Venue] = []
    taken: set[tuple[int, int]] = set()
    year_cell = None
    date_cell = False
    for hi, name in enumerate(header):
        if hi < len(cells):
            a, b = cells[hi]
            if name in _YEAR_HEADERS and re.fullmatch(r"\s*(?:19|20)\d{2}\s*", line[a:b]):
                year_cell = int(line[a:b])
            if name in _DATE_HEADERS and _DATE_CELL.fullmatch(line[a:b]):
                date_cell = True
    for hi, name in enumerate(header):
        if name not in _VENUE_HEADERS or hi >= len(cells):
            continue
        a, b = cells[hi]
        lo, hi_ = line_start + a, line_start + b
        found = scan_region(doc.text, lo, hi_, table, forced="column", blank=links)
        taken.add((lo, hi_))
        for v in found:
            if v.year is None and year_cell is not None:
                import dataclasses

                v = dataclasses.replace(v, year=year_cell)
            out.append(v)
    return out, taken, date_cell


def document_venues(doc: Document, table: VenueTable | None = None) -> list[EntryVenues]:
    """The venues of every entry of ``doc``, in entry order."""
    table = table or load_table()
    headers = table_headers(doc) if any(e.kind == "row" for e in doc.entries) else {}
    return [entry_venues(doc, e, table, headers) for e in doc.entries]


def entry_venue(doc: Document, entry: Entry, table: VenueTable | None = None) -> Venue | None:
    """The venue of one entry: named in its text, else implied by its URL; None when there is
    none or only a preprint marker. (For many entries use :func:`document_venues`.)"""
    table = table or load_table()
    headers: dict[int, tuple[str, ...]] = {}
    if entry.kind == "row":
        headers = {entry.line: _header_above(doc, entry.line)}
    return entry_venues(doc, entry, table, headers).best


def _header_above(doc: Document, line: int) -> tuple[str, ...]:
    """The header of the table holding ``line``, found by walking up to the delimiter row."""
    src = doc.source
    n = line - 1
    while n > 1:
        t = src.line_text(n)
        if "-" in t and not t.strip(" \t|:-"):  # the delimiter row
            head = src.line_text(n - 1)
            return tuple(" ".join(head[a:b].strip().strip("*_").lower().split())
                         for a, b in _split_cells(head))
        if "|" not in t:
            break
        n -= 1
    return ()


def doc_venues_cached(doc: Document, memo: Memo, table: VenueTable) -> list[EntryVenues]:
    """:func:`document_venues`, computed once per document for all rules of a run."""
    return memo.get("venues.document", lambda: document_venues(doc, table), doc, table)


def loose_mentions(doc: Document, table: VenueTable) -> list[Venue]:
    """Venue mentions in list items that are not entries (an item whose title has no link:
    ``- [ ] [Title]: accepted by InfoCom'24``), for the spelling and year rules."""
    covered: set[int] = set()
    for e in doc.entries:
        covered.update(range(e.line, e.end_line + 1))
    out: list[Venue] = []
    link_spans = sorted((link.span for link in doc.links), key=lambda sp: sp.start)
    starts = [sp.start for sp in link_spans]
    import bisect

    for block in doc.text_blocks:
        if block.in_list and block.line not in covered:
            lo, hi = block.span.start, block.span.end
            k = bisect.bisect_left(starts, lo)
            blank = []
            while k < len(link_spans) and link_spans[k].start < hi:
                blank.append(link_spans[k])
                k += 1
            out.extend(scan_region(doc.text, lo, hi, table, blank=blank))
    return out


def uses_venues(found: Sequence[EntryVenues], settings: VenueSettings) -> bool:
    """Does the list use venues (config ``enabled``; auto: enough entries name one)?"""
    if settings.enabled == "on":
        return True
    if settings.enabled == "off":
        return False
    n = sum(1 for ev in found if ev.text is not None and ev.text.known)
    return n >= max(1, settings.min_entries)
