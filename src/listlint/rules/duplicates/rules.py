"""The four duplicate rules (LL101-LL104): each reports the findings of its code."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from listlint.model import Diagnostic, Related, Severity
from listlint.registry import Context, rule
from listlint.rules.duplicates.analysis import analysis, compared_items
from listlint.rules.duplicates.bare import bare_duplicates
from listlint.rules.duplicates.copies import removal_edit
from listlint.rules.duplicates.items import DUPLICATE_LINK, DUPLICATE_TITLE, NEAR_DUPLICATE_TITLE, SAME_PAPER


def _report(ctx: Context, code: str) -> Iterator[Diagnostic]:
    doc = ctx.doc
    # one "first occurrence" per first entry, shared by the diagnostics of its repeats
    firsts: dict[int, tuple[Related]] = {}
    for f in analysis(ctx):
        if f.code != code:
            continue
        first, later = doc.entries[f.first], doc.entries[f.entry]
        fix = None
        if f.removable:
            removal = removal_edit(doc, later)
            if removal is not None:
                edit, removes = removal
                fix = ctx.fix(edit, removes=removes,
                              description=f"remove the repeat of line {first.line}")
        span = later.link_span if code in (DUPLICATE_LINK, SAME_PAPER) else later.title_span
        related = firsts.get(f.first)
        if related is None:
            related = firsts[f.first] = (ctx.related(first.span, "first occurrence"),)
        d = ctx.at(span if len(span) else later.span, f.message, fix=fix, related=related)
        if f.other_name and code not in ctx.config.severity:
            d = dataclasses.replace(d, severity=min(d.severity, Severity.WARNING))
        if f.cross and code not in ctx.config.severity:
            d = dataclasses.replace(d, severity=Severity.INFO)
        yield d


_CROSS = {"allow-cross-section": False}


@rule(DUPLICATE_LINK, "duplicate-link", severity="error", fixable=True,
      options={"allow-cross-section": False, "allow-cross-section-projects": False},
      summary="Two entries link to the same page or paper, however the link is spelled.")
def duplicate_link(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Compares the main link of every entry by its *identity*: `http`/`https`, `www.`, host
    case, default ports, a trailing slash and tracking parameters (`utm_*`, `ref`, `fbclid`
    ...) do not count; a fragment does (`page#hash` and `page#prices` are two things),
    unless it changes nothing (`#readme`, `#top`, an empty `#`, a `#:~:text=` fragment); an
    arXiv paper is the same paper as `abs/`, `pdf/`, `html/`,
    with a version or through `doi.org/10.48550/arXiv.…`; a DOI is the same through `doi.org`,
    `dx.doi.org` or a publisher's `/doi/{abs,full,pdf,epdf}/` page; OpenReview `forum?id=` and
    `pdf?id=` are one paper; GitHub owner and repository names are case-blind and `.git` is
    ignored. Reports the later entry and points at the first.

    Side links (`[pdf]`, `[code]`), badges and table-of-contents links never count, and an
    entry's own sub-items are not its duplicates.

    Bare URLs (`https://…` or `www.…` written without brackets, which GitHub renders as
    links) count when they list something on their own, in a list item or a table row
    outside any entry: one that repeats an entry's link or an earlier bare URL (by the same
    identity) is reported, as a *warning* in the same section (`bare URL repeats the link of
    'Foo' on line 5`) and as an *info* cross-listing in another section. A bare URL inside
    an entry (`Code: https://…`) is a side link, one in prose is a mention, one in an
    entry's sub-item is the entry's own: none is compared. Never fixed.

    When the link is a paper id and the titles differ, the pair is reported by
    `same-paper-different-title` (LL104) instead.

    Cross-listing is a decision, not a defect: a repeat in another *place* (another section,
    or another sub-list of one section: `* HTTP Client` / `* HTTP Server`, lists under two
    bold labels) is reported as *info*, `also listed under section 'Clients' (line 12)`,
    naming the other place, and never fixed; papers and projects alike (a `severity` set
    for the rule wins). Side links and boilerplate links that every section repeats
    (`Install`, `Contribute`, `Repo with Samples`) are not cross-listings. To silence
    cross-listings: `allow-cross-section-projects = true` (projects, tools, sites: any
    link that is not a paper id), `allow-cross-section = true` (every link), or one entry
    marked with `<!-- listlint-allow-duplicate -->` at the end of its line or on the line
    before it (an optional reason may follow: `<!-- listlint-allow-duplicate: also a
    serving system -->`). Within one innermost list a repeat is always reported, as an
    error. Two entries naming different versions of one paper (`[T-GATE V1]` /
    `[T-GATE V2]`) are listed on purpose and not reported.

    ## Why is this bad?
    Lists grow by accretion: the same paper is added twice, months apart, once as `abs/` and
    once as `pdf/`. Readers meet it twice; notes and venues drift apart.

    ## Example
    ```markdown
    - [LLM Inference Serving: Survey](https://arxiv.org/abs/2407.12391)
    - [LLM Inference Serving: Survey](https://arxiv.org/pdf/2407.12391v2.pdf)
    ```
    Reported: `duplicate of line 1: same arXiv id 2407.12391 (written
    'arxiv.org/abs/2407.12391' there); keep line 1's link: the abstract page`. Not fixed: the
    two copies are spelled differently. A copy written like the first (up to whitespace, a
    trailing slash, `http`/`https` or host case) is fixed by deleting it.

    One project link under two different names in one section (`hatch` and `hatchling`
    both linking `github.com/pypa/hatch`; `uv` and `uv-build`) is often deliberate: a
    package and its build backend live in one repository. Such a pair (each title one word
    as written, like a package name, the two different after normalisation, neither
    generic, the link no paper id) is reported as `different names for the same link ...`
    with severity *warning* (unless `severity` in the configuration sets one for LL101).
    Everything else stays an error: `SGLang` and `SGLang runtime` (words added to a name),
    `ipstack` and `IPstack`. Papers stay strict: one paper id under two titles is
    `same-paper-different-title` (LL104), under one title an LL101 error.

    When the two copies spell the link differently and one spelling is plainly better, the
    message says which to keep: the one without tracking parameters, arXiv's `abs/` page
    rather than `pdf/` or `html/`, `https` rather than `http`.

    ## Fix safety
    Safe, and offered only when the later entry is a copy of the first as written in the
    same innermost list: same section, list and kind, the same text (checkbox, markers,
    title, description, side links, sub-items or other table cells) up to whitespace, and
    the same URL up to a trailing slash, `http`/`https` and host case, the later URL being
    no better than the first's (a later `https` copy of an `http` link is kept and
    reported). Its lines are deleted.
    Everything else (another spelling of the link, another case of the title, another
    note) is report-only: which copy to keep and how to merge notes is a human decision.

    When `double-link` (LL617, the awesome preset) runs, this rule steps aside for it.
    """
    if "LL617" in ctx.inputs.active_rules:
        return  # the awesome preset's double-link (LL617) counts links its own way
    yield from _report(ctx, DUPLICATE_LINK)
    yield from bare_duplicates(ctx, compared_items(ctx))


@rule(DUPLICATE_TITLE, "duplicate-title", severity="warning",
      options={"allow-cross-section": False, "min-words": 3},
      summary="Two entries with the same title (ignoring case, punctuation, dashes and quotes).")
def duplicate_title(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Compares entry titles after normalisation: case, punctuation, whitespace, Unicode dashes
    and quotes do not count. Reports the later entry when its link differs from the first
    (the same link is `duplicate-link`). Generic titles (`pdf`, `code`, `link`, `website`...)
    and titles of fewer than `min-words` words (default 3) are not compared: in software lists
    short names are shared by different projects (awesome-go has four packages called `env`),
    nor are titles made only of generic words (`Repo with Samples`, `Learn More`). In
    another section or sub-list the repeat is an *info*, `also listed under ...`.
    `allow-cross-section` and `<!-- listlint-allow-duplicate -->` work as for
    `duplicate-link`.

    ## Why is this bad?
    The same paper is often listed once as the arXiv preprint and once as the published
    version, or the same tool under two URLs; one of them is usually stale.

    ## Example
    ```markdown
    - [Seesaw: High-throughput LLM Inference](https://arxiv.org/abs/2503.06433)
    - [Seesaw: High-Throughput LLM Inference](https://mlsys.org/virtual/2025/poster/2974)
    ```
    Reported: `duplicate title of line 1 with a different link: 'arxiv.org/abs/2503.06433'
    there, 'mlsys.org/virtual/2025/poster/2974' here`.

    ## Fix safety
    No fix: which link to keep is a human decision.
    """
    return _report(ctx, DUPLICATE_TITLE)


@rule(NEAR_DUPLICATE_TITLE, "near-duplicate-title", severity="info",
      options={"allow-cross-section": False, "min-similarity": 85, "min-words": 4},
      summary="A title one word or one typo away from another entry's title.")
def near_duplicate_title(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds titles that differ by a typo in one word or only in spacing (titles of at least
    `min-words` words, default 4), or by one whole word changed, added or dropped (titles of
    at least `min-words` + 2 words: in short names one word is often the whole difference,
    as in `MLB Records and Stats` and `NHL Records and Stats`), and whose similarity
    (rapidfuzz ratio of the normalised titles) is at least `min-similarity` (default 85).
    The message gives the similarity and the words that differ. Pairs already reported by
    another duplicate rule are not reported again.

    Titles that differ only by a number, version, year or part (`Part 1` / `Part 2`, `... II`,
    `32k` / `128k`, `v2` / `v3`, `Fall 2016` / `Fall 2017`) name different works and are never
    reported; nor is a series placed together: two entries at most two apart in one list
    whose titles swap one word outside a system name (`Algorithms - IIT Bombay` /
    `Algorithms - IIT Madras`). A renamed system (`DeepServe:` / `DeepFlow:`) or a typo
    (`Bombay` / `Bombey`) next door still is.

    Candidates come from an index of the titles with one word deleted, so titles are never
    compared all against all: the four duplicate rules take about two seconds of CPU on a
    50,000-entry list.

    ## Why is this bad?
    A paper renamed between its preprint and its published version, or a tool added twice
    with a typo, slips past exact comparison.

    ## Example
    ```markdown
    - [Intelligent Router for LLM Workloads](https://arxiv.org/abs/2408.13510)
    - [Intelligent Router for LLMs Workloads](https://example.com/router)
    ```
    Reported: `title is 99% similar to line 1 'Intelligent Router for LLM Workloads' ('llm' /
    'llms': a typo?)`.

    ## Fix safety
    No fix: the titles may well name two different things.
    """
    return _report(ctx, NEAR_DUPLICATE_TITLE)


@rule(SAME_PAPER, "same-paper-different-title", severity="warning", options=dict(_CROSS),
      summary="The same arXiv id, DOI or OpenReview id listed under two different titles.")
def same_paper_different_title(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports an entry whose main link is the same paper (arXiv id, DOI, OpenReview id, IEEE
    Xplore document, ACL Anthology id, NeurIPS/MLSys paper) as an earlier entry listed under a
    different title. Two titles that name one paper in two ways are no other title: one is
    the other with words added (`…, EMNLP 2023 Main Conference Paper`), or one is a bare name
    beside the full title (a benchmark table's `[DUnE](…)`); that pair is a repeat of the link
    (`duplicate-link`: an error in one place, an info cross-listing in two).

    ## Why is this bad?
    Papers are renamed between versions (`Mnemosyne` became `Medha`, `ASPEN` became `mLoRA`);
    the list then carries the same paper twice under two names, and readers take them for two
    papers.

    ## Example
    ```markdown
    - [Mnemosyne: Parallelization Strategies](https://arxiv.org/abs/2409.17264)
    - [Medha: Efficiently Serving Multi-Million Context](https://arxiv.org/pdf/2409.17264v2)
    ```
    Reported: `same paper as line 1 under another title: same arXiv id 2409.17264, titled
    'Mnemosyne: Parallelization Strategies' there; keep one entry`.

    `allow-cross-section` and `<!-- listlint-allow-duplicate -->` work as for
    `duplicate-link`.

    ## Fix safety
    No fix: which title is current is a human decision.
    """
    return _report(ctx, SAME_PAPER)
