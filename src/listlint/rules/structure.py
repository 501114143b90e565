"""Structure rules (LL0xx): links, checkboxes, anchors, files, headings, table of contents."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from listlint.model import Diagnostic, Edit, Related, Span, Toc
from listlint.registry import Context, rule
from listlint.text import shorten

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
            what = f"link {shorten(link.text)!r}" if link.text.strip() else "image link"
            yield ctx.at(link.span, f"{what} has an empty target")
        elif not link.text.strip() and link.kind != "autolink" and not _has_image(ctx, link.span):
            yield ctx.at(link.span, f"link to {shorten(url)} has no text")


def _has_image(ctx: Context, span: Span) -> bool:
    return "![" in ctx.doc.text[span.start : span.end] or "<img" in ctx.doc.text[span.start : span.end]


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

    A broken anchor of a table-of-contents item is reported once: when `toc-out-of-sync`
    (LL006) runs too and checks that ToC, LL003 leaves the item to it, because LL006's message
    says what its fix does with the item (corrects its anchor or drops it). With LL006
    disabled (or on a ToC LL006 does not check), LL003 reports the item as any other link.
    LL006 is a warning, so such an item no longer fails a run on its own; give
    `toc-out-of-sync` the severity `error` to keep it failing.

    ## Fix safety
    No fix of its own; `toc-out-of-sync` (LL006) repairs a table of contents.
    """
    anchors = ctx.doc.anchors
    extra: set[str] | None = None
    index: AnchorIndex | None = None
    left_to_toc = _toc_items_reported_by_ll006(ctx)
    for link in ctx.doc.links:
        if link.kind == "image" or not link.url.startswith("#") or link.url == "#":
            continue
        if link.span.start in left_to_toc:
            continue
        frag = unquote(link.url[1:])
        if frag in anchors or frag.lower() in anchors:
            continue
        if extra is None:
            extra = html_anchors(ctx)
        if frag in extra:
            continue
        if index is None:
            index = AnchorIndex(anchors)
        hint = index.closest(frag.lower())
        msg = f"no heading produces the anchor '#{frag}'"
        if hint:
            msg += f"; did you mean '#{hint}'?"
        yield ctx.at(link.url_span or link.span, msg)


def _grams(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class AnchorIndex:
    """The anchors of a document, indexed by their character trigrams, to suggest the
    closest one to a broken anchor in time independent of the number of headings: only
    anchors sharing a trigram that few anchors have are scored (at most
    ``MAX_CANDIDATES``, with rapidfuzz's ratio, cutoff 60 as difflib's 0.6)."""

    MAX_POSTING = 64  # a trigram in more anchors than this says nothing about which one
    MAX_CANDIDATES = 24

    def __init__(self, anchors: Iterable[str]) -> None:
        self.anchors = list(anchors)
        self.postings: dict[str, list[int]] = {}
        for i, anchor in enumerate(self.anchors):
            for g in _grams(anchor):
                posting = self.postings.setdefault(g, [])
                if len(posting) <= self.MAX_POSTING:
                    posting.append(i)

    def closest(self, fragment: str) -> str | None:
        votes: Counter[int] = Counter()
        for g in _grams(fragment):
            posting = self.postings.get(g)
            if posting is not None and len(posting) <= self.MAX_POSTING:
                votes.update(posting)
        candidates = [self.anchors[i] for i, _ in votes.most_common(self.MAX_CANDIDATES)]
        if not candidates:
            return None
        from rapidfuzz import fuzz, process

        best = process.extractOne(fragment, candidates, scorer=fuzz.ratio, score_cutoff=60)
        return best[0] if best else None


def _toc_items_reported_by_ll006(ctx: Context) -> set[int]:
    """Start offsets of the ToC items LL006 reports as linking to no heading, when it runs."""
    if "LL006" not in ctx.inputs.active_rules:
        return set()
    from listlint import tocsync  # only for a file with a table of contents

    ids = _lazy_html_ids(ctx)
    out: set[int] = set()
    for toc in ctx.doc.tocs:
        report = tocsync.analyse(ctx.doc, toc, (), ids)
        if report is not None:
            out.update(item.span.start for item in report.dead)
            out.update(r.item.span.start for r in report.renamed)
    return out


def _lazy_html_ids(ctx: Context) -> Callable[[], set[str]]:
    cache: list[set[str]] = []

    def ids() -> set[str]:
        if not cache:
            cache.append(html_anchors(ctx))
        return cache[0]
    return ids


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
    base = ctx.inputs.base_dir
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

    An item that links to no heading but whose text (or a near-miss anchor) names exactly one
    heading the ToC misses is reported as a wrong anchor ("did you mean"), not as a missing
    heading plus a dead item. Items out of order are reported whenever they are, next to
    the other problems. Items that link to headings the ToC does not cover (the list's title
    above it, a section left out by `exclude`) or to HTML anchors are not reported and stay.

    ## Fix safety
    The fix edits the ToC line by line and only as its message says: it corrects the
    anchors it names, drops the items it reports as linking to no heading, reorders the
    items only when it reports them out of order, and inserts each missing heading after
    the item of the closest earlier heading (else before the closest later one), with the
    indentation and marker of the nearest item of the same heading level. Every other line
    (items it does not report, group labels, nesting, indentation, item text) stays as
    written. Unsafe when a missing heading comes before the first heading the ToC lists (an
    introduction) or is back matter after the last one (Contributing, Footnotes, License:
    often left out on purpose), when more than a tenth of the items (and more than two) are
    out of order (the ToC may keep an order of its own), when a dropped item has sub-items or
    continuation lines, when items that are not reported sit between reordered ones, when
    the indentation of one heading level varies and items must be reordered, or when a
    numbered ToC would need renumbering. No fix when the ToC has several items on a line, an
    item that does not start with its link, or no item of a missing heading's level to copy
    the layout from.
    """
    for toc in ctx.doc.tocs:
        yield from _check_toc(ctx, toc)


def _check_toc(ctx: Context, toc: Toc) -> Iterator[Diagnostic]:
    from listlint import tocsync  # only for a file with a table of contents

    doc = ctx.doc
    report = tocsync.analyse(doc, toc, ctx.options.get("exclude", ()), _lazy_html_ids(ctx))
    if report is None or report.clean:
        return
    repair = tocsync.plan_repair(doc, toc, report)
    fix = None if repair is None else ctx.fix(Edit(repair.start, repair.end, repair.content),
                                              unsafe=repair.unsafe,
                                              description=repair.description)
    # One diagnostic per missing heading (at the ToC, as awesome-lint does, with the heading
    # as related span so --diff-base sees it) and per wrong item (at the item); the repair of
    # the whole ToC rides on the first.
    head = Span(toc.span.start, doc.source.line_end(doc.source.line_of(toc.span.start)))
    found: list[tuple[Span, str, list[Related]]] = []
    for sec in report.missing:
        found.append((head, f"misses heading '{sec.title}' (line {sec.line})",
                      [ctx.related(sec.span, "heading missing from the table of contents")]))
    for r in report.renamed:
        found.append((r.item.span, f"item '{r.item.text}' links to no heading "
                                   f"('#{r.item.anchor}'); did you mean '#{r.section.anchor}' "
                                   f"(heading '{r.section.title}', line {r.section.line})?", []))
    for item in report.dead:
        found.append((item.span, f"item '{item.text}' links to no heading ('#{item.anchor}')",
                      []))
    if report.first_misordered is not None:
        found.append((head, "items are not in the order of the headings "
                            f"(first at '#{report.first_misordered}')", []))
    for k, (span, problem, related) in enumerate(found):
        yield ctx.at(span, f"table of contents out of sync: {problem}",
                     fix=fix if k == 0 else None, related=related)


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

    for start, end, kind, selectors in directives(ctx.doc):
        span = Span(start, end)
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


@rule("LL008", "unread-entries", severity="info",
      summary="List items or table rows with links that are not read as entries.")
def unread_entries(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports each list or table whose items carry http(s) links but were not read as
    entries: one diagnostic per list or table, with how many items and the first lines.
    listlint reads titles that are links (`- [Title](url) - desc`), titles written as
    text with side links (`- **Title** [[pdf](url)] [[code](url)]`), titles whose links sit
    in sub-bullets, Markdown and HTML table rows and `<summary>` lines; an item written
    another way is skipped by every other rule.

    ## Why is this bad?
    Duplicates, venues, spelling, style and link checks see entries only: a skipped item is
    never checked, and "All clear" would be wrong about it. Often the item is prose with a
    link in a sentence, which is fine; sometimes it is an entry written in a layout listlint
    cannot read, or a typo in the item (a missing `]`) that hides its title.

    ## Example
    ```markdown
    - See the [contributing guide](https://example.org/contributing) before you add one.
    - Read more at https://example.org/blog and https://example.org/news
    ```
    Use instead: write entries as `- [Title](url) - description`, or silence the rule for
    a list of prose items with `<!-- listlint-disable-next-line LL008 -->` before it.

    ## Fix safety
    No fix: only the author knows what the item is.
    """
    src = ctx.doc.source
    for block in ctx.doc.unread:
        first = ", ".join(str(n) for n in block.lines[:5])
        more = ", ..." if len(block.lines) > 5 else ""
        what = "list item" if block.kind == "list" else "table row"
        n = len(block.lines)
        shown = shorten(src.line_text(block.lines[0]).strip(), 50)
        yield ctx.at(Span(src.line_start(block.lines[0]), src.line_end(block.lines[0])),
                     f"{n} {what}{'s' if n != 1 else ''} with links not read as entries "
                     f"(lines {first}{more}; first: {shown!r}); other rules skip them")
