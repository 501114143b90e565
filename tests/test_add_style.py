"""The entry `listlint add` writes follows the list's conventions: the rules of `check`
(structure, duplicates, spelling, venues, style) find nothing new after the addition, on lists
of many layouts, and on copies of the corpus lists (skipped without ../shared)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from listlint.add.metadata import Metadata, target
from listlint.add.place import own_entries
from listlint.add.plan import Wanted, plan_entry
from listlint.add.run import CHECKED_FAMILIES
from listlint.config import Config, apply_preset
from listlint.document import parse
from listlint.engine import Selection
from listlint.lint import check_source
from listlint.source import Source
from listlint.venue.table import load_table

CONFIG = apply_preset(Config())
RULES = Selection(select=CHECKED_FAMILIES).rules(CONFIG)
TABLE = load_table()
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def diagnostics(text: str) -> tuple[list, Source]:
    src = Source.from_text(text, "README.md")
    return check_source(src, CONFIG, RULES).diagnostics, src


def add(text: str, url: str, title: str, description: str = "", venue: str = "",
        section: str = "") -> tuple[str, int]:
    doc = parse(Source.from_text(text, "README.md"))
    meta = Metadata(target(url), title=title, description=description)
    new, added = plan_entry(doc, meta, Wanted(section=section, venue=venue), TABLE,
                            confirm=lambda choice: True)
    return new, added.line


def _items(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


CHECKBOX_BOLD = "# Reading\n\n## Storage\n\n" + _items([
    "* [ ] **[Bigtable: A Distributed Storage System](https://example.org/bigtable)** — the wide "
    "column store",
    "* [x] **[Dynamo: Amazon's Highly Available Key-value Store](https://example.org/dynamo)** — "
    "an eventually consistent store",
    "* [ ] **[Spanner: Google's Globally Distributed Database](https://example.org/spanner)** — "
    "external consistency with clocks",
    "* [ ] **[The Google File System](https://example.org/gfs)** — a file system for large "
    "clusters",
])

BRACKET_VENUES = "# Papers\n\n## Scheduling\n\n" + _items([
    "- [OSDI'22] [Orca: A Distributed Serving System](https://example.org/orca)",
    "- [SOSP'23] [Efficient Memory Management for Serving](https://example.org/vllm)",
    "- [OSDI'24] [DistServe: Disaggregating Prefill and Decoding](https://example.org/distserve)",
    "- [OSDI'24] [Sarathi-Serve: Taming Throughput and Latency](https://example.org/sarathi)",
    "- [NSDI'24] [MegaScale: Scaling Training to Many GPUs](https://example.org/megascale)",
])

PAREN_LOWER = "# Tools\n\n## Editors\n\n" + _items([
    "+ [Helix](https://example.org/helix): a modal editor written in rust",
    "+ [Kakoune](https://example.org/kakoune): modal editing with multiple selections",
    "+ [Micro](https://example.org/micro): a terminal editor that is easy to use",
    "+ [Neovim](https://example.org/neovim): a fork of the classic editor",
    "+ [Zed](https://example.org/zed): a fast editor for teams",
])

TABLE_LIST = "# Papers\n\n## Inference\n\n" + _items([
    "| Title | Venue | Year | Notes |",
    "|---|---|---|---|",
    "| [Orca](https://example.org/orca) | OSDI'22 | 2022 | iteration scheduling |",
    "| [PagedAttention](https://example.org/vllm) | SOSP'23 | 2023 | paged cache |",
    "| [DistServe](https://example.org/distserve) | OSDI'24 | 2024 | disaggregation |",
])


@pytest.mark.parametrize("text, url, title, description, venue, expected", [
    (CHECKBOX_BOLD, "https://example.org/chubby", "The Chubby Lock Service",
     "coarse locks for distributed systems", "",
     "* [ ] **[The Chubby Lock Service](https://example.org/chubby)** — coarse locks for "
     "distributed systems"),
    (BRACKET_VENUES, "https://example.org/splitwise", "Splitwise: Efficient Serving with Phases",
     "", "ISCA'24", "- [ISCA'24] [Splitwise: Efficient Serving with Phases]"
     "(https://example.org/splitwise)"),
    (PAREN_LOWER, "https://example.org/lapce", "Lapce", "Lightning fast editor in rust", "",
     "+ [Lapce](https://example.org/lapce): lightning fast editor in rust"),
    (TABLE_LIST, "https://example.org/splitwise", "Splitwise", "phase splitting", "ISCA'24",
     "| [Splitwise](https://example.org/splitwise) | ISCA'24 | 2024 | phase splitting |"),
], ids=["checkbox-bold-emdash", "bracket-venues", "plus-lower-nopunct", "table"])
def test_written_the_lists_way_and_draws_nothing(text, url, title, description, venue, expected):
    before, _ = diagnostics(text)
    new, line = add(text, url, title, description, venue)
    assert new.split("\n")[line - 1] == expected
    after, _ = diagnostics(new)
    assert Counter(d.code for d in after) == Counter(d.code for d in before), \
        [(d.code, d.message) for d in after]


def test_sorted_checkbox_list_keeps_its_order():
    new, line = add(CHECKBOX_BOLD, "https://example.org/chubby", "The Chubby Lock Service",
                    "coarse locks")
    titles = [x.split("**[")[1].split("]")[0] for x in new.splitlines() if "**[" in x]
    assert titles == sorted(titles, key=str.casefold)
    new, line = add(CHECKBOX_BOLD, "https://example.org/aurora", "Amazon Aurora", "a database")
    assert line == 5  # first: "Amazon" sorts before "Bigtable"


# -- lists from strangers --------------------------------------------------------------------
def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return [p for p in sorted(CORPUS.glob("*.md")) + sorted((CORPUS / "wide").glob("*.md"))
            if p.name != "README.md"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_corpus_lists_new_line_draws_nothing():
    """On copies of every corpus list: a repository and a paper added to the last section
    with entries; the new line draws no diagnostic in (nearly) every case."""
    trials = clean = 0
    failures = []
    for path in _corpus_files():
        text = path.read_text(encoding="utf-8")
        doc = parse(Source.from_text(text, "README.md"))
        sections = [s.index for s in doc.sections if len(own_entries(doc, s.index)) >= 3]
        for sec in sections[-1:]:
            anchor = "#" + doc.sections[sec].anchor
            for args in (("https://github.com/example-org/zephyr-graph-toolkit",
                          "Zephyr Graph Toolkit", "toolkit for drawing graphs in the browser", ""),
                         ("https://arxiv.org/abs/2402.01234",
                          "Serving Graph Neural Networks at Scale", "", "OSDI'24")):
                new, line = add(text, *args, section=anchor)
                after, src = diagnostics(new)
                on_line = [d.code for d in after if src.line_of(d.start) == line]
                trials += 1
                clean += not on_line
                if on_line:
                    failures.append((path.name, line, on_line))
    assert trials >= 60
    assert clean >= 0.95 * trials, failures


@pytest.mark.parametrize("markers, expected", [(("1.", "2.", "3."), "4."), (("1)", "1)", "1)"), "1)")])
def test_numbered_lists_continue_their_numbering(markers, expected):
    text = "# List\n\n## Tools\n\n" + _items([
        f"{m} [Tool {c}](https://example.org/{c}) - Does {c}." for m, c in zip(markers, "cab")])
    new, line = add(text, "https://example.org/new", "Another Tool", "does more")
    assert new.split("\n")[line - 1] == f"{expected} [Another Tool](https://example.org/new) - Does more."


def test_groups_of_a_section_pick_the_closest_list():
    text = "# Python\n\n## HTTP\n\n" + _items([
        "- Clients",
        "  - [requests](https://example.org/requests) - HTTP requests for humans.",
        "  - [urllib3](https://example.org/urllib3) - A HTTP client with connection pooling.",
        "- URL Manipulation",
        "  - [furl](https://example.org/furl) - A small URL parsing library.",
        "  - [yarl](https://example.org/yarl) - Yet another URL library.",
    ])
    new, line = add(text, "https://example.org/httpx", "httpx", "a next generation HTTP client")
    got = new.splitlines()
    assert got[line - 1] == "  - [httpx](https://example.org/httpx) - A next generation HTTP client."
    assert got[line - 2].startswith("  - [urllib3]") and got[line] == "- URL Manipulation"
    new, line = add(text, "https://example.org/purl", "purl", "URL parsing and building")
    assert new.splitlines()[line - 2].startswith("  - [yarl]")


def test_a_marker_every_entry_carries_is_copied_an_occasional_one_is_not():
    every = "# Reading\n\n## Papers\n\n" + _items([
        f"- 📄 [Paper {c}](https://example.org/{c}) - About {c}." for c in "abcd"])
    new, line = add(every, "https://example.org/e", "Paper E", "about e")
    assert new.split("\n")[line - 1] == "- 📄 [Paper E](https://example.org/e) - About e."
    some = every.replace("- 📄 [Paper b]", "- [Paper b]").replace("- 📄 [Paper c]", "- [Paper c]") \
        .replace("- 📄 [Paper d]", "- ⭐ [Paper d]")
    new, line = add(some, "https://example.org/e", "Paper E", "about e")
    assert new.split("\n")[line - 1] == "- [Paper E](https://example.org/e) - About e."
