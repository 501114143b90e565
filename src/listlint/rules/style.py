"""Style drift rules (LL5xx): an entry that departs from the list's own dominant convention.

Each rule asks :mod:`listlint.style` what the list does (or what ``[tool.listlint.style]``
pins) and reports the entries that do otherwise, with the evidence and a fix. Fixes marked
``formatting`` leave the rendered page identical, which ``listlint fix`` proves before writing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from listlint.document.layouts import STYLED_LAYOUTS
from listlint.model import Applicability, Diagnostic, Edit, Entry, Fix, Span
from listlint.order import unsorted_positions
from listlint.registry import Context, rule
from listlint.style import (
    AUTO,
    OFF,
    Convention,
    ListBlock,
    StyleSettings,
    best_order,
    description_case_and_word,
    final_punctuation,
    first_word,
    infer,
    is_abbreviation,
    list_blocks,
    most_common,
    neighbour,
    prose_start,
    separator_kind,
    settings,
)
from listlint.text import shorten

if TYPE_CHECKING:
    from listlint.document import Document

_BLANKS = re.compile(r"[ \t]*")
_SECOND_MARKER = re.compile(r"[ \t]+(?:[-*+]|\d{1,9}[.)])[ \t]")
_ANNOTATION = re.compile(r"[*_]*\([^()]+\)[*_]*")


@dataclass(slots=True)
class _Shared:
    """What several LL5xx rules read from one document, worked out once for all of them."""

    doc: Document
    settings: StyleSettings
    items: list[Entry]  # the entries that are list items (they have a list marker)
    _blocks: list[ListBlock] | None = None
    _separators: list[tuple[Entry, str]] | None = None
    _kinds: list[tuple[Entry, str]] | None = None
    _heads: list[tuple[Entry, int, int]] | None = None

    def blocks(self) -> list[ListBlock]:
        """The lists of the document (:func:`listlint.style.list_blocks`)."""
        if self._blocks is None:
            self._blocks = list_blocks(self.doc)
        return self._blocks

    def separators(self) -> list[tuple[Entry, str]]:
        """(entry, separator as written) for entries whose description follows a separator."""
        if self._separators is None:
            self._separators = _separator_obs(self.items)
        return self._separators

    def separator_kinds(self) -> list[tuple[Entry, str]]:
        """(entry, :func:`separator_kind` of its separator), in the order of :meth:`separators`."""
        if self._kinds is None:
            self._kinds = [(e, separator_kind(sep) or "") for e, sep in self.separators()]
        return self._kinds

    def heads(self) -> list[tuple[Entry, int, int]]:
        """(entry, first line, last line) of the head of every item entry."""
        if self._heads is None:
            line_of = self.doc.source.line_of
            heads = []
            for e in self.items:
                start, end = e.head.start, e.head.end
                first = line_of(start)
                heads.append((e, first, line_of(end - 1) if end > start + 1 else first))
            self._heads = heads
        return self._heads


def _shared(ctx: Context) -> _Shared:
    """The :class:`_Shared` facts of ``ctx.doc``, computed by the first LL5xx rule that asks."""
    def make() -> _Shared:
        items = [e for e in ctx.doc.entries if e.kind == "item" and e.marker_span is not None
                 and e.layout in STYLED_LAYOUTS]  # never a layout it cannot infer
        return _Shared(ctx.doc, settings(ctx.config), items)

    return ctx.memo.get("style.shared", make, ctx.doc, ctx.config)


def _drift(obs: list[tuple[Entry, str]],
           conv: dict[int, Convention]) -> Iterator[tuple[Entry, str, Convention]]:
    """(entry, value, expected convention) for the observations that depart from it."""
    for e, value in obs:
        c = conv.get(e.index)
        if c is not None and value != c.value:
            yield e, value, c


def _guard(fix: Fix | None, c: Convention) -> Fix | None:
    """``fix``, unsafe when its convention is a section's that the list as a whole does not
    share: the line would then disagree with the list's own majority."""
    if fix is None or not c.contested or fix.applicability is Applicability.UNSAFE:
        return fix
    return replace(fix, applicability=Applicability.UNSAFE)


def _content_start(ctx: Context, e: Entry) -> int:
    """Offset of the first character after the list marker and its spaces."""
    assert e.marker_span is not None
    return _BLANKS.match(ctx.doc.text, e.marker_span.end).end()  # type: ignore[union-attr]


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
    * [TGI](https://github.com/huggingface/text-generation-inference) - Serving.
    ```
    Use instead: `- [TGI](…) - Serving.`

    ## Fix safety
    Safe. When no other list touches the changed one the rendered page is identical
    (a formatting fix); when it directly follows a list with the expected bullet the two lists
    become one, as intended; when only blank lines separate tight lists, the fix also removes
    them (one tight list). No fix when one of the lists is loose. Every item of the changed list
    gets the new bullet, entries or not (one item alone would split the list).
    """
    shared = _shared(ctx)
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
    for e, value, c in _drift(obs, conv):
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
            elif edits and not any(_loose(ctx.doc, x) for x in (blocks[k], *(n for n, _ in near))):
                # tight lists apart only by blank lines: one tight list, as meant
                fix = ctx.fix(*edits, *_gaps_between(ctx, blocks[k], near),
                              description=f"use {c.value!r} and join the lists")
        at_depth = f" at depth {e.depth}" if c.scope != "config" and e.depth else ""
        yield ctx.at(e.marker_span,
                     f"list marker {value!r} here; {c.evidence('marker')}{at_depth}", fix=_guard(fix, c))


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
    -   [httpx](https://github.com/encode/httpx) - HTTP client.
    ```
    Use instead: `- [httpx](https://github.com/encode/httpx) - HTTP client.`

    ## Fix safety
    Safe and formatting-only (the rendered page is identical). Not offered when nested
    content would change its meaning with the new content column.
    """
    shared = _shared(ctx)
    st = shared.settings
    doc = ctx.doc
    text = doc.text
    obs: list[tuple[Entry, str]] = []
    for e in shared.items:
        assert e.marker_span is not None
        start = _content_start(ctx, e)
        gap = text[e.marker_span.end:start]
        if not gap or "\t" in gap or len(gap) > 4 or start >= len(text) or text[start] == "\n":
            continue
        obs.append((e, str(len(gap))))
    conv = infer(obs, st.get("marker-spacing"), st)
    for e, value, c in _drift(obs, conv):
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
                     f"{c.evidence('marker-spacing', _spaces)}", fix=_guard(fix, c))


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


# -- LL503 / LL504 -------------------------------------------------------------------------


def _separator_obs(items: list[Entry]) -> list[tuple[Entry, str]]:
    """(entry, separator as written) for entries whose description follows a separator."""
    out = []
    for e in items:
        if e.separator_span is None or e.description_span is None or not e.separator:
            continue
        d = e.description
        if not d or "\n" in e.separator:
            continue
        kind = separator_kind(e.separator)
        if kind is None:
            continue
        if d[0] in "[!<":
            continue  # another link or a badge follows: not a description
        if kind == " " and not d[0].isalnum():
            continue  # `⚠` - …, (annotation) - …: the real separator comes later
        out.append((e, e.separator))
    return out


def _shown(sep: str) -> str:
    return repr(sep) if sep.strip() else "a space" if sep == " " else repr(sep)


@rule("LL503", "separator", severity="warning", fixable=True,
      summary="A separator between link and description other than the one the list uses.")
def separator(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Learns how the list separates an entry's link from its description (`: `, ` - `, ` — `,
    ` | `, just a space) and reports the entries that use something else. A list that
    consistently uses `: ` is not told to use ` - `. Pin with `separator = " - "`.

    ## Why is this bad?
    Mixed separators look careless and break scripts that split entries into name and
    description.

    ## Example
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm): fast inference
    - [SGLang](https://github.com/sgl-project/sglang) - structured generation
    ```
    In a list that uses `: ` everywhere else, the second line gets
    `separator ' - ' here; this list uses ': ' in 97% of 120 entries`.

    ## Fix safety
    Safe: only the separator of that entry is rewritten (with the list's usual spacing).
    """
    shared = _shared(ctx)
    st = shared.settings
    obs = shared.separators()
    pin = st.get("separator")
    kinds = shared.separator_kinds()
    conv = infer(kinds, pin, st, pinned=separator_kind(pin) if st.pinned("separator") else None)
    if not conv:
        return
    usual: dict[str, str] = {}
    for (e, sep), (_, kind) in zip(obs, kinds):
        c = conv.get(e.index)
        if c is None or kind == c.value:
            continue
        if c.value not in usual:
            usual[c.value] = pin if st.pinned("separator") else (
                most_common(s for (_, s), (_, k) in zip(obs, kinds) if k == c.value) or c.value)
        want = usual[c.value]
        assert e.separator_span is not None
        fix = ctx.fix(Edit(e.separator_span.start, e.separator_span.end, want),
                      description=f"use {want!r}")
        shown_conv = Convention(want, c.count, c.total, c.scope)
        head = "only a space as separator" if sep == " " else f"separator {_shown(sep)}"
        yield ctx.at(e.separator_span, f"{head} here; "
                                       f"{shown_conv.evidence('separator', _shown)}", fix=_guard(fix, c))


@rule("LL504", "separator-spacing", severity="info", fixable=True,
      summary="The right separator with the wrong spacing (`:  `, `-`, ` :`).")
def separator_spacing(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Among entries that use the list's separator, reports those that space it differently
    (`:  ` or ` :` in a list of `: `; `- ` in a list of ` - `).

    ## Why is this bad?
    Invisible in most renderings but noisy in diffs and in scripts that split on the
    separator.

    ## Example
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm):  fast inference
    ```
    Use instead: `- [vLLM](https://github.com/vllm-project/vllm): fast inference`.

    ## Fix safety
    Safe: only the whitespace around that entry's separator changes.
    """
    shared = _shared(ctx)
    st = shared.settings
    if st.off("separator-spacing"):
        return
    by_kind: dict[str, list[tuple[Entry, str]]] = {}
    for (e, sep), (_, kind) in zip(shared.separators(), shared.separator_kinds()):
        by_kind.setdefault(kind, []).append((e, sep))
    pin = st.get("separator")
    for kind, group in by_kind.items():
        if kind == " ":
            continue
        if st.pinned("separator"):
            if separator_kind(pin) != kind:
                continue  # LL503 rewrites these with the pinned spacing
            conv = infer(group, pin, st)
        else:
            conv = infer(group, AUTO, st)
        for e, sep, c in _drift(group, conv):
            assert e.separator_span is not None
            yield ctx.at(e.separator_span,
                         f"separator {sep!r} here; {c.evidence('separator')}",
                         fix=_guard(ctx.fix(Edit(e.separator_span.start, e.separator_span.end,
                                                 c.value), description=f"use {c.value!r}"), c))


# -- LL505 / LL506 -------------------------------------------------------------------------


@rule("LL505", "checkbox", severity="warning", fixable=True,
      summary="An entry without the task checkbox the rest of the list has (or with one it has not).")
def checkbox(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reading lists track progress with task checkboxes (`- [ ] [Paper](…)`). When nearly
    every entry at a depth has one, an entry without is reported, and the other way round.
    Pin with `checkbox = "always"` or `"never"`.

    ## Why is this bad?
    A missing box cannot be ticked; tools that count read papers miss the entry.

    ## Example
    ```markdown
    - [x] [Orca](https://www.usenix.org/conference/osdi22/presentation/yu): OSDI'22
    - [SARATHI](https://arxiv.org/abs/2308.16369): chunked prefill
    ```
    Use instead: `- [ ] [SARATHI](https://arxiv.org/abs/2308.16369): chunked prefill`.

    ## Fix safety
    Adding an unticked box is safe. Removing a box is unsafe: it drops whether the entry was
    ticked. Malformed boxes (`[]`, `[ x]`) are left to `malformed-checkbox` (LL002).
    """
    shared = _shared(ctx)
    st = shared.settings
    text = ctx.doc.text
    obs: list[tuple[Entry, str]] = []
    for e in shared.items:
        if e.checkbox_span is not None:
            obs.append((e, "box"))
            continue
        start = _content_start(ctx, e)
        if text.startswith("[", start) and start < e.link_span.start or start > e.link_span.start:
            continue  # a malformed box (LL002) or content on a later line
        obs.append((e, "none"))
    setting = st.get("checkbox")
    pinned = {"always": "box", "never": "none"}.get(setting)
    conv = infer(obs, setting, st, group=lambda e: e.depth, pinned=pinned)
    shown = {"box": "a checkbox", "none": "no checkbox"}
    for e, value, c in _drift(obs, conv):
        if value == "none":
            start = _content_start(ctx, e)
            fix = ctx.fix(Edit(start, start, "[ ] "), description="add an unticked checkbox")
            span = Span(start, e.link_span.start) if e.link_span.start > start else e.link_span
            yield ctx.at(span, f"entry has no checkbox; "
                               f"{c.evidence('checkbox', lambda v: shown[v])}", fix=_guard(fix, c))
        else:
            assert e.checkbox_span is not None
            end = e.checkbox_span.end
            while end < len(text) and text[end] in " \t":
                end += 1
            fix = ctx.fix(Edit(e.checkbox_span.start, end, ""), unsafe=True,
                          description="remove the checkbox")
            yield ctx.at(e.checkbox_span, f"entry has a checkbox; "
                                          f"{c.evidence('checkbox', lambda v: shown[v])}",
                         fix=_guard(fix, c))


@rule("LL506", "checkbox-mark", severity="info", fixable=True,
      summary="A ticked box written `[X]` in a list of `[x]` (or the other way round).")
def checkbox_mark(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports ticked checkboxes whose mark differs from the one the list uses (`[x]` or `[X]`).
    Pin with `checked-mark = "x"`.

    ## Why is this bad?
    Both render the same on GitHub, but scripts and `grep '\\[x\\]'` miss the other form.

    ## Example
    ```markdown
    - [X] [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)
    ```
    Use instead: `- [x] [Orca](…)`.

    ## Fix safety
    Safe: one character of that entry changes.
    """
    shared = _shared(ctx)
    st = shared.settings
    text = ctx.doc.text
    obs = [(e, text[e.checkbox_span.start + 1]) for e in shared.items
           if e.checkbox_span is not None and e.checked]
    conv = infer(obs, st.get("checked-mark"), st)
    for e, value, c in _drift(obs, conv):
        assert e.checkbox_span is not None
        pos = e.checkbox_span.start + 1
        yield ctx.at(e.checkbox_span,
                     f"ticked box '[{value}]' here; "
                     f"{c.evidence('checked-mark', lambda v: f'[{v}]')}",
                     fix=_guard(ctx.fix(Edit(pos, pos + 1, c.value),
                                        description=f"write [{c.value}]"), c))


# -- LL507 / LL508 -------------------------------------------------------------------------


def _is_known_name(word: str) -> bool:
    """Is ``word`` a technology name with a canonical spelling (GitHub, macOS ...)?"""
    from listlint.canonical import default_names  # its table loads only when asked

    return (word.lower(),) in default_names().forms


def _is_lower_case_name(word: str) -> bool:
    """Is ``word`` a name spelled only in lower case (npm, webpack)?"""
    from listlint.canonical import default_names

    return default_names().forms.get((word,)) == word


@rule("LL507", "description-case", severity="info", fixable=True,
      summary="A description that starts in the other case from the list's descriptions.")
def description_case_rule(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Learns whether descriptions start with a capital (`- [x](…) - Fast inference.`) or not
    (`- [x](…): fast inference`) and reports those that differ. Descriptions starting with the
    project's own name, an acronym, camelCase, a number, code or a link, or a name spelled
    only in lower case (`npm`), and descriptions in a script whose sentences do not start with
    a capital (Chinese, Arabic, Georgian ...) are never reported.
    Pin with `description-case = "upper"` or `"lower"`.

    ## Why is this bad?
    Mixed capitalisation reads as unedited copy-paste.

    ## Example
    ```markdown
    - [httpx](https://github.com/encode/httpx) - a next generation HTTP client.
    ```
    In a list of capitalised descriptions: `- [httpx](…) - A next generation HTTP client.`

    ## Fix safety
    Capitalising the first letter is safe. Lower-casing it is unsafe: the word may be a
    proper noun.
    """
    shared = _shared(ctx)
    st = shared.settings
    obs = []
    words = []
    for e in shared.items:
        if e.description_span is None or not e.separator.strip(" \t"):
            continue
        v, word = description_case_and_word(e)
        if v is not None:
            obs.append((e, v))
            words.append(word)
    conv = infer(obs, st.get("description-case"), st)
    text = ctx.doc.text
    starts = set(words)  # the first words of the descriptions, as written
    for e, _value, c in _drift(obs, conv):
        assert e.description_span is not None
        d = e.description
        lead = prose_start(d) if d and not d[0].isalnum() else 0  # after markers and badges
        pos = e.description_span.start + lead
        ch = text[pos]
        new = ch.upper() if c.value == "upper" else ch.lower()
        if len(new) != 1:
            continue
        word = first_word(d[lead:]) or ch
        if c.value == "upper" and word.islower() and _is_lower_case_name(word):
            continue  # npm, webpack: a name whose only spelling is lower case
        wanted = new + word[1:]
        # safe only for an ordinary word that other descriptions start with as wanted, or
        # when the case is pinned (a preset) and the word is no name spelled in lower case
        unsafe = c.value == "lower" or (wanted not in starts and (
            c.scope != "config" or _is_known_name(word)))
        fix = ctx.fix(Edit(pos, pos + 1, new), unsafe=unsafe, description=f"write {wanted!r}")
        what = {"upper": "a capital", "lower": "a lower-case letter"}
        evidence = c.evidence("description-case", what.__getitem__,
                              verb="starts descriptions with")
        yield ctx.at(Span(pos, pos + len(word)),
                     f"description starts with {shorten(word, 40)!r}; {evidence}", fix=_guard(fix, c))


@rule("LL508", "final-punctuation", severity="info", fixable=True,
      summary="A description that ends differently (`.` or nothing) from the list's descriptions.")
def final_punctuation_rule(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Learns whether descriptions end with a full stop (`.`, `!`, `?` and `…` all count) or
    with no punctuation, and reports those that differ. Trailing licence and language tags in
    backticks, badges and `([Demo](…))` groups are not part of the prose: in
    ``Media server. `GPL-3.0` `Docker` `` the description ends with `.`. Pin with
    `final-punctuation = "."` or `"none"`.

    ## Why is this bad?
    Half the entries ending with a full stop looks unedited.

    ## Example
    ```markdown
    - [httpx](https://github.com/encode/httpx) - A next generation HTTP client
    ```
    In a list whose descriptions end with `.`: `… - A next generation HTTP client.`

    ## Fix safety
    Adding the full stop is safe. Removing one is unsafe (it may end an abbreviation). No fix
    when the description ends with `,`, `;` or `:`.
    """
    shared = _shared(ctx)
    st = shared.settings
    text = ctx.doc.text
    obs = []
    ends: dict[int, int] = {}
    for e in shared.items:
        if e.description_span is None or not e.separator:
            continue
        d = text[e.description_span.start:e.description_span.end]
        if not e.separator.strip() and _ANNOTATION.fullmatch(d.strip()):
            continue  # "[Name](…) (archived)": an annotation after the link, no description
        v, end = final_punctuation(d)
        if v is None:
            continue
        obs.append((e, v))
        ends[e.index] = e.description_span.start + end
    conv = infer(obs, st.get("final-punctuation"), st)
    shown = {".": "'.'", "none": "no final punctuation"}
    for e, _value, c in _drift(obs, conv):
        end = ends[e.index]
        last = text[end - 1]
        if c.value == ".":
            fix = None if last in ",;:" else ctx.fix(Edit(end, end, "."), description="add '.'")
            yield ctx.at(Span(end - 1, end),
                         f"description ends without a full stop; "
                         f"{c.evidence('final-punctuation', shown.__getitem__)}", fix=_guard(fix, c))
        else:
            if last != "." or text[end - 2:end] == ".." or \
                    is_abbreviation(text[e.description_span.start:end]):
                continue
            yield ctx.at(Span(end - 1, end),
                         f"description ends with '.'; "
                         f"{c.evidence('final-punctuation', shown.__getitem__)}",
                         fix=ctx.fix(Edit(end - 1, end, ""), unsafe=True,
                                     description="remove the final '.'"))


# -- LL509 ---------------------------------------------------------------------------------


@rule("LL509", "title-emphasis", severity="info", fixable=True,
      summary="A title in bold or italics (or not) unlike the rest of the list.")
def title_emphasis(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Learns whether entry links are wrapped in emphasis (`**[Title](…)**`, `*[Title](…)*`) and
    reports entries that differ. Pin with `title-emphasis = "none"` or `"**"`.

    ## Why is this bad?
    A lone bold entry looks like it matters more than the others; it rarely does.

    ## Example
    ```markdown
    - **[vLLM](https://github.com/vllm-project/vllm)** - Fast inference.
    ```
    In a list of plain links: `- [vLLM](https://github.com/vllm-project/vllm) - Fast inference.`

    ## Fix safety
    Safe. Switching `**` and `__` (or `*` and `_`) is formatting-only. Unsafe when the link
    does not start the item (a link inside a sentence is no entry title).
    """
    shared = _shared(ctx)
    st = shared.settings
    text = ctx.doc.text
    obs = [(e, e.emphasis or "none") for e in shared.items]
    conv = infer(obs, st.get("title-emphasis"), st)
    for e, value, c in _drift(obs, conv):
        ls, le = e.link_span.start, e.link_span.end
        have = "" if value == "none" else value
        want = "" if c.value == "none" else c.value
        fix = None
        # a link inside a sentence ("We give a tutorial on *[X](…)* at Y") is no entry title
        inside = ls - len(have) != _title_start(ctx, e)
        if have and text[ls - len(have):ls] == have and text[le:le + len(have)] == have:
            fix = ctx.fix(Edit(ls - len(have), ls, want), Edit(le, le + len(have), want),
                          formatting=bool(want) and len(want) == len(have), unsafe=inside,
                          description=f"use {c.value!r}")
        elif not have:
            fix = ctx.fix(Edit(ls, ls, want), Edit(le, le, want), unsafe=inside,
                          description=f"use {want!r}")
        yield ctx.at(e.link_span,
                     f"title emphasis {_emphasis(value)} here; "
                     f"{c.evidence('title-emphasis', _emphasis)}", fix=_guard(fix, c))


def _title_start(ctx: Context, e: Entry) -> int:
    """Where an item's title would start: after the marker, the checkbox and their spaces."""
    start = _content_start(ctx, e)
    if e.checkbox_span is not None and e.checkbox_span.start == start:
        start = _BLANKS.match(ctx.doc.text, e.checkbox_span.end).end()  # type: ignore[union-attr]
    return start


def _emphasis(value: str) -> str:
    return "a plain title" if value == "none" else repr(value)


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
    ```

    ## Fix safety
    Safe and formatting-only: the entry and its sub-items move together, and only when the
    new position keeps the same nesting.
    """
    shared = _shared(ctx)
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
        content = _col(ctx, _content_start(ctx, p))
        obs.append((e, str(ie - ip)))
        cols[e.index] = (ie, content)
    conv = infer(obs, st.get("indent"), st)
    for e, value, c in _drift(obs, conv):
        ie, content = cols[e.index]
        delta = int(c.value) - int(value)
        new = ie + delta
        fix = None
        if content <= new < content + 4:
            fix = _shift(ctx, e, delta)
        assert e.marker_span is not None
        yield ctx.at(e.marker_span,
                     f"nested entry indented {value} spaces from its parent; "
                     f"{c.evidence('indent', lambda v: v + ' spaces')}", fix=_guard(fix, c))


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


# -- LL511 ---------------------------------------------------------------------------------


@rule("LL511", "list-spacing", severity="warning", fixable=True,
      summary="A blank line between entries of a tight list (or none in a loose one).")
def list_spacing(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Learns whether the list puts blank lines between entries (a *loose* list) or not (a
    *tight* list) and reports the gaps that differ. Pin with `list-spacing = "tight"`.

    ## Why is this bad?
    One blank line between two entries makes Markdown render the *whole* list loose: every
    entry gets paragraph spacing.

    ## Example
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm) - Fast inference.

    - [SGLang](https://github.com/sgl-project/sglang) - Structured generation.
    - [TGI](https://github.com/huggingface/text-generation-inference) - Serving.
    ```

    ## Fix safety
    Safe: blank lines are removed or added between entries; no entry changes.
    """
    shared = _shared(ctx)
    st = shared.settings
    doc = ctx.doc
    src = doc.source
    entries = doc.entries
    obs: list[tuple[Entry, str]] = []
    gaps: dict[int, tuple[int, int]] = {}  # entry -> (previous item's last line, its first)
    for b in shared.blocks():
        if len(b.items) < 2 or all(x is None for x in b.entries):
            continue
        if _internally_loose(doc, b) or _quoted(doc, b):
            continue
        for i in range(1, len(b.items)):
            ei = b.entries[i]
            if ei is None:
                continue
            last = b.items[i - 1][1]
            first = b.items[i][0]
            obs.append((entries[ei], "tight" if first == last + 1 else "loose"))
            gaps[ei] = (last, first)
    conv = infer(obs, st.get("list-spacing"), st)
    for e, value, c in _drift(obs, conv):
        last, first = gaps[e.index]
        if value == "loose":
            edit = Edit(src.line_end(last), src.line_start(first) - 1, "")
            msg = "blank line before this entry makes the whole list loose"
        else:
            edit = Edit(src.line_start(first), src.line_start(first), "\n")
            msg = "no blank line before this entry"
        evidence = c.evidence("list-spacing", str, verb="is", unit="gaps between entries")
        yield ctx.at(Span(src.line_start(first), src.line_end(first)), f"{msg}; {evidence}",
                     fix=_guard(ctx.fix(edit, description="tighten" if value == "loose"
                                        else "loosen"), c))


def _internally_loose(doc: Document, b: ListBlock) -> bool:
    src = doc.source
    for first, last in b.items:
        for n in range(first + 1, last):
            if not src.line_text(n).strip():
                return True
    return False


def _loose(doc: Document, b: ListBlock) -> bool:
    """Blank lines between the items of ``b`` or inside one."""
    return any(nxt[0] > cur[1] + 1 for cur, nxt in zip(b.items, b.items[1:])) or \
        _internally_loose(doc, b)


def _quoted(doc: Document, b: ListBlock) -> bool:
    line = doc.source.line_text(b.first_line)
    return line.lstrip().startswith(">") or "\t" in line[: len(line) - len(line.lstrip())]


# -- LL512 / LL513 -------------------------------------------------------------------------


def _in_code_span(ctx: Context, e: Entry, offset: int) -> bool:
    return ctx.doc.text.count("`", e.head.start, offset) % 2 == 1


@rule("LL512", "trailing-whitespace", severity="info", fixable=True,
      summary="Spaces at the end of an entry line that do nothing (not a hard line break).")
def trailing_whitespace(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    When the list's entry lines are consistently free of trailing spaces, reports the ones
    that end with spaces that have no effect: a single space, or spaces at the end of the
    entry's paragraph. Two or more spaces *inside* a multi-line entry are a hard line break
    and are left to `hard-break` (LL513). `trailing-whitespace = "off"` turns it off.

    ## Why is this bad?
    Invisible noise that editors strip, producing unrelated diff lines in the next pull
    request.

    ## Example
    `- [vLLM](https://github.com/vllm-project/vllm) - Fast inference.␣␣`

    ## Fix safety
    Safe and formatting-only: the rendered page is identical.
    """
    shared = _shared(ctx)
    st = shared.settings
    setting = st.get("trailing-whitespace")
    if setting == OFF:
        return
    src = ctx.doc.source
    text = ctx.doc.text
    obs: list[tuple[Entry, str]] = []
    spots: list[tuple[Entry, int, int]] = []
    for e, first, last in shared.heads():
        for n in range(first, last + 1):
            # a head is made of whole lines
            start = e.head.start if n == first else src.line_start(n)
            end = e.head.end if n == last else src.line_end(n)
            if not text.endswith(" ", start, end):
                obs.append((e, "clean"))
                continue
            line = text[start:end]
            stripped = line.rstrip(" ")
            pad = len(line) - len(stripped)
            if stripped.endswith("\t") or not stripped.strip():
                continue
            if (pad >= 2 and n != last) or _in_code_span(ctx, e, end):
                continue  # a hard line break, or inside a code span
            obs.append((e, "trailing"))
            spots.append((e, end - pad, end))
    conv = infer(obs, AUTO if setting == AUTO else "clean", st)
    for e, start, end in spots:
        c = conv.get(e.index)
        if c is None or c.value != "clean":
            continue
        yield ctx.diagnostic(start, end,
                             f"{end - start} trailing space{'s' if end - start > 1 else ''}; "
                             + c.evidence("trailing-whitespace", lambda v: "no trailing spaces",
                                          verb="has", unit="entry lines"),
                             fix=ctx.fix(Edit(start, end, ""), formatting=True,
                                         description="remove trailing spaces"))


@rule("LL513", "hard-break", severity="info", fixable=True,
      summary="A hard line break written differently (two spaces or a backslash) from the list.")
def hard_break(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    In entries spread over several lines, a hard line break is written either with two
    trailing spaces or with a trailing backslash. Reports the breaks that use the form the
    list does not. Pin with `hard-break = "backslash"` or `"spaces"`.

    ## Why is this bad?
    Trailing spaces are invisible and editors strip them, silently joining the lines; mixing
    both forms makes that hard to notice.

    ## Example
    ```markdown
    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\\
      OSDI'22
    - [vLLM](https://arxiv.org/abs/2309.06180)␣␣
      SOSP'23
    ```

    ## Fix safety
    Safe and formatting-only: both forms render the same line break.
    """
    shared = _shared(ctx)
    st = shared.settings
    src = ctx.doc.source
    obs: list[tuple[Entry, str]] = []
    spots: dict[int, list[tuple[int, int, str]]] = {}
    for e, first, last in shared.heads():
        for n in range(first, last):  # a break ends a line that is not the last
            line = src.line_text(n)
            end = src.line_end(n)
            if _in_code_span(ctx, e, end):
                continue
            stripped = line.rstrip(" ")
            pad = len(line) - len(stripped)
            if pad >= 2 and stripped.strip():
                obs.append((e, "spaces"))
                spots.setdefault(e.index, []).append((end - pad, end, "spaces"))
            elif pad == 0 and line.endswith("\\") and not line.endswith("\\\\"):
                obs.append((e, "backslash"))
                spots.setdefault(e.index, []).append((end - 1, end, "backslash"))
    conv = infer(obs, st.get("hard-break"), st)
    for e, _value in obs:
        c = conv.get(e.index)
        if c is None:
            continue
        for start, end, value in spots.pop(e.index, []):
            if value == c.value:
                continue
            new = "\\" if c.value == "backslash" else "  "
            yield ctx.diagnostic(start, end,
                                 f"hard line break written with {value}; "
                                 f"{c.evidence('hard-break')}",
                                 fix=ctx.fix(Edit(start, end, new), formatting=True,
                                             description=f"write the break with {c.value}"))


# -- LL514 ---------------------------------------------------------------------------------


@rule("LL514", "final-newline", severity="info", fixable=True, tidy=True,
      summary="Blank lines at the end of the file (or, when pinned, a missing final newline).")
def final_newline(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports blank lines after the last line of the file. By default a file without a final
    newline is left alone (listlint keeps that choice when it writes); pin
    `final-newline = "yes"` to require one, or `"no"` to require none.

    ## Why is this bad?
    Trailing blank lines are noise in diffs and get removed by the next editor that saves
    the file, producing an unrelated change.

    ## Example
    A README ending in `- [Last](https://example.com)\\n\\n\\n`.

    Blank lines inside a code block that is never closed are code, and stay.

    ## Fix safety
    Safe and formatting-only: the rendered page is identical.
    """
    shared = _shared(ctx)
    st = shared.settings
    setting = st.get("final-newline")
    text = ctx.doc.text
    if setting == OFF or not text or text.isspace():
        return
    content_end = len(text)  # without copying the file to strip it
    while text[content_end - 1].isspace():
        content_end -= 1
    nl = text.find("\n", content_end)
    tail = text[content_end:]
    if setting == "no":
        if tail:
            yield ctx.diagnostic(content_end, len(text), "file ends with a newline; "
                                 "[tool.listlint.style] final-newline = 'no'",
                                 fix=ctx.fix(Edit(content_end, len(text), ""), formatting=True,
                                             description="remove the final newline"))
        return
    if nl == -1:
        if setting == "yes":
            yield ctx.diagnostic(content_end, len(text),
                                 "file does not end with a newline; "
                                 "[tool.listlint.style] final-newline = 'yes'",
                                 fix=ctx.fix(Edit(len(text), len(text), "\n"), formatting=True,
                                             description="add a final newline"))
        return
    if text[nl + 1:] and not _in_code_block(ctx.doc, nl + 1):
        extra = text.count("\n", nl + 1) + (0 if text.endswith("\n") else 1)
        yield ctx.diagnostic(nl + 1, len(text),
                             f"{extra} blank line{'s' if extra != 1 else ''} at the end of the "
                             "file; end it with exactly one newline",
                             fix=ctx.fix(Edit(nl + 1, len(text), ""), formatting=True,
                                         description="remove blank lines at the end"))


def _in_code_block(doc: Document, offset: int) -> bool:
    """Is ``offset`` inside a code or HTML block (blank lines at the end of the file are
    its content when a fence is never closed)?"""
    return any(span.start <= offset <= span.end for span in reversed(doc.skipped[-3:]))


# -- LL515 ---------------------------------------------------------------------------------


@rule("LL515", "alphabetical-order", severity="info", fixable=True,
      summary="An entry out of alphabetical order in a list that is otherwise sorted.")
def alphabetical_order(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    When a list is sorted by title except for a few entries (at least 8 entries, at most 10%
    out of place), or when nearly every list of the file is sorted, reports the entries out
    of place. `order = "alphabetical"` requires sorted lists everywhere; `"off"` turns it off.
    Titles compare case-insensitively, ignoring leading punctuation.

    ## Why is this bad?
    In a sorted list readers look for an entry where it should be; a misplaced one looks
    missing, and gets added twice.

    ## Example
    ```markdown
    - [aiohttp](https://github.com/aio-libs/aiohttp) - Async HTTP.
    - [requests](https://github.com/psf/requests) - HTTP for humans.
    - [httpx](https://github.com/encode/httpx) - Next generation HTTP client.
    ```

    ## Fix safety
    Safe when the list itself is sorted but for a few entries (or `order` is pinned): the list
    is rewritten in sorted order, each entry moving with its sub-items and continuation lines;
    blank lines between entries stay where they were. Unsafe when only the *other* lists of
    the file are sorted: a list far from sorted may keep an order of its own (by importance,
    by date). Ordered lists (`1.`) are never reordered.
    """
    shared = _shared(ctx)
    st = shared.settings
    setting = st.get("order")
    if setting == OFF:
        return
    doc = ctx.doc
    entries = doc.entries
    candidates: list[tuple[ListBlock, list[int], list[str]]] = []
    for b in shared.blocks():
        if b.ordered or len(b.items) < 2 or any(x is None for x in b.entries):
            continue
        if _quoted(doc, b) or len({_lead(doc, first) for first, _ in b.items}) != 1:
            continue
        bad, keys = _out_of_order([entries[x].title for x in b.entries if x is not None])
        candidates.append((b, bad, keys))
    file_sorted = False
    if setting == AUTO:
        # a nearly sorted list counts as sorted: its safe fix sorts it, and the fixed file
        # must come to the same verdict (a second `fix` sorts nothing more)
        sizable = [bad for _, bad, k in candidates if len(k) >= 3]
        ok = sum(1 for _, bad, k in candidates if len(k) >= 3 and _nearly(bad, len(k)))
        file_sorted = len(sizable) >= st.min_entries and ok >= st.threshold * len(sizable)
    for b, bad, keys in candidates:
        if not bad:
            continue
        n = len(keys)
        nearly = _nearly(bad, n) and bool(bad)
        if setting == AUTO and not file_sorted and not nearly:
            continue
        if setting != AUTO:
            why = "[tool.listlint.style] order = 'alphabetical'"
        elif file_sorted and not nearly:
            why = "the other lists of this file are sorted"
        else:
            why = f"this list is sorted except for {len(bad)} of {n} entries"
        # a list far from sorted may be in an order of its own (by importance, by date):
        # sorting it because the other lists are sorted is the maintainer's call
        fix = _sort_fix(ctx, b, keys, unsafe=setting == AUTO and not nearly)
        order = sorted(range(n), key=lambda i: keys[i])
        rank = {i: r for r, i in enumerate(order)}
        members = [entries[x] for x in b.entries if x is not None]
        for i in bad:
            e = members[i]
            r = rank[i]
            hint = f"belongs after {shorten(members[order[r - 1]].title, 40)!r}" if r else "belongs first"
            assert e.marker_span is not None
            yield ctx.at(e.title_span, f"entry {shorten(e.title, 40)!r} is out of alphabetical "
                                       f"order ({hint}); {why}", fix=fix)


def _out_of_order(titles: list[str]) -> tuple[list[int], list[str]]:
    """(positions out of order, sort keys) of a list's titles, a repeated title not
    counted: a repeat is the duplicate rules' business, and once the fix removes it the
    list must be judged as it was (so a second `fix` sorts nothing more)."""
    bad, keys = best_order(titles)
    if not bad or len(set(keys)) == len(keys):
        return bad, keys
    seen: set[str] = set()
    first = [i for i, k in enumerate(keys) if not (k in seen or seen.add(k))]
    return [first[j] for j in unsorted_positions([keys[i] for i in first])], keys


def _nearly(bad: list[int], n: int) -> bool:
    """Is a list of ``n`` entries sorted but for the entries ``bad`` (few of many)?"""
    return not bad or (n >= 8 and len(bad) <= max(1, n // 10))


def _lead(doc: Document, line_no: int) -> str:
    line = doc.source.line_text(line_no)
    return line[: len(line) - len(line.lstrip())]


def _sort_fix(ctx: Context, b: ListBlock, keys: list[str], unsafe: bool = False) -> Fix:
    src = ctx.doc.source
    text = ctx.doc.text
    blocks = [text[src.line_start(first):src.line_end(last)] for first, last in b.items]
    gaps = [text[src.line_end(b.items[i][1]):src.line_start(b.items[i + 1][0])]
            for i in range(len(b.items) - 1)]
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    parts = []
    for pos, i in enumerate(order):
        parts.append(blocks[i])
        if pos < len(gaps):
            parts.append(gaps[pos])
    start = src.line_start(b.items[0][0])
    end = src.line_end(b.items[-1][1])
    return ctx.fix(Edit(start, end, "".join(parts)), unsafe=unsafe, description="sort the list")
