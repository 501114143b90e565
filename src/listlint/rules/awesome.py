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
from listlint.document.prose import block_spans as _block_spans
from listlint.document.prose import masked as _masked
from listlint.inline import normalize_label, scan_links
from listlint.model import Diagnostic, Edit, Section, Severity, Span
from listlint.registry import Context, rule
from listlint.text import shorten

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
CONTENTS_TITLES = (CONTENTS, "Table of Contents")  # awesome lists use both
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
# inline HTML whose text is code, never prose to correct: <code>…</code>, <kbd>, <samp>, <tt>,
# <var>, and processing instructions such as <?php
_RAW_HTML_TEXT = re.compile(r"<(code|kbd|samp|tt|var|pre)\b[^>]*>.*?</\1\s*>|<\?[A-Za-z]+",
                            re.I | re.S)
_LEADING_MARKUP = re.compile(r"^[`*_]+")
# text between an entry's link and a " - " that is only emphasis, code and plain words
# (each alternative starts with its own characters, so the match is linear: no backtracking)
_FORMATTED_LEAD = re.compile(r"(?:\*\*[^*\n]+\*\*|\*[^*\n]+\*|__[^_\n]+__|_[^_\n]+_"
                             r"|`[^`\n]+`|[^\[\]()`*_\n-])*? - ")
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
    for block in doc.html_blocks:
        if block.span.start >= first_heading:
            return None
        html = block.content.lower()
        centred = 'align="center"' in html or "align='center'" in html
        if _HTML_HEADING.search(html) or (centred and "<img" in html):
            return block.span
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
    return ctx.memo.get("awesome.pieces", lambda: list(_prose_pieces(ctx.doc)), ctx.doc)


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
    base = ctx.inputs.base_dir
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


# -- LL616 ----------------------------------------------------------------------------------
_COC_NAMES = frozenset({"code-of-conduct.md", "code_of_conduct.md"})
# the Contributor Covenant's placeholders, left in when the text is copied unchanged
_COC_PLACEHOLDER = re.compile(r"\[INSERT (?:EMAIL ADDRESS|CONTACT METHOD)\]", re.I)
_COC_TEMPLATE_EMAIL = "sindresorhus@gmail.com"  # the address of the copy awesome lists start from


@rule("LL616", "code-of-conduct", severity="error", default=False,
      summary="The code of conduct next to the README is not empty and names your contact.")
def code_of_conduct(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    When there is a `code-of-conduct.md` (or `code_of_conduct.md`, any letter case, also in
    `.github/`) next to the checked file, checks that it is not empty, that the Contributor
    Covenant's placeholder (`[INSERT EMAIL ADDRESS]`, `[INSERT CONTACT METHOD]`) was
    replaced, and that it does not still give sindresorhus's e-mail address (copied from
    sindresorhus/awesome) in a repository of someone else. A list without a code of conduct
    is fine. Nothing is reported when the text does not come from a file.

    ## Why is this bad?
    A code of conduct whose contact is a placeholder, or someone else, leaves people with
    nobody to report to.

    ## Example
    ```markdown
    reported by contacting the project team at [INSERT EMAIL ADDRESS].
    ```

    ## Fix safety
    No fix: only you know your address.
    """
    base = ctx.inputs.base_dir
    if base is None:
        return
    found = _code_of_conduct(Path(base))
    if found is None:
        return
    name, text = found
    where = _first_line(ctx.doc)
    if not text.strip():
        yield ctx.at(where, f"{name} is empty: add the code of conduct or remove the file")
        return
    m = _COC_PLACEHOLDER.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        yield ctx.at(where, f"{name} line {line} still has the placeholder '{m.group()}': "
                            f"write the address people should report to")
        return
    k = text.find(_COC_TEMPLATE_EMAIL)
    if k != -1 and _owner(Path(base)) != "sindresorhus":
        line = text.count("\n", 0, k) + 1
        yield ctx.at(where, f"{name} line {line} gives {_COC_TEMPLATE_EMAIL}, the address of "
                            f"the copied template: write your own")


def _code_of_conduct(base: Path) -> tuple[str, str] | None:
    for folder in (base, base / ".github"):
        try:
            names = sorted(p for p in folder.iterdir() if p.name.lower() in _COC_NAMES)
        except OSError:
            continue
        for p in names:
            try:
                return str(p.relative_to(base)), p.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
    return None


def _owner(base: Path) -> str:
    from listlint.net.github import remote_slug  # reads the git config; no network

    slug = remote_slug(base) or ""
    return slug.split("/", 1)[0].lower()


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
            yield ctx.at(link.span, f"CI badge '{shorten(link.text or link.url)}': remove it, "
                                    f"a list has no build")


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
    for span, kind, s, e in _pieces(ctx):
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


@rule("LL618", "unneeded-full-reference", severity="error", default=False, fixable=True,
      summary="A reference `[Text][text]` whose label is its text: write `[Text][]`.")
def unneeded_full_reference(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports full references (`[Text][text]`, `![Logo][logo]`) whose label says the same as
    the text (compared as labels are: without regard to case and runs of spaces), which
    the collapsed form `[Text][]` says with less to keep in sync.

    ## Why is this bad?
    awesome-lint (remark-lint's `no-unneeded-full-reference-link`) fails the list on it; when
    the text is edited, the repeated label is easy to forget.

    ## Example
    ```markdown
    - [Alpha][alpha] - Uses a reference.
    ```
    Use instead: `- [Alpha][] - Uses a reference.`

    ## Fix safety
    Safe: the label is dropped and the rendered page is proven unchanged.
    """
    doc = ctx.doc

    def is_ref(label: str) -> bool:
        return normalize_label(label) in doc.references

    for span, _ in _block_spans(doc):
        for r in scan_links(doc.text, is_ref, span.start, span.end):
            if r.kind != "reference" or not r.dest:
                continue
            label_start = r.end - len(r.dest) - 1
            if doc.text[label_start - 1:label_start] != "[" or label_start - 1 != r.text_end + 1:
                continue  # a collapsed or shortcut reference
            if normalize_label(doc.text[r.text_start:r.text_end]) != normalize_label(r.dest):
                continue
            yield ctx.diagnostic(r.start, r.end, f"the label '{r.dest}' repeats the text: "
                                                 f"write '[…][]'",
                                 fix=ctx.fix(Edit(label_start, r.end - 1, ""), formatting=True,
                                             description="collapse the reference"))


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
    (`[Name](…)-In-context …`); and a description with a stop both inside and after a
    closing quote (`Says "hello.".`). Separators of another kind (`: `, ` – `, ` -> `) are
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
    unchanged). Removing the outer of two markers on a one-line item is safe. Writing ` - `
    in place of a missing or no-break separator is unsafe: the dash may belong to a word.
    Removing the stop after a closing quote that already follows one is safe.
    """
    yield from _double_markers(ctx)
    yield from _indented_items(ctx)
    yield from _missing_separators(ctx)
    yield from _stops_around_quote(ctx)


_STOP_QUOTE_STOP = re.compile(r"[.!?…][\"”]([.!?…]+)$")


def _stops_around_quote(ctx: Context) -> Iterator[Diagnostic]:
    """``Says "hello.".``: a stop inside the closing quote and another after it."""
    from listlint.rules.style.descriptions import prose_end

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
            fix = ctx.fix(Edit(m.start(1), m.end(2), m.group(2)),
                          description="remove the outer marker")
        at = m.start(1) if m else start
        yield ctx.diagnostic(at, at + 1, "two list markers: this item holds only another list; "
                                         "keep one marker", fix=fix)


_OUTER_MARKER = re.compile(r"[ \t>]*((?:[-*+]|\d{1,9}[.)])[ \t]+)((?:[-*+]|\d{1,9}[.)]))[ \t]")


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
    from listlint.rules.style.settings import separator_kind

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


# -- LL617 ----------------------------------------------------------------------------------
_DEFAULT_PORT = re.compile(r":(?:80|443)$")
_DIRECTORY_INDEX = re.compile(r"/index\.[a-z]+$")
_WEB_URL = re.compile(r"(?:https?:)?//([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?", re.I)


def awesome_link_key(url: str) -> str:
    """The identity awesome-lint gives a link (normalize-url without the protocol, fragment
    kept): host case, ``www.``, default port, trailing slash, ``index.html``, ``utm_*``
    parameters and their order do not count. Other links (``javascript:void(0)``, empty,
    relative) are compared as written.

    >>> awesome_link_key("HTTP://www.Example.org:80/a/index.html?b=2&utm_source=x&a=1#top")
    'example.org/a?a=1&b=2#top'
    """
    m = _WEB_URL.fullmatch(url.strip())
    if m is None:
        return url
    host = _DEFAULT_PORT.sub("", m.group(1).lower().rstrip("."))
    host = host.removeprefix("www.")
    path = _DIRECTORY_INDEX.sub("", m.group(2)).rstrip("/")
    query = "&".join(sorted(q for q in (m.group(3) or "?")[1:].split("&")
                            if q and not q.lower().startswith("utm_")))
    return host + path + (f"?{query}" if query else "") + (m.group(4) or "")


@rule("LL617", "double-link", severity="error", default=False,
      options={"allow-cross-section": True},
      summary="The same link twice in the list, as awesome-lint counts them (every copy).")
def double_link(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports every copy of a link the list makes more than once, with awesome-lint's notion of
    "the same link": the protocol, host case, `www.`, a default port, a trailing slash,
    `index.html`, `utm_*` parameters and the order of parameters do not count, the
    `#fragment` does (`docs#install` and `docs#usage` are two links), and links that are not
    web addresses (`javascript:void(0)`, an empty `()`) are compared as written. Each list
    item counts its first link only: links inside a description are references, not entries.
    Reference links and images are not counted, and neither are `#anchor` links (the table of
    contents and back-to-top links repeat those on purpose). A project listed in two sections
    is listed there on purpose: copies are reported when two of them share a section, unless
    `allow-cross-section = false` (awesome-lint's own behaviour) reports every copy.

    Under the awesome preset this rule takes the place of `duplicate-link` (LL101), which
    compares entries by a looser identity (fragments dropped, arXiv versions merged).

    ## Why is this bad?
    awesome-lint fails a list on every copy; readers meet the same project twice.

    ## Example
    ```markdown
    - [Got](https://github.com/sindresorhus/got) - HTTP client.
    - [Got again](https://github.com/sindresorhus/got/) - Same thing.
    ```

    ## Fix safety
    No fix: which copy to keep is a human decision.
    """
    doc = ctx.doc
    groups: dict[str, list[tuple[int, int, str]]] = {}
    for start, end, url in _counted_links(doc):
        if url.startswith("#"):
            continue
        groups.setdefault(awesome_link_key(url), []).append((start, end, url))
    line_of = doc.source.line_of
    cross = bool(ctx.options.get("allow-cross-section", True))
    for copies in groups.values():
        if len(copies) < 2:
            continue
        if cross:  # keep only copies that share their section with another copy
            sections = [doc.section_at(s) for s, _, _ in copies]
            copies = [c for c, sec in zip(copies, sections) if sections.count(sec) > 1]
        for start, end, url in copies:
            others = ", ".join(str(line_of(s)) for s, _, _ in copies if s != start)
            yield ctx.diagnostic(start, end, f"duplicate link '{shorten(url)}' (also on line "
                                             f"{others}): keep one")


def _counted_links(doc: Document) -> Iterator[tuple[int, int, str]]:
    """(start, end, url) of the links awesome-lint compares: inline links and autolinks,
    only the first link of each list item's first paragraph."""
    text = doc.text
    src = doc.source

    def is_ref(label: str) -> bool:
        return normalize_label(label) in doc.references

    toks = doc.tokens or []  # kept for LL6 rules: lint.needs_tokens
    for i, t in enumerate(toks):
        if t.type != "inline" or not t.map or i == 0:
            continue
        first = t.map[0] + 1
        start, end = src.line_start(first), src.line_end(max(first, t.map[1]))
        links = [r for r in scan_links(text, is_ref, start, end) if not r.image]
        in_item = (i >= 2 and toks[i - 1].type == "paragraph_open"
                   and toks[i - 2].type == "list_item_open")
        if in_item:
            links = sorted(links, key=lambda r: r.start)[:1]
        for r in links:
            if r.kind in ("inline", "autolink"):
                yield r.start, r.end, r.dest


# -- LL613 ----------------------------------------------------------------------------------
@rule("LL613", "github-repository", severity="error", default=False, needs=("repo_facts",),
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
    facts = ctx.inputs.repo_facts
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


__all__ = ["BADGE_MARKDOWN", "main_heading", "title_case_problems"]
