"""A list's growth over its git history, and where its lines live on GitHub.

:func:`file_history` asks ``git log --follow`` for the commits that touched the file (and its
name at each, so renames are followed), reads each version once through one
``git cat-file --batch`` process (the same bytes as ``git show REV:path``), parses it once and
counts entries, checked entries, links and duplicates (the LL1xx rules). At most ``limit``
commits are read, spread evenly over the history and always including the first and the last.

:func:`blob_url` gives the GitHub URL of the file so the report can link every diagnostic to
its line (``…/blob/<sha>/README.md#L123``).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from listlint import git
from listlint.document import parse
from listlint.source import InputError, Source
from listlint.stats import DUPLICATE_PREFIX

if TYPE_CHECKING:
    from listlint.lint import FileRun

DEFAULT_LIMIT = 200
_GITHUB_REMOTE = re.compile(
    r"^(?:https?://(?:[^@/]+@)?|ssh://git@|git@)github\.com[:/]([\w.-]+)/([\w.-]+?)(?:\.git)?/?$"
)
_RS, _US = "\x1e", "\x1f"


class HistoryError(Exception):
    """No history can be read (not a git repository, git missing, file never committed)."""


@dataclass(frozen=True, slots=True)
class Point:
    """The list as one commit left it."""

    commit: str  # abbreviated sha
    date: str  # YYYY-MM-DD (author date)
    subject: str
    bytes: int
    entries: int
    checked: int
    links: int
    duplicates: int | None  # None when no duplicate rule is selected


@dataclass(frozen=True, slots=True)
class History:
    points: tuple[Point, ...]  # oldest first
    commits: int  # commits that touched the file; more than len(points) when limited

    @property
    def note(self) -> str:
        if self.commits > len(self.points):
            return (f"{len(self.points)} of the {self.commits} commits that touched the file, "
                    "spread evenly (--history-limit).")
        return ""


def _git(cwd: Path, *args: str, check: bool = True) -> str:
    try:
        return git.output(cwd, *args, check=check)
    except git.GitFailure as exc:
        raise HistoryError(str(exc)) from None


def repo_root(path: Path) -> Path:
    try:
        return git.toplevel(path.resolve().parent)
    except git.GitFailure:  # git missing too, as before
        raise HistoryError(f"{path}: not in a git repository (--history needs one)") from None


def commits_of(path: Path) -> list[tuple[str, str, str, str]]:
    """``(sha, date, subject, path at that commit)`` for each commit that touched ``path``,
    oldest first, following renames."""
    root = repo_root(path)
    rel = path.resolve().relative_to(root).as_posix()
    if not _git(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False).strip():
        return []  # a repository without any commit yet
    out = _git(root, "log", "--follow", "--no-merges", "--name-only", "--date=short",
               f"--format={_RS}%H{_US}%ad{_US}%s", "--", rel)
    commits = []
    for record in out.split(_RS)[1:]:
        head, _, names = record.partition("\n")
        sha, date, subject = (head.split(_US) + ["", ""])[:3]
        name = next((n for n in names.splitlines() if n.strip()), rel)
        commits.append((sha, date, subject, name))
    commits.reverse()
    return commits


def spread(items: Sequence[object], limit: int) -> list[int]:
    """Indexes of at most ``limit`` items spread evenly, keeping the first and the last."""
    n = len(items)
    if n <= limit:
        return list(range(n))
    if limit <= 1:
        return [n - 1]
    return sorted({round(i * (n - 1) / (limit - 1)) for i in range(limit)})


def file_history(file: FileRun, *, limit: int = DEFAULT_LIMIT,
                 progress: Callable[[int, int], None] | None = None) -> History:
    """The figures of ``file`` (a file of a run) at each commit (at most ``limit`` commits),
    oldest first.

    Only the duplicate rules among the file's rules run on old versions, with its
    configuration and inputs: the other figures come straight from the parsed document.
    """
    p = Path(file.source.path)
    if p.is_dir():
        p = p / "README.md"
    commits = commits_of(p)
    if not commits:
        raise HistoryError(f"{file.source.path}: no commit touches this file yet")
    chosen = [commits[i] for i in spread(commits, limit)]
    dup_rules = [r for r in file.rules if r.code.startswith(DUPLICATE_PREFIX)]
    duplicates = dataclasses.replace(file, rules=dup_rules) if dup_rules else None
    root = repo_root(p)
    points: list[Point] = []
    try:
        with git.BlobReader(root) as reader:
            for i, commit in enumerate(chosen, 1):
                point = _point(reader, commit, duplicates, progress, i, len(chosen))
                if point is not None:
                    points.append(point)
    except git.GitMissing as exc:
        raise HistoryError(str(exc)) from None
    return History(tuple(points), len(commits))


def _point(reader: git.BlobReader, commit: tuple[str, str, str, str],
           duplicates: FileRun | None, progress: Callable[[int, int], None] | None, i: int,
           n: int) -> Point | None:
    """The figures of one old version (None when it cannot be read); ``duplicates``: the
    run of the duplicate rules, if any is selected."""
    sha, date, subject, name = commit
    if progress is not None:
        progress(i, n)
    data = reader.read(f"{sha}:{name}")
    if data is None:
        return None
    try:
        source = Source.from_bytes(data, name)
    except InputError:
        return None
    dups = None
    if duplicates is not None:
        checked = duplicates.with_source(source).check()
        doc = checked.document
        dups = sum(1 for d in checked.diagnostics if d.code.startswith(DUPLICATE_PREFIX))
    else:
        doc = parse(source)
    links = sum(1 for link in doc.links
                if link.kind != "image" and not link.url.startswith("#"))
    checked_entries = sum(1 for e in doc.entries if e.checked)
    return Point(sha[:7], date, subject, len(data), len(doc.entries), checked_entries, links,
                 dups)


def github_repo_url(remote: str) -> str | None:
    """``https://github.com/owner/repo`` for a GitHub remote URL (https or ssh), else None."""
    m = _GITHUB_REMOTE.match(remote.strip())
    return f"https://github.com/{m.group(1)}/{m.group(2)}" if m else None


def blob_url(path: str | os.PathLike[str]) -> tuple[str | None, str]:
    """The GitHub URL of ``path`` at the checked-out commit, to which ``#L12`` can be added.

    Returns ``(url, reason)``: the URL, or None and why there is none (no git, no GitHub
    remote, the file differs from the commit so the line numbers would not match). In a
    GitHub Actions run ``GITHUB_SERVER_URL``, ``GITHUB_REPOSITORY`` and ``GITHUB_SHA`` win.
    """
    p = Path(path)
    if p.is_dir():
        p = p / "README.md"
    try:
        root = repo_root(p)
        rel = p.resolve().relative_to(root).as_posix()
    except (HistoryError, ValueError):
        return None, "not in a git repository"
    env = os.environ
    if env.get("GITHUB_REPOSITORY") and env.get("GITHUB_SHA"):
        server = env.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
        return f"{server}/{env['GITHUB_REPOSITORY']}/blob/{env['GITHUB_SHA']}/{rel}", ""
    try:
        remote = _git(root, "remote", "get-url", "origin").strip()
        sha = _git(root, "rev-parse", "HEAD").strip()
    except HistoryError:
        return None, "no origin remote or no commit"
    base = github_repo_url(remote)
    if base is None:
        return None, "the origin remote is not on GitHub"
    if _git(root, "status", "--porcelain", "--", rel).strip():
        return None, f"{rel} has changes not committed, so GitHub's line numbers would differ"
    return f"{base}/blob/{sha}/{rel}", ""
