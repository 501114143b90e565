"""The GitHub workflows and the composite action: valid YAML, sound structure, and commands
that exist, accept the options they are given, and work when run by hand."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml

from listlint.cli import main
from listlint.init import WORKFLOWS, render_template
from tests.workflow_helpers import ROOT, commit_all, git, make_repo, needs_git

TEMPLATES = sorted({template for template, _ in WORKFLOWS.values()})
BIN = str(Path(sys.executable).parent)  # where the listlint console script is installed
_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_INVOCATION = re.compile(r"(?:^|[;&|(]\s*|\b(?:then|else|do)\s+)listlint\s+(.*)")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def rendered(template: str) -> dict:
    return yaml.safe_load(render_template(template, PATH="README.md"))


def all_documents() -> list[tuple[str, dict]]:
    docs = [(f"data/{t}", rendered(t)) for t in TEMPLATES]
    docs += [(p.relative_to(ROOT).as_posix(), load(p))
             for p in sorted((ROOT / ".github" / "workflows").glob("*.yml"))]
    docs.append(("action.yml", load(ROOT / "action.yml")))
    return docs


def steps_of(doc: dict) -> list[dict]:
    if "runs" in doc:
        return doc["runs"]["steps"]
    return [step for job in doc["jobs"].values() for step in job["steps"]]


def scripts(doc: dict) -> list[str]:
    return [step["run"] for step in steps_of(doc) if "run" in step]


def invocations(script: str) -> list[list[str]]:
    """The argument lists of every ``listlint ...`` command in a shell script."""
    out: list[list[str]] = []
    for line in script.replace("\\\n", " ").splitlines():
        m = _INVOCATION.search(line.split("#", 1)[0] if line.lstrip().startswith("#") else line)
        if not m:
            continue
        rest = re.split(r"\s(?:\|\||&&|[|;>])\s?", m.group(1))[0]
        out.append(shlex.split(rest))
    return out


# -- structure --------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "doc"), all_documents(), ids=[n for n, _ in all_documents()])
def test_structure(name: str, doc: dict) -> None:
    assert isinstance(doc.get("name"), str) and doc["name"]
    steps = steps_of(doc)
    assert steps
    ids = {s["id"] for s in steps if "id" in s}
    for step in steps:
        assert ("uses" in step) != ("run" in step), step
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", step["uses"]), step["uses"]
        for expr in _EXPR.findall(json.dumps(step)):
            for ref in re.findall(r"steps\.([\w-]+)\.outputs", expr):
                assert ref in ids, f"{name}: step id {ref!r} does not exist"
    if "runs" in doc:  # a composite action
        assert doc["runs"]["using"] == "composite"
        for step in steps:
            if "run" in step:
                assert step.get("shell") == "bash"
            for ref in re.findall(r"inputs\.([\w-]+)", json.dumps(step)):
                assert ref in doc["inputs"], f"{name}: unknown input {ref!r}"
        return
    triggers = doc.get("on", doc.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers, f"{name}: no triggers"
    for job in doc["jobs"].values():
        assert job["runs-on"]


def _permissions(doc: dict, job: str) -> dict:
    return {**doc.get("permissions", {}), **doc["jobs"][job].get("permissions", {})}


def test_pull_request_workflow() -> None:
    doc = rendered("workflow-listlint.yml")
    triggers = doc.get("on", doc.get(True))
    assert "pull_request" in triggers
    check = doc["jobs"]["check"]
    checkout = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # the base commit must be there
    pr_step = next(s for s in check["steps"] if s.get("if") == "github.event_name == 'pull_request'")
    assert invocations(pr_step["run"]) == [["check", "README.md", "--diff-base", "$BASE_SHA",
                                             "--format", "github"]]
    assert "pull_request.base.sha" in pr_step["env"]["BASE_SHA"]
    assert _permissions(doc, "check") == {"contents": "read"}
    sarif = doc["jobs"]["code-scanning"]
    assert _permissions(doc, "code-scanning")["security-events"] == "write"
    upload = next(s for s in sarif["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "listlint.sarif"


def test_link_workflow_restores_cache_and_updates_one_issue() -> None:
    doc = rendered("workflow-listlint-links.yml")
    triggers = doc.get("on", doc.get(True))
    assert "schedule" in triggers and "workflow_dispatch" in triggers
    steps = doc["jobs"]["links"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert uses.index("actions/cache/restore") < uses.index("actions/cache/save")
    restore = steps[uses.index("actions/cache/restore")]["with"]
    save = steps[uses.index("actions/cache/save")]
    assert restore["path"] == save["with"]["path"] == ".listlint-cache"
    assert restore["restore-keys"] and save.get("if") == "always()"
    [links] = [i for s in scripts(doc) for i in invocations(s)]
    assert links[0] == "links"
    assert links[links.index("--cache-file") + 1].startswith(".listlint-cache/")
    assert _permissions(doc, "links")["issues"] == "write"


# -- the commands exist and take these options ---------------------------------------------
def _command_lines() -> list[tuple[str, list[str]]]:
    return [(name, argv) for name, doc in all_documents() for s in scripts(doc)
            for argv in invocations(s)]


@pytest.mark.parametrize(("name", "argv"), _command_lines(),
                         ids=[f"{n}:{' '.join(a[:2])}" for n, a in _command_lines()])
def test_commands_exist_and_accept_their_options(name: str, argv: list[str]) -> None:
    if argv[0].startswith("$"):  # e.g. the action's `listlint $LISTLINT_COMMAND ...`
        return
    command = main.commands.get(argv[0])
    assert command is not None, f"{name}: no command `listlint {argv[0]}`"
    options = {opt: p for p in command.params if isinstance(p, click.Option)
               for opt in (*p.opts, *p.secondary_opts)}
    i = 1
    while i < len(argv):
        word = argv[i]
        i += 1
        if not word.startswith("--"):
            continue
        opt, has_value = word.split("=", 1)[0], "=" in word
        assert opt in options, f"{name}: `listlint {argv[0]}` has no option {opt}"
        param = options[opt]
        if not param.is_flag and not has_value:
            assert i < len(argv), f"{name}: {opt} needs a value"
            value = argv[i]
            i += 1
            if isinstance(param.type, click.Choice) and not value.startswith("$"):
                assert value in param.type.choices, f"{name}: {opt} {value}"


def test_the_workflows_run_what_the_docs_promise() -> None:
    seen = {(argv[0], opt) for _, argv in _command_lines() for opt in argv if opt.startswith("--")}
    for wanted in [("check", "--diff-base"), ("check", "--format"), ("check", "--output-file"),
                   ("links", "--cache-file"), ("links", "--format")]:
        assert wanted in seen


# -- running the steps by hand ----------------------------------------------------------
def run_step(script: str, cwd: Path, env: dict[str, str], fake_bin: Path | None = None
             ) -> subprocess.CompletedProcess[str]:
    """Run a step's script the way GitHub does (bash -eo pipefail), with listlint on PATH."""
    path = os.pathsep.join(p for p in (str(fake_bin) if fake_bin else "", BIN,
                                       os.environ.get("PATH", "")) if p)
    full = {**os.environ, "PATH": path, "CI": "true", "NO_COLOR": "1", **env}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                          cwd=cwd, env=full, capture_output=True, text=True, timeout=120,
                          check=False)


def step_named(doc: dict, words: str) -> dict:
    return next(s for s in steps_of(doc) if words in s.get("name", ""))


LIST = "# Tools\n\n- [Alpha](https://alpha.example): first\n- [](https://legacy.example)\n"


@pytest.fixture
def pr_repo(tmp_path: Path) -> tuple[Path, str]:
    repo = make_repo(tmp_path / "list", {"README.md": LIST})
    base = git(repo, "rev-parse", "HEAD").strip()
    (repo / "README.md").write_text(LIST + "- [](https://new.example)\n", encoding="utf-8")
    commit_all(repo, "contributor's change")
    return repo, base


@needs_git
@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_pull_request_step_by_hand(pr_repo: tuple[Path, str]) -> None:
    repo, base = pr_repo
    step = step_named(rendered("workflow-listlint.yml"), "lines this pull request changes")
    proc = run_step(step["run"], repo, {"BASE_SHA": base})
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines() == [line for line in proc.stdout.splitlines()
                                        if line.startswith("::error file=README.md,line=5,")]
    assert proc.stdout  # the new empty link, not the legacy one on line 4


@needs_git
@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_step_by_hand(pr_repo: tuple[Path, str]) -> None:
    repo, base = pr_repo
    action = load(ROOT / "action.yml")
    step = step_named(action, "Run listlint")
    env = {"LISTLINT_PATHS": "README.md", "LISTLINT_ARGS": "", "LISTLINT_COMMAND": "",
           "BASE_SHA": base}
    proc = run_step(step["run"], repo, env)
    assert proc.returncode == 1, proc.stderr
    assert [line.split(",")[1] for line in proc.stdout.splitlines()] == ["line=5"]
    proc = run_step(step["run"], repo, {**env, "BASE_SHA": ""})  # not a pull request
    assert len(proc.stdout.splitlines()) == 2


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_sarif_step_by_hand(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    step = step_named(rendered("workflow-listlint.yml"), "SARIF")
    proc = run_step(step["run"], tmp_path, {})
    assert proc.returncode == 0, proc.stderr  # problems found are not a failure here
    sarif = json.loads((tmp_path / "listlint.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]


FAKE_GH = """#!/bin/sh
echo "$*" >> "$GH_LOG"
case "$1 $2" in
  "issue list") [ -n "$FAKE_ISSUE" ] && echo "$FAKE_ISSUE" ;;
esac
exit 0
"""


@pytest.fixture
def fake_gh(tmp_path: Path) -> Path:
    fake = tmp_path / "fake-bin"
    fake.mkdir()
    gh = fake / "gh"
    gh.write_text(FAKE_GH, encoding="utf-8")
    gh.chmod(gh.stat().st_mode | stat.S_IEXEC)
    return fake


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(("status", "existing", "expected"), [
    ("1", "", "issue create --title listlint: link report --body-file issue-body.md"),
    ("1", "7", "issue edit 7 --body-file issue-body.md"),
    ("0", "7", "issue close 7 --comment Every link is fine again: https://runs/1"),
    ("0", "", None),
])
def test_tracking_issue_step_updates_one_issue(tmp_path: Path, fake_gh: Path, status: str,
                                               existing: str, expected: str | None) -> None:
    (tmp_path / "link-report.md").write_text("| link | verdict |\n", encoding="utf-8")
    log = tmp_path / "gh.log"
    step = step_named(rendered("workflow-listlint-links.yml"), "tracking issue")
    env = {k: v for k, v in step["env"].items() if "${{" not in v}
    env.update(STATUS=status, FAKE_ISSUE=existing, GH_LOG=str(log), RUN_URL="https://runs/1")
    proc = run_step(step["run"], tmp_path, env, fake_bin=fake_gh)
    assert proc.returncode == 0, proc.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[0].startswith("issue list --state open --search in:title listlint: link report")
    assert calls[1:] == ([expected] if expected else [])
    if status == "1":
        body = (tmp_path / "issue-body.md").read_text(encoding="utf-8")
        assert body.startswith("| link | verdict |") and "https://runs/1" in body


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_link_check_step_by_hand(tmp_path: Path, httpserver) -> None:
    httpserver.expect_request("/alive").respond_with_data("ok")
    httpserver.expect_request("/dead").respond_with_data("gone", status=404)
    base = f"http://127.0.0.1:{httpserver.port}"  # an IP: `localhost` links are not checked
    (tmp_path / "README.md").write_text(
        f"# Links\n\n- [Alive]({base}/alive): fine\n- [Dead]({base}/dead): gone\n",
        encoding="utf-8")
    outputs, summary = tmp_path / "outputs", tmp_path / "summary"
    step = step_named(rendered("workflow-listlint-links.yml"), "Check the links")
    env = {"GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": str(summary)}
    proc = run_step(step["run"], tmp_path, env)
    assert proc.returncode == 0, proc.stderr  # found problems are reported, not a failure
    assert outputs.read_text(encoding="utf-8").strip() == "status=1"
    report = (tmp_path / "link-report.md").read_text(encoding="utf-8")
    assert "/dead" in report and report in summary.read_text(encoding="utf-8")
    assert (tmp_path / ".listlint-cache" / "links.json").is_file()  # saved for the next run


def test_docs_show_the_files_init_writes() -> None:
    """Every `<!-- template: NAME -->` block of docs/workflows.md is that template, verbatim."""
    from listlint.init import pre_commit_snippet

    doc = (ROOT / "docs" / "workflows.md").read_text(encoding="utf-8")
    blocks = dict(re.findall(r"<!-- template: (\S+) -->\n```yaml\n(.*?)```", doc, re.S))
    assert set(blocks) == {"pre-commit-config.yaml", *TEMPLATES}
    assert blocks.pop("pre-commit-config.yaml") == pre_commit_snippet("README.md")
    for name, text in blocks.items():
        assert text == render_template(name, PATH="README.md"), f"docs/workflows.md: {name}"


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed")
@pytest.mark.parametrize(("name", "doc"), all_documents(), ids=[n for n, _ in all_documents()])
def test_step_scripts_pass_shellcheck(name: str, doc: dict) -> None:
    for step in steps_of(doc):
        if "run" not in step:
            continue
        script = "#!/bin/bash\nset -eo pipefail\n" + _EXPR.sub("X", step["run"])
        proc = subprocess.run(["shellcheck", "-s", "bash", "-"], input=script, text=True,
                              capture_output=True, check=False)
        assert proc.returncode == 0, f"{name}: {step.get('name', '')}\n{proc.stdout}"


# -- the composite action leaves the caller's Python alone, and passes paths to a command --
def test_action_keeps_the_callers_python() -> None:
    action = load(ROOT / "action.yml")
    steps = steps_of(action)
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["update-environment"] is False
    for step in steps:
        assert "GITHUB_PATH" not in step.get("run", "") and "GITHUB_ENV" not in step.get("run", "")
    install = step_named(action, "Install listlint")
    assert "-m venv" in install["run"] and "pip install" in install["run"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_install_step_by_hand(tmp_path: Path) -> None:
    """The install step for real: a venv in RUNNER_TEMP, its path as an output, nothing else."""
    action = load(ROOT / "action.yml")
    files = {name: tmp_path / name for name in ("output", "env", "path")}
    for f in files.values():
        f.write_text("", encoding="utf-8")
    checkout = tmp_path / "action"  # a copy of the action's repository, as GitHub checks it out
    shutil.copytree(ROOT / "src", checkout / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", "action.yml"):
        shutil.copy2(ROOT / name, checkout / name)
    env = {"PYTHON": sys.executable, "RUNNER_TEMP": str(tmp_path),
           "GITHUB_ACTION_PATH": str(checkout), "GITHUB_OUTPUT": str(files["output"]),
           "GITHUB_ENV": str(files["env"]), "GITHUB_PATH": str(files["path"])}
    proc = run_step(step_named(action, "Install listlint")["run"], tmp_path, env)
    if proc.returncode != 0 and any(s in proc.stderr for s in ("No matching distribution",
                                                               "Temporary failure in name")):
        pytest.skip("pip cannot reach a package index")
    assert proc.returncode == 0, proc.stderr
    venv = tmp_path / "listlint-venv"
    assert files["output"].read_text(encoding="utf-8") == f"venv={venv}\n"
    assert files["env"].read_text() == "" and files["path"].read_text() == ""
    version = subprocess.run([str(venv / "bin" / "listlint"), "--version"], capture_output=True,
                             text=True, check=False)
    assert version.returncode == 0 and "listlint" in version.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_gives_paths_to_a_command(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "list.md").write_text("# L\n\n- [A](https://a.dev/x) - a.\n",
                                               encoding="utf-8")
    (tmp_path / "README.md").write_text("# R\n\n- [B](https://b.dev/y) - b.\n", encoding="utf-8")
    step = step_named(load(ROOT / "action.yml"), "Run listlint")
    env = {"LISTLINT_PATHS": "docs/list.md", "LISTLINT_ARGS": "--list", "LISTLINT_COMMAND": "links",
           "BASE_SHA": "", "LISTLINT_VENV": str(Path(BIN).parent)}
    proc = run_step(step["run"], tmp_path, env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "docs/list.md:3:3: https://a.dev/x\n"  # not README.md's links
    proc = run_step(step["run"], tmp_path, {**env, "LISTLINT_PATHS": ""})
    assert proc.stdout == "README.md:3:3: https://b.dev/y\n"  # the command's own default
