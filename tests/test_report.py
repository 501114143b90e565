"""``listlint stats`` and ``listlint report``: the figures, the HTML page, Markdown, history.

The figures are checked against what ``listlint entries`` and ``listlint check`` print as JSON,
the page is checked for escaping and for having no external resource, and it is rendered in
headless Chromium (skipped when Chromium is not installed) to see that the charts are drawn.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from listlint.document import parse_text
from listlint.history import github_repo_url, spread
from listlint.model import Diagnostic, Related, Severity
from listlint.report.page import TOP_SECTIONS
from listlint.report.svg import BLUE, GREEN, GREY, LABEL_CHARS, TEAL, VERDICT_STYLES
from listlint.stats import compute, fallback_year, host_label
from tests.conftest import CORPUS, HISTORY, history_files, needs_corpus, run_listlint

PAPERS = """\
# Reading list

Intro text with a [link](https://example.org/about).

## Serving

- [x] ⭐ [Fast Serving](https://arxiv.org/abs/2401.00001): batching, accepted by OSDI'24
- [ ] [Slow Serving](https://arxiv.org/abs/2312.00002): accepted by SOSP'23
- [ ] [Paged Memory](https://dl.acm.org/doi/10.1145/1): memory
  - [ ] [Sub-item](https://arxiv.org/abs/2402.00003): nested

### Scheduling

- [x] [Fair Queues](https://www.usenix.org/conference/nsdi24/x): fair, accepted by NSDI'24
- [ ] [Chunked Prefill](https://arxiv.org/abs/2308.00004)

## Quantization

- [ ] [Low Bits](https://arxiv.org/abs/2210.00005): int4 (2022)
- [ ] [Fast Serving](https://arxiv.org/abs/2401.00001): listed twice
- [Plain](https://github.com/o/plain) - no checkbox
"""

HOSTILE = """\
# `<script>alert("h1")</script>` list

## `<img src=x onerror=alert(2)>` section

- [`<script>alert(1)</script>`](https://a.example/"onmouseover="alert(3)) - desc </td></table>
- [ok & <b>bold</b>](javascript:alert(4)) - <style>body{display:none}</style>
- [Third `</svg><script>x()</script>`](https://b.example) - wrods <iframe src="https://e.example">
- [`<script>alert(1)</script>`](https://a.example/"onmouseover="alert(3)) - again
"""


@pytest.fixture(autouse=True)
def _no_user_cache(tmp_path, monkeypatch):
    """A developer's own link cache must not leak into these tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


def _json(cli, *args: str):
    r = cli(*args)
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.stdout)


# -- the figures ------------------------------------------------------------------------------


def test_counts_of_a_paper_list():
    doc = parse_text(PAPERS, "papers.md")
    s = compute(doc, [], use_venues=False, link_verdicts=[])
    assert s.entries == 9 and s.top_level == 8
    assert (s.checked, s.unchecked, s.with_checkbox) == (2, 6, 8)
    assert s.with_description == 8
    by_title = {x.title: x for x in s.sections}
    assert (by_title["Serving"].own, by_title["Serving"].total) == (4, 6)
    assert (by_title["Serving"].checked, by_title["Serving"].unchecked) == (2, 4)
    assert (by_title["Serving"].own_checked, by_title["Serving"].own_unchecked) == (1, 3)
    assert (by_title["Scheduling"].own, by_title["Scheduling"].total) == (2, 2)
    assert by_title["Quantization"].total == 3
    assert by_title["Reading list"].total == 9 and by_title["Reading list"].own == 0
    assert s.trunk == {by_title["Reading list"].index}
    # a title with entries of its own is not a mere wrapper
    own = compute(parse_text("# T\n\n- [a](https://a.example)\n\n## S\n\n- [b](https://b.example)\n"),
                  [], use_venues=False, link_verdicts=[])
    assert own.trunk == frozenset()
    # years: arXiv identifiers, then "(2022)" when there is no arXiv id
    assert {c.label: c.count for c in s.years} == {"2022": 1, "2023": 2, "2024": 3}
    assert s.with_year == 6
    assert s.hosts[0].label == "arxiv.org" and s.hosts[0].count == 6
    assert {c.label for c in s.hosts} >= {"usenix.org", "dl.acm.org", "github.com"}
    assert s.links == 10  # the intro link counts; anchors and images do not


def test_duplicates_and_rules_come_from_diagnostics():
    doc = parse_text(PAPERS, "papers.md")
    second = next(e for e in doc.entries if e.description == "listed twice")
    first = doc.entries[0]
    diags = [
        Diagnostic("LL101", "duplicate-link", Severity.ERROR, "duplicate of line 7",
                   second.link_span.start, second.link_span.end,
                   related=(Related(first.link_span.start, first.link_span.end, "first"),)),
        Diagnostic("LL201", "misspelling", Severity.WARNING, "x", 0, 1),
        Diagnostic("LL201", "misspelling", Severity.WARNING, "y", 2, 3),
    ]
    s = compute(doc, diags, use_venues=False, link_verdicts=[])
    assert [(d.line, d.title, d.first_line, d.code) for d in s.duplicates] == \
        [(second.line, "Fast Serving", first.line, "LL101")]
    assert [(r.code, r.count) for r in s.rules] == [("LL201", 2), ("LL101", 1)]
    assert {c.label: c.count for c in s.severities} == {"error": 1, "warning": 2, "info": 0}
    assert s.diagnostics == 3


def test_venue_finder_and_link_verdicts_are_used_when_given():
    doc = parse_text(PAPERS, "papers.md")

    def venue(entry):
        if "accepted by" not in entry.description:
            return None, None
        token = entry.description.rsplit("accepted by ", 1)[1]
        name, yy = token.split("'")
        return name, 2000 + int(yy)

    def finder(doc):
        return [venue(e) for e in doc.entries]

    verdicts = [("https://arxiv.org/abs/2401.00001", "ok"), ("https://arxiv.org/abs/1", "dead"),
                ("https://arxiv.org/abs/2", "ok"), ("https://github.com/o/plain", "redirected")]
    s = compute(doc, [], venue_finder=finder, link_verdicts=verdicts)
    assert s.venues_known and s.with_venue == 3
    assert {c.label: c.count for c in s.venues} == {"OSDI": 1, "SOSP": 1, "NSDI": 1}
    # the venue year wins over the arXiv id (Slow Serving: SOSP'23, arXiv 2312)
    assert {c.label: c.count for c in s.years} == {"2022": 1, "2023": 2, "2024": 4}
    assert [(h.host, h.total) for h in s.link_verdicts] == [("arxiv.org", 3), ("github.com", 1)]
    assert [(c.label, c.count) for c in s.link_verdicts[0].verdicts] == [("ok", 2), ("dead", 1)]


def test_link_verdicts_from_the_link_checkers_cache(cli, md, tmp_path):
    net = pytest.importorskip("listlint.net.cache")
    from listlint.net.verdict import Status, Verdict

    cache_file = tmp_path / "links.json"
    cache = net.LinkCache(cache_file)
    for url, status in (("https://arxiv.org/abs/2401.00001", Status.OK),
                        ("https://arxiv.org/abs/2312.00002", Status.DEAD),
                        ("https://arxiv.org/abs/2308.00004", Status.OK),
                        ("https://github.com/o/plain", Status.REDIRECTED),
                        ("https://not-in-the-list.example/", Status.DEAD)):
        cache.record(Verdict(url, status, "test"))
    cache.save()
    path = md(PAPERS)
    data = _json(cli, "stats", path, "--format", "json", "--cache-file", cache_file)
    got = {hv["host"]: {c["label"]: c["count"] for c in hv["verdicts"]}
           for hv in data["link_verdicts"]}
    # arxiv.org/abs/2401.00001 is listed twice but is one URL with one verdict
    assert got == {"arxiv.org": {"ok": 2, "dead": 1}, "github.com": {"redirected": 1}}
    assert data["failing_links"] == [{"line": 8, "url": "https://arxiv.org/abs/2312.00002",
                                      "status": "dead", "column": 7}]
    out = tmp_path / "r.html"
    cli("report", path, "-o", out, "--cache-file", cache_file)
    page = out.read_text(encoding="utf-8")
    assert '<svg class="chart verdicts"' in page
    assert '<td class="n">8:7</td><td>dead</td><td class="msg">https://arxiv.org/abs/2312.00002' \
        in page
    text = cli("stats", path, "--cache-file", cache_file).stdout
    assert "Dead and unreachable links" in text and "https://arxiv.org/abs/2312.00002" in text
    assert _json(cli, "stats", path, "--format", "json")["link_verdicts"] == []  # no cache


def test_venues_from_the_venues_family(cli, md):
    pytest.importorskip("listlint.rules.venues")
    data = _json(cli, "stats", md(PAPERS), "--format", "json")
    assert data["venues_known"]
    venues = {c["label"]: c["count"] for c in data["venues"]}
    # named in the text (accepted by ...), canonical names; NSDI'24 also from the USENIX URL
    assert venues == {"OSDI": 1, "SOSP": 1, "NSDI": 1}
    assert data["with_venue"] == 3
    years = {c["label"]: c["count"] for c in data["years"]}
    assert years == {"2022": 1, "2023": 2, "2024": 4}  # Fair Queues: NSDI'24, no arXiv id


def test_small_helpers():
    assert host_label("https://www.GitHub.com/x") == "github.com"
    assert host_label("docs/paper.pdf") == "(relative)"
    assert host_label("mailto:a@b.c") == "(mailto)"
    assert host_label("http://[::1") == "(invalid)"
    e = parse_text("- [A](https://arxiv.org/pdf/1907.12345v2) - x\n").entries[0]
    assert fallback_year(e) == 2019
    e = parse_text("- [A](https://arxiv.org/abs/2313.12345) - x\n").entries[0]
    assert fallback_year(e) is None  # month 13: not an arXiv id
    assert spread(list(range(10)), 4) == [0, 3, 6, 9]
    assert spread(list(range(3)), 10) == [0, 1, 2]
    assert github_repo_url("git@github.com:o/r.git") == "https://github.com/o/r"
    assert github_repo_url("https://github.com/o/r") == "https://github.com/o/r"
    assert github_repo_url("https://tok@github.com/o/r.git/") == "https://github.com/o/r"
    assert github_repo_url("https://gitlab.com/o/r.git") is None


# -- the numbers agree with `entries` and `check` ---------------------------------------------


def _agree(cli, path: Path, *options: str) -> dict:
    stats = _json(cli, "stats", path, "--format", "json", *options)
    entries = _json(cli, "entries", path)
    diags = _json(cli, "check", path, "--format", "json", *options)
    assert stats["entries"] == len(entries)
    assert stats["checked"] == sum(1 for e in entries if e["checked"] is True)
    assert stats["unchecked"] == sum(1 for e in entries if e["checked"] is False)
    assert stats["with_description"] == sum(1 for e in entries if e["description"])
    own = Counter(tuple(e["section"]) for e in entries)
    sections = {tuple(t for t in _path(stats["sections"], s)): s for s in stats["sections"]}
    for path_, n in own.items():
        if path_:
            assert sections[path_]["own"] == n, path_
    assert sum(s["own"] for s in stats["sections"]) + stats["unsectioned"] == len(entries)
    assert stats["diagnostics"] == len(diags)
    assert {(r["code"], r["count"]) for r in stats["rules"]} == \
        set(Counter(d["code"] for d in diags).items())
    assert len(stats["duplicates"]) == sum(1 for d in diags if d["code"].startswith("LL1"))
    assert sorted(d["line"] for d in stats["duplicates"]) == \
        sorted(d["line"] for d in diags if d["code"].startswith("LL1"))
    if entries and "venue" in entries[0]:
        venues = Counter(_venue_name(e["venue"]) for e in entries if e.get("venue"))
        assert {c["label"]: c["count"] for c in stats["venues"]} == dict(venues)
        assert stats["with_venue"] == sum(venues.values())
        years = {int(c["label"]): c["count"] for c in stats["years"]}
        venue_years = Counter(e["venue"]["year"] for e in entries
                              if isinstance(e.get("venue"), dict) and e["venue"].get("year"))
        assert all(years.get(y, 0) >= n for y, n in venue_years.items())
    return stats


def _venue_name(v) -> str:
    return v if isinstance(v, str) else (v.get("canonical") or v.get("name"))


def _path(sections: list[dict], s: dict) -> tuple[str, ...]:
    out = [s["title"]]
    while s["parent"] is not None:
        s = sections[s["parent"]]
        out.append(s["title"])
    return tuple(reversed(out))


def test_numbers_match_entries_and_check(cli, md):
    path = md(PAPERS + HOSTILE.replace("# ", "## "))
    stats = _agree(cli, path)
    assert stats["entries"] == 12  # the javascript: link is no entry
    _agree(cli, path, "--select", "LL0,LL1")
    if "--preset" in cli("check", "--help").output:
        assert _agree(cli, path, "--preset", "awesome")["diagnostics"] > stats["diagnostics"]


@needs_corpus
def test_paper_list_of_the_corpus_matches_entries_and_check(cli, tmp_path):
    path = CORPUS / "chenhongyu2048__LLM-inference-optimization-paper.md"
    stats = _agree(cli, path)
    assert stats["is_paper_list"]
    assert stats["checked"] > 0 and stats["unchecked"] > stats["checked"]
    assert stats["with_year"] > stats["entries"] // 2
    r = cli("report", path, "--format", "markdown")
    assert f"| entries | {stats['entries']} |" in r.stdout
    assert "### Years" in r.stdout
    out = tmp_path / "paper.html"
    assert cli("report", path, "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    shown = [s for s in stats["sections"] if s["total"] and s["index"] not in stats["trunk"]]
    chart = page[page.index('<svg class="chart sections"'):]
    chart = chart[:chart.index("</svg>")]
    # 62 sections: the twelve biggest are drawn, every one is in the table under the chart
    assert chart.count('class="lbl"') == min(len(shown), TOP_SECTIONS)
    table = page[page.index('<table class="secs">'):]
    assert table[:table.index("</table>")].count("<tr>") == len(shown) + 1
    assert f"{stats['checked']} of {stats['with_checkbox']} checked" in page
    dups = page[page.index('<section id="duplicates">'):] if stats["duplicates"] else ""
    dups = dups[:dups.index("</section>")] if dups else ""
    assert dups.count("<tr>") == len(stats["duplicates"]) + (1 if dups else 0)
    assert '<svg class="chart years"' in page
    if stats["venues_known"]:
        assert '<svg class="chart venues"' in page
        top = stats["venues"][0]
        assert f"<title>{top['label']}: {top['count']} entries</title>" in page


# -- outputs ----------------------------------------------------------------------------------


SAFE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p",
             "section", "div", "b", "span", "i", "svg", "rect", "text", "line", "polyline",
             "circle", "table", "tr", "th", "td", "a", "footer", "details", "summary", "code",
             "defs", "pattern", "path"}


class _Tags(HTMLParser):
    """Every tag and attribute of a page, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.bad_attributes: list[tuple[str, str, str | None]] = []
        self.texts_in_style = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.texts_in_style += tag == "style"
        for name, value in attrs:
            if name.startswith("on") or name in ("src", "srcdoc", "formaction") or (
                    name == "href" and not (value or "").startswith("https://github.com/")):
                self.bad_attributes.append((tag, name, value))


def test_html_report_is_self_contained_and_escaped(cli, md, tmp_path):
    path = md(HOSTILE)
    out = tmp_path / "report.html"
    r = cli("report", path, "-o", out)
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    tags = _Tags()
    tags.feed(page)
    assert tags.names <= SAFE_TAGS, tags.names - SAFE_TAGS
    assert not tags.bad_attributes, tags.bad_attributes
    assert tags.texts_in_style == 1  # only our own stylesheet
    assert "&lt;script&gt;alert(&quot;h1&quot;)&lt;/script&gt; list" in page
    assert "&lt;img src=x onerror=alert(2)&gt; section" in page
    assert "Third &lt;/svg&gt;&lt;script&gt;x()&lt;/script&gt;" not in page  # hosts, not titles
    assert "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'" in page
    assert page.count("<style>") == 1
    assert "@media print" in page and "@media (max-width" in page
    assert '<svg class="chart sections"' in page


def test_html_links_lines_to_github(cli, md, tmp_path):
    path = md(PAPERS + "- [] [Broken box](https://x.example) - y\n")
    out = tmp_path / "r.html"
    cli("report", path, "-o", out, "--blob-url", "https://github.com/o/r/blob/abc/README.md")
    page = out.read_text(encoding="utf-8")
    assert '<a href="https://github.com/o/r/blob/abc/README.md#L' in page
    assert '<a href="https://github.com/listlint/listlint/blob/' in page  # rule docs
    cli("report", path, "-o", out)  # not in a git repository: plain line numbers
    page = out.read_text(encoding="utf-8")
    assert "README.md#L" not in page and "Line numbers are not links" in page


def test_markdown_report(cli, md):
    path = md(PAPERS + "## A | B `<b>`\n\n- [a|b](https://c.example) - pipe\n")
    r = cli("report", path, "--format", "markdown")
    assert r.exit_code == 0
    text = r.stdout
    assert text.startswith("## listlint report: `")
    assert "### Summary" in text and "| entries | 10 |" in text
    assert "| checked / with checkbox | 2 / 8 (25%) |" in text
    assert "### Entries per section" in text and "| \u00a0\u00a0Serving | 6 | 4 | 2 | 4 |" in text
    years = _json(cli, "stats", path, "--format", "json")["years"]
    assert "### Years" in text and years
    assert all(f"| {y['label']} | {y['count']} |" in text for y in years)
    assert "| \u00a0\u00a0A \\| B &lt;b&gt; | 1 | 1 |" in text  # cells are escaped
    assert "### Hosts" in text


def test_stats_text(cli, md):
    r = cli("stats", md(PAPERS))
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert any(line.split()[:2] == ["entries", "9"] for line in lines)
    row = next(line for line in lines if line.strip().startswith("Serving"))
    assert row.split()[:5] == ["Serving", "6", "4", "2", "4"]
    assert "Years" in r.stdout and "arxiv.org" in r.stdout


def test_errors_are_one_line_and_exit_2(tmp_path):
    r = run_listlint("report", tmp_path / "missing.md", "-o", tmp_path / "r.html")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "no such file" in r.stderr
    (tmp_path / "README.md").write_text(PAPERS, encoding="utf-8")
    r = run_listlint("stats", tmp_path / "README.md", "--history")
    assert r.returncode == 2 and "not in a git repository" in r.stderr
    assert "Traceback" not in r.stderr
    r = run_listlint("report", tmp_path / "README.md", "-o", tmp_path / "no" / "r.html")
    assert r.returncode == 2 and r.stderr.strip().endswith("cannot write (No such file or directory)")


# -- history ----------------------------------------------------------------------------------

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_AUTHOR_DATE": "2024-01-02T12:00:00", "GIT_COMMITTER_DATE": "2024-01-02T12:00:00",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def _commit_versions(repo: Path, versions: list[tuple[str, str]]) -> None:
    """Commit each (file name, text) in turn; a new name is a rename of the previous one."""
    _git(repo, "init", "-q", "-b", "main")
    name = None
    for new_name, text in versions:
        if name and new_name != name:
            _git(repo, "mv", name, new_name)
        name = new_name
        (repo / name).write_text(text, encoding="utf-8")
        _git(repo, "add", name)
        _git(repo, "commit", "-q", "-m", f"version with {text.count('- [')} items")


@needs_git
def test_history_follows_the_file_over_commits_and_renames(cli, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    lines = PAPERS.splitlines(keepends=True)
    v1 = "".join(lines[:8])  # two entries
    v2 = "".join(lines[:15])  # six entries (one nested)
    v3 = PAPERS  # nine
    _commit_versions(repo, [("list.md", v1), ("list.md", v2), ("README.md", v3)])
    (repo / "other.md").write_text("x\n", encoding="utf-8")
    _git(repo, "add", "other.md")
    _git(repo, "commit", "-q", "-m", "unrelated")
    data = _json(cli, "stats", repo / "README.md", "--history", "--format", "json")
    hist = data["history"]
    assert [p["entries"] for p in hist] == [2, 6, 9]
    assert [p["checked"] for p in hist] == [1, 2, 2]
    assert [p["links"] for p in hist] == [3, 7, 10]
    assert hist[0]["subject"] == "version with 2 items"
    assert all(len(p["commit"]) == 7 and p["date"] == "2024-01-02" for p in hist)
    limited = _json(cli, "stats", repo / "README.md", "--history", "--history-limit", "2",
                    "--format", "json")
    assert [p["entries"] for p in limited["history"]] == [2, 9]  # first and last always kept
    assert limited["history_note"].startswith("2 of the 3 commits")
    out = tmp_path / "r.html"
    assert cli("report", repo / "README.md", "--history", "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert '<svg class="chart hist-entries"' in page and "3 commits" in page
    md_text = cli("report", repo / "README.md", "--history", "--format", "markdown").stdout
    assert "### History" in md_text and "| 9 | 10 | 2 |" in md_text


@needs_git
def test_history_of_a_file_never_committed(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "README.md").write_text(PAPERS, encoding="utf-8")
    r = run_listlint("stats", repo / "README.md", "--history")
    assert r.returncode == 2 and r.stderr.strip().endswith("no commit touches this file yet")


@needs_git
def test_blob_url_from_a_github_remote(tmp_path, monkeypatch):
    from listlint.history import blob_url

    for key in ("GITHUB_REPOSITORY", "GITHUB_SHA", "GITHUB_SERVER_URL"):
        monkeypatch.delenv(key, raising=False)
    repo = tmp_path / "repo"
    repo.mkdir()
    _commit_versions(repo, [("README.md", PAPERS)])
    _git(repo, "remote", "add", "origin", "git@github.com:someone/papers.git")
    url, why = blob_url(repo / "README.md")
    assert url is not None and why == ""
    assert url.startswith("https://github.com/someone/papers/blob/") and url.endswith("/README.md")
    (repo / "README.md").write_text(PAPERS + "- [New](https://n.example)\n", "utf-8")
    url, why = blob_url(repo / "README.md")
    assert url is None and "not committed" in why
    monkeypatch.setenv("GITHUB_REPOSITORY", "o/r")
    monkeypatch.setenv("GITHUB_SHA", "f00")
    assert blob_url(repo / "README.md") == ("https://github.com/o/r/blob/f00/README.md", "")


@needs_git
@needs_corpus
def test_history_of_the_corpus_list(cli, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    files = history_files()
    picked = [files[0], files[len(files) // 2], files[-1]]
    _commit_versions(repo, [("README.md", f.read_text(encoding="utf-8")) for f in picked])
    hist = _json(cli, "stats", repo / "README.md", "--history", "--format", "json")["history"]
    expected = [len(_json(cli, "entries", f)) for f in picked]
    assert [p["entries"] for p in hist] == expected
    dups = [sum(1 for d in _json(cli, "check", f, "--format", "json", "--select", "LL1")
                if d["code"].startswith("LL1")) for f in picked]
    assert [p["duplicates"] for p in hist] == dups
    assert hist[-1]["entries"] > hist[0]["entries"]
    assert HISTORY.is_dir()


# -- a real browser ---------------------------------------------------------------------------

# Debian's `chromium` package; elsewhere Chromium or Chrome on PATH (GitHub's runners have
# google-chrome); LISTLINT_CHROMIUM names another binary with the same command line.
CHROMIUM = next((p for p in (os.environ.get("LISTLINT_CHROMIUM"), "/usr/bin/chromium",
                             *(shutil.which(n) for n in ("chromium", "chromium-browser",
                                                         "google-chrome", "google-chrome-stable")))
                 if p and os.path.exists(p)), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--force-color-profile=srgb", "--hide-scrollbars",
           f"--user-data-dir={tmp_path / 'chromium-profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit, non-interlaced RGB or RGBA PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + size]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and interlace == 0 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += size + 12
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        rows.append(bytes(line[j] for k in range(0, stride, channels) for j in (k, k + 1, k + 2)))
    return width, height, rows


def _rgb(colour: str) -> bytes:
    return bytes.fromhex(colour[1:])


def _longer_paper_list(md) -> Path:
    """PAPERS and twenty more entries, half of them checked: charts with enough to draw."""
    return md(PAPERS + "".join(f"- [{' x'[i % 2]}] [Extra {i}](https://arxiv.org/abs/2{i % 4}01."
                               f"{i:05d}): note\n" for i in range(20)))


@needs_chromium
def test_report_renders_with_charts_in_chromium(cli, md, tmp_path):
    html = tmp_path / "report.html"
    assert cli("report", _longer_paper_list(md), "-o", html).exit_code == 0
    dom = _chromium(tmp_path, "--dump-dom", html.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    for chart in ("sections", "progress", "years", "hosts"):
        assert f'<svg class="chart {chart}"' in dom.stdout, chart
    assert dom.stdout.count("<rect") >= 10
    png = tmp_path / "shot.png"
    shot = _chromium(tmp_path, f"--screenshot={png}", "--window-size=800,2600", html.as_uri())
    assert shot.returncode == 0 and png.exists(), shot.stderr[-2000:]
    width, height, rows = read_png(png)
    assert (width, height) == (800, 2600)
    first_seen: dict[str, int] = {}
    counts: Counter[str] = Counter()
    distinct: set[bytes] = set()
    wanted = {name: _rgb(c) for name, c in
              (("green", GREEN), ("grey", GREY), ("teal", TEAL), ("blue", BLUE))}
    for y, row in enumerate(rows):
        for x in range(0, len(row), 3 * 2):  # every other pixel is plenty
            px = row[x:x + 3]
            if len(distinct) < 64:
                distinct.add(px)
            for name, rgb in wanted.items():
                if px == rgb:
                    counts[name] += 1
                    first_seen.setdefault(name, y)
    assert len(distinct) > 8, "the screenshot is blank"
    for name in wanted:
        # far more than the legend's swatches (about 180 sampled pixels each) could give
        assert counts[name] > 1000, (name, counts)
    # the page order: section bars (green/grey) above the years columns (teal) above hosts
    assert first_seen["green"] < first_seen["teal"]
    assert first_seen["grey"] < first_seen["teal"]


@needs_chromium
def test_report_charts_scale_down_to_a_phone(cli, md, tmp_path):
    html = tmp_path / "report.html"
    cli("report", _longer_paper_list(md), "-o", html)
    png = tmp_path / "phone.png"
    shot = _chromium(tmp_path, f"--screenshot={png}", "--window-size=360,1400", html.as_uri())
    assert shot.returncode == 0, shot.stderr[-2000:]
    width, _, rows = read_png(png)
    assert width == 360
    green = _rgb(GREEN)
    hits = sum(1 for row in rows for i in range(0, len(row), 3) if row[i:i + 3] == green)
    # the checked-entries bars are drawn inside the narrow viewport (the legend: about 300)
    assert hits > 1200


# -- the page tells the truth, compactly, to every reader (issue 20) ---------------------------

def _cache_with(tmp_path: Path, verdicts: dict[str, str]) -> Path:
    net = pytest.importorskip("listlint.net.cache")
    from listlint.net.verdict import Status, Verdict

    cache = net.LinkCache(tmp_path / "links.json")
    for url, status in verdicts.items():
        cache.record(Verdict(url, Status(status), "test"))
    cache.save()
    return tmp_path / "links.json"


TABLE_LIST = """\
# Papers

| Paper | Code | Note |
|---|---|---|
| [Alpha](https://alpha.dev/paper) | [code](https://alpha.dev/code) | fast |
| [Beta](https://beta.dev/paper) | [code](https://beta.dev/code) | small |
"""


def test_page_never_says_no_problems_over_dead_links(cli, tmp_path):
    path = tmp_path / "README.md"
    path.write_text(TABLE_LIST, encoding="utf-8")
    cache = _cache_with(tmp_path, {"https://alpha.dev/paper": "ok", "https://alpha.dev/code": "dead",
                                   "https://beta.dev/paper": "unreachable",
                                   "https://beta.dev/code": "redirected"})
    out = tmp_path / "r.html"
    r = cli("report", path, "-o", out, "--cache-file", cache)
    assert "0 problems, 2 dead or unreachable links at the last link check" in r.stderr
    page = out.read_text(encoding="utf-8")
    header = page[page.index("<header>"):page.index("</header>")]
    assert "0 problems found by the check · 2 dead or unreachable links at the last link check" \
        in header
    problems = page[page.index('<section id="problems">'):]
    assert "None found by the check. The last link check found 2 dead or unreachable links" \
        in problems
    # In a table row, the failing link is the second cell's: line 5, column 38.
    assert '<td class="n">5:38</td><td>dead</td><td class="msg">https://alpha.dev/code' in page
    assert '<td class="n">6:3</td><td>unreachable</td>' in page
    markdown = cli("report", path, "--format", "markdown", "--cache-file", cache).stdout
    assert "| problems found by the check | 0 |" in markdown
    assert "| dead or unreachable links (last link check) | 2 |" in markdown


def _many_sections(n: int) -> str:
    return "# Big list\n" + "".join(
        f"\n## Topic {i:03d} about something rather specific and long-winded indeed\n\n"
        + "".join(f"- [T{i}-{j}](https://h{j % 7}.dev/{i}/{j}) - a tool.\n" for j in range(1 + i % 9))
        for i in range(n))


def test_many_sections_become_the_biggest_plus_a_table(cli, tmp_path):
    path = tmp_path / "README.md"
    path.write_text(_many_sections(80), encoding="utf-8")
    out = tmp_path / "r.html"
    assert cli("report", path, "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    chart = page[page.index('<svg class="chart sections"'):]
    chart = chart[:chart.index("</svg>")]
    assert chart.count('class="lbl"') == TOP_SECTIONS
    assert "Topic 008" in chart and "Topic 000" not in chart  # the biggest (9 entries) shown
    assert "And 68 other sections with" in page
    table = page[page.index('<table class="secs">'):page.index("</details>")]
    assert table.count("<tr>") == 81
    # No label in any chart is longer than what fits at a phone's font size.
    import re

    for text in re.findall(r'class="(?:lbl|val)">([^<]*)<', page):
        assert len(text.replace("&amp;", "&")) <= LABEL_CHARS, text


def _srgb_to_linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


# Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def _seen(colour: str, matrix) -> tuple[float, ...]:
    rgb = [_srgb_to_linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5)]
    return tuple(max(0.0, min(1.0, sum(m * c for m, c in zip(row, rgb)))) ** (1 / 2.2)
                 for row in matrix)


def test_verdicts_stay_apart_for_colour_blind_readers():
    failing = ("dead", "unreachable", "redirected")
    # The hues differ under every common colour-vision deficiency ...
    for name, matrix in CVD.items():
        for i, a in enumerate(failing):
            for b in failing[i + 1:]:
                pa, pb = _seen(VERDICT_STYLES[a][0], matrix), _seen(VERDICT_STYLES[b][0], matrix)
                distance = sum((x - y) ** 2 for x, y in zip(pa, pb)) ** 0.5
                assert distance > 0.12, (name, a, b, distance)
    # ... and so do the fills, for whoever cannot tell the colours at all.
    assert len({VERDICT_STYLES[v][1] for v in failing}) == 3


@needs_chromium
@pytest.mark.parametrize("width", [1400, 390])
def test_report_with_verdicts_in_chromium_at_desktop_and_phone_width(cli, tmp_path, width):
    path = tmp_path / "README.md"
    path.write_text(_many_sections(60), encoding="utf-8")
    urls = {f"https://h{j % 7}.dev/{i}/{j}": ("dead" if j == 1 else "unreachable" if j == 2 else
                                              "redirected" if j == 3 else "ok")
            for i in range(60) for j in range(1 + i % 9)}
    cache = _cache_with(tmp_path, urls)
    html = tmp_path / "report.html"
    assert cli("report", path, "-o", html, "--cache-file", cache).exit_code == 0
    png = tmp_path / f"shot-{width}.png"
    shot = _chromium(tmp_path, f"--screenshot={png}", f"--window-size={width},2400",
                     html.as_uri())
    assert shot.returncode == 0, shot.stderr[-2000:]
    w, _, rows = read_png(png)
    assert w == width
    wanted = {v: _rgb(VERDICT_STYLES[v][0]) for v in ("ok", "dead", "unreachable", "redirected")}
    counts = Counter(v for row in rows for i in range(0, len(row), 3)
                     for v, rgb in wanted.items()
                     if all(abs(a - b) < 24 for a, b in zip(row[i:i + 3], rgb)))
    for verdict in wanted:  # every verdict is drawn (more than its legend swatch)
        assert counts[verdict] > 150, (verdict, counts)
    # The section bars (blue) end inside the page, and no chart text runs into its edge.
    blue = _rgb(BLUE)
    chart_rows = [y for y, row in enumerate(rows) if blue in row]
    right = [row[3 * (w - 14):3 * (w - 8)] for row in rows[chart_rows[0]:chart_rows[-1]]]
    assert not any(min(px) < 110 for row in right for px in zip(row[::3], row[1::3], row[2::3]))


def test_report_and_stats_read_standard_input():
    text = PAPERS
    for args in (["stats", "-", "--format", "json"], ["report", "-", "--format", "markdown"]):
        r = subprocess.run([sys.executable, "-m", "listlint", *args], input=text,
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        assert "no such file" not in r.stderr
    assert json.loads(subprocess.run(
        [sys.executable, "-m", "listlint", "stats", "-", "--format", "json"], input=text,
        capture_output=True, text=True, timeout=120).stdout)["entries"] == 9
    assert r.stdout.startswith("## listlint report: `<stdin>`\n")  # a code span shows it as is


def test_markdown_report_title_is_a_code_span_for_any_path():
    from listlint.report.figures import _md_code

    assert _md_code("a|b<c>.md") == "`a|b<c>.md`"
    assert _md_code("odd`name.md") == "``odd`name.md``"
    assert _md_code("`x") == "`` `x ``"
    assert _md_code(" a.md ") == "`  a.md  `"  # one space each side is stripped when rendered
    assert _md_code("bad\x1b[31m.md") == "`bad\\x1b[31m.md`"
