"""The one git wrapper (listlint.git) and the one progress bar (listlint.progress)."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from listlint import git
from listlint.progress import Progress

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _repo(tmp_path):
    def run(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    run("init", "-q")
    run("config", "user.email", "t@example.org")
    run("config", "user.name", "T")
    (tmp_path / "README.md").write_bytes(b"# One\r\n")
    run("add", "README.md")
    run("commit", "-qm", "first")
    return tmp_path


@needs_git
def test_output_toplevel_and_blob_reader(tmp_path):
    repo = _repo(tmp_path)
    assert git.toplevel(repo / ".git" / "..").resolve() == repo.resolve()
    assert git.output(repo, "log", "--format=%s").strip() == "first"
    with git.BlobReader(repo) as reader:
        assert reader.read("HEAD:README.md") == b"# One\r\n"  # the bytes, as committed
        assert reader.read("HEAD:missing.md") is None
        assert reader.read("HEAD") is None  # a commit, not a blob


@needs_git
def test_failures_carry_what_git_said(tmp_path):
    repo = _repo(tmp_path)
    with pytest.raises(git.GitFailure) as caught:
        git.output(repo, "rev-parse", "--verify", "no-such-ref")
    assert str(caught.value) == "fatal: Needed a single revision"  # git's last line
    assert "Needed a single revision" in caught.value.stderr
    assert git.output(repo, "rev-parse", "--verify", "--quiet", "nope", check=False) == ""
    outside = tmp_path.parent / f"{tmp_path.name}-plain"
    outside.mkdir()
    with pytest.raises(git.GitFailure):
        git.toplevel(outside)


def test_git_missing_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without git
    with pytest.raises(git.GitMissing, match="git is not installed"):
        git.run(tmp_path, "status")
    with pytest.raises(git.GitMissing):
        git.BlobReader(tmp_path).__enter__()


def test_progress_draws_its_label_and_wipes_the_line():
    out = io.StringIO()
    bar = Progress("reading commits", out)
    bar(1, 3)
    bar(2, 3)  # within a tenth of a second: not redrawn
    bar(3, 3)  # the last step always is
    bar.close()
    text = out.getvalue()
    assert text.startswith("\r  reading commits [" + "#" * 10 + "." * 20 + "] 1/3")
    assert "2/3" not in text and "] 3/3" in text and text.endswith("\r\x1b[2K")
    assert Progress.wanted(True, out) and not Progress.wanted(None, out)  # not a terminal


def test_progress_says_nothing_when_it_never_drew():
    out = io.StringIO()
    Progress(stream=out).close()
    assert out.getvalue() == ""
