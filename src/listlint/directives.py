"""listlint's inline comments as written: ``<!-- listlint-KIND selectors -->``.

The engine honours the directives it knows; ``unknown-directive`` (LL007) reports the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from listlint.document import Document

DIRECTIVE_KINDS = ("disable", "enable", "disable-line", "disable-next-line", "disable-file")
_ANY_DIRECTIVE = re.compile(r"<!--\s*listlint-([A-Za-z-]*)([^>]*?)-->")


def directives(doc: Document) -> Iterator[tuple[int, int, str, list[str]]]:
    """Every ``<!-- listlint-KIND selectors -->`` comment as (start, end, kind, selectors),
    the kind as written (it may be none of :data:`DIRECTIVE_KINDS`)."""
    for offset, comment in sorted(doc.comments):
        for m in _ANY_DIRECTIVE.finditer(comment):
            yield (offset + m.start(), offset + m.end(), m.group(1).lower(),
                   m.group(2).replace(",", " ").split())
