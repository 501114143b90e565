"""The builder's state: what one pass over the token stream keeps while it fills a Document.

The topic modules (``sections``, ``links``, ``items``, ``titles``, ``tables``, ``html``) are
functions of this state; ``build`` walks the tokens and calls them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from listlint.document.blocks import ListItem, MarkdownList
from listlint.document.document import Document
from listlint.document.layouts import TextTitle
from listlint.inline import RawLink, link_ranges, normalize_label, scan_links
from listlint.model import Entry, Link, Span

if TYPE_CHECKING:
    from markdown_it.token import Token


@dataclass(slots=True)
class OpenItem:
    """A list item whose closing token has not been reached yet."""

    token: Token
    entry: Entry | None = None
    head_done: bool = False  # its first block (the entry's head, if any) has been seen
    anchor: Anchor | None = None  # the title (or entry) its sub-bullets' side links join


@dataclass(slots=True)
class Anchor:
    """A title written as text whose links come below it (in sub-bullets or a list after a
    bold paragraph), or an existing entry that side links below it join."""

    entry: int | None  # the entry they join; None: an entry is made when the title is done
    title: TextTitle | None
    head: Span
    links: list[Link]
    entries_at: int  # how many entries there were at the title: one more means it is late
    item: Token | None = None
    marker_span: Span | None = None
    content_start: int = 0
    depth: int = 0
    end: int = 0


#: A ToC item waiting for its list to close: text, anchor, span, line, depth, indentation.
TocRow = tuple[str, str, Span, int, int, int]


@dataclass(slots=True)
class OpenList:
    """A list whose closing token has not been reached yet."""

    token: Token
    items: list[bool | None] = field(default_factory=list)  # True: an entry, None: a ToC item
    toc_items: list[TocRow] = field(default_factory=list)
    index: int = 0  # in opening order: its index in Document.lists
    depth: int = 0  # list items around it
    parent: int | None = None
    list_items: list[ListItem] = field(default_factory=list)

#: A link token of an inline block: the :class:`Link` recorded for it and its source match
#: (None when the tokens and the source scan could not be paired).
InlineLink = tuple[Link, RawLink | None]


class State:
    """One pass over the token stream that fills a Document: what it has seen so far."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.src = doc.source
        self.text = doc.source.text
        self.item_stack: list[OpenItem] = []
        self.list_stack: list[OpenList] = []
        self.block_anchor: Anchor | None = None  # a bold title paragraph or <summary> entry
        # a lone bold link paragraph's entry (index, the paragraph's end line, 0-based): a
        # group's header when the list right below it has entries (titles.before_entry)
        self.header_entry: tuple[int, int] | None = None
        self.consumed = False  # the item head just read was a ToC item or joined a title
        self.table_span: Span | None = None
        self.unread: dict[int, tuple[Span, str, list[int]]] = {}
        self.lists: list[MarkdownList] = []
        self.lists_opened = 0
        self.table_header: tuple[str, ...] = ()
        self.table_rows: list[int] = []
        self.slug_counts: dict[str, int] = {}
        self.heading_stack: list[int] = []
        self.current_section: int | None = None
        self.last_heading_offset = -1
        self.header: list[str] = []  # the column names of the last table header row
        self.span_cache: dict[tuple[int, int], Span] = {}
        # the scans of the top-level block being read (an item head and its block share
        # one); the document keeps each in compact form for the prose, unless the file
        # defines references (the prose scans every block itself then: see build.parse)
        self.scan_cache: dict[tuple[int, int], list[RawLink]] = {}
        self.keep_scans = not doc.references
        self.collected: Token | None = None  # an inline block whose links are recorded already
        self.line_count = doc.source.line_count
        # one int object per line number, shared by the text blocks, list items, entries and
        # links of a line (each would hold its own equal int: a huge list has a few per line)
        self.line_numbers = list(range(self.line_count + 2))
        refs = doc.references
        self.is_reference: Callable[[str], bool] = (
            (lambda label: normalize_label(label) in refs) if refs else _no_reference)

    def lines_span(self, m: list[int]) -> Span:
        """Span of the lines of a token map (one shared object per map: spans are values)."""
        key = (m[0], m[1])
        span = self.span_cache.get(key)
        if span is None:
            first = m[0] + 1
            last = min(max(first, m[1]), self.line_count)
            span = self.span_cache[key] = Span(*self.src.lines_offsets(first, last))
        return span

    def line_no(self, n: int) -> int:
        """Line number ``n`` as the state's shared int (``n`` itself past the last line)."""
        numbers = self.line_numbers
        return numbers[n] if 0 <= n < len(numbers) else n

    def line_of(self, offset: int) -> int:
        """The 1-based line of ``offset`` (:meth:`Source.line_of`), as a shared int."""
        return self.line_numbers[self.src.line_of(offset)]

    def scan(self, span: Span) -> list[RawLink]:
        """Links in the source of ``span`` (cached: an item head and its block share it)."""
        key = (span.start, span.end)
        cached = self.scan_cache.get(key)
        if cached is None:
            cached = scan_links(self.text, self.is_reference, span.start, span.end)
            self.scan_cache[key] = cached
            if self.keep_scans:
                self.doc.link_scans[key] = link_ranges(cached)
        return cached

    def raw_link(self, r: RawLink) -> Link:
        """The :class:`Link` of a source match (reference links resolved)."""
        url = r.dest
        kind = "image" if r.image else r.kind
        if r.kind == "reference":
            url = self.doc.references.get(normalize_label(r.dest), "")
        return Link(self.text[r.text_start:r.text_end], url, Span(r.start, r.end),
                    Span(r.dest_start, r.dest_end), kind, self.line_of(r.start))

    def section_path(self) -> tuple[str, ...]:
        """The heading path of the current section (``()`` before the first heading)."""
        sec = self.current_section
        return self.doc.sections[sec].path if sec is not None else ()

    def indent_of(self, line_no: int) -> int:
        line = self.src.line_text(line_no)
        return len(line) - len(line.lstrip(" \t"))


def parent_entry(items: list[OpenItem]) -> int | None:
    """The index of the innermost of ``items`` that is an entry."""
    for it in reversed(items):
        if it.entry is not None:
            return it.entry.index
    return None


def _no_reference(label: str) -> bool:
    """The reference test of a document without reference definitions."""
    return False
