"""Which fixes go together: edits are data, one applier applies a non-overlapping set."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from listlint.model import Applicability, Diagnostic, Edit


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (callers choose them with :func:`choose_fixes`)."""
    out = text
    for e in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        out = out[: e.start] + e.content + out[e.end :]
    return out


def apply_sorted(text: str, edits: Sequence[Edit]) -> str:
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

def fixable(diags: Iterable[Diagnostic], unsafe: bool = False) -> list[Diagnostic]:
    return [d for d in diags if d.fix is not None and
            (unsafe or d.fix.applicability is Applicability.SAFE)]
