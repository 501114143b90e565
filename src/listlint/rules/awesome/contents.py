"""The table of contents (LL603): under `## Contents`, first, two levels, named like the
headings. Missing and extra items are the structure family's LL006."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from listlint.document import Document
from listlint.inline import scan_links
from listlint.model import Diagnostic, Edit, Section, Span
from listlint.registry import Context, rule
from listlint.rules.awesome.heading import main_heading

CONTENTS = "Contents"
CONTENTS_TITLES = (CONTENTS, "Table of Contents")  # awesome lists use both
_ATX_PREFIX = re.compile(r"[ ]{0,3}#{1,6}[ \t]+")


# -- LL603 ----------------------------------------------------------------------------------
@rule("LL603", "awesome-contents", severity="error", default=False, fixable=True,
      summary="A `## Contents` table of contents, first, at most two levels, named like the headings.")
def awesome_contents(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    When the list has a table of contents, checks that it sits under a level-2 heading named
    `Contents` (or `Table of Contents`), that this is the first section after the title, that
    it nests at most two levels, that each item is named exactly like the heading it links
    to, and that it does not link to the title or to `Contents` itself. Missing, extra and
    misordered items are reported by `toc-out-of-sync` (LL006), which the preset also runs,
    one diagnostic per item. A table of contents is optional, as in awesome-lint.

    ## Why is this bad?
    Readers of awesome lists expect the same first section everywhere; an item named
    differently from its section ("Web" for "Web Frameworks") makes the page hard to scan.

    ## Example
    ```markdown
    ## Contents
    - [Web](#web-frameworks)

    ## Web Frameworks
    ```
    Use instead: `- [Web Frameworks](#web-frameworks)`.

    ## Fix safety
    Safe for item names: the link text is replaced by the heading's text, the anchor stays.
    Unsafe for renaming a "Table of Contents" heading to "Contents" (links to the old anchor
    break). No fix for position and depth: moving sections is for a human.
    """
    doc = ctx.doc
    secs = doc.sections
    main = main_heading(doc)
    for toc in doc.tocs[:1]:
        own = secs[toc.section] if toc.section is not None else None
        if own is None or own is main:
            yield ctx.at(_toc_head(doc, toc.span), "table of contents has no heading of its own; "
                                                   "put it under '## Contents'")
        else:
            if own.title not in CONTENTS_TITLES or own.level != 2:
                fix = None
                if own.level == 2:
                    fix = ctx.fix(_retitle(doc, own, CONTENTS), unsafe=True,
                                  description="rename the heading to Contents")
                yield ctx.at(own.span, f"table of contents heading is '{'#' * own.level} "
                                       f"{own.title}'; name it '## {CONTENTS}'", fix=fix)
            before = [s for s in secs[: own.index] if s is not main]
            if before:
                yield ctx.at(own.span, f"table of contents must be the first section; "
                                       f"'{before[0].title}' (line {before[0].line}) comes first")
        deep = [item for item in toc.items if item.depth >= 2]
        if deep:
            yield ctx.at(deep[0].span, f"table of contents nests {1 + max(i.depth for i in deep)} "
                                       f"levels (first here: '{deep[0].text}'); keep it to 2")
        for item in toc.items:
            idx = doc.anchors.get(item.anchor)
            if idx is None:
                continue  # LL003 / LL006 report it
            target = secs[idx]
            name = " ".join(item.text.split())
            if target is main or (own is not None and target is own):
                what = "the list's title" if target is main else "the table of contents itself"
                yield ctx.at(item.span, f"table of contents item '{name}' links to {what}; "
                                        f"remove it")
                continue
            if name != target.title:
                yield ctx.at(item.span, f"table of contents item '{name}' does not match its "
                                        f"heading '{target.title}'",
                             fix=_rename_item(ctx, item.span, target.title))


def _toc_head(doc: Document, span: Span) -> Span:
    return Span(span.start, doc.source.line_end(doc.source.line_of(span.start)))


def _retitle(doc: Document, section: Section, title: str) -> Edit:
    line = doc.text[section.span.start:section.span.end]
    m = _ATX_PREFIX.match(line)
    start = section.span.start + (m.end() if m else 0)
    return Edit(start, section.span.end, title)


def _rename_item(ctx: Context, span: Span, title: str) -> Any:
    raw = scan_links(ctx.doc.text, None, span.start, span.end)
    if not raw or raw[0].kind != "inline" or any(c in title for c in "[]\\`*_<"):
        return None
    r = raw[0]
    return ctx.fix(Edit(r.text_start, r.text_end, title), description="use the heading's text")


