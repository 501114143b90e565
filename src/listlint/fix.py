"""Apply fixes: edits are data, one applier applies them, verification guards the file.

:func:`fix_source` lints, takes the fixes it may apply (safe, or unsafe too when asked),
applies a non-overlapping set bottom-up, re-lints and repeats until nothing changes (a bounded
number of passes). :func:`verify` then proves nothing was lost: every entry that no fix targeted
is still there with its title and URL, entries only disappear when a fix said it removes them,
and when every applied fix is formatting-only the rendered HTML is identical (the idea of
mdformat's ``is_md_equal``). :func:`write_atomic` writes through a temporary file in the same
folder and ``os.replace``, keeping permissions; :class:`~listlint.source.Source` keeps the BOM,
each line's ending and the final newline.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listlint.config import Config
from listlint.document import Document, markdown_parser, parse
from listlint.engine import run_rules
from listlint.lint import services_for
from listlint.model import Applicability, Diagnostic, Edit, Fix
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

    @property
    def changed(self) -> bool:
        return self.text != self.source.text

    def render(self) -> bytes:
        return self.source.render(self.text)


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
    """The diagnostics whose fixes can be applied together: all edits of a fix, or none."""
    candidates = [d for d in diagnostics if d.fix is not None and d.fix.edits and
                  (unsafe or d.fix.applicability is Applicability.SAFE)]
    candidates.sort(key=lambda d: (min(e.start for e in d.fix.edits), d.code))  # type: ignore[union-attr]
    taken: list[tuple[int, int]] = []  # sorted disjoint ranges
    chosen: list[Diagnostic] = []
    import bisect

    seen_fixes: set[tuple[tuple[int, int, str], ...]] = set()
    for d in candidates:
        fix = d.fix
        assert fix is not None
        key = tuple((e.start, e.end, e.content) for e in fix.edits)
        if key in seen_fixes:
            continue
        ok = True
        for e in fix.edits:
            k = bisect.bisect_left(taken, (e.start, e.start))
            for j in (k - 1, k):
                if 0 <= j < len(taken):
                    s, t = taken[j]
                    if _overlaps(e.start, e.end, s, t):
                        ok = False
        if not ok:
            continue
        for e in fix.edits:
            bisect.insort(taken, (e.start, e.end))
        seen_fixes.add(key)
        chosen.append(d)
    return chosen


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    """Do edits [a, b) and [c, d) conflict? Same start, shared text, or an insertion inside."""
    if a == c:
        return True
    if a < d and c < b:
        return True
    return (a == b and c < a < d) or (c == d and a < c < b)


def fix_source(source: Source, config: Config, rules: Sequence[Rule], *, unsafe: bool = False,
               services: dict[str, Any] | None = None, max_passes: int = MAX_PASSES) -> FixResult:
    """Lint and fix ``source`` to a fixed point; verify; return the new text (not written)."""
    original = parse(source)
    text = source.text
    applied: list[Diagnostic] = []
    removed: set[tuple[str, str]] = set()
    touched: Counter[tuple[str, str]] = Counter()
    formatting_only = True
    doc = original
    passes = 0
    svc = services_for(source, services)
    diags = run_rules(doc, config, rules, svc)
    while passes < max_passes:
        chosen = choose_fixes(diags, unsafe)
        if not chosen:
            break
        passes += 1
        edits: list[Edit] = []
        for d in chosen:
            assert d.fix is not None
            edits.extend(d.fix.edits)
            formatting_only = formatting_only and d.fix.formatting
            for idx in d.fix.removes_entries:
                if 0 <= idx < len(doc.entries):
                    e = doc.entries[idx]
                    removed.add(_key(e.title, e.url))
        for e in _entries_touched(doc, edits):
            touched[_key(e.title, e.url)] += 1
        edits.sort(key=lambda e: (e.start, e.end))
        new_text = _apply_sorted(text, edits)
        applied.extend(chosen)
        if new_text == text:
            break
        text = new_text
        doc = parse(_derived(source, text))
        diags = run_rules(doc, config, rules, svc)
    result = FixResult(source, text, applied, diags, passes, doc)
    if result.changed:
        verify(original, doc, removed=removed, touched=touched,
               formatting_only=formatting_only)
    return result


def _derived(source: Source, text: str) -> Source:
    return Source(source.path, text, source.eols, source.bom)


def _key(title: str, url: str) -> tuple[str, str]:
    return (" ".join(title.split()), url.strip())


def _entries_touched(doc: Document, edits: Sequence[Edit]) -> list[Any]:
    if not edits:
        return []
    import bisect

    starts = sorted((e.start, e.end) for e in edits)
    out = []
    for entry in doc.entries:
        span = entry.sub_span or entry.span
        k = bisect.bisect_left(starts, (span.start, -1))
        hit = False
        for j in (k - 1, k, k + 1):
            if 0 <= j < len(starts):
                s, t = starts[j]
                if s <= span.end and t >= span.start:
                    hit = True
        if hit:
            out.append(entry)
    return out


def verify(before: Document, after: Document, *, removed: set[tuple[str, str]],
           touched: Counter[tuple[str, str]], formatting_only: bool) -> None:
    """Raise :class:`VerificationError` if the fixed document lost what it must keep."""
    have = Counter(_key(e.title, e.url) for e in after.entries)
    want = Counter(_key(e.title, e.url) for e in before.entries)
    problems = []
    for key, n in want.items():
        if key in removed:
            continue
        missing = n - have.get(key, 0)
        if missing > 0 and touched.get(key, 0) < missing:
            problems.append(f"entry {key[0]!r} ({key[1]}) would be lost")
    if len(after.entries) + len(removed) < len(before.entries) - sum(touched.values()):
        problems.append(f"{len(before.entries)} entries before, {len(after.entries)} after")
    if formatting_only and not problems and not rendered_equal(before.text, after.text):
        problems.append("a formatting-only fix would change the rendered page")
    if problems:
        raise VerificationError("; ".join(problems[:3]) +
                                (f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""))


def rendered_equal(a: str, b: str) -> bool:
    md = markdown_parser()
    return md.render(a) == md.render(b)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` by ``data`` atomically, keeping its permissions."""
    p = Path(path)
    try:
        mode = p.stat().st_mode & 0o7777
    except OSError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".listlint.tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


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
           "fixable", "rendered_equal", "unified_diff", "verify", "write_atomic", "Fix"]
