"""``listlint init`` and the first errors a newcomer meets."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from listlint.config import load_config
from listlint.document import parse_text
from listlint.init import infer_conventions, starter_config
from tests.conftest import run_listlint
from tests.workflow_helpers import make_repo, needs_git

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LIST = """# Awesome things

## Tools

- [ ] [Alpha](https://alpha.example) - first tool
- [x] [Beta](https://beta.example) - second tool
- [ ] [Gamma](https://gamma.example) - third tool

## Contributing

Pull requests welcome.

## License

CC0
"""
CREATED = {".listlint.toml", ".pre-commit-config.yaml", ".github/workflows/listlint.yml",
           ".github/workflows/listlint-links.yml"}


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file() and ".git" not in p.parts}


def init(folder: Path, *args: str):
    proc = run_listlint("init", *args, cwd=folder)
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    return tmp_path


def test_conventions_are_inferred_from_the_readme() -> None:
    conv = infer_conventions(parse_text(LIST, "README.md"))
    assert conv.entries == 3
    assert (conv.list_marker, conv.separator, conv.checkbox_share) == ("-", " - ", 1.0)
    assert conv.skip_sections == ("Contributing", "License")


def test_fresh_repository_gets_every_file(project: Path) -> None:
    proc = init(project)
    assert set(files_of(project)) == CREATED | {"README.md"}
    for name in CREATED:
        assert f"created {name}: " in proc.stdout
    assert "next: `listlint check README.md`" in proc.stdout
    config = load_config(project / ".listlint.toml")  # valid, with the inferred sections
    assert config.skip_sections == ["Contributing", "License"]
    text = (project / ".listlint.toml").read_text(encoding="utf-8")
    assert "3 entries, marker '-', separator ' - ', checkboxes on 100%" in text
    hook = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = hook["repos"]
    assert repo["repo"] == "https://github.com/listlint/listlint"
    assert re.fullmatch(r"v\d+\.\d+\.\d+\S*", repo["rev"])
    [entry] = repo["hooks"]
    assert entry["id"] == "listlint" and re.search(entry["files"], "README.md")
    assert not re.search(entry["files"], "docs/README.md")
    # The hook blocks what a commit adds, warnings included (also on a list that is clean today).
    assert entry["args"] == ["--diff-base=HEAD", "--fail-on=warning"]
    # The list itself now checks clean under the new configuration.
    assert run_listlint("check", cwd=project).returncode == 0


def test_second_run_changes_nothing_and_says_why(project: Path) -> None:
    init(project)
    before = files_of(project)
    proc = init(project)
    assert files_of(project) == before
    assert "created" not in proc.stdout
    assert "skipped .listlint.toml: it exists" in proc.stdout
    assert "skipped .github/workflows/listlint.yml: it exists" in proc.stdout
    # For an existing pre-commit config it shows the lines to add by hand.
    assert "skipped .pre-commit-config.yaml: it exists; add this to its `repos:` list\n" \
           "  - repo: https://github.com/listlint/listlint" in proc.stdout


def test_appends_to_pyproject_without_disturbing_it(project: Path) -> None:
    original = b'[project]\r\nname = "my-list"\r\n\r\n[tool.black]\r\nline-length = 99'
    (project / "pyproject.toml").write_bytes(original)
    proc = init(project)
    assert "appended to pyproject.toml: [tool.listlint] with conventions" in proc.stdout
    assert not (project / ".listlint.toml").exists()
    new = (project / "pyproject.toml").read_bytes()
    assert new.startswith(original + b"\r\n\r\n[tool.listlint]\r\n")
    assert b"\n" not in new.replace(b"\r\n", b"")  # the file's CRLF line endings are kept
    data = tomllib.loads(new.decode())
    assert data["project"]["name"] == "my-list" and data["tool"]["black"]["line-length"] == 99
    assert load_config(project / "pyproject.toml").skip_sections == ["Contributing", "License"]


def test_pyproject_with_a_listlint_table_is_left_alone(project: Path) -> None:
    original = '[tool.listlint]\nwords = ["vLLM"]\n'
    (project / "pyproject.toml").write_text(original, encoding="utf-8")
    proc = init(project)
    assert "skipped pyproject.toml: it already has a [tool.listlint] table" in proc.stdout
    assert (project / "pyproject.toml").read_text(encoding="utf-8") == original
    assert not (project / ".listlint.toml").exists()


def test_broken_pyproject_is_reported_not_touched(project: Path) -> None:
    (project / "pyproject.toml").write_text("[project\n", encoding="utf-8")
    proc = init(project)
    assert "skipped pyproject.toml: it is not valid TOML" in proc.stdout
    assert (project / "pyproject.toml").read_text(encoding="utf-8") == "[project\n"


def test_existing_files_are_never_overwritten(project: Path) -> None:
    (project / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    wf = project / ".github" / "workflows" / "listlint.yml"
    wf.parent.mkdir(parents=True)
    wf.write_text("name: mine\n", encoding="utf-8")
    proc = init(project)
    assert (project / ".pre-commit-config.yaml").read_text(encoding="utf-8") == "repos: []\n"
    assert wf.read_text(encoding="utf-8") == "name: mine\n"
    assert "created .github/workflows/listlint-links.yml" in proc.stdout


def test_dry_run_writes_nothing(project: Path) -> None:
    proc = init(project, "--dry-run")
    assert set(files_of(project)) == {"README.md"}
    assert "would have created .listlint.toml" in proc.stdout


def test_another_list_file(project: Path) -> None:
    (project / "docs").mkdir()
    (project / "README.md").rename(project / "docs" / "papers.md")
    init(project, "--readme", "docs/papers.md")
    hook = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    files = hook["repos"][0]["hooks"][0]["files"]
    assert re.search(files, "docs/papers.md") and not re.search(files, "docs/papersXmd")
    workflow = (project / ".github/workflows/listlint.yml").read_text(encoding="utf-8")
    assert "listlint check docs/papers.md --diff-base" in workflow


@needs_git
def test_list_with_legacy_problems_gets_a_hook_on_changed_lines(tmp_path: Path) -> None:
    legacy = LIST.replace("\n\n## Contributing", "\n- [](https://empty.example)\n\n## Contributing")
    repo = make_repo(tmp_path / "list", {"README.md": legacy})
    proc = init(repo)
    assert "the 1 problem there today (`listlint check` lists them) do not block" in proc.stdout
    hook = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hook["repos"][0]["hooks"][0]["args"] == ["--diff-base=HEAD", "--fail-on=warning"]


def test_starter_config_in_pyproject_form_is_valid() -> None:
    text = starter_config(parse_text(LIST, "README.md"), "README.md", pyproject=True)
    assert text.startswith("[tool.listlint]\n")
    assert tomllib.loads(text)["tool"]["listlint"]["fail-on"] == "error"


# -- what a newcomer meets first -------------------------------------------------------
def one_line_error(proc) -> str:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return lines[0]


def test_init_without_readme(tmp_path: Path) -> None:
    line = one_line_error(run_listlint("init", cwd=tmp_path))
    assert line.startswith("listlint: no README.md in ")
    assert "--readme docs/list.md" in line
    assert list(tmp_path.iterdir()) == []


def test_check_without_readme(tmp_path: Path) -> None:
    line = one_line_error(run_listlint("check", cwd=tmp_path))
    assert "no README.md in this folder" in line and "listlint check docs/list.md" in line


@pytest.mark.parametrize(("table", "expected"), [
    ('selct = ["LL1"]', "tool.listlint.selct: unknown key; did you mean 'select'?"),
    ("wordz = []", "tool.listlint.wordz: unknown key; did you mean 'words'?"),
    ("colour = 1", "tool.listlint.colour: unknown key (known: "),
    ('fail-on = "warn"', "tool.listlint.fail-on: unknown severity 'warn' (use error, warning"),
])
def test_config_typo(project: Path, table: str, expected: str) -> None:
    (project / "pyproject.toml").write_text(f"[tool.listlint]\n{table}\n", encoding="utf-8")
    line = one_line_error(run_listlint("check", cwd=project))
    assert "pyproject.toml: " in line and expected in line


def test_diff_base_outside_git(project: Path) -> None:
    line = one_line_error(run_listlint("check", "--diff-base", "origin/main", cwd=project))
    assert "needs a git repository" in line and "drop --diff-base" in line


def test_style_conventions_are_measured_when_the_style_family_exists() -> None:
    pytest.importorskip("listlint.rules.style")  # registers [tool.listlint.style]
    from listlint.init import measure_style

    mixed = LIST.replace("- [x] [Beta](https://beta.example) - second tool",
                         "- [x] [Beta](https://beta.example): second tool")
    text = starter_config(parse_text(mixed * 2, "README.md"), "README.md", pyproject=False)
    assert '\n[style]\nmarker = "-"  # 6 of 6 entries\n' in text
    assert '# separator = "auto"  # nothing dominates: \' - \' in 4 of 6 descriptions' in text
    assert 'checkbox = "always"  # 6 of 6 entries' in text
    config = load_config_text(text)
    assert config.extra["style"]["marker"] == "-"
    assert [m.key for m in measure_style(parse_text("# Empty\n", "README.md"))] == []


def load_config_text(text: str):
    from listlint.config import config_from_table

    return config_from_table(tomllib.loads(text), None)
