"""Structure rules (LL0xx): links, checkboxes, anchors, files, headings, table of contents."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from listlint.model import Diagnostic, Edit, Section, Span
from listlint.registry import Context, rule

_BAD_CHECKBOX = re.compile(r"\[(?:|\s+|\s*[xX*✓✔]\s*)\]")
_GOOD_CHECKBOX = re.compile(r"\[[ xX]\]")
_HTML_ID = re.compile(r"""<[A-Za-z][A-Za-z0-9]{0,20}\s[^<>]{0,2000}?\b(?:name|id)\s*=\s*["']?([^"'\s>]+)""")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


@rule("LL001", "empty-link", severity="error", summary="A link with no target or no text.")
def empty_link(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports links whose target is empty (`[name]()`, `[name](<>)`, `[name](#)`) or whose text
    is empty (`[](https://example.com)`).

    ## Why is this bad?
    A reader clicks on nothing, or sees nothing to click. In a curated list it is almost
    always an entry whose URL was forgotten.

    ## Example
    ```markdown
    - [vLLM]() - Fast inference.
    ```
    Use instead:
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm) - Fast inference.
    ```

    ## Fix safety
    No fix: only a human knows the missing URL.
    """
    for link in ctx.doc.links:
        if link.kind == "image":
            continue
        url = link.url.strip()
        if url in ("", "#"):
            what = f"link {_short(link.text)!r}" if link.text.strip() else "image link"
            yield ctx.at(link.span, f"{what} has an empty target")
        elif not link.text.strip() and link.kind != "autolink" and not _has_image(ctx, link.span):
            yield ctx.at(link.span, f"link to {_short(url)} has no text")


def _has_image(ctx: Context, span: Span) -> bool:
    return "![" in ctx.doc.text[span.start : span.end] or "<img" in ctx.doc.text[span.start : span.end]


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


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


def html_anchors(ctx: Context) -> set[str]:
    ids: set[str] = set()
    for m in _HTML_ID.finditer(ctx.doc.text):
        ids.add(m.group(1))
    return ids


@rule("LL003", "broken-anchor", severity="error",
      summary="A `#fragment` link that no heading of this file produces.")
def broken_anchor(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Checks every in-page link (`[Tools](#tools)`) against the anchors GitHub generates for the
    headings of the file (lower-case, punctuation dropped, spaces as `-`, `-1`, `-2` for
    repeats) and against explicit HTML anchors (`<a name="x">`, `id="x"`). Suggests the
    closest existing anchor.

    ## Why is this bad?
    Renaming a heading silently breaks every link to it, most often in the table of contents.

    ## Example
    ```markdown
    - [Web Frameworks](#web-framework)

    ## Web Frameworks
    ```
    Use instead: `[Web Frameworks](#web-frameworks)`.

    ## Fix safety
    No fix of its own; `toc-out-of-sync` (LL006) regenerates a table of contents.
    """
    anchors = ctx.doc.anchors
    extra: set[str] | None = None
    for link in ctx.doc.links:
        if link.kind == "image" or not link.url.startswith("#") or link.url == "#":
            continue
        frag = unquote(link.url[1:])
        if frag in anchors or frag.lower() in anchors:
            continue
        if extra is None:
            extra = html_anchors(ctx)
        if frag in extra:
            continue
        hint = difflib.get_close_matches(frag.lower(), list(anchors), n=1, cutoff=0.6)
        msg = f"no heading produces the anchor '#{frag}'"
        if hint:
            msg += f"; did you mean '#{hint[0]}'?"
        yield ctx.at(link.url_span or link.span, msg)


@rule("LL004", "missing-file", severity="error",
      summary="A relative link to a file or folder that does not exist next to the README.")
def missing_file(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Resolves relative links (`papers/x.pdf`, `./CONTRIBUTING.md`, `docs/`) against the folder
    of the checked file and reports those that point at nothing.

    ## Why is this bad?
    Moved or renamed files leave links that 404 on GitHub; no link checker that only speaks
    HTTP sees them.

    ## Example
    ```markdown
    Read [the guide](contributing.md) first.   <!-- the file is CONTRIBUTING.md -->
    ```

    ## Fix safety
    No fix.
    """
    base = ctx.services.get("base_dir")
    if base is None:
        return
    base = Path(base)
    seen: dict[str, bool] = {}
    for link in ctx.doc.links:
        url = link.url.strip()
        if not url or url.startswith(("#", "/", "//")) or _SCHEME.match(url):
            continue
        path = unquote(urlsplit(url).path)
        if not path:
            continue
        if path not in seen:
            try:
                seen[path] = (base / path).exists()
            except (OSError, ValueError):
                seen[path] = True
        if not seen[path]:
            yield ctx.at(link.url_span or link.span, f"relative link to '{path}': no such file")


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


@rule("LL006", "toc-out-of-sync", severity="warning", fixable=True,
      summary="The table of contents does not match the headings (missing, extra, misordered).",
      options={"exclude": []})
def toc_out_of_sync(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds the table of contents (a list of links to `#anchors` of this file) and compares it
    with the headings it covers: the heading levels it already links to, after the ToC.
    Reports headings it misses, items that link to no heading, and items out of order.

    ## Why is this bad?
    A stale ToC is the most common defect of long lists: a section is added or renamed and
    the ToC is not.

    ## Example
    ```markdown
    ## Contents
    - [Editors](#editors)

    ## Editors
    ## Linters
    ```
    The ToC misses `Linters`.

    Headings named in the option `exclude` (and the headings under them) need not be in the
    ToC; the awesome preset excludes "Contributing", "Footnotes" and "Related Lists".

    ## Fix safety
    Safe when every ToC line is a plain `- [text](#anchor)` item: the list is regenerated in
    its own marker and indentation, keeping the text of items that stay. Otherwise unsafe.
    """
    doc = ctx.doc
    for toc in doc.tocs:
        yield from _check_toc(ctx, toc)


def _check_toc(ctx: Context, toc) -> Iterator[Diagnostic]:  # type: ignore[no-untyped-def]
    doc = ctx.doc
    secs = doc.sections
    anchor_to_sec = doc.anchors
    linked = [anchor_to_sec.get(item.anchor) for item in toc.items]
    own = toc.section
    after = [secs[i] for i in linked
             if i is not None and i != own and secs[i].span.start > toc.span.start]
    if not after:
        return
    levels = sorted({s.level for s in after})
    lo, hi = levels[0], levels[-1]

    def scope(s: Section) -> int | None:
        """The nearest ancestor above the ToC's levels: the part of the outline it covers."""
        p = s.parent
        while p is not None and secs[p].level >= lo:
            p = secs[p].parent
        return p

    scopes = {scope(s) for s in after}
    excluded = {str(t).casefold() for t in ctx.options.get("exclude", ())}
    optional = {s.index for s in secs if excluded and
                any(t.casefold() in excluded for t in s.path)}
    expected = [s for s in secs if lo <= s.level <= hi and s.index != own
                and s.span.start > toc.span.start and scope(s) in scopes
                and s.index not in optional]
    expected_anchors = [s.anchor for s in expected]
    expected_set = set(expected_anchors)
    have = [item.anchor for item in toc.items]
    have_set = set(have)
    problems: list[str] = []
    missing = [s for s in expected if s.anchor not in have_set]
    extra = [item for item in toc.items if item.anchor not in anchor_to_sec]
    for s in missing[:5]:
        problems.append(f"misses heading '{s.title}' (line {s.line})")
    if len(missing) > 5:
        problems.append(f"misses {len(missing) - 5} more headings")
    for item in extra[:5]:
        problems.append(f"item '{item.text}' links to no heading ('#{item.anchor}')")
    order = [a for a in have if a in expected_set]
    wanted = [a for a in expected_anchors if a in have_set]
    if not missing and not extra and order != wanted:
        bad = next(a for a, b in zip(order, wanted) if a != b)
        problems.append(f"items are not in the order of the headings (first at '#{bad}')")
    if not problems:
        return
    listed = [secs[i] for i in linked if i is not None and i in optional]
    fix = _toc_fix(ctx, toc, sorted({*expected, *listed}, key=lambda s: s.index))
    # The headings and items at fault, so pull-request mode (--diff-base) sees a change there.
    related = [ctx.related(s.span, "heading missing from the table of contents")
               for s in missing[:5]]
    related += [ctx.related(item.span, "item that links to no heading") for item in extra[:5]]
    yield ctx.at(Span(toc.span.start, doc.source.line_end(doc.source.line_of(toc.span.start))),
                 "table of contents out of sync: " + "; ".join(problems), fix=fix,
                 related=related)


def _toc_fix(ctx: Context, toc, expected) -> object:  # type: ignore[no-untyped-def]
    doc = ctx.doc
    src = doc.source
    first = src.line_of(toc.span.start)
    last = src.line_of(max(toc.span.start, toc.span.end - 1))
    lines = [src.line_text(n) for n in range(first, last + 1)]
    simple = all(re.fullmatch(r"[ \t]*([-*+]|\d+[.)])[ \t]+\[[^\]]*\]\(#[^)\s]*\)[ \t]*", ln)
                 or not ln.strip() for ln in lines)
    texts = {item.anchor: item.text for item in toc.items}
    marker = toc.marker or "-"
    if marker in (".", ")"):
        marker = "1" + marker
    levels = sorted({s.level for s in expected})
    base = levels[0] if levels else 2
    indent_unit = toc.indent if toc.indent > 0 else 2
    m = re.match(r"[ \t]*", lines[0])
    lead = m.group() if m else ""
    out = []
    for s in expected:
        text = texts.get(s.anchor, s.title)
        out.append(f"{lead}{' ' * indent_unit * (s.level - base)}{marker} [{text}](#{s.anchor})")
    start = src.line_start(first)
    end = src.line_end(last)
    # keep trailing blank lines of the list span outside the edit
    while lines and not lines[-1].strip():
        lines.pop()
        last -= 1
        end = src.line_end(last)
    return ctx.fix(Edit(start, end, "\n".join(out)), unsafe=not simple,
                   description="regenerate the table of contents")
