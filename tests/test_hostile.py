"""Odd but valid input is linted normally; hostile input never crashes or hangs.

The sizes are those the issue names, so each case runs in a subprocess; the timeout is only a
safety net (speed itself is measured in benchmarks/bench_check.py, not asserted here).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_listlint

CASES = {
    "deep-list-nesting": "".join("  " * i + f"- [x{i}](https://e.example/{i})\n"
                                 for i in range(1500)),
    "deep-blockquotes": ">" * 50_000 + " [x](https://e.example)\n",
    "200k-open-brackets": "[" * 200_000 + "\n",
    "many-unclosed-links": "[a](" * 50_000 + "\n",
    "unbalanced-parens": "[a](" + "(" * 100_000 + "\n",
    "2MB-url": "- [big](https://example.com/" + "a" * 2_000_000 + ") - desc\n",
    "backtick-runs": " ".join("`" * (i % 40 + 1) for i in range(60_000)) + "\n",
    "unclosed-html": "<a " * 100_000 + "\n",
    "emphasis-soup": "*a **b _c " * 50_000 + "\n",
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_is_linted(name, tmp_path):
    path = tmp_path / "README.md"
    path.write_text(CASES[name], encoding="utf-8")
    r = run_listlint("check", path, "--format", "json", timeout=120)
    assert r.returncode in (0, 1), r.stderr
    assert isinstance(json.loads(r.stdout), list)


LINES_OF_URLS = {  # ~6 MB each: quadratic before (killed after 120 s), ~13 s now
    "bare URLs": "- " + "".join(f"https://a.org/{i} " for i in range(300_000)) + "\n",
    "URLs without spaces": "- " + "".join(f"https://a.org/{i}" for i in range(300_000)) + "\n",
}


@pytest.mark.parametrize("name", list(LINES_OF_URLS))
def test_a_line_of_300k_urls_is_read_in_linear_time(name, tmp_path):
    path = tmp_path / "README.md"
    path.write_text(LINES_OF_URLS[name], encoding="utf-8")
    command = "check" if name == "bare URLs" else "fix"
    r = run_listlint(command, path, "--diff", timeout=90) if command == "fix" else \
        run_listlint(command, path, "--format", "json", timeout=90)
    assert r.returncode in (0, 1), r.stderr


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_line_endings_give_same_diagnostics(eol, tmp_path):
    text = "# T\n\n- [] [A](https://a.example) - x\n- [B](#nowhere) - y\n### Jump\n"
    path = tmp_path / "README.md"
    path.write_bytes(text.replace("\n", eol).encode())
    r = run_listlint("check", path, "--format", "json")
    got = [(d["code"], d["line"], d["column"]) for d in json.loads(r.stdout)]
    assert got == [("LL002", 3, 3), ("LL003", 4, 7), ("LL005", 5, 1)]


def test_bom_and_no_final_newline(tmp_path):
    path = tmp_path / "README.md"
    path.write_bytes("\ufeff# T\n\n- [B](#nowhere) - y".encode())
    r = run_listlint("check", path, "--format", "json")
    got = [(d["code"], d["line"], d["column"]) for d in json.loads(r.stdout)]
    assert got == [("LL003", 3, 7)]


@pytest.mark.slow
def test_large_list_20mb(tmp_path):
    item = "- [ ] ⭐ [Paper {i}: A System](https://arxiv.org/abs/2401.{i:05d}): note, accepted by OSDI'24\n"
    parts = ["# Big\n\n"]
    size = 0
    i = 0
    while size < 20_000_000:
        if i % 500 == 0:
            parts.append(f"\n## Section {i // 500}\n\n")
        line = item.format(i=i)
        parts.append(line)
        size += len(line)
        i += 1
    path = tmp_path / "README.md"
    path.write_text("".join(parts), encoding="utf-8")
    r = run_listlint("check", path, "--select", "LL0,LL1", "--format", "json", timeout=600)
    assert r.returncode == 0, r.stderr  # valid links, distinct papers: nothing to report
    assert json.loads(r.stdout) == []
    r = run_listlint("entries", path, "--format", "json", timeout=600)
    entries = json.loads(r.stdout)
    assert len(entries) == i  # every line read as an entry, none lost to the size
    assert entries[-1]["url"] == f"https://arxiv.org/abs/2401.{i - 1:05d}"
