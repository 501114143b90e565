"""The project's own promises: README's commands, CI script, generated docs."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_opens_with_install_run_and_test_commands():
    first, second = readme_commands()[:2]
    assert "pip install" in first and first.endswith("listlint check README.md")
    assert "pip install -e '.[test]'" in second and "pytest" in second


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_own_readme_passes_listlint(cli):
    r = cli("check", ROOT / "README.md", "--no-color")
    assert r.exit_code == 0, r.output
