"""Counts in messages and reports agree with their nouns ("1 entry", "2 entries")."""

from __future__ import annotations

import os
import subprocess

import pytest

from listlint.lint import check_text

ONE = "# T\n\n## S\n\n- [] [A](https://a.example) - x\n"  # one entry, one problem (LL002)


@pytest.fixture
def one_commit(tmp_path, monkeypatch):
    path = tmp_path / "README.md"
    path.write_text(ONE)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    for args in (["init", "-q"], ["add", "README.md"], ["commit", "-q", "-m", "one"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    monkeypatch.chdir(tmp_path)
    return path


def _no_bad_plural(text: str) -> None:
    for bad in ("1 entries", "1 problems", "1 commits", "1 sections", "1 lines", "1 hosts"):
        assert f" {bad}" not in text and f"({bad}" not in text and not text.startswith(bad), \
            (bad, text)


def test_stats_text_and_markdown_singular(cli, one_commit):
    for fmt in ("text", "markdown"):
        r = cli("stats", one_commit, "--history", "--format", fmt)
        assert r.exit_code == 0, r.output
        _no_bad_plural(r.output)
        assert "1 commit" in r.output, r.output
        assert "1 of 1 entry names a venue" in r.output or "venue" not in r.output


def test_html_report_singular(cli, one_commit, tmp_path):
    out = tmp_path / "r.html"
    r = cli("report", one_commit, "--history", "-o", out)
    assert r.exit_code == 0, r.output
    assert "(1 entry, 1 problem)" in r.stderr, r.stderr
    page = out.read_text()
    _no_bad_plural(page.replace("<", " <").replace(">", "> "))
    assert "1 commit from" in page and "1 entry in 2 sections · 1 problem found by the check<" in page


def test_separator_space_message_reads_as_english():
    body = "".join(f"- [T{i}](https://e{i}.example): note {i}\n" for i in range(9))
    ds = check_text("# T\n\n" + body + "- [X](https://x.example) note x\n", select=["LL503"])
    assert ds and "separator a space" not in ds[0].message, ds[0].message
    assert ds[0].message.startswith("only a space as separator here; ")
