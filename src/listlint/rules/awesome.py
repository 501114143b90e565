"""Awesome rules (LL6xx): the document requirements of the awesome-list house style.

These rules run only under ``preset = "awesome"`` (``--preset awesome``) or when selected by
code or name: they describe one house style, not defects every list has. The list-item style
of the preset (separator ``" - "``, capitalised description, final period, marker) is pinned in
the style family; the table of contents is kept in sync by LL006.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from listlint.canonical import default_names, find_names
from listlint.config import register_family_table
from listlint.document import Document, github_slug
from listlint.inline import normalize_label, scan_links
from listlint.model import Diagnostic, Edit, Section, Severity, Span
from listlint.prose import _block_spans, _masked
from listlint.registry import Context, rule

AWESOME_DEFAULTS: dict[str, Any] = {
    "repository": "",  # owner/name on GitHub; default: the origin remote of the checkout
    "github-api": "",  # base URL of the GitHub API (default https://api.github.com)
}
register_family_table("awesome", AWESOME_DEFAULTS)

BADGE_LINKS = ("https://awesome.re", "https://github.com/sindresorhus/awesome")
BADGE_IMAGES = ("https://awesome.re/badge.svg", "https://awesome.re/badge-flat.svg",
                "https://awesome.re/badge-flat2.svg")
BADGE_MARKDOWN = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
CONTENTS = "Contents"
# Sections a table of contents leaves out (awesome-lint's list).
NOT_IN_TOC = frozenset({"contributing", "footnotes", "related lists"})
# Words Title Case leaves in lower case, in English and in the languages lists are most often
# written in besides (Title Case is an English convention: "Herramientas de Python" is fine).
_SMALL_WORDS = frozenset(
    "a an and as at but by en for from in into nor of off on onto or per so the to up via vs "
    "with yet "
    "de del la las el los y e o u para con por al da das do dos di le les et du des au aux "
    "pour sur avec dans par und der die das für von zu mit im am och på för av".split()
)
_WORD_CORE = re.compile(r"[^\W_][\w'’.-]*")
_CI_URL = re.compile(
    r"travis-ci\.(?:org|com)|circleci\.com|/actions/workflows/|/workflows/[^/]+/badge\.svg"
    r"|ci\.appveyor\.com|appveyor\.com/api/projects/status|dev\.azure\.com/.+/_apis/build"
    r"|gitlab\.com/.+/badges/.+/pipeline\.svg|badge\.buildkite\.com|cloud\.drone\.io"
    r"|semaphoreci\.com|app\.codeship\.com"
    r"|shields\.io/(?:github/(?:actions|workflow|checks-status)|travis|circleci|appveyor"
    r"|azure-devops/build|jenkins|drone|buildkite|gitlab/pipeline)",
    re.I,
)
_CI_ALT = re.compile(r"\b(?:build|ci|tests?)[ _-]?(?:status|passing|failing)\b|^\s*(?:build|ci)\s*$"
                     r"|\btravis\b|\bcircleci\b|\bgithub actions\b", re.I)
_HTML_HEADING = re.compile(r"<h[1-6][\s>]", re.I)
_ATX_PREFIX = re.compile(r"[ ]{0,3}#{1,6}[ \t]+")
_BARE_MARKER = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]*")
_GLUED_MARKER = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)*[ \t]*(-)\[[^\]\n]{1,999}\]\(", re.M)
_REPEAT_BOUNDARY = re.compile(r"[\s.,!?:;-]")
_MARKUP = "`*_"
_LEADING_MARKUP = re.compile(r"^[`*_]+")
_DEFINITION_LINE = re.compile(
    r"[ ]{0,3}\[(?:[^\[\]\\\n]|\\.){1,999}\]:[ \t]*<?[^\s>]*>?"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*"
)
_PAIRS = {"“": "”", "‘": "’", "«": "»", "「": "」", "『": "』", "（": "）", "《": "》", "【": "】",
          "(": ")"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_ENUMERATOR = re.compile(r"(?:^|[\s,;:])(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})$")


# -- helpers --------------------------------------------------------------------------------
def main_heading(doc: Document) -> Section | None:
    """The list's title: the first heading, unless an HTML title block comes before it."""
    if not doc.sections or _html_title(doc) is not None:
        return None
    return doc.sections[0]


def _html_title(doc: Document) -> Span | None:
    """An HTML block before any heading that stands for the title (``<h1>``, centred logo)."""
    first_heading = doc.sections[0].span.start if doc.sections else len(doc.text)
    for t in doc.tokens:
        if t.type == "heading_open":
            return None
        if t.type != "html_block" or not t.map:
            continue
        html = t.content.lower()
        centred = 'align="center"' in html or "align='center'" in html
        if _HTML_HEADING.search(html) or (centred and "<img" in html):
            span = doc.line_span(t.map[0] + 1, max(t.map[0] + 1, t.map[1]))
            if span.start < first_heading:
                return span
    return None


def _first_line(doc: Document) -> Span:
    return Span(0, doc.source.line_end(1))


def _is_caseless(word: str) -> bool:
    """Does ``word`` start with a letter of a script without case (CJK, Arabic, Hindi ...)?"""
    for ch in word:
        if ch.isalpha():
            return ch.lower() == ch.upper()
    return True


def title_case_problems(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """Words of a heading that Title Case would capitalise (none for caseless scripts)."""
    words = [m.group() for m in _WORD_CORE.finditer(text)]
    bad = []
    for i, w in enumerate(words):
        if _is_caseless(w) or not w[0].isalpha():
            continue
        if w[0].isupper() or any(c.isupper() for c in w) or any(c.isdigit() for c in w):
            continue  # Capitalised, camelCase (macOS, iOS), versions
        if w in known:
            continue  # a name the list spells in lower case (npm, webpack)
        if 0 < i < len(words) - 1 and w.lower() in _SMALL_WORDS:
            continue
        bad.append(w)
    return bad


def _prose_pieces(doc: Document) -> Iterator[tuple[Span, str, int, int]]:
    """Unmasked pieces of every inline block: (block span, kind, start, end).

    ``kind`` is ``heading``, ``paragraph``, ``link`` (the text of a link that is not an
    entry's title) or ``title`` (an entry's title). Code, URLs, HTML, images and link
    destinations are masked.
    """
    text = doc.text
    titles = {e.title_span.start for e in doc.entries}
    for span, kind in _block_spans(doc):
        raws = scan_links(text, None, span.start, span.end)
        dests: list[tuple[int, int]] = []
        link_texts: list[tuple[int, int, str]] = []
        for r in raws:
            if r.image or r.kind == "autolink":
                dests.append((r.start, r.end))
            else:
                dests.append((r.start, r.text_start))
                dests.append((r.text_end, r.end))
                link_texts.append((r.text_start, r.text_end,
                                   "title" if r.text_start in titles else "link"))
        masked = _masked(text, span.start, span.end, dests)
        link_texts.sort()
        starts = [a for a, _, _ in link_texts]
        cuts = sorted({p for a, b, _ in link_texts for p in (a, b)})
        pos = span.start
        for a, b in [*masked, (span.end, span.end)]:
            if a > pos:
                lo, hi = bisect.bisect_right(cuts, pos), bisect.bisect_left(cuts, a)
                edges = [pos, *cuts[lo:hi], a]
                for s, e in zip(edges, edges[1:]):
                    k = bisect.bisect_right(starts, s) - 1
                    inside = k >= 0 and e <= link_texts[k][1]
                    yield span, link_texts[k][2] if inside else kind, s, e
            pos = max(pos, b)


def _info(d: Diagnostic) -> Diagnostic:
    return dataclasses.replace(d, severity=Severity.INFO)


# -- LL601 ----------------------------------------------------------------------------------
@rule("LL601", "awesome-heading", severity="error", default=False, fixable=True,
      summary="One level-1 heading, the list's name, in Title Case.")
def awesome_heading(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Checks that the list starts with its name as one level-1 heading (or an HTML title
    block, such as a centred logo), that no other level-1 heading follows, and that the name
    is in Title Case. Small words (a, and, of, the ...) may stay lower case; words in a script
    without letter case (Chinese, Japanese, Arabic, Hindi ...) and camelCase names (macOS,
    iOS) are left alone.

    ## Why is this bad?
    The awesome list of lists shows each list by its title; one title, capitalised the same
    way everywhere, reads as a consistent collection.

    ## Example
    ```markdown
    # awesome static analysis
    ```
    Use instead: `# Awesome Static Analysis`.

    ## Fix safety
    Safe: the first letter of each offending word is capitalised. The anchor GitHub derives
    from the heading is lower case, so links to it keep working.
    """
    doc = ctx.doc
    html_title = _html_title(doc)
    main = main_heading(doc)
    if main is None and html_title is None:
        yield ctx.at(_first_line(doc), "missing main heading: start the list with '# Awesome Name'")
        return
    level1 = [s for s in doc.sections if s.level == 1]
    if main is not None:
        if main.level != 1:
            yield ctx.at(main.span, f"main heading is level {main.level}; make it level 1 "
                                    f"('# {main.title}')")
        else:
            yield from _title_case(ctx, main)
    first_is_title = main is not None and main.level == 1
    for s in level1[1 if first_is_title else 0:]:
        yield ctx.at(s.span, f"a second level-1 heading '{s.title}'; the list has one title, "
                             f"make this level 2")


def _title_case(ctx: Context, main: Section) -> Iterator[Diagnostic]:
    lower_names = {c for c in default_names().forms.values() if c.islower()}  # npm, webpack
    bad = set(title_case_problems(main.title, frozenset(ctx.config.words) | lower_names))
    if not bad:
        return
    text = ctx.doc.text
    edits: dict[int, Edit] = {}
    wrong: list[str] = []
    for _, kind, s, e in _prose_pieces_of(ctx, main.span):
        if kind not in ("heading", "link"):
            continue  # code in a title is left as written
        for m in _WORD_CORE.finditer(text, s, e):
            w = m.group()
            if w not in bad or (w.lower() in _SMALL_WORDS and w in wrong):
                continue  # a small word is only wrong where it starts or ends the title
            edits[m.start()] = Edit(m.start(), m.start() + 1, w[0].upper())
            wrong.append(w)
    if not wrong:
        return
    names = ", ".join(f"'{w}'" for w in dict.fromkeys(wrong))
    fix = ctx.fix(*edits.values(), description="capitalise the title")
    yield ctx.at(main.span, f"main heading '{main.title}' is not in Title Case: capitalise "
                            f"{names}", fix=fix)


def _prose_pieces_of(ctx: Context, span: Span) -> Iterator[tuple[Span, str, int, int]]:
    return (p for p in _pieces(ctx) if p[0].start >= span.start and p[0].end <= span.end)


def _pieces(ctx: Context) -> list[tuple[Span, str, int, int]]:
    """:func:`_prose_pieces` of ``ctx.doc``, computed once for all rules of a run."""
    cached = ctx.services.get("awesome.pieces")
    if cached is None or cached[0] is not ctx.doc:
        cached = (ctx.doc, list(_prose_pieces(ctx.doc)))
        ctx.services["awesome.pieces"] = cached
    return cached[1]


# -- LL602 ----------------------------------------------------------------------------------
@rule("LL602", "awesome-badge", severity="error", default=False, fixable=True,
      summary="The Awesome badge next to the main heading.")
def awesome_badge(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Checks that the level-1 heading carries the Awesome badge: an image from
    `https://awesome.re/badge.svg` (or `badge-flat.svg`, `badge-flat2.svg`) linked to
    `https://awesome.re` or `https://github.com/sindresorhus/awesome`. Lists that open with an
    HTML title block need the badge image somewhere before their first heading.

    ## Why is this bad?
    The badge is how a list says it follows the awesome manifesto; sindresorhus/awesome
    requires it.

    ## Example
    ```markdown
    # Awesome Rust
    ```
    Use instead:
    ```markdown
    # Awesome Rust [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)
    ```

    ## Fix safety
    Unsafe: the fix appends the standard badge to the heading, which adds content.
    """
    doc = ctx.doc
    html_title = _html_title(doc)
    if html_title is not None:
        first = doc.sections[0].span.start if doc.sections else len(doc.text)
        if "awesome.re/badge" not in doc.text[:first]:
            yield ctx.at(html_title, "missing Awesome badge in the title block "
                                     "(https://awesome.re/badge.svg)")
        return
    main = main_heading(doc)
    if main is None or main.level != 1:
        return
    links = [link for link in doc.links if main.span.contains(link.span)]
    images = [link for link in links if link.kind == "image"]
    wrappers = [link for link in links if link.kind != "image"
                and link.url.rstrip("/") in BADGE_LINKS]
    for img in images:
        inside = [w for w in wrappers if w.span.contains(img.span)]
        if not inside:
            continue
        if img.url in BADGE_IMAGES:
            return
        yield ctx.at(img.span, f"Awesome badge image '{img.url}' is not one of "
                               f"{', '.join(BADGE_IMAGES)}")
        return
    end = main.span.end
    fix = ctx.fix(Edit(end, end, " " + BADGE_MARKDOWN), unsafe=True,
                  description="add the Awesome badge")
    yield ctx.at(main.span, f"missing Awesome badge next to the main heading: add "
                            f"{BADGE_MARKDOWN}", fix=fix)


# -- LL603 ----------------------------------------------------------------------------------
@rule("LL603", "awesome-contents", severity="error", default=False, fixable=True,
      summary="A `## Contents` table of contents, first, at most two levels, named like the headings.")
def awesome_contents(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    When the list has a table of contents, checks that it sits under a level-2 heading named
    `Contents`, that this is the first section after the title, that it nests at most two
    levels, that each item is named exactly like the heading it links to, and that it does
    not link to the title or to `Contents` itself. Missing, extra and misordered items are
    reported by `toc-out-of-sync` (LL006), which the preset also runs. A table of contents
    is optional, as in awesome-lint.

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
            if own.title != CONTENTS or own.level != 2:
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


# -- LL604 ----------------------------------------------------------------------------------
@rule("LL604", "license-section", severity="error", default=False,
      summary='No "License" section in the README: the license belongs in a LICENSE file.')
def license_section(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports a heading named "License" or "Licence".

    ## Why is this bad?
    sindresorhus/awesome asks for the license in a `LICENSE` file, where GitHub detects it,
    and not as a section that readers of the list scroll past.

    ## Example
    ```markdown
    ## License
    CC0
    ```
    Use instead: a `LICENSE` file next to the README.

    ## Fix safety
    No fix: moving the text into a LICENSE file is for a human.
    """
    for s in ctx.doc.sections:
        if s.title.strip(" :").casefold() in ("license", "licence"):
            yield ctx.at(s.span, f"'{s.title}' section: move the license to a LICENSE file "
                                 f"and remove the section")


# -- LL605 ----------------------------------------------------------------------------------
@rule("LL605", "contributing-file", severity="error", default=False,
      summary="A non-empty contributing.md next to the README.")
def contributing_file(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Looks for `contributing.md` (any letter case) next to the checked file or in `.github/`,
    and checks that it is not empty. Nothing is reported when the text does not come from a
    file.

    ## Why is this bad?
    Awesome lists grow through pull requests; contributors need to know the rules for
    adding an entry.

    ## Example
    A README with no `CONTRIBUTING.md` beside it.

    ## Fix safety
    No fix.
    """
    base = ctx.services.get("base_dir")
    if base is None:
        return
    found = _contributing(Path(base))
    if found is None:
        yield ctx.at(_first_line(ctx.doc), "missing contributing.md next to the list: add one "
                                           "that says how to propose an entry")
    elif not found[1]:
        yield ctx.at(_first_line(ctx.doc), f"{found[0]} is empty: say how to propose an entry")


def _contributing(base: Path) -> tuple[str, bool] | None:
    for folder in (base, base / ".github"):
        try:
            names = sorted(p for p in folder.iterdir() if p.name.lower() == "contributing.md")
        except OSError:
            continue
        for p in names:
            try:
                return str(p.relative_to(base)), bool(p.read_text(encoding="utf-8",
                                                                  errors="replace").strip())
            except OSError:
                continue
    return None


# -- LL606 ----------------------------------------------------------------------------------
@rule("LL606", "ci-badge", severity="error", default=False,
      summary="No CI build-status badges in the README.")
def ci_badge(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports images that are continuous-integration status badges: Travis CI, CircleCI,
    GitHub Actions workflow badges, AppVeyor, Azure Pipelines, GitLab pipelines, Buildkite,
    Drone, and shields.io badges of these, or images whose text says "build status".

    ## Why is this bad?
    A list is not software; a build badge tells the reader nothing about its entries
    (sindresorhus/awesome does not accept them).

    ## Example
    ```markdown
    # Awesome X [![Build Status](https://travis-ci.org/x/awesome-x.svg)](https://travis-ci.org/x/awesome-x)
    ```

    ## Fix safety
    No fix: removing an image is left to a human.
    """
    for link in ctx.doc.links:
        if link.kind != "image":
            continue
        if _CI_URL.search(link.url) or _CI_ALT.search(link.text):
            yield ctx.at(link.span, f"CI badge '{_short(link.text or link.url)}': remove it, "
                                    f"a list has no build")


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# -- LL607 ----------------------------------------------------------------------------------
@rule("LL607", "unbalanced-punctuation", severity="error", default=False,
      summary="Quotes and brackets opened in a paragraph, heading or item are closed in it.")
def unbalanced_punctuation(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    In each paragraph, heading, list item and table row (code, URLs and link targets
    excluded), checks that curly quotes (“ ”, ‘ ’), straight double quotes, guillemets,
    CJK brackets and parentheses are closed. An apostrophe (don’t, users’) is not a quote;
    smileys like `:)` and enumerations like `1)` or `a)` are not brackets.

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
    block: Span | None = None
    stack: list[tuple[str, int]] = []
    quote_open: int | None = None
    for span, _, s, e in _pieces(ctx):
        if span != block:
            yield from _unclosed(ctx, stack, quote_open)
            block, stack, quote_open = span, [], None
        for i in range(s, e):
            c = text[i]
            if c == '"':
                quote_open = i if quote_open is None else None
            elif c in _PAIRS:
                if c == "(" and i > span.start and text[i - 1] in ":;=":
                    continue  # a smiley :(
                stack.append((c, i))
            elif c in _CLOSERS:
                opener = _CLOSERS[c]
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
        yield ctx.diagnostic(pos, pos + 1, f"'{opener}' is never closed: add '{_PAIRS[opener]}' "
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


# -- LL608 ----------------------------------------------------------------------------------
@rule("LL608", "item-name-repeated", severity="error", default=False,
      summary="The description does not start by repeating the entry's name.")
def item_name_repeated(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports an entry whose description starts with the entry's own name
    (`- [Got](…) - Got is a HTTP client.`), compared without regard to case or to code and
    emphasis marks around it (`` `got` is ``), when the name is followed by the end of a word.

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
    for e in ctx.doc.entries:
        if e.kind != "item" or not e.description or e.description_span is None:
            continue
        name = e.title.strip().strip(_MARKUP)
        if len(name) < 2:
            continue
        desc = _LEADING_MARKUP.sub("", e.description)
        if not desc.lower().startswith(name.lower()):
            continue
        rest = desc[len(name):].lstrip(_MARKUP)
        if rest and not _REPEAT_BOUNDARY.match(rest):
            continue
        span = e.description_span
        lead = len(e.description) - len(desc)
        yield ctx.diagnostic(span.start + lead, min(span.end, span.start + lead + len(name)),
                             f"description repeats the name '{name}': start with what it is")


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
    Headings are fixed only when their anchor stays the same. Link texts are reported and
    not fixed.
    """
    text = ctx.doc.text
    allowed = {w.lower() for w in ctx.config.words}
    for span, kind, s, e in _pieces(ctx):
        if kind == "title":
            continue
        for hit in find_names(text, s, e):
            if hit.written.lower() in allowed:
                continue
            fix = None
            if kind == "paragraph" or (
                    kind == "heading" and github_slug(_replaced(text, span, hit)) ==
                    github_slug(text[span.start:span.end])):
                fix = ctx.fix(Edit(hit.start, hit.end, hit.canonical),
                              description=f"write {hit.canonical}")
            yield ctx.diagnostic(hit.start, hit.end,
                                 f"'{hit.written}' is spelled '{hit.canonical}' "
                                 f"(if it means the technology)", fix=fix)


def _replaced(text: str, span: Span, hit: Any) -> str:
    return text[span.start:hit.start] + hit.canonical + text[hit.end:span.end]


# -- LL610 / LL611 --------------------------------------------------------------------------
@rule("LL610", "undefined-reference", severity="error", default=False,
      summary="A `[text][label]` reference whose label is defined nowhere.")
def undefined_reference(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds full and collapsed references (`[text][label]`, `[text][]`) whose label has no
    definition (`[label]: https://…`) in the file. Brackets are paired as CommonMark pairs
    them: in `[foo][bar][baz]` with only `baz` defined, `[bar][baz]` is the link and `[foo]`
    plain text, so nothing is undefined. Such a reference is not a link at all:
    Markdown shows the brackets as text. Footnotes (`[^1]`) and GitHub alerts (`[!NOTE]`)
    are not references. Shortcut references (`[label]` alone) are not checked: in prose they
    are mostly ordinary brackets (`map[string]int`).

    ## Why is this bad?
    The reader sees `[Tool][tool]` instead of a link, and the entry has no URL.

    ## Example
    ```markdown
    - [Tool][tool] - Does things.
    ```
    with no `[tool]: https://…` line.

    ## Fix safety
    No fix: only a human knows the URL.
    """
    doc = ctx.doc

    def is_ref(label: str) -> bool:
        return normalize_label(label) in doc.references

    for span, _ in _block_spans(doc):
        links: set[int] | None = None
        for r in scan_links(doc.text, None, span.start, span.end):
            if r.kind != "reference" or r.dest.startswith(("^", "!")):
                continue
            if normalize_label(r.dest) not in doc.references:
                if links is None:  # what CommonMark makes links of, with the labels defined
                    links = {x.start for x in scan_links(doc.text, is_ref, span.start, span.end)}
                if r.end - len(r.dest) - 2 in links:
                    continue  # [foo][bar][baz]: "[bar][baz]" is the link, "[foo]" is text
                yield ctx.diagnostic(r.start, r.end, f"reference to undefined label "
                                                     f"'{r.dest}': add '[{r.dest}]: URL'")


@rule("LL611", "unused-definition", severity="error", default=False, fixable=True,
      summary="A `[label]: url` definition that nothing refers to.")
def unused_definition(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports link reference definitions (`[label]: https://…`) that no link or image of the
    file uses, and definitions repeated under the same label (only the first counts).

    ## Why is this bad?
    An unused definition is usually an entry that was removed or renamed by half; it is
    invisible on the page and easy to forget.

    ## Example
    ```markdown
    [old-tool]: https://example.com/old-tool
    ```
    with no `[…][old-tool]` anywhere.

    ## Fix safety
    Safe when the definition is one line of its own: the line is removed, and the rendered
    page is proven unchanged before anything is written.
    """
    doc = ctx.doc
    used = _used_labels(doc)
    seen: dict[str, int] = {}
    for label, _, span in doc.definitions:
        key = normalize_label(label)
        if key in seen:
            yield ctx.at(span, f"second definition of '{label}' (first on line {seen[key]}) is "
                               f"ignored: remove it", fix=_drop_line(ctx, span))
            continue
        seen[key] = doc.source.line_of(span.start)
        if key not in used:
            yield ctx.at(span, f"definition '{label}' is not used: remove it or link to it",
                         fix=_drop_line(ctx, span))


def _used_labels(doc: Document) -> set[str]:
    used = set(doc.used_labels)

    def is_ref(label: str) -> bool:
        return normalize_label(label) in doc.references

    for span, _ in _block_spans(doc):
        for r in scan_links(doc.text, is_ref, span.start, span.end):
            if r.kind == "reference":
                used.add(normalize_label(r.dest))
    return used


def _drop_line(ctx: Context, span: Span) -> Any:
    src = ctx.doc.source
    line = src.line_of(span.start)
    start, end = src.line_start(line), src.line_end(line)
    if not _DEFINITION_LINE.fullmatch(ctx.doc.text, start, end):
        return None
    nxt = src.line_text(line + 1) if line < src.line_count else ""
    if nxt.startswith((" ", "\t")) and nxt.strip():
        return None  # a title on the next line
    stop = end + 1 if end < len(ctx.doc.text) else end
    if stop == end and start > 0:
        start -= 1  # the last line: take the newline before it
    return ctx.fix(Edit(start, stop, ""), formatting=True, description="remove the definition")


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
    tokens = doc.tokens
    for i, t in enumerate(tokens[:-1]):
        if t.type != "list_item_open" or tokens[i + 1].type != "list_item_close" or not t.map:
            continue
        line = t.map[0] + 1
        start, end = src.line_start(line), src.line_end(line)
        if not _BARE_MARKER.fullmatch(doc.text, start, end):
            continue
        stop = end + 1 if end < len(doc.text) else end
        yield ctx.diagnostic(start, end, "empty list item: remove the bare marker or add the entry",
                             fix=ctx.fix(Edit(start, stop, ""), description="remove the line"))


# -- LL613 ----------------------------------------------------------------------------------
@rule("LL613", "github-repository", severity="error", default=False,
      summary="The GitHub repository has a description, the awesome topics and a license "
              "(with --online).")
def github_repository(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    With `--online` and a token in `GITHUB_TOKEN`, asks the GitHub API about the list's
    repository (the `origin` remote, or `repository = "owner/name"` in
    `[tool.listlint.awesome]`) and checks that it has a description, the topics `awesome`
    and `awesome-list`, and a license GitHub detects. Without them it says so in one info
    line and checks nothing; an unreachable network or API is reported the same way, never
    as an error.

    ## Why is this bad?
    sindresorhus/awesome lists a repository by its description and topics, and requires a
    license.

    ## Example
    A repository with no topics.

    ## Fix safety
    No fix: these are settings of the repository on GitHub.
    """
    facts = ctx.services.get("github.repo")
    where = _first_line(ctx.doc)
    if facts is None or isinstance(facts, str):
        reason = facts or "not checked offline: run with --online and GITHUB_TOKEN set"
        yield _info(ctx.at(where, f"repository description, topics and license {reason}"))
        return
    if not facts.description:
        yield ctx.at(where, f"the GitHub repository {facts.slug} has no description: set one "
                            f"on GitHub")
    for topic in ("awesome", "awesome-list"):
        if topic not in facts.topics:
            yield ctx.at(where, f"the GitHub repository {facts.slug} lacks the topic '{topic}'")
    if not facts.license:
        yield ctx.at(where, f"GitHub detects no license in {facts.slug}: add a LICENSE file")


def repository_services(config: Any, base_dir: Path | None, online: bool) -> dict[str, Any]:
    """``services`` entries for LL613: the repository facts, or why they are unknown."""
    from listlint.net.github import repository_facts

    opts = {**AWESOME_DEFAULTS, **config.extra.get("awesome", {})}
    return {"github.repo": repository_facts(base_dir, online=online,
                                            repository=str(opts["repository"]),
                                            api_url=str(opts["github-api"]))}


__all__ = ["BADGE_MARKDOWN", "main_heading", "repository_services", "title_case_problems"]
