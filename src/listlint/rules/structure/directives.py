"""listlint's own comments: directives that name no rule or no directive (LL007)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from listlint.model import Diagnostic, Span
from listlint.registry import Context, rule


@rule("LL007", "unknown-directive", severity="warning",
      summary="A listlint comment that names no rule, or no directive.")
def unknown_directive(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Checks the inline comments that switch rules off (`<!-- listlint-disable-next-line
    LL101 -->`, `listlint-disable`, `listlint-enable`, `listlint-disable-line`,
    `listlint-disable-file`) and reports a directive listlint does not know, or a rule
    code, name or family that matches no rule, with the closest known one.

    ## Why is this bad?
    A misspelt comment is silently ignored: the problem it was meant to silence is still
    reported, or, for a misspelt `listlint-enable`, a rule stays off for the rest of the file.

    ## Example
    ```markdown
    <!-- listlint-disable-next-line near-duplicate-titel -->
    - [Attention Is All You Need](https://arxiv.org/abs/1706.03762)
    ```
    Use instead: `<!-- listlint-disable-next-line near-duplicate-title -->`.

    ## Fix safety
    No fix: which rule was meant is the author's call.
    """
    from listlint.directives import DIRECTIVE_KINDS, directives
    from listlint.registry import all_rules, is_known_selector

    for d in directives(ctx.doc):
        span, kind, selectors = Span(d.start, d.end), d.kind, d.selectors
        if kind not in DIRECTIVE_KINDS:
            known = [f"listlint-{k}" for k in DIRECTIVE_KINDS]
            hint = difflib.get_close_matches(f"listlint-{kind}", known, n=1, cutoff=0.75)
            yield ctx.at(span, f"unknown directive 'listlint-{kind}'; " +
                         (f"did you mean {hint[0]!r}?" if hint else f"known: {', '.join(known)}"))
            continue
        for sel in selectors:
            if is_known_selector(sel):
                continue
            rules = all_rules()
            hint = (difflib.get_close_matches(sel.lower(), [r.name for r in rules], n=1, cutoff=0.75)
                    or difflib.get_close_matches(sel.upper(), [r.code for r in rules], n=1,
                                                 cutoff=0.8))
            yield ctx.at(span, f"no rule matches {sel!r} in this listlint-{kind} comment; " +
                         (f"did you mean {hint[0]!r}?" if hint else "`listlint rules` lists them"))
