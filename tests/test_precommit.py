"""The pre-commit hooks (.pre-commit-hooks.yaml) and the project's own .pre-commit-config.yaml.

The try-repo test runs the hooks for real: pre-commit builds a virtualenv from this checkout
(which needs PyPI for the dependencies) and runs it on a scratch repository. When that
environment cannot be built for lack of network, the test is skipped with pre-commit's reason.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from listlint.cli import main
from tests.workflow_helpers import (
    ROOT,
    git,
    make_repo,
    needs_git,
    run_with_pre_commit,
    write_files,
)

pytest.importorskip("pre_commit")


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return run_with_pre_commit([sys.executable, "-m", "pre_commit", *args], cwd, home)


def manifest() -> list[dict]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_manifest_declares_check_and_fix_hooks_for_markdown() -> None:
    hooks = {h["id"]: h for h in manifest()}
    assert set(hooks) == {"listlint", "listlint-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types"] == ["markdown"]
        assert hook.get("pass_filenames", True) is True
        program, command = hook["entry"].split()
        assert program == "listlint" and command in main.commands
    assert hooks["listlint"]["entry"] == "listlint check"
    assert hooks["listlint-fix"]["entry"] == "listlint fix"


@pytest.mark.parametrize(("what", "path"), [("validate-manifest", ".pre-commit-hooks.yaml"),
                                            ("validate-config", ".pre-commit-config.yaml")])
def test_pre_commit_accepts_our_files(what: str, path: str, tmp_path: Path) -> None:
    proc = pre_commit(what, str(ROOT / path), cwd=ROOT, home=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_project_config_runs_ruff_and_listlint_on_its_markdown() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = {h["id"]: (repo["repo"], h) for repo in config["repos"] for h in repo["hooks"]}
    assert ids["ruff-check"][0] == "https://github.com/astral-sh/ruff-pre-commit"
    repo, hook = ids["listlint"]
    assert repo == "local" and hook["entry"] == "listlint check"
    # It selects the project's documentation, never tests/fixtures (defects on purpose).
    pattern = re.compile(hook["files"])
    files = [p for p in ROOT.rglob("*.md")
             if pattern.search(p.relative_to(ROOT).as_posix()) and ".venv" not in p.parts]
    assert ROOT / "README.md" in files
    assert not any("fixtures" in p.parts for p in files)


@needs_git
def test_hooks_run_for_real_with_try_repo(tmp_path: Path) -> None:
    # Staged for the first commit: with no HEAD yet, every line is new to the check hook.
    repo = make_repo(tmp_path / "list")
    write_files(repo, {
        "README.md": "# Awesome things\n\n- [](https://empty.example)\n"
                     "- [] [Alpha](https://alpha.example): a tool\n",
        "notes.txt": "- [](https://not-markdown.example)\n",
    })
    git(repo, "add", "--all")
    proc = pre_commit("try-repo", str(ROOT), "--all-files", cwd=repo, home=tmp_path / "home")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    check_part, _, fix_part = out.partition("- hook id: listlint-fix")
    assert "- hook id: listlint\n" in check_part and fix_part, out
    assert "README.md:3:3: LL001" in check_part  # the check hook found the empty link
    assert "README.md:4:3: LL002" in check_part  # and the malformed checkbox
    assert "files were modified by this hook" in out  # the fix hook fixed the checkbox
    assert "not-markdown" not in out  # types: [markdown] keeps other files out
    fixed = (repo / "README.md").read_text(encoding="utf-8")
    assert "- [ ] [Alpha](https://alpha.example): a tool" in fixed
    assert "- [](https://empty.example)" in fixed  # nothing it cannot fix safely is touched
