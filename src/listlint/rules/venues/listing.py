"""The table of ``listlint venues``: each entry's venue and where it comes from (the text,
the URL, a look-up, a preprint marker)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from listlint.rules.venues.entries import EntryVenues
from listlint.venue.mention import render_venue

if TYPE_CHECKING:
    from listlint.document import Document

@dataclass(frozen=True, slots=True)
class VenueRow:
    """One line of ``listlint venues``."""

    line: int
    title: str
    url: str
    venue: str  # "OSDI'24", "" when none
    name: str
    year: int | None
    qualifier: str
    source: str  # text | url | lookup | lookup? (not confident) | preprint | ""
    evidence: str


def venue_rows(doc: Document, found: Sequence[EntryVenues], looked: Mapping[int, Any],
               show_all: bool = False) -> list[VenueRow]:
    """The table of ``listlint venues``: each entry's venue and where it comes from."""
    rows = []
    for ev in found:
        e = doc.entries[ev.entry]
        v = ev.text or ev.url
        source = v.source if v is not None else ""
        evidence = (v.written if v is not None and v.source == "text" else
                    v.evidence if v is not None else "")
        name, year, qualifier = (v.name, v.year, v.qualifier) if v is not None else ("", None, "")
        f = looked.get(ev.entry)
        if v is None and f is not None and f.venue and not f.preprint:
            name, year, qualifier = f.venue, f.year, ""
            source = "lookup" if f.confident else "lookup?"
            evidence = f"{f.service}: {f.evidence}"
        elif v is None and (ev.preprint is not None or ev.date_only or
                            (f is not None and f.preprint)):
            p = ev.preprint
            name, year = "arXiv", p.year if p is not None else None
            source = "preprint"
            evidence = p.written if p is not None else (f"{f.service}: {f.evidence}" if f else
                                                       "date column")
        if not source and not show_all:
            continue
        label = render_venue(name, year, qualifier) if name else ""
        rows.append(VenueRow(e.line, e.title, e.url, label, name, year, qualifier, source,
                             evidence))
    return rows
