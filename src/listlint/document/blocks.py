"""The block structure of a document, built in the same pass as its entries.

Rules and fixers that need more than entries (the lists and their items, the tables and
their headers, the text blocks that hold prose, the HTML blocks) read these instead of
walking markdown-it tokens again. Lines are 1-based.
"""

from __future__ import annotations

from dataclasses import dataclass

from listlint.model import Span


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a Markdown list."""

    line: int  # its first line
    end: int  # the last line of its token range (may be blank; nested items included)
    depth: int  # how many list items enclose it
    list: int  # index of its list in Document.lists
    empty: bool  # a bare marker: the item holds nothing


@dataclass(frozen=True, slots=True)
class MarkdownList:
    """A bullet or ordered list; nested lists are separate lists with a parent."""

    index: int  # in opening order (a parent before its nested lists)
    marker: str  # "-", "*", "+", "." or ")"
    ordered: bool
    level: int  # markdown-it nesting level of the list (blockquotes and items count)
    depth: int  # how many list items enclose it
    span: Span  # its lines
    items: tuple[ListItem, ...]
    parent: int | None  # index of the list that encloses it


@dataclass(frozen=True, slots=True)
class Table:
    """A Markdown (GFM) table."""

    span: Span
    header: tuple[str, ...]  # the header cells, lower-cased, whitespace collapsed
    rows: tuple[int, ...]  # the line of each body row


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A block of inline text: a heading, a paragraph, a table cell."""

    span: Span  # the lines it is on
    line: int
    last: int
    kind: str  # "heading" or "paragraph" (table cells included)
    in_list: bool  # inside a list item


@dataclass(frozen=True, slots=True)
class HtmlBlock:
    """A block of raw HTML (outside or inside lists)."""

    span: Span
    line: int
    content: str  # as markdown-it holds it (indentation of a container removed)
