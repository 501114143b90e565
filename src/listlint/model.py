"""Small immutable value types shared by the parser, the rules, the fixer and the reporters.

Positions are offsets into the *normalised* text of a file (every line ending turned into
``\\n``, the BOM removed); :class:`listlint.source.Source` turns them into 1-based line and
column numbers and into byte offsets of the file on disk.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How bad a diagnostic is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of offsets in the normalised text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink anywhere in the document (inline, reference or autolink)."""

    text: str
    url: str
    span: Span
    url_span: Span | None = None
    kind: str = "inline"  # inline | reference | autolink | image | bare (a URL in plain text)
    line: int = 0


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the part of the document it governs."""

    title: str
    level: int
    anchor: str
    span: Span  # the heading line
    body: Span  # from the heading to the next heading of the same or a higher level
    path: tuple[str, ...]
    parent: int | None  # index into Document.sections
    index: int = 0
    line: int = 0


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of the list, in any layout: a list item whose title is a link or text with side
    links, a title whose links sit in sub-bullets, a Markdown or HTML table row, a ``<summary>``.

    ``layout`` says which (see :mod:`listlint.document.layouts`); ``link_span`` is the span of
    the entry's own link (its title link, or the paper link of a title written as text).
    """

    index: int
    kind: str  # "item" or "row"
    title: str
    url: str
    span: Span  # the whole item or row, sub-items excluded
    head: Span  # the first line(s) of the item: checkbox, markers, link, separator, description
    link_span: Span  # ``[title](url)`` including brackets
    title_span: Span
    url_span: Span | None
    separator: str  # as written, e.g. ": " or " - "; "" when there is no description
    separator_span: Span | None
    description: str
    description_span: Span | None
    checked: bool | None  # None: no checkbox
    checkbox_span: Span | None
    markers: tuple[str, ...]
    other_links: tuple[Link, ...]
    depth: int  # 0 for a top-level item
    parent: int | None  # index of the enclosing entry, if any
    section: int | None  # index into Document.sections
    section_path: tuple[str, ...]
    list_marker: str  # "-", "*", "+", "1." ... ; "|" for table rows
    marker_span: Span | None
    emphasis: str  # "**", "*", "__", "_" around the title, or ""
    link_kind: str  # inline | reference | autolink
    line: int = 0
    end_line: int = 0
    sub_span: Span | None = None  # the item including its nested sub-items
    layout: str = "list-link"  # how the entry is written: one of document.layouts.LAYOUTS


@dataclass(frozen=True, slots=True)
class Unread:
    """A list or table whose items carry links but were not read as entries."""

    span: Span  # the list or table
    lines: tuple[int, ...]  # the first line of each unread item or row
    kind: str  # "list" or "table"


@dataclass(frozen=True, slots=True)
class TocItem:
    text: str
    anchor: str
    depth: int
    span: Span
    line: int = 0


@dataclass(frozen=True, slots=True)
class Toc:
    """A table of contents: a list whose links point at headings of this document."""

    items: tuple[TocItem, ...]
    span: Span
    section: int | None
    marker: str
    indent: int  # spaces per nesting level


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``[start, end)`` of the normalised text by ``content``."""

    start: int
    end: int
    content: str


class Applicability(enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    removes_entries: tuple[int, ...] = ()  # entry indexes a fix deliberately deletes
    description: str = ""
    formatting: bool = False  # True: the rendered HTML must stay identical


@dataclass(frozen=True, slots=True)
class Related:
    start: int
    end: int
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding: which rule, where (offsets), how bad, what to say, and maybe how to fix it."""

    code: str
    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    fix: Fix | None = None
    related: tuple[Related, ...] = field(default=())
