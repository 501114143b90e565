"""Technology names spelled the canonical way (LL609); the names are in ``listlint.canonical``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from listlint.canonical import find_names
from listlint.document import github_slug
from listlint.model import Diagnostic, Edit, Span
from listlint.registry import Context, rule
from listlint.rules.awesome.pieces import pieces

# inline HTML whose text is code, never prose to correct: <code>…</code>, <kbd>, <samp>, <tt>,
# <var>, and processing instructions such as <?php
_RAW_HTML_TEXT = re.compile(r"<(code|kbd|samp|tt|var|pre)\b[^>]*>.*?</\1\s*>|<\?[A-Za-z]+",
                            re.I | re.S)


# -- LL609 ----------------------------------------------------------------------------------
@rule("LL609", "canonical-spelling", severity="warning", default=False, fixable=True,
      summary="Technology names spelled the canonical way (GitHub, JavaScript, macOS ...).")
def canonical_spelling(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds common technology names written another way than their canonical spelling
    (`Github`, `Javascript`, `OSX`, `node.js`, `Mac OS X`) in prose: descriptions,
    paragraphs, headings and link texts. Entry titles (the project's own name, which may be
    its package name, `[django](…)`), code, URLs and file names are left alone, and so are
    ordinary words and accepted abbreviations (React, Go, K8s, Postgres). A name written all
    in lower case may start a sentence with a capital (`Webpack`). Names in
    `words = [...]` of the configuration are never reported.

    ## Why is this bad?
    Misspelt names look careless and break searches for the correct name.

    ## Example
    ```markdown
    - [mas](https://github.com/mas-cli/mas) - Mac App Store command line interface for OSX.
    ```
    Use instead: `... for macOS.`

    ## Fix safety
    Safe in descriptions and paragraphs: the name is replaced by its canonical spelling.
    Headings are fixed only when their anchor stays the same. Link texts, the text of inline
    `<code>`, `<kbd>` and `<samp>` elements and processing instructions (`<?php`) are
    reported and never edited; code spans, code blocks and HTML blocks are not read at all.
    """
    text = ctx.doc.text
    allowed = {w.lower() for w in ctx.config.words}
    raw: dict[int, list[tuple[int, int]]] = {}  # block start -> <code>… and <?… ranges
    for span, kind, s, e in pieces(ctx):
        if kind == "title":
            continue
        for hit in find_names(text, s, e):
            if hit.written.lower() in allowed:
                continue
            if span.start not in raw:
                raw[span.start] = [(m.start(), m.end()) for m in
                                   _RAW_HTML_TEXT.finditer(text, span.start, span.end)]
            fix = None
            if any(a <= hit.start < b for a, b in raw[span.start]):
                pass  # text of <code>, <kbd> or a <?php tag: reported, never edited
            elif kind == "paragraph" or (
                    kind == "heading" and github_slug(_replaced(text, span, hit)) ==
                    github_slug(text[span.start:span.end])):
                fix = ctx.fix(Edit(hit.start, hit.end, hit.canonical),
                              description=f"write {hit.canonical}")
            yield ctx.diagnostic(hit.start, hit.end,
                                 f"'{hit.written}' is spelled '{hit.canonical}' "
                                 f"(if it means the technology)", fix=fix)


def _replaced(text: str, span: Span, hit: Any) -> str:
    return text[span.start:hit.start] + hit.canonical + text[hit.end:span.end]


