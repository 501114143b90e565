"""The :class:`Document`: everything the rules read about one file, computed once."""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from listlint.document.blocks import HtmlBlock, ListItem, MarkdownList, Table, TextBlock
from listlint.model import Entry, Link, Section, Span, Toc, Unread
from listlint.source import Source

if TYPE_CHECKING:
    from markdown_it.token import Token


@dataclass(slots=True)
class Document:
    """Everything the rules need to know about one file, computed once."""

    source: Source
    # markdown-it's tokens: kept only when ``parse(keep_tokens=True)`` (the fix verifier
    # renders them); a plain check drops them once the model is built (they are most of
    # the memory a parse holds)
    tokens: list[Token] | None
    sections: list[Section] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    tocs: list[Toc] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)  # normalised label -> url
    definitions: list[tuple[str, str, Span]] = field(default_factory=list)  # label, url, span
    used_labels: set[str] = field(default_factory=set)
    comments: list[tuple[int, str]] = field(default_factory=list)  # (offset, html comment)
    anchors: dict[str, int] = field(default_factory=dict)  # anchor -> section index
    front_matter: Span | None = None
    skipped: list[Span] = field(default_factory=list)  # <details>, HTML, code: no entries
    # the links the builder found in the source of each inline block it scanned, keyed by
    # the block's (start, end), as inline.link_ranges gives them: what the prose reads of a
    # block's links. Kept only when the prose can reuse them (no reference definitions);
    # the prose takes out each scan it reads (document.prose._links_in) and lets go of the
    # rest once it is built
    link_scans: dict[tuple[int, int], array[int]] = field(default_factory=dict)
    # the block structure, for rules that need more than entries (document.blocks)
    lists: list[MarkdownList] = field(default_factory=list)  # in opening order
    list_items: list[ListItem] = field(default_factory=list)  # in document order
    tables: list[Table] = field(default_factory=list)
    text_blocks: list[TextBlock] = field(default_factory=list)  # every inline block, in order
    html_blocks: list[HtmlBlock] = field(default_factory=list)
    linked_items: int = 0  # list items and table rows whose own text links out (http/https)
    unread: list[Unread] = field(default_factory=list)  # where linked items are no entries
    # the token map (first line, end line; 0-based, end exclusive) of every list and table,
    # sorted: what :func:`innermost_lists` needs once the tokens are gone
    containers: list[tuple[int, int]] = field(default_factory=list)
    # first line -> last line (1-based) of the outermost block that starts on that line and
    # spans more than it (a list, a table, a paragraph of several lines): see block_end
    block_ends: dict[int, int] = field(default_factory=dict)

    @property
    def unread_items(self) -> int:
        return sum(len(u.lines) for u in self.unread)

    def coverage_note(self) -> str | None:
        """One line for the user when many linked items of this list yield no entry, or when
        a file of many links yields (almost) no entry at all: entries written as headings, or
        in a layout listlint does not read, would otherwise pass as "All clear"."""
        missed = self.unread_items
        if self.linked_items < 10 or missed < 5 or missed < 0.2 * self.linked_items:
            return self._few_entries_note()
        read = self.linked_items - missed
        others = len(self.entries) - read  # written otherwise: paragraphs, <details>, HTML
        besides = f", besides {others} {'entry' if others == 1 else 'entries'} written " \
            "otherwise" if others > 0 else ""
        return (f"{self.path}: only {read} of {self.linked_items} linked list items and table "
                f"rows were read as entries{besides}; rules see only those (LL008 shows where)")

    def _few_entries_note(self) -> str | None:
        out = sum(1 for link in self.links if link.kind in ("inline", "reference", "autolink")
                  and link.url.startswith(("http://", "https://")))
        if out < 20 or len(self.entries) >= 0.1 * out:
            return None
        n = len(self.entries)
        return (f"{self.path}: {n} {'entry' if n == 1 else 'entries'} read from {out} links; "
                "links in headings, or in a layout listlint does not read, make no entry, and "
                "rules see only entries (`listlint entries` lists what was read)")

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def text(self) -> str:
        return self.source.text

    def line_span(self, first: int, last: int) -> Span:
        """Span of 1-based lines ``first`` .. ``last`` inclusive (without the final newline)."""
        return Span(self.source.line_start(first), self.source.line_end(last))

    def section_at(self, offset: int) -> int | None:
        starts = [s.span.start for s in self.sections]
        k = bisect.bisect_right(starts, offset) - 1
        return k if k >= 0 else None

    def block_end(self, line: int) -> int:
        """The last line (1-based) of the block that starts on line ``line``: a whole list,
        table, paragraph or code block (what remark calls a node); ``line`` itself when no
        block of several lines starts there."""
        return max(line, self.block_ends.get(line, line))


_CONTAINERS = frozenset({"bullet_list_open", "ordered_list_open", "table_open"})


class BlockLines:
    """:attr:`Document.containers` and :attr:`Document.block_ends` of a token stream, fed
    one token at a time in document order. A block counts for its first line while no block
    seen before it started further down."""

    __slots__ = ("containers", "ends", "top")

    def __init__(self) -> None:
        self.containers: list[tuple[int, int]] = []
        self.ends: dict[int, int] = {}
        self.top = -1  # the furthest first line (0-based) of a block so far

    def add(self, t: Token) -> None:
        m = t.map
        if not m:
            return
        start = m[0]
        if t.type in _CONTAINERS:
            self.containers.append((start, m[1]))
        ends = self.ends
        if t.nesting >= 0 and start >= self.top and m[1] > start + 1 and \
                m[1] > ends.get(start + 1, 0):
            ends[start + 1] = m[1]
        if start > self.top:
            self.top = start

    def result(self) -> tuple[list[tuple[int, int]], dict[int, int]]:
        self.containers.sort()
        return self.containers, self.ends


def innermost_lists(doc: Document) -> list[int | None]:
    """For every entry, the first line (1-based) of the innermost list or table holding it;
    None for an entry outside any (an HTML table). Two entries of one section in different
    lists (``* HTTP Client`` / ``* HTTP Server`` sub-lists, lists under two bold labels) are
    in two places. One pass over the tokens and the entries, both in document order."""
    spans = doc.containers
    out: list[int | None] = []
    stack: list[tuple[int, int]] = []
    k = 0
    for e in doc.entries:
        row = e.line - 1
        while k < len(spans) and spans[k][0] <= row:
            while stack and stack[-1][1] <= spans[k][0]:
                stack.pop()
            stack.append(spans[k])
            k += 1
        while stack and stack[-1][1] <= row:
            stack.pop()
        out.append(stack[-1][0] + 1 if stack else None)
    return out
