"""Pull-request mode: report only the problems on lines that a change adds or modifies.

``listlint check --diff-base REF`` compares each file as it is on disk (uncommitted edits
included) with its version at the git commit ``REF``, and keeps a diagnostic when one of its
lines is new or modified. A diagnostic that points at other places (``related``, e.g. the
first occurrence of a duplicate) is kept when any of those lines is new as well; it is then
moved onto the new line, so that a pull-request annotation lands on the line the contributor
wrote. A file that did not exist at ``REF`` is new: every line counts, and so is every file
of a repository without commits when ``REF`` is ``HEAD`` (the first commit, under pre-commit).

Years of legacy drift therefore never block a contributor, who sees only what they wrote.
"""

from __future__ import annotations

import difflib
import subprocess
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from listlint import git
from listlint.model import Diagnostic, Related
from listlint.order import longest_increasing
from listlint.source import Source


class GitError(Exception):
    """``--diff-base`` cannot work here; the message is one line that says what to do."""


@dataclass(frozen=True, slots=True)
class Baseline:
    """A file's version at the base commit (``text`` is None when it did not exist there)."""

    ref: str
    relpath: str
    text: str | None


_NO_GIT = ("--diff-base needs git, which is not installed or not on PATH; install git, or "
           "drop --diff-base to check every line")


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return git.run(cwd, *args)
    except git.GitMissing:
        raise GitError(_NO_GIT) from None
    except git.GitFailure as exc:
        raise GitError(f"--diff-base: {exc}") from None


def repo_root(folder: Path) -> Path:
    """The top of the git work tree that holds ``folder``."""
    try:
        return git.toplevel(folder)
    except git.GitMissing:
        raise GitError(_NO_GIT) from None
    except git.GitFailure as exc:
        if "dubious ownership" in exc.stderr:  # another user's clone (containers, CI)
            raise GitError(f"--diff-base: git refuses the repository at {folder} because "
                           "another user owns it; run `git config --global --add "
                           f"safe.directory '{folder}'` first") from None
        raise GitError(f"--diff-base needs a git repository, but {folder} is not inside one; "
                       "run listlint from your clone, or drop --diff-base to check every line"
                       ) from None


def _unborn(root: Path) -> bool:
    """Whether the repository at ``root`` has no commit yet (``git init``, nothing committed)."""
    has_head = _git(["rev-parse", "--verify", "--quiet", "HEAD"], root).returncode == 0
    return not has_head and _git(["rev-list", "-n", "1", "--all"], root).stdout.strip() == b""


def resolve_ref(root: Path, ref: str) -> str:
    """The commit id that ``ref`` names in the repository at ``root``."""
    proc = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"],
                root)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise GitError(f"--diff-base {ref}: no such commit in {root}; check the name (e.g. "
                       "origin/main, HEAD~1), and in a shallow CI clone fetch it first "
                       "(actions/checkout with fetch-depth: 0)")
    return proc.stdout.decode("ascii").strip()


def baseline(path: str | Path, ref: str) -> Baseline:
    """The version of ``path`` at ``ref`` (normalised like :class:`Source` text)."""
    target = Path(path).resolve()
    root = repo_root(target.parent)
    try:
        rel = target.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise GitError(f"--diff-base: {path} is outside the git repository {root}; run "
                       "listlint from the clone that holds it") from None
    if ref == "HEAD" and _unborn(root):  # the first commit: everything in it is new
        return Baseline(ref, rel, None)
    commit = resolve_ref(root, ref)
    blob = _git(["rev-parse", "--verify", "--quiet", f"{commit}:{rel}"], root)
    if blob.returncode != 0:
        return Baseline(ref, rel, None)
    proc = _git(["cat-file", "blob", blob.stdout.decode("ascii").strip()], root)
    if proc.returncode != 0:  # pragma: no cover - the blob was just resolved
        raise GitError(f"--diff-base: cannot read {rel} at {ref}: "
                       f"{proc.stderr.decode('utf-8', 'replace').strip()}")
    text = Source.from_text(proc.stdout.decode("utf-8", "replace"), rel).text
    return Baseline(ref, rel, text)


def changed_lines(old: str, new: str) -> frozenset[int]:
    """1-based numbers of the lines of ``new`` that are added or modified relative to ``old``.

    A patience diff: lines that occur once in both versions anchor the alignment (in a list
    almost every entry line does), the longest increasing run of anchors is kept, and only the
    gaps between anchors are aligned again, so the cost stays near linear however many lines a
    change touches. A gap without anchors (blank lines, repeated separators) is aligned by
    :mod:`difflib` when it is small, and otherwise counts as changed.
    """
    a = old.split("\n")
    b = new.split("\n")
    matched = _matched(a, b)
    return frozenset(j + 1 for j in range(len(b)) if j not in matched)


_GAP_CELLS = 250_000  # the largest gap (lines x lines) that difflib aligns


def _matched(a: list[str], b: list[str]) -> set[int]:
    """Indexes of ``b`` that an alignment with ``a`` pairs with an equal line."""
    matched: set[int] = set()
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            matched.add(blo)
            alo += 1
            blo += 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi -= 1
            bhi -= 1
            matched.add(bhi)
        if alo == ahi or blo == bhi:
            continue
        anchors = _anchors(a, b, alo, ahi, blo, bhi)
        if anchors:
            pi, pj = alo, blo
            for i, j in anchors:
                matched.add(j)
                stack.append((pi, i, pj, j))
                pi, pj = i + 1, j + 1
            stack.append((pi, ahi, pj, bhi))
        elif (ahi - alo) * (bhi - blo) <= _GAP_CELLS:
            sm = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            for block in sm.get_matching_blocks():
                matched.update(range(blo + block.b, blo + block.b + block.size))
    return matched


def _anchors(a: list[str], b: list[str], alo: int, ahi: int, blo: int, bhi: int
             ) -> list[tuple[int, int]]:
    """Pairs of lines unique on both sides, longest run in the same order (patience sort)."""
    count_a = Counter(a[alo:ahi])
    count_b = Counter(b[blo:bhi])
    where_b = {b[j]: j for j in range(blo, bhi) if count_b[b[j]] == 1}
    pairs = [(i, where_b[a[i]]) for i in range(alo, ahi)
             if count_a[a[i]] == 1 and a[i] in where_b]
    if not pairs:
        return []
    return [pairs[n] for n in longest_increasing([j for _, j in pairs], strict=True)]


def _lines(source: Source, start: int, end: int) -> range:
    first = source.line_of(start)
    last = source.line_of(max(start, end - 1)) if end > start else first
    return range(first, last + 1)


def _touches(lines: range, changed: frozenset[int]) -> bool:
    if len(lines) <= len(changed):
        return any(n in changed for n in lines)
    return any(n in lines for n in changed)


def keep_changed(source: Source, diagnostics: Iterable[Diagnostic],
                 changed: frozenset[int] | None) -> list[Diagnostic]:
    """The diagnostics that touch a changed line (``changed=None``: a new file, keep all).

    A diagnostic whose own lines are unchanged but whose related location is new (the new
    copy of a duplicate) is moved onto that location; its message names the line the rule
    reported, and that place becomes a related location in turn.
    """
    if changed is None:
        return list(diagnostics)
    kept: list[Diagnostic] = []
    for d in diagnostics:
        if _touches(_lines(source, d.start, d.end), changed):
            kept.append(d)
            continue
        for r in d.related:
            if _touches(_lines(source, r.start, r.end), changed):
                kept.append(_move(source, d, r))
                break
    kept.sort(key=lambda d: (d.start, d.code))
    return kept


def _move(source: Source, d: Diagnostic, onto: Related) -> Diagnostic:
    line = source.line_of(d.start)
    others = tuple(r for r in d.related if r is not onto)
    return Diagnostic(code=d.code, rule=d.rule, severity=d.severity,
                      message=f"line {line}: {d.message}", start=onto.start, end=onto.end,
                      fix=d.fix, related=(Related(d.start, d.end, d.message), *others))


def diagnostics_since(source: Source, diagnostics: Iterable[Diagnostic], ref: str
                      ) -> tuple[list[Diagnostic], Baseline]:
    """Keep the diagnostics of ``source`` on lines changed since ``ref`` (see module doc)."""
    base = baseline(source.path, ref)
    changed = None if base.text is None else changed_lines(base.text, source.text)
    return keep_changed(source, diagnostics, changed), base
