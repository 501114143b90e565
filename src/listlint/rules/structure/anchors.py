"""In-page links: the anchors of a document and the `#fragment` links no heading produces
(LL003)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import unquote

from listlint.model import Diagnostic
from listlint.registry import Context, rule

HTML_ID = re.compile(r"""<[A-Za-z][A-Za-z0-9]{0,20}\s[^<>]{0,2000}?\b(?:name|id)\s*=\s*["']?([^"'\s>]+)""")


def html_anchors(ctx: Context) -> set[str]:
    ids: set[str] = set()
    for m in HTML_ID.finditer(ctx.doc.text):
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
    from listlint.rules.structure import tocsync  # only for a file with a table of contents

    ids = lazy_html_ids(ctx)
    out: set[int] = set()
    for toc in ctx.doc.tocs:
        report = tocsync.analyse(ctx.doc, toc, (), ids, lazy_named_headings(ctx))
        if report is not None:
            out.update(item.span.start for item in report.dead)
            out.update(r.item.span.start for r in report.renamed)
    return out


def lazy_html_ids(ctx: Context) -> Callable[[], set[str]]:
    """The document's HTML anchors (:func:`html_anchors`), looked for on the first call only
    (once per document: every ToC and both rules share them)."""
    return lambda: ctx.memo.get("structure.html_ids", lambda: html_anchors(ctx), ctx.doc)


def lazy_named_headings(ctx: Context) -> Callable[[], dict[str, int]]:
    """The headings HTML anchors name (:func:`tocsync.named_headings`), once per document."""
    from listlint.rules.structure import tocsync

    return lambda: ctx.memo.get("structure.named_headings",
                                lambda: tocsync.named_headings(ctx.doc), ctx.doc)
