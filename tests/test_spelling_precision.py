"""Spelling false alarms that lists from strangers raised (issue 16): people's names, the
list's own domain words, markup inside words and LaTeX. Each class is shown with a typo the
rules must still report next to the text they must leave alone."""

from __future__ import annotations

import pytest

from listlint.lint import check_text
from listlint.rules.spelling.english import english
from listlint.rules.spelling.known import typos_binary
from listlint.rules.spelling.names import people_spans
from listlint.source import Source

needs_typos = pytest.mark.skipif(typos_binary() is None, reason="typos is not installed")
needs_english = pytest.mark.skipif(not english(), reason="pyspellchecker is not installed")

HEAD = "# Papers\n\nA list of papers on graph learning and serving.\n\n"


def found(text: str) -> list[tuple[str, str]]:
    src = Source.from_text(text)
    return [(d.code, src.text[d.start:d.end]) for d in check_text(text, select=["LL2"])]


def names(line: str) -> list[str]:
    return [line[a:b].strip(" *_.-\t") for a, b in people_spans(line)]


# 1. people's names ----------------------------------------------------------------------
@pytest.mark.parametrize(("line", "people"), [
    ("*Ines Chami, Zhitao Ying, Christopher Ré, Jure Leskovec.*",
     ["Ines Chami", "Zhitao Ying", "Christopher Ré", "Jure Leskovec"]),
    ("_A. Name, B. Other._", ["A. Name", "B. Other"]),
    ("- Ofer Meshi, Elad Eban, Gal Elidan, Amir Globerson",
     ["Ofer Meshi", "Elad Eban", "Gal Elidan", "Amir Globerson"]),
    ("*Shoule Wu<sup>1</sup>, Ziqiang Shi<sup>2</sup>* \\",
     ["Shoule Wu<sup>1</sup>", "Ziqiang Shi<sup>2</sup>"]),
    ("Authors: Parth Sarthi, Salman Abdullah", ["Parth Sarthi", "Salman Abdullah"]),
    ("*da xu, chuanwei ruan, evren korpeoglu, sushant kumar.*",
     ["da xu", "chuanwei ruan", "evren korpeoglu", "sushant kumar"]),
    ("| GNN survey | Yann LeCun, Geoffrey Hinton | 2024 |", ["Yann LeCun", "Geoffrey Hinton"]),
    ("- [Algebra course, Prof. Gilbert Strang, MIT](https://a.example)", ["Gilbert Strang"]),
    ("([Fall 2020 by Ziv Bar-Joseph, Eric Xing](https://a.example))", ["Ziv Bar-Joseph", "Eric Xing"]),
    ("**Inception-v4** (2016), C. Szegedy et al. [[pdf]](https://a.example)", ["C. Szegedy"]),
    ("*Ziheng Huang (University of California—San Diego) et al. arXiv.*", ["Ziheng Huang"]),
    # link targets are masked as one cut, however long ("||" in the text is one too)
    ("*Ines Chami, Zhitao Ying* [[paper]](https://arxiv.org/abs/1234.5678) "
     "[[code]](https://github.com/a/b)", ["Ines Chami", "Zhitao Ying"]),
    ("[Paper](https://x.example/a) || Jane Doe, John Roe", ["Jane Doe", "John Roe"]),
])
def test_people_are_found_in_author_lines(line: str, people: list[str]) -> None:
    assert sorted(set(names(line))) == sorted(people)


@pytest.mark.parametrize("line", [
    "Supports Windows, Linux and macOS.",
    "Works with Postgres, MySQL, SQLite and Oracle Database.",
    "Fast, Simple, Small, Secure and Reliable.",
    "|  **Privacy Infomation Protect**   | [PrivQA](https://a.example), [Knowledge Sanitation](https://b.example)",
    "presents open-ended generation, multip-step reasoning, and creative ideation.",
    '* **DIAL**: "Robotic Skill Acquistion via Instruction Augmentation", *arXiv, Nov 2022*',
    "A hobby project, fun and fast; nearby tools.",
])
def test_prose_is_not_taken_for_names(line: str) -> None:
    assert names(line) == []


@needs_typos
def test_names_in_author_lines_are_not_misspellings_but_the_title_still_is() -> None:
    text = HEAD + (
        "- [Hyperbolic Graph Convolutional Networks](https://arxiv.org/abs/1910.12933)\n"
        "  *Ines Chami, Zhitao Ying, Christopher Ré, Jure Leskovec.*\n"
        "- [Robust Graph Acquistion Models](https://arxiv.org/abs/1910.12934)\n"
        "  Paul Youssef, Zhixue Zhao, Jörg Schlötterer, Christin Seifert.\n"
        "- Ofer Meshi, Elad Eban, Gal Elidan, Amir Globerson\n"
        "- [Highlights of Calculus - Gilbert Strang, MIT OCW](https://a.example/1)\n"
        "- [Linear Algebra, Prof. Gilbert Strang, MIT OCW](https://a.example/2)\n")
    assert found(text) == [("LL203", "Acquistion")]


# 2. the list's own domain words -------------------------------------------------------------
SYSTEMS = ("# Tools\n\nA list of tools for systems programming and security.\n\n"
           "- [a](https://example.com/a) - Parse a strict struct from bytes.\n"
           "- [b](https://example.com/b) - Check semver ranges of packages quickly.\n"
           "- [c](https://example.com/c) - Audit the passwd and shadow files.\n"
           "- [d](https://example.com/d) - Serialize data to a strem of bytes.\n")


@needs_typos
@needs_english
def test_words_of_the_lists_code_spans_are_its_vocabulary() -> None:
    # without the list's own code, "struct" and "passwd" look like slips of common words
    assert ("LL202", "struct") in found(SYSTEMS) and ("LL202", "passwd") in found(SYSTEMS)
    notes = "\n## Notes\n\nUse `struct Foo`, `semver::Version` and `/etc/passwd` as examples.\n"
    assert found(SYSTEMS + notes) == [("LL201", "strem")]


@needs_english
def test_repository_names_in_html_links_are_the_lists_vocabulary() -> None:
    text = HEAD + ("- [learn](https://example.com/learn) - Python module for sklearn pipelines.\n"
                   "- [more](https://example.com/more) - More sklearn things, sklearn again.\n"
                   "- [tool](https://example.com/t) - Try seglearn for time series.\n")
    assert ("LL202", "seglearn") in found(text)
    html = '- <b><a href="https://github.com/dmbee/seglearn">seglearn</a></b> - Time series.\n'
    assert ("LL202", "seglearn") not in found(text + html)


@needs_english
@pytest.mark.parametrize(("word", "typo"), [
    ("profiler", False), ("hoster", False), ("abstractive", False), ("typers", False),
    ("customisable", False), ("avant-garde", False), ("adware", False), ("adujst", True),
])
def test_derived_and_domain_words(word: str, typo: bool) -> None:
    text = HEAD + f"- [tool](https://example.com/t) - A small {word} for the brightness of it.\n"
    reported = [w for _, w in found(text)]
    assert (word in reported) is typo, reported


@needs_english
def test_abbreviations_are_no_typos() -> None:
    text = HEAD + ("- [tunnel](https://example.com/t) - 1 tunnel free (excl. HTTP tunnels).\n"
                   "- [excel](https://example.com/e) - Excel sheets, excel files, excel docs.\n")
    assert found(text) == []


# 3. markup inside words and math ------------------------------------------------------------
@needs_typos
def test_no_word_is_cut_out_of_markup_or_math() -> None:
    text = HEAD + (
        "- [YAML](https://yaml.org) - **Y**et **A**nother **M**arkup **L**anguage.\n"
        "- [UserNet](https://example.com/u) - $\\underline{U}ser$ models in $\\mathcal{O}(n)$.\n"
        "- [Seq](https://example.com/s) - _R_ecurrent nets and <b>T</b>ransformers, $$\\frac{a}{b}$$.\n"
        "- [Broken](https://example.com/b) - unlock strongbr> reasoning.\n")
    assert found(text) == []


@needs_typos
def test_typos_inside_emphasis_or_next_to_prices_are_still_found() -> None:
    text = HEAD + ("- [More](https://example.com/m) - A **langauge** model and _anotehr_ one.\n"
                   "- [Price](https://example.com/p) - Costs $5 and $10 for a langauge model.\n")
    assert [w for _, w in found(text)] == ["langauge", "anotehr", "langauge"]
