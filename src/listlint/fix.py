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
from dataclasses import dataclass, field, replace

from listlint.config import Config
from listlint.document import Document, markdown_parser, parse
from listlint.engine import run_rules
from listlint.fsio import write_atomic
from listlint.inputs import Memo, RunInputs
from listlint.lint import check_source
from listlint.model import Applicability, Diagnostic, Edit, Entry, Fix, Span
from listlint.registry import Rule
from listlint.source import Source
from listlint.text import shorten


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
    #: rules whose fixes verification rejected (left out; the other fixes were applied)
    skipped: list[Skipped] = field(default_factory=list)

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
    insert at the same place) is left out. Identical fixes carried by several diagnostics
    (one fix for a whole list) are taken once: see :func:`plan_fixes` for every diagnostic
    such a fix settles.
    """
    return [group[0] for group in _plan(diagnostics, unsafe)]


def plan_fixes(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> list[Diagnostic]:
    """Every diagnostic that ``fix`` settles in one run: those of :func:`choose_fixes` and
    the others that carry the very same fix. ``check`` counts these as fixable, ``fix``
    applies exactly these."""
    return [d for group in _plan(diagnostics, unsafe) for d in group]


def edits_of(chosen: Iterable[Diagnostic]) -> list[Edit]:
    """The edits of the fixes of ``chosen``, each fix once (several diagnostics may carry
    the same fix), sorted by position."""
    fixes = {id(d.fix): d.fix for d in chosen if d.fix is not None}
    unique = {(e.start, e.end, e.content): e for f in fixes.values() for e in f.edits}
    return sorted(unique.values(), key=lambda e: (e.start, e.end))


def _plan(diagnostics: Iterable[Diagnostic], unsafe: bool) -> list[list[Diagnostic]]:
    candidates = [d for d in diagnostics if d.fix is not None and d.fix.edits and
                  (unsafe or d.fix.applicability is Applicability.SAFE)]
    # an entry's removal goes first: a move of its list (a sort) that collides with it is
    # found again on the list without the entry, in the next round; the other way round
    # the removal could not be found again where the move took the entry
    candidates.sort(key=lambda d: (not d.fix.removes_entries,  # type: ignore[union-attr]
                                   min(e.start for e in d.fix.edits), d.code))  # type: ignore[union-attr]
    taken: list[tuple[int, int, bool]] = []  # sorted disjoint ranges; True: a pure deletion
    groups: dict[tuple[tuple[int, int, str], ...], list[Diagnostic]] = {}
    refused: set[tuple[tuple[int, int, str], ...]] = set()
    for d in candidates:
        fix = d.fix
        assert fix is not None
        key = tuple((e.start, e.end, e.content) for e in fix.edits)
        if key in groups:
            groups[key].append(d)
            continue
        if key in refused:
            continue
        if _self_overlapping(fix.edits) or any(_conflicts(taken, e) for e in fix.edits):
            refused.add(key)
            continue
        for e in fix.edits:
            bisect.insort(taken, (e.start, e.end, not e.content))
        groups[key] = [d]
    return list(groups.values())


def _conflicts(taken: list[tuple[int, int, bool]], e: Edit) -> bool:
    k = bisect.bisect_left(taken, (e.start, e.start, False))
    for j in range(k - 2, k + 3):
        if 0 <= j < len(taken):
            start, end, deletion = taken[j]
            if _overlaps(e.start, e.end, start, end) and \
                    not _beside_deletion(e, start, end, deletion):
                return True
    return False


def _beside_deletion(e: Edit, start: int, end: int, deletion: bool) -> bool:
    """An insertion at either end of a deleted range, or a deletion with an insertion at
    either of its ends: the result is the same whichever goes first (a full stop added where
    trailing spaces are removed)."""
    if e.start == e.end and e.content:
        return deletion and start < end and e.start in (start, end)
    return not e.content and start == end and e.start < e.end and start in (e.start, e.end)


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


@dataclass(frozen=True, slots=True)
class Skipped:
    """A rule whose fixes verification rejected: they were left out, the others applied."""

    code: str
    reason: str


#: Rounds of :func:`fix_source`: fixes that collided with another fix in one round are
#: applied in the next one (the same problem, found again where the first fix left it).
MAX_ROUNDS = 3


def fix_source(source: Source, config: Config, rules: Sequence[Rule], *, unsafe: bool = False,
               inputs: RunInputs | None = None) -> FixResult:
    """Lint ``source`` once and apply, verified, the fixes ``check`` calls fixable.

    The conventions are inferred once, from the file as given, and every compatible fix is
    applied in one sweep (:func:`plan_fixes`). Formatting-only fixes are applied and proved
    first (the rendered HTML must stay identical), then content fixes (every entry they do
    not target kept, every entry and link unless a fix rewrote or removed it on purpose).
    A fix that collided with another one (two rules editing the same words) is applied in a
    second round: only its rule runs again, and only the same problem on the same line is
    fixed. When a rule's edits fail verification, that rule's fixes are left out, named in
    ``skipped``, and the others applied. Nothing is written here.
    """
    rules = list(rules)
    checked = check_source(source, config, rules, inputs, keep_tokens=True)
    again_with = (checked.inputs, checked.memo)
    original, diags = checked.document, checked.diagnostics
    result = FixResult(source, source.text, document=original, original=original)
    stages: list[_Shift] = []  # the edits of each verified stage
    doc = original
    pending = fixable(diags, unsafe)  # what check calls fixable
    todo: list[Diagnostic] = pending
    origin: dict[int, Diagnostic] = {id(d): d for d in pending}
    settled: set[int] = set()
    for _ in range(MAX_ROUNDS):
        planned = plan_fixes(todo, unsafe)
        if not planned:
            break
        planned = _absorb(planned, todo, doc.text, origin)
        doc = _apply_round(source, doc, planned, stages, result)
        skipped = {s.code for s in result.skipped}
        for d in planned:
            if d.code not in skipped:
                settled.add(id(origin[id(d)]))
        pending = [d for d in pending if id(d) not in settled and d.code not in skipped]
        if not pending:
            break
        todo, origin = _found_again(doc, config, rules, again_with, pending, stages)
    tidy = [r for r in rules if r.tidy]  # registered with tidy=True: run once more
    if stages and tidy:  # whitespace a removal left behind (blank lines at the end)
        planned = plan_fixes(run_rules(doc, config, tidy, *again_with, active=rules))
        if planned:
            doc = _apply_round(source, doc, planned, stages, result)
    result.text, result.document = doc.text, doc
    result.passes = len(stages)
    result.applied = [d for d in diags if id(d) in settled]
    result.remaining = [m for d in diags if id(d) not in settled
                        for m in [_moved(d, stages)] if m is not None]
    return result


def _absorb(planned: list[Diagnostic], todo: list[Diagnostic], text: str,
            origin: dict[int, Diagnostic]) -> list[Diagnostic]:
    """``planned`` plus the fixes of ``todo`` that collided with a planned *move* (a list
    rewritten in sorted order) and fit in it: each of their edits stays on one line that the
    move carries verbatim, once. Their edits are made in the move's new text, so that one
    sweep does both; the move's fix then carries them (and their diagnostics share it).
    ``origin`` learns which diagnostic each new copy stands for."""
    moves = {(d.fix.edits[0].start, d.fix.edits[0].end): d.fix for d in planned  # type: ignore[union-attr]
             if d.fix is not None and not d.fix.formatting and len(d.fix.edits) == 1
             and d.fix.edits[0].content
             and text.count("\n", d.fix.edits[0].start, d.fix.edits[0].end) > 1}
    if not moves:
        return planned
    spans = sorted(moves)
    starts = [start for start, _ in spans]
    taken = {id(d) for d in planned}
    inner: dict[tuple[int, int], list[tuple[Diagnostic, Diagnostic]]] = {}
    for d in todo:
        if id(d) in taken or d.fix is None:
            continue
        k = bisect.bisect_right(starts, min(e.start for e in d.fix.edits)) - 1
        if k < 0:
            continue
        key = spans[k]
        content = moves[key].edits[0].content
        mapped = [_in_move(text, *key, content, e) for e in d.fix.edits]
        if all(m is not None for m in mapped):
            copy = replace(d, fix=replace(d.fix, edits=tuple(mapped)))  # type: ignore[arg-type]
            inner.setdefault(key, []).append((d, copy))
    if not inner:
        return planned
    new_fix: dict[tuple[int, int], Fix] = {}
    extra: list[Diagnostic] = []
    for key, found in inner.items():
        first = {id(c): d for d, c in found}
        chosen = plan_fixes([c for _, c in found], unsafe=True)
        fix = moves[key]
        content = _apply_sorted(fix.edits[0].content, edits_of(chosen))
        new_fix[key] = replace(fix, edits=(Edit(*key, content),))
        for c in chosen:
            moved = replace(c, fix=new_fix[key])
            origin[id(moved)] = origin[id(first[id(c)])]
            extra.append(moved)
    out = []
    for d in planned:
        key = (d.fix.edits[0].start, d.fix.edits[0].end) if d.fix and d.fix.edits else None
        if key in new_fix and d.fix is moves[key]:  # type: ignore[index]
            moved = replace(d, fix=new_fix[key])  # type: ignore[index]
            origin[id(moved)] = origin[id(d)]
            d = moved
        out.append(d)
    return out + extra


def _in_move(text: str, start: int, end: int, content: str, e: Edit) -> Edit | None:
    """``e`` (inside ``[start, end)`` of ``text``) as an edit of ``content``, the moved text,
    when its line is carried there verbatim, once."""
    if not (start <= e.start and e.end <= end):
        return None
    first = text.rfind("\n", 0, e.start) + 1
    last = text.find("\n", e.start)
    last = end if last == -1 else last
    if first < start or e.end > last:
        return None
    line = text[first:last]
    if not line.strip() or text.count(line, start, end) != 1 or content.count(line) != 1:
        return None
    at = content.index(line) - first
    return Edit(e.start + at, e.end + at, e.content)


def _apply_round(source: Source, doc: Document, planned: list[Diagnostic],
                 stages: list[_Shift], result: FixResult) -> Document:
    """Apply the formatting-only fixes of ``planned``, then its content fixes, each verified;
    record the edits of each stage in ``stages``."""
    for formatting_only in (True, False):
        group = [d for d in planned if d.fix.formatting is formatting_only]  # type: ignore[union-attr]
        if not group:
            continue
        before = doc.text
        kept, doc, report = _apply_verified(source, doc, group, formatting_only,
                                            result.skipped)
        if kept:
            stages.append(_Shift(edits_of(kept), before))
            result.removed.extend(report.removed)
            result.rewritten.extend(report.rewritten)
            if formatting_only:  # the content fixes were found on the text before
                shift = stages[-1]
                planned = [_shifted(d, shift) if not d.fix.formatting else d  # type: ignore[union-attr]
                           for d in planned]
    return doc


def _found_again(doc: Document, config: Config, rules: list[Rule],
                 again_with: tuple[RunInputs, Memo],
                 pending: list[Diagnostic], stages: list[_Shift],
                 ) -> tuple[list[Diagnostic], dict[int, Diagnostic]]:
    """The problems of ``pending`` (left out because their fix collided with another one),
    found again on the fixed ``doc`` by their rules, on the line where the fixes left them."""
    want: dict[tuple[str, int], Diagnostic] = {}
    for d in pending:
        moved = _moved(d, stages)
        if moved is not None:
            want.setdefault((d.code, doc.source.line_of(moved.start)), d)
    codes = {code for code, _ in want}
    again = run_rules(doc, config, [r for r in rules if r.code in codes], *again_with,
                      active=rules)
    todo: list[Diagnostic] = []
    origin: dict[int, Diagnostic] = {}
    for d in again:
        first = want.get((d.code, doc.source.line_of(d.start)))
        if first is not None and d.fix is not None and \
                d.fix.applicability is first.fix.applicability:  # type: ignore[union-attr]
            todo.append(d)
            origin[id(d)] = first
    return todo, origin


def _apply_verified(source: Source, before: Document, chosen: list[Diagnostic],
                    formatting_only: bool, skipped: list[Skipped],
                    ) -> tuple[list[Diagnostic], Document, PassReport]:
    """Apply ``chosen`` to ``before`` and verify; on failure, find the rules at fault, leave
    their fixes out (recorded in ``skipped``) and apply the rest."""
    try:
        return chosen, *_try(source, before, chosen, formatting_only)  # type: ignore[return-value]
    except VerificationError as whole:
        first_error = whole
    codes = sorted({d.code for d in chosen})
    bad: dict[str, str] = {}
    if len(codes) > 1:
        for code in codes:
            try:
                _try(source, before, [d for d in chosen if d.code == code], formatting_only)
            except VerificationError as exc:
                bad[code] = str(exc)
    if not bad:  # only together (or only one rule): leave them all out
        bad = {code: str(first_error) for code in codes}
    rest = [d for d in chosen if d.code not in bad]
    if rest:
        try:
            after, report = _try(source, before, rest, formatting_only)
        except VerificationError as exc:
            bad.update({d.code: str(exc) for d in rest})
            rest = []
    skipped.extend(Skipped(code, reason) for code, reason in sorted(bad.items()))
    if not rest:
        return [], before, PassReport()
    return rest, after, report


def _try(source: Source, before: Document, chosen: Sequence[Diagnostic],
         formatting_only: bool) -> tuple[Document, PassReport]:
    edits = edits_of(chosen)
    after = parse(_derived(source, _apply_sorted(before.text, edits)), keep_tokens=True)
    return after, verify_pass(before, after, chosen, formatting_only=formatting_only)


class _Shift:
    """Where an offset of the text before some edits is after them."""

    def __init__(self, edits: Sequence[Edit], text: str) -> None:
        self.edits = edits  # sorted, not overlapping
        self.text = text  # before the edits
        self.ends = [e.end for e in edits]
        self.deltas = [0]
        for e in edits:
            self.deltas.append(self.deltas[-1] + len(e.content) - (e.end - e.start))

    def __call__(self, pos: int, end: bool = False) -> int:
        """``pos`` after the edits; text inserted at ``pos`` comes before a start there and
        after an ``end`` there. Inside a rewritten range, a position follows its line when
        the rewrite carries that line along verbatim (an entry moved by a sort)."""
        k = bisect.bisect_right(self.ends, pos)  # edits that end at or before ``pos``
        while end and k > 0 and self.edits[k - 1].start == self.edits[k - 1].end == pos:
            k -= 1
        if k < len(self.edits) and self.edits[k].start < pos:  # inside a rewritten range
            e = self.edits[k]
            first = self.text.rfind("\n", 0, pos) + 1
            last = self.text.find("\n", pos)
            line = self.text[first:last if last != -1 else len(self.text)]
            if line.strip() and e.start <= first and first + len(line) <= e.end and \
                    e.content.count(line) == 1:
                return e.start + self.deltas[k] + e.content.index(line) + pos - first
            return e.start + self.deltas[k]
        return pos + self.deltas[k]

    def inside_deletion(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.ends, start)
        return k < len(self.edits) and not self.edits[k].content and \
            self.edits[k].start <= start and end <= self.edits[k].end


def _shifted(d: Diagnostic, shift: _Shift) -> Diagnostic:
    """``d`` with its fix's edits moved through the edits of an earlier stage (they never
    overlap: :func:`plan_fixes` chose them together)."""
    fix = d.fix
    assert fix is not None
    edits = tuple(Edit(shift(e.start), shift(e.end, e.start < e.end), e.content)
                  for e in fix.edits)
    return replace(d, fix=replace(fix, edits=edits))


def _moved(d: Diagnostic, stages: list[_Shift]) -> Diagnostic | None:
    """A diagnostic no fix settled, at its place in the fixed text; None when the text it
    points at was deleted (a removed duplicate's other problems go with it)."""
    start, end = d.start, d.end
    for shift in stages:
        if end > start and shift.inside_deletion(start, end):
            return None
        start, end = shift(start), shift(end, end > start)
    if (start, end) == (d.start, d.end):
        return d
    return replace(d, start=start, end=max(start, end), fix=None)


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
            problems.append(f"entry {shorten(key[0])!r} ({key[1]}) would be lost")
    had = Counter(_key(e.title, e.url) for e in before.entries)
    for key, n in have_entries.items():  # a fix never copies an entry
        if key in had and n - had[key] > len(report.rewritten):
            problems.append(f"entry {shorten(key[0])!r} ({key[1]}) would be repeated")
            break
    for sig, n in want_sigs.items():
        if have_sigs.get(sig, 0) < n and sig[0] in have_entries:  # type: ignore[comparison-overlap]
            key = sig[0]
            problems.append(f"entry {shorten(key[0])!r} would change although no fix "  # type: ignore[index]
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


def verify(before: Document, after: Document, *, removed: set[tuple[str, str]] = frozenset(),
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


def _rendered(doc: Document) -> str:
    md = markdown_parser()
    if doc.tokens is None:
        return md.render(doc.text)
    return md.renderer.render(doc.tokens, md.options, {})


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
           "fixable", "plan_fixes", "rendered_equal", "rendered_tokens_equal",
           "Skipped", "unified_diff", "verify", "verify_pass", "write_atomic", "Fix"]
