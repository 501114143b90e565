"""Helpers for the workflow tests: scratch git repositories and the project's own files."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# A fixed identity and no user or system git config, so commits work on any machine.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "listlint tests", "GIT_AUTHOR_EMAIL": "tests@listlint.invalid",
    "GIT_COMMITTER_NAME": "listlint tests", "GIT_COMMITTER_EMAIL": "tests@listlint.invalid",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
}


def git_env() -> dict[str, str]:
    return {**os.environ, **GIT_ENV}


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` and return its standard output (fail the test on error)."""
    proc = subprocess.run(["git", *args], cwd=repo, env=git_env(), capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout


def make_repo(path: Path, files: dict[str, str] | None = None, message: str = "initial"
              ) -> Path:
    """A new git repository at ``path`` holding ``files``, committed when there are any."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    if files:
        write_files(path, files)
        commit_all(path, message)
    return path


def write_files(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "-q", "--no-verify", "-m", message)


# Signs that pre-commit could not build a hook environment for lack of a package index.
OFFLINE_SIGNS = ("Temporary failure in name resolution", "Failed to establish a new connection",
                 "No matching distribution found", "Could not find a version that satisfies",
                 "Network is unreachable", "ProxyError", "Read timed out")


def run_with_pre_commit(cmd: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` (pre-commit, or git with pre-commit's hook installed) with pre-commit's cache
    in ``home``; skip the test when a hook environment cannot be built offline."""
    env = {**git_env(), "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never",
           "NO_COLOR": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
                          check=False)
    out = proc.stdout + proc.stderr
    if "while installing environment" in out or "An unexpected error" in out:
        log = home / "pre-commit.log"
        text = out + (log.read_text(errors="replace") if log.exists() else "")
        sign = next((s for s in OFFLINE_SIGNS if s in text), None)
        if sign:
            pytest.skip(f"pre-commit cannot build the hook environment offline: {sign}")
    return proc
