"""Task-list checkboxes GitHub does not render (LL002)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from listlint.model import Diagnostic, Edit
from listlint.registry import Context, rule

_BAD_CHECKBOX = re.compile(r"\[(?:|\s+|\s*[xX*✓✔]\s*)\]")
_GOOD_CHECKBOX = re.compile(r"\[[ xX]\]")


@rule("LL002", "malformed-checkbox", severity="error", fixable=True,
      summary="A task checkbox GitHub does not render: `[]`, `[ x]`, `[x]` with no space after.")
def malformed_checkbox(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports task-list checkboxes that GitHub shows as literal text: `- []`, `- [ x]`, `- [X ]`,
    `- [*]`, and `- [x]Title` with no space after the box.

    ## Why is this bad?
    Reading lists use checkboxes to track what has been read. A malformed box shows up as
    brackets in the rendered page and is invisible to tools that count progress.

    ## Example
    ```markdown
    - [] [Paper](https://arxiv.org/abs/2401.00001)
    - [ x] [Paper](https://arxiv.org/abs/2401.00002)
    ```
    Use instead:
    ```markdown
    - [ ] [Paper](https://arxiv.org/abs/2401.00001)
    - [x] [Paper](https://arxiv.org/abs/2401.00002)
    ```

    ## Fix safety
    Safe: the box is rewritten to `[ ]` or `[x]` (keeping whether it was ticked); nothing else
    on the line changes.
    """
    text = ctx.doc.text
    for entry in ctx.doc.entries:
        if entry.kind != "item" or entry.checkbox_span is not None or entry.marker_span is None:
            continue
        start = entry.marker_span.end
        while start < len(text) and text[start] in " \t":
            start += 1
        if start >= entry.link_span.start:
            continue
        m = _BAD_CHECKBOX.match(text, start)
        glued = None if m else _GOOD_CHECKBOX.match(text, start)
        if m:
            ticked = any(c in m.group() for c in "xX*✓✔")
            good = "[x]" if ticked else "[ ]"
            after = m.end()
            needs_space = after < len(text) and text[after] not in " \t"
            edit = Edit(m.start(), m.end(), good + (" " if needs_space else ""))
            yield ctx.diagnostic(m.start(), m.end(),
                                 f"malformed checkbox {m.group()!r}; write {good!r}",
                                 fix=ctx.fix(edit))
        elif glued and glued.end() == entry.link_span.start:
            yield ctx.diagnostic(glued.start(), glued.end(),
                                 f"checkbox {glued.group()!r} needs a space before the link",
                                 fix=ctx.fix(Edit(glued.end(), glued.end(), " ")))
