"""What the LL5xx rules share: the facts of one document worked out once for all of them
(:class:`Shared`), the drift between observations and conventions, and small line helpers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from listlint.document.layouts import STYLED_LAYOUTS
from listlint.entry_text import separator_kind
from listlint.model import Applicability, Entry, Fix
from listlint.registry import Context
from listlint.rules.style.blocks import ListBlock, list_blocks
from listlint.rules.style.inference import Convention
from listlint.rules.style.settings import StyleSettings, settings

if TYPE_CHECKING:
    from listlint.document import Document

#: The blanks after a list marker or a checkbox.
BLANKS = re.compile(r"[ \t]*")


@dataclass(slots=True)
class Shared:
    """What several LL5xx rules read from one document, worked out once for all of them."""

    doc: Document
    settings: StyleSettings
    items: list[Entry]  # the entries that are list items (they have a list marker)
    _blocks: list[ListBlock] | None = None
    _separators: list[tuple[Entry, str]] | None = None
    _kinds: list[tuple[Entry, str]] | None = None
    _heads: list[tuple[Entry, int, int]] | None = None

    def blocks(self) -> list[ListBlock]:
        """The lists of the document (:func:`~listlint.rules.style.blocks.list_blocks`)."""
        if self._blocks is None:
            self._blocks = list_blocks(self.doc)
        return self._blocks

    def separators(self) -> list[tuple[Entry, str]]:
        """(entry, separator as written) for entries whose description follows a separator."""
        if self._separators is None:
            self._separators = _separator_obs(self.items)
        return self._separators

    def separator_kinds(self) -> list[tuple[Entry, str]]:
        """(entry, :func:`separator_kind` of its separator), in the order of :meth:`separators`."""
        if self._kinds is None:
            self._kinds = [(e, separator_kind(sep) or "") for e, sep in self.separators()]
        return self._kinds

    def heads(self) -> list[tuple[Entry, int, int]]:
        """(entry, first line, last line) of the head of every item entry."""
        if self._heads is None:
            line_of = self.doc.source.line_of
            heads = []
            for e in self.items:
                start, end = e.head.start, e.head.end
                first = line_of(start)
                heads.append((e, first, line_of(end - 1) if end > start + 1 else first))
            self._heads = heads
        return self._heads


def shared_facts(ctx: Context) -> Shared:
    """The :class:`Shared` facts of ``ctx.doc``, computed by the first LL5xx rule that asks."""
    def make() -> Shared:
        items = [e for e in ctx.doc.entries if e.kind == "item" and e.marker_span is not None
                 and e.layout in STYLED_LAYOUTS]  # never a layout it cannot infer
        return Shared(ctx.doc, settings(ctx.config), items)

    return ctx.memo.get("style.shared", make, ctx.doc, ctx.config)


def drift(obs: list[tuple[Entry, str]],
           conv: dict[int, Convention]) -> Iterator[tuple[Entry, str, Convention]]:
    """(entry, value, expected convention) for the observations that depart from it."""
    for e, value in obs:
        c = conv.get(e.index)
        if c is not None and value != c.value:
            yield e, value, c


def guard(fix: Fix | None, c: Convention) -> Fix | None:
    """``fix``, unsafe when its convention is a section's that the list as a whole does not
    share: the line would then disagree with the list's own majority."""
    if fix is None or not c.contested or fix.applicability is Applicability.UNSAFE:
        return fix
    return replace(fix, applicability=Applicability.UNSAFE)


def content_start(ctx: Context, e: Entry) -> int:
    """Offset of the first character after the list marker and its spaces."""
    assert e.marker_span is not None
    return BLANKS.match(ctx.doc.text, e.marker_span.end).end()  # type: ignore[union-attr]


def _separator_obs(items: list[Entry]) -> list[tuple[Entry, str]]:
    """(entry, separator as written) for entries whose description follows a separator."""
    out = []
    for e in items:
        if e.separator_span is None or e.description_span is None or not e.separator:
            continue
        d = e.description
        if not d or "\n" in e.separator:
            continue
        kind = separator_kind(e.separator)
        if kind is None:
            continue
        if d[0] in "[!<":
            continue  # another link or a badge follows: not a description
        if kind == " " and not d[0].isalnum():
            continue  # `⚠` - …, (annotation) - …: the real separator comes later
        out.append((e, e.separator))
    return out
