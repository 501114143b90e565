"""Real lists from ../shared/corpus: every file and every history version parses and checks.

Skipped cleanly when ../shared is absent.
"""

from __future__ import annotations

import json

import pytest

from listlint.document import parse
from listlint.source import Source
from tests.conftest import corpus_files, history_files, needs_corpus

pytestmark = needs_corpus
ALL = corpus_files() + history_files()


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_parses_and_checks_with_valid_json(path, cli):
    doc = parse(Source.read(path))
    for e in doc.entries:
        # every part of an entry is inside the entry, and the link text is where it says
        assert e.span.start <= e.link_span.start <= e.link_span.end <= e.span.end
        assert doc.text[e.link_span.start] in "[<"
        if e.url_span is not None and e.link_kind == "inline":
            assert doc.text[e.url_span.start:e.url_span.end] == e.url
    r = cli("check", path, "--format", "json")
    assert r.exit_code in (0, 1)
    data = json.loads(r.stdout)  # notes go to standard error
    assert isinstance(data, list)
    assert all(d["path"] == str(path) and d["line"] >= 1 and d["column"] >= 1 for d in data)


def _by_name(name):
    return next(p for p in corpus_files() if p.name.startswith(name))


def test_paper_list_entries():
    doc = parse(Source.read(_by_name("chenhongyu2048")))
    # 866 list items in the file; those that start with a link are entries; and the people
    # and labs to follow, written as "[Name](url): what they do" lines of paragraphs
    items = [e for e in doc.entries if e.layout != "paragraph"]
    assert 840 <= len(items) <= 866
    assert 10 <= len(doc.entries) - len(items) <= 25
    with_box = [e for e in doc.entries if e.checked is not None]
    assert len(with_box) > 800
    assert sum(1 for e in with_box if e.checked) >= 10
    assert sum(1 for e in doc.entries if "⭐" in e.markers) == 84  # counted with grep
    assert sum(1 for e in doc.entries if e.separator == ": ") > 600


def test_awesome_list_entries_and_toc():
    doc = parse(Source.read(_by_name("sindresorhus__awesome.md")))
    assert len(doc.entries) > 650
    assert len(doc.tocs) == 1 and len(doc.tocs[0].items) > 20
    assert all(not e.url.startswith("#") for e in doc.entries)
    assert sum(1 for e in doc.entries if e.separator == " - ") > 450  # the rest: bare sub-items


def test_table_lists_have_row_entries():
    doc = parse(Source.read(_by_name("public-apis")))
    rows = [e for e in doc.entries if e.kind == "row"]
    assert len(rows) > 1400
    assert all(e.title and e.url for e in rows)


def test_clean_lists_have_no_structure_errors(cli):
    for name in ("sindresorhus__awesome.md", "sindresorhus__awesome-nodejs.md"):
        out = json.loads(cli("check", _by_name(name), "--format", "json",
                             "--select", "LL0").output)
        assert out == [], out[:3]
