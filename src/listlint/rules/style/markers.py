"""List markers and where they sit: the rules list-marker (LL501), marker-spacing (LL502) and
nested-indent (LL510). Fixes that move text sideways prove locally that the list renders the
same (:func:`_renders_same`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from listlint.model import Diagnostic, Edit, Entry, Fix, Span
from listlint.registry import Context, rule
from listlint.rules.style.blocks import ListBlock, is_loose, neighbour
from listlint.rules.style.inference import infer
from listlint.rules.style.settings import AUTO
from listlint.rules.style.shared import content_start, drift, guard, shared_facts

_SECOND_MARKER = re.compile(r"[ \t]+(?:[-*+]|\d{1,9}[.)])[ \t]")


def _indent(line: str) -> int | None:
    """Leading spaces of a line; None when it starts with a tab or a blockquote marker."""
    n = len(line) - len(line.lstrip(" "))
    rest = line[n:]
    if rest.startswith(("\t", ">")):
        return None
    return n


def _col(ctx: Context, offset: int) -> int:
    return ctx.doc.source.position(offset)[1] - 1


# -- LL501 ---------------------------------------------------------------------------------


@rule("LL501", "list-marker", severity="warning", fixable=True,
      summary="A bullet (`-`, `*`, `+`) other than the one the list uses at that depth.")
def list_marker(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Learns which bullet the list uses at each nesting depth (per section, then per file) and
    reports entries whose list uses another one. Configure with
    `[tool.listlint.style] marker = "-"` (or `"off"`, or `"first"`: the bullet the file's
    first entry uses, everywhere, which is what awesome-lint and the awesome preset want).

    ## Why is this bad?
    In Markdown a change of bullet starts a *new* list: the page gets a gap, and editors and
    tools that count entries see two lists where the maintainer meant one.

    ## Example
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm) - Fast inference.
    - [SGLang](https://github.com/sgl-project/sglang) - Structured generation.
    - [LMDeploy](https://github.com/InternLM/lmdeploy) - Compression and serving.
    - [llama.cpp](https://github.com/ggerganov/llama.cpp) - Inference in C/C++.
    * [TGI](https://github.com/huggingface/text-generation-inference) - Serving.
    ```
    Use instead:
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm) - Fast inference.
    - [SGLang](https://github.com/sgl-project/sglang) - Structured generation.
    - [LMDeploy](https://github.com/InternLM/lmdeploy) - Compression and serving.
    - [llama.cpp](https://github.com/ggerganov/llama.cpp) - Inference in C/C++.
    - [TGI](https://github.com/huggingface/text-generation-inference) - Serving.
    ```

    ## Fix safety
    Safe. When no other list touches the changed one the rendered page is identical
    (a formatting fix); when it directly follows a list with the expected bullet the two lists
    become one, as intended; when only blank lines separate tight lists, the fix also removes
    them (one tight list). No fix when one of the lists is loose. Every item of the changed list
    gets the new bullet, entries or not (one item alone would split the list).
    """
    shared = shared_facts(ctx)
    st = shared.settings
    obs = [(e, e.list_marker) for e in shared.items if e.list_marker in ("-", "*", "+")]
    setting = st.get("marker")
    if setting == "first":  # the awesome preset: the file's first bullet, as awesome-lint does
        setting = min(obs, key=lambda o: o[0].span.start)[1] if obs else AUTO
    conv = infer(obs, setting, st, group=lambda e: e.depth)
    if not conv:
        return
    blocks: list[ListBlock] | None = None
    where: dict[int, int] = {}
    nearby: dict[int, list[tuple[ListBlock, int]]] = {}
    for e, value, c in drift(obs, conv):
        if blocks is None:
            blocks = shared.blocks()
            where = {ei: b.index for b in blocks for ei in b.entries if ei is not None}
        assert e.marker_span is not None
        fix = None
        k = where.get(e.index)
        if k is not None:
            if k not in nearby:  # the entries of one list share its neighbours
                found = (neighbour(ctx.doc, blocks, k, s) for s in (-1, 1))
                nearby[k] = [n for n in found if n is not None]
            near = nearby[k]
            # every item of that list changes, entries or not: one item alone would split it
            edits = _marker_edits(ctx, blocks[k], value, c.value)
            if _SECOND_MARKER.match(ctx.doc.text, e.marker_span.end):
                pass  # "* * [x]": two markers, which awesome-list-item (LL615) fixes
            elif edits and not near:
                fix = ctx.fix(*edits, formatting=True, description=f"use {c.value!r}")
            elif edits and all(gap == 0 for _, gap in near):
                fix = ctx.fix(*edits, description=f"use {c.value!r}")
            elif edits and not any(is_loose(ctx.doc, x) for x in (blocks[k], *(n for n, _ in near))):
                # tight lists apart only by blank lines: one tight list, as meant
                fix = ctx.fix(*edits, *_gaps_between(ctx, blocks[k], near),
                              description=f"use {c.value!r} and join the lists")
        at_depth = f" at depth {e.depth}" if c.scope != "config" and e.depth else ""
        yield ctx.at(e.marker_span,
                     f"list marker {value!r} here; {c.evidence('marker')}{at_depth}", fix=guard(fix, c))


def _marker_edits(ctx: Context, b: ListBlock, have: str, want: str) -> list[Edit] | None:
    """Edits that write every item marker of list ``b`` as ``want``; None when an item's
    line does not start with its ``have`` marker (a list inside a quote, a lazy line)."""
    src = ctx.doc.source
    edits = []
    for first, _last in b.items:
        line = src.line_text(first)
        ind = _indent(line)
        if ind is None or line[ind:ind + 1] != have:
            return None
        at = src.line_start(first) + ind
        edits.append(Edit(at, at + 1, want))
    return edits


def _gaps_between(ctx: Context, b: ListBlock, near: list[tuple[ListBlock, int]]) -> list[Edit]:
    """Edits deleting the blank lines between list ``b`` and its neighbours."""
    src = ctx.doc.source
    out = []
    for other, gap in near:
        if not gap:
            continue
        first, nxt = (other.last_line, b.first_line) if other.first_line < b.first_line \
            else (b.last_line, other.first_line)
        out.append(Edit(src.line_start(first + 1), src.line_start(nxt), ""))
    return out


# -- LL502 ---------------------------------------------------------------------------------


@rule("LL502", "marker-spacing", severity="info", fixable=True,
      summary="A different number of spaces after the list marker than the list uses.")
def marker_spacing(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports entries with more (or fewer) spaces between the list marker and the content than
    the rest of the list, e.g. `-  [Name](url)` in a list of `- [Name](url)`. Pin with
    `marker-spacing = "1"`.

    ## Why is this bad?
    Uneven spacing makes diffs noisy and trips up contributors who copy the line above.

    ## Example
    ```markdown
    - [aiohttp](https://github.com/aio-libs/aiohttp) - Async HTTP client and server.
    -   [httpx](https://github.com/encode/httpx) - A next generation HTTP client.
    - [requests](https://github.com/psf/requests) - Elegant HTTP for humans.
    - [treq](https://github.com/twisted/treq) - Requests-like API on Twisted.
    - [urllib3](https://github.com/urllib3/urllib3) - Connection pooling and retries.
    ```
    Use instead:
    ```markdown
    - [aiohttp](https://github.com/aio-libs/aiohttp) - Async HTTP client and server.
    - [httpx](https://github.com/encode/httpx) - A next generation HTTP client.
    - [requests](https://github.com/psf/requests) - Elegant HTTP for humans.
    - [treq](https://github.com/twisted/treq) - Requests-like API on Twisted.
    - [urllib3](https://github.com/urllib3/urllib3) - Connection pooling and retries.
    ```

    ## Fix safety
    Safe and formatting-only (the rendered page is identical). Not offered when nested
    content would change its meaning with the new content column.
    """
    shared = shared_facts(ctx)
    st = shared.settings
    doc = ctx.doc
    text = doc.text
    obs: list[tuple[Entry, str]] = []
    for e in shared.items:
        assert e.marker_span is not None
        start = content_start(ctx, e)
        gap = text[e.marker_span.end:start]
        if not gap or "\t" in gap or len(gap) > 4 or start >= len(text) or text[start] == "\n":
            continue
        obs.append((e, str(len(gap))))
    conv = infer(obs, st.get("marker-spacing"), st)
    for e, value, c in drift(obs, conv):
        assert e.marker_span is not None
        want = int(c.value)
        new_col = _col(ctx, e.marker_span.end) + want
        fix = None
        edit = Edit(e.marker_span.end, e.marker_span.end + int(value), " " * want)
        if _nested_fits(ctx, e, new_col) and _renders_same(ctx, e, [edit]):
            fix = ctx.fix(edit, formatting=True, description=f"{want} space(s) after the marker")
        plural = "s" if value != "1" else ""
        yield ctx.at(Span(e.marker_span.start, e.marker_span.end + int(value)),
                     f"{value} space{plural} after the list marker; "
                     f"{c.evidence('marker-spacing', _spaces)}", fix=guard(fix, c))


def _spaces(v: str) -> str:
    return f"{v} space" + ("s" if v != "1" else "")


def _nested_fits(ctx: Context, e: Entry, new_col: int) -> bool:
    """Do the lines after the entry's head stay inside the item with content column
    ``new_col``, and keep their meaning?"""
    src = ctx.doc.source
    sub = e.sub_span or e.span
    first = src.line_of(e.head.end) + 1
    last = src.line_of(max(sub.start, sub.end - 1)) if sub.end > sub.start else first - 1
    prev_blank = False
    for n in range(first, last + 1):
        line = src.line_text(n)
        if not line.strip():
            prev_blank = True
            continue
        ind = _indent(line)
        if ind is None or ind < new_col:
            return False
        starts_block = prev_blank or line.lstrip()[:1] in ("-", "*", "+") or \
            line.lstrip()[:1].isdigit()
        if starts_block and ind >= new_col + 4:
            return False
        prev_blank = False
    return True


# -- LL510 ---------------------------------------------------------------------------------


@rule("LL510", "nested-indent", severity="warning", fixable=True,
      summary="A nested entry indented differently from the list's other nested entries.")
def nested_indent(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Measures how far each nested entry's marker sits to the right of its parent's marker
    (2 or 4 spaces, usually) and reports nested entries that differ from the list's habit.
    Pin with `indent = "2"`.

    ## Why is this bad?
    Uneven indentation is fragile: one space too few and the entry silently stops being nested.

    ## Example
    ```markdown
    - [Django](https://www.djangoproject.com/) - Web framework.
      - [DRF](https://www.django-rest-framework.org/) - REST toolkit.
      - [Channels](https://channels.readthedocs.io/) - Websockets.
    - [Flask](https://flask.palletsprojects.com/) - Microframework.
      - [Flask-Login](https://flask-login.readthedocs.io/) - User sessions.
      - [Flask-WTF](https://flask-wtf.readthedocs.io/) - Forms.
    - [FastAPI](https://fastapi.tiangolo.com/) - Async APIs.
        - [SQLModel](https://sqlmodel.tiangolo.com/) - SQL databases.
    ```
    Use instead:
    ```markdown
    - [Django](https://www.djangoproject.com/) - Web framework.
      - [DRF](https://www.django-rest-framework.org/) - REST toolkit.
      - [Channels](https://channels.readthedocs.io/) - Websockets.
    - [Flask](https://flask.palletsprojects.com/) - Microframework.
      - [Flask-Login](https://flask-login.readthedocs.io/) - User sessions.
      - [Flask-WTF](https://flask-wtf.readthedocs.io/) - Forms.
    - [FastAPI](https://fastapi.tiangolo.com/) - Async APIs.
      - [SQLModel](https://sqlmodel.tiangolo.com/) - SQL databases.
    ```

    ## Fix safety
    Safe and formatting-only: the entry and its sub-items move together, and only when the
    new position keeps the same nesting.
    """
    shared = shared_facts(ctx)
    st = shared.settings
    doc = ctx.doc
    src = doc.source
    entries = doc.entries
    obs: list[tuple[Entry, str]] = []
    cols: dict[int, tuple[int, int]] = {}  # entry -> (its marker column, parent content col)
    for e in shared.items:
        if e.depth == 0 or e.parent is None:
            continue
        p = entries[e.parent]
        if p.kind != "item" or p.marker_span is None or p.depth != e.depth - 1:
            continue
        assert e.marker_span is not None
        le = src.line_text(src.line_of(e.marker_span.start))
        lp = src.line_text(src.line_of(p.marker_span.start))
        ie, ip = _indent(le), _indent(lp)
        if ie is None or ip is None:
            continue
        if _col(ctx, e.marker_span.start) != ie or _col(ctx, p.marker_span.start) != ip:
            continue
        content = _col(ctx, content_start(ctx, p))
        obs.append((e, str(ie - ip)))
        cols[e.index] = (ie, content)
    conv = infer(obs, st.get("indent"), st)
    for e, value, c in drift(obs, conv):
        ie, content = cols[e.index]
        delta = int(c.value) - int(value)
        new = ie + delta
        fix = None
        if content <= new < content + 4:
            fix = _shift(ctx, e, delta)
        assert e.marker_span is not None
        yield ctx.at(e.marker_span,
                     f"nested entry indented {value} spaces from its parent; "
                     f"{c.evidence('indent', lambda v: v + ' spaces')}", fix=guard(fix, c))


def _shift(ctx: Context, e: Entry, delta: int) -> Fix | None:
    src = ctx.doc.source
    sub = e.sub_span or e.span
    first = src.line_of(sub.start)
    last = src.line_of(max(sub.start, sub.end - 1))
    edits = []
    for n in range(first, last + 1):
        line = src.line_text(n)
        if not line.strip():
            continue
        start = src.line_start(n)
        if delta > 0:
            edits.append(Edit(start, start, " " * delta))
        else:
            ind = _indent(line)
            if ind is None or ind < -delta:
                return None
            edits.append(Edit(start, start - delta, ""))
    if not _renders_same(ctx, e, edits):
        return None
    return ctx.fix(*edits, formatting=True, description="re-indent the entry and its sub-items")


def _renders_same(ctx: Context, e: Entry, edits: list[Edit]) -> bool:
    """Does the part of the list around ``e`` render the same with ``edits``? A local proof
    for fixes that move text sideways, where a column decides what is nested in what (the
    whole file is verified again before anything is written)."""
    from listlint.document import markdown_parser

    doc = ctx.doc
    src = doc.source
    top = e
    while top.parent is not None and top.depth > 0:
        top = doc.entries[top.parent]
    sub = top.sub_span or top.span
    first = max(1, src.line_of(sub.start) - 1)
    last = src.line_of(max(sub.start, sub.end - 1))
    nxt = last + 1
    while nxt <= src.line_count and not src.line_text(nxt).strip():
        nxt += 1  # the next line that could join the item, or be joined by it
    last = min(nxt, src.line_count)
    start, end = src.line_start(first), src.line_end(last)
    if any(ed.start < start or ed.end > end for ed in edits):
        return False
    window = doc.text[start:end]
    parts, pos = [], 0
    for ed in sorted(edits, key=lambda ed: (ed.start, ed.end)):
        parts += [window[pos:ed.start - start], ed.content]
        pos = ed.end - start
    parts.append(window[pos:])
    md = markdown_parser()
    return md.render(window) == md.render("".join(parts))


