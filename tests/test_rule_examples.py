"""Every rule's documented example is run (as remark-lint runs its docs): the bad example of
the doc page must report the rule, and the "use instead" example, where the page gives one
as Markdown, must not; for a fixable rule it is also what the fix writes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from listlint.config import apply_preset, config_from_table
from listlint.fix import fix_source
from listlint.inputs import FileText, Folder, RepoFiles, RunInputs
from listlint.lint import check_text
from listlint.registry import all_rules
from listlint.source import Source

_FENCE = re.compile(r"```markdown\n(.*?)```", re.S)
_SECTION = re.compile(r"## Example\n(.*?)(?=\n## Fix safety|\Z)", re.S)
_INSTEAD = re.compile(r"instead|if it says|fixed", re.I)

# rules whose example cannot run offline on a bare string: why
NOT_RUN = {
    "LL613": "a fact of the GitHub repository (its topics), not Markdown",
}

# rules whose example is also a fact of the list's folder: the README to check and the inputs
# the run would read from the folder, made from the page's Markdown block (if any)
FACTS: dict[str, Callable[[str | None, Path], tuple[str, RunInputs]]] = {
    # a relative link to a file that is absent: an empty folder
    "LL004": lambda bad, tmp: (bad or "", RunInputs(folder=Folder(tmp))),
    # the page shows no Markdown: a README with no contributing.md beside it
    "LL605": lambda bad, tmp: ("# Awesome\n", RunInputs(repo_files=RepoFiles())),
    # the page's block is the text of the code of conduct beside the README
    "LL616": lambda bad, tmp: ("# Awesome\n", RunInputs(
        repo_files=RepoFiles(code_of_conduct=FileText("code-of-conduct.md", bad or "")))),
}

def examples(doc: str) -> tuple[str | None, str | None]:
    """The page's bad example (its first Markdown block) and its good one (a second block
    introduced as what to write instead)."""
    section = _SECTION.search(doc)
    if section is None:
        return None, None
    blocks = list(_FENCE.finditer(section.group(1)))
    if not blocks:
        return None, None
    good = None
    if len(blocks) > 1:
        between = section.group(1)[blocks[0].end():blocks[1].start()]
        if _INSTEAD.search(between):
            good = blocks[1].group(1)
    return _spaces(blocks[0].group(1)), _spaces(good)


def _spaces(block: str | None) -> str | None:
    """A page shows a significant trailing space as ``␣`` (editors strip real ones)."""
    return None if block is None else block.replace("␣", " ")


RULES = [r for r in all_rules() if not r.online and r.code not in NOT_RUN]


# a doc example is a few lines: the venue family, which waits for five entries naming a venue,
# is told to look at a short list; the style examples are lists of five entries or more, run
# with the style family's own defaults (5 entries, 80 % agreement), as a user would see them
_SHORT = config_from_table({"venues": {"min-entries": 1}}, None)


def _codes(text: str, code: str, inputs: RunInputs | None = None) -> set[str]:
    return {d.code for d in check_text(text, select=[code], config=_SHORT, inputs=inputs)}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_example_reports_the_rule(rule, tmp_path):
    bad, _ = examples(rule.doc)
    if rule.code in FACTS:
        text, inputs = FACTS[rule.code](bad, tmp_path)
        assert rule.code not in _codes(text, rule.code), "the Markdown alone reports nothing"
        assert rule.code in _codes(text, rule.code, inputs), (text, inputs)
        return
    assert bad is not None, f"{rule.code}: the doc page has no Markdown example"
    assert rule.code in _codes(bad, rule.code), bad


@pytest.mark.parametrize("rule", [r for r in RULES if examples(r.doc)[1] is not None],
                         ids=lambda r: r.code)
def test_good_example_is_clean(rule):
    _, good = examples(rule.doc)
    assert rule.code not in _codes(good, rule.code), good


@pytest.mark.parametrize("rule", [r for r in RULES if r.fixable and examples(r.doc)[1] is not None],
                         ids=lambda r: r.code)
def test_fix_of_bad_example_is_the_good_one(rule):
    """A page's "use instead" is what `listlint fix --unsafe-fixes` writes for its example."""
    bad, good = examples(rule.doc)
    assert bad is not None
    result = fix_source(Source.from_text(bad, "<doc>"), apply_preset(_SHORT), [rule], unsafe=True)
    assert not result.skipped
    assert result.text == good
