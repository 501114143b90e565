"""Pull-request mode: ``listlint check --diff-base REF`` reports only changed lines."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from listlint.gitdiff import changed_lines, keep_changed
from listlint.model import Diagnostic, Related, Severity
from listlint.source import Source
from tests.conftest import run_listlint
from tests.workflow_helpers import commit_all, make_repo, needs_git

OLD = """# List

## Tools

- [Alpha](https://alpha.example): first tool
- [](https://empty-old.example)
- [Beta](https://beta.example): second tool
"""


# -- changed_lines ----------------------------------------------------------------------
@pytest.mark.parametrize(("old", "new", "expected"), [
    ("a\nb\nc\n", "a\nb\nc\n", set()),
    ("a\nb\nc\n", "a\nX\nb\nc\n", {2}),             # inserted
    ("a\nb\nc\n", "a\nB\nc\n", {2}),                # modified
    ("a\nb\nc\n", "a\nc\n", set()),                 # deleted: nothing new to report
    ("a\nb\n", "a\nb\nc\n", {3}),                   # appended
    ("a\nb\n", "z\na\nb\n", {1}),                   # prepended
    ("", "a\nb\n", {1, 2}),
    ("x\n\n\ny\n\n\nz\n", "x\n\n\ny\n\nnew\n\nz\n", {6}),  # blank lines repeat
    ("a\nb\nc\nd\n", "a\nB\nc\nD\n", {2, 4}),        # two separate hunks
])
def test_changed_lines(old: str, new: str, expected: set[int]) -> None:
    assert changed_lines(old, new) == expected


def test_changed_lines_moved_block_counts_as_new_only_where_it_landed() -> None:
    old = "".join(f"line {i}\n" for i in range(1, 200))
    lines = old.splitlines(keepends=True)
    moved = lines[:10] + lines[50:51] + lines[10:50] + lines[51:]
    changed = changed_lines(old, "".join(moved))
    assert changed and len(changed) == 1


def test_changed_lines_every_other_line_modified() -> None:
    old = "".join(f"- [Entry {i}](https://e{i}.example)\n\n" for i in range(300))
    lines = old.split("\n")
    new = "\n".join(line + " new" if i % 4 == 0 else line for i, line in enumerate(lines))
    assert changed_lines(old, new) == {i + 1 for i in range(0, len(lines), 4)}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["", "## Section", "<!-- x -->"]), max_size=5),
       st.lists(st.tuples(st.integers(0, 60), st.booleans()), max_size=8))
def test_changed_lines_finds_exactly_the_inserted_and_edited_lines(
        noise: list[str], edits: list[tuple[int, bool]]) -> None:
    old = [f"- [Entry {i}](https://e{i}.example)" for i in range(60)] + noise
    new = list(old)
    touched: set[str] = set()
    for n, (at, replace) in enumerate(edits):
        line = f"- [New {n}](https://n{n}.example)"
        at = min(at, len(new) - (1 if replace else 0))
        if replace and new:
            new[at] = line
        else:
            new.insert(at, line)
        touched.add(line)
    expected = {i + 1 for i, line in enumerate(new) if line in touched}
    assert changed_lines("\n".join(old), "\n".join(new)) == expected


# -- keep_changed -----------------------------------------------------------------------
def _diag(source: Source, line: int, related_line: int | None = None) -> Diagnostic:
    start = source.line_start(line)
    related: tuple[Related, ...] = ()
    if related_line is not None:
        r = source.line_start(related_line)
        related = (Related(r, source.line_end(related_line), "first occurrence"),)
    return Diagnostic("LL101", "duplicate-link", Severity.ERROR,
                      f"duplicate of line {related_line}", start, source.line_end(line),
                      related=related)


def test_keep_changed_keeps_own_line_and_drops_legacy() -> None:
    source = Source.from_text("a\nb\nc\nd\n", "README.md")
    kept = keep_changed(source, [_diag(source, 2), _diag(source, 3)], frozenset({3}))
    assert [source.line_of(d.start) for d in kept] == [3]


def test_duplicate_counts_when_the_earlier_copy_is_new_and_moves_onto_it() -> None:
    # The contributor added line 1; the rule reports the old line 4 as the repeat.
    source = Source.from_text("new copy\nb\nc\nold copy\n", "README.md")
    d = _diag(source, 4, related_line=1)
    [moved] = keep_changed(source, [d], frozenset({1}))
    assert source.line_of(moved.start) == 1
    assert moved.message == "line 4: duplicate of line 1"
    assert [source.line_of(r.start) for r in moved.related] == [4]
    assert moved.code == d.code and moved.severity is d.severity


def test_keep_changed_none_means_new_file() -> None:
    source = Source.from_text("a\nb\n", "README.md")
    diags = [_diag(source, 1), _diag(source, 2)]
    assert keep_changed(source, diags, None) == diags


def test_multiline_diagnostic_counts_when_any_of_its_lines_changed() -> None:
    source = Source.from_text("a\nb\nc\nd\n", "README.md")
    d = Diagnostic("LL006", "toc-out-of-sync", Severity.WARNING, "stale",
                   source.line_start(1), source.line_end(3))
    assert keep_changed(source, [d], frozenset({3})) == [d]
    assert keep_changed(source, [d], frozenset({4})) == []


# -- the command ------------------------------------------------------------------------
@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "list", {"README.md": OLD})


def _json(repo: Path, *args: str) -> tuple[int, list[dict]]:
    proc = run_listlint("check", "--format", "json", *args, cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@needs_git
def test_uncommitted_edit_is_reported_and_legacy_is_not(repo: Path) -> None:
    (repo / "README.md").write_text(OLD + "- [](https://empty-new.example)\n", encoding="utf-8")
    code, full = _json(repo)
    assert {d["line"] for d in full} == {6, 8}
    code, diags = _json(repo, "--diff-base", "HEAD")
    assert code == 1
    assert [(d["line"], d["code"]) for d in diags] == [(8, "LL001")]


@needs_git
def test_clean_change_passes_despite_legacy_problems(repo: Path) -> None:
    (repo / "README.md").write_text(OLD + "- [Gamma](https://gamma.example): third\n",
                                    encoding="utf-8")
    code, diags = _json(repo, "--diff-base", "HEAD")
    assert (code, diags) == (0, [])


@needs_git
def test_committed_change_against_previous_commit(repo: Path) -> None:
    readme = repo / "README.md"
    readme.write_text(OLD.replace("- [Beta]", "- [](https://empty-new.example)\n- [Beta]"),
                      encoding="utf-8")
    commit_all(repo, "add an entry")
    assert _json(repo, "--diff-base", "HEAD")[1] == []
    assert [d["line"] for d in _json(repo, "--diff-base", "HEAD~1")[1]] == [7]


@needs_git
def test_file_new_since_ref_counts_every_line(repo: Path) -> None:
    (repo / "more.md").write_text("- [](https://x.example)\n- [](https://y.example)\n",
                                  encoding="utf-8")
    _, diags = _json(repo, "more.md", "--diff-base", "HEAD")
    assert [d["line"] for d in diags] == [1, 2]


@needs_git
def test_github_annotations_land_on_changed_lines(repo: Path) -> None:
    (repo / "README.md").write_text(OLD + "- [](https://empty-new.example)\n", encoding="utf-8")
    proc = run_listlint("check", "--format", "github", "--diff-base", "HEAD", cwd=repo)
    lines = proc.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error file=README.md,line=8,"), lines


@needs_git
def test_crlf_file_compares_by_line_not_by_ending(repo: Path) -> None:
    readme = repo / "README.md"
    readme.write_bytes(OLD.replace("\n", "\r\n").encode())
    commit_all(repo, "crlf")
    readme.write_bytes((OLD + "- [](https://empty-new.example)\n").replace("\n", "\r\n").encode())
    assert [d["line"] for d in _json(repo, "--diff-base", "HEAD")[1]] == [8]


def test_not_a_git_repository_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(OLD, encoding="utf-8")
    proc = run_listlint("check", "--diff-base", "HEAD", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    [line] = proc.stderr.splitlines()
    assert "not inside" in line and "git repository" in line and "drop --diff-base" in line


@needs_git
@pytest.mark.parametrize("ref", ["no-such-branch", "HEAD~5", "--output=x"])
def test_unknown_ref_is_one_line(repo: Path, ref: str) -> None:
    proc = run_listlint("check", f"--diff-base={ref}", cwd=repo)
    assert proc.returncode == 2
    [line] = proc.stderr.splitlines()
    assert f"--diff-base {ref}: no such commit" in line and "fetch-depth: 0" in line
    assert not (repo / "x").exists()


@needs_git
def test_file_new_since_ref_says_so_on_stderr(repo: Path) -> None:
    (repo / "more.md").write_text("- [](https://x.example)\n", encoding="utf-8")
    proc = run_listlint("check", "more.md", "--diff-base", "HEAD", cwd=repo)
    assert proc.returncode == 1
    assert proc.stderr == ("listlint: note: more.md is not in HEAD (a new file?), so every line "
                           "counts\n")


@needs_git
def test_new_heading_missing_from_an_unchanged_toc_is_reported_on_the_heading(
        tmp_path: Path) -> None:
    toc = ("# List\n\n- [A](#a)\n- [B](#b)\n\n## A\n\n- [X](https://x.example): x\n\n"
           "## B\n\n- [Y](https://y.example): y\n")
    repo = make_repo(tmp_path / "toc", {"README.md": toc})
    (repo / "README.md").write_text(toc + "\n## C\n\n- [Z](https://z.example): z\n",
                                    encoding="utf-8")
    code, diags = _json(repo, "--diff-base", "HEAD")
    [d] = diags
    assert (d["line"], d["code"]) == (14, "LL006")
    assert d["message"].startswith("line 3: table of contents out of sync: misses heading 'C'")


@needs_git
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_another_users_clone_says_how_to_trust_it(repo: Path) -> None:
    shutil.chown(repo, user="nobody")  # git checks the owner of the work tree's top
    proc = subprocess.run([sys.executable, "-m", "listlint", "check", "--diff-base", "HEAD"],
                          cwd=repo, capture_output=True, text=True, check=False,
                          env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull,
                               "GIT_CONFIG_NOSYSTEM": "1"})
    assert proc.returncode == 2
    [line] = proc.stderr.splitlines()
    assert "another user owns it" in line and "safe.directory" in line
