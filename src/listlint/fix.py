"""Apply fixes: edits are data, one applier applies them, verification guards the file.

:func:`fix_source` lints, takes the fixes it may apply (safe, or unsafe too when asked),
applies a non-overlapping set in one linear sweep, re-lints and repeats until nothing changes
(a bounded number of passes). Any rule family's fixes go through it. Each pass is proved by
:func:`verify_pass` before the next: a pass of formatting-only fixes must leave the rendered
HTML identical (the idea of mdformat's ``is_md_equal``); a pass of content fixes must keep
every entry it does not target unchanged, and every entry (title, URL) and every link unless a
fix rewrote that title or URL or said it removes the entry. :func:`write_atomic` writes through
a temporary file in the same folder and ``os.replace``, keeping permissions;
:class:`~listlint.source.Source` keeps the BOM, each line's ending and the final newline or
its absence.
"""

from __future__ import annotations

import bisect
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from listlint.config import Config
from listlint.document import Document, markdown_parser, parse
from listlint.engine import run_rules
from listlint.fsio import write_atomic
from listlint.lint import services_for
from listlint.model import Applicability, Diagnostic, Edit, Entry, Fix, Span
from listlint.registry import Rule
from listlint.source import Source

MAX_PASSES = 10


class VerificationError(Exception):
    """A fix would lose or alter something it must not; nothing is written."""


@dataclass(slots=True)
class FixResult:
    source: Source
    text: str  # the fixed normalised text
    applied: list[Diagnostic] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    passes: int = 0
    document: Document | None = None
    #: (title, url) of entries a fix deliberately removed, or whose title or URL it rewrote
    removed: list[tuple[str, str]] = field(default_factory=list)
    rewritten: list[tuple[str, str]] = field(default_factory=list)
    original: Document | None = None  # the document before any fix

    @property
    def changed(self) -> bool:
        return self.text != self.source.text

    def render(self) -> bytes:
        """The fixed file's bytes: BOM, final newline (or its absence) and line endings kept.

        In a file with mixed line endings each line keeps its own, even when fixes added,
        removed or moved lines (lines are matched with the original ones); new lines get the
        file's most common ending."""
        src = self.source
        if self.text == src.text or len({e for e in src.eols if e}) <= 1:
            return src.render(self.text)
        import difflib

        old, new = src.text.split("\n"), self.text.split("\n")
        eols: list[str] = [""] * len(new)
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            eols[b:b + size] = src.eols[a:a + size]
        default = src.dominant_eol
        eols = [e or default for e in eols[:-1]] + [""]
        return Source(src.path, self.text, eols, src.bom).render()


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (callers choose them with :func:`choose_fixes`)."""
    out = text
    for e in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        out = out[: e.start] + e.content + out[e.end :]
    return out


def _apply_sorted(text: str, edits: Sequence[Edit]) -> str:
    """Linear-time application of edits sorted by position and not overlapping."""
    parts: list[str] = []
    pos = 0
    for e in edits:
        parts.append(text[pos : e.start])
        parts.append(e.content)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def choose_fixes(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> list[Diagnostic]:
    """The diagnostics whose fixes can be applied together: all edits of a fix, or none.

    Fixes are taken in document order; a fix whose edits overlap an edit already taken (or
    insert at the same place) waits for the next pass. Identical fixes carried by several
    diagnostics (one fix for a whole list) are taken once.
    """
    candidates = [d for d in diagnostics if d.fix is not None and d.fix.edits and
                  (unsafe or d.fix.applicability is Applicability.SAFE)]
    candidates.sort(key=lambda d: (min(e.start for e in d.fix.edits), d.code))  # type: ignore[union-attr]
    taken: list[tuple[int, int]] = []  # sorted disjoint ranges
    chosen: list[Diagnostic] = []
    seen_fixes: set[tuple[tuple[int, int, str], ...]] = set()
    for d in candidates:
        fix = d.fix
        assert fix is not None
        key = tuple((e.start, e.end, e.content) for e in fix.edits)
        if key in seen_fixes:
            continue
        if _self_overlapping(fix.edits) or any(_conflicts(taken, e) for e in fix.edits):
            continue
        for e in fix.edits:
            bisect.insort(taken, (e.start, e.end))
        seen_fixes.add(key)
        chosen.append(d)
    return chosen


def _conflicts(taken: list[tuple[int, int]], e: Edit) -> bool:
    k = bisect.bisect_left(taken, (e.start, e.start))
    for j in (k - 1, k):
        if 0 <= j < len(taken) and _overlaps(e.start, e.end, *taken[j]):
            return True
    return False


def _self_overlapping(edits: Sequence[Edit]) -> bool:
    ordered = sorted((e.start, e.end) for e in edits)
    return any(_overlaps(a, b, c, d) for (a, b), (c, d) in zip(ordered, ordered[1:]))


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    """Do edits [a, b) and [c, d) conflict? Same start, shared text, or an insertion inside
    or at either end of a replaced range (after a rewrite, "the end of that text" may be
    somewhere else: an entry moved by a sort)."""
    if a == c:
        return True
    if a < d and c < b:
        return True
    return (a == b and c <= a <= d) or (c == d and a <= c <= b)


def fix_source(source: Source, config: Config, rules: Sequence[Rule], *, unsafe: bool = False,
               services: dict[str, Any] | None = None, max_passes: int = MAX_PASSES) -> FixResult:
    """Lint and fix ``source`` to a fixed point; verify every pass; return the new text.

    Each pass applies either formatting-only fixes or content fixes, never both, so that each
    pass can be verified for what it promises: a formatting pass must leave the rendered HTML
    identical; a content pass must keep every entry it does not target, and every link
    (title and URL) that no fix deliberately rewrote or removed. Nothing is written here.
    """
    doc = original = parse(source)
    text = source.text
    applied: list[Diagnostic] = []
    removed: list[tuple[str, str]] = []
    rewritten: list[tuple[str, str]] = []
    passes = 0
    svc = services_for(source, services)
    diags = run_rules(doc, config, rules, svc)
    while passes < max_passes:
        chosen = choose_fixes(diags, unsafe)
        if not chosen:
            break
        formatting = [d for d in chosen if d.fix.formatting]  # type: ignore[union-attr]
        if formatting and len(formatting) < len(chosen):
            chosen = formatting  # content fixes follow in the next pass
        passes += 1
        edits = sorted((e for d in chosen for e in d.fix.edits),  # type: ignore[union-attr]
                       key=lambda e: (e.start, e.end))
        new_text = _apply_sorted(text, edits)
        if new_text == text:
            break
        new_doc = parse(_derived(source, new_text))
        report = verify_pass(doc, new_doc, chosen, formatting_only=bool(formatting))
        removed.extend(report.removed)
        rewritten.extend(report.rewritten)
        applied.extend(chosen)
        text, doc = new_text, new_doc
        diags = run_rules(doc, config, rules, svc)
    return FixResult(source, text, applied, diags, passes, doc, removed, rewritten, original)


def _derived(source: Source, text: str) -> Source:
    return Source(source.path, text, source.eols, source.bom)


def _key(title: str, url: str) -> tuple[str, str]:
    return (" ".join(title.split()), url.strip())


def _signature(e: Entry) -> tuple[object, ...]:
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
            if not (covers and original and original in e.content):
                return True
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
    edits = _Edits(before.text, [e for d in chosen for e in d.fix.edits])  # type: ignore[union-attr]
    removed: set[int] = {i for d in chosen for i in d.fix.removes_entries  # type: ignore[union-attr]
                         if 0 <= i < len(before.entries)}
    problems: list[str] = []
    have_entries = Counter(_key(e.title, e.url) for e in after.entries)
    have_sigs = Counter(_signature(e) for e in after.entries)
    want_entries: Counter[tuple[str, str]] = Counter()
    tolerated: Counter[tuple[str, str]] = Counter()
    want_sigs: Counter[tuple[object, ...]] = Counter()
    gone: list[tuple[int, int]] = []  # the spans of removed entries, with their sub-items
    for e in before.entries:
        key = _key(e.title, e.url)
        if e.index in removed:
            report.removed.append(key)
            span = e.sub_span or e.span
            gone.append((span.start, span.end))
            continue
        want_entries[key] += 1
        link = e.link_span
        if edits.rewrites_inside(e.title_span, link) or \
                (e.url_span is not None and edits.rewrites_inside(e.url_span, link)) or \
                (edits.rewrites_inside(e.span, link) and _title_elsewhere(before.text, e)):
            tolerated[key] += 1  # a fix rewrote this title or URL on purpose
            report.rewritten.append(key)
        if not edits.rewrites(e.span):
            want_sigs[_signature(e)] += 1
    for key, n in want_entries.items():
        if n - have_entries.get(key, 0) > tolerated.get(key, 0):
            problems.append(f"entry {_short(key[0])!r} ({key[1]}) would be lost")
    for sig, n in want_sigs.items():
        if have_sigs.get(sig, 0) < n and sig[0] in have_entries:  # type: ignore[comparison-overlap]
            key = sig[0]
            problems.append(f"entry {_short(key[0])!r} would change although no fix "  # type: ignore[index]
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
            problems.append(f"link to {_short(url)} would be lost")
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


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def verify(before: Document, after: Document, *, removed: set[tuple[str, str]] = frozenset(),
           formatting_only: bool = False) -> None:
    """Whole-run check: every entry of ``before`` is in ``after`` unless ``removed``; with
    ``formatting_only`` the rendered HTML must be identical."""
    have = Counter(_key(e.title, e.url) for e in after.entries)
    want = Counter(_key(e.title, e.url) for e in before.entries)
    problems = [f"entry {_short(k[0])!r} ({k[1]}) would be lost" for k, n in want.items()
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
    """:func:`rendered_equal` for parsed documents, reusing their tokens."""
    md = markdown_parser()
    return md.renderer.render(a.tokens, md.options, {}) == \
        md.renderer.render(b.tokens, md.options, {})


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    import difflib

    a = before.decode("utf-8", "replace").splitlines(keepends=True)
    b = after.decode("utf-8", "replace").splitlines(keepends=True)
    old, new = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    lines = list(difflib.unified_diff(a, b, old, new))
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def fixable(diags: Iterable[Diagnostic], unsafe: bool = False) -> list[Diagnostic]:
    return [d for d in diags if d.fix is not None and
            (unsafe or d.fix.applicability is Applicability.SAFE)]


__all__ = ["FixResult", "VerificationError", "apply_edits", "choose_fixes", "fix_source",
           "fixable", "rendered_equal", "rendered_tokens_equal", "unified_diff", "verify",
           "verify_pass", "write_atomic", "Fix"]
