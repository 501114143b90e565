"""Configuration files and inline disable comments."""

from __future__ import annotations

import json

from listlint.config import (
    Config,
    ConfigError,
    _find_config_file,
    config_from_table,
    find_config_file,
    load_config,
)
from listlint.model import Severity

BROKEN = "# T\n\n- [] [A](https://a.example) - x\n- [B](#nowhere) - y\n### Jump\n"


def test_upward_search_pyproject_and_dotfile(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.listlint]\nignore = ['LL005']\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    readme = sub / "README.md"
    readme.write_text("x")
    assert find_config_file(readme) == tmp_path / "pyproject.toml"
    (sub / ".listlint.toml").write_text("ignore = ['LL003']\n")
    _find_config_file.cache_clear()  # the search is cached per folder within one run
    assert find_config_file(sub / "other.md") == sub / ".listlint.toml"


def test_pyproject_without_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    assert find_config_file(tmp_path / "README.md") is None


def test_config_applies_in_cli(cli, tmp_path):
    (tmp_path / ".listlint.toml").write_text(
        'ignore = ["broken-anchor"]\nfail-on = "warning"\n[severity]\nLL002 = "info"\n')
    readme = tmp_path / "README.md"
    readme.write_text(BROKEN)
    out = json.loads(cli("check", readme, "--format", "json").output)
    assert {d["code"]: d["severity"] for d in out} == {"LL002": "info", "LL005": "warning"}
    assert cli("check", readme).exit_code == 1  # fail-on warning from the config


def test_unknown_key_names_file_and_key(cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.listlint]\nignroe = ['LL005']\n")
    readme = tmp_path / "README.md"
    readme.write_text("x\n")
    r = cli("check", readme)
    assert r.exit_code == 2
    assert "pyproject.toml: tool.listlint.ignroe: unknown key; did you mean 'ignore'?" in r.output


def test_bad_values():
    import pytest

    for table, needle in [
        ({"fail-on": "fatal"}, "fail-on"),
        ({"select": "LL1"}, "select"),
        ({"select": ["LL9"]}, "no rule matches"),
        ({"severity": {"LL999": "error"}}, "no such rule"),
        ({"rules": {"toc-out-of-sync": {"bogus": 1}}}, "unknown option"),
        ({"ignore-urls": ["("]}, "bad regular expression"),
        ({"preset": "nope"}, "unknown preset"),
    ]:
        with pytest.raises(ConfigError, match=needle):
            config_from_table(table, None)


def test_invalid_toml(tmp_path):
    import pytest

    p = tmp_path / ".listlint.toml"
    p.write_text("select = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(p)


def test_rule_severity_in_rules_table_and_skip_sections(lint):
    cfg = config_from_table({"rules": {"LL005": {"severity": "error"}},
                             "skip-sections": ["Old"]}, None)
    assert cfg.severity["LL005"] is Severity.ERROR
    text = "# T\n### Jump\n## Old\n- [x](#nope)\n"
    diags = lint(text, rules={"LL005": {"severity": "error"}}, skip_sections=["Old"])
    assert [(d.code, d.severity) for d in diags] == [("LL005", Severity.ERROR)]


def test_ignore_urls():
    cfg = config_from_table({"ignore-urls": [r"^https://skip\.example/"]}, None)
    assert cfg.url_ignored("https://skip.example/a")
    assert not cfg.url_ignored("https://keep.example/a")
    assert not Config().url_ignored("https://skip.example/a")


# Inline comments ---------------------------------------------------------------------------
def test_disable_enable_range(lint):
    text = ("# T\n\n<!-- listlint-disable LL003 -->\n\n- [A](#x1)\n\n<!-- listlint-enable -->\n\n"
            "- [B](#x2)\n")
    assert [lint(text)[i].code for i in range(1)] == ["LL003"]
    assert len(lint(text)) == 1


def test_disable_next_line_and_line_and_names(lint):
    text = ("# T\n\n<!-- listlint-disable-next-line broken-anchor -->\n[A](#x1)\n\n"
            "[B](#x2) <!-- listlint-disable-line -->\n\n[C](#x3)\n")
    diags = lint(text)
    assert len(diags) == 1 and "x3" in diags[0].message


def test_disable_next_line_other_rule_does_not_hide(lint):
    text = "# T\n\n<!-- listlint-disable-next-line LL201 -->\n[A](#x1)\n"
    assert len(lint(text)) == 1


def test_disable_file(lint):
    assert lint("<!-- listlint-disable-file -->\n" + BROKEN) == []
    only = lint("<!-- listlint-disable-file LL003 -->\n" + BROKEN)
    assert {d.code for d in only} == {"LL002", "LL005"}


def test_directives_in_code_blocks_are_ignored(lint):
    text = "# T\n\n```\n<!-- listlint-disable-file -->\n```\n\n[A](#x1)\n"
    assert len(lint(text)) == 1


def test_wrong_types_say_what_is_expected():
    import pytest

    for table, needle in [
        ({"select": "LL1"}, 'select: expected a list of strings, e.g. select = ["LL1"]'),
        ({"words": "foo"}, 'words: expected a list of strings, e.g. words = ["foo"]'),
        ({"fail-on": 1}, 'fail-on: expected a string, e.g. fail-on = "warning"'),
        ({"severity": "LL1"}, 'severity: expected a table, e.g. [tool.listlint.severity]'),
        ({"rules": {"duplicate-title": {"min-words": "x"}}}, "expected a number, got 'x'"),
    ]:
        with pytest.raises(ConfigError) as exc:
            config_from_table(table, None)
        assert needle in str(exc.value), (needle, str(exc.value))


def test_misspelt_rule_names_get_a_suggestion():
    import pytest

    for table, needle in [
        ({"rules": {"near-duplicate-titel": {}}},
         "rules.near-duplicate-titel: no such rule; did you mean 'near-duplicate-title'?"),
        ({"severity": {"broken-anchr": "info"}},
         "severity.broken-anchr: no such rule; did you mean 'broken-anchor'?"),
        ({"severity": {"XYZZY-PLUGH": "info"}}, "no such rule (see `listlint rules`)"),
    ]:
        with pytest.raises(ConfigError) as exc:
            config_from_table(table, None)
        assert needle in str(exc.value), (needle, str(exc.value))


CLIENTS = ("# Clients\n\n"
              "- [aiohttp](https://github.com/aio-libs/aiohttp) - Async HTTP client and server.\n"
              "- [httpx](https://github.com/encode/httpx) - a next generation HTTP client.\n"
              "- [requests](https://github.com/psf/requests) - Elegant HTTP for humans.\n"
              "- [urllib3](https://github.com/urllib3/urllib3) - Sane HTTP for Python.\n")


def test_broken_pyproject_with_our_table_is_an_error_not_ignored(tmp_path):
    from tests.conftest import run_listlint

    (tmp_path / "pyproject.toml").write_text(
        '[tool.listlint]\nignore = ["LL507"]\nselect = ["ALL"\n\n[tool.other]\nx = 1\n')
    path = tmp_path / "list.md"
    path.write_text(CLIENTS)
    for command in ("fix", "check"):
        r = run_listlint(command, path)
        assert r.returncode == 2, r.stderr
        lines = r.stderr.splitlines()
        assert len(lines) == 1 and "Traceback" not in r.stderr
        assert lines[0].startswith(f"listlint: {tmp_path / 'pyproject.toml'}: invalid TOML: ")
        assert "line 5" in lines[0]  # where the unclosed array is noticed
    assert path.read_text() == CLIENTS  # LL507, turned off, was not applied


def test_broken_pyproject_of_another_tool_is_still_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.black]\nline-length = [\n# tool.listlint\n')
    _find_config_file.cache_clear()
    assert find_config_file(tmp_path / "README.md") is None
    (tmp_path / "pyproject.toml").write_text('[tool.black]\nx = [\n[ tool . listlint .severity]\n')
    _find_config_file.cache_clear()
    assert find_config_file(tmp_path / "README.md") == tmp_path / "pyproject.toml"
