"""What users of ruff, markdownlint and lychee expect of a command line: `check --fix`, colour
by FORCE_COLOR / NO_COLOR, `listlint.toml`, did-you-mean for a rule, whole-sentence help, and
the link-check options on `check --online`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from links_server import LinkServer, loopback_hosts_available

LIST = """# Awesome Tools

## Tools

- [Alpha](https://alpha.dev/) - a tool that recieves requests.
- [Beta](https://beta.dev/) - another tool.
"""
ESC = "\x1b["


def listlint(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    return subprocess.run([sys.executable, "-m", "listlint", *args], cwd=cwd,
                          env={**clean, "COLUMNS": "80", **env}, capture_output=True, text=True,
                          timeout=120, check=False)


def test_check_fix_fixes_in_place_and_reports_what_remains(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(LIST + "- [Alpha](https://alpha.dev) - the same.\n",
                                        encoding="utf-8")
    proc = listlint("check", "--fix", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # the duplicate (an error) is not fixed safely
    assert "README.md: fixed 1 problem" in proc.stderr
    assert "receives requests" in (tmp_path / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"^README\.md:\d+:\d+: (LL\d+)", proc.stdout, re.M) == ["LL101"]
    again = listlint("check", "--fix", "--select", "LL2", cwd=tmp_path)
    assert again.returncode == 0 and "fixed" not in again.stderr  # idempotent


def test_check_fix_refuses_standard_input(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "listlint", "check", "--fix", "-"], input=LIST,
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    assert proc.returncode == 2 and "use `listlint fix -`" in proc.stderr


@pytest.mark.parametrize(("env", "colored"), [({}, False), ({"FORCE_COLOR": "1"}, True),
                                              ({"NO_COLOR": "1"}, False),
                                              ({"FORCE_COLOR": ""}, False)])
def test_colour_follows_force_color_and_no_color(tmp_path: Path, env: dict[str, str],
                                                 colored: bool) -> None:
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    check = listlint("check", cwd=tmp_path, **env)
    assert (ESC in check.stdout) is colored, check.stdout
    diff = listlint("fix", "--diff", cwd=tmp_path, **env)
    assert (f"{ESC}31m-- [Alpha]" in diff.stdout) is colored, diff.stdout
    assert (f"{ESC}32m+- [Alpha]" in diff.stdout) is colored
    assert "recieves" in (tmp_path / "README.md").read_text(encoding="utf-8")  # --diff wrote nothing
    assert ESC not in listlint("check", "--no-color", cwd=tmp_path, **env).stdout


def test_listlint_toml_is_found_like_the_dot_file(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text(LIST, encoding="utf-8")
    assert "LL201" in listlint("check", "docs/README.md", cwd=tmp_path).stdout
    (tmp_path / "listlint.toml").write_text('ignore = ["misspelling"]\n', encoding="utf-8")
    assert "LL201" not in listlint("check", "docs/README.md", cwd=tmp_path).stdout
    (tmp_path / "listlint.toml").write_text('ignore = ["misspeling"]\n', encoding="utf-8")
    (tmp_path / ".listlint.toml").write_text("ignore = []\n", encoding="utf-8")
    assert "LL201" in listlint("check", "docs/README.md", cwd=tmp_path).stdout  # dot file first


@pytest.mark.parametrize(("typed", "meant"), [("LL10l", "LL101"), ("duplicat-link", "duplicate-link"),
                                              ("spellling", "spelling"), ("LL2O1", "LL201")])
def test_a_mistyped_rule_gets_a_did_you_mean(tmp_path: Path, typed: str, meant: str) -> None:
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    for option in ("--select", "--ignore"):
        proc = listlint("check", option, typed, cwd=tmp_path)
        assert proc.returncode == 2
        assert proc.stderr == (f"listlint: no rule matches {typed!r}; did you mean {meant!r}? "
                               "`listlint rules` lists them\n")


def test_nothing_close_gets_no_guess(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    proc = listlint("check", "--select", "LL9", cwd=tmp_path)
    assert proc.returncode == 2 and "did you mean" not in proc.stderr


def test_help_summaries_are_whole_sentences(tmp_path: Path) -> None:
    out = listlint("--help", cwd=tmp_path).stdout
    commands = out[out.index("Commands:"):].splitlines()[1:]
    summaries: list[str] = []
    for line in commands:
        if re.match(r"^  \S", line):
            summaries.append(line.split(None, 1)[1])
        elif line.strip():
            summaries[-1] += " " + line.strip()
    assert len(summaries) >= 10
    for summary in summaries:
        assert summary.endswith(".") and not summary.endswith("..."), summary


@pytest.mark.skipif(not loopback_hosts_available(), reason="needs 127.0.0.0/8 on loopback")
def test_check_online_takes_the_cache_and_progress_options_of_links(tmp_path: Path) -> None:
    with LinkServer("127.0.0.1") as server:
        (tmp_path / "README.md").write_text(f"# Tools\n\n- [Gone]({server.url('/dead')}) - x.\n",
                                            encoding="utf-8")
        cache = tmp_path / "cache" / "links.json"
        args = ("check", "--online", "--select", "LL4", "--timeout", "0.5", "--retries", "0",
                "--concurrency", "2", "--cache-file", str(cache), "--max-age", "1d",
                "--no-progress", "--accept", "200..299", "--format", "json")
        proc = listlint(*args, cwd=tmp_path, XDG_CACHE_HOME=str(tmp_path / "xdg"))
        assert proc.returncode == 1, proc.stderr
        assert [d["code"] for d in json.loads(proc.stdout)] == ["LL401"]
        assert cache.is_file()  # the named cache, not the default one
        assert not list((tmp_path / "xdg").rglob("links*"))
        no_cache = listlint("check", "--online", "--no-cache", "--no-progress", "--timeout", "0.5",
                            cwd=tmp_path, XDG_CACHE_HOME=str(tmp_path / "xdg2"))
        assert no_cache.returncode == 1 and not list((tmp_path / "xdg2").rglob("links*"))
