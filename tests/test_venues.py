"""Venues (LL3xx): parsing every notation, URL inference, the five rules, the CLI, the corpus."""

from __future__ import annotations

import json

import pytest

from listlint.config import ConfigError, config_from_table
from listlint.document import parse_text
from listlint.fix import fix_source
from listlint.lint import check_text
from listlint.registry import all_rules
from listlint.rules.venues.entries import document_venues, entry_venue
from listlint.rules.venues.notation import file_notation
from listlint.rules.venues.settings import venue_settings
from listlint.rules.venues.urls import url_venue
from listlint.source import Source
from listlint.venue.mention import format_year, render_venue
from listlint.venue.table import load_table
from tests.conftest import CORPUS, needs_corpus

PAPERS = CORPUS / "chenhongyu2048__LLM-inference-optimization-paper.md"
URL = "https://arxiv.org/abs/2401.0000"


def mentions(md: str):
    doc = parse_text(md)
    return [v for ev in document_venues(doc) for v in ev.mentions]


def one(md: str):
    found = mentions(md)
    assert len(found) == 1, found
    return found[0]


def venues_list(*lines: str, n: int = 5) -> str:
    """A list that uses venues (n entries with `accepted by X'YY`) plus ``lines``."""
    base = [f"- [Paper {i}]({URL}{i}): a note, accepted by {v}"
            for i, v in zip(range(n), ["OSDI'24", "SOSP'23", "NSDI'24", "EuroSys'25", "ASPLOS'24",
                                       "ISCA'25", "MICRO'24"])]
    return "# Papers\n\n" + "\n".join(base + list(lines)) + "\n"


def config(**venues):
    return config_from_table({"venues": {k.replace("_", "-"): v for k, v in venues.items()}}, None)


def codes(md: str, select: str = "LL3", cfg=None) -> list[tuple[int, str, str]]:
    doc = parse_text(md)
    diags = check_text(md, select=[select], config=cfg)
    return [(doc.source.line_of(d.start), d.code, d.message) for d in diags]


# -- notations --------------------------------------------------------------------------------


@pytest.mark.parametrize("phrase", ["accepted by", "accepted in", "accepted at", "published in",
                                    "to appear in", "Accepted to", "presented at"])
def test_phrase(phrase):
    v = one(f"- [T](https://x.org/a): a note, {phrase} OSDI'24\n")
    assert (v.name, v.year, v.notation, v.year_style, v.status) == \
        ("OSDI", 2024, "phrase", "'YY", "canonical")


def test_phrase_is_not_a_submission():
    assert mentions("- [T](https://x.org/a): submitted to OSDI'24\n") == []
    assert mentions("- [T](https://x.org/a): in review of MLSys'24\n") == []


def test_bracket_prefix_makes_an_entry():
    doc = parse_text("- [OSDI'22] [Orca](https://x.org/orca) serving\n")
    assert [e.title for e in doc.entries] == ["Orca"]
    v = one("- [OSDI'22] [Orca](https://x.org/orca) serving\n")
    assert (v.name, v.year, v.notation) == ("OSDI", 2022, "bracket")


def test_bold_bracket_pipe_paren_bold():
    v = one("- **[CVPR' 19]** [T](https://x.org/a)\n")
    assert (v.name, v.year, v.notation, v.year_style) == ("CVPR", 2019, "bold-bracket", "' YY")
    v = one("- [T](https://x.org/a) | OSDI' 24\n")
    assert (v.notation, v.year_style, v.year) == ("pipe", "' YY", 2024)
    v = one("- [T](https://x.org/a) (SOSP2019)\n")
    assert (v.name, v.notation, v.year_style, v.year) == ("SOSP", "paren", "YYYY", 2019)
    v = one("- [T](https://x.org/a): **OSDI'24**\n")
    assert (v.notation, v.year) == ("bold", 2024)


@pytest.mark.parametrize("written,style,year", [
    ("OSDI'24", "'YY", 2024), ("OSDI' 24", "' YY", 2024), ("OSDI ’24", " ’YY", 2024),
    ("OSDI’24", "’YY", 2024), ("OSDI 2024", " YYYY", 2024), ("OSDI2024", "YYYY", 2024),
    ("OSDI22", "YY", 2022), ("OSDI-22", "-YY", 2022), ("OSDI'2024", "'YYYY", 2024),
    ("OSDI 'NN", "", None), ("OSDI, 2024", ", YYYY", 2024),
])
def test_year_forms(written, style, year):
    found = mentions(f"- [T](https://x.org/a): accepted by {written}\n")
    v = found[0]
    assert (v.year_style, v.year) == (style, year)
    if year:
        assert format_year(year, style) == written[4:]


def test_badge_with_qualifier():
    md = ("| Title | Links |\n|---|---|\n"
          "| [![Publish](https://img.shields.io/badge/Conference-NeurIPS'24%20Workshop-blue)]() "
          "<br> [Self-Data Distillation](https://arxiv.org/abs/2410.09982) | x |\n"
          "| [![P](https://img.shields.io/badge/Journal-TMLR_2025-blue)]() "
          "[S](https://arxiv.org/abs/2505.20698) | y |\n")
    found = mentions(md)
    assert [(v.name, v.year, v.qualifier, v.notation) for v in found] == [
        ("NeurIPS", 2024, "Workshop", "badge"), ("TMLR", 2025, "", "badge")]


def test_table_column_and_year_column():
    md = ("| # | year | venue | title | links |\n|---|---|---|---|---|\n"
          "| 1 | 2004 | osdi | Recovering Device Drivers | [paper](http://x.org/a) |\n"
          "| 2 | 2019 | Mobicom | Something | [paper](http://x.org/b) |\n")
    found = mentions(md)
    assert [(v.name, v.year, v.notation, v.status) for v in found] == [
        ("OSDI", 2004, "column", "dblp-key"), ("MobiCom", 2019, "column", "variant")]


def test_qualifiers():
    assert one("- [T](https://x.org/a): accepted by EMNLP'23 Findings\n").qualifier == "Findings"
    v = one("- [T](https://x.org/a): accepted by Findings of EMNLP 2023\n")
    assert (v.name, v.year, v.qualifier) == ("EMNLP", 2023, "Findings")
    assert one("- [T](https://x.org/a): accepted by ICLR'25 (Oral)\n").qualifier == "Oral"
    assert one("- [T](https://x.org/a): accepted by NeurIPS'24 Spotlight\n").qualifier == "Spotlight"
    assert one("- [T](https://x.org/a): accepted by PPoPP'24(poster)\n").qualifier == "Poster"


def test_a_parenthesised_venue_with_a_qualifier_is_in_parentheses():
    # the ")" closes the venue's parentheses, not the qualifier's: it is no part of the mention
    md = "1. **A Paper Title**. (ACL 2022 Findings) [[paper](https://arxiv.org/abs/2204.12785)]\n"
    v = one(md)
    assert (v.name, v.year, v.qualifier, v.notation) == ("ACL", 2022, "Findings", "paren")
    assert md[v.span.start:v.span.end] == "ACL 2022 Findings"
    md = "- [T](https://x.org/a) - EMNLP 2023 (Findings)\n"  # the qualifier's own ")" is kept
    v = one(md)
    assert (v.qualifier, v.notation) == ("Findings", "bare")
    assert md[v.span.start:v.span.end] == "EMNLP 2023 (Findings)"


def test_full_width_parentheses_are_parentheses():
    v = one("1. **History Matters: Temporal Knowledge Editing**（AAAI 2024） "
            "[[paper](https://arxiv.org/abs/2204.12785)]\n")
    assert (v.name, v.year, v.notation) == ("AAAI", 2024, "paren")


def test_ll302_leaves_parenthesised_qualified_and_full_width_venues_alone():
    entries = [f"{i}. **Paper number {i} of the list**. ({v}) <br />\n    A. B. "
               f"[[paper](https://arxiv.org/abs/24{i:02d}.12785)]\n" for i, v in
               enumerate(["EMNLP 2023", "ICML 2023", "ICLR 2024", "NeurIPS 2023", "ACL 2023"], 1)]
    md = "# Papers\n\n" + "\n".join(entries) + (
        "\n6. **Plug-and-Play Adaptation for QA**. (ACL 2022 Findings) <br />\n"
        "    A. B. [[paper](https://arxiv.org/abs/2204.12785)]\n"
        "\n7. **History Matters: Temporal Editing**（AAAI 2024） <br />\n"
        "    A. B. [[paper](https://arxiv.org/abs/2312.12785)]\n")
    assert codes(md, "LL302") == []


def test_preprint_markers_are_a_state():
    for md in ("- [T](https://x.org/a): arXiv'23\n", "- [arxiv] [T](https://x.org/a)\n",
               "- [T](https://x.org/a) (preprint)\n"):
        v = one(md)
        assert v.preprint and v.name == "arXiv"
        doc = parse_text(md)
        ev = document_venues(doc)[0]
        assert ev.text is None and ev.preprint is not None
        assert entry_venue(doc, doc.entries[0]) is None


def test_short_acronyms_only_in_a_venue_position():
    assert one("- [T](https://x.org/a): accepted by SC'24\n").name == "SC"
    assert one("- [T](https://x.org/a): accepted by ATC\n").name == "USENIX ATC"
    assert one("- [T](https://x.org/a): a kernel, SC'24\n").name == "SC"
    for md in ("- [T](https://x.org/a): built for SC workloads\n",
               "- [T](https://x.org/a): the ATC system is FAST and has MICRO benchmarks\n",
               "- [T](https://x.org/a): Fast 2024 edition (ICS)\n",
               "- [T](https://x.org/a): important role in MLSys, see NeurIPS talks\n",
               "| API | Desc |\n|---|---|\n| [A](https://x.org/a) | Fast |\n"):
        assert mentions(md) == [], md


def test_title_is_not_read():
    assert mentions("- [NeurIPS 2023 LLM Efficiency Challenge](https://x.org/a): a note\n") == []


def test_typo_and_variants():
    v = one("- [T](https://x.org/a): accepted by SIDMOD'24\n")
    assert (v.name, v.status, v.written) == ("SIGMOD", "typo", "SIDMOD")
    v = one("- [T](https://x.org/a): accepted by MLSYS'25\n")
    assert (v.name, v.status) == ("MLSys", "variant")
    v = one("- [T](https://x.org/a): accepted by NIPS'15\n")
    assert (v.name, v.status) == ("NeurIPS", "old")
    v = one("- [T](https://x.org/a): accepted by ATC'24\n")
    assert (v.name, v.status) == ("USENIX ATC", "alias")


def test_unknown_venue_in_a_phrase_is_still_a_venue():
    v = one("- [T](https://x.org/a): accepted by SustaiNLP'22\n")
    assert (v.name, v.status, v.known, v.year) == ("SustaiNLP", "unknown", False, 2022)


def test_malformed_years():
    v = one("- [T](https://x.org/a): accepted by TACO'October-2023\n")
    assert (v.name, v.year, v.malformed) == ("TACO", None, "October-2023")
    v = one("- [T](https://x.org/a): accepted by ToN'Jan24\n")
    assert v.malformed == "Jan24"
    assert one("- [T](https://x.org/a): accepted by OSDI's best\n").malformed == ""


def test_hostile_input_is_linear():
    evil = "- [T](https://x.org/a): " + "accepted by " * 3000 + "A'" * 5000 + "OSDI" * 3000 + \
        " '" * 5000 + "\n"
    # each finishes (no catastrophic backtracking; time bounds live in benchmarks/) and reads
    # the hostile text as a plain one would be read
    assert mentions(evil) == []
    found = mentions("- [T](https://x.org/a) " + "[" * 5000 + "OSDI'2" + "]" * 5000 + "\n")
    assert [v.name for v in found] == ["OSDI"]
    assert url_venue("https://www.usenix.org/conference/" + "osdi" * 5000 + "/x") is None
    assert url_venue("https://aclanthology.org/" + "2024." * 3000) is None


# -- URLs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url,expected", [
    ("https://www.usenix.org/conference/osdi24/presentation/wang-lei", "OSDI'24"),
    ("https://www.usenix.org/conference/atc25/presentation/x", "USENIX ATC'25"),
    ("https://www.usenix.org/conference/usenixsecurity23/presentation/x", "USENIX Security'23"),
    ("http://www.usenix.org/events/osdi04/tech/swift.html", "OSDI'04"),
    ("https://proceedings.mlr.press/v202/liu23am.html", "ICML'23"),
    ("https://proceedings.mlr.press/v139/li21y.html", "ICML'21"),
    ("https://proceedings.mlsys.org/paper_files/paper/2024/hash/71-Abstract-Conference.html",
     "MLSys'24"),
    ("https://mlsys.org/virtual/2025/poster/2974", "MLSys'25"),
    ("https://proceedings.neurips.cc/paper_files/paper/2023/hash/ab-Abstract.html", "NeurIPS'23"),
    ("https://papers.nips.cc/paper/2019/hash/ab-Abstract.html", "NeurIPS'19"),
    ("https://neurips.cc/virtual/2024/103606", "NeurIPS'24"),
    ("https://aclanthology.org/2025.coling-main.40/", "COLING'25"),
    ("https://aclanthology.org/2023.findings-emnlp.12.pdf", "EMNLP'23 Findings"),
    ("https://aclanthology.org/2024.acl-long.7", "ACL'24"),
    ("https://aclanthology.org/N19-1423.pdf", "NAACL'19"),
    ("https://openaccess.thecvf.com/content/CVPR2023/html/x_paper.html", "CVPR'23"),
    ("https://openaccess.thecvf.com/content_cvpr_2018/html/x.html", "CVPR'18"),
    ("https://www.computer.org/csdl/proceedings-article/sc/2024/529100b314/21HUW", "SC'24"),
    ("https://www.vldb.org/pvldb/vol17/p1-x.pdf", "VLDB'24"),
    ("https://www.ndss-symposium.org/ndss2004/model-checking/", "NDSS'04"),
])
def test_url_implies(url, expected):
    v = url_venue(url)
    assert v is not None and v.label() == expected


@pytest.mark.parametrize("url", [
    "https://openreview.net/forum?id=ccjvBkTRRe", "https://dl.acm.org/doi/10.1145/3600006.3613165",
    "https://arxiv.org/abs/2311.03687", "https://proceedings.mlr.press/v99/x.html",
    "https://aclanthology.org/2022.sustainlp-1.6/", "https://neurips.cc/virtual/2022/tutorial/55796",
    "https://github.com/usenix/conference", "not a url", "",
])
def test_url_does_not_tell(url):
    assert url_venue(url) is None


# -- data and config --------------------------------------------------------------------------


def test_data_file():
    table = load_table()
    assert len(table.infos) >= 80
    assert len({i.name for i in table.infos}) == len(table.infos)
    assert table.from_dblp_key("conf/usenix/X22").name == "USENIX ATC"
    assert table.from_dblp_key("journals/pacmmod/X").name == "SIGMOD"
    assert table.from_dblp_key("journals/corr/abs-1").preprint
    assert table.from_name("Neural Information Processing Systems").name == "NeurIPS"
    assert table.by_name["micro"].name == "MICRO" and table.by_name["ieee micro"].kind == "journal"


def test_extra_venues_from_config():
    cfg = config(extra={"MyConf": {"aliases": ["MYCONF-X"], "kind": "workshop"},
                        "OSDI": ["Operating Systems Design"]})
    table = venue_settings(cfg).table
    assert table.match("MyConf").info.kind == "workshop"
    assert table.match("MYCONF-X").status == "alias"
    assert table.match("Operating Systems Design").info.name == "OSDI"
    v = one_with(table, "- [T](https://x.org/a): accepted by MyConf'24\n")
    assert (v.name, v.year) == ("MyConf", 2024)


def one_with(table, md):
    doc = parse_text(md)
    found = [v for ev in document_venues(doc, table) for v in ev.mentions]
    assert len(found) == 1
    return found[0]


def test_config_validation():
    with pytest.raises(ConfigError, match="enabled"):
        venue_settings(config(enabled="sometimes"))
    with pytest.raises(ConfigError, match="unknown key"):
        config_from_table({"venues": {"nonsense": 1}}, None)
    with pytest.raises(ConfigError, match="expected bool"):
        config_from_table({"venues": {"keep-old-names": "yes"}}, None)
    assert venue_settings(config(enabled="off")).enabled == "off"


def test_render():
    assert render_venue("OSDI", 2024, "", "' YY") == "OSDI' 24"
    assert render_venue("NeurIPS", 2024, "Workshop") == "NeurIPS'24 Workshop"
    assert render_venue("OSDI", None) == "OSDI"


# -- rules ------------------------------------------------------------------------------------


def test_rules_are_registered():
    rules = {r.code: r for r in all_rules() if r.family == "venues"}
    assert set(rules) == {"LL301", "LL302", "LL303", "LL304", "LL305"}
    for r in rules.values():
        assert r.name == r.name.lower() and " " not in r.name
        for part in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
            assert part in r.doc


def test_not_active_without_venues():
    md = "- [A](https://x.org/a): accepted by MLSYS'25\n- [B](https://x.org/b): NIPS'24\n"
    assert codes(md) == []  # two venues: not a venue list
    assert [c for _, c, _ in codes(md, cfg=config(enabled="on"))] == ["LL301", "LL301"]
    md = venues_list("- [X](https://x.org/x): accepted by MLSYS'25")
    assert [c for _, c, _ in codes(md)] == ["LL301"]
    assert codes(md, cfg=config(enabled="off")) == []
    assert codes(md, cfg=config(min_entries=10)) == []


def test_ll301_non_canonical_venue_fixed():
    md = venues_list("- [X](https://x.org/x): accepted by MLSYS'25",
                     "- [Y](https://x.org/y): accepted by SIDMOD'24",
                     "- [Z](https://x.org/z): accepted by NIPS'24",
                     "- [W](https://x.org/w): accepted by ATC'24")
    found = codes(md, "LL301")
    assert [(line, msg) for line, _, msg in found] == [
        (8, "venue 'MLSYS' should be written 'MLSys' (the canonical spelling is MLSys)"),
        (9, "venue 'SIDMOD' should be written 'SIGMOD' (typo of SIGMOD)"),
        (10, "venue 'NIPS' should be written 'NeurIPS' (NIPS was renamed NeurIPS in 2018)")]
    fixed = fix(md, "LL301")
    assert "MLSys'25" in fixed and "SIGMOD'24" in fixed and "NeurIPS'24" in fixed
    assert "ATC'24" in fixed and codes(fixed, "LL301") == []


def test_ll301_old_names_kept_by_config():
    md = venues_list("- [X](https://x.org/x): accepted by NIPS'15",
                     "- [Y](https://x.org/y): accepted by NIPS'19",
                     "- [U](https://x.org/u): accepted by NeurIPS'16",  # the new name, back then
                     "- [V](https://x.org/v): accepted by NeurIPS'23")  # NIPS is not its only name
    assert [line for line, _, _ in codes(md, "LL301")] == [8, 9]
    kept = codes(md, "LL301", config(keep_old_names=True))
    assert [line for line, _, _ in kept] == [9]  # NIPS'19 is after the rename


def test_ll301_a_list_that_names_each_year_as_it_was_keeps_its_old_names():
    # NIPS until 2017, NeurIPS from 2018: the history is right, only NIPS'19 is wrong
    md = ("# Papers\n\n"
          "1. **Visual Interaction Networks.** NIPS 2017. [paper](https://arxiv.org/abs/1706.01433)\n"
          "1. **Interaction Networks.** NIPS 2016. [paper](https://arxiv.org/abs/1612.00222)\n"
          "1. **Structure-Aware Networks.** NeurIPS 2018. [paper](https://arxiv.org/abs/1805.07883)\n"
          "1. **Powerful Graph Networks.** NeurIPS 2019. [paper](https://arxiv.org/abs/1905.11136)\n"
          "1. **Graph Networks as Engines.** ICML 2018. [paper](https://arxiv.org/abs/1806.01242)\n"
          "1. **Gated Graph Networks.** ICLR 2016. [paper](https://arxiv.org/abs/1511.05493)\n")
    assert codes(md, "LL301") == []
    late = md + "1. **Late Paper.** NIPS 2019. [paper](https://arxiv.org/abs/1906.00001)\n"
    assert [(line, msg) for line, _, msg in codes(late, "LL301")] == [
        (9, "venue 'NIPS' should be written 'NeurIPS' (NIPS was renamed NeurIPS in 2018)")]


def test_ll301_in_a_badge_keeps_the_url_valid():
    rows = "\n".join(f"| [![P](https://img.shields.io/badge/Conference-{v}-blue)]() [T{i}]({URL}{i}) |"
                     for i, v in enumerate(["OSDI'24", "SOSP'23", "NSDI'24", "ICML'23", "Mlsys'24"]))
    md = "| Title |\n|---|\n" + rows + "\n"
    assert [c for _, c, _ in codes(md)] == ["LL301"]
    assert "Conference-MLSys'24-blue" in fix(md, "LL301")


def test_ll302_notation_drift():
    md = venues_list("- [X](https://x.org/x): a note, NSDI 2024",
                     "- [Y](https://x.org/y): scheduling, ICML'24",
                     "- [Z](https://x.org/z): by Google, in MLSys'23", n=7)
    found = codes(md, "LL302")
    assert [line for line, _, _ in found] == [10, 11, 12]
    assert "year form 'YYYY' instead of \"'YY\"" in found[0][2] and "bare instead of phrase" \
        in found[0][2]
    fixed = fix(md, "LL302")
    assert "a note, accepted by NSDI'24" in fixed
    assert "scheduling, accepted by ICML'24" in fixed
    assert "by Google, in MLSys'23" in fixed  # "in accepted by" would be wrong: no fix
    clean = venues_list(n=7)
    assert codes(clean, "LL302") == []


def test_ll302_respects_a_house_style():
    lines = [f"- [P{i}]({URL}{i}) | {v}' {y}" for i, (v, y) in
             enumerate([("OSDI", 24), ("SOSP", 23), ("NSDI", 24), ("ICML", 23), ("ATC", 22)])]
    md = "\n".join(lines + ["- [X](https://x.org/x) | SOSP'19"]) + "\n"
    fn = file_notation(parse_text(md), document_venues(parse_text(md)))
    assert (fn.notation, fn.year_style) == ("pipe", "' YY")
    assert [line for line, _, _ in codes(md, "LL302")] == [6]
    assert "| SOSP' 19" in fix(md, "LL302")


def test_ll303_malformed_year():
    md = venues_list("- [X](https://x.org/x): accepted by TACO'October-2023",
                     "- [Y](https://x.org/y): accepted by ToN'Jan24")
    found = codes(md, "LL303")
    assert [m for _, _, m in found] == [
        "malformed venue year \"TACO'October-2023\": write TACO'23",
        "malformed venue year \"ToN'Jan24\": write ToN'24"]
    assert fix(md, "LL303") == md  # unsafe: not applied by default
    fixed = fix(md, "LL303", unsafe=True)
    assert "accepted by TACO'23" in fixed and "accepted by ToN'24" in fixed
    assert codes(venues_list(), "LL303") == []


def test_ll304_venue_missing():
    md = venues_list("- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu): batching",
                     "- [Deja Vu](https://proceedings.mlr.press/v202/liu23am.html)",
                     "- [Open](https://openreview.net/forum?id=abc): no venue known")
    found = codes(md, "LL304")
    assert [(line, msg) for line, _, msg in found] == [
        (8, "no venue, but the URL says OSDI'22 (usenix.org/conference/osdi22/presentation/yu): "
            "add \"accepted by OSDI'22\""),
        (9, "no venue, but the URL says ICML'23 (proceedings.mlr.press/v202/liu23am.html): "
            "add \"accepted by ICML'23\"")]
    assert fix(md, "LL304") == md  # unsafe by default
    fixed = fix(md, "LL304", unsafe=True)
    assert "presentation/yu): batching, accepted by OSDI'22\n" in fixed
    assert "liu23am.html): accepted by ICML'23\n" in fixed
    assert fix(md, "LL304", cfg=config(write_missing=True)) == fixed


def test_ll304_in_the_bracket_notation_and_clean():
    lines = [f"- [{v}] [P{i}]({URL}{i})" for i, v in
             enumerate(["OSDI'24", "SOSP'23", "NSDI'24", "ICML'23", "ATC'22"])]
    md = "\n".join(lines + ["- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)"]) \
        + "\n"
    assert "- [OSDI'22] [Orca](https://www.usenix.org" in fix(md, "LL304", unsafe=True)
    clean = venues_list("- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu): "
                        "accepted by OSDI'22")
    assert codes(clean, "LL304") == [] and codes(clean, "LL305") == []


def test_ll304_preprint_marker_with_a_venue_url():
    md = venues_list("- [arXiv'21] [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)")
    found = codes(md, "LL304")
    assert len(found) == 1 and "marked as a preprint" in found[0][2]


def test_ll305_contradiction():
    md = venues_list("- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu): "
                     "accepted in OSDI'23",
                     "- [T](https://proceedings.mlr.press/v202/x.html): accepted by NeurIPS'23",
                     "- [V](https://www.vldb.org/pvldb/vol17/p1.pdf): accepted by VLDB'23")
    found = codes(md, "LL305")
    assert [(line, msg) for line, _, msg in found] == [
        (8, "venue \"OSDI'23\" contradicts the URL, which says OSDI'22 "
            "(usenix.org/conference/osdi22/presentation/yu)"),
        (9, "venue \"NeurIPS'23\" contradicts the URL, which says ICML'23 "
            "(proceedings.mlr.press/v202/x.html)")]
    fixed = fix(md, "LL305", unsafe=True)
    assert "accepted in OSDI'22" in fixed and "accepted by ICML'23" in fixed
    assert "VLDB'23" in fixed  # PVLDB vol 17 straddles 2023-24


def fix(md: str, select: str, unsafe: bool = False, cfg=None) -> str:
    from listlint.config import apply_preset
    from listlint.engine import Selection

    cfg = apply_preset(cfg or config_from_table({}, None))
    rules = Selection(select=[select]).rules(cfg)
    return fix_source(Source.from_text(md), cfg, rules, unsafe=unsafe).text


# -- CLI --------------------------------------------------------------------------------------


def test_cli_venues_table(cli, md):
    path = md(venues_list("- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)",
                          "- [arXiv'23] [Pre](https://arxiv.org/abs/2301.00001)",
                          "- [None](https://example.org/x)"))
    result = cli("venues", path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["line", "venue", "source", "title"]
    assert lines[1].split()[:3] == ["3", "OSDI'24", "text"]
    assert lines[6].split()[:3] == ["8", "OSDI'22", "url"]
    assert lines[7].split()[:3] == ["9", "arXiv'23", "preprint"]
    assert len(lines) == 8  # entries without a venue need --all
    assert "5 name a venue, 1 more implied by the URL" in result.stderr
    data = json.loads(cli("venues", path, "--all", "--format", "json").stdout)
    assert len(data) == 8 and data[-1]["source"] == ""
    assert cli("venues", path, "--format", "csv").stdout.startswith("line,venue,source")


def test_cli_write_needs_lookup(md):
    from tests.conftest import run_listlint

    proc = run_listlint("venues", md(venues_list()), "--write")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "--lookup" in proc.stderr


def test_entries_carry_the_venue(cli, md):
    path = md(venues_list("- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)",
                          "- [Findings](https://x.org/f): accepted by EMNLP'23 Findings",
                          "- [Plain](https://x.org/p)"))
    data = json.loads(cli("entries", path).stdout)
    assert data[0]["venue"] == {"name": "OSDI", "year": 2024, "qualifier": None, "source": "text"}
    assert data[5]["venue"] == {"name": "OSDI", "year": 2022, "qualifier": None, "source": "url"}
    assert data[6]["venue"]["qualifier"] == "Findings"
    assert data[7]["venue"] is None
    csv = cli("entries", path, "--format", "csv").stdout.splitlines()
    assert csv[0].endswith(",venue") and csv[1].endswith(",OSDI'24") and csv[-1].endswith(",")


def test_fix_command_end_to_end(cli, md):
    path = md(venues_list("- [X](https://x.org/x): accepted by MLSYS'25  ",
                          "- [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)"))
    result = cli("fix", path, "--select", "LL3")
    assert result.exit_code in (0, 1)
    text = path.read_text()
    assert "accepted by MLSys'25  \n" in text  # hard break kept
    assert "presentation/yu)\n" in text  # LL304 is unsafe: not applied
    cli("fix", path, "--select", "LL304", "--unsafe-fixes")
    assert "presentation/yu): accepted by OSDI'22\n" in path.read_text()


# -- the corpus -------------------------------------------------------------------------------


@needs_corpus
def test_paper_list_every_non_canonical_spelling_reported_and_fixed():
    text = PAPERS.read_text(encoding="utf-8")
    found = codes(text, "LL301")
    # counted by hand with grep: NIPS'23 x4, NIPS'24 x6, NIPS'25 x1, MLSYS'25 x11, SIDMOD'24,
    # InfoCom'24 (in an item whose title has no link). NIPS is the list's only spelling of
    # NeurIPS: one report for the 11; MLSYS drifts from the list's own MLSys: each reported.
    written = sorted(m.split("'")[1] for _, _, m in found)
    assert len(found) == 14
    assert written.count("NIPS") == 1 and written.count("MLSYS") == 11
    assert any("the list writes it so all 11 times" in m for _, _, m in found)
    assert "SIDMOD" in written and "InfoCom" in written
    fixed = fix(text, "LL301")
    for bad in ("MLSYS'", "SIDMOD'", "InfoCom'"):
        assert bad not in fixed
    assert fixed.count("NIPS'") == 11  # renaming the list's own spelling is not safe
    fixed = fix(text, "LL301", unsafe=True)
    assert "NIPS'" not in fixed and codes(fixed, "LL301") == []


@needs_corpus
def test_paper_list_url_implied_venues():
    text = PAPERS.read_text(encoding="utf-8")
    found = codes(text, "LL304")
    got = {line: msg.split("the URL says ")[1].split(" ")[0] for line, _, msg in found}
    # checked by hand: entries with a usenix / mlr / mlsys / neurips / csdl / aclanthology URL
    # and no venue in their text
    assert got == {
        93: "SC'24", 113: "NeurIPS'24", 241: "ICML'21", 249: "MLSys'25", 352: "MLSys'24",
        355: "OSDI'24", 356: "ATC'24", 447: "OSDI'24", 482: "OSDI'24", 743: "ATC'24",
        763: "MLSys'25", 808: "ATC'24", 902: "COLING'25", 1092: "OSDI'24", 1133: "NSDI'24",
        1202: "ATC'24", 1214: "SC'24"}
    contradictions = codes(text, "LL305")
    assert [(line, "OSDI'22" in msg) for line, _, msg in contradictions] == [(389, True)]
    malformed = codes(text, "LL303")
    assert [line for line, _, _ in malformed] == [459, 469]


@needs_corpus
@pytest.mark.parametrize("name", ["sindresorhus__awesome.md", "vinta__awesome-python.md",
                                  "public-apis__public-apis.md", "Hannibal046__Awesome-LLM.md",
                                  "DefTruth__Awesome-LLM-Inference.md",
                                  "akshithg__linux-security-papers.md",
                                  "horseee__Awesome-Efficient-LLM.md"])
def test_no_reports_on_lists_without_venue_problems(name):
    path = CORPUS / name
    assert codes(path.read_text(encoding="utf-8")) == []


@needs_corpus
def test_corpus_badges_and_columns_are_read():
    doc = parse_text((CORPUS / "horseee__Awesome-Efficient-LLM.md").read_text(encoding="utf-8"))
    found = document_venues(doc)
    assert sum(1 for ev in found if ev.text) >= 35
    assert all(v.notation == "badge" for ev in found for v in ev.mentions)
    doc = parse_text((CORPUS / "akshithg__linux-security-papers.md").read_text(encoding="utf-8"))
    found = document_venues(doc)
    assert sum(1 for ev in found if ev.text) == 70


def test_config_file_turns_the_rules_on_and_bad_values_stop(md, tmp_path):
    from tests.conftest import run_listlint

    path = md("- [A](https://x.org/a): accepted by MLSYS'25\n")
    assert "LL301" not in run_listlint("check", path, "--select", "LL3").stdout
    (tmp_path / ".listlint.toml").write_text('[venues]\nenabled = "on"\n', encoding="utf-8")
    proc = run_listlint("check", path, "--select", "LL3")
    assert "LL301 venue 'MLSYS' should be written 'MLSys'" in proc.stdout
    (tmp_path / ".listlint.toml").write_text('[venues]\nenabled = "maybe"\n', encoding="utf-8")
    proc = run_listlint("check", path, "--select", "LL3")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "venues.enabled" in proc.stderr and "Traceback" not in proc.stderr


def test_inline_disable_comment():
    md = venues_list("<!-- listlint-disable-next-line LL301 -->",
                     "- [X](https://x.org/x): accepted by MLSYS'25")
    assert codes(md, "LL301") == []


def test_edition_numbers_are_not_years():
    v = one("- [T](https://x.org/a): accepted by MICRO-56\n")
    assert (v.name, v.year, v.malformed) == ("MICRO", None, "")
    assert one("- [T](https://x.org/a): accepted by OSDI'56\n").malformed == "56"


def test_ll302_moves_a_venue_across_the_link():
    md = venues_list("- [OSDI'22] [Orca](https://x.org/orca): continuous batching",
                     "- **[SOSP'19]** [Old](https://x.org/old)", n=7)
    found = codes(md, "LL302")
    assert [line for line, _, _ in found] == [10, 11]
    assert fix(md, "LL302") == md  # moving text is unsafe
    fixed = fix(md, "LL302", unsafe=True)
    assert "- [Orca](https://x.org/orca): continuous batching, accepted by OSDI'22\n" in fixed
    assert "- [Old](https://x.org/old): accepted by SOSP'19\n" in fixed
    lines = [f"- [{v}] [P{i}]({URL}{i}): a note" for i, v in
             enumerate(["OSDI'24", "SOSP'23", "NSDI'24", "ICML'23", "ATC'22"])]
    md = "\n".join(lines + ["- [Orca](https://x.org/orca): batching, accepted by OSDI'22",
                            "- [Solo](https://x.org/solo): accepted by SOSP'19",
                            "- [Par](https://x.org/par): a note (NSDI'20)"]) + "\n"
    assert [line for line, _, _ in codes(md, "LL302")] == [6, 7, 8]
    fixed = fix(md, "LL302", unsafe=True)
    assert "- [OSDI'22] [Orca](https://x.org/orca): batching\n" in fixed
    assert "- [Solo](https://x.org/solo): accepted by SOSP'19\n" in fixed  # nothing else left
    assert "- [NSDI'20] [Par](https://x.org/par): a note\n" in fixed


def test_venue_data_has_the_documented_shape():
    """Every venue in listlint/data/venues.json uses only the documented keys, with the types
    the table reader expects, and no name or alias is claimed by two venues."""
    import json

    from listlint import data_text

    VENUES = json.loads(data_text("venues.json"))

    lists = {"aliases", "variants", "dblp", "position", "usenix", "anthology", "csdl", "cvf"}
    texts = {"name", "kind", "area", "full"}
    seen: dict[str, str] = {}
    for v in VENUES:
        assert set(v) <= lists | texts | {"old"}, v["name"]
        assert v["kind"] in ("conf", "journal", "workshop", "preprint"), v["name"]
        assert all(isinstance(v[k], str) for k in texts & set(v)), v["name"]
        assert all(isinstance(v[k], list) and all(isinstance(i, str) for i in v[k])
                   for k in lists & set(v)), v["name"]
        if "old" in v:
            assert set(v["old"]) == {"name", "until"} and 1900 < v["old"]["until"] < 2100
        for form in (v["name"], *v.get("aliases", ())):
            assert seen.setdefault(form.casefold(), v["name"]) == v["name"], form


@pytest.mark.parametrize(("a", "b", "near"), [
    ("sigmod", "sigmod", True), ("sidmod", "sigmod", True), ("sigmd", "sigmod", True),
    ("sigmodd", "sigmod", True), ("sigomd", "sigmod", True), ("isgmod", "sigmod", True),
    ("sgimod", "sigmod", True), ("sidmof", "sigmod", False), ("sigmodxx", "sigmod", False),
    ("dosmig", "sigmod", False), ("", "a", True), ("ab", "ba", True), ("abc", "cba", False),
])
def test_one_edit_is_an_osa_distance_of_one(a, b, near):
    from listlint.venue.table import _one_edit

    assert _one_edit(a, b) is near
    assert _one_edit(b, a) is near


@pytest.mark.parametrize("md", [
    "- [Paper](https://arxiv.org/abs/2401.00001): an ordinary description of the work",
    "- [Paper](https://arxiv.org/abs/2401.00001): the model and the data",
    "- [ ] ⭐ [Paper](https://arxiv.org/abs/2401.00001)",
])
def test_regions_without_a_venue_are_skipped(md):
    assert mentions(md) == []


@pytest.mark.parametrize(("md", "name", "notation"), [
    ("- [Paper](https://arxiv.org/abs/2401.00001): the Web Conference'24", "WWW", "bare"),
    ("- [Paper](https://arxiv.org/abs/2401.00001): [SIDMOD'24] a typo", "SIGMOD", "bracket"),
    ("- [Paper](https://arxiv.org/abs/2401.00001): in SIDMOD'24", "SIGMOD", "bare"),
    ("- [Paper](https://arxiv.org/abs/2401.00001): accepted by SIDMOD", "SIGMOD", "phrase"),
    ("- [Paper](https://arxiv.org/abs/2401.00001): accepted by Eurosys 2024", "EuroSys",
     "phrase"),
    ("- [Paper](https://arxiv.org/abs/2401.00001): publiſhed in OSDI'24", "OSDI", "phrase"),
    ("- [Paper](https://arxiv.org/abs/2401.00001): accepted by NDSSX'24", "NDSSX", "phrase"),
])
def test_what_the_region_shortcuts_must_not_skip(md, name, notation):
    assert [(v.name, v.notation) for v in mentions(md)] == [(name, notation)]


def test_typo_candidates_hold_every_form_one_edit_away():
    """The one-deletion index finds every typo form one edit away (it may find more)."""
    from listlint.venue.table import _one_edit

    table = load_table()
    words = set()
    for text in table._typo_forms:
        low = text.casefold()
        for k in range(len(low)):
            words.update({low[:k] + low[k + 1:], low[:k] + "x" + low[k + 1:],
                          low[:k] + "q" + low[k:], low[:k] + low[k + 1:k + 2] + low[k:k + 1]
                          + low[k + 2:]})
    for low in words:
        near = [t for t in table._typo_forms if _one_edit(low, t.casefold())]
        assert [t for t in table._typo_candidates(low) if _one_edit(low, t.casefold())] == near


@pytest.mark.parametrize(("md", "found"), [
    ("- [Tool](https://example.com/t) - A tool. `MIT` `Docker`", []),
    ("- [Paper](https://arxiv.org/abs/2401.00001): (SIGMDO) a typo in brackets", ["SIGMOD"]),
    ("- [Paper](https://arxiv.org/abs/2401.00001): x&SIDMOD'24", []),
])
def test_typo_spots(md, found):
    assert [v.name for v in mentions(md)] == found


# a list's own consistent spelling, and the venues of other fields -----------------------------
def test_ll301_a_consistent_alias_is_one_report_for_the_file() -> None:
    lines = [f"- [P{k}](https://x.org/p{k}): accepted by NIPS'2{k}" for k in range(4)]
    found = codes(venues_list(*lines), "LL301")
    assert len(found) == 1
    assert found[0][2].endswith("the list writes it so all 4 times (accept it with "
                                "[tool.listlint.venues] accept = ['NIPS'])")
    d = check_text(venues_list(*lines), select=["LL301"])[0]
    assert d.fix is not None and len(d.fix.edits) == 4 and d.fix.applicability.value == "unsafe"
    # mixed with the canonical spelling it is drift: every occurrence is reported and fixed safely
    mixed = venues_list(*lines, "- [Q](https://x.org/q): accepted by NeurIPS'23")
    assert len(codes(mixed, "LL301")) == 4


def test_ll301_accept_the_lists_own_spelling() -> None:
    lines = [f"- [P{k}](https://x.org/p{k}): accepted by NIPS'2{k}" for k in range(4)]
    lines.append("- [Q](https://x.org/q): accepted by MLSYS'24")
    found = codes(venues_list(*lines), "LL301", config(accept=["NIPS"]))
    assert [msg.split(" should")[0] for _, _, msg in found] == ["venue 'MLSYS'"]


def test_venue_accept_must_be_a_list() -> None:
    from listlint.config import ConfigError

    with pytest.raises(ConfigError, match="accept"):
        codes(venues_list(), "LL301", config(accept="NIPS"))


@pytest.mark.parametrize(("written", "name", "qualifier"), [
    ("ICASSP'24", "ICASSP", ""), ("LREC'22", "LREC", ""), ("IJCNN'23", "IJCNN", ""),
    ("ASE'23", "ASE", ""), ("COMPSAC'23", "COMPSAC", ""), ("ACL-IJCNLP'21", "ACL-IJCNLP", ""),
    ("LREC-COLING'24", "LREC-COLING", ""), ("Interspeech'23", "Interspeech", ""),
    ("Findings of EMNLP'23", "EMNLP", "Findings"), ("Findings of ACL'23", "ACL", "Findings"),
    ("EMNLP'23 Findings", "EMNLP", "Findings"), ("NeurIPS'23 Workshop", "NeurIPS", "Workshop"),
    ("ICLR 2024 Workshop on Secure LLMs", "ICLR", "Workshop"),
])
def test_venues_of_other_fields_are_known(written: str, name: str, qualifier: str) -> None:
    md = venues_list(f"- [X](https://x.org/x): accepted by {written}")
    doc = parse_text(md)
    last = document_venues(doc, load_table())[-1]
    v = last.mentions[0]
    assert (v.name, v.status, v.qualifier) == (name, "canonical", qualifier)
    assert v.year is not None
    assert codes(md, "LL301") == []


def test_ll302_tutorials_are_events_not_paper_venues() -> None:
    md = venues_list("- [T](https://x.org/t): IJCAI2024 Tutorial", n=7)
    assert codes(md, "LL302") == []
    drift = venues_list("- [T](https://x.org/t): IJCAI2024", n=7)
    assert [c for _, c, _ in codes(drift, "LL302")] == ["LL302"]


def test_the_family_stays_offline_and_small() -> None:
    """Nothing in rules/venues/ imports the engine, the CLI, the run pipeline or network code
    (the look-up is listlint.net.lookup), no module is over 600 lines, and checking a venue
    list does not load ``requests``."""
    import ast
    import subprocess
    import sys
    from pathlib import Path

    import listlint.rules.venues as family

    banned = ("listlint.engine", "listlint.cli", "listlint.lint", "listlint.net", "requests",
              "urllib3", "socket", "http")
    for path in Path(family.__file__).parent.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 600, path.name
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not any(name == b or name.startswith(b + ".") for b in banned), \
                    (path.name, name)
    code = ("import sys; from listlint.lint import check_text; "
            f"assert check_text({venues_list('- [X](https://x.org/x): accepted by MLSYS 2024')!r},"
            " select=['LL3']); assert 'requests' not in sys.modules")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_a_month_after_the_year_keeps_the_venue_in_its_parentheses() -> None:
    venues = ["ICLR 2024", "OSDI 2024", "SOSP 2024", "ICML 2023", "NeurIPS 2024", "ATC 2024",
              "EuroSys 2025", "MLSys 2025", "ASPLOS 2025", "ArXiV 2025.06", "arXiv 2025-09"]
    md = "# Papers\n\n" + "".join(
        f"{i}. **Paper {i} Title** ({v}) [[paper]](https://arxiv.org/abs/2401.{i:05d})\n"
        for i, v in enumerate(venues, 1))
    assert [c for c in codes(md) if c[1] == "LL302"] == []


def test_a_venue_and_year_after_a_comma_is_a_venue() -> None:
    # a citation's habit: "**Title.** SIGIR, 2019." and "(NeurIPS, 2024)"
    v = one("1. **Alpha Study.** SIGIR, 2019. [paper](https://example.org/a.pdf)\n")
    assert (v.name, v.year, v.year_style) == ("SIGIR", 2019, ", YYYY")
    v = one("- [Beta](https://example.org/b) (NeurIPS, 2024)\n")
    assert (v.name, v.year, v.notation) == ("NeurIPS", 2024, "paren")
    # a comma and a number that is no year, or a year that does not end the clause: prose
    assert mentions("- [Gamma](https://example.org/c) - SIGIR, 12 talks.\n") == []
    assert mentions("- [BEIR](https://arxiv.org/abs/2104.08663) - A benchmark drawn from "
                    "papers at SIGIR, 2000 queries per task.\n") == []
    assert [v.name for v in mentions(
        "- [MS MARCO](https://arxiv.org/abs/1611.09268) - Used at ACL, EMNLP and NAACL, "
        "2019-2024.\n")] == []
