"""The outline of the headings (LL005)."""

from __future__ import annotations

from collections.abc import Iterator

from listlint.model import Diagnostic
from listlint.registry import Context, rule


@rule("LL005", "heading-increment", severity="warning",
      summary="A heading more than one level deeper than the one before it.")
def heading_increment(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports a heading that jumps levels, such as an `####` directly under a `##`.

    ## Why is this bad?
    The outline (and a generated table of contents) gets a gap; screen readers announce a
    level that has no parent.

    ## Example
    ```markdown
    ## Tools
    #### Editors
    ```
    Use instead: `### Editors`.

    ## Fix safety
    No fix: changing a level changes the outline, and so the table of contents.
    """
    prev = 0
    for s in ctx.doc.sections:
        if prev and s.level > prev + 1:
            yield ctx.at(s.span, f"heading level {s.level} follows level {prev}; "
                                 f"expected level {prev + 1} or less")
        prev = s.level
