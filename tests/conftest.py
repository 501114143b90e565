"""Shared fixtures: the CLI runner, Markdown helpers and the optional shared corpus."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from listlint.cli import main
from listlint.config import config_from_table
from listlint.inputs import RunInputs
from listlint.lint import check_text
from listlint.model import Diagnostic

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LISTLINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
HISTORY = CORPUS / "history" / "llm-inference"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md")


def history_files() -> list[Path]:
    if not HISTORY.is_dir():
        return []
    return sorted(HISTORY.glob("*.md"))


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner: CliRunner):
    """Invoke the CLI in-process: ``cli("check", path)`` -> click Result."""

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def lint_text(text: str, select: str | list[str] | None = None, *,
              ignore: str | list[str] | None = None, path: str = "<string>",
              inputs: RunInputs | None = None, **config: Any) -> list[Diagnostic]:
    """The diagnostics of ``text`` through the run pipeline's per-file step (preset, selection,
    prepare, parse, rules, suppressions), as ``listlint check`` finds them.

    ``select``/``ignore``: a selector or a list of them (default: the default rules). The
    other keywords are the config file's keys with ``_`` for ``-``: ``fail_on="warning"``,
    ``preset="awesome"``, ``style={"marker": "-"}``, ``rules={"LL005": {"severity": "error"}}``,
    ``skip_sections=["Old"]``; they are validated as a config file is."""
    table = {key.replace("_", "-"): value for key, value in config.items()}
    as_list = [select] if isinstance(select, str) else select
    ignored = [ignore] if isinstance(ignore, str) else ignore
    return check_text(text, config=config_from_table(table, None), select=as_list,
                      ignore=ignored, path=path, inputs=inputs)


@pytest.fixture
def lint() -> Callable[..., list[Diagnostic]]:
    """``lint(text, "LL101", **config)`` -> the diagnostics (see :func:`lint_text`)."""
    return lint_text


@pytest.fixture
def md(tmp_path: Path):
    """Write Markdown to a file in a fresh folder and return its path."""

    def write(text: str, name: str = "README.md", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


def run_listlint(*args: str, cwd: Path | None = None, timeout: float = 120
                 ) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point in a subprocess (for exit codes and stderr)."""
    return subprocess.run([sys.executable, "-m", "listlint", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)
