"""``listlint links``, ``check --online`` and ``fix --online`` end to end, on loopback servers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from links_server import LinkServer, closed_port, loopback_hosts_available

FAST = ("--timeout", "0.5", "--retries", "0", "--no-progress")
pytestmark = pytest.mark.skipif(not loopback_hosts_available(),
                                reason="needs 127.0.0.0/8 on loopback (Linux)")


@pytest.fixture(autouse=True)
def _own_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CI", raising=False)


@pytest.fixture(scope="module")
def hosts():
    with LinkServer("127.0.0.12") as a, LinkServer("127.0.0.13") as b:
        yield a, b


@pytest.fixture
def listing(hosts, md):
    a, b = hosts
    return md(
        "# Tools\n\n"
        f"- [Fine]({a.url('/ok')}) - works.\n"
        f"- [Gone]({a.url('/dead')}) - removed.\n"
        f"- [Moved]({a.url('/moved')}#usage) - renamed.\n"
        f"- [Walled]({b.url('/challenge')}) - behind a bot wall.\n"
        f"- [Down]({b.url('/error')}) - 503.\n"
        "- [Dup](https://example.com/x) - documentation host, never asked.\n"
    )


def test_links_text_report_and_exit_status(cli, listing) -> None:
    r = cli("links", listing, *FAST)
    assert r.exit_code == 1
    codes = [line.split()[1] for line in r.stdout.splitlines() if ": LL4" in line]
    assert codes == ["LL401", "LL402", "LL403", "LL404"]
    assert "dead link: " in r.stdout and "[*]" in r.stdout
    assert "links: 5 checked" in r.stderr and "1 dead, 1 redirected, 1 blocked, 1 unreachable" \
        in r.stderr


def test_links_runs_only_link_rules(cli, hosts, md) -> None:
    a, _ = hosts
    path = md(f"- []() empty\n- [x]({a.url('/ok')})\n")
    r = cli("links", path, *FAST)
    assert r.exit_code == 0 and "LL001" not in r.stdout


def test_blocked_alone_does_not_fail(cli, hosts, md) -> None:
    _, b = hosts
    r = cli("links", md(f"- [w]({b.url('/forbidden')})\n"), *FAST)
    assert r.exit_code == 0 and "LL403" in r.stdout
    assert cli("links", md(f"- [w]({b.url('/forbidden')})\n"), *FAST, "--fail-on", "info"
               ).exit_code == 1


def test_links_json(cli, listing) -> None:
    r = cli("links", listing, *FAST, "--format", "json")
    data = json.loads(r.stdout)
    moved = next(d for d in data if d["code"] == "LL402")
    assert moved["rule"] == "redirected-link" and moved["line"] == 5
    assert moved["fix"]["applicability"] == "safe"
    assert moved["fix"]["edits"][0]["content"].endswith("/ok#usage")


def test_links_markdown_for_issue_bodies(cli, listing) -> None:
    r = cli("links", listing, *FAST, "--format", "markdown")
    assert r.stdout.startswith("## listlint links\n")
    assert "| LL401 dead-link | 1 |" in r.stdout
    main, _, infos = r.stdout.partition("<details><summary>1 info (not failing)</summary>")
    assert "dead link: http://127.0.0.12:" in main and "| LL403 | info |" not in main
    assert "| LL403 | info |" in infos and infos.rstrip().endswith("</details>")
    full = cli("links", listing, *FAST, "--format", "markdown", "--fail-on", "info").stdout
    assert "<details>" not in full and "| LL403 | info |" in full


def test_links_fix(cli, listing, hosts) -> None:
    a, _ = hosts
    r = cli("links", listing, *FAST, "--fix")
    text = listing.read_text()
    assert f"- [Moved]({a.url('/ok')}#usage) - renamed.\n" in text
    assert a.url("/dead") in text  # dead links are never touched
    assert "fixed 1 redirected link" in r.stderr and "LL402" not in r.stdout


def test_fix_online(cli, hosts, md) -> None:
    a, _ = hosts
    path = md(f"- [] [Moved]({a.url('/moved308')}) - x.\n")
    r = cli("fix", path, "--online")
    assert r.exit_code == 0
    assert path.read_text() == f"- [ ] [Moved]({a.url('/new')}) - x.\n"


def test_check_online_adds_link_rules(cli, hosts, md) -> None:
    a, _ = hosts
    path = md(f"- []() empty\n- [Gone]({a.url('/gone')})\n")
    offline = cli("check", path)
    assert "LL001" in offline.stdout and "LL401" not in offline.stdout
    online = cli("check", path, "--online")
    assert "LL001" in online.stdout and "LL401" in online.stdout and online.exit_code == 1


def test_second_run_uses_the_cache(cli, listing, hosts, tmp_path) -> None:
    a, b = hosts

    def sent() -> int:
        return sum(a.hits.values()) + sum(b.hits.values())

    cache = tmp_path / "cache.json"
    first = cli("links", listing, *FAST, "--cache-file", cache)
    before = sent()
    r = cli("links", listing, *FAST, "--cache-file", cache)
    assert "(5 from cache, 0 requests)" in r.stderr and sent() == before  # failures kept 1h
    assert r.exit_code == 1 and r.stdout == first.stdout  # the same report, LL401 to LL404
    r = cli("links", listing, *FAST, "--cache-file", cache, "--recheck-failures")
    assert "(2 from cache" in r.stderr  # /ok and /moved
    assert sent() - before == 5  # /dead (HEAD, GET), /challenge (HEAD), /error (HEAD, GET)
    assert r.exit_code == 1 and r.stdout.count(", 2 runs)") == 2  # dead and unreachable
    config = tmp_path / "no-ttl.toml"
    config.write_text('[links]\nfailure-max-age = "0"\n')
    r = cli("links", listing, *FAST, "--cache-file", cache, "--config", config)
    assert "(2 from cache" in r.stderr and sent() - before == 10
    r = cli("links", listing, *FAST, "--cache-file", cache, "--max-age", "0",
            "--recheck-failures")
    assert "(0 from cache" in r.stderr
    online = cli("check", listing, "--online", "--recheck-failures", "--timeout", "0.5")
    assert online.exit_code == 1 and "LL401" in online.stdout


def test_default_cache_location(cli, listing, tmp_path) -> None:
    cli("links", listing, *FAST)
    assert (tmp_path / "xdg" / "listlint" / "links.json").is_file()


def test_no_cache_writes_nothing(cli, listing, tmp_path) -> None:
    cli("links", listing, *FAST, "--no-cache")
    assert not (tmp_path / "xdg").exists()


def test_exclude_and_accept(cli, listing) -> None:
    r = cli("links", listing, *FAST, "--exclude", "/dead$", "--exclude", "/error$",
            "--accept", "403")
    assert r.exit_code == 0
    assert "LL401" not in r.stdout and "LL403" not in r.stdout and "LL404" not in r.stdout
    assert "links: 3 checked" in r.stderr


def test_config_table(cli, listing, tmp_path) -> None:
    (tmp_path / ".listlint.toml").write_text('[links]\nexclude = ["/dead$"]\naccept = [403]\n'
                                             'timeout = 0.5\nretries = 0\n')
    r = cli("links", listing, "--no-progress")
    assert "LL401" not in r.stdout and "LL403" not in r.stdout and "LL404" in r.stdout


def test_network_down_is_one_message(cli, md) -> None:
    lines = [f"- [p{i}](http://127.0.2.{i}:{closed_port(f'127.0.2.{i}')}/x)" for i in range(1, 6)]
    r = cli("links", md("\n".join(lines) + "\n"), *FAST)
    assert r.exit_code == 2 and r.stdout == ""
    [line] = r.stderr.strip().splitlines()
    assert line.startswith("listlint: network unreachable: none of the 5 hosts tried answered")


def test_progress_bar_only_when_asked_or_on_a_terminal(cli, listing) -> None:
    assert "checking links" not in cli("links", listing, *FAST).stderr
    bar = cli("links", listing, "--timeout", "0.5", "--retries", "0", "--no-cache",
              "--progress").stderr
    assert "checking links [" in bar and "5/5" in bar


def test_bad_options_exit_2(cli, listing) -> None:
    r = cli("links", listing, "--max-age", "soon")
    assert r.exit_code == 2 and "bad age 'soon'" in r.stderr
    r = cli("links", listing, "--accept", "2xx")
    assert r.exit_code == 2 and "bad status code list" in r.stderr
    r = cli("links", listing, "--exclude", "(")
    assert r.exit_code == 2 and "bad --exclude regular expression" in r.stderr


def test_offline_check_does_not_import_requests(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("# L\n\n- [a](https://a.org/) - x.\n")
    code = ("import sys\nfrom listlint.cli import main\n"
            "try:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('requests', 'urllib3', 'listlint.net.http') "
            "if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                         text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr


def test_check_online_network_down(cli, md, tmp_path) -> None:
    (tmp_path / ".listlint.toml").write_text("[links]\nretries = 0\n")
    lines = [f"- [p{i}](http://127.0.3.{i}:{closed_port(f'127.0.3.{i}')}/x)" for i in range(1, 4)]
    r = cli("check", md("\n".join(lines) + "\n"), "--online")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "network unreachable" in r.stderr


@pytest.mark.parametrize("where", ["config", "option"])
def test_a_cache_file_that_is_the_list_itself_is_refused_and_left_alone(tmp_path: Path,
                                                                         where: str) -> None:
    from tests.conftest import run_listlint

    readme = tmp_path / "README.md"
    text = "# L\n\n- [A](http://127.0.0.1:9/x) - a.\n"
    readme.write_text(text)
    if where == "config":
        (tmp_path / "pyproject.toml").write_text('[tool.listlint.links]\ncache-file = "README.md"\n')
        proc = run_listlint("check", "--online", "README.md", cwd=tmp_path)
    else:
        proc = run_listlint("links", "--cache-file", "README.md", "README.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1].endswith(
        "README.md: not a listlint cache (not JSON), so it is not overwritten: name another "
        "cache file, or remove this one")
    assert readme.read_text() == text
