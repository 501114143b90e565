"""The command-line contract: exit codes, formats, options, and bad input."""

from __future__ import annotations

import json
import os
import stat

import pytest

from tests.conftest import run_listlint

BROKEN = "# T\n\n- [] [A](https://a.example) - x\n- [B](#nowhere) - y\n### Jump\n"
CLEAN = "# T\n\n- [A](https://a.example) - x\n"


def test_version(cli):
    from listlint import __version__

    r = cli("--version")
    assert r.exit_code == 0 and __version__ in r.output


def test_clean_exit_0_and_summary(cli, md):
    r = cli("check", md(CLEAN))
    assert r.exit_code == 0
    assert "no problems" in r.output


def test_problems_exit_1_with_file_line_col(cli, md):
    path = md(BROKEN)
    r = cli("check", path, "--no-color")
    assert r.exit_code == 1
    assert f"{path}:3:3: LL002 malformed checkbox" in r.output
    assert f"{path}:4:7: LL003" in r.output
    assert "Found 3 problems (2 errors, 1 warning)" in r.output


def test_fail_on_threshold(cli, md):
    path = md("# T\n### Jump\n")
    assert cli("check", path).exit_code == 0  # a warning does not fail by default
    assert cli("check", path, "--fail-on", "warning").exit_code == 1


def test_select_ignore_by_code_prefix_name(cli, md):
    path = md(BROKEN)
    out = json.loads(cli("check", path, "--format", "json", "--select", "LL00").output)
    assert {d["code"] for d in out} == {"LL002", "LL003", "LL005"}
    out = json.loads(cli("check", path, "--format", "json", "--ignore",
                         "broken-anchor,LL005").output)
    assert {d["code"] for d in out} == {"LL002"}
    out = json.loads(cli("check", path, "--format", "json", "--select", "LL003",
                         "--extend-select", "heading-increment").output)
    assert {d["code"] for d in out} == {"LL003", "LL005"}


def test_unknown_selector_is_usage_error(cli, md):
    r = cli("check", md(CLEAN), "--select", "LL999")
    assert r.exit_code == 2 and "no rule matches 'LL999'" in r.output


def test_json_contract(cli, md):
    path = md(BROKEN)
    out = json.loads(cli("check", path, "--format", "json").output)
    keys = {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
            "message", "fix", "related"}
    assert all(set(d) == keys for d in out)
    box = next(d for d in out if d["code"] == "LL002")
    assert box["fix"]["applicability"] == "safe"
    assert box["fix"]["edits"] == [{"start": {"line": 3, "column": 3},
                                    "end": {"line": 3, "column": 5}, "content": "[ ]"}]
    assert box["severity"] == "error" and box["rule"] == "malformed-checkbox"


def test_github_format(cli, md):
    path = md(BROKEN)
    out = cli("check", path, "--format", "github").output.splitlines()
    assert out[0].startswith(f"::error file={path},line=3,col=3,")
    assert "title=LL002 malformed-checkbox::" in out[0]
    assert any(line.startswith("::warning ") for line in out)


def test_sarif_format(cli, md):
    out = json.loads(cli("check", md(BROKEN), "--format", "sarif").output)
    assert out["version"] == "2.1.0"
    run = out["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "LL002" in ids and all(r["helpUri"].startswith("https://")
                                  for r in run["tool"]["driver"]["rules"])
    res = run["results"][0]
    assert res["ruleId"] == "LL002"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 3 and region["startColumn"] == 3


def test_sarif_declares_its_columns_as_code_points(cli, md):
    # "🚀" is one code point and two UTF-16 code units: the column says which it counted.
    out = json.loads(cli("check", md("# L\n\n- 🚀 [](https://a.dev)\n"), "--format", "sarif",
                         "--select", "LL001").output)
    run = out["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 3 and region["startColumn"] == 5


def test_output_file_statistics_quiet(cli, md, tmp_path):
    path = md(BROKEN)
    target = tmp_path / "out.json"
    r = cli("check", path, "--format", "json", "--output-file", target)
    assert r.exit_code == 1 and r.output == ""
    assert len(json.loads(target.read_text())) == 3
    r = cli("check", path, "--statistics", "--no-color")
    assert "     1  LL002  malformed-checkbox (1 fixable)" in r.output
    r = cli("check", path, "--quiet", "--no-color")
    assert "LL005" not in r.output and "LL002" in r.output


def test_default_path_is_readme(cli, md, monkeypatch, tmp_path):
    md(BROKEN)
    monkeypatch.chdir(tmp_path)
    r = cli("check", "--no-color")
    assert r.exit_code == 1 and "README.md:3:3" in r.output


def test_directory_with_readme(cli, md, tmp_path):
    md(BROKEN)
    r = cli("check", tmp_path, "--no-color")
    assert r.exit_code == 1 and "README.md:3:3" in r.output


def test_rules_and_rule(cli):
    r = cli("rules")
    assert r.exit_code == 0 and "LL003  broken-anchor" in r.output
    r = cli("rule", "broken-anchor")
    assert r.exit_code == 0 and "## What it does" in r.output and "LL003" in r.output
    assert cli("rule", "LL999").exit_code == 2


def test_entries_json_and_csv(cli, md):
    path = md("## S\n\n- [ ] ⭐ [A](https://a.example): note\n")
    data = json.loads(cli("entries", path).output)
    assert data[0]["title"] == "A" and data[0]["section"] == ["S"]
    assert data[0]["checked"] is False and data[0]["markers"] == ["⭐"]
    assert {"path", "line", "end_line", "url", "description"} <= set(data[0])
    assert data[0]["spans"]["url"]["start_byte"] == len("## S\n\n- [ ] ⭐ [A](".encode())
    out = cli("entries", path, "--format", "csv").output.splitlines()
    assert out[0].startswith("path,line,end_line,section,title,url,description,checked,markers")
    assert ",A,https://a.example,note,false,⭐," in out[1]


# Bad input: one line on stderr, exit 2, no traceback ---------------------------------------
def _bad(result):
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("listlint: ")
    return lines[0]


def test_missing_file(tmp_path):
    assert "no such file" in _bad(run_listlint("check", tmp_path / "nope.md"))


def test_directory_without_readme(tmp_path):
    assert "directory without a README.md" in _bad(run_listlint("check", tmp_path))


def test_no_readme_here(tmp_path):
    assert "no README.md in this folder" in _bad(run_listlint("check", cwd=tmp_path))


def test_binary_file(tmp_path):
    p = tmp_path / "x.md"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert "binary" in _bad(run_listlint("check", p))


def test_invalid_utf8_says_where(tmp_path):
    p = tmp_path / "x.md"
    p.write_bytes(b"# ok\n\nbad \xff here\n")
    assert "x.md:3:5: not valid UTF-8" in _bad(run_listlint("check", p))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path):
    p = tmp_path / "x.md"
    p.write_text("# x\n")
    p.chmod(0)
    try:
        assert "cannot read" in _bad(run_listlint("check", p))
    finally:
        p.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_unknown_option_is_usage_error(tmp_path):
    r = run_listlint("check", "--frobnicate")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_empty_file_is_clean(tmp_path):
    p = tmp_path / "x.md"
    p.write_bytes(b"")
    r = run_listlint("check", p)
    assert r.returncode == 0, r.stderr


def test_offline_commands_do_not_import_requests(tmp_path):
    import subprocess
    import sys

    p = tmp_path / "README.md"
    p.write_text(BROKEN)
    code = ("import sys; from listlint.cli import main\n"
            "try:\n    main(['check', sys.argv[1], '--format', 'json'])\n"
            "except SystemExit: pass\n"
            "assert 'requests' not in sys.modules, 'requests imported'\n"
            "assert 'urllib3' not in sys.modules\n")
    r = subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_output_file_in_missing_folder(tmp_path):
    p = tmp_path / "README.md"
    p.write_text("# T\n")
    line = _bad(run_listlint("check", p, "-o", tmp_path / "nope" / "x.json"))
    assert "No such file or directory" in line
    line = _bad(run_listlint("entries", p, "-o", tmp_path / "nope" / "x.json"))
    assert "nope/x.json" in line


# Newcomer polish -----------------------------------------------------------------------------
@pytest.mark.parametrize("args, needle, where", [
    (("check", "--fail-on", "bogus"), "'bogus' is not one of", "listlint check --help"),
    (("check", "--format", "nope"), "'nope' is not one of", "listlint check --help"),
    (("check", "--frobnicate"), "no such option '--frobnicate' (did you mean", "listlint check --help"),
    (("rule",), "missing argument 'CODE'", "listlint rule --help"),
    (("chek",), "no such command 'chek' (did you mean 'check'?)", "listlint --help"),
])
def test_usage_errors_are_one_line(tmp_path, args, needle, where):
    line = _bad(run_listlint(*args, cwd=tmp_path))
    assert needle.lower() in line.lower() and line.endswith(f"; see `{where}`"), line


def test_help_is_unchanged_by_one_line_errors(cli):
    r = cli("check", "--help")
    assert r.exit_code == 0 and "Usage:" in r.output and "--fail-on" in r.output


@pytest.mark.parametrize("encoding, name", [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"),
                                            ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")])
def test_utf16_and_utf32_are_named(tmp_path, encoding, name):
    p = tmp_path / "x.md"
    p.write_bytes("# Title\n\n- [A](https://a.example) - x\n".encode(encoding))
    line = _bad(run_listlint("check", p))
    assert line == f"listlint: {p}: {name} text; save it as UTF-8", line


def test_check_reads_stdin(cli):
    r = cli("check", "-", "--no-color", input=BROKEN)
    assert r.exit_code == 1
    assert "<stdin>:3:3: LL002" in r.output


def test_check_stdin_skips_relative_file_checks(cli):
    r = cli("check", "-", "--no-color", input="# T\n\n- [A](no-such-file.md) - x\n")
    assert r.exit_code == 0 and "LL004" not in r.output, r.output


def test_fix_stdin_writes_stdout(cli):
    r = cli("fix", "-", input=BROKEN)
    assert "- [ ] [A](https://a.example) - x\n" in r.stdout
    assert r.stdout.startswith("# T\n")
    assert "fixed 1 problem" in r.stderr and "<stdin>" in r.stderr


def test_quiet_filters_every_format(cli, md):
    path = md(BROKEN)  # LL002 error, LL003 error, LL005 warning
    for fmt in ("json", "github", "text", "markdown"):
        out = cli("check", path, "--format", fmt, "--quiet", "--no-color").output
        assert "LL005" not in out and "LL002" in out, fmt
    run = json.loads(cli("check", path, "--format", "sarif", "-q").output)["runs"][0]
    assert {r["ruleId"] for r in run["results"]} == {"LL002", "LL003"}
    data = json.loads(cli("check", path, "--format", "json", "-q", "--fail-on",
                          "warning").output)
    assert {d["code"] for d in data} == {"LL002", "LL003", "LL005"}
    assert "--fail-on" in cli("check", "--help").output.split("--quiet", 1)[1][:200]


def test_quiet_uses_the_configs_fail_on(cli, md, tmp_path):
    """With ``fail-on = "warning"`` in the config, ``--quiet`` shows the warning that makes
    the exit status 1 (the report and the exit status use one threshold)."""
    path = md("# T\n\n- [A](https://a.example) - x\n\n### Jump\n")  # LL005, a warning
    (tmp_path / ".listlint.toml").write_text('fail-on = "warning"\n')
    loud = cli("check", path, "--no-color")
    assert loud.exit_code == 1 and "warning" in loud.output
    quiet = cli("check", path, "--quiet", "--no-color")
    assert quiet.exit_code == 1
    codes = {line.split(": ")[1].split()[0] for line in loud.output.splitlines()
             if line.startswith(str(path))}
    assert codes and all(code in quiet.output for code in codes)
    data = json.loads(cli("check", path, "-q", "--format", "json").output)
    assert {d["code"] for d in data} == codes == {"LL005"}
    clean = md("# T\n\n- [A](https://a.example) - x\n", name="clean.md")
    assert cli("check", clean, "-q").exit_code == 0


def test_sarif_uri_is_relative_below_cwd(cli, md, tmp_path, monkeypatch):
    path = md(BROKEN, name="list.md")
    monkeypatch.chdir(tmp_path)
    run = json.loads(cli("check", str(path.resolve()), "--format", "sarif").output)["runs"][0]
    loc = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uri"] == "list.md"
    assert loc.get("uriBaseId") == "%SRCROOT%"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_sarif_uri_stays_absolute_outside_cwd(cli, md, tmp_path, monkeypatch):
    path = md(BROKEN, name="list.md")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    run = json.loads(cli("check", str(path.resolve()), "--format", "sarif").output)["runs"][0]
    loc = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uri"] == path.resolve().as_uri() and "uriBaseId" not in loc


def test_fix_online_has_timeout_and_exclude(cli):
    out = cli("fix", "--help").output
    assert "--timeout" in out and "--exclude" in out


def test_fix_and_check_online_honour_exclude(cli, md, tmp_path, monkeypatch):
    from links_server import LinkServer, loopback_hosts_available

    if not loopback_hosts_available():
        pytest.skip("needs 127.0.0.0/8 on loopback (Linux)")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    with LinkServer("127.0.0.14") as a:
        gone = a.url("/gone")
        path = md(f"# T\n\n- [Gone]({gone}) - x\n")
        fast = ("--timeout", "0.5")
        assert "LL401" in cli("check", path, "--online", *fast).output
        r = cli("check", path, "--online", *fast, "--exclude", "/gone$", "--no-color")
        assert r.exit_code == 0 and "LL401" not in r.output, r.output
        r = cli("fix", path, "--online", *fast, "--exclude", "/gone$")
        assert r.exit_code == 0 and "0 remain" in r.stderr, r.stderr
        r = cli("fix", path, "--online", *fast)
        assert r.exit_code == 1 and "LL401" in r.output


def test_gc_tuning_only_in_the_console_script(cli, tmp_path):
    """Invoking the command group (as a library user or the language server's host does)
    leaves the collector alone; the console script tunes it for its one short run."""
    import gc
    import subprocess
    import sys

    before = gc.get_threshold()
    assert cli("rules").exit_code == 0
    assert gc.get_threshold() == before
    code = ("import gc, sys\nfrom listlint import cli\n"
            "cli.main = lambda: print(gc.get_threshold())\ncli.entry()\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "(50000, 20, 100)"
    from tests.conftest import ROOT

    assert 'listlint = "listlint.cli:entry"' in (ROOT / "pyproject.toml").read_text()
    assert "entry()" in (ROOT / "src" / "listlint" / "__main__.py").read_text()
