"""Git, asked as a subprocess: the one wrapper behind pull-request mode (:mod:`listlint.gitdiff`),
the history figures and the report's GitHub links (:mod:`listlint.history`).

Every call goes through :func:`run` (git found on ``PATH`` once per call, a time limit, bytes
out); :func:`output` decodes what a command printed; :class:`BlobReader` keeps one
``git cat-file --batch`` process for reading many old versions. Failures raise
:class:`GitFailure` (:class:`GitMissing` when git is not installed), which each caller turns
into its own one-line message.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

TIMEOUT = 120.0  # seconds for one git command (a log of a long history included)


class GitFailure(Exception):
    """A git command could not run or failed; ``stderr`` is what git said (may be empty)."""

    def __init__(self, message: str, stderr: str = "") -> None:
        super().__init__(message)
        self.stderr = stderr


class GitMissing(GitFailure):
    """git is not installed or not on ``PATH``."""


def _exe() -> str:
    exe = shutil.which("git")
    if exe is None:
        raise GitMissing("git is not installed")
    return exe


def run(cwd: Path, *args: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[bytes]:
    """``git ARGS`` in ``cwd``, whatever its exit status (the caller reads ``returncode``);
    :class:`GitFailure` only when git is missing or takes longer than ``timeout``."""
    try:
        return subprocess.run([_exe(), *args], cwd=cwd, capture_output=True, check=False,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        raise GitFailure(f"git {args[0]} took too long") from None


def _text(data: bytes) -> str:
    """Bytes git printed as text: UTF-8 (undecodable bytes replaced), newlines as ``\\n``."""
    return data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")


def output(cwd: Path, *args: str, check: bool = True) -> str:
    """What ``git ARGS`` printed, as text; with ``check``, a failure raises
    :class:`GitFailure` carrying git's last line of complaint."""
    proc = run(cwd, *args)
    if check and proc.returncode != 0:
        stderr = _text(proc.stderr)
        lines = stderr.strip().splitlines()
        raise GitFailure(lines[-1] if lines else f"git {args[0]} failed", stderr)
    return _text(proc.stdout)


def toplevel(folder: Path) -> Path:
    """The top of the work tree that holds ``folder``; :class:`GitFailure` outside one (its
    ``stderr`` says why: not a repository, or another user's clone git refuses)."""
    proc = run(folder, "rev-parse", "--show-toplevel")
    if proc.returncode != 0:
        stderr = _text(proc.stderr)
        raise GitFailure(f"{folder}: not in a git repository", stderr)
    return Path(_text(proc.stdout).strip())


class BlobReader:
    """``git cat-file --batch`` in the repository at ``root``: one process answers every
    ``REV:path`` request (the same bytes as ``git show REV:path``). Use it as a context
    manager."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BlobReader:
        self.proc = subprocess.Popen([_exe(), "cat-file", "--batch"], cwd=self.root,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            self.proc.wait(timeout=30)

    def read(self, spec: str) -> bytes | None:
        """The blob ``spec`` names (``REV:path`` or a blob id), or None when there is none."""
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
