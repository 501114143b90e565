"""`--preset awesome` against awesome-lint, one fixture per awesome-lint rule case.

Every README in ``tests/fixtures/awesome/`` (a folder when the case needs more files) was run
through awesome-lint 2.3.0 and its reports recorded in ``expected.json``
(``benchmarks/compare_awesome.py --fixtures --record``). For each fixture, listlint must make
every report awesome-lint makes, on the same line, by a rule that checks the same requirement
(``AWESOME_LINT_RULES``); and it must report nothing on lines awesome-lint leaves alone. The
deliberate differences (docs/awesome-preset.md) are in ``differences.json``, each with its
reason: a
fixture awesome-lint reports and listlint does not is the defect case, one both keep clean is
the clean case.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from listlint.config import Config, apply_preset
from listlint.engine import Selection
from listlint.inputs import RunInputs, needs_of
from listlint.lint import check_source
from listlint.presets import AWESOME_LINT_RULES
from listlint.source import Source

FIXTURES = Path(__file__).parent / "fixtures" / "awesome"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))

_DIFFERENCES = json.loads((FIXTURES / "differences.json").read_text(encoding="utf-8"))
# (fixture, line, awesome-lint rule) that listlint deliberately does not report there
NOT_REPORTED = {(d["case"], d["line"], d["rule"]) for d in _DIFFERENCES["not_reported"]}
# (fixture, line, listlint code) that listlint reports where awesome-lint does not
EXTRA = {(d["case"], d["line"], d["code"]) for d in _DIFFERENCES["extra"]}


def _cases() -> list[str]:
    return sorted(p.stem for p in FIXTURES.iterdir() if p.suffix == ".md" or p.is_dir())


def test_every_difference_is_explained() -> None:
    for d in _DIFFERENCES["not_reported"] + _DIFFERENCES["extra"]:
        assert d["case"] in EXPECTED and d["why"]


def _findings(case: str, tmp: Path) -> set[tuple[str, int]]:
    src = FIXTURES / case
    if src.is_dir():
        shutil.copytree(src, tmp / case)
    else:
        (tmp / case).mkdir()
        shutil.copyfile(FIXTURES / f"{case}.md", tmp / case / "readme.md")
    folder = tmp / case
    if not any(p.name.lower() == "contributing.md" for p in folder.iterdir()):
        (folder / "contributing.md").write_text("# Contributing\n\nAdd one entry.\n")
    config = apply_preset(Config(), "awesome")
    rules = Selection().rules(config)
    checked = check_source(Source.read(folder / "readme.md"), config, rules,
                           RunInputs.for_path(str(folder / "readme.md"), needs_of(rules)))
    line_of = checked.source.line_of
    return {(d.code, line_of(d.start)) for d in checked.diagnostics if d.code != "LL613"}


def test_every_fixture_is_recorded() -> None:
    assert set(_cases()) == set(EXPECTED)


@pytest.mark.parametrize("case", _cases())
def test_same_reports_as_awesome_lint(case: str, tmp_path: Path) -> None:
    ours = _findings(case, tmp_path)
    theirs = EXPECTED[case]
    missing = []
    for m in theirs:
        codes = AWESOME_LINT_RULES.get(m["rule"], ())
        if "file" in m:  # a report on code-of-conduct.md: listlint reports it on the README
            assert any(c in codes for c, _ in ours), m
            continue
        if (case, m["line"], m["rule"]) in NOT_REPORTED:
            assert not any(c in codes and ln == m["line"] for c, ln in ours)
            continue
        if not any(c in codes and ln == m["line"] for c, ln in ours):
            missing.append(f"line {m['line']}: {m['rule']}: {m['message']}")
    assert not missing, f"awesome-lint reports that listlint does not make: {missing}"
    their_lines = {m["line"] for m in theirs if "file" not in m}
    if any("file" in m for m in theirs):
        their_lines.add(1)
    extra = sorted((code, ln) for code, ln in ours
                   if ln not in their_lines and (case, ln, code) not in EXTRA)
    assert not extra, f"listlint reports on lines awesome-lint keeps clean: {extra}"
    for (c, ln, code) in EXTRA:
        if c == case:
            assert (code, ln) in ours, "a documented difference no longer holds"
