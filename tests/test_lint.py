"""The one run pipeline (listlint.lint.run) and the shared ``lint`` fixture."""

from __future__ import annotations

import pytest

from listlint.config import ConfigError
from listlint.lint import RunOptions, run
from listlint.model import Severity
from listlint.source import Source

DUP = "# T\n\n- [A](https://a.example) - x.\n- [B](https://a.example) - y.\n"


def test_run_gives_each_file_its_own_config_and_threshold(tmp_path):
    strict = tmp_path / "strict"
    strict.mkdir()
    (strict / ".listlint.toml").write_text('fail-on = "warning"\nignore = ["LL5"]\n')
    (strict / "README.md").write_text(DUP)
    (tmp_path / "README.md").write_text(DUP)
    files = list(run([str(strict / "README.md"), str(tmp_path / "README.md")], RunOptions()))
    assert [f.fail_on for f in files] == [Severity.WARNING, Severity.ERROR]
    assert not any(r.code.startswith("LL5") for r in files[0].rules)
    assert any(r.code.startswith("LL5") for r in files[1].rules)
    assert files[0].inputs.base_dir == strict
    assert files[0].inputs.folder is not None and files[0].inputs.folder.path == strict
    assert files[0].inputs.repo_files is None  # no selected rule needs them
    codes = [d.code for d in files[0].check().diagnostics]
    assert "LL101" in codes  # the duplicate link
    forced = next(run([str(strict / "README.md")], RunOptions(fail_on=Severity.INFO)))
    assert forced.fail_on is Severity.INFO


def test_run_selection_preset_and_online_only(tmp_path):
    (tmp_path / "README.md").write_text(DUP)
    path = [str(tmp_path / "README.md")]
    only = next(run(path, RunOptions(select=("LL101",))))
    assert [r.code for r in only.rules] == ["LL101"]
    links = next(run(path, RunOptions(online=True, only_online=True, default_select=("links",))))
    assert links.rules and all(r.online for r in links.rules)
    offline = next(run(path, RunOptions()))
    assert not any(r.online for r in offline.rules)
    assert not any(r.family == "awesome" for r in offline.rules)
    awesome = next(run(path, RunOptions(preset="awesome")))
    assert any(r.family == "awesome" for r in awesome.rules)


def test_run_reads_lazily_with_the_callers_reader(tmp_path):
    (tmp_path / ".listlint.toml").write_text("select = [\"no-such-rule\"]\n")
    seen = []

    def read(path: str) -> Source:
        seen.append(path)
        return Source.from_text(DUP, "<stdin>")

    files = run(["-", str(tmp_path / "README.md")], RunOptions(), read)
    first = next(files)
    assert seen == ["-"] and first.source.path == "<stdin>" and first.inputs.base_dir is None
    with pytest.raises(ConfigError, match="no-such-rule"):
        next(files)  # the second file's config is read only now


def test_with_verdicts_and_failing(tmp_path):
    (tmp_path / "README.md").write_text(DUP)
    file = next(run([str(tmp_path / "README.md")], RunOptions()))
    marker = object()
    assert file.with_verdicts(marker).inputs.link_verdicts is marker  # type: ignore[arg-type]
    assert file.inputs.link_verdicts is None  # frozen: a new FileRun
    diags = file.check().diagnostics
    assert file.failing(diags) == any(d.severity >= Severity.ERROR for d in diags)
    assert not file.failing([])


def test_with_source_and_an_already_parsed_document(tmp_path):
    from listlint.document import parse

    (tmp_path / "README.md").write_text(DUP)
    file = next(run([str(tmp_path / "README.md")], RunOptions(select=("LL101",))))
    buffer = Source.from_text(DUP.replace("(https://a.example) - y", "(https://b.example) - y"),
                              file.source.path)
    edited = file.with_source(buffer)  # an editor's text, an old version: same run
    assert edited.config is file.config and edited.rules == file.rules
    assert edited.check().diagnostics == [] and file.check().diagnostics
    doc = parse(file.source)
    checked = file.check(document=doc)  # parsed once, by the caller (the link pass)
    assert checked.document is doc and [d.code for d in checked.diagnostics] == ["LL101"]
    facts = file.with_facts(venue_force=True)
    assert facts.inputs.venue_force and not file.inputs.venue_force


def test_ask_github_keeps_an_online_run_from_asking_for_repository_facts(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("GH_TOKEN", raising=False)
    (tmp_path / "README.md").write_text(DUP)
    path = [str(tmp_path / "README.md")]
    online = next(run(path, RunOptions(select=("LL613",), online=True)))
    assert "GITHUB_TOKEN" in str(online.inputs.repo_facts)  # would ask, given a token
    quiet = next(run(path, RunOptions(select=("LL613",), online=True, ask_github=False)))
    assert str(quiet.inputs.repo_facts).startswith("not checked offline")


def test_the_lint_fixture_takes_config_keys(lint):
    assert [d.code for d in lint(DUP, "LL101")] == ["LL101"]
    assert lint(DUP, "LL101", ignore="duplicate-link") == []
    assert lint(DUP, "LL101", rules={"LL101": {"severity": "info"}})[0].severity is Severity.INFO
    with pytest.raises(ConfigError, match="no-such-key"):
        lint(DUP, no_such_key=1)


def test_folder_facts_are_read_only_for_rules_that_declare_them(tmp_path):
    """``needs=`` on a rule's registration is what makes the run read the list's folder."""
    (tmp_path / "README.md").write_text(DUP)
    (tmp_path / "Contributing.md").write_text("Send a PR.\n")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "CODE_OF_CONDUCT.md").write_text("Be kind.\n")
    path = str(tmp_path / "README.md")
    plain = next(run([path], RunOptions(select=("LL101",)))).inputs
    assert plain.folder is None and plain.repo_files is None
    awesome = next(run([path], RunOptions(select=("LL004", "LL605"), preset="awesome"))).inputs
    assert awesome.folder is not None and awesome.repo_files is not None
    assert awesome.repo_files.contributing.name == "Contributing.md"
    assert awesome.repo_files.code_of_conduct.name == ".github/CODE_OF_CONDUCT.md"
    assert awesome.repo_files.code_of_conduct.text == "Be kind.\n"


def test_every_declared_need_is_a_field_of_the_inputs():
    import dataclasses

    from listlint.inputs import RunInputs
    from listlint.registry import all_rules

    fields = {f.name for f in dataclasses.fields(RunInputs)}
    needs = {n for r in all_rules() for n in r.needs}
    assert {"folder", "repo_files", "repo_facts"} <= needs <= fields


def test_released_memo_gives_the_same_diagnostics_and_ends_empty():
    from listlint.config import Config, apply_preset
    from listlint.engine import Selection, run_rules
    from listlint.inputs import Memo, RunInputs
    from listlint.lint import check_source

    text = ("# Awesome X\n\n## Tools\n\n- [Alpha](https://a.example) - Does things wel.\n"
            "- [Alpha](https://a.example) - Does things wel.\n"
            "- [Beta](https://b.example): accepted by NeurIPS 2023\n")
    config = apply_preset(Config())
    rules = Selection().rules(config)
    kept = check_source(Source.from_text(text), config, rules, RunInputs())
    assert kept.memo._store  # the families stored their analyses
    memo = Memo()
    released = run_rules(kept.document, config, rules, RunInputs(), memo, release_memo=True)
    assert released == kept.diagnostics and len(released) >= 2
    assert memo._store == {}


def test_a_document_without_tokens_is_parsed_again_for_rules_that_read_them():
    from listlint.config import Config, apply_preset
    from listlint.document import parse
    from listlint.engine import Selection
    from listlint.inputs import RunInputs
    from listlint.lint import check_source

    text = "# Awesome X\n\n## Tools\n\n* * [Alpha](https://a.example) - Does a.\n"
    config = apply_preset(Config(preset="awesome"))
    rules = Selection().rules(config)
    source = Source.from_text(text)
    fresh = check_source(source, config, rules, RunInputs()).diagnostics
    given = check_source(source, config, rules, RunInputs(), document=parse(source)).diagnostics
    assert given == fresh and any(d.code.startswith("LL6") for d in fresh)
