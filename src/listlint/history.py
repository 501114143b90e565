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

import os
import re
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from listlint.config import Config
from listlint.document import parse
from listlint.engine import run_rules
from listlint.inputs import RunInputs
from listlint.registry import Rule
from listlint.source import InputError, Source
from listlint.stats import DUPLICATE_PREFIX

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
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=120)
    except FileNotFoundError:
        raise HistoryError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise HistoryError(f"git {args[0]} took too long") from None
    if check and proc.returncode != 0:
        msg = proc.stderr.strip().splitlines()
        raise HistoryError(msg[-1] if msg else f"git {args[0]} failed")
    return proc.stdout


def repo_root(path: Path) -> Path:
    folder = path.resolve().parent
    try:
        return Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    except HistoryError:
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


def file_history(path: str | os.PathLike[str], config: Config, rules: Sequence[Rule], *,
                 limit: int = DEFAULT_LIMIT,
                 progress: Callable[[int, int], None] | None = None) -> History:
    """The figures of ``path`` at each commit (at most ``limit`` commits), oldest first.

    Only the duplicate rules among ``rules`` run on old versions: the other figures come
    straight from the parsed document.
    """
    p = Path(path)
    if p.is_dir():
        p = p / "README.md"
    commits = commits_of(p)
    if not commits:
        raise HistoryError(f"{path}: no commit touches this file yet")
    chosen = [commits[i] for i in spread(commits, limit)]
    dup_rules = [r for r in rules if r.code.startswith(DUPLICATE_PREFIX)]
    root = repo_root(p)
    points: list[Point] = []
    with _BlobReader(root) as reader:
        for i, (sha, date, subject, name) in enumerate(chosen):
            if progress is not None:
                progress(i + 1, len(chosen))
            data = reader.read(f"{sha}:{name}")
            if data is None:
                continue
            try:
                source = Source.from_bytes(data, name)
            except InputError:
                continue
            doc = parse(source)
            dups = None
            if dup_rules:
                diags = run_rules(doc, config, dup_rules, RunInputs())
                dups = sum(1 for d in diags if d.code.startswith(DUPLICATE_PREFIX))
            links = sum(1 for link in doc.links
                        if link.kind != "image" and not link.url.startswith("#"))
            checked = sum(1 for e in doc.entries if e.checked)
            points.append(Point(sha[:7], date, subject, len(data), len(doc.entries), checked,
                                links, dups))
    return History(tuple(points), len(commits))


class _BlobReader:
    """``git cat-file --batch``: one process answers every ``REV:path`` request."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> _BlobReader:
        try:
            self.proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.root,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL)
        except FileNotFoundError:
            raise HistoryError("git is not installed") from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            self.proc.wait(timeout=30)

    def read(self, spec: str) -> bytes | None:
        assert self.proc is not None and self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(spec.encode("utf-8") + b"\n")
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().split()
        if len(header) != 3:  # "<spec> missing" or "<spec> ambiguous"
            return None
        size = int(header[2])
        data = self.proc.stdout.read(size)
        self.proc.stdout.read(1)  # the newline after the content
        return data if header[1] == b"blob" else None


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
