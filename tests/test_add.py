"""`listlint add URL` end to end, against services on 127.0.0.1 that answer in each service's
real format: the arXiv export API (Atom), Crossref (`/works/DOI` JSON), OpenReview (API v2
`/notes?id=` JSON), the GitHub REST API (`/repos/OWNER/NAME` JSON) and an HTML page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from werkzeug.wrappers import Request, Response

from listlint.add.metadata import page_title, target
from listlint.source import InputError

pytest.importorskip("pytest_httpserver")

PAPERS = """\
# Awesome LLM Systems

## 🚀 LLM Serving

- [Orca: A Distributed Serving System for Transformer-Based Generative Models](https://arxiv.org/\
abs/2212.00001): iteration-level scheduling, accepted by OSDI'22
- [Efficient Memory Management for Large Language Model Serving with PagedAttention](https://\
arxiv.org/abs/2309.06180): paged KV cache, accepted by SOSP'23
- [DistServe: Disaggregating Prefill and Decoding](https://arxiv.org/abs/\
2401.09670): disaggregated serving, accepted by OSDI'24
- [Sarathi-Serve: Taming Throughput-Latency Tradeoff](https://arxiv.org/abs/\
2403.02310): chunked prefills, accepted by OSDI'24

## Training Systems

- [Megatron-LM: Training Multi-Billion Parameter Language Models](https://arxiv.org/abs/\
1909.08053): tensor parallelism, accepted by SC'21
- [ZeRO: Memory Optimizations Toward Training Trillion Parameter Models](https://arxiv.org/abs/\
1910.02054): sharded optimizer states, accepted by SC'20
- [PipeDream: Generalized Pipeline Parallelism for DNN Training](https://arxiv.org/abs/\
1806.03377): pipeline parallel training, accepted by SOSP'19
"""

AWESOME = """\
# Awesome Node.js

> Delightful Node.js packages and resources.

## Contents

- [HTTP](#http)
- [Testing](#testing)

## HTTP

- [got](https://github.com/sindresorhus/got) - Nicer interface to the built-in `http` module.
- [ky](https://github.com/sindresorhus/ky) - Tiny and elegant HTTP client based on Fetch API.
- [node-fetch](https://github.com/node-fetch/\
node-fetch) - A light-weight module that brings Fetch API to Node.js.
- [superagent](https://github.com/ladjs/superagent) - HTTP request library.

## Testing

- [AVA](https://github.com/avajs/ava) - Futuristic test runner.
- [Mocha](https://github.com/mochajs/\
mocha) - Feature-rich test framework making asynchronous testing simple and fun.
- [Playwright](https://github.com/microsoft/\
playwright) - Node.js library to automate Chromium, Firefox and WebKit.
"""

TABLE = """\
# Papers

## Inference

| Date | Title | Venue | Code |
|:---:|:---|:---:|:---:|
| 2023.09 | [PagedAttention](https://arxiv.org/abs/2309.06180) | SOSP'23 | [vllm](https://\
github.com/vllm-project/vllm) |
| 2024.01 | [DistServe](https://arxiv.org/abs/2401.09670) | OSDI'24 | [code](https://github.com/\
LLMServe/DistServe) |
| 2024.03 | [Sarathi-Serve](https://arxiv.org/abs/2403.02310) | OSDI'24 | |
"""

ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?id_list={ids}" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: id_list={ids}</title>
  <id>http://arxiv.org/api/x</id>
  <updated>2024-05-01T00:00:00-04:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">{n}</opensearch:totalResults>
{entries}
</feed>"""
ATOM_ENTRY = """  <entry>
    <id>http://arxiv.org/abs/{id}v2</id>
    <updated>2024-04-02T10:00:00Z</updated>
    <published>{published}</published>
    <title>{title}</title>
    <summary>  We present a system.  </summary>
    <author><name>A. Author</name></author>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">{comment}</arxiv:comment>
    <link href="http://arxiv.org/abs/{id}v2" rel="alternate" type="text/html"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.DC" scheme="http://arxiv.org/schemas/atom"/>
  </entry>"""
ARXIV_PAPERS = {
    "2402.01234": ("Fast Distributed\n      Inference Serving for Large Language Models",
                   "2024-02-02T10:00:00Z", "Accepted at OSDI'24. 18 pages"),
    "2310.05555": ("A Paper Under Review on Serving", "2023-10-09T10:00:00Z",
                   "Submitted to NeurIPS 2024"),
}

CROSSREF = {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": {
    "DOI": "10.1145/3600006.3613165", "type": "proceedings-article",
    "title": ["Efficient Memory Management for Large Language Model Serving with PagedAttention"],
    "container-title": ["Proceedings of the 29th Symposium on Operating Systems Principles"],
    "short-container-title": [], "publisher": "ACM",
    "event": {"name": "SOSP '23: 29th Symposium on Operating Systems Principles",
              "location": "Koblenz Germany", "acronym": "SOSP '23"},
    "issued": {"date-parts": [[2023, 10, 23]]},
    "published-print": {"date-parts": [[2023, 10, 23]]}}}

OPENREVIEW = {"count": 1, "notes": [{
    "id": "AbCdEf123", "forum": "AbCdEf123", "invitations": ["ICLR.cc/2024/Conference/-/Submission"],
    "cdate": 1695300000000, "pdate": 1705300000000,
    "content": {"title": {"value": "Speculative Decoding for Serving Training Runs"},
                "venue": {"value": "ICLR 2024 poster"},
                "venueid": {"value": "ICLR.cc/2024/Conference"},
                "abstract": {"value": "We..."}}}]}

GITHUB = {"id": 1, "name": "axios", "full_name": "axios/axios", "private": False,
          "html_url": "https://github.com/axios/axios",
          "description": "Promise based HTTP client for the browser and node.js",
          "topics": ["http-client", "nodejs"], "license": {"spdx_id": "MIT"},
          "stargazers_count": 100000}

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Home | Example Testing</title>
<meta property="og:title" content="Vitest: a blazing fast unit test framework">
</head><body><h1>x</h1></body></html>"""


def arxiv_handler(request: Request) -> Response:
    ids = request.args["id_list"].split(",")
    entries = []
    for i in ids:
        if i in ARXIV_PAPERS:
            title, published, comment = ARXIV_PAPERS[i]
            entries.append(ATOM_ENTRY.format(id=i, title=title, published=published,
                                             comment=comment))
    body = ATOM.format(ids=",".join(ids), n=len(entries), entries="\n".join(entries))
    return Response(body, content_type="application/atom+xml; charset=utf-8")


@pytest.fixture
def services(httpserver, monkeypatch, tmp_path):
    httpserver.expect_request("/api/query").respond_with_handler(arxiv_handler)
    httpserver.expect_request("/works/10.1145/3600006.3613165").respond_with_json(CROSSREF)
    httpserver.expect_request("/works/10.1145/0000000.0000000").respond_with_json(
        {"status": "error"}, status=404)
    httpserver.expect_request("/notes", query_string="id=AbCdEf123").respond_with_json(OPENREVIEW)
    httpserver.expect_request("/repos/axios/axios").respond_with_json(GITHUB)
    httpserver.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    base = f"http://127.0.0.1:{httpserver.port}"
    monkeypatch.setenv("LISTLINT_ARXIV_API", f"{base}/api/query")
    monkeypatch.setenv("LISTLINT_CROSSREF_API", base)
    monkeypatch.setenv("LISTLINT_OPENREVIEW_API", base)
    monkeypatch.setenv("LISTLINT_GITHUB_API", base)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("GH_TOKEN", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return httpserver


@pytest.fixture
def offline_env(monkeypatch, tmp_path):
    """Every service pointed at a closed port: nothing may reach the internet."""
    closed = "http://127.0.0.1:9"
    for var in ("ARXIV_API", "CROSSREF_API", "OPENREVIEW_API", "GITHUB_API"):
        monkeypatch.setenv(f"LISTLINT_{var}", closed)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def write(tmp_path: Path, text: str, name: str = "README.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


# -- metadata from each service ------------------------------------------------------------
def test_arxiv_title_venue_and_date_order(cli, services, tmp_path):
    path = write(tmp_path, PAPERS)
    r = cli("add", "https://arxiv.org/pdf/2402.01234v1", "--file", path, "--section", "serving")
    assert r.exit_code == 0, r.output
    new = ("- [Fast Distributed Inference Serving for Large Language Models]"
           "(https://arxiv.org/pdf/2402.01234v1): accepted by OSDI'24")
    got = lines(path)
    # oldest first by arXiv month: after 2401.09670, before 2403.02310
    assert got.index(new) == got.index(next(x for x in got if "2401.09670" in x)) + 1
    assert "added 'Fast Distributed" in r.stderr and "oldest first" in r.stderr


def test_arxiv_bare_id_and_description_with_venue_phrase(cli, services, tmp_path):
    path = write(tmp_path, PAPERS)
    r = cli("add", "arXiv:2402.01234", "--file", path, "--section", "#llm-serving",
            "--description", "Distributed inference")
    assert r.exit_code == 0, r.output
    assert ("- [Fast Distributed Inference Serving for Large Language Models]"
            "(https://arxiv.org/abs/2402.01234): distributed inference, accepted by OSDI'24"
            ) in lines(path)


def test_submitted_is_not_a_venue(cli, services, tmp_path):
    path = write(tmp_path, PAPERS)
    r = cli("add", "2310.05555", "--file", path, "--section", "LLM Serving")
    assert r.exit_code == 0, r.output
    assert "- [A Paper Under Review on Serving](https://arxiv.org/abs/2310.05555)" in lines(path)


def test_doi_through_crossref(cli, services, tmp_path):
    text = PAPERS.replace(
        "- [Efficient Memory Management for Large Language Model Serving with PagedAttention]"
        "(https://arxiv.org/abs/2309.06180): paged KV cache, accepted by SOSP'23\n", "")
    path = write(tmp_path, text)
    r = cli("add", "https://doi.org/10.1145/3600006.3613165", "--file", path,
            "--section", "serving")
    assert r.exit_code == 0, r.output
    got = lines(path)
    new = ("- [Efficient Memory Management for Large Language Model Serving with PagedAttention]"
           "(https://doi.org/10.1145/3600006.3613165): accepted by SOSP'23")
    assert new in got
    assert got.index(new) < got.index(next(x for x in got if "2401.09670" in x))


def test_openreview_notes_v2(cli, services, tmp_path):
    path = write(tmp_path, PAPERS)
    r = cli("add", "https://openreview.net/forum?id=AbCdEf123", "--file", path,
            "--section", "Training Systems")
    assert r.exit_code == 0, r.output
    assert ("- [Speculative Decoding for Serving Training Runs]"
            "(https://openreview.net/forum?id=AbCdEf123): accepted by ICLR'24") in lines(path)


def test_github_repository_in_an_awesome_list(cli, services, tmp_path):
    path = write(tmp_path, AWESOME)
    r = cli("add", "https://github.com/axios/axios", "--file", path, "--yes")
    assert r.exit_code == 0, r.output
    got = lines(path)
    new = "- [axios](https://github.com/axios/axios) - Promise based HTTP client for the browser and node.js."
    assert got[got.index("## HTTP") + 2] == new  # alphabetical: before got
    assert "section 'Awesome Node.js > HTTP'" in r.stderr and "'http'" in r.stderr


def test_any_page_title(cli, services, tmp_path):
    path = write(tmp_path, AWESOME)
    url = services.url_for("/page")
    r = cli("add", url, "--file", path, "--section", "testing", "--description", "fast tests")
    assert r.exit_code == 0, r.output
    assert f"- [Vitest: a blazing fast unit test framework]({url}) - Fast tests." in lines(path)


def test_only_the_head_of_a_page_is_read(cli, services, tmp_path):
    services.expect_request("/huge").respond_with_data(
        "<html><head>" + " " * 1_200_000 + "<title>Late</title></head></html>",
        content_type="text/html")
    path = write(tmp_path, AWESOME)
    r = cli("add", services.url_for("/huge"), "--file", path, "--section", "testing")
    assert r.exit_code == 2 and "the page has no title" in r.stderr


def test_options_win_over_metadata(cli, services, tmp_path):
    path = write(tmp_path, PAPERS)
    r = cli("add", "2402.01234", "--file", path, "--section", "serving", "--title", "Mine",
            "--venue", "ATC'24")
    assert r.exit_code == 0, r.output
    assert "- [Mine](https://arxiv.org/abs/2402.01234): accepted by ATC'24" in lines(path)


def test_unknown_doi_needs_a_title(cli, services, tmp_path):
    path = write(tmp_path, PAPERS)
    before = path.read_bytes()
    r = cli("add", "10.1145/0000000.0000000", "--file", path, "--section", "serving")
    assert r.exit_code == 2
    assert "Crossref answered 404" in r.stderr and "--title" in r.stderr
    assert path.read_bytes() == before


def test_answers_are_cached(cli, services, tmp_path):
    path = write(tmp_path, AWESOME)
    assert cli("add", "https://github.com/axios/axios", "--file", path, "--yes").exit_code == 0
    asked = len(services.log)
    path2 = write(tmp_path, AWESOME, "other.md")
    r = cli("add", "https://github.com/axios/axios", "--file", path2, "--yes")
    assert r.exit_code == 0
    assert len(services.log) == asked  # the second run asked nobody
    assert lines(path2) == lines(path)


def test_retry_after_is_honoured(cli, httpserver, monkeypatch, tmp_path):
    httpserver.expect_ordered_request("/api/query").respond_with_data(
        "busy", status=503, headers={"Retry-After": "0"})
    httpserver.expect_ordered_request("/api/query").respond_with_handler(arxiv_handler)
    monkeypatch.setenv("LISTLINT_ARXIV_API", httpserver.url_for("/api/query"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = write(tmp_path, PAPERS)
    r = cli("add", "2402.01234", "--file", path, "--section", "serving", "--no-cache")
    assert r.exit_code == 0, r.output
    assert len(httpserver.log) == 2


# -- offline ---------------------------------------------------------------------------------
def test_offline_needs_the_title_of_a_paper(cli, offline_env, tmp_path):
    path = write(tmp_path, PAPERS)
    r = cli("add", "2402.01234", "--file", path, "--section", "serving", "--offline")
    assert r.exit_code == 2
    assert "no title" in r.stderr and "offline" in r.stderr and "--title" in r.stderr
    r = cli("add", "2402.01234", "--file", path, "--section", "serving", "--offline",
            "--title", "Fast Serving", "--venue", "OSDI'24")
    assert r.exit_code == 0, r.output
    assert "- [Fast Serving](https://arxiv.org/abs/2402.01234): accepted by OSDI'24" in lines(path)
    assert "could not fill" not in r.stderr  # the options filled everything
    path = write(tmp_path, PAPERS)
    r = cli("add", "2402.01234", "--file", path, "--section", "serving", "--offline",
            "--title", "Fast Serving")
    assert r.exit_code == 0, r.output
    assert "could not fill venue: arXiv API: offline" in r.stderr
    assert "- [Fast Serving](https://arxiv.org/abs/2402.01234)" in lines(path)


def test_asks_on_a_terminal(offline_env, tmp_path, monkeypatch):
    import io

    from listlint.add.run import AddOptions, run_add

    path = write(tmp_path, PAPERS)
    opts = AddOptions(path=str(path), title="Pipeline Parallel Training at Scale", offline=True,
                      confirm="ask")
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert run_add(["2402.01234"], opts) == 2
    assert "2402.01234" not in path.read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert run_add(["2402.01234"], opts) == 0
    got = lines(path)
    assert got.index("- [Pipeline Parallel Training at Scale](https://arxiv.org/abs/2402.01234)") \
        > got.index("## Training Systems")


def test_offline_repository_says_what_it_could_not_fill(cli, offline_env, tmp_path):
    path = write(tmp_path, AWESOME)
    r = cli("add", "https://github.com/axios/axios", "--file", path, "--section", "HTTP",
            "--offline")
    assert r.exit_code == 0, r.output
    assert "- [axios](https://github.com/axios/axios)" in lines(path)
    assert "could not fill description: offline" in r.stderr


def test_unreachable_service_degrades_to_one_line(cli, offline_env, tmp_path):
    path = write(tmp_path, PAPERS)
    r = cli("add", "2402.01234", "--file", path, "--section", "serving")
    assert r.exit_code == 2
    assert len(r.stderr.strip().splitlines()) == 1
    assert "unreachable" in r.stderr and "Traceback" not in r.stderr


# -- the right place -------------------------------------------------------------------------
def test_section_did_you_mean(cli, offline_env, tmp_path):
    path = write(tmp_path, PAPERS)
    r = cli("add", "2402.01234", "--file", path, "--section", "Trainng Sytems", "--offline",
            "--title", "T")
    assert r.exit_code == 2
    assert "no section 'Trainng Sytems'" in r.stderr and "did you mean 'Training Systems'" in r.stderr


def test_section_ambiguity(cli, offline_env, tmp_path):
    text = PAPERS + "\n### Serving on Edge Devices\n\n- [Edge](https://example.org/e): small\n" \
        "\n## Training Systems for Serving\n"
    path = write(tmp_path, text)
    r = cli("add", "2402.01234", "--file", path, "--section", "serving", "--offline",
            "--title", "T T T")
    assert r.exit_code == 2
    assert "--section 'serving' is ambiguous" in r.stderr and "LLM Serving" in r.stderr
    path = write(tmp_path, PAPERS.replace(
        "## Training", "### Serving on Edge Devices\n\n- [E](https://e.org/e): e\n\n## Training"))
    r = cli("add", "2402.01234", "--file", path, "--section", "Serving", "--offline",
            "--title", "T T T")
    assert r.exit_code == 0, r.output  # the subsection lies within LLM Serving: that one
    assert lines(path).index("- [T T T](https://arxiv.org/abs/2402.01234)") < \
        lines(path).index("### Serving on Edge Devices")


def test_proposal_is_refused_without_yes_off_a_terminal(cli, offline_env, tmp_path):
    path = write(tmp_path, PAPERS)
    before = path.read_bytes()
    r = cli("add", "2402.01234", "--file", path, "--offline",
            "--title", "Pipeline Parallel Training at Scale")
    assert r.exit_code == 2
    assert "proposed section 'Awesome LLM Systems > Training Systems'" in r.stderr
    assert "'training'" in r.stderr and "--yes" in r.stderr
    assert path.read_bytes() == before


def test_table_row_in_column_order(cli, services, tmp_path):
    path = write(tmp_path, TABLE)
    r = cli("add", "2402.01234", "--file", path, "--section", "inference")
    assert r.exit_code == 0, r.output
    got = lines(path)
    row = ("| 2024.02 | [Fast Distributed Inference Serving for Large Language Models]"
           "(https://arxiv.org/abs/2402.01234) | OSDI'24 | |")
    assert row in got
    assert got.index(row) == got.index(next(x for x in got if "2401.09670" in x)) + 1


def test_empty_section_gets_a_new_list(cli, offline_env, tmp_path):
    path = write(tmp_path, AWESOME + "\n## Logging\n")
    r = cli("add", "https://github.com/pinojs/pino", "--file", path, "--section", "logging",
            "--offline", "--description", "super fast logger")
    assert r.exit_code == 0, r.output
    assert path.read_text(encoding="utf-8").endswith(
        "## Logging\n\n- [pino](https://github.com/pinojs/pino) - Super fast logger.\n")


# -- never twice -----------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["https://arxiv.org/pdf/2309.06180v2",
                                 "http://export.arxiv.org/abs/2309.06180", "2309.06180"])
def test_same_paper_is_refused(cli, offline_env, tmp_path, url):
    path = write(tmp_path, PAPERS)
    before = path.read_bytes()
    r = cli("add", url, "--file", path, "--section", "serving", "--offline", "--title", "X Y Z")
    assert r.exit_code == 1
    assert f"{path}:6: already in the list (same arXiv id 2309.06180)" in r.stderr
    assert path.read_bytes() == before
    r = cli("add", url, "--file", path, "--section", "serving", "--offline", "--title", "X Y Z",
            "--force")
    assert r.exit_code == 0
    assert len(lines(path)) == len(before.splitlines()) + 1


def test_same_title_is_refused(cli, offline_env, tmp_path):
    path = write(tmp_path, AWESOME)
    r = cli("add", "https://github.com/someone-else/ky", "--file", path, "--section", "HTTP",
            "--offline", "--title", "node-fetch")
    assert r.exit_code == 1
    assert "same title 'node-fetch'" in r.stderr and ":14:" in r.stderr


def test_several_urls_and_a_duplicate(cli, offline_env, tmp_path):
    path = write(tmp_path, AWESOME)
    urls = tmp_path / "urls.txt"
    urls.write_text("# new ones\nhttps://github.com/axios/axios\nhttps://github.com/sindresorhus/got\n"
                    "https://github.com/nodejs/undici\n", encoding="utf-8")
    r = cli("add", "--from", urls, "--file", path, "--section", "HTTP", "--offline")
    assert r.exit_code == 1  # got is there already; the others are added
    got = lines(path)
    http = got[got.index("## HTTP") + 2:got.index("## Testing") - 1]
    assert [x.split("]")[0][3:] for x in http] == ["axios", "got", "ky", "node-fetch",
                                                    "superagent", "undici"]


# -- file guarantees -------------------------------------------------------------------------
def test_diff_writes_nothing(cli, offline_env, tmp_path):
    path = write(tmp_path, AWESOME)
    before = path.read_bytes()
    r = cli("add", "https://github.com/axios/axios", "--file", path, "--section", "HTTP",
            "--offline", "--diff")
    assert r.exit_code == 0
    assert "+- [axios](https://github.com/axios/axios)" in r.stdout
    assert path.read_bytes() == before


def test_keeps_bom_and_crlf(cli, offline_env, tmp_path):
    path = tmp_path / "README.md"
    path.write_bytes(b"\xef\xbb\xbf" + AWESOME.replace("\n", "\r\n").encode("utf-8"))
    r = cli("add", "https://github.com/axios/axios", "--file", path, "--section", "HTTP",
            "--offline", "--description", "HTTP client")
    assert r.exit_code == 0, r.output
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    assert b"- [axios](https://github.com/axios/axios) - HTTP client.\r\n" in data


def test_bad_input_is_one_line(cli, offline_env, tmp_path):
    path = write(tmp_path, AWESOME)
    r = cli("add", "not a url", "--file", path, "--offline")
    assert r.exit_code == 2 and "not a URL, arXiv id or DOI" in r.stderr
    r = cli("add", "https://github.com/a/b", "--file", tmp_path / "missing.md", "--offline")
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_targets():
    assert target("2407.12391v3").url == "https://arxiv.org/abs/2407.12391"
    assert target("doi:10.1145/3600006.3613165").kind == "doi"
    assert target("https://github.com/a/b.git").key == "a/b"
    assert target("https://github.com/a/b/issues").kind == "page"
    assert target("https://openreview.net/pdf?id=Xy1").key == "Xy1"
    with pytest.raises(InputError):
        target("javascript:alert(1)")


def test_page_title_prefers_og_and_drops_challenges():
    assert page_title(PAGE.encode()) == "Vitest: a blazing fast unit test framework"
    assert page_title(b"<html><title>Just a moment...</title></html>") == ""
    assert page_title(b"<title>A \x1b[31mred\x1b[0m title</title>") == "A [31mred [0m title"
    assert json.dumps(page_title(b"<p>no title</p>")) == '""'


def test_offline_add_imports_no_network_code(tmp_path):
    import subprocess
    import sys

    path = write(tmp_path, AWESOME)
    code = ("import sys\nfrom listlint.cli import main\n"
            f"sys.argv = ['listlint', 'add', 'https://github.com/axios/axios', '--file', {str(path)!r},"
            " '--section', 'HTTP', '--offline']\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
            "print('requests' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stderr
    assert "- [axios](https://github.com/axios/axios)" in lines(path)


def test_github_token_is_sent_and_rate_limit_waits(cli, httpserver, monkeypatch, tmp_path):
    httpserver.expect_ordered_request("/repos/axios/axios").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "0"})
    httpserver.expect_ordered_request(
        "/repos/axios/axios", headers={"Authorization": "Bearer t0ken"}).respond_with_json(GITHUB)
    monkeypatch.setenv("LISTLINT_GITHUB_API", f"http://127.0.0.1:{httpserver.port}")
    monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = write(tmp_path, AWESOME)
    r = cli("add", "https://github.com/axios/axios", "--file", path, "--section", "HTTP")
    assert r.exit_code == 0, r.output
    assert "- [axios](https://github.com/axios/axios) - Promise based HTTP client for the browser " \
        "and node.js." in lines(path)
    assert len(httpserver.log) == 2


def test_the_list_given_where_a_url_goes_is_named(cli, tmp_path):
    path = write(tmp_path, PAPERS)
    before = path.read_text(encoding="utf-8")
    r = cli("add", "--offline", "--title", "B", "https://b.example", str(path))
    assert r.exit_code == 2
    assert f"{path} is a file, not a URL: name the list with --file {path}" in r.output
    assert path.read_text(encoding="utf-8") == before
