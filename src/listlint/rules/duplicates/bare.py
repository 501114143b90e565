"""Bare URLs (`https://...` written without brackets) that repeat an entry's link or an
earlier bare URL (LL101)."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from listlint.document import Document
from listlint.document.layouts import is_label
from listlint.linkid import describe_identity, entry_identity
from listlint.model import Diagnostic, Entry, Link, Severity
from listlint.registry import Context
from listlint.rules.duplicates.items import DUPLICATE_LINK, Item, short

# a line that lists something: a list item or a table row, not a paragraph of prose (matched
# at the line's start, up to its end: never a copy of the line, which may hold 100k URLs)
_LISTING_LINE = re.compile(r"\s*(?:[-*+]|\d+[.)]|\|)\s")
_INDENT = re.compile(r"\s*")
_FIELD_NAMES = frozenset(("source", "source code", "license", "author", "authors", "contact",
                          "maintainer", "mirror", "web server", "online version"))
# "**Web server:** ", "Code: ": a short label and a colon before the URL
_FIELD = re.compile(r"[ \t]*[*_]{0,2}[^\W\d][\w./&+-]*(?:[ \t]+[\w./&+-]+){0,2}[ \t]*[:：]"
                    r"[ \t]*[*_]{0,2}[ \t]*")


@dataclass(frozen=True, slots=True)
class _Bare:
    link: Link
    ident: str
    section: int | None


def _bare_urls(ctx: Context) -> list[_Bare]:
    """The bare URLs that list something on their own: in a list item or a table row, not
    inside an entry (where they are side links, like `[code]`), not in prose, not in a
    skipped section or an ignored URL."""
    doc, config = ctx.doc, ctx.config
    starts = [e.span.start for e in doc.entries]
    sec_starts = [s.span.start for s in doc.sections]
    out = []
    for link in doc.links:
        if link.kind != "bare":
            continue
        k = bisect.bisect_right(starts, link.span.start) - 1
        if k >= 0 and link.span.start < doc.entries[k].span.end:
            continue  # a side link of an entry
        listing = _on_line(doc, _LISTING_LINE, link.span.start)
        if not listing or _field(doc.text, listing.end(), link.span.start):
            continue  # "- **Code:** https://…": a field of the entry it is under
        url = link.url.strip()
        if config.url_ignored(url):
            continue
        sec = bisect.bisect_right(sec_starts, link.span.start) - 1
        if sec >= 0 and config.section_skipped(doc.sections[sec].path):
            continue
        ident = entry_identity(url if "://" in url else "https://" + url)
        if ident:
            out.append(_Bare(link, ident, sec if sec >= 0 else None))
    return out


def _field(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` (before a bare URL) the label of a field, ``**Code:**`` or
    ``Web server:``, rather than a name (``- Awesome Go: https://…`` lists a thing)?"""
    m = _FIELD.fullmatch(text, start, end)
    if m is None:
        return False
    name = m.group().strip(" \t*_:：")
    return is_label(name) or " ".join(name.lower().split()) in _FIELD_NAMES


def _on_line(doc: Document, pattern: re.Pattern[str], offset: int) -> re.Match[str] | None:
    """``pattern`` matched at the start of the line of ``offset``, within that line."""
    line = doc.source.line_of(offset)
    return pattern.match(doc.text, doc.source.line_start(line), doc.source.line_end(line))


def _indent(doc: Document, offset: int) -> int:
    m = _on_line(doc, _INDENT, offset)
    return m.end() - m.start() if m else 0


def bare_duplicates(ctx: Context, items: list[Item]) -> Iterator[Diagnostic]:
    """LL101 for bare URLs: one that repeats an entry's link or an earlier bare URL. Never
    fixed (which copy to keep is a human decision); a *warning* in the same section (where
    its list is not known as an entry's is), an *info* cross-listing in another."""
    bare = _bare_urls(ctx)
    if not bare:
        return
    doc = ctx.doc
    entry_of: dict[str, Entry] = {}
    for it in items:
        if it.ident:
            entry_of.setdefault(it.ident, it.entry)
    starts = [e.span.start for e in doc.entries]
    seen: dict[str, _Bare] = {}
    for b in bare:
        first = seen.setdefault(b.ident, b)
        entry = entry_of.get(b.ident)
        k = bisect.bisect_right(starts, b.link.span.start) - 1
        if entry is not None and k >= 0 and doc.entries[k] is entry and \
                _indent(doc, b.link.span.start) > _indent(doc, entry.span.start):
            continue  # the entry's own sub-item
        if entry is not None:
            line, sec, what = entry.line, entry.section, f"the link of '{short(entry.title)}'"
            span = entry.link_span
        elif first is not b:
            line, sec, what = first.link.line or ctx.line(first.link.span.start), \
                first.section, "a bare URL"
            span = first.link.span
        else:
            continue
        same = f"same {describe_identity(b.ident)}"
        if sec != b.section and sec is not None:
            msg = (f"also listed under section '{short(doc.sections[sec].title, 40)}' (line "
                   f"{line}): {same}; keep both if the cross-listing is meant")
            severity = Severity.INFO
        else:
            msg = f"bare URL repeats {what} on line {line}: {same}"
            severity = Severity.WARNING
        d = ctx.at(b.link.span, msg, related=(ctx.related(span, "first occurrence"),))
        if DUPLICATE_LINK not in ctx.config.severity:
            d = dataclasses.replace(d, severity=min(d.severity, severity))
        yield d
