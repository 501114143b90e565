"""The title of the list: one level-1 heading in Title Case (LL601), the Awesome badge next to
it (LL602), and no CI build badge anywhere (LL606)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from listlint.canonical import default_names
from listlint.document import Document
from listlint.model import Diagnostic, Edit, Section, Span
from listlint.registry import Context, rule
from listlint.rules.awesome.pieces import first_line, pieces_in
from listlint.text import shorten

BADGE_LINKS = ("https://awesome.re", "https://github.com/sindresorhus/awesome")
BADGE_IMAGES = ("https://awesome.re/badge.svg", "https://awesome.re/badge-flat.svg",
                "https://awesome.re/badge-flat2.svg")
BADGE_MARKDOWN = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
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
        yield ctx.at(first_line(doc), "missing main heading: start the list with '# Awesome Name'")
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
    for _, kind, s, e in pieces_in(ctx, main.span):
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


__all__ = ["BADGE_MARKDOWN", "main_heading", "title_case_problems"]
