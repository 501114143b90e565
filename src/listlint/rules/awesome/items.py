"""List items as awesome-lint reads them: the name not repeated in the description (LL608), a
marker followed by a space (LL612), no empty item (LL614), and the items it cannot read
(LL615: two markers, an indented top-level item, no separator, a doubled stop)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from listlint.entry_text import prose_end, separator_kind
from listlint.model import Diagnostic, Edit
from listlint.registry import Context, rule

_BARE_MARKER = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]*")
_GLUED_MARKER = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)*[ \t]*(-)\[[^\]\n]{1,999}\]\(", re.M)
_REPEAT_BOUNDARY = re.compile(r"[\s.,!?:;-]")
_MARKUP = "`*_"
_LEADING_MARKUP = re.compile(r"^[`*_]+")
# text between an entry's link and a " - " that is only emphasis, code and plain words
# (each alternative starts with its own characters, so the match is linear: no backtracking)
_FORMATTED_LEAD = re.compile(r"(?:\*\*[^*\n]+\*\*|\*[^*\n]+\*|__[^_\n]+__|_[^_\n]+_"
                             r"|`[^`\n]+`|[^\[\]()`*_\n-])*? - ")


# -- LL608 ----------------------------------------------------------------------------------
@rule("LL608", "item-name-repeated", severity="error", default=False,
      summary="The description does not start by repeating the entry's name.")
def item_name_repeated(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports an entry whose description starts with the entry's own name
    (`- [Got](…) - Got is a HTTP client.`), compared without regard to case or to code and
    emphasis marks around it (`` `got` is ``), when the name is followed by the end of a word.
    Bold, italic or code between the link and the separator do not hide it
    (`- [Got](…) **(beta)** - Got is …`).

    ## Why is this bad?
    The name is already the link; repeating it wastes the reader's first glance.

    ## Example
    ```markdown
    - [Got](https://github.com/sindresorhus/got) - Got is a human-friendly HTTP client.
    ```
    Use instead: `- [Got](https://github.com/sindresorhus/got) - Human-friendly HTTP client.`

    ## Fix safety
    No fix: the sentence has to be reworded.
    """
    text = ctx.doc.text
    for e in ctx.doc.entries:
        if e.kind != "item" or not e.description or e.description_span is None:
            continue
        name = e.title.strip().strip(_MARKUP)
        if len(name) < 2:
            continue
        start = _repeats(name, e.description, e.description_span.start)
        if start is None:
            # `[Name](…) **(beta)** - Name does …`: emphasis or code before the separator
            after = text[e.link_span.end:e.head.end]
            m = _FORMATTED_LEAD.match(after)
            if m is None:
                continue
            start = _repeats(name, after[m.end():], e.link_span.end + m.end())
            if start is None:
                continue
        yield ctx.diagnostic(start, start + len(name),
                             f"description repeats the name '{name}': start with what it is")


def _repeats(name: str, description: str, offset: int) -> int | None:
    """Where ``description`` (at ``offset``) starts with ``name`` as a whole word, or None."""
    desc = _LEADING_MARKUP.sub("", description)
    if not desc.lower().startswith(name.lower()):
        return None
    rest = desc[len(name):].lstrip(_MARKUP)
    if rest and not _REPEAT_BOUNDARY.match(rest):
        return None
    return offset + len(description) - len(desc)


# -- LL612 ----------------------------------------------------------------------------------
@rule("LL612", "marker-without-space", severity="error", default=False, fixable=True,
      summary="A line like `-[Name](url)`: a list marker with no space, so no list item.")
def marker_without_space(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds lines that start with `-` directly followed by a link (`-[Name](https://…) - …`).
    Without a space after the `-` Markdown does not start a list item: the line is glued to
    the paragraph before it, so the entry silently becomes part of the previous one. Lines in
    code blocks and HTML are left alone.

    ## Why is this bad?
    The entry is not an entry: it renders run together with the one above, and tools that
    read the list (including listlint's other rules) do not see it.

    ## Example
    ```markdown
    - [Voxray](https://github.com/Voxray-AI/Voxray) - AI voice agents.
    -[Other](https://example.com) - Something else.
    ```
    Use instead: `- [Other](https://example.com) - Something else.`

    ## Fix safety
    Safe: a space is inserted after the `-`, which makes the line the list item it was meant
    to be.
    """
    doc = ctx.doc
    skipped = sorted((sp.start, sp.end) for sp in doc.skipped)
    starts = [a for a, _ in skipped]
    for m in _GLUED_MARKER.finditer(doc.text):
        pos = m.start(1)
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and pos < skipped[k][1]:
            continue
        yield ctx.diagnostic(pos, pos + 1, "no space after the list marker '-': this line is "
                                           "not a list item; write '- ['",
                             fix=ctx.fix(Edit(pos + 1, pos + 1, " "),
                                         description="add a space after the marker"))


# -- LL614 ----------------------------------------------------------------------------------
@rule("LL614", "empty-list-item", severity="error", default=False, fixable=True,
      summary="A list item with nothing in it (a bare `-`).")
def empty_list_item(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports list items that hold nothing: a line with only a marker (`-`, `*`, `1.`).

    ## Why is this bad?
    The page shows an empty bullet, usually where an entry was deleted by half.

    ## Example
    ```markdown
    - [A](https://a.example) - First.
    -
    - [B](https://b.example) - Second.
    ```

    ## Fix safety
    Safe: the line is removed; no entry is lost.
    """
    doc = ctx.doc
    src = doc.source
    for item in doc.list_items:
        if not item.empty:
            continue
        line = item.line
        start, end = src.line_start(line), src.line_end(line)
        if not _BARE_MARKER.fullmatch(doc.text, start, end):
            continue
        stop = end + 1 if end < len(doc.text) else end
        yield ctx.diagnostic(start, end, "empty list item: remove the bare marker or add the entry",
                             fix=ctx.fix(Edit(start, stop, ""), description="remove the line"))


# -- LL615 ----------------------------------------------------------------------------------
_TITLE_CASE_DASH = re.compile(r" - [A-Z]")
_EMOJI_OR_SPACE = re.compile(r"[\s\u200d\ufe0f\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]*")
_PARENTHETICAL = re.compile(r"\([^)]+\)")
_LEAD_DASH = re.compile(r"[ \t\u00a0]*-?[ \t\u00a0]*")


@rule("LL615", "awesome-list-item", severity="error", default=False, fixable=True,
      summary="An entry awesome-lint cannot read: two markers, an indented top-level item, "
              "no ` - ` separator.")
def awesome_list_item(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports the list items awesome-lint rejects and the style rules do not cover: an item
    that holds only another list on the same line (`* * [Name](…)`, two markers); an item of
    a top-level list indented by a space or more (` - [Name](…)`); an entry whose
    description follows no separator at all or a dash between no-break spaces
    (`[Name](…)-In-context …`); a description with a stop both inside and after a
    closing quote (`Says "hello.".`); and a description of more than two words that ends in
    an emoji with no stop anywhere (`Fast and friendly 🚀`; `Small. ✨` and `Fast 🚀` are fine,
    as they are for awesome-lint). Separators of another kind (`: `, ` – `, ` -> `) are
    reported by `separator` (LL503), which the preset pins to ` - `. A description that is
    only a parenthetical or only emoji needs no separator, and neither does an entry whose
    text has ` - ` and a capital later (`[![logo](…)](…) [Name](…) - …`).

    ## Why is this bad?
    awesome-lint fails the list on each of these; two markers also render as a bullet inside
    a bullet, and an indented top-level list drifts from the others in the source.

    ## Example
    ```markdown
    * * [Beta](https://beta.example.org) - Has two markers.
    - [Gamma](https://gamma.example.org)-In-context search.
    ```
    Use instead: `* [Beta](…) - Has two markers.`, `- [Gamma](…) - In-context search.`

    ## Fix safety
    Removing the indentation before a top-level marker is safe (the rendered page is proven
    unchanged). Removing the outer of two markers on a one-line item is safe; the bullet kept
    is the one the style pins (under the preset, the file's first bullet), so one fix is
    final. Writing ` - ` in place of a missing or no-break separator is unsafe: the dash may
    belong to a word.
    Removing the stop after a closing quote that already follows one is safe, and so is
    writing `.` before the ending emoji.
    """
    yield from _double_markers(ctx)
    yield from _indented_items(ctx)
    yield from _missing_separators(ctx)
    yield from _stops_around_quote(ctx)
    yield from _emoji_without_stop(ctx)


_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]")
_EMOJI_TAIL = frozenset("\ufe0f\u200d \t")  # variation selector, joiner, spaces
_STOP = re.compile(r"[.!?…]")
_LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\)")  # "](url)": not text
_WORD_BREAK = re.compile(r"[- ;./']+")


def _ending_emoji(d: str) -> int:
    """Where the emoji (and the spaces between them) that end ``d`` start; len(d) if none."""
    k = len(d)
    while k > 0 and (d[k - 1] in _EMOJI_TAIL or _EMOJI.match(d, k - 1)):
        k -= 1
    while k < len(d) and d[k] in _EMOJI_TAIL:
        k += 1
    return k


def _emoji_without_stop(ctx: Context) -> Iterator[Diagnostic]:
    """``Fast and friendly 🚀``: an emoji in place of the stop of a sentence of three words
    or more (awesome-lint accepts it after a stop anywhere, or in one or two words)."""
    text = ctx.doc.text
    for e in ctx.doc.entries:
        if e.kind != "item" or not e.description or e.description_span is None:
            continue
        if separator_kind(e.separator) is None:
            continue  # no separator: _missing_separators reports the item
        d = e.description.rstrip()
        k = _ending_emoji(d)
        if k == len(d) or not d[:k].strip():
            continue  # no ending emoji, or nothing but emoji
        plain = _LINK_TARGET.sub("]", d)
        if _STOP.search(plain) or _PARENTHETICAL.fullmatch(d[:k].strip()):
            continue
        if len([w for w in _WORD_BREAK.split(plain) if w]) <= 2:
            continue
        start = e.description_span.start
        at = start + len(d[:k].rstrip())
        fix = None
        if text[at - 1] not in ",;:":
            fix = ctx.fix(Edit(at, at, "."), description="add '.' before the emoji")
        yield ctx.diagnostic(start + k, start + len(d), "description ends with an emoji but "
                                                        "has no stop: write '.' before the emoji",
                             fix=fix)


_STOP_QUOTE_STOP = re.compile(r"[.!?…][\"”]([.!?…]+)$")


def _stops_around_quote(ctx: Context) -> Iterator[Diagnostic]:
    """``Says "hello.".``: a stop inside the closing quote and another after it."""
    text = ctx.doc.text
    for e in ctx.doc.entries:
        if e.kind != "item" or not e.description or e.description_span is None:
            continue
        start = e.description_span.start
        end = start + prose_end(text[start:e.description_span.end])
        m = _STOP_QUOTE_STOP.search(text, start, end)
        if m is None:
            continue
        yield ctx.diagnostic(m.start(1), m.end(1), "a stop both inside and after the closing "
                                                   "quote: keep the one inside",
                             fix=ctx.fix(Edit(m.start(1), m.end(1), ""),
                                         description="remove the stop after the quote"))


def _double_markers(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.doc
    src = doc.source
    toks = doc.tokens or []  # kept for LL6 rules: lint.needs_tokens
    for i, t in enumerate(toks[:-1]):
        nxt = toks[i + 1]
        if (t.type != "list_item_open" or not t.map or not nxt.map
                or nxt.type not in ("bullet_list_open", "ordered_list_open")
                or nxt.map[0] != t.map[0]):
            continue
        line = t.map[0] + 1
        start = src.line_start(line)
        m = _OUTER_MARKER.match(doc.text, start, src.line_end(line))
        fix = None
        if m and t.map[1] - t.map[0] == 1:
            # one edit over both markers, so no other fix of the inner marker goes with it
            fix = ctx.fix(Edit(m.start(1), m.end(2), _kept_marker(ctx, m.group(2))),
                          description="remove the outer marker")
        at = m.start(1) if m else start
        yield ctx.diagnostic(at, at + 1, "two list markers: this item holds only another list; "
                                         "keep one marker", fix=fix)


_OUTER_MARKER = re.compile(r"[ \t>]*((?:[-*+]|\d{1,9}[.)])[ \t]+)((?:[-*+]|\d{1,9}[.)]))[ \t]")


def _kept_marker(ctx: Context, inner: str) -> str:
    """The bullet left after removing the outer of two markers: the one the style family pins
    (under the awesome preset the file's first bullet), so that one fix is final; else
    ``inner`` as written."""
    if inner not in _BULLETS:
        return inner
    pinned = ctx.config.extra.get("style", {}).get("marker")
    if pinned == "first":
        bullets = [e for e in ctx.doc.entries if e.kind == "item" and e.list_marker in _BULLETS]
        return min(bullets, key=lambda e: e.span.start).list_marker if bullets else inner
    return pinned if pinned in _BULLETS else inner


_BULLETS = ("-", "*", "+")


def _indented_items(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.doc
    src = doc.source
    for t in doc.tokens or ():
        if t.type != "list_item_open" or t.level != 1 or not t.map:
            continue
        start = src.line_start(t.map[0] + 1)
        k = start
        while k < len(doc.text) and doc.text[k] == " ":
            k += 1
        if k == start:
            continue
        n = k - start
        yield ctx.diagnostic(k, k + 1, f"top-level list item indented by {n} space"
                                       f"{'s' if n > 1 else ''}: start the marker at the margin",
                             fix=ctx.fix(Edit(start, k, ""), formatting=True,
                                         description="remove the indentation"))


def _missing_separators(ctx: Context) -> Iterator[Diagnostic]:
    text = ctx.doc.text
    for e in ctx.doc.entries:
        if e.kind != "item" or not e.description or e.description_span is None:
            continue
        if separator_kind(e.separator) is not None and "\u00a0" not in e.separator:
            continue  # LL503 judges separators of another kind
        d = e.description
        if d[0] in "[!<" or _TITLE_CASE_DASH.search(d):
            continue  # another link or a badge comes first, or ' - ' follows later
        rest = _EMOJI_OR_SPACE.sub("", d)
        if not rest or _PARENTHETICAL.fullmatch(rest.strip()):
            continue  # only emoji, or only a parenthetical
        gap_end = e.description_span.start
        gap = _LEAD_DASH.match(text, e.link_span.end, gap_end + 2)
        end = gap.end() if gap else gap_end
        nbsp = "\u00a0" in text[e.link_span.end:end]
        what = ("link and description separated by a no-break space" if nbsp
                else "no ' - ' between link and description")
        fix = ctx.fix(Edit(e.link_span.end, end, " - "), unsafe=True, description="write ' - '")
        yield ctx.diagnostic(e.link_span.end, max(end, e.link_span.end + 1),
                             f"{what}: write '[Name](url) - Description.'", fix=fix)


