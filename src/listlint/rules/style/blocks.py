"""The lists of a document as Markdown sees them (:class:`ListBlock`): which items form one
list, where it starts and ends, and whether it is loose. Shared by the style rules and by any
code that needs to know which items form one Markdown list (``listlint add`` places entries
with it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from listlint.document.layouts import STYLED_LAYOUTS

if TYPE_CHECKING:
    from listlint.document import Document


@dataclass(frozen=True, slots=True)
class ListBlock:
    """One Markdown list: its marker, lines, items and the entries they are."""

    index: int
    marker: str  # "-", "*", "+" for bullets; "." or ")" for ordered lists
    ordered: bool
    level: int  # markdown-it nesting level of the list token
    depth: int  # enclosing list items
    first_line: int  # 1-based
    last_line: int  # last non-blank line, 1-based
    items: tuple[tuple[int, int], ...]  # (first line, last non-blank line), 1-based
    entries: tuple[int | None, ...]  # entry index of each item, None when it is no entry
    parent: int | None  # enclosing ListBlock


def list_blocks(doc: Document) -> list[ListBlock]:
    """Every list of ``doc`` in document order (nested lists after their parent)."""
    src = doc.source
    by_line = {(e.line, e.depth): e.index for e in doc.entries  # a marker is on the first line
               if e.kind == "item" and e.marker_span is not None and e.layout in STYLED_LAYOUTS}

    def last_nonblank(first: int, end_excl: int) -> int:
        n = min(end_excl - 1, src.line_count)
        while n > first and not src.line_text(n).strip():
            n -= 1
        return max(n, first)

    out = []
    for lst in doc.lists:  # in opening order, each with at least one item
        items = tuple((it.line, it.line if it.end <= it.line else last_nonblank(it.line, it.end + 1))
                      for it in lst.items)
        out.append(ListBlock(
            lst.index, lst.marker, lst.ordered, lst.level, lst.depth, items[0][0], items[-1][1],
            items, tuple(by_line.get((it.line, it.depth)) for it in lst.items), lst.parent))
    return out


def neighbour(doc: Document, blocks: Sequence[ListBlock], k: int,
              step: int) -> tuple[ListBlock, int] | None:
    """The list next to list ``k`` (``step`` -1: before it, +1: after it) at the same level
    and in the same container, with the number of blank lines between them; None when other
    content separates them (so they could never merge into one list)."""
    b = blocks[k]
    j = k + step
    while 0 <= j < len(blocks) and blocks[j].level > b.level:
        j += step
    if not 0 <= j < len(blocks) or blocks[j].level != b.level or blocks[j].parent != b.parent:
        return None
    other = blocks[j]
    lo, hi = (other.last_line, b.first_line) if step < 0 else (b.last_line, other.first_line)
    src = doc.source
    for n in range(lo + 1, hi):
        if src.line_text(n).strip():
            return None
    return other, hi - lo - 1


def internally_loose(doc: Document, b: ListBlock) -> bool:
    src = doc.source
    for first, last in b.items:
        for n in range(first + 1, last):
            if not src.line_text(n).strip():
                return True
    return False


def is_loose(doc: Document, b: ListBlock) -> bool:
    """Blank lines between the items of ``b`` or inside one."""
    return any(nxt[0] > cur[1] + 1 for cur, nxt in zip(b.items, b.items[1:])) or \
        internally_loose(doc, b)


def is_quoted(doc: Document, b: ListBlock) -> bool:
    line = doc.source.line_text(b.first_line)
    return line.lstrip().startswith(">") or "\t" in line[: len(line) - len(line.lstrip())]

