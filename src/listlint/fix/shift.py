"""Where the text of one stage of edits is after them: diagnostics moved through fixes."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from listlint.model import Diagnostic, Edit


class Shift:
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


def shifted(d: Diagnostic, shift: Shift) -> Diagnostic:
    """``d`` with its fix's edits moved through the edits of an earlier stage (they never
    overlap: :func:`plan_fixes` chose them together)."""
    fix = d.fix
    assert fix is not None
    edits = tuple(Edit(shift(e.start), shift(e.end, e.start < e.end), e.content)
                  for e in fix.edits)
    return replace(d, fix=replace(fix, edits=edits))


def relocated(d: Diagnostic, stages: list[Shift]) -> Diagnostic | None:
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
