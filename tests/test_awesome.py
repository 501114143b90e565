"""The awesome preset: LL6xx rules (defect and clean case each), the preset switch, the
awesome-lint false alarms it must not raise, the fixes, and the GitHub repository facts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from listlint.canonical import find_names, parse_names
from listlint.config import Config, ConfigError, apply_preset, config_from_table, get_preset
from listlint.engine import Selection
from listlint.fix import fix_source
from listlint.inputs import RunInputs
from listlint.lint import check_text
from listlint.model import Severity
from listlint.net.github import RepoFacts, fetch_repo, remote_slug, repository_facts, slug_from_url
from listlint.rules.awesome.heading import title_case_problems
from listlint.source import Source
from tests.conftest import CORPUS, needs_corpus

BADGE = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
HEAD = f"# Awesome Things {BADGE}\n\n"


def awesome(**table) -> Config:
    return apply_preset(config_from_table({"preset": "awesome", **table}, None))


def found(text: str, code: str, **kw) -> list[tuple[int, str]]:
    """(line, message) of every ``code`` diagnostic of the preset on ``text``."""
    src = Source.from_text(text)
    kw.setdefault("config", awesome())
    diags = check_text(text, **kw)
    return [(src.line_of(d.start), d.message) for d in diags if d.code == code]


def lines(text: str, code: str, **kw) -> list[int]:
    return [n for n, _ in found(text, code, **kw)]


def fixed(text: str, *, unsafe: bool = False, config: Config | None = None) -> str:
    config = config or awesome()
    rules = Selection().rules(config)
    return fix_source(Source.from_text(text), config, rules, unsafe=unsafe).text


def remaining(text: str) -> list[str]:
    return [d.code for d in check_text(text, config=awesome())]


# -- the preset switch --------------------------------------------------------------------
def test_awesome_rules_are_off_without_the_preset():
    text = "# lower case title\n\n## License\n\nMIT\n"
    codes = {d.code for d in check_text(text)}
    assert not any(c.startswith("LL6") for c in codes)
    codes = {d.code for d in check_text(text, config=awesome())}
    assert {"LL601", "LL602", "LL604"} <= codes


def test_rules_can_be_selected_by_code_without_the_preset():
    assert [d.code for d in check_text("## License\n", select=["LL604"])] == ["LL604"]


def test_preset_pins_the_house_style_and_user_values_win():
    config = awesome()
    style = config.extra["style"]
    assert style["separator"] == " - " and style["description-case"] == "upper"
    assert style["final-punctuation"] == "." and style["final-newline"] == "yes"
    assert config.severity_for(_rule("LL503")) is Severity.ERROR
    mine = awesome(style={"separator": ": "}, severity={"LL503": "info"})
    assert mine.extra["style"]["separator"] == ": "
    assert mine.severity_for(_rule("LL503")) is Severity.INFO


def _rule(code: str):
    from listlint.registry import get

    r = get(code)
    assert r is not None
    return r


def test_preset_changes_what_a_colon_list_is_told():
    text = "".join(f"- [P{i}](https://example.com/{i}): Does thing {i}.\n" for i in range(8))
    assert not [d for d in check_text(text) if d.code == "LL503"]
    assert len([d for d in check_text(text, config=awesome()) if d.code == "LL503"]) == 8


def test_apply_preset_is_idempotent_and_leaves_the_input_alone():
    base = Config()
    once = apply_preset(base, "awesome")
    twice = apply_preset(once, "awesome")
    assert base.preset is None and base.extend_select == []
    assert once.extend_select == twice.extend_select == ["awesome", "toc-out-of-sync"]
    assert apply_preset(base) is base  # no preset: nothing to do


def test_unknown_preset_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown preset 'fancy'"):
        get_preset("fancy")
    with pytest.raises(ConfigError, match=r"unknown preset 'fancy' \(known: awesome\)"):
        config_from_table({"preset": "fancy"}, None)


def test_cli_preset_switch(cli, md):
    path = md("# lower title\n\n- [A](https://a.example) - Thing.\n")
    plain = cli("check", path, "--format", "json")
    assert not [d for d in json.loads(plain.output) if d["code"].startswith("LL6")]
    result = cli("check", path, "--preset", "awesome", "--format", "json")
    codes = {d["code"] for d in json.loads(result.output)}
    assert {"LL601", "LL602", "LL605"} <= codes
    assert result.exit_code == 1


def test_config_preset_switch(cli, md, tmp_path):
    path = md("# lower title\n\n- [A](https://a.example) - Thing.\n")
    (tmp_path / ".listlint.toml").write_text('preset = "awesome"\n', encoding="utf-8")
    result = cli("check", path, "--format", "json")
    assert "LL601" in {d["code"] for d in json.loads(result.output)}


def test_cli_unknown_preset_is_a_usage_error(cli, md):
    result = cli("check", md("# T\n"), "--preset", "nope")
    assert result.exit_code == 2


# -- LL601 awesome-heading ----------------------------------------------------------------
def test_heading_not_title_case_is_fixed():
    text = f"# awesome static analysis {BADGE}\n\nText.\n"
    assert lines(text, "LL601") == [1]
    assert "'awesome', 'static', 'analysis'" in found(text, "LL601")[0][1]
    assert fixed(text).startswith("# Awesome Static Analysis [![Awesome]")


def test_heading_code_is_left_as_written():
    text = f"# The `awesome` preset {BADGE}\n"
    assert found(text, "LL601")[0][1].endswith("capitalise 'preset'")
    assert fixed(text).startswith("# The `awesome` Preset ")


def test_heading_level_and_count():
    assert found("## Awesome Things\n", "LL601")[0][1].startswith("main heading is level 2")
    assert lines("# Awesome Things\n\n# Resources\n", "LL601") == [3]
    assert found("Just text.\n", "LL601")[0][1].startswith("missing main heading")


@pytest.mark.parametrize("title", [
    "Awesome Node.js", "Awesome macOS", "Awesome Lists of the Best Tools", "很棒的资源",
    "Awesome 中文 Resources", "Awesome Go 2024", "Awesome Swift for iOS", "Awesome npm Packages",
    "Awesome Herramientas de Python",
])
def test_heading_clean(title):
    assert lines(f"# {title} {BADGE}\n", "LL601") == []


def test_title_case_helper():
    assert title_case_problems("awesome of the web") == ["awesome", "web"]
    assert title_case_problems("Awesome npm Packages", frozenset({"npm"})) == []
    assert title_case_problems("Обзор инструментов") == ["инструментов"]  # Cyrillic has case


def test_html_title_block_counts_as_heading():
    text = f'<div align="center">\n<img src="logo.svg">\n\n{BADGE}\n</div>\n\n## Contents\n'
    assert lines(text, "LL601") == []
    assert lines(text, "LL602") == []


# -- LL602 awesome-badge ------------------------------------------------------------------
def test_badge_missing_has_an_unsafe_fix():
    text = "# Awesome Things\n\nText.\n"
    assert lines(text, "LL602") == [1]
    assert fixed(text) == text  # unsafe: not applied by default
    assert fixed(text, unsafe=True).startswith(f"# Awesome Things {BADGE}\n")


def test_badge_with_wrong_image():
    text = "# Awesome Things [![Awesome](https://example.com/b.svg)](https://awesome.re)\n"
    assert "is not one of" in found(text, "LL602")[0][1]


def test_badge_clean():
    assert lines(HEAD, "LL602") == []
    flat = "# Awesome X [![Awesome](https://awesome.re/badge-flat.svg)](https://github.com/sindresorhus/awesome)\n"
    assert lines(flat, "LL602") == []


# -- LL603 awesome-contents ---------------------------------------------------------------
TOC_OK = HEAD + ("## Contents\n\n- [Editors](#editors)\n  - [Vim](#vim)\n- [Linters](#linters)\n\n"
                 "## Editors\n\n### Vim\n\n## Linters\n")


def test_contents_clean():
    assert lines(TOC_OK, "LL603") == []
    assert lines(TOC_OK, "LL006") == []


def test_contents_heading_name_and_position():
    text = HEAD + "## Intro\n\nHi.\n\n## Index\n\n- [Editors](#editors)\n\n## Editors\n"
    messages = [m for _, m in found(text, "LL603")]
    assert any("name it '## Contents'" in m for m in messages)
    assert any("must be the first section; 'Intro'" in m for m in messages)


def test_contents_heading_may_be_table_of_contents():
    for title in ("Contents", "Table of Contents"):
        text = HEAD + f"## {title}\n\n- [Editors](#editors)\n\n## Editors\n"
        assert lines(text, "LL603") == []
    text = HEAD + "### Table of Contents\n\n- [Editors](#editors)\n\n## Editors\n"
    assert any("name it '## Contents'" in m for _, m in found(text, "LL603"))


def test_contents_depth_and_item_names():
    text = HEAD + ("## Contents\n\n- [Editors](#editors)\n  - [Vi](#vim)\n    - [Plugins](#plugins)\n\n"
                   "## Editors\n\n### Vim\n\n#### Plugins\n")
    messages = [m for _, m in found(text, "LL603")]
    assert any("nests 3 levels" in m for m in messages)
    assert any("'Vi' does not match its heading 'Vim'" in m for m in messages)
    assert "  - [Vim](#vim)" in fixed(text)


def test_contents_linking_to_title_or_itself():
    text = ("# Awesome Things\n\n## Contents\n\n- [Awesome Things](#awesome-things)\n"
            "- [Contents](#contents)\n- [Editors](#editors)\n\n## Editors\n")
    messages = [m for _, m in found(text, "LL603")]
    assert any("links to the list's title" in m for m in messages)
    assert any("links to the table of contents itself" in m for m in messages)


def test_toc_is_regenerated_by_the_preset():
    text = HEAD + "## Contents\n\n- [Editors](#editors)\n\n## Editors\n\n## Linters\n"
    assert lines(text, "LL006") == [5]
    assert "- [Editors](#editors)\n- [Linters](#linters)\n" in fixed(text)


def test_toc_need_not_list_contributing_under_the_preset():
    text = HEAD + ("## Contents\n\n- [A](#a)\n- [B](#b)\n\n## A\n\n## Contributing\n\nPRs.\n\n"
                   "## Related Lists\n\n### More\n\n## Footnotes\n\n## B\n")
    assert lines(text, "LL006") == []
    # without the preset: one diagnostic per heading missing from the ToC before its last one
    # (after it, back matter is left out on purpose by any list)
    assert [d.code for d in check_text(text, select=["LL006"])] == ["LL006"] * 3


def test_toc_fix_keeps_an_excluded_section_it_lists():
    text = HEAD + ("## Contents\n\n- [A](#a)\n- [Contributing](#contributing)\n\n"
                   "## A\n\n## B\n\n## Contributing\n")
    assert "- [A](#a)\n- [B](#b)\n- [Contributing](#contributing)\n" in fixed(text)


def test_preset_rule_options_and_user_options():
    assert awesome().rule_options["LL006"]["exclude"] == ["Contributing", "Footnotes", "Related Lists"]
    mine = awesome(rules={"toc-out-of-sync": {"exclude": ["Sponsors"]}})
    assert mine.rule_options["LL006"]["exclude"] == ["Sponsors"]


# -- LL604 license-section ----------------------------------------------------------------
def test_license_section():
    assert lines(HEAD + "## Tools\n\n## License\n\nCC0\n", "LL604") == [5]
    assert lines(HEAD + "## Licence:\n", "LL604") == [3]
    assert lines(HEAD + "## Licensing tools\n\n- [A](https://a.example) - B.\n", "LL604") == []


# -- LL605 contributing-file --------------------------------------------------------------
def _contributing(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    src = Source.from_text(text, str(tmp_path / "README.md"))
    diags = check_text(text, config=awesome(), path=str(tmp_path / "README.md"))
    return [(src.line_of(d.start), d.message) for d in diags if d.code == "LL605"]


def test_contributing_missing_and_empty(tmp_path):
    assert "missing contributing.md" in _contributing(tmp_path, HEAD)[0][1]
    (tmp_path / "Contributing.md").write_text("  \n", encoding="utf-8")
    assert "Contributing.md is empty" in _contributing(tmp_path, HEAD)[0][1]


@pytest.mark.parametrize("where", ["CONTRIBUTING.md", ".github/contributing.md"])
def test_contributing_present(tmp_path, where):
    (tmp_path / where).parent.mkdir(exist_ok=True)
    (tmp_path / where).write_text("Send a pull request.\n", encoding="utf-8")
    assert _contributing(tmp_path, HEAD) == []


def test_contributing_not_checked_for_text_without_a_file():
    assert lines(HEAD, "LL605") == []


# -- LL606 ci-badge -----------------------------------------------------------------------
@pytest.mark.parametrize("badge", [
    "[![Build Status](https://travis-ci.org/a/b.svg)](https://travis-ci.org/a/b)",
    "[![tests](https://github.com/a/b/actions/workflows/ci.yml/badge.svg)](https://github.com/a/b)",
    "![CircleCI](https://circleci.com/gh/a/b.svg?style=svg)",
    "![ci](https://img.shields.io/github/actions/workflow/status/a/b/ci.yml)",
])
def test_ci_badge(badge):
    assert lines(HEAD + badge + "\n", "LL606") == [3]


def test_ci_badge_clean():
    text = HEAD + "[![License](https://img.shields.io/badge/license-CC0-blue.svg)](LICENSE)\n"
    assert lines(text, "LL606") == []


# -- LL607 unbalanced-punctuation ---------------------------------------------------------
@pytest.mark.parametrize("prose, what", [
    ("He said “hello.", "'“' is never closed"),
    ("It‘s easy.", "'‘' is never closed"),
    ('A "quote.', "'\"' is never closed"),
    ("Stray” here.", "'”' closes nothing"),
    ("「Hello.", "'「' is never closed"),
])
def test_unbalanced(prose, what):
    messages = [m for _, m in found(HEAD + prose + "\n", "LL607")]
    assert len(messages) == 1 and what in messages[0]


@pytest.mark.parametrize("prose", [
    "Don’t panic, it’s the users’ choice.",
    "Steps: 1) install, 2) run. Options a) or b) :) ;-)",
    "Code `print(\"x` stays out, and [link](https://e.com/a_(b)) too.",
    "Nested (“quoted (twice)” here).",
    "A <span title='(x'>tag</span> is HTML.",
    "「こんにちは」と（日本語）。",
])
def test_balanced(prose):
    assert lines(HEAD + prose + "\n", "LL607") == []


def _brackets() -> Config:
    config = awesome()
    config.rule_options["LL607"] = {"brackets": True}
    return config


def test_parentheses_are_awesome_lints_choice_unless_asked():
    text = HEAD + "An aside (really.\n\nGuillemets «here.\n"
    assert lines(text, "LL607") == []  # awesome-lint leaves ( and « alone
    assert lines(text, "LL607", config=_brackets()) == [3, 5]


def test_punctuation_is_balanced_per_block():
    text = HEAD + "Opens (here.\n\nCloses) there.\n"
    assert lines(text, "LL607", config=_brackets()) == [3, 5]
    assert lines(HEAD + "Opens “here.\n\nCloses” there.\n", "LL607") == [3, 5]


# -- LL608 item-name-repeated -------------------------------------------------------------
def test_name_repeated():
    text = HEAD + ("- [Got](https://g.example) - Got is a HTTP client.\n"
                   "- [conc](https://c.example) - `conc` is structured concurrency.\n"
                   "- [Ky](https://k.example) ky: a tiny client.\n")
    assert lines(text, "LL608") == [3, 4, 5]


def test_name_not_repeated():
    text = HEAD + ("- [Got](https://g.example) - Gotcha-free HTTP client.\n"
                   "- [Ky](https://k.example) - Tiny client built on Ky's ideas.\n")
    assert lines(text, "LL608") == []


# -- LL609 canonical-spelling -------------------------------------------------------------
def test_canonical_spelling_in_descriptions_is_fixed():
    text = HEAD + "- [mas](https://m.example) - App Store CLI for OSX and Mac OS X, on Github.\n"
    assert [m for _, m in found(text, "LL609")] == [
        "'OSX' is spelled 'macOS' (if it means the technology)",
        "'Mac OS X' is spelled 'macOS' (if it means the technology)",
        "'Github' is spelled 'GitHub' (if it means the technology)",
    ]
    assert "for macOS and macOS, on GitHub." in fixed(text)


def test_canonical_spelling_left_alone():
    text = HEAD + (
        "- [github](https://github.com/google/go-github) - Client for the GitHub API.\n"
        "- [driver](https://d.example) - Wraps `javascript` and mongodb/mongo-go-driver, "
        "see github.com or go-redis.\n"
        "- [pack](https://p.example) - Webpack plugin; works with webpack and npm.\n"
    )
    assert lines(text, "LL609") == []


def test_canonical_spelling_link_texts_and_headings():
    text = HEAD + ("See [the Github docs](https://docs.github.com).\n\n## Github Tools\n\n"
                   "## OSX Apps\n")
    hits = found(text, "LL609")
    assert [n for n, _ in hits] == [3, 5, 7]
    out = fixed(text)
    assert "[the Github docs]" in out  # link texts: reported, not fixed
    assert "## GitHub Tools" in out  # same anchor: fixed
    assert "## OSX Apps" in out  # the anchor would change: not fixed


def test_canonical_spelling_respects_words():
    text = HEAD + "- [x](https://x.example) - Runs on OSX.\n"
    diags = check_text(text, config=awesome(words=["OSX"]))
    assert not [d for d in diags if d.code == "LL609"]


def test_canonical_names_file_format():
    names = parse_names("# comment\nmacOS | OSX | Mac OS X\nwebpack\n")
    text = "OSX, Mac OS X, MACOS, macOS, Webpack, WEBPACK"
    assert [h.written for h in find_names(text, 0, len(text), names)] == [
        "OSX", "Mac OS X", "MACOS", "WEBPACK"]


# -- LL610 / LL611 references -------------------------------------------------------------
def test_undefined_reference():
    text = HEAD + "- [Tool][tool] - Does things.\n- [Other][] - More.\n"
    assert lines(text, "LL610") == [3, 4]


def test_defined_references_and_lookalikes_are_clean():
    text = HEAD + ("- [Tool][tool] - Does things.\n- [Ok][] - More.\n\n"
                   "Use map[string]int and `[a][b]` freely[^1].\n\n> [!NOTE]\n> Hi.\n\n"
                   "[tool]: https://t.example\n[ok]: https://o.example\n[^1]: A footnote.\n")
    assert lines(text, "LL610") == []
    assert lines(text, "LL611") == []


def test_unused_definition_is_removed():
    text = HEAD + "- [Tool][t] - Does things.\n\n[t]: https://t.example\n[old]: https://old.example\n"
    assert lines(text, "LL611") == [6]
    assert fixed(text) == text.replace("[old]: https://old.example\n", "")


def test_repeated_definition():
    text = HEAD + "[A][a]\n\n[a]: https://one.example\n[a]: https://two.example\n"
    assert "second definition of 'a'" in found(text, "LL611")[0][1]


# -- LL612 marker-without-space ----------------------------------------------------------
def test_marker_without_space_is_fixed():
    text = HEAD + "- [A](https://a.example) - First.\n-[B](https://b.example) - Second.\n"
    assert lines(text, "LL612") == [4]
    out = fixed(text)
    assert "\n- [B](https://b.example) - Second.\n" in out
    assert len([d for d in check_text(out, config=awesome()) if d.code == "LL612"]) == 0


def test_marker_without_space_clean():
    text = HEAD + ("- [A](https://a.example) - First.\n\n*[Emphasis](https://e.example)*\n\n"
                   "```\n-[code](https://c.example)\n```\n\nA -[dash](https://d.example) inside.\n")
    assert lines(text, "LL612") == []


# -- LL614 empty-list-item --------------------------------------------------------------
def test_empty_list_item_is_removed():
    text = HEAD + "- [A](https://a.example) - First.\n- \n- [B](https://b.example) - Second.\n"
    assert lines(text, "LL614") == [4]
    assert fixed(text) == HEAD + "- [A](https://a.example) - First.\n- [B](https://b.example) - Second.\n"


def test_list_items_with_content_are_not_empty():
    text = HEAD + "- [A](https://a.example) - First.\n- Text only.\n-\n  continued\n"
    assert lines(text, "LL614") == []


def test_escaped_backtick_run_does_not_break_the_rules():
    from listlint.inline import scan_links

    text = "A \\``` and [link](https://l.example) `code`.\n"
    assert [r.dest for r in scan_links(text)] == ["https://l.example"]
    assert "LL607" not in remaining(HEAD + text)


# -- false alarms awesome-lint is known for -------------------------------------------------
def test_toc_anchors_and_cross_listing_are_not_duplicates():
    text = HEAD + ("## Contents\n\n- [Editors](#editors)\n- [Linters](#linters)\n\n## Editors\n\n"
                   "- [Foo](https://github.com/a/foo) - A foo.\n\n**[back to top](#contents)**\n\n"
                   "## Linters\n\n- [Foo](https://github.com/a/foo) - A foo, also a linter.\n\n"
                   "**[back to top](#contents)**\n")
    # a project in two sections is an "also listed under" info (issue 16), never more
    # under the preset, awesome-lint's double-link rule LL617 stands in for LL101 and allows a
    # project in two sections (allow-cross-section, documented); without the preset LL101
    # reports it as an "also listed under" info
    found = [d for d in check_text(text, config=awesome())
             if d.code.startswith("LL1") or d.code == "LL617"]
    assert found == []
    plain = [d for d in check_text(text) if d.code.startswith("LL1")]
    assert [(d.code, d.severity.name) for d in plain] == [("LL101", "INFO")]


@pytest.mark.parametrize("description", [
    "Fast and friendly 🚀", "Emoji only 👍🏽", "Does X. (Deprecated)", "Does X. *(See also [Y](https://y.example))*",
    "Supports Go1.18+ (Go.)",
])
def test_descriptions_ending_in_emoji_or_parenthesis(description):
    text = HEAD + f"- [Tool](https://t.example) - {description}\n"
    assert "LL508" not in remaining(text)


def test_parenthesis_without_a_full_stop_gets_one_after_it():
    text = HEAD + "- [Tool](https://t.example) - Does X (mostly)\n"
    assert "LL508" in remaining(text)
    assert "Does X (mostly).\n" in fixed(text)


@pytest.mark.parametrize("description", [
    "简单的工具。", "シンプルなツール。", "أداة بسيطة.", "सरल उपकरण।", "isatty for golang.",
])
def test_no_english_capitalisation_for_caseless_scripts_or_own_names(description):
    text = HEAD + f"- [go-isatty](https://github.com/mattn/go-isatty) - {description}\n"
    assert "LL507" not in remaining(text)


def test_description_case_is_not_fooled_by_substrings():
    text = HEAD + "- [mimesis](https://github.com/lk-geimfari/mimesis) - is a fake data library.\n"
    assert "LL507" in remaining(text)


# -- fix --preset awesome -----------------------------------------------------------------
MESSY = (
    "# awesome things\n\n"
    "## Contents\n\n- [Editors](#editors)\n\n"
    "## Editors\n\n"
    "-  [Vim](https://www.vim.org): a text editor for Github users\n"
    "- [Kak](https://kakoune.org) – Modal editor on OSX.\n"
    "- [Ed](https://ed.example) - The standard editor\n\n"
    "## Linters\n\n"
    "- [Vale](https://vale.sh) - Prose linter.\n\n"
    "[unused]: https://unused.example"
)


def test_fix_preset_awesome_fixes_everything_safe(tmp_path):
    out = fixed(MESSY)
    assert out.startswith("# Awesome Things\n")
    assert "- [Vim](https://www.vim.org) - A text editor for GitHub users.\n" in out
    assert "- [Kak](https://kakoune.org) - Modal editor on macOS.\n" in out
    assert "- [Ed](https://ed.example) - The standard editor.\n" in out
    assert "- [Editors](#editors)\n- [Linters](#linters)\n" in out
    assert "[unused]" not in out and out.endswith("\n")
    left = [d for d in check_text(out, config=awesome()) if d.fix is not None]
    assert [d.code for d in left] == ["LL602"]  # only the unsafe badge fix remains


def test_fix_cli_preset(cli, md):
    path = md(MESSY)
    (path.parent / "contributing.md").write_text("PRs welcome.\n", encoding="utf-8")
    result = cli("fix", path, "--preset", "awesome")
    text = path.read_text(encoding="utf-8")
    assert "- [Kak](https://kakoune.org) - Modal editor on macOS.\n" in text
    assert "LL602" in result.output  # the badge needs --unsafe-fixes or a human
    again = cli("fix", path, "--preset", "awesome", "--check")
    assert again.exit_code == 0


@needs_corpus
@pytest.mark.parametrize("name", ["sindresorhus__awesome-nodejs.md", "vinta__awesome-python.md"])
def test_fix_preset_on_awesome_lists_leaves_only_human_work(name):
    from listlint.fix import fixable
    from listlint.lint import check_source

    config = awesome()
    rules = Selection().rules(config)
    result = fix_source(Source.read(CORPUS / name), config, rules)
    left = check_source(Source.from_text(result.text, name), config, rules).diagnostics
    assert fixable(left) == []
    again = fix_source(Source.from_text(result.text, name), config, rules)
    assert not again.changed


# -- LL613 github-repository --------------------------------------------------------------
def _repo(facts) -> list[tuple[str, Severity]]:
    diags = check_text(HEAD, config=awesome(), inputs=RunInputs(repo_facts=facts))
    return [(d.message, d.severity) for d in diags if d.code == "LL613"]


def test_repository_facts_offline_is_one_info_line():
    diags = [d for d in check_text(HEAD, config=awesome()) if d.code == "LL613"]
    assert len(diags) == 1 and diags[0].severity is Severity.INFO
    assert "--online" in diags[0].message
    assert _repo("not checked: set GITHUB_TOKEN")[0][1] is Severity.INFO


def test_repository_facts_checked():
    bare = RepoFacts("o/n", "", ("awesome",), None)
    messages = [m for m, _ in _repo(bare)]
    assert len(messages) == 3
    assert any("no description" in m for m in messages)
    assert any("lacks the topic 'awesome-list'" in m for m in messages)
    assert any("detects no license" in m for m in messages)
    assert _repo(RepoFacts("o/n", "Things.", ("awesome", "awesome-list"), "CC0-1.0")) == []


def test_repository_facts_reasons_without_network(tmp_path):
    assert "offline" in repository_facts(tmp_path, online=False)
    assert "GITHUB_TOKEN" in repository_facts(tmp_path, online=True, env={})
    assert "no GitHub remote" in repository_facts(tmp_path, online=True, env={"GITHUB_TOKEN": "t"})
    refused = repository_facts(None, online=True, repository="o/n", api_url="http://127.0.0.1:9",
                               env={"GITHUB_TOKEN": "t"})
    assert isinstance(refused, str) and "unreachable" in refused


def test_slug_from_remotes(tmp_path):
    assert slug_from_url("git@github.com:sindresorhus/awesome.git") == "sindresorhus/awesome"
    assert slug_from_url("https://github.com/vinta/awesome-python") == "vinta/awesome-python"
    assert slug_from_url("https://gitlab.com/a/b.git") is None
    git = tmp_path / ".git"
    git.mkdir()
    (git / "config").write_text('[remote "origin"]\n\turl = https://github.com/a/awesome-b.git\n',
                                encoding="utf-8")
    (tmp_path / "docs").mkdir()
    assert remote_slug(tmp_path / "docs") == "a/awesome-b"


def test_fetch_repo_against_a_local_api(httpserver):
    httpserver.expect_request("/repos/o/awesome-n", headers={"Authorization": "Bearer tok"}) \
        .respond_with_json({"full_name": "o/awesome-n", "description": "Things.",
                            "topics": ["awesome", "awesome-list"],
                            "license": {"spdx_id": "CC0-1.0", "name": "CC0"}})
    httpserver.expect_request("/repos/o/missing").respond_with_data("no", status=404)
    httpserver.expect_request("/repos/o/broken").respond_with_data("<html>", status=200)
    api = httpserver.url_for("/")
    facts = fetch_repo("o/awesome-n", "tok", api_url=api)
    assert facts == RepoFacts("o/awesome-n", "Things.", ("awesome", "awesome-list"), "CC0-1.0")
    assert "404" in fetch_repo("o/missing", "tok", api_url=api)
    assert "not JSON" in fetch_repo("o/broken", "tok", api_url=api)


def test_cli_online_repository_check(cli, md, httpserver, monkeypatch, tmp_path):
    httpserver.expect_request("/repos/o/n").respond_with_json(
        {"full_name": "o/n", "description": "", "topics": [], "license": None})
    path = md("# Awesome Things\n\nText.\n")  # no http link: --online must not leave 127.0.0.1
    (tmp_path / ".listlint.toml").write_text(
        f'preset = "awesome"\n[awesome]\nrepository = "o/n"\ngithub-api = "{httpserver.url_for("/")}"\n',
        encoding="utf-8")
    monkeypatch.setenv("GITHUB_TOKEN", "tok")
    result = cli("check", path, "--online", "--format", "json")
    messages = [d["message"] for d in json.loads(result.output) if d["code"] == "LL613"]
    assert len(messages) == 4  # description, two topics, license
    offline = cli("check", path, "--format", "json")
    assert [d["severity"] for d in json.loads(offline.output) if d["code"] == "LL613"] == ["info"]


# -- issue 19: parity with awesome-lint, rule by rule ----------------------------------------
def item(name: str, rest: str = " - Does one thing.") -> str:
    return f"- [{name}](https://{name.lower()}.example.org){rest}\n"


def test_cli_select_narrows_the_preset(cli, md):
    path = md(HEAD + item("A") + item("B", " - no capital") + item("A2").replace("a2", "a"))
    result = cli("check", path, "--preset", "awesome", "--select", "LL101", "--format", "json")
    assert {d["code"] for d in json.loads(result.output)} == {"LL101"}
    result = cli("check", path, "--preset", "awesome", "--select", "LL507", "--format", "json")
    assert {d["code"] for d in json.loads(result.output)} == {"LL507"}
    full = cli("check", path, "--preset", "awesome", "--format", "json")
    assert {"LL507", "LL617", "LL605"} <= {d["code"] for d in json.loads(full.output)}


def test_remark_lint_comments_are_honoured():
    body = item("A", " - no capital")
    disabled = HEAD + "<!--lint disable awesome-list-item-->\n\n" + body
    assert lines(disabled, "LL507") == []
    again = disabled + "\n<!--lint enable awesome-list-item-->\n\n" + item("B", " - no capital")
    assert lines(again, "LL507") == [9]
    everything = HEAD + "<!--lint disable-->\n\n" + body
    assert remaining(everything) == ["LL613"]  # LL613's info line is on line 1, before it
    other = HEAD + "<!--lint disable no-emphasis-as-heading-->\n\n" + body
    assert lines(other, "LL507") == [5]  # a stock remark rule listlint does not have


def test_remark_lint_ignore_covers_the_next_block_only():
    dup = item("A") + "\n" + item("A two").replace("a two", "a")
    text = HEAD + "<!--lint ignore double-link-->\n" + dup + "\nMore:\n\n" + item(
        "A three").replace("a three", "a")
    assert lines(text, "LL617") == [10]  # the list after the comment is ignored, not the next
    assert lines(HEAD + dup, "LL617") == [3, 5]


def test_undefined_reference_follows_commonmark_bracket_pairing():
    text = HEAD + "- [Foo][bar][baz] - Thing.\n\n[baz]: https://baz.example\n"
    assert lines(text, "LL610") == []
    assert lines(HEAD + "- [Foo][bar] - Thing.\n", "LL610") == [3]


def test_list_item_double_marker_and_indent():
    text = HEAD + item("A") + "* * [B](https://b.example) - Two markers.\n" + item("C")
    assert lines(text, "LL615") == [4]
    once = fixed(text)  # the outer marker goes, and the one kept is the file's first bullet
    assert "\n- [B](https://b.example) - Two markers.\n" in once
    assert fixed(once) == once  # one fix is final
    for inner in ("* ", "- ", "1. "):  # and so in a list of another bullet, or an ordered one
        for outer in ("* ", "- "):
            two = HEAD + item("A") + f"{outer}{inner}[B](https://b.example) - Two.\n" + item("C")
            once = fixed(two)
            assert fixed(once) == once, two
            assert "B](https://b.example) - Two.\n" in once
    alone = HEAD + "* * [B](https://b.example) - Two markers.\n" + item("C")
    assert fixed(alone).startswith(HEAD + "* [B]")  # the first bullet of the file is '*'
    indented = HEAD + " " + item("A") + " " + item("B")
    assert lines(indented, "LL615") == [3, 4]
    assert fixed(indented) == HEAD + item("A") + item("B")
    nested = HEAD + item("A") + "  " + item("B")
    assert lines(nested, "LL615") == []


def test_list_item_missing_or_no_break_separator():
    glued = HEAD + item("A", "-In-context search.")
    assert [m for _, m in found(glued, "LL615")] == [
        "no ' - ' between link and description: write '[Name](url) - Description.'"]
    assert fixed(glued, unsafe=True) == HEAD + item("A", " - In-context search.")
    nbsp = HEAD + item("A", "\u00a0-\u00a0No-break spaces.")
    assert "no-break space" in found(nbsp, "LL615")[0][1]
    for clean in (" (archived)", " \U0001f680", " - Fine.", ", with [![b](https://b.svg)](x)"
                  " - Badge first."):
        assert lines(HEAD + item("A", clean), "LL615") == [], clean


def test_list_item_emoji_in_place_of_a_stop():
    rocket = " \U0001f680"
    text = HEAD + item("A", " - Fast and friendly" + rocket) + item("B", " - Very fast" + rocket)
    assert [m for _, m in found(text, "LL615")] == [
        "description ends with an emoji but has no stop: write '.' before the emoji"] * 2
    assert lines(text, "LL615") == [3, 4]  # every copy, on its own line
    once = fixed(text)
    assert once == HEAD + item("A", " - Fast and friendly." + rocket) + item(
        "B", " - Very fast." + rocket)
    assert fixed(once) == once
    # what awesome-lint accepts: a stop anywhere, two words (the emoji is one), only emoji,
    # only a parenthetical
    for clean in (" - Small. \u2728", " - Fast" + rocket, " - " + rocket + " \U0001f525",
                  " - (beta build of it)" + rocket, " - Is it fast?" + rocket,
                  " - Fast and friendly.", " - Uses [b.c](https://b.c) and it works" + rocket):
        assert lines(HEAD + item("A", clean), "LL615") == [], clean


def test_list_item_stop_on_both_sides_of_a_quote():
    text = HEAD + item("A", ' - Says "hello.".')
    assert lines(text, "LL615") == [3]
    assert fixed(text) == HEAD + item("A", ' - Says "hello."')
    for clean in (' - Says "hello."', ' - Says "hello".', " - Reads (see the docs.)",
                  " - Says \u201chello.\u201d"):
        assert lines(HEAD + item("A", clean), "LL615") == []
        assert lines(HEAD + item("A", clean), "LL508") == [], clean


def test_descriptions_awesome_lint_accepts():
    for rest in (" - \u10e5\u10d0\u10e0\u10d7\u10e3\u10da\u10d8.", " - \u4e00\u4e2a\u5de5\u5177.",
                 " - npm is the registry.", " (no description yet)"):
        text = HEAD + item("A", rest)
        assert lines(text, "LL507") == [] and lines(text, "LL508") == [], rest
    assert lines(HEAD + item("A", " - react is lower case."), "LL507") == [3]
    assert lines(HEAD + item("A", " - (Archived)"), "LL508") == [3]  # after a separator


def test_marker_follows_the_files_first_bullet():
    text = HEAD + item("A") + "\n## More\n\n" + item("B").replace("- ", "* ", 1)
    assert lines(text, "LL501") == [7]
    starred = HEAD + item("A").replace("- ", "* ", 1) + item("B").replace("- ", "* ", 1)
    assert lines(starred, "LL501") == []


def test_repeated_name_behind_emphasis_or_code():
    for between in (" **(beta)**", " `v2`", " *new*"):
        text = HEAD + f"- [Alpha](https://a.example){between} - Alpha does things.\n"
        assert lines(text, "LL608") == [3], between
    clean = HEAD + "- [Alpha](https://a.example) **(beta)** - Alphabet soup.\n"
    assert lines(clean, "LL608") == []


def test_spelling_uses_awesome_lints_forms_and_never_edits_code():
    assert [m for _, m in found(HEAD + item("A", " - For vscode users."), "LL609")] == [
        "'vscode' is spelled 'VSCode' (if it means the technology)"]
    assert lines(HEAD + item("A", " - For VS Code users."), "LL609") == []
    raw = HEAD + item("A", " - Finds <?php tags.") + item("B", " - Reads <code>javascript</code>.")
    assert lines(raw, "LL609") == [3, 4]  # reported, as awesome-lint does ...
    assert fixed(raw) == raw  # ... never edited
    assert lines(HEAD + item("A", " - Reads `<?php` and `javascript`."), "LL609") == []


def test_double_link_identity():
    from listlint.rules.awesome.double_links import awesome_link_key as key

    assert key("https://www.A.org/x/") == key("http://a.org/x") == key("//a.org:443/x")
    assert key("https://a.org/x#one") != key("https://a.org/x#two")
    assert key("https://a.org/?b=1&a=2&utm_source=z") == key("https://a.org?a=2&b=1")
    assert key("javascript:void(0)") == "javascript:void(0)" and key("") == ""
    text = HEAD + item("A", " - See [B](https://b.org).") + "- [B](https://b.org) - Thing.\n"
    assert lines(text, "LL617") == []  # a link inside a description is not counted
    cross = HEAD + "## One\n\n" + item("A") + "\n## Two\n\n" + item("A")
    assert lines(cross, "LL617") == []
    strict = awesome(rules={"double-link": {"allow-cross-section": False}})
    diags = check_text(cross, config=strict)
    assert [d.code for d in diags].count("LL617") == 2
    empty = HEAD + "- [A]() - Empty.\n- [B]() - Empty.\n- [C](#a) - Anchor.\n- [D](#a) - Anchor.\n"
    assert lines(empty, "LL617") == [3, 4]
    table = HEAD + "| Name | Code | Paper |\n|---|---|---|\n" + \
        "| A | [code](https://c.org/x) | [pdf](https://p.org/a) |\n" * 2 + \
        "| B | [code](https://c.org/y) | [pdf](https://p.org/b) |\n"
    found_table = found(table, "LL617")  # every copy once, not once per cell of its row
    assert [n for n, _ in found_table] == [5, 5, 6, 6]
    assert len(set(found_table)) == 4


def test_code_of_conduct(tmp_path):
    (tmp_path / "readme.md").write_text(HEAD + item("A"), encoding="utf-8")

    def coc() -> list[str]:
        return [d.message for d in check_text(HEAD + item("A"), config=awesome(),
                                              inputs=RunInputs.for_path(
                                                  str(tmp_path / "readme.md"), ["repo_files"]))
                if d.code == "LL616"]

    assert coc() == []  # no code of conduct: fine
    (tmp_path / "Code_Of_Conduct.md").write_text("Be kind.\n\nMail [INSERT EMAIL ADDRESS].\n")
    assert coc() == ["Code_Of_Conduct.md line 3 still has the placeholder '[INSERT EMAIL "
                     "ADDRESS]': write the address people should report to"]
    (tmp_path / "Code_Of_Conduct.md").write_text("Be kind.\n\nMail me@example.org.\n")
    assert coc() == []
    (tmp_path / "Code_Of_Conduct.md").write_text("Mail sindresorhus@gmail.com.\n")
    assert "the address of the copied template" in coc()[0]
    (tmp_path / "Code_Of_Conduct.md").write_text("\n")
    assert coc() == ["Code_Of_Conduct.md is empty: add the code of conduct or remove the file"]


def test_unneeded_full_reference():
    text = HEAD + "- [Alpha][alpha] - Thing.\n- [Beta][b] - Thing.\n\n[alpha]: https://a.org\n" \
                  "[b]: https://b.org\n"
    assert lines(text, "LL618") == [3]
    assert "- [Alpha][] - Thing." in fixed(text)
