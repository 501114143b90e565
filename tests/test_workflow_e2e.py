"""The whole maintainer workflow, end to end, in a scratch git repository.

`listlint init`, a commit, then a change that adds one duplicate and one typo: the pre-commit
hook blocks the commit with those two findings, and `listlint check --diff-base HEAD` before
committing (and `--diff-base HEAD~1` after) reports those two only.

pre-commit installs the hook from a snapshot of this checkout (a local git repository, so no
GitHub is needed); it builds the hook's virtualenv with pip, which needs PyPI for the
dependencies. Without a package index the test is skipped, saying so.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_listlint
from tests.workflow_helpers import ROOT, commit_all, git, make_repo, needs_git
from tests.workflow_helpers import run_with_pre_commit as run

pytest.importorskip("pre_commit")
pytestmark = needs_git

LIST = """# Awesome Inference

A curated list of papers and tools for serving large language models.

## Serving

- [vLLM](https://github.com/vllm-project/vllm): a fast and easy library for serving models.
- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu): iteration-level scheduling.
- [FlexGen](https://arxiv.org/abs/2303.06865): high-throughput generation on a single GPU.

## Caching

- [PagedAttention](https://arxiv.org/abs/2309.06180): memory management for the key-value cache.
- [SGLang](https://github.com/sgl-project/sglang): structured generation with a radix cache.
"""
# The change: a second entry for SGLang, added *above* the first one (so the rule reports the
# old line and points at the new one), and a misspelling in a new description.
DUPLICATE = ("- [SGLang runtime](https://github.com/sgl-project/sglang/): a fast serving "
             "runtime for language models.\n")
TYPO = ("- [Speculative decoding](https://arxiv.org/abs/2211.17192): faster decoding that "
        "keeps the recieved output.\n")
LEGACY = "- [](https://legacy.example)\n"  # an old problem nobody has fixed yet


def change(text: str) -> str:
    return text.replace("- [PagedAttention]", DUPLICATE + "- [PagedAttention]") + TYPO


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A committed snapshot of this checkout, usable as a pre-commit `repo:` offline."""
    snap = tmp_path_factory.mktemp("listlint-snapshot")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(ROOT / "src", snap / "src", ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, snap / name)
    make_repo(snap)
    commit_all(snap, "snapshot")
    return snap, git(snap, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def findings(repo: Path, *args: str) -> list[tuple[int, str]]:
    proc = run_listlint("check", "--format", "json", *args, cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    return [(d["line"], d["code"]) for d in json.loads(proc.stdout)]


@pytest.mark.parametrize("legacy", [False, True], ids=["clean-list", "list-with-legacy-error"])
def test_maintainer_workflow(tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path,
                             legacy: bool) -> None:
    snapshot, rev = hook_repo
    start = LIST + (LEGACY if legacy else "")
    repo = make_repo(tmp_path / "awesome-inference", {"README.md": start}, "the list")

    # 1. listlint init, pointed at the local snapshot instead of GitHub, and a commit.
    init = run_listlint("init", cwd=repo)
    assert init.returncode == 0, init.stderr
    config_path = repo / ".pre-commit-config.yaml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    [entry] = config["repos"]
    assert entry["repo"] == "https://github.com/listlint/listlint"
    entry.update(repo=str(snapshot), rev=rev)
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    # The hook checks only the lines a commit changes, and warnings block too.
    assert entry["hooks"][0]["args"] == ["--diff-base=HEAD", "--fail-on=warning"]
    commit_all(repo, "listlint init")
    installed = run([sys.executable, "-m", "pre_commit", "install"], repo, pre_commit_home)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    # 2. A change that adds one duplicate and one typo.
    readme = repo / "README.md"
    readme.write_text(change(start), encoding="utf-8")
    dup_line = change(start).splitlines().index(DUPLICATE.rstrip("\n")) + 1
    typo_line = change(start).splitlines().index(TYPO.rstrip("\n")) + 1
    expected = [(dup_line, "LL101"), (typo_line, "LL201")]

    # 3. Before committing: only the two new problems.
    assert findings(repo, "--diff-base", "HEAD") == expected

    # 4. The commit is blocked, with those two findings.
    git(repo, "add", "README.md")
    head = git(repo, "rev-parse", "HEAD")
    blocked = run(["git", "commit", "-m", "add two entries"], repo, pre_commit_home)
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert git(repo, "rev-parse", "HEAD") == head  # nothing was committed
    assert re.search(r"^listlint\.+Failed$", out, re.M), out
    found = re.findall(r"^README\.md:(\d+):\d+: (LL\d+) ", out, re.M)
    reported = [(int(n), c) for n, c in found]
    # The rule reports the older copy (two lines below the new one); checking changed lines,
    # the finding moves onto the new copy, the line the contributor wrote.
    assert reported == expected, out
    assert "Found 2 problems" in out and "legacy.example" not in out

    # 5. Committed anyway (say, after review): the previous commit is the base.
    git(repo, "commit", "-q", "--no-verify", "-m", "add two entries")
    assert findings(repo, "--diff-base", "HEAD~1") == expected
    assert findings(repo, "--diff-base", "HEAD") == []
    if legacy:  # the whole-file check still sees the old problem
        assert (start.count("\n") + 1, "LL001") in findings(repo)


OLD_PROBLEMS = """# Awesome Things

## Tools

- [Alpha](https://github.com/alpha/alpha): a tool that recieves requests.
- [Beta](https://beta.example/): teh other tool.
"""


def install_hook(repo: Path, hook_repo: tuple[Path, str], home: Path) -> None:
    """The snippet `listlint init` writes, pointed at the local snapshot, installed."""
    from listlint.init import pre_commit_snippet

    snapshot, rev = hook_repo
    config = yaml.safe_load(pre_commit_snippet("README.md"))
    config["repos"][0].update(repo=str(snapshot), rev=rev)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    commit_all(repo, "pre-commit")
    installed = run([sys.executable, "-m", "pre_commit", "install"], repo, home)
    assert installed.returncode == 0, installed.stdout + installed.stderr


def commit(repo: Path, text: str, home: Path) -> tuple[bool, str]:
    """Write README.md and `git commit` it through the hook: (committed?, hook output)."""
    (repo / "README.md").write_text(text, encoding="utf-8")
    git(repo, "add", "README.md")
    head = git(repo, "rev-parse", "HEAD")
    proc = run(["git", "commit", "-m", "change the list"], repo, home)
    return git(repo, "rev-parse", "HEAD") != head, proc.stdout + proc.stderr


def test_default_hook_blocks_new_warnings_not_old_ones(tmp_path: Path, hook_repo: tuple[Path, str],
                                                       pre_commit_home: Path) -> None:
    repo = make_repo(tmp_path / "things", {"README.md": OLD_PROBLEMS}, "the list")
    assert findings(repo) == [(5, "LL201"), (6, "LL201")]  # old warnings, no error
    install_hook(repo, hook_repo, pre_commit_home)

    # A clean new entry: the old warnings on untouched lines do not block.
    clean = OLD_PROBLEMS + "- [Delta](https://delta.example/): a small tool.\n"
    committed, out = commit(repo, clean, pre_commit_home)
    assert committed, out
    assert re.search(r"^listlint\.+Passed$", out, re.M), out

    # The same repository under another spelling of its link, and two typos: blocked, and only
    # the new problems are shown.
    bad = clean + ("- [Alpha again](http://www.github.com/alpha/alpha#readme): teh fastest "
                   "tool, it recieves everything.\n")
    committed, out = commit(repo, bad, pre_commit_home)
    assert not committed, out
    assert re.search(r"^listlint\.+Failed$", out, re.M), out
    found = re.findall(r"^README\.md:(\d+):\d+: (LL\d+) ", out, re.M)
    assert found == [("8", "LL101"), ("8", "LL201"), ("8", "LL201")], out

    # Typos alone are warnings, and they block too.
    typos_only = clean + "- [Epsilon](https://epsilon.example/): teh tool that recieves.\n"
    committed, out = commit(repo, typos_only, pre_commit_home)
    assert not committed, out
    assert re.findall(r"^README\.md:(\d+):\d+: (LL\d+) ", out, re.M) == [("8", "LL201")] * 2
