"""Prove a pass of fixes: every entry and link kept unless a fix meant otherwise, the
rendered page unchanged by formatting-only fixes."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from listlint.document import Document, markdown_parser
from listlint.fix.plan import edits_of
from listlint.model import Diagnostic, Edit, Entry, Span
from listlint.text import shorten


class VerificationError(Exception):
    """A fix would lose or alter something it must not; nothing is written."""

def _key(title: str, url: str) -> tuple[str, str]:
    return (" ".join(title.split()), url.strip())


#: What an entry no fix targets must keep: (title, url), description, checkbox, markers.
_Signature = tuple[tuple[str, str], str, "bool | None", tuple[str, ...]]


def _signature(e: Entry) -> _Signature:
    return (_key(e.title, e.url), e.description, e.checked, e.markers)


class _Edits:
    """The edits of one pass, for questions like "does an edit rewrite this span?"."""

    def __init__(self, text: str, edits: Sequence[Edit]) -> None:
        self.text = text
        self.edits = sorted(edits, key=lambda e: (e.start, e.end))
        self.starts = [e.start for e in self.edits]

    def hitting(self, span: Span) -> list[Edit]:
        """Edits that touch ``span`` (an insertion at either end counts). The edits of a pass
        do not overlap, so only one edit starting before ``span`` can reach into it."""
        lo = max(0, bisect.bisect_left(self.starts, span.start) - 1)
        hi = bisect.bisect_right(self.starts, span.end)
        return [e for e in self.edits[lo:hi] if e.start <= span.end and e.end >= span.start
                and not (e.start < e.end and (e.start == span.end or e.end == span.start))]

    def rewrites_inside(self, span: Span, whole: Span) -> bool:
        """Does an edit change ``span`` without replacing all of ``whole`` (a title or URL
        rewritten in place, not a link deleted or replaced wholesale)?"""
        for e in self.hitting(span):
            if not (e.start <= whole.start and whole.end <= e.end) and \
                    self.rewrites(Span(max(span.start, min(e.start, span.end)),
                                       max(span.start, min(e.end, span.end)))):
                return True
        return False

    def rewrites(self, span: Span) -> bool:
        """Does an edit change the text of ``span``, rather than carry it along unchanged?"""
        original = self.text[span.start:span.end]
        for e in self.hitting(span):
            covers = e.start <= span.start and span.end <= e.end
            if not (covers and original and _carried(original, e.content)):
                return True
        return False


def _carried(original: str, content: str) -> bool:
    """Is ``original`` (whole lines, or the end of one) in ``content`` as it was, ending
    where a line ends ("… algorithms" is not carried by "… algorithms.")?"""
    at = content.find(original)
    while at != -1:
        end = at + len(original)
        if end == len(content) or content[end] in "\r\n":
            return True
        at = content.find(original, at + 1)
    return False


@dataclass(slots=True)
class PassReport:
    """What a verified pass changed on purpose."""

    removed: list[tuple[str, str]] = field(default_factory=list)
    rewritten: list[tuple[str, str]] = field(default_factory=list)
    original: Document | None = None  # the document before any fix


def verify_pass(before: Document, after: Document, chosen: Sequence[Diagnostic], *,
                formatting_only: bool) -> PassReport:
    """Raise :class:`VerificationError` if one pass of fixes lost what it must keep."""
    report = PassReport()
    edits = _Edits(before.text, edits_of(chosen))
    removed: set[int] = {i for d in chosen for i in d.fix.removes_entries  # type: ignore[union-attr]
                         if 0 <= i < len(before.entries)}
    problems: list[str] = []
    have_entries = Counter(_key(e.title, e.url) for e in after.entries)
    have_sigs = Counter(_signature(e) for e in after.entries)
    want_entries: Counter[tuple[str, str]] = Counter()
    tolerated: Counter[tuple[str, str]] = Counter()
    want_sigs: Counter[_Signature] = Counter()
    gone: list[tuple[int, int]] = []  # the spans of removed entries, with their sub-items
    for e in before.entries:
        key = _key(e.title, e.url)
        if e.index in removed:
            report.removed.append(key)
            span = e.sub_span or e.span
            gone.append((span.start, span.end))
            continue
        want_entries[key] += 1
        whole = e.link_span
        if edits.rewrites_inside(e.title_span, whole) or \
                (e.url_span is not None and edits.rewrites_inside(e.url_span, whole)) or \
                (edits.rewrites_inside(e.span, whole) and _title_elsewhere(before.text, e)):
            tolerated[key] += 1  # a fix rewrote this title or URL on purpose
            report.rewritten.append(key)
        if not edits.rewrites(e.span):
            want_sigs[_signature(e)] += 1
    for key, n in want_entries.items():
        if n - have_entries.get(key, 0) > tolerated.get(key, 0):
            problems.append(f"entry {shorten(key[0])!r} ({key[1]}) would be lost")
    had = Counter(_key(e.title, e.url) for e in before.entries)
    for key, n in have_entries.items():  # a fix never copies an entry
        if key in had and n - had[key] > len(report.rewritten):
            problems.append(f"entry {shorten(key[0])!r} ({key[1]}) would be repeated")
            break
    for sig, n in want_sigs.items():
        if have_sigs.get(sig, 0) < n and sig[0] in have_entries:
            key = sig[0]
            problems.append(f"entry {shorten(key[0])!r} would change although no fix "
                            "targets it")
    have_urls = Counter(link.url for link in after.links)
    want_urls: Counter[str] = Counter()
    loose_urls: Counter[str] = Counter()
    gone = _merged(gone)
    for link in before.links:
        if link.url.startswith("#") or _inside(gone, link.span):
            continue  # in-page links are rebuilt from the headings (the ToC rule)
        want_urls[link.url] += 1
        if edits.rewrites_inside(link.url_span or link.span, link.span):
            loose_urls[link.url] += 1
    for url, n in want_urls.items():
        if n - have_urls.get(url, 0) > loose_urls.get(url, 0):
            problems.append(f"link to {shorten(url)} would be lost")
    if formatting_only and not problems and not rendered_tokens_equal(before, after):
        codes = ", ".join(sorted({d.code for d in chosen}))
        problems.append(f"a formatting-only fix ({codes}) would change the rendered page")
    if problems:
        codes = ", ".join(sorted({d.code for d in chosen}))
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise VerificationError("; ".join(problems[:3]) + more + f" [fixes: {codes}]")
    return report


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _inside(spans: list[tuple[int, int]], span: Span) -> bool:
    """Is ``span`` inside one of ``spans`` (sorted, disjoint)?"""
    k = bisect.bisect_right(spans, (span.start, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= span.start and span.end <= spans[k][1]


def _title_elsewhere(text: str, e: Entry) -> bool:
    """Is the entry's title not the text of its link (a table row titled by another cell)?"""
    def norm(t: str) -> str:
        return "".join(ch for ch in t if ch.isalnum())

    return norm(text[e.title_span.start:e.title_span.end]) != norm(e.title)


def verify(before: Document, after: Document, *, removed: AbstractSet[tuple[str, str]] = frozenset(),
           formatting_only: bool = False) -> None:
    """Whole-run check: every entry of ``before`` is in ``after`` unless ``removed``; with
    ``formatting_only`` the rendered HTML must be identical."""
    have = Counter(_key(e.title, e.url) for e in after.entries)
    want = Counter(_key(e.title, e.url) for e in before.entries)
    problems = [f"entry {shorten(k[0])!r} ({k[1]}) would be lost" for k, n in want.items()
                if k not in removed and have.get(k, 0) < n]
    if formatting_only and not problems and not rendered_tokens_equal(before, after):
        problems.append("a formatting-only fix would change the rendered page")
    if problems:
        raise VerificationError("; ".join(problems[:3]))


def rendered_equal(a: str, b: str) -> bool:
    """Do two Markdown texts render to the same HTML (mdformat's ``is_md_equal`` idea)?"""
    md = markdown_parser()
    return md.render(a) == md.render(b)


def rendered_tokens_equal(a: Document, b: Document) -> bool:
    """:func:`rendered_equal` for parsed documents, reusing their tokens when they kept them
    (``parse(keep_tokens=True)``), else parsing their text again."""
    return _rendered(a) == _rendered(b)


def renders_as(doc: Document, text: str) -> bool:
    """Does ``text`` render to the same HTML as ``doc`` (parsed with its tokens kept)?"""
    md = markdown_parser()
    return md.render(text) == _rendered(doc)


def _rendered(doc: Document) -> str:
    md = markdown_parser()
    if doc.tokens is None:
        return md.render(doc.text)
    return md.renderer.render(doc.tokens, md.options, {})
