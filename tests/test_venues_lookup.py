"""`listlint venues --lookup [--write]` end to end against services on 127.0.0.1.

The local server answers like Semantic Scholar (batch by arXiv id), DBLP (title search) and the
arXiv API (Atom with author comments), in the documented shapes.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from werkzeug.wrappers import Request, Response

from listlint.net.http import parse_retry_after
from listlint.net.lookup import _dblp_slim, arxiv_entries
from listlint.net.service import Service, session
from listlint.text import normalise_title

pytest.importorskip("pytest_httpserver")

S2_BATCH = "/graph/v1/paper/batch"
DBLP = "/search/publ/api"
ARXIV = "/api/query"

LIST = """\
# Papers

- [Known A](https://arxiv.org/abs/2301.10001): a note, accepted by OSDI'24
- [Known B](https://arxiv.org/abs/2301.10002): accepted by SOSP'23
- [Orca: A Distributed Serving System for Transformer-Based Generative Models]\
(https://arxiv.org/abs/2201.00001): continuous batching
- [Fast Serving of Long Prompts](https://arxiv.org/abs/2201.00002)
- [Spotlight Paper on Sparse Attention](https://arxiv.org/abs/2201.00003): sparse
- [Almost The Same Title Here](https://arxiv.org/abs/2201.00004): close
- [Blog post about serving](https://example.org/blog)
"""

S2_ANSWERS = {
    "arXiv:2201.00001": {"paperId": "a", "title": "Orca: A Distributed Serving System for "
                         "Transformer-Based Generative Models", "venue": "USENIX Symposium on "
                         "Operating Systems Design and Implementation", "year": 2022,
                         "externalIds": {"ArXiv": "2201.00001", "DBLP": "conf/osdi/YuJKKC22"},
                         "publicationVenue": {"name": "USENIX Symposium on Operating Systems "
                                              "Design and Implementation",
                                              "alternate_names": ["OSDI"]}},
    "arXiv:2201.00002": {"paperId": "b", "title": "Fast Serving of Long Prompts",
                         "venue": "arXiv.org", "year": 2022,
                         "externalIds": {"ArXiv": "2201.00002"}, "publicationVenue": None},
    "arXiv:2201.00003": None,
    "arXiv:2201.00004": {"paperId": "d", "title": "Almost the same title, here: extended",
                         "venue": "ICML", "year": 2023,
                         "externalIds": {"DBLP": "conf/icml/X23"}, "publicationVenue": None},
}
DBLP_HITS = {
    "Fast Serving of Long Prompts": [
        {"info": {"title": "Fast Serving of Long Prompts.", "venue": "CoRR", "year": "2022",
                  "key": "journals/corr/abs-2201-00002"}},
        {"info": {"title": "Fast Serving of Long Prompts.", "venue": "SOSP", "year": "2023",
                  "key": "conf/sosp/Fast23"}},
    ],
}
ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
{entries}
</feed>"""
ATOM_ENTRY = """<entry><id>http://arxiv.org/abs/{id}v2</id><title>{title}</title>
<arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">{comment}</arxiv:comment></entry>"""
COMMENTS = {"2201.00003": "Accepted by NeurIPS 2024 (Spotlight). 12 pages",
            "2201.00004": "Submitted to ICLR 2025"}


def s2_handler(request: Request) -> Response:
    ids = request.get_json()["ids"]
    assert request.args["fields"] == "title,venue,publicationVenue,externalIds,year"
    return Response(json.dumps([S2_ANSWERS.get(i) for i in ids]), content_type="application/json")


def dblp_handler(request: Request) -> Response:
    assert request.args["format"] == "json"
    hits = DBLP_HITS.get(request.args["q"])
    body = {"result": {"hits": {"@total": str(len(hits or [])),
                                **({"hit": hits} if hits else {})}}}
    return Response(json.dumps(body), content_type="application/json")


def arxiv_handler(request: Request) -> Response:
    ids = request.args["id_list"].split(",")
    entries = "".join(ATOM_ENTRY.format(id=i, title="t", comment=COMMENTS.get(i, "")) for i in ids)
    return Response(ATOM.format(entries=entries), content_type="application/atom+xml")


@pytest.fixture
def services(httpserver):
    httpserver.expect_request(S2_BATCH, method="POST").respond_with_handler(s2_handler)
    httpserver.expect_request(DBLP, method="GET").respond_with_handler(dblp_handler)
    httpserver.expect_request(ARXIV, method="GET").respond_with_handler(arxiv_handler)
    return httpserver


def base(server) -> str:
    """The server's address as an IP, so nothing but 127.0.0.1 is asked."""
    return f"http://127.0.0.1:{server.port}"


def project(tmp_path: Path, base: str, text: str = LIST) -> Path:
    (tmp_path / ".listlint.toml").write_text(
        "[venues]\n"
        f'semantic-scholar-url = "{base}"\n'
        f'dblp-url = "{base}"\n'
        f'arxiv-url = "{base}"\n'
        "intervals = { semantic-scholar = 0, dblp = 0, arxiv = 0 }\n", encoding="utf-8")
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    return path


def rows(result) -> dict[int, tuple[str, str]]:
    out = {}
    for line in result.stdout.splitlines()[1:]:
        parts = line.split()
        out[int(parts[0])] = (parts[1], parts[2])
    return out


def requests_to(server, path: str) -> int:
    return sum(1 for req, _ in server.log if req.path == path)


def test_lookup_end_to_end(cli, services, tmp_path):
    path = project(tmp_path, base(services))
    cache = tmp_path / "cache.json"
    result = cli("venues", path, "--lookup", "--cache-file", cache, "--no-progress")
    assert result.exit_code == 0, result.output
    assert rows(result) == {
        3: ("OSDI'24", "text"), 4: ("SOSP'23", "text"),
        5: ("OSDI'22", "lookup"),  # Semantic Scholar: exact title and a DBLP key
        6: ("SOSP'23", "lookup"),  # S2 says arXiv only; DBLP title search finds SOSP
        7: ("NeurIPS'24", "lookup?"),  # only the arXiv comment says so
        8: ("ICML'23", "lookup?"),  # the title differs: not sure
    }
    assert "2 found by look-up (2 less sure)" in result.stderr
    # one batch to Semantic Scholar, DBLP for the unsure ones, one arXiv request
    assert requests_to(services, S2_BATCH) == 1
    assert requests_to(services, DBLP) == 3
    assert requests_to(services, ARXIV) == 1
    data = json.loads(cache.read_text())
    assert data["version"] == 1 and "s2:2201.00001" in data["answers"]
    # the second run answers from the cache alone
    before = len(services.log)
    again = cli("venues", path, "--lookup", "--cache-file", cache, "--no-progress")
    assert rows(again) == rows(result) and len(services.log) == before
    # --no-cache asks again
    cli("venues", path, "--lookup", "--no-cache", "--no-progress")
    assert len(services.log) > before


def test_write_only_confident_matches(cli, services, tmp_path):
    path = project(tmp_path, base(services))
    result = cli("venues", path, "--lookup", "--write", "--cache-file", tmp_path / "c.json",
                 "--no-progress")
    assert result.exit_code == 0, result.output
    assert "wrote 2 venues found by look-up" in result.stderr
    text = path.read_text(encoding="utf-8")
    assert "Generative Models](https://arxiv.org/abs/2201.00001): continuous batching, " \
           "accepted by OSDI'22\n" in text
    assert "[Fast Serving of Long Prompts](https://arxiv.org/abs/2201.00002): accepted by " \
           "SOSP'23\n" in text
    assert "sparse\n" in text and "close\n" in text  # unsure answers are not written
    assert text.count("accepted by") == 4


def test_write_in_the_lists_notation(cli, services, tmp_path):
    text = ("- [OSDI' 24] [Known A](https://arxiv.org/abs/2301.10001)\n"
            "- [Orca: A Distributed Serving System for Transformer-Based Generative Models]"
            "(https://arxiv.org/abs/2201.00001)\n")
    path = project(tmp_path, base(services), text)
    cli("venues", path, "--lookup", "--write", "--no-cache", "--no-progress")
    assert "- [OSDI' 22] [Orca: A Distributed" in path.read_text(encoding="utf-8")


def test_rate_limited_then_answered(cli, httpserver, tmp_path):
    httpserver.expect_oneshot_request(S2_BATCH, method="POST").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "0"})
    httpserver.expect_request(S2_BATCH, method="POST").respond_with_handler(s2_handler)
    httpserver.expect_request(DBLP, method="GET").respond_with_handler(dblp_handler)
    httpserver.expect_request(ARXIV, method="GET").respond_with_handler(arxiv_handler)
    path = project(tmp_path, base(httpserver))
    result = cli("venues", path, "--lookup", "--no-cache", "--no-progress")
    assert rows(result)[5] == ("OSDI'22", "lookup")
    assert requests_to(httpserver, S2_BATCH) == 2


def test_persistent_errors_fall_back_to_dblp(cli, httpserver, tmp_path):
    httpserver.expect_request(S2_BATCH, method="POST").respond_with_data("no", status=503)
    httpserver.expect_request(DBLP, method="GET").respond_with_handler(dblp_handler)
    httpserver.expect_request(ARXIV, method="GET").respond_with_handler(arxiv_handler)
    path = project(tmp_path, base(httpserver))
    result = cli("venues", path, "--lookup", "--no-cache", "--no-progress")
    assert result.exit_code == 0
    assert rows(result)[6] == ("SOSP'23", "lookup")
    assert requests_to(httpserver, S2_BATCH) == 3  # the first try and two retries


def test_offline_is_one_line_and_exit_2(tmp_path):
    from tests.conftest import run_listlint

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    path = project(tmp_path, f"http://127.0.0.1:{port}")
    proc = run_listlint("venues", path, "--lookup", "--no-cache", "--no-progress")
    assert proc.returncode == 2
    assert proc.stderr.count("listlint:") == 1 and "offline" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert "OSDI'24" in proc.stdout  # the offline table is still printed


def test_environment_overrides_the_config(cli, services, tmp_path, monkeypatch):
    path = project(tmp_path, "http://127.0.0.1:9")  # nothing listens there
    for name in ("SEMANTIC_SCHOLAR", "DBLP", "ARXIV"):
        monkeypatch.setenv(f"LISTLINT_{name}_URL", base(services))
    result = cli("venues", path, "--lookup", "--no-cache", "--no-progress")
    assert result.exit_code == 0 and rows(result)[5] == ("OSDI'22", "lookup")


def test_progress_bar(cli, services, tmp_path):
    path = project(tmp_path, base(services))
    result = cli("venues", path, "--lookup", "--no-cache", "--progress")
    assert "looking up venues [" in result.stderr and "4/4" in result.stderr


def test_helpers():
    assert normalise_title("Orca: A Distributed Serving System.") == \
        normalise_title("orca a distributed serving system")
    assert parse_retry_after("3") == 3.0 and parse_retry_after(None) is None
    assert parse_retry_after("x") is None
    assert _dblp_slim({"result": {"hits": {"@total": "0"}}}) == []
    assert _dblp_slim({"result": {"hits": {"hit": {"info": {"title": "T.", "venue": ["A", "B"],
                                                              "key": "k"}}}}}) == \
        [{"title": "T", "venue": "A B", "year": None, "key": "k"}]
    assert _dblp_slim("garbage") is None
    assert arxiv_entries(b"<not xml") == {}
    assert arxiv_entries(b'<!DOCTYPE x [<!ENTITY a "b">]><feed/>') == {}


def test_write_keeps_line_endings_and_touches_nothing_else(cli, services, tmp_path):
    path = project(tmp_path, base(services))
    path.write_bytes(LIST.replace("\n", "\r\n").encode("utf-8"))
    before = path.read_bytes()
    cli("venues", path, "--lookup", "--write", "--no-cache", "--no-progress")
    after = path.read_bytes()
    assert b"continuous batching, accepted by OSDI'22\r\n" in after
    assert b"\n" not in after.replace(b"\r\n", b"")
    changed = [(a, b) for a, b in zip(before.split(b"\r\n"), after.split(b"\r\n")) if a != b]
    assert len(changed) == 2 and all(b.startswith(a) for a, b in changed)  # only appended


@pytest.mark.parametrize("header", ["1e9", "inf", "-5", "1.5", "\u00b2"])
def test_a_retry_after_that_is_no_delay_is_not_waited_for(httpserver, header):
    """Retry-After is delay-seconds (digits) or an HTTP date; the look-up's own parser used to
    read any float (``1e9`` waited the full minute, ``-5`` not at all) and crashed on ``²``.
    Now the link checker's parser decides: anything else means the service's own backoff."""
    httpserver.expect_oneshot_request("/busy").respond_with_data(
        "busy", status=503, headers={"Retry-After": header})
    httpserver.expect_request("/busy").respond_with_data("ok")
    waits: list[float] = []
    service = Service("busy", base(httpserver), 0.25, retries=1, session=session("test"),
                      sleep=waits.append)
    resp = service.call("GET", "/busy")
    assert resp is not None and resp.status_code == 200
    assert waits[0] == 0.25 and max(waits) == 0.25  # the backoff of the first retry
    assert parse_retry_after(header) is None


def test_a_retry_after_in_seconds_is_waited_for(httpserver):
    httpserver.expect_oneshot_request("/busy").respond_with_data(
        "busy", status=429, headers={"Retry-After": "7"})
    httpserver.expect_request("/busy").respond_with_data("ok")
    waits: list[float] = []
    service = Service("busy", base(httpserver), 0.0, retries=1, session=session("test"),
                      sleep=waits.append)
    assert service.call("GET", "/busy").status_code == 200
    assert waits == [7.0]
