"""Pieces of prose the awesome rules share: the unmasked text of every block, computed once
per document, and the first line (where file-level findings are reported)."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from listlint.document import Document
from listlint.document.prose import block_spans as _block_spans
from listlint.document.prose import masked as _masked
from listlint.inline import scan_links
from listlint.model import Span
from listlint.registry import Context


def first_line(doc: Document) -> Span:
    """The span of the first line, where findings about the whole file are reported."""
    return Span(0, doc.source.line_end(1))


def prose_pieces(doc: Document) -> Iterator[tuple[Span, str, int, int]]:
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


def pieces_in(ctx: Context, span: Span) -> Iterator[tuple[Span, str, int, int]]:
    """The pieces of the blocks inside ``span``."""
    return (p for p in pieces(ctx) if p[0].start >= span.start and p[0].end <= span.end)


def pieces(ctx: Context) -> list[tuple[Span, str, int, int]]:
    """:func:`prose_pieces` of ``ctx.doc``, computed once for all rules of a run."""
    return ctx.memo.get("awesome.pieces", lambda: list(prose_pieces(ctx.doc)), ctx.doc)

