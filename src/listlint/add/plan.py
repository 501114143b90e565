"""One new entry, from metadata to the edited text: never twice, in the right place, the
list's way.

:func:`find_existing` refuses what the list already holds (same link identity: arXiv abs/pdf/
version, DOI, OpenReview id, GitHub repository...; or the same title). :func:`plan_entry`
merges the options over the metadata (options win), chooses the section and the spot, renders
the line and returns the new text with an :class:`Added` record; :func:`verify_added` proves
that every entry of the list survived and the new one reads back as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from listlint.add.metadata import Metadata
from listlint.add.place import Choice, Spot, find_section, own_entries, position, propose_section
from listlint.add.render import HouseStyle, house_style, render_item, render_row
from listlint.document import Document, parse
from listlint.linkid import describe_identity, link_identity
from listlint.model import Entry
from listlint.rules.venues.entries import document_venues, table_headers
from listlint.rules.venues.notation import file_notation
from listlint.source import InputError, Source
from listlint.text import normalise_title, shorten
from listlint.venue.mention import Venue
from listlint.venue.scan import accepted_venue
from listlint.venue.table import VenueTable

_NUMBER = re.compile(r"(\d{1,9})([.)])")


class AlreadyThere(Exception):
    """The list holds this link or title already; the message names the line (exit 1)."""


class NoSection(Exception):
    """No section was given and none could be chosen; the message says what to do (exit 2)."""


@dataclass(frozen=True, slots=True)
class Wanted:
    """What the user asked for one URL: the options override the metadata."""

    title: str = ""
    description: str = ""
    venue: str = ""
    section: str = ""


@dataclass(frozen=True, slots=True)
class Added:
    """What was inserted, where and why."""

    line: int
    text: str
    section: str
    how: str  # alphabetical | newest first | oldest first | at the end | new list
    why: str  # why this section, when listlint chose it
    title: str
    url: str


def find_existing(doc: Document, url: str, title: str) -> Entry | None:
    """An entry with the same link identity (its main link or another link), or title."""
    want = link_identity(url)
    for e in doc.entries:
        if link_identity(e.url) == want or any(
                link.kind != "image" and link_identity(link.url) == want for link in e.other_links):
            return e
    key = normalise_title(title)
    if len(key) >= 8:
        return next((e for e in doc.entries if normalise_title(e.title) == key), None)
    return None


def duplicate_message(doc: Document, e: Entry, url: str, title: str) -> str:
    same = link_identity(e.url) == link_identity(url) or any(
        link_identity(link.url) == link_identity(url) for link in e.other_links)
    what = describe_identity(link_identity(url)) if same else f"title {title!r}"
    line = doc.source.line_text(e.line).strip()
    line = "".join(c if c.isprintable() else repr(c)[1:-1] for c in line)  # no escape sequence
    line = shorten(line, 100)
    return f"{doc.path}:{e.line}: already in the list (same {what}): {line}"


def choose_section(doc: Document, wanted: Wanted, title: str, description: str, kind: str,
                   confirm: Callable[[Choice], bool] | None) -> Choice:
    """``--section`` when given; else the proposal, if ``confirm`` accepts it."""
    if wanted.section:
        return Choice(find_section(doc, wanted.section), "")
    choice = propose_section(doc, title, description, kind)
    if choice is None:
        raise NoSection(f"{doc.path}: no section looks like a home for {title!r}: "
                        "choose one with --section NAME")
    where = " > ".join(doc.sections[choice.section].path)
    if confirm is None or not confirm(choice):
        raise NoSection(f"{doc.path}: proposed section {where!r} ({choice.why}); "
                        "confirm with --yes or choose with --section NAME")
    return choice


#: How a paper was presented, not where: a list names the venue without it.
_PRESENTATION = frozenset({"Oral", "Spotlight", "Poster", "Demo"})


def _venue_of(wanted: Wanted, meta: Metadata, table: VenueTable) -> Venue | None:
    if wanted.venue:
        v = accepted_venue(wanted.venue, table)
        return v if v is not None else Venue(" ".join(wanted.venue.split()), status="unknown")
    v = meta.venue
    return replace(v, qualifier="") if v is not None and v.qualifier in _PRESENTATION else v


def _date(meta: Metadata, venue: Venue | None) -> tuple[int, int] | None:
    key = meta.target.key
    if meta.target.kind == "arxiv" and key[:4].isdigit():
        return 2000 + int(key[:2]), int(key[2:4])
    year = (venue.year if venue is not None else None) or meta.year
    return (year, 0) if year else None


def plan_entry(doc: Document, meta: Metadata, wanted: Wanted, table: VenueTable,
               confirm: Callable[[Choice], bool] | None = None) -> tuple[str, Added]:
    """The new text of ``doc`` with the entry inserted, and what was inserted."""
    title = wanted.title or meta.title
    if not title:
        why = next((m.split(": ", 1)[1] for m in meta.missing if m.startswith("title:")),
                   "nothing known")
        raise InputError(f"{meta.target.url}: no title ({why}): give one with --title")
    description = wanted.description or meta.description
    choice = choose_section(doc, wanted, title, description, meta.target.kind, confirm)
    venue = _venue_of(wanted, meta, table)
    found = document_venues(doc, table)
    notation = file_notation(doc, found)
    writes_venues = sum(1 for ev in found if ev.text is not None and ev.text.known) >= 1
    if not writes_venues and not wanted.venue:
        venue = None  # the list does not name venues: do not start now
    elif venue is not None and venue.year is None and meta.year and not wanted.venue:
        venue = replace(venue, year=meta.year)
    if venue is not None and wanted.venue and venue.status == "alias" and \
            venue.name not in notation.spellings:
        venue = replace(venue, name=venue.written)  # "ATC'24" as given, not "USENIX ATC'24"
    date = _date(meta, venue)
    spot = position(doc, choice.section, title, date, table, description)
    section_entries = own_entries(doc, choice.section)
    style = house_style(doc, section_entries, notation)
    line = _line(doc, spot, title, meta.target.url, description, venue, date, style)
    text, line_no = _insert(doc, spot, line)
    section = " > ".join(doc.sections[choice.section].path)
    return text, Added(line_no, line, section, spot.how, choice.why, title, meta.target.url)


def _line(doc: Document, spot: Spot, title: str, url: str, description: str,
          venue: Venue | None, date: tuple[int, int] | None, style: HouseStyle) -> str:
    model = spot.model
    if model is not None and model.kind == "row":
        header = table_headers(doc).get(model.line, ())
        return render_row(doc, model, header, title, url, description, venue, date,
                          style.venues)
    indent = ""
    if model is not None and model.marker_span is not None:
        start = doc.source.line_start(model.line)
        indent = doc.text[start:model.marker_span.start]
        if model.list_marker[:1].isdigit():
            style = replace(style, marker=_number(doc, model, spot))
        elif spot.joins:
            style = replace(style, marker=model.list_marker)  # one list keeps one marker
    return render_item(title, url, description, venue, style, indent)


def _number(doc: Document, model: Entry, spot: Spot) -> str:
    """The marker of a new item of a numbered list: the list's one number when every item
    has it (``1.`` throughout), else the next number after the last item, or the number of
    the item it goes before."""
    same = {e.list_marker for e in doc.entries
            if e.section == model.section and e.depth == model.depth and e.kind == "item"}
    m = _NUMBER.match(model.list_marker)
    if len(same) == 1 or m is None or not spot.after:
        return model.list_marker
    return f"{int(m.group(1)) + 1}{m.group(2)}"


def _insert(doc: Document, spot: Spot, line: str) -> tuple[str, int]:
    text = doc.text
    gap = "\n\n" if spot.loose else "\n"
    if spot.model is None:  # an empty section: a new list under the heading
        at = spot.offset
        rest = text[at:].lstrip("\n")
        return text[:at] + "\n\n" + line + ("\n\n" + rest if rest else "\n"), \
            doc.source.line_of(at) + 2
    if spot.after:
        at = spot.offset
        return text[:at] + gap + line + text[at:], doc.source.line_of(at) + len(gap)
    at = spot.offset
    return text[:at] + line + gap + text[at:], doc.source.line_of(at)


def verify_added(before: Document, text: str, added: Added) -> Document:
    """Parse the new text; every old entry must be there and the new one must read back with
    its title and URL (else :class:`listlint.fix.VerificationError`)."""
    from listlint.fix import VerificationError, verify

    after = parse(Source.from_text(text, before.source.path))
    verify(before, after)
    if len(after.entries) != len(before.entries) + 1 or not any(
            e.url == added.url and e.line == added.line for e in after.entries):
        raise VerificationError(f"the new entry would not read back as an entry of the list "
                                f"(line {added.line}): {added.text[:80]!r}")
    return after


__all__ = ["Added", "AlreadyThere", "NoSection", "Wanted", "choose_section", "duplicate_message",
           "find_existing", "plan_entry", "verify_added"]
