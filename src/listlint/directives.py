"""The directive comments of a document: the one parser of them.

listlint's own ``<!-- listlint-KIND selectors -->`` comments and remark-lint's
``<!--lint disable|enable|ignore ids-->`` (which lists checked by awesome-lint already carry;
their awesome-lint rule ids are mapped to listlint's rules). The engine turns the ones it
honours (:func:`controls`) into suppressions (:class:`listlint.engine.Suppressions`), the link
pass skips a file whose links are switched off (:func:`listlint.net.run.checked_links`), and
the structure family reports the listlint comments it cannot read (LL007 unknown-directive,
from :func:`directives`). A listlint comment is honoured exactly when its kind is one of
:data:`DIRECTIVE_KINDS` as written, so every one of them is either honoured or reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from listlint.document import Document

DIRECTIVE_KINDS = ("disable", "enable", "disable-line", "disable-next-line", "disable-file")
_ANY_DIRECTIVE = re.compile(r"<!--\s*listlint-([A-Za-z-]*)([^>]*?)-->")
# <!--lint disable ids-->, <!--lint enable ids-->, <!--lint ignore ids--> (the next block)
_REMARK_DIRECTIVE = re.compile(r"<!--\s*lint\s+(disable|enable|ignore)\b([^>]*?)-->")


@dataclass(frozen=True, slots=True)
class Directive:
    """One directive comment: where it is, its kind and what it names.

    ``kind`` is as written for listlint's comments (it may be none of
    :data:`DIRECTIVE_KINDS`), or remark-lint's ``disable``, ``enable`` or ``ignore``.
    ``selectors`` are a listlint comment's rule codes, names or families as written, or the
    listlint codes of a remark-lint comment's rule ids; none: every rule."""

    start: int
    end: int
    kind: str
    selectors: tuple[str, ...]
    remark: bool = False  # a remark-lint comment


def directives(doc: Document) -> Iterator[Directive]:
    """Every ``<!-- listlint-KIND selectors -->`` comment, in document order, known or not."""
    for offset, comment in sorted(doc.comments):
        for m in _ANY_DIRECTIVE.finditer(comment):
            yield _listlint(offset, m)


def controls(doc: Document) -> Iterator[Directive]:
    """The directives that switch rules off or on, in document order: listlint's comments of a
    known kind, and remark-lint's comments that name a rule listlint has (or none: all)."""
    for offset, comment in sorted(doc.comments):
        found = [_listlint(offset, m) for m in _ANY_DIRECTIVE.finditer(comment)]
        found = [d for d in found if d.kind in DIRECTIVE_KINDS]
        remark = (_remark(offset, m) for m in _REMARK_DIRECTIVE.finditer(comment))
        found += [d for d in remark if d is not None]
        yield from sorted(found, key=lambda d: d.start)


def _listlint(offset: int, m: re.Match[str]) -> Directive:
    return Directive(offset + m.start(), offset + m.end(), m.group(1), _selectors(m.group(2)))


def _selectors(written: str) -> tuple[str, ...]:
    return tuple(written.replace(",", " ").split())


def _remark(offset: int, m: re.Match[str]) -> Directive | None:
    """A remark-lint comment with its rule ids mapped to listlint's codes, or None when it
    names only rules listlint does not have."""
    from listlint.presets import AWESOME_LINT_RULES

    ids = [i.removeprefix("remark-lint:").removeprefix("remark-lint-")
           for i in _selectors(m.group(2))]
    codes = tuple(dict.fromkeys(c for i in ids for c in AWESOME_LINT_RULES.get(i, ())))
    if ids and not codes:
        return None
    return Directive(offset + m.start(), offset + m.end(), m.group(1), codes, remark=True)
