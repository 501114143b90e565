"""Duplicate rules LL101-LL104: defects, clean cases, intent, the fix, and the real corpus."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from listlint.config import config_from_table
from listlint.lint import check_text
from listlint.model import Diagnostic, Severity
from listlint.source import Source
from listlint.text import normalise_title
from tests.conftest import CORPUS, needs_corpus

PAPER_LIST = CORPUS / "chenhongyu2048__LLM-inference-optimization-paper.md"


def found(text: str, select: str = "LL1", **kw) -> list[tuple[str, int, int]]:
    """(code, line, line of the first occurrence) for each diagnostic."""
    src = Source.from_text(text)
    out = []
    for d in check_text(text, select=[select], **kw):
        first = src.line_of(d.related[0].start) if d.related else 0
        out.append((d.code, src.line_of(d.start), first))
    return out


def one(text: str, select: str = "LL1", **kw) -> Diagnostic:
    diags = check_text(text, select=[select], **kw)
    assert len(diags) == 1, diags
    return diags[0]


def config(rules: dict) -> object:
    return config_from_table({"rules": rules}, None)


# title normalisation --------------------------------------------------------------------
def test_normalise_title() -> None:
    assert normalise_title("Don’t  Stop—Serving “LLMs”!") == normalise_title("don't stop - serving 'llms'")
    assert normalise_title("LLM‐based Serving") == normalise_title("LLM-Based serving")
    assert normalise_title("Ｆｕｌｌ width") == "full width"
    assert normalise_title("vLLM 2") != normalise_title("vLLM 3")


# LL101 duplicate-link -------------------------------------------------------------------
def test_duplicate_link_across_spellings() -> None:
    text = ("# Papers\n\n"
            "- [LLM Inference Serving: Survey](https://arxiv.org/abs/2407.12391)\n"
            "- [Something else entirely](https://example.com/a)\n"
            "- [LLM Inference Serving: Survey](http://arxiv.org/pdf/2407.12391v2.pdf): newer\n")
    d = one(text)
    assert d.code == "LL101" and d.rule == "duplicate-link"
    assert d.message.startswith("duplicate of line 3: same arXiv id 2407.12391")
    assert "written 'arxiv.org/abs/2407.12391' there" in d.message
    assert Source.from_text(text).line_of(d.related[0].start) == 3
    assert d.related[0].message == "first occurrence"


@pytest.mark.parametrize(("a", "b", "evidence"), [
    ("https://doi.org/10.1145/3600006.3613165",
     "https://dl.acm.org/doi/pdf/10.1145/3600006.3613165", "same DOI 10.1145/3600006.3613165"),
    ("https://openreview.net/forum?id=AbC", "https://openreview.net/pdf?id=AbC",
     "same OpenReview id AbC"),
    ("https://github.com/vllm-project/vllm", "https://github.com/vLLM-project/vllm.git#readme",
     "same GitHub repository vllm-project/vllm"),
    ("https://example.com/tool/", "http://www.example.com/tool?utm_source=x",
     "same link example.com/tool"),
])
def test_duplicate_link_evidence(a: str, b: str, evidence: str) -> None:
    text = f"- [Same name here](<{a}>) - A.\n- [Same name here](<{b}>) - B.\n"
    d = one(text)
    assert d.code == "LL101"
    assert evidence in d.message


def test_duplicate_link_clean() -> None:
    text = ("- [A](https://github.com/o/r) - a.\n"
            "- [B](https://github.com/o/r/tree/main/sub) - b.\n"
            "- [C](https://arxiv.org/abs/2407.12391) - c.\n"
            "- [D](https://arxiv.org/abs/2407.12392) - d.\n"
            "- [E](https://example.com/?page=1) - e.\n"
            "- [F](https://example.com/?page=2) - f.\n")
    assert found(text) == []


def test_only_the_main_link_counts() -> None:
    # side links, badges and ToC links repeat freely; an entry's own links are not duplicates
    text = ("# List\n\n- [Contents](#list)\n- [More](#list)\n\n"
            "- [Paper one](https://arxiv.org/abs/2401.00001) [[pdf]](https://arxiv.org/pdf/2401.00001)"
            " [[code]](https://github.com/o/r)\n"
            "- [Paper two](https://arxiv.org/abs/2401.00002) [[code]](https://github.com/o/r)"
            " [![stars](https://img.shields.io/x)](https://github.com/o/r)\n"
            "- [Paper three](https://arxiv.org/abs/2401.00003)\n"
            "  - [Paper three](https://arxiv.org/pdf/2401.00003) - its pdf, as a sub-item\n")
    assert found(text) == []


def test_a_group_of_three_points_each_repeat_at_the_first() -> None:
    text = ("- [Tool](https://a.example/x) - one.\n- [Tool](https://a.example/x) - two.\n"
            "- [Tool](https://a.example/x/) - three.\n")
    assert found(text) == [("LL101", 2, 1), ("LL101", 3, 1)]


def test_same_link_other_title_is_still_a_duplicate_link_for_projects() -> None:
    text = "- [Markestack](https://apilayer.com/mediastack) - A.\n" \
           "- [Mediastack](https://apilayer.com/mediastack) - B.\n"
    d = one(text)
    assert d.code == "LL101" and "('Markestack' there, 'Mediastack' here)" in d.message
    assert d.message.startswith("different names for the same link as line 1")
    assert d.severity.name == "WARNING"


# LL104 same-paper-different-title -------------------------------------------------------
def test_same_paper_different_title() -> None:
    text = ("- [Mnemosyne: Parallelization Strategies](https://arxiv.org/abs/2409.17264)\n"
            "- [Medha: Serving Multi-Million Context](https://arxiv.org/pdf/2409.17264v2)\n")
    d = one(text)
    assert d.code == "LL104" and d.rule == "same-paper-different-title"
    assert "same arXiv id 2409.17264" in d.message and "Mnemosyne" in d.message
    assert d.severity.name == "WARNING"


def test_same_paper_same_title_is_ll101_only() -> None:
    text = ("- [Medha: Serving](https://arxiv.org/abs/2409.17264)\n"
            "- [MEDHA — serving](https://arxiv.org/abs/2409.17264)\n")
    assert found(text) == [("LL101", 2, 1)]


def test_same_paper_prefers_the_twin_with_the_same_title() -> None:
    text = ("- [Old Name of the Paper](https://arxiv.org/abs/2409.17264)\n"
            "- [New Name of the Paper](https://arxiv.org/abs/2409.17264)\n"
            "- [New Name of the Paper](https://arxiv.org/pdf/2409.17264)\n")
    assert found(text) == [("LL104", 2, 1), ("LL101", 3, 2)]


def test_a_benchmark_named_after_its_paper_is_a_cross_listing_not_a_renamed_paper() -> None:
    # a table of benchmarks links each one's name to the paper listed above by its title
    text = ("# Papers\n\n## Analysis\n\n"
            "- [Cross-Lingual Knowledge Editing in Large Language Models](https://arxiv.org/abs/2309.08952)\n"
            "- [DUnE: Dataset for Unified Editing](https://arxiv.org/abs/2311.16087)\n\n"
            "## Benchmarks\n\n| Task | Dataset |\n|---|---|\n"
            "| Multi-Lingual | [Bi-ZsRE](https://arxiv.org/pdf/2309.08952.pdf) |\n"
            "| Unified | [DUnE](https://arxiv.org/pdf/2311.16087.pdf) |\n")
    ds = check_text(text, select=["LL1"])
    assert [(d.code, d.severity) for d in ds] == [("LL101", Severity.INFO)] * 2
    assert all(d.message.startswith("also listed under section 'Analysis'") for d in ds)
    # two full titles for one arXiv id stay a renamed (or mislinked) paper, across sections too
    renamed = text.replace("[DUnE](https", "[Unified Editing Benchmarks for LLMs](https")
    assert [(d.code, d.severity) for d in check_text(renamed, select=["LL1"])] == [
        ("LL101", Severity.INFO), ("LL104", Severity.WARNING)]


def test_a_title_with_words_added_is_the_same_title() -> None:
    text = ("- [Editing Large Language Models: Problems, Methods, and Opportunities](https://arxiv.org/abs/2305.13172)\n"
            "- [Editing Large Language Models: Problems, Methods, and Opportunities, EMNLP 2023 "
            "Main Conference Paper](https://arxiv.org/abs/2305.13172)\n")
    assert found(text) == [("LL101", 2, 1)]


def test_same_paper_clean() -> None:
    text = ("- [Medha: Serving](https://arxiv.org/abs/2409.17264)\n"
            "- [Medha: Serving, the talk](https://www.youtube.com/watch?v=xyz)\n")
    assert found(text, "LL104") == []


# LL102 duplicate-title ------------------------------------------------------------------
def test_duplicate_title_normalised() -> None:
    text = ("- [Does compressing activations help model parallel training?]"
            "(https://arxiv.org/abs/2301.02654)\n"
            "- [Does Compressing Activations Help Model-Parallel Training](https://mlsys.org/x)\n")
    d = one(text)
    assert d.code == "LL102" and d.severity.name == "WARNING"
    assert "'arxiv.org/abs/2301.02654' there, 'mlsys.org/x' here" in d.message


def test_duplicate_title_clean_for_short_names_and_generic_titles() -> None:
    # four Go packages called env are four packages; [pdf] and [code] say nothing
    text = ("- [env](https://github.com/a/env) - a.\n- [env](https://github.com/b/env) - b.\n"
            "- [go-jwt](https://github.com/a/go-jwt)\n- [go-jwt](https://github.com/b/go-jwt)\n"
            "- [Paper](https://a.example/p1)\n- [Paper](https://a.example/p2)\n")
    assert found(text) == []


def test_duplicate_title_min_words_option() -> None:
    text = "- [env](https://github.com/a/env) - a.\n- [env](https://github.com/b/env) - b.\n"
    assert found(text, config=config({"duplicate-title": {"min-words": 1}})) == \
        [("LL102", 2, 1)]


# LL103 near-duplicate-title -------------------------------------------------------------
def test_near_duplicate_typo_and_similarity() -> None:
    text = ("- [Intelligent Router for LLM Workloads](https://example.com/a)\n"
            "- [Intelligent Router for LLMs Workloads](https://example.com/b)\n")
    d = one(text)
    assert d.code == "LL103" and d.severity.name == "INFO"
    assert re.search(r"title is 9\d% similar to line 1", d.message)
    assert "'llm' / 'llms': a typo?" in d.message


def test_near_duplicate_one_word_changed_in_a_long_title() -> None:
    text = ("- [DeepServe: Serverless Large Language Model Serving at Scale](https://a.example/1)\n"
            "- [DeepFlow: Serverless Large Language Model Serving at Scale](https://a.example/2)\n")
    assert found(text) == [("LL103", 2, 1)]


def test_near_duplicate_word_added_and_spacing() -> None:
    text = ("- [Efficient Serving of Large Language Models](https://a.example/1)\n"
            "- [Efficient Serving of Large Language Models Everywhere Today](https://a.example/9)\n"
            "- [Efficient Serving of Large Language Models Today](https://a.example/2)\n"
            "- [LLMServingSim: A Simulator for Serving](https://a.example/3)\n"
            "- [LLM ServingSim: A Simulator for Serving](https://a.example/4)\n")
    assert found(text) == [("LL103", 3, 1), ("LL103", 5, 4)]


def test_near_duplicate_clean() -> None:
    text = ("- [MLB Records and Stats](https://a.example/1)\n"  # a short name: NHL is not a typo
            "- [NHL Records and Stats](https://a.example/2)\n"
            "- [go-config](https://a.example/3)\n- [goconfig](https://a.example/4)\n"
            "- [Online Speculative Decoding](https://a.example/5)\n"
            "- [Decoding Speculative Decoding](https://a.example/6)\n"
            "- [A Survey on Efficient Inference](https://a.example/7)\n"
            "- [A Survey on Efficient Training of Large Models](https://a.example/8)\n")
    assert found(text) == []


def test_near_duplicate_not_repeated_for_a_known_pair() -> None:
    # 3 is the same paper as 1 (LL104) and the same title as 2 (LL102): no extra LL103
    text = ("- [CacheBlend: Fast Serving with Cached Knowledge Fusion](https://arxiv.org/abs/2405.16444)\n"
            "- [CacheBlend: Fast Serving for RAG with Cached Knowledge Fusion](https://arxiv.org/abs/2405.16444)\n"
            "- [CacheBlend: Fast Serving for RAG with Cached Knowledge Fusion](https://doi.org/10.1145/1)\n")
    assert found(text) == [("LL104", 2, 1), ("LL102", 3, 2)]


def test_near_duplicate_options() -> None:
    text = ("- [MLB Records and Stats](https://a.example/1)\n- [A](https://a.example/a)\n"
            "- [B](https://a.example/b)\n- [NHL Records and Stats](https://a.example/2)\n")
    cfg = config({"near-duplicate-title": {"min-words": 2, "min-similarity": 80}})
    assert found(text, config=cfg) == [("LL103", 4, 1)]


@pytest.mark.parametrize(("a", "b"), [
    ("Algorithms: Design and Analysis 1 - Stanford University",
     "Algorithms: Design and Analysis 2 - Stanford University"),
    ("Introduction to Large Language Models II", "Introduction to Large Language Models"),
    ("Extending Context Windows of Language Models to 32k",
     "Extending Context Windows of Language Models to 128k"),
    ("Robust Speech Recognition Models for Everyone v2",
     "Robust Speech Recognition Models for Everyone v3"),
    ("Trustworthy Machine Learning - Winter Semester 2023-2024",
     "Trustworthy Machine Learning - Winter Semester 2024-2025"),
    ("The Building Blocks of a Quantum Computer: Part 1",
     "The Building Blocks of a Quantum Computer: Part 2"),
])
def test_titles_differing_by_number_version_or_part_are_two_works(a: str, b: str) -> None:
    text = f"- [{a}](https://a.example/1)\n- [{b}](https://a.example/2)\n"
    assert found(text) == []


def test_a_series_next_to_each_other_is_not_a_near_duplicate() -> None:
    series = ("- [Design and Analysis of Algorithms - IIT Bombay](https://a.example/1)\n"
              "- [Design and Analysis of Algorithms - IIT Madras](https://a.example/2)\n")
    assert found(series) == []
    # the same pair far apart in the list is reported; so is a typo next door
    far = series.replace("\n- [Design", "\n" + "".join(
        f"- [Filler {k}](https://f.example/{k})\n" for k in range(3)) + "- [Design", 1)
    assert [c for c, *_ in found(far)] == ["LL103"]
    typo = series.replace("IIT Madras", "IIT Bombey")
    assert [c for c, *_ in found(typo)] == ["LL103"]


# intent: cross-listing in several sections ----------------------------------------------
CROSS = ("# List\n\n## Serving\n\n- [FlexLLM: Co-Serving](https://arxiv.org/abs/2402.18789)\n"
         "- [Tool](https://github.com/o/tool) - A tool.\n\n"
         "## Fine-tuning\n\n- [FlexLLM: Co-Serving](https://arxiv.org/abs/2402.18789)\n"
         "- [Tool](https://github.com/o/tool) - The same tool.\n")


def test_cross_section_repeats_are_info_naming_the_other_section() -> None:
    diags = check_text(CROSS, select=["LL1"])
    assert [(d.code, d.severity) for d in diags] == [("LL101", Severity.INFO)] * 2
    assert diags[0].message.startswith("also listed under section 'Serving' (line 5): same arXiv id")
    assert "section 'Serving' (line 6): same GitHub repository o/tool" in diags[1].message
    assert all(d.fix is None for d in diags)


def test_cross_section_options() -> None:
    allow = config({"duplicate-link": {"allow-cross-section": True}})
    assert found(CROSS, config=allow) == []
    projects = config({"duplicate-link": {"allow-cross-section-projects": True}})
    assert [c for c, *_ in found(CROSS, config=projects)] == ["LL101"]  # the paper only
    # a severity the user set for LL101 wins over info
    strict = config({"duplicate-link": {"severity": "error"}})
    assert {d.severity for d in check_text(CROSS, select=["LL1"], config=strict)} == {Severity.ERROR}


SUBLISTS = ("## Clients\n\n* HTTP Client\n  * [req](https://github.com/o/req) - Requests.\n"
            "  * [fast](https://github.com/o/fast) - Fast.\n"
            "* HTTP Server\n  * [req](https://github.com/o/req) - Requests.\n\n"
            "**Async**\n\n- [fast](https://github.com/o/fast) - Fast.\n")


def test_sub_categories_are_places_a_copy_there_is_info_and_kept() -> None:
    diags = check_text(SUBLISTS, select=["LL1"])
    assert [(d.code, d.severity, d.fix) for d in diags] == [("LL101", Severity.INFO, None)] * 2
    assert diags[0].message.startswith("also listed under 'HTTP Client' (line 4): same GitHub")
    assert diags[1].message.startswith("also listed under 'HTTP Client' (line 5)")


def test_a_copy_in_the_same_innermost_list_stays_a_safe_deletion() -> None:
    text = SUBLISTS.replace("* HTTP Server\n", "  * [req](https://github.com/o/req) - Requests.\n"
                            "* HTTP Server\n")
    diags = [d for d in check_text(text, select=["LL101"]) if d.severity == Severity.ERROR]
    assert len(diags) == 1 and diags[0].fix is not None
    assert diags[0].message == "duplicate of line 4: same GitHub repository o/req; identical entry, remove it"


def test_cross_section_title_repeat_is_info() -> None:
    text = ("## A\n\n- [Reinforcement Learning - IIT Madras](https://a.example/rl)\n\n"
            "## B\n\n- [Reinforcement Learning - IIT Madras](https://b.example/rl)\n")
    d = one(text)
    assert (d.code, d.severity) == ("LL102", Severity.INFO)
    assert d.message.startswith("also listed under section 'A' (line 3) with a different link")


def test_cross_section_option_never_allows_the_same_section() -> None:
    text = "- [Paper A](https://arxiv.org/abs/2402.18789)\n- [Paper A](https://arxiv.org/abs/2402.18789) x\n"
    allow = config({"duplicate-link": {"allow-cross-section": True}})
    assert found(text, config=allow) == [("LL101", 2, 1)]


@pytest.mark.parametrize("marked", [
    "- [FlexLLM: Co-Serving](https://arxiv.org/abs/2402.18789) <!-- listlint-allow-duplicate -->\n",
    "<!-- listlint-allow-duplicate: also a fine-tuning system -->\n"
    "- [FlexLLM: Co-Serving](https://arxiv.org/abs/2402.18789)\n",
])
def test_allow_comment(marked: str) -> None:
    text = CROSS.replace("- [FlexLLM: Co-Serving](https://arxiv.org/abs/2402.18789)\n"
                         "- [Tool]", marked + "- [Tool]", 1)
    text = text.replace("## Fine-tuning\n\n- [FlexLLM: Co-Serving](https://arxiv.org/abs/2402.18789)\n",
                        "## Fine-tuning\n\n" + marked)
    assert [d.message for d in check_text(text, select=["LL1"]) if "arXiv" in d.message] == []


def test_allow_comment_governs_only_its_entry() -> None:
    text = ("## A\n\n- [Paper Alpha](https://arxiv.org/abs/2401.00001)\n"
            "- [Paper Beta](https://arxiv.org/abs/2401.00002) <!-- listlint-allow-duplicate -->\n\n"
            "## B\n\n- [Paper Alpha](https://arxiv.org/abs/2401.00001)\n"
            "- [Paper Beta](https://arxiv.org/abs/2401.00002)\n")
    assert found(text) == [("LL101", 8, 3)]


def test_allowed_pair_is_not_reported_by_another_rule() -> None:
    text = ("## A\n\n- [Medha: Serving Long Contexts](https://arxiv.org/abs/2409.17264)\n\n"
            "## B\n\n<!-- listlint-allow-duplicate -->\n"
            "- [Medha: Serving Long Contexts](https://arxiv.org/abs/2409.17264)\n")
    assert found(text) == []


def test_skipped_sections_do_not_count() -> None:
    text = ("## Contributing\n\n- [Paper A](https://arxiv.org/abs/2401.00001)\n\n"
            "## Papers\n\n- [Paper A](https://arxiv.org/abs/2401.00001)\n")
    cfg = config_from_table({"skip-sections": ["Contributing"]}, None)
    assert found(text, config=cfg) == []


def test_inline_disable_works() -> None:
    text = ("- [Paper A](https://arxiv.org/abs/2401.00001)\n"
            "<!-- listlint-disable-next-line LL101 -->\n"
            "- [Paper A](https://arxiv.org/abs/2401.00001)\n")
    assert found(text) == []


# the fix --------------------------------------------------------------------------------
IDENTICAL = ("# Papers\n\n## Surveys\n\n"
             "- [ ] [A Survey on Mixture of Experts](https://arxiv.org/pdf/2407.06204): survey\n"
             "- [ ] [Other](https://arxiv.org/abs/2401.00001)\n"
             "- [ ] [A survey on mixture of experts](https://arxiv.org/abs/2407.06204v2): Survey.\n"
             "  - [ ] [Code for it](https://github.com/o/moe)\n"
             "- [ ] [Last](https://arxiv.org/abs/2401.00002)\n")


COPY = "- [ ] [A Survey on Mixture of Experts](https://arxiv.org/pdf/2407.06204): survey\n"
REPEAT = "- [ ] [A survey on mixture of experts](https://arxiv.org/abs/2407.06204v2): Survey.\n"


def test_fix_is_offered_only_for_identical_entries_in_one_section() -> None:
    d = one(IDENTICAL)
    assert d.fix is None  # the repeat has a sub-item the first lacks
    plain = IDENTICAL.replace("  - [ ] [Code for it](https://github.com/o/moe)\n", "")
    d = one(plain)  # one paper, but spelled differently: report-only, with advice
    assert d.fix is None and "keep this entry's link: the abstract page" in d.message
    exact = plain.replace(REPEAT, COPY)
    d = one(exact)
    assert d.fix is not None and d.fix.applicability.value == "safe"
    assert "identical entry, remove it" in d.message
    for variant in (exact.replace(": survey\n- [ ] [Last]", ": other note\n- [ ] [Last]"),
                    exact.replace(COPY + "- [ ] [Last]", COPY.replace("[ ]", "[x]") + "- [ ] [Last]"),
                    exact.replace(COPY + "- [ ] [Last]", COPY.replace("[ ] ", "[ ] ⭐ ") + "- [ ] [Last]")):
        assert one(variant).fix is None


def test_fix_via_cli_removes_the_repeat_and_nothing_else(cli, md) -> None:
    text = IDENTICAL.replace("  - [ ] [Code for it](https://github.com/o/moe)\n", "").replace(
        REPEAT, COPY.replace("): survey", "):  survey")) + \
        "\n## Elsewhere\n\n- [ ] [A Survey on Mixture of Experts](https://arxiv.org/abs/2407.06204)\n"
    path = md(text)
    result = cli("fix", "--select", "LL1", path)
    assert result.exit_code in (0, 1), result.output
    after = path.read_text()
    assert after == text.replace(COPY.replace("): survey", "):  survey"), "")
    # the cross-section repeat is report-only
    assert "## Elsewhere\n\n- [ ] [A Survey on Mixture of Experts]" in after


def test_fix_removes_sub_items_that_are_identical_too(cli, md) -> None:
    item = ("- [Tool](https://example.com/tool) - A tool.\n"
            "  - [Plugin](https://example.com/plugin) - Its plugin.\n")
    text = "# T\n\n" + item + "- [Other](https://example.com/other) - B.\n" + item + "\nEnd.\n"
    path = md(text)
    cli("fix", "--select", "LL101", path)
    assert path.read_text() == "# T\n\n" + item + "- [Other](https://example.com/other) - B.\n\nEnd.\n"


def test_fix_of_a_last_line_without_newline(cli, md) -> None:
    text = "- [Tool](https://example.com/t) - A.\n- [Tool](https://example.com/t) - A."
    path = md(text)
    cli("fix", "--select", "LL101", path)
    assert path.read_text() == "- [Tool](https://example.com/t) - A."


def test_table_rows() -> None:
    text = ("| Title | Link |\n|---|---|\n| [Paper A](https://arxiv.org/abs/2401.00001) | x |\n"
            "| [Paper B](https://arxiv.org/abs/2401.00002) | y |\n"
            "| [Paper A](https://arxiv.org/pdf/2401.00001) | x |\n")
    assert found(text) == [("LL101", 5, 3)]


# scale: a smoke test that blocking keeps near-duplicates cheap (timing is in benchmarks/)
def test_many_similar_titles_stay_linear() -> None:
    lines = [f"- [Efficient Serving of Model Number {i} on Device {i % 7}](https://a.example/{i})"
             for i in range(3000)]
    # numbered titles are distinct papers: nothing reported among 3,000 of them
    assert check_text("\n".join(lines) + "\n", select=["LL103"]) == []
    # and the one real near-duplicate among them is still found
    lines.append("- [Efficent Serving of Model Number 12 on Device 5](https://b.example/x)")
    [d] = check_text("\n".join(lines) + "\n", select=["LL103"])
    assert d.code == "LL103" and "line 13" in d.message and "a typo?" in d.message


# the corpus -----------------------------------------------------------------------------
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})")
_DOI = re.compile(r"(10\.\d{4,9}/[^\s?#)]+)")


def _twins(path: Path) -> list[set[int]]:
    """Groups of entry lines that are one paper, found independently of the rules: the
    same arXiv id or DOI by plain regex, or the same letters-and-digits title."""
    from listlint.document import parse
    doc = parse(Source.read(path))
    parent = list(range(len(doc.entries)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    keys: dict[str, int] = {}
    for e in doc.entries:
        m = _ARXIV.search(e.url) or _DOI.search(e.url)
        ks = ["t:" + re.sub(r"[^0-9a-z]", "", e.title.lower())]
        if m:
            ks.append("p:" + m.group(1).lower())
        for k in ks:
            if k in keys:
                parent[find(e.index)] = find(keys[k])
            else:
                keys[k] = e.index
    groups: dict[int, set[int]] = defaultdict(set)
    for e in doc.entries:
        groups[find(e.index)].add(e.line)
    return [g for g in groups.values() if len(g) > 1]


@needs_corpus
def test_corpus_paper_list_every_twin_reported() -> None:
    twins = _twins(PAPER_LIST)
    repeats = sum(len(g) - 1 for g in twins)
    assert repeats >= 35  # counted by hand: 28 same arXiv id / DOI, 7 more with the same title
    src = Source.read(PAPER_LIST)
    diags = check_text(src.text, select=["LL1"], path=str(PAPER_LIST))
    reported = {src.line_of(d.start): src.line_of(d.related[0].start) for d in diags
                if d.code in ("LL101", "LL102", "LL104")}
    for group in twins:
        first, *later = sorted(group)
        for line in later:
            assert line in reported, (line, sorted(group))
            assert reported[line] in group, (line, reported[line], sorted(group))
    assert len(reported) == repeats
    # and the renamed paper the exact rules cannot see
    near = [d for d in diags if d.code == "LL103"]
    assert [src.line_of(d.start) for d in near] == [803]


@needs_corpus
@pytest.mark.parametrize("name", ["sindresorhus__awesome.md", "sindresorhus__awesome-nodejs.md"])
def test_corpus_clean_lists_have_no_false_duplicates(name: str) -> None:
    path = CORPUS / name
    src = Source.read(path)
    diags = check_text(src.text, select=["LL101", "LL102", "LL104"], path=str(path))
    # a project in two sections is an "also listed under" info, never more
    assert [d for d in diags if d.severity > Severity.INFO] == []
    assert all(d.message.startswith("also listed under section") for d in diags)


def test_an_allowed_cross_listing_does_not_hide_a_same_section_repeat() -> None:
    text = ("## A\n\n- [Tool](https://github.com/o/tool) - A.\n\n"
            "## B\n\n- [Tool](https://github.com/o/tool) - A.\n"
            "- [Tool](https://github.com/o/tool) - A.\n")
    d = one(text, config=config({"duplicate-link": {"allow-cross-section-projects": True}}))
    assert d.code == "LL101" and d.fix is not None
    assert Source.from_text(text).line_of(d.related[0].start) == 7


def test_table_row_fix_only_when_every_cell_agrees() -> None:
    head = "| API | Description | Auth |\n|---|---|---|\n"
    row = "| [ipstack](https://ipstack.com/) | Locate visitors | `apiKey` |\n"
    other = "| [Other](https://other.example) | Else | No |\n"
    assert one(head + row + other + row.replace("ipstack.com/", "ipstack.com")).fix is not None
    assert one(head + row + other + row.replace("`apiKey`", "No")).fix is None


@pytest.mark.parametrize("code", ["LL101", "LL102", "LL103", "LL104"])
def test_the_doc_page_example_gives_the_documented_message(code: str) -> None:
    from listlint.registry import get

    doc = get(code).doc
    example = re.search(r"## Example\n```markdown\n(.*?)```", doc, re.S).group(1)
    reported = re.search(r"Reported[^`]*`([^`]*)`", doc).group(1)
    d = one(example)
    assert d.code == code
    assert d.message == " ".join(reported.split())


def test_a_long_run_of_copies_names_the_first_and_is_fixed(cli, md) -> None:
    entry = "- [Tool](https://example.com/t) - A.\n"
    lines = [entry] * 300
    diags = check_text("".join(lines), select=["LL101"])
    assert len(diags) == 299
    assert {d.related[0].start for d in diags} == {0}
    path = md("".join(lines))
    cli("fix", "--select", "LL101", path)
    assert path.read_text() == entry


# the fix deletes only true copies; the message says which copy to keep ------------------------
def test_safe_removal_needs_the_same_url_as_written_up_to_trivial_forms() -> None:
    entry = "- [ipstack](https://ipstack.com/) - Locate visitors.\n"
    other = "- [Other](https://other.example) - Else.\n"
    for same in ("https://ipstack.com", "http://ipstack.com/", "https://IPSTACK.com/"):
        assert one(entry + other + entry.replace("https://ipstack.com/", same)).fix is not None
    tracked = entry.replace("ipstack.com/", "ipstack.com/?utm_source=Github&utm_medium=Referral")
    d = one(tracked + other + entry)  # the clean link comes later: never deleted silently
    assert d.fix is None and d.code == "LL101"
    assert "keep this entry's link: it has no tracking parameters" in d.message
    d = one(entry + other + tracked)
    assert d.fix is None and "keep line 1's link: it has no tracking parameters" in d.message


def test_safe_removal_needs_the_same_title_and_description_up_to_whitespace() -> None:
    entry = "- [ipstack](https://ipstack.com/) - Locate visitors.\n"
    other = "- [Other](https://other.example) - Else.\n"
    assert one(entry + other + entry.replace("ipstack]", "ipstack ]").replace(
        "Locate visitors", "Locate  visitors")).fix is not None
    for variant in (entry.replace("[ipstack]", "[IPstack]"),
                    entry.replace("Locate visitors.", "locate visitors")):
        d = one(entry + other + variant)
        assert d.code == "LL101" and d.fix is None


def test_arxiv_abs_and_pdf_are_one_paper_but_not_a_safe_removal() -> None:
    pdf = "- [A Survey on Mixture of Experts](https://arxiv.org/pdf/2407.06204): survey\n"
    other = "- [Other](https://arxiv.org/abs/2401.00001)\n"
    d = one(pdf + other + pdf.replace("/pdf/", "/abs/"))
    assert d.code == "LL101" and d.fix is None
    assert "keep this entry's link: the abstract page" in d.message
    d = one(pdf.replace("/pdf/", "/abs/") + other + pdf)
    assert d.fix is None and "keep line 1's link: the abstract page" in d.message


def test_a_later_https_copy_of_an_http_link_is_not_deleted() -> None:
    entry = "- [Tool](http://example.com/t) - A.\n"
    d = one(entry + entry.replace("http:", "https:"))
    assert d.fix is None and "keep this entry's link: https" in d.message
    assert one(entry.replace("http:", "https:") + entry).fix is not None


def test_different_names_for_the_same_project_link_are_a_warning() -> None:
    text = ("## Build\n\n- [hatch](https://github.com/pypa/hatch) - Manager.\n"
            "- [uv](https://github.com/astral-sh/uv) - Installer.\n"
            "- [hatchling](https://github.com/pypa/hatch) - Backend of hatch.\n")
    d = one(text)
    assert d.code == "LL101" and d.severity.name == "WARNING" and d.fix is None
    assert d.message.startswith("different names for the same link as line 3: same GitHub "
                                "repository pypa/hatch ('hatch' there, 'hatchling' here)")
    # the user's severity for LL101 still wins
    strict = config_from_table({"severity": {"LL101": "error"}}, None)
    assert one(text, config=strict).severity.name == "ERROR"
    # a paper under two names stays LL104, the same name stays an error
    same = text.replace("[hatchling]", "[Hatch]")
    assert one(same).severity.name == "ERROR"


def test_a_name_with_words_added_is_no_other_name() -> None:
    text = ("- [SGLang](https://github.com/sgl-project/sglang) - Serving.\n"
            "- [SGLang runtime](https://github.com/sgl-project/sglang/) - Runtime.\n")
    d = one(text)
    assert d.severity.name == "ERROR" and d.message.startswith("duplicate of line 1")


@pytest.mark.parametrize("min_words", [0, 1, 2, 4, 6])
def test_near_duplicate_candidates_are_the_titles_sharing_a_key(min_words: int) -> None:
    """Keys are built only for titles that share key ends with another; the groups must be
    those of building every title's keys."""
    import random

    from listlint.rules.duplicates.titles import shared_keys, title_keys

    rng = random.Random(7)
    vocab = "a b ab abc serving llm llms fast x".split()
    titles = [" ".join(rng.choice(vocab) for _ in range(rng.randint(0, 7))) for _ in range(400)]
    words = [t.split() if rng.random() > 0.1 else [] for t in titles]
    every: dict[str, list[int]] = {}
    for n, (title, w) in enumerate(zip(titles, words)):
        for key in title_keys(title, w, min_words):
            every.setdefault(key, []).append(n)
    expected = [members for members in every.values() if len(members) > 1]
    assert shared_keys(titles, words, min_words) == expected


@pytest.mark.parametrize("title", [
    "  “Don’t Stop” — Serving LLMs ", "Don't_Stop: it's `fine`", "A\tB\x00C", "ÄÖü ß", "",
    "x" * 3 + "!?" + "Y",
])
def test_ascii_shortcut_of_normalise_title(title: str) -> None:
    import unicodedata

    text = unicodedata.normalize("NFKC", title)
    text = re.sub(r"[’'`´‘ʼ]", "", text).casefold()
    assert normalise_title(title) == " ".join(re.sub(r"[\W_]+", " ", text).split())


# fragments: part of the identity unless they change nothing -------------------------------
def test_fragments_tell_entries_apart() -> None:
    text = ("- [Hash sample](https://example.com/samples#hash) - One app.\n"
            "- [Prices sample](https://example.com/samples#prices) - Another app.\n"
            "- [Install](https://github.com/o/tool#installation) - Install.\n"
            "- [Tool](https://github.com/o/tool) - The tool.\n"
            "- [Lecture folder A](https://panopto.example/List.aspx#folderID=%22a%22) - A.\n"
            "- [Lecture folder B](https://panopto.example/List.aspx#folderID=%22b%22) - B.\n")
    assert found(text) == []


def test_fragments_tell_relative_links_apart_too() -> None:
    text = ("- [Gamma](docs/topics.md#gamma) - Gamma topic.\n"
            "- [Delta](docs/topics.md#delta) - Delta topic.\n"
            "- [Topics](docs/topics.md) - All topics.\n"
            "- [Topics again](./docs/topics.md#readme) - The same page.\n")
    assert found(text) == [("LL101", 4, 3)]


@pytest.mark.parametrize("other", [
    "https://github.com/o/tool#readme", "https://github.com/o/tool#", "https://github.com/o/tool/#",
    "https://github.com/o/tool#:~:text=fast", "https://github.com/o/tool#top",
])
def test_fragments_that_change_nothing(other: str) -> None:
    text = f"- [Tool](https://github.com/o/tool) - A.\n- [Tool again]({other}) - B.\n"
    assert found(text) == [("LL101", 2, 1)]


def test_paper_identities_ignore_fragments() -> None:
    text = ("- [Paper](https://arxiv.org/abs/2401.00001#S3) - A.\n"
            "- [Paper](https://arxiv.org/pdf/2401.00001v2) - B.\n"
            "- [Other](https://openreview.net/forum?id=AbC#discussion) - C.\n"
            "- [Other](https://openreview.net/pdf?id=AbC) - D.\n")
    assert found(text) == [("LL101", 2, 1), ("LL101", 4, 3)]


# recall: every spelling of a planted repeat is found wherever it is ---------------------------
_SPELLINGS = [
    ("https://example.com/tool{n}", "http://example.com/tool{n}"),
    ("https://example.com/tool{n}", "https://example.com/tool{n}/"),
    ("https://example.com/tool{n}", "https://EXAMPLE.com/tool{n}"),
    ("https://example.com/tool{n}", "https://www.example.com/tool{n}"),
    ("https://example.com/tool{n}", "https://example.com/tool{n}?utm_source=list&ref=x"),
    ("https://github.com/o/tool{n}", "https://github.com/O/Tool{n}.git"),
    ("https://arxiv.org/abs/2401.{n:05d}", "https://arxiv.org/pdf/2401.{n:05d}"),
    ("https://arxiv.org/abs/2401.{n:05d}", "https://arxiv.org/abs/2401.{n:05d}v3"),
    ("https://arxiv.org/abs/2401.{n:05d}", "http://export.arxiv.org/pdf/2401.{n:05d}v2.pdf"),
]


@pytest.mark.parametrize("where", ["same list", "sub-list", "other section", "table"])
def test_planted_duplicates_are_found_wherever_they_are(where: str) -> None:
    import random

    rng = random.Random(7)
    fillers = [f"- [Filler {k} entry](https://filler.example/{k}) - Filler.\n" for k in range(60)]
    firsts, seconds = [], []
    for n, (a, b) in enumerate(_SPELLINGS, start=1):
        firsts.append(f"- [Planted thing {n}]({a.format(n=n)}) - First.\n")
        seconds.append(f"[Planted thing {n}]({b.format(n=n)})")
    body = fillers[:30] + firsts
    rng.shuffle(body)
    if where == "same list":
        later = fillers[30:] + [f"- {s} - Second.\n" for s in seconds]
        rng.shuffle(later)
        text = "# L\n\n## A\n\n" + "".join(body + later)
    elif where == "sub-list":
        later = [f"  - {s} - Second.\n" for s in seconds]
        text = "# L\n\n## A\n\n" + "".join(body) + "- Group\n" + "".join(later)
    elif where == "other section":
        later = fillers[30:] + [f"- {s} - Second.\n" for s in seconds]
        rng.shuffle(later)
        text = "# L\n\n## A\n\n" + "".join(body) + "\n## B\n\n" + "".join(later)
    else:
        rows = [f"| {s} | Second. |\n" for s in seconds]
        text = "# L\n\n## A\n\n" + "".join(body) + "\n| Name | About |\n|---|---|\n" + "".join(rows)
    src = Source.from_text(text)
    reported = {src.line_of(d.start) for d in check_text(text, select=["LL101", "LL104"])}
    planted = {n for n, line in enumerate(text.split("\n"), start=1)
               if "Planted" in line and ("Second" in line)}
    assert len(planted) == len(_SPELLINGS)
    assert planted <= reported


def test_side_links_in_every_section_are_not_cross_listings() -> None:
    section = ("- [Repo :fire:](https://github.com/o/{n})\n"
               "- [Contribute](https://github.com/o/list/blob/main/CONTRIBUTING.md)\n"
               "- [Repo with Samples :fire:](https://github.com/o/samples)\n")
    text = "".join(f"## S{n}\n\n" + section.format(n=n) + "\n" for n in range(3))
    assert found(text) == []
    # a named project in two sections still is one
    text += "## S9\n\n- [Tool](https://github.com/o/1) - Again.\n"
    assert [c for c, *_ in found(text)] == ["LL101"]


def test_two_named_versions_of_one_paper_are_listed_on_purpose() -> None:
    text = ("- [[T-GATE V1] Cross-Attention Makes Inference Cumbersome](https://arxiv.org/abs/2404.02747)\n"
            "- [[T-GATE V2] Faster Diffusion via Temporal Attention](https://arxiv.org/pdf/2404.02747v2)\n")
    assert found(text) == []
    renamed = text.replace("[T-GATE V1] ", "").replace("[T-GATE V2] ", "")
    assert [c for c, *_ in found(renamed)] == ["LL104"]


# -- bare URLs (GitHub autolinks) ------------------------------------------------------------
BARE = """# Things

## Tools

- [Foo](https://foo.example.com/) - The foo tool.
- https://foo.example.com - foo again, bare.
- https://bar.example.com/x - Bar.
- https://bar.example.com/x/?utm_source=list - Bar again.

## Other

- https://bar.example.com/x - Bar elsewhere.
"""

BARE_CLEAN = """# Things

## Tools

- [Baz](https://baz.example.com) - Baz. Code: https://github.com/baz/baz
  - https://baz.example.com
- https://github.com/baz/baz - listed on its own; above it was a side link of Baz.
- https://page.example.com/a#one
- https://page.example.com/a#two
- https://page.example.com/b

See https://page.example.com/b for more, and https://baz.example.com again.

| Tool | Link |
| --- | --- |
| Qux | https://qux.example.com |
| Quux | https://quux.example.com |
"""


def _bare_report(text: str) -> list[tuple[int, str, str]]:
    src = Source.from_text(text)
    return [(src.line_of(d.start), d.severity.name, d.message)
            for d in check_text(text, select=["LL101"])]


def test_bare_url_repeating_a_link_or_a_bare_url_is_a_duplicate() -> None:
    got = _bare_report(BARE)
    assert [(line, sev) for line, sev, _ in got] == [
        (6, "WARNING"), (8, "WARNING"), (12, "INFO")]
    assert "bare URL repeats the link of 'Foo' on line 5: same link foo.example.com" in got[0][2]
    assert "bare URL repeats a bare URL on line 7" in got[1][2]
    assert got[2][2].startswith("also listed under section 'Tools' (line 7)")
    ds = check_text(BARE, select=["LL101"])
    assert all(d.fix is None for d in ds)  # a bare URL is never deleted by a fix


def test_bare_urls_that_are_side_links_prose_sub_items_or_other_fragments_stay_clean() -> None:
    assert _bare_report(BARE_CLEAN) == []


def test_bare_urls_in_labelled_fields_of_different_tools_are_no_repeats() -> None:
    # a family of tools shares its code repository and web server: fields, not listings
    tool = ("<details>\n<summary>{name}</summary>\n\n"
            "- **Paper:** [{name}: a method](https://arxiv.org/abs/2207.{n:05d}) (arXiv, 2023)\n"
            "- **Code:** https://github.com/org/family/tree/dev/{name}\n"
            "- **Web server:** https://server.example.org/\n"
            "- Source: https://github.com/org/family\n\n</details>\n\n")
    text = "# Tools\n\n" + "".join(tool.format(name=n, n=i) for i, n in enumerate(("A", "B")))
    assert _bare_report(text) == []
    plain = "# Tools\n\n- https://server.example.org/\n- https://server.example.org/\n"
    assert [(line, sev) for line, sev, _ in _bare_report(plain)] == [(4, "WARNING")]
    named = ("# Go\n\n- Awesome Go: https://github.com/avelino/awesome-go\n"
             "- Go list: https://github.com/avelino/awesome-go\n")  # names, not field labels
    assert [(line, sev) for line, sev, _ in _bare_report(named)] == [(4, "WARNING")]


def test_bare_url_in_a_skipped_section_or_ignored_is_not_compared() -> None:
    config = config_from_table({"skip-sections": ["Other"]}, None)
    lines = [Source.from_text(BARE).line_of(d.start)
             for d in check_text(BARE, select=["LL101"], config=config)]
    assert lines == [6, 8]
