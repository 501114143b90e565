"""Balanced quotes and brackets in every block of prose (LL607)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from listlint.model import Diagnostic, Span
from listlint.registry import Context, rule
from listlint.rules.awesome.pieces import pieces

# awesome-lint's pairs: curly quotes and CJK brackets (straight double quotes apart)
_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "《": "》", "【": "】"}
# with ``brackets = true``: parentheses and guillemets too
_BRACKETS = {**_PAIRS, "«": "»", "(": ")"}
_ENUMERATOR = re.compile(r"(?:^|[\s,;:])(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})$")


# -- LL607 ----------------------------------------------------------------------------------
@rule("LL607", "unbalanced-punctuation", severity="error", default=False,
      options={"brackets": False},
      summary="Quotes and brackets opened in a paragraph, heading or item are closed in it.")
def unbalanced_punctuation(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    In each paragraph, heading, list item and table row (code, URLs and link targets
    excluded), checks that curly quotes (“ ”, ‘ ’), straight double quotes and CJK brackets
    are closed: the pairs awesome-lint checks. With `brackets = true` (under
    `[tool.listlint.rules.unbalanced-punctuation]`) parentheses and guillemets (« ») are
    checked too; awesome-lint leaves them alone. An apostrophe (don’t, users’) is not a
    quote; smileys like `:)` and enumerations like `1)` or `a)` are not brackets.

    ## Why is this bad?
    An unclosed quote or parenthesis is usually a typo, and a wrong character (`It‘s`) shows
    as an opening quote that never closes.

    ## Example
    ```markdown
    - [qmgo](https://github.com/qiniu/qmgo) - The MongoDB driver for Go. It‘s easy to use.
    ```
    Use instead: `It’s`.

    ## Fix safety
    No fix: only a human knows where the quote should end.
    """
    text = ctx.doc.text
    pairs = _BRACKETS if ctx.options.get("brackets") else _PAIRS
    closers = {v: k for k, v in pairs.items()}
    block: Span | None = None
    stack: list[tuple[str, int]] = []
    quote_open: int | None = None
    for span, _, s, e in pieces(ctx):
        if span != block:
            yield from _unclosed(ctx, stack, quote_open)
            block, stack, quote_open = span, [], None
        for i in range(s, e):
            c = text[i]
            if c == '"':
                quote_open = i if quote_open is None else None
            elif c in pairs:
                if c == "(" and i > span.start and text[i - 1] in ":;=":
                    continue  # a smiley :(
                stack.append((c, i))
            elif c in closers:
                opener = closers[c]
                k = next((j for j in range(len(stack) - 1, -1, -1) if stack[j][0] == opener), None)
                if k is not None:
                    del stack[k]
                elif not (c == "’" and _apostrophe(text, i)) and \
                        not (c == ")" and _not_a_bracket(text, i, span.start)):
                    yield ctx.diagnostic(i, i + 1, f"'{c}' closes nothing: no '{opener}' before "
                                                   f"it in this block")
    yield from _unclosed(ctx, stack, quote_open)


def _unclosed(ctx: Context, stack: list[tuple[str, int]], quote: int | None
              ) -> Iterator[Diagnostic]:
    for opener, pos in stack:
        yield ctx.diagnostic(pos, pos + 1, f"'{opener}' is never closed: add '{_BRACKETS[opener]}' "
                                           f"in the same block")
    if quote is not None:
        yield ctx.diagnostic(quote, quote + 1, "'\"' is never closed: add the closing '\"' "
                                               "in the same block")


def _apostrophe(text: str, i: int) -> bool:
    """Is the ’ at ``i`` an apostrophe (don’t, it’s, users’)?"""
    return i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")


def _not_a_bracket(text: str, i: int, block_start: int) -> bool:
    """A ``)`` of a smiley (``:)``, ``:-)``) or an enumeration (``1)``, ``a)``, ``iv)``)."""
    window = text[max(block_start, i - 6):i]
    return window.endswith((":", ";", "=", ":-", ";-")) or _ENUMERATOR.search(window) is not None


