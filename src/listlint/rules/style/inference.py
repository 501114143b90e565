"""Learn a list's own conventions, per file and per section, so drift can be reported.

A *convention* is the value most entries agree on (the separator between link and
description, the list marker, the checkbox, the case and final punctuation of descriptions, the
emphasis around titles, the indentation of nested entries, tight or loose lists...). It is
enforced only where it clearly dominates: at least ``threshold`` (80 %) of the entries in scope
use it. The scope is the entry's section when that section is consistent on its own (all of at
least 3 entries, or ``threshold`` of at least ``min-entries``), otherwise the whole file, unless
the section is large and clearly does something else. A value pinned in
``[tool.listlint.style]`` replaces inference; ``"off"`` turns a convention off.

This module knows nothing about diagnostics: the rule modules of :mod:`listlint.rules.style`
turn the conventions into LL5xx rules.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import Any

from listlint.model import Entry
from listlint.presets import PRESETS
from listlint.rules.style.settings import AUTO, OFF, StyleSettings


@dataclass(frozen=True, slots=True)
class Convention:
    """The value expected in one scope, with the evidence for it."""

    value: str
    count: int
    total: int
    scope: str  # "list", "section" or "config"
    #: a section's convention that is not what the list as a whole mostly does: a fix
    #: towards it would make the line disagree with the list's majority (unsafe)
    contested: bool = False
    preset: str | None = None  # the preset applied (scope "config"): it may be the pin's source

    def evidence(self, what: str, shown: Callable[[str], str] = repr, verb: str = "uses",
                 unit: str = "entries") -> str:
        """``this list uses ': ' in 97% of 120 entries``-style evidence for messages."""
        if self.scope == "config":
            if self.preset and PRESETS[self.preset].pins.get("style", {}).get(what) == self.value:
                return f"the {self.preset} preset's {what} = {self.value!r}"
            return f"[tool.listlint.style] {what} = {self.value!r}"
        pct = math.floor(100 * self.count / self.total) if self.total else 0
        where = "this section" if self.scope == "section" else "this list"
        return f"{where} {verb} {shown(self.value)} in {pct}% of {self.total} {unit}"


Observation = tuple[Entry, str]


_first, _second = itemgetter(0), itemgetter(1)
_section, _index = attrgetter("section"), attrgetter("index")


def _no_group(entry: Entry) -> None:
    """The default grouping of :func:`infer`: all entries in one group."""
    return None


def infer(observations: Iterable[Observation], setting: str, st: StyleSettings,
          group: Callable[[Entry], Any] = _no_group,
          pinned: str | None = None) -> dict[int, Convention]:
    """The expected convention for each observed entry (entry index -> Convention).

    ``observations`` pairs entries with the value they use. Entries are grouped by
    ``group(entry)`` (e.g. nesting depth) and compared with their section, then with the
    file. ``pinned`` (or ``setting`` when it is not "auto") replaces inference.
    """
    obs = list(observations)
    if setting == OFF or not obs:
        return {}
    if setting != AUTO:
        conv = Convention(pinned if pinned is not None else setting, 0, 0, "config",
                          preset=st.preset)
        return {e.index: conv for e, _ in obs}
    # map/zip/Counter do the per-observation work in C.
    entries = list(map(_first, obs))
    sections = list(map(_section, entries))
    groups = [None] * len(obs) if group is _no_group else list(map(group, entries))
    # Count (section, group, value); values keep the order in which they first occur, so ties
    # go to the value seen first (as Counter.most_common does).
    sec_counts: dict[tuple[Any, Any], dict[str, int]] = {}
    file_counts: dict[Any, dict[str, int]] = {}
    for (sec, g, value), n in Counter(zip(sections, groups, map(_second, obs))).items():
        sec_counts.setdefault((sec, g), {})[value] = n
        in_file = file_counts.setdefault(g, {})
        in_file[value] = in_file.get(value, 0) + n
    own = {key: _own(key[0], c, st) for key, c in sec_counts.items()}
    fixed = _as_fixed(file_counts, sec_counts, own)
    file_conv: dict[Any, Convention | None] = {
        g: _dominant(c, st.threshold, st.min_entries, "list", file_counts[g])
        for g, c in fixed.items()
    }
    sec_conv: dict[tuple[Any, Any], Convention | None] = {}
    for key, c in sec_counts.items():
        total = sum(c.values())
        top, n = _top(c)
        fc = file_conv.get(key[1])
        if own[key]:
            # the section is consistent on its own; the file-wide evidence is the stronger
            # statement when both agree
            same = fc is not None and top == fc.value
            contested = _top(fixed[key[1]])[0] != top
            sec_conv[key] = fc if same else Convention(top, n, total, "section", contested)
        elif fc is not None:
            mixed_other = total >= st.min_entries and top != fc.value and \
                c.get(fc.value, 0) < total / 2
            sec_conv[key] = None if mixed_other else fc
        else:
            sec_conv[key] = None
    convs = map(sec_conv.__getitem__, zip(sections, groups))
    return {i: conv for i, conv in zip(map(_index, entries), convs) if conv is not None}


def _own(section: Any, counts: dict[str, int], st: StyleSettings) -> bool:
    """Is a section consistent enough on its own to have its own convention?"""
    total = sum(counts.values())
    n = _top(counts)[1]
    return section is not None and ((total >= 3 and n == total) or
                                    (total >= st.min_entries and n >= st.threshold * total))


def _as_fixed(file_counts: dict[Any, dict[str, int]],
              sec_counts: dict[tuple[Any, Any], dict[str, int]],
              own: dict[tuple[Any, Any], bool]) -> dict[Any, dict[str, int]]:
    """The file-wide counts as the fixed file will have them: every section with its own
    convention counted as following it. The list-wide convention is inferred from these, so
    fixes towards section conventions cannot lift a value over the threshold for the next
    run (a second ``fix`` would then change more: fixing is idempotent only this way)."""
    if not any(own[key] and len(c) > 1 for key, c in sec_counts.items()):
        return file_counts
    fixed: dict[Any, dict[str, int]] = {g: {} for g in file_counts}
    for (sec, g), c in sec_counts.items():
        in_file = fixed[g]
        if own[(sec, g)] and len(c) > 1:
            top, _ = _top(c)
            in_file[top] = in_file.get(top, 0) + sum(c.values())
        else:
            for value, n in c.items():
                in_file[value] = in_file.get(value, 0) + n
    # keep the order in which values first occur in the file (ties go to the first seen)
    return {g: {v: fixed[g][v] for v in file_counts[g] if fixed[g].get(v)}
            for g in file_counts}


def _top(counts: dict[str, int]) -> tuple[str, int]:
    """The most frequent value and its count; the first seen of equally frequent ones."""
    return max(counts.items(), key=itemgetter(1))


def _dominant(counts: dict[str, int], threshold: float, min_entries: int,
              scope: str, evidence: dict[str, int] | None = None) -> Convention | None:
    """The value of ``counts`` at or over the threshold; its count in ``evidence`` (the file
    as given, when ``counts`` are those of the fixed file) is what messages show."""
    total = sum(counts.values())
    if total < min_entries:
        return None
    top, n = _top(counts)
    if n < threshold * total:
        return None
    return Convention(top, (evidence or counts).get(top, 0), total, scope)


def most_common(values: Iterable[str]) -> str | None:
    c = Counter(values)
    return c.most_common(1)[0][0] if c else None

