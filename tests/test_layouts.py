"""Entries in every layout lists use, and the rules that read them (own fixtures only).

Each layout below writes the same six papers. For each, the model must read six entries
with the right title, paper URL, code link and layout, and the duplicates, spelling and
venues rules must find what was planted: the same arXiv id twice, "Efficent" in a title,
and the venue spelled ``MLSYS`` (canonical: MLSys).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from listlint.document import parse_text
from listlint.document.layouts import (
    HTML_SUMMARY,
    HTML_TABLE,
    LIST_HTML,
    LIST_LINK,
    LIST_NESTED,
    LIST_TEXT,
    PARAGRAPH,
    STYLED_LAYOUTS,
    TABLE_LINK,
    TABLE_TEXT,
    is_label,
    primary_link,
    read_text_title,
)
from listlint.lint import check_text
from tests.conftest import CORPUS

#: (title, paper url, venue, code url): six papers, a typo, a repeated paper, a venue alias
PAPERS = [
    ("Efficent Serving of Sparse Mixtures", "https://arxiv.org/abs/2501.00011", "OSDI'24",
     "https://github.com/lab/sparse"),
    ("Paged Caches for Batched Decoding", "https://arxiv.org/abs/2501.00012", "SOSP'23",
     "https://github.com/lab/paged"),
    ("Speculative Sampling with Draft Trees", "https://arxiv.org/abs/2501.00013", "NSDI'24",
     "https://github.com/lab/draft"),
    ("Quantized Kernels for Small Devices", "https://arxiv.org/abs/2501.00014", "MLSYS'25",
     "https://github.com/lab/kernels"),
    ("Elastic Scheduling of Inference Jobs", "https://arxiv.org/abs/2501.00015", "EuroSys'25",
     "https://github.com/lab/elastic"),
    ("Batched Decoding with Paged Caches", "https://arxiv.org/abs/2501.00012", "ASPLOS'24",
     "https://github.com/lab/paged2"),
]
TITLES = [p[0] for p in PAPERS]
HEAD = "# Serving papers\n\n## Systems\n\n"

Layout = Callable[[str, str, str, str, int], str]

LAYOUT_CASES: dict[str, tuple[str, Layout]] = {
    "linked": (LIST_LINK, lambda t, u, v, c, i: f"- [{t}]({u}) - Accepted by {v}.\n"),
    "numbered-bold-link": (LIST_LINK,
                           lambda t, u, v, c, i: f"{i + 1}. **[{t}]({u})** {v} [[code]({c})]\n"),
    "link-in-bold": (LIST_LINK, lambda t, u, v, c, i: f"- [**{t}**]({u}) - {v}\n"),
    "reference": (LIST_LINK, lambda t, u, v, c, i: f"- [{t}][p{i}] - {v}\n\n[p{i}]: {u}\n\n"),
    "bold-side-links": (LIST_TEXT, lambda t, u, v, c, i:
                        f"- **{t}** *A. Author et al.* {v} [[pdf]({u})] [[code]({c})]\n"),
    "numbered-bold-dot": (LIST_TEXT, lambda t, u, v, c, i:
                          f"{i + 1}) **{t}.** {v}. [paper]({u}) [code]({c})\n"),
    "date-tag": (LIST_TEXT, lambda t, u, v, c, i:
                 f"- [2024/0{i + 1}] **{t}.** *B. Writer, {v}* [[paper]({u})] [[code]({c})]\n"),
    "venue-tag": (LIST_TEXT, lambda t, u, v, c, i:
                  f"* [**{v}**] {t} [[Paper]({u})] [[Code]({c})]\n"),
    "plain-title": (LIST_TEXT, lambda t, u, v, c, i:
                    f"- {t}. ({v}) [[paper]]({u}) [[code]({c})] "
                    f"![stars](https://img.shields.io/github/stars/lab/x{i})\n"),
    "name-and-quote": (LIST_TEXT, lambda t, u, v, c, i:
                       f'* **Sys{i}**: "{t}", *{v}*. [[Paper]({u})] [[Code]({c})]\n'),
    "link-tag-first": (LIST_TEXT, lambda t, u, v, c, i:
                       f"- [[arXiv]({u})] {t} ({v}) [[code]({c})]\n"),
    "pipes": (LIST_TEXT, lambda t, u, v, c, i:
              f"- **[S{i}]** {t} | **[{v}]** | [`[pdf]`]({u}) [`[official code]`]({c})\n"),
    "br-continuation": (LIST_TEXT, lambda t, u, v, c, i:
                        f"{i + 1}. **{t}**. <br />\n   C. Person, D. Person. {v}. "
                        f"[[paper]({u})] [[code]({c})]\n"),
    "backslash-continuation": (LIST_TEXT, lambda t, u, v, c, i:
                               f"- **{t}** \\\n  *E. Person* \\\n  {v}. [[Paper]({u})]\n"),
    "lazy-continuation": (LIST_TEXT, lambda t, u, v, c, i:
                          f"- **{t}**\n{v}, F. Person. [[pdf]({u})] [[github]({c})]\n"),
    "sub-bullets": (LIST_NESTED, lambda t, u, v, c, i:
                    f"- **{t} ({v})**\n  - G. Person\n  - [[Paper]]({u})\n  - [[Code]]({c})\n"),
    "bold-paragraph-bare-urls": (LIST_NESTED, lambda t, u, v, c, i:
                                 f"**{t}**\n\n- Venue: {v}\n- Paper: {u}\n- Code: {c}\n\n"),
    "paragraph": (PARAGRAPH, lambda t, u, v, c, i:
                  f"**{t}** \\\n*H. Person, I. Person* \\\n{v}. [[Paper]({u})] [[Github]({c})]\n\n"),
    "bold-link-paragraph": (PARAGRAPH, lambda t, u, v, c, i:
                            f"**[{t}]({u})** - Accepted by {v}. [[code]({c})]\n\n"),
    "table-badge": (TABLE_TEXT, lambda t, u, v, c, i:
                    ("| Title | Venue | Paper | Code |\n|---|---|---|---|\n" if i == 0 else "")
                    + f"| {t} | {v} | [![arXiv](https://img.shields.io/badge/arXiv-{i}-red.svg)]"
                      f"({u}) | [code]({c}) |\n"),
    "table-paper-column": (TABLE_TEXT, lambda t, u, v, c, i:
                           ("| Date | Title | Paper | Code |\n|:-:|---|:-:|:-:|\n" if i == 0
                            else "") + f"| 2024.0{i + 1} | {t} ({v}) | [[pdf]]({u}) "
                                       f"| [code]({c}) |\n"),
    "table-linked-title": (TABLE_LINK, lambda t, u, v, c, i:
                           ("| Paper | Venue | Code |\n|---|---|---|\n" if i == 0 else "")
                           + f"| [{t}]({u}) | {v} | [GitHub]({c}) |\n"),
    "html-table": (HTML_TABLE, lambda t, u, v, c, i:
                   ("<table>\n<tr><th>Title</th><th>Venue</th><th>Links</th></tr>\n"
                    if i == 0 else "")
                   + f'<tr><td>{t}</td><td>{v}</td><td><a href="{u}">paper</a> '
                     f'<a href="{c}"><img src="https://img.shields.io/badge/code-x-b.svg" '
                     f'alt="code"></a></td></tr>\n' + ("</table>\n" if i == 5 else "")),
    "details-section": (LIST_LINK, lambda t, u, v, c, i:
                        ("<details>\n<summary>Systems (click to open)</summary>\n\n"
                         if i == 0 else "") + f"- [{t}]({u}) - {v}\n"
                        + ("\n</details>\n" if i == 5 else "")),
    "html-summary": (HTML_SUMMARY, lambda t, u, v, c, i:
                     f'<details><summary><b><a href="{u}">{t}</a></b> (⭐ 1.{i}K) - '
                     f'A system, {v}.</summary>\n\n- [GitHub]({c}) (👨‍💻 12 · 🔀 3)\n\n'
                     f'</details>\n'),
    "inline-html-item": (LIST_HTML, lambda t, u, v, c, i:
                         f'- <b><a href="{u}">{t}</a></b> - A system, {v}.\n'),
}


def render(layout: Layout) -> str:
    return HEAD + "".join(layout(t, u, v, c, i) for i, (t, u, v, c) in enumerate(PAPERS))


@pytest.mark.parametrize("name", LAYOUT_CASES)
def test_every_layout_yields_its_entries(name: str) -> None:
    layout, make = LAYOUT_CASES[name]
    doc = parse_text(render(make))
    assert [e.title for e in doc.entries] == TITLES, name
    assert [e.url for e in doc.entries] == [p[1] for p in PAPERS]
    assert {e.layout for e in doc.entries} == {layout}
    assert not doc.unread, doc.unread
    text = doc.text
    for e, (title, url, _, code) in zip(doc.entries, PAPERS):
        assert text[e.title_span.start:e.title_span.end] == title  # exact spans
        assert e.url_span is not None
        if e.link_kind != "reference":  # a reference link's url_span is its label
            assert text[e.url_span.start:e.url_span.end] == url
        assert doc.source.line_of(e.title_span.start) == e.line or e.layout == LIST_NESTED
        if "code" in make("T", "U", "V", "C", 1).lower() and layout != TABLE_LINK:
            assert code in [link.url for link in e.other_links], (name, e.other_links)


@pytest.mark.parametrize("name", LAYOUT_CASES)
def test_rules_find_duplicate_typo_and_venue_alias_in_every_layout(name: str) -> None:
    layout, make = LAYOUT_CASES[name]
    md = render(make)
    src_lines = md.split("\n")
    diags = check_text(md, select=["LL1", "LL203", "LL301"])
    codes = {d.code for d in diags}
    assert codes & {"LL101", "LL104"}, (name, diags)
    if layout in (HTML_TABLE, HTML_SUMMARY):  # spelling reads Markdown prose, not HTML blocks
        assert "LL203" not in codes
        return
    assert "LL203" in codes, (name, diags)
    assert "LL301" in codes, (name, diags)
    line_of = parse_text(md).source.line_of
    typo = next(d for d in diags if d.code == "LL203")
    assert "Efficent" in src_lines[line_of(typo.start) - 1]
    venue = next(d for d in diags if d.code == "LL301")
    assert "MLSys" in venue.message


def test_separator_after_side_links_and_markers() -> None:
    doc = parse_text("- **[Deprecated]** ⭐ [Tool](https://tool.example) "
                     "[[crate](https://crates.io/crates/tool)] - Does things. "
                     "![CI](https://img.shields.io/badge/ci-ok-green.svg)\n")
    (e,) = doc.entries
    assert (e.title, e.url, e.layout) == ("Tool", "https://tool.example", LIST_LINK)
    assert "**[Deprecated]**" in e.markers and "⭐" in e.markers
    assert [link.url for link in e.other_links][0] == "https://crates.io/crates/tool"


def test_prose_items_are_not_entries_and_are_reported_once_per_list() -> None:
    md = HEAD + "".join(f"- See the [guide number {i}](https://docs.example/{i}) before you "
                        f"start.\n" for i in range(12)) + "\n## Tools\n\n- [Real](https://r.example)\n"
    doc = parse_text(md)
    assert [e.title for e in doc.entries] == ["Real"]
    assert doc.linked_items == 13 and doc.unread_items == 12 and len(doc.unread) == 1
    diags = check_text(md, select=["LL008"])
    assert len(diags) == 1
    assert diags[0].message.startswith(
        "12 list items with links not read as entries (lines 5, 6, 7, 8, 9, ...")
    note = doc.coverage_note()
    assert note is not None and "only 1 of 13" in note and "besides" not in note
    with_paper = parse_text(md + "\n**A Paper** (ICML 2024) [[paper]](https://arxiv.org/abs/2401.1)\n")
    assert "read as entries, besides 1 entry written otherwise;" in with_paper.coverage_note()
    assert parse_text(render(LAYOUT_CASES["linked"][1])).coverage_note() is None


def test_a_list_of_headings_gets_a_note_not_an_all_clear() -> None:
    md = "# Papers\n\n" + "".join(
        f"### {i}. [Study number {i}](https://arxiv.org/abs/2410.{i:05d})\n\n"
        f"**Summary**: what study {i} found.\n\n" for i in range(25))
    doc = parse_text(md)
    assert doc.entries == [] and doc.coverage_note() == (
        "<string>: 0 entries read from 25 links; links in headings, or in a layout listlint "
        "does not read, make no entry, and rules see only entries (`listlint entries` lists "
        "what was read)")
    # a list of links with a few links around it: no note
    few = md.replace("### ", "- ", 25)
    assert parse_text(few).coverage_note() is None


def test_facts_with_footnote_citations_are_no_entries() -> None:
    # "<sup>[1](source)</sup>" cites the source of a statement: no entry, no duplicate, and
    # no list item left unread (it links out to nothing of the list's own)
    talk = "https://www.youtube.com/watch?v=D5-ifl7KJ00"
    md = (HEAD + f"* Over 1 million customers active in past 30 days.<sup>[1]({talk})</sup>\n"
          f"* $7B+ annual revenue run-rate business.<sup>[1]({talk})</sup>\n"
          f"    * 81% year over year revenue growth.<sup>[1]({talk})</sup>\n"
          "* 102Tbps network capacity into a data center.<sup>[2](http://hs.example/aws)</sup>\n"
          "\n## Tools\n\n- [Real](https://r.example) - A real entry.\n")
    doc = parse_text(md)
    assert [e.title for e in doc.entries] == ["Real"]
    assert doc.unread_items == 0
    assert check_text(md, select=["LL1", "LL008"]) == []
    # a title with a numbered link that is no citation still is an entry
    paper = HEAD + "- **A Paper Title About Graphs** [1](https://arxiv.org/abs/2401.00001)\n"
    assert [e.title for e in parse_text(paper).entries] == ["A Paper Title About Graphs"]


def test_unread_table_rows_are_reported() -> None:
    md = ("| What | Where |\n|---|---|\n"
          + "".join(f"| `cmd{i}` run it | see https://x.example/{i} and more |\n"
                    for i in range(3)))
    diags = check_text(md, select=["LL008"])
    assert [d.message.split(" (")[0] for d in diags] == [
        "3 table rows with links not read as entries"]


@pytest.mark.parametrize("name", LAYOUT_CASES)
def test_every_layout_is_clean_for_ll008(name: str) -> None:
    _, make = LAYOUT_CASES[name]
    assert check_text(render(make), select=["LL008"]) == []


def test_side_links_never_become_titles() -> None:
    md = ("- [[Paper]](https://arxiv.org/abs/2501.1)\n- [`[pdf]`](https://x.example/a.pdf)\n"
          "- [Website](https://tool.example)\n")
    doc = parse_text(md)
    # a bracketed label is never a name; a plain one with no title above names a resource
    assert [e.title for e in doc.entries] == ["Website"]
    assert len(doc.unread) == 1 and doc.unread[0].lines == (1, 2)


def test_a_linked_entry_keeps_its_side_link_sub_bullets_as_other_links() -> None:
    md = "- [Tool](https://tool.example) - a tool\n  - [Docs](https://docs.example)\n"
    (e,) = parse_text(md).entries
    assert [link.url for link in e.other_links] == ["https://docs.example"]


def test_style_rules_ignore_layouts_they_do_not_understand() -> None:
    assert STYLED_LAYOUTS == {LIST_LINK}
    md = render(LAYOUT_CASES["bold-side-links"][1]).replace("- **Quantized", "* **Quantized")
    assert check_text(md, select=["LL5"]) == []


def test_fix_keeps_every_entry_of_a_mixed_list() -> None:
    from listlint.config import Config
    from listlint.engine import Selection
    from listlint.fix import fix_source
    from listlint.source import Source

    def fix_text(text: str) -> str:
        config = Config()
        return fix_source(Source.from_text(text), config,
                          Selection(select=["LL5"]).rules(config)).text

    md = (render(LAYOUT_CASES["linked"][1]) + "\n## More\n\n"
          + render(LAYOUT_CASES["bold-side-links"][1]).replace(HEAD, "")
          + "* [Odd Marker](https://odd.example) - Accepted by OSDI'24.\n")
    fixed = fix_text(md)
    assert "- [Odd Marker]" in fixed  # the link list's marker was fixed
    assert len(parse_text(fixed).entries) == len(parse_text(md).entries)
    assert fixed.count("[[pdf](") == 6  # the other layout is untouched


def test_a_directory_written_as_bold_link_paragraphs_is_read() -> None:
    text = ("# Tools\n\n## APIs\n\n**[OpenAI](https://openai.com/api/)** ⭐⭐⭐⭐⭐ 💵\n\n"
            "- **Models**: GPT-5\n- **Pricing**: $1\n\n"
            "**[Groq](https://groq.com/)** ⭐⭐⭐⭐ 💵\n\n- **Models**: Llama\n")
    doc = parse_text(text)
    assert [(e.title, e.url, e.layout) for e in doc.entries] == [
        ("OpenAI", "https://openai.com/api/", PARAGRAPH), ("Groq", "https://groq.com/", PARAGRAPH)]


@pytest.mark.parametrize("label", ["CHI 2024", "Findings of ACL 2024", "NeurIPS'24 Oral",
                                   "arXiv, 5 Sep 2024", "VIS 2024 Short Paper", "CVPR2024"])
def test_a_link_named_after_its_venue_is_a_side_link(label: str) -> None:
    text = (f"# P\n\n## S\n\n**Alpha: A Study**  \nAnn Lee, Bob Chan  \n"
            f"[{label}](https://arxiv.org/abs/2309.10245) • [Code](https://github.com/a/alpha)\n")
    [e] = parse_text(text).entries
    assert (e.title, e.url) == ("Alpha: A Study", "https://arxiv.org/abs/2309.10245")


def test_a_full_width_colon_after_a_title_is_no_part_of_it() -> None:
    text = "# L\n\n* ChatGLM：\n  * 地址：https://github.com/THUDM/ChatGLM-6B\n  * 简介：中文对话模型\n"
    [e] = parse_text(text).entries
    assert (e.title, e.url) == ("ChatGLM", "https://github.com/THUDM/ChatGLM-6B")


def test_an_address_with_a_star_badge_below_it_is_read() -> None:
    text = ("# L\n\n* SkyPaint：\n  * 地址：https://github.com/SkyWorkAIGC/SkyPaint\n"
            "  ![](https://img.shields.io/github/stars/SkyWorkAIGC/SkyPaint.svg)\n"
            "  * 简介：基于[OpenAI-CLIP](https://github.com/openai/CLIP)的模型。\n")
    [e] = parse_text(text).entries
    assert (e.title, e.url) == ("SkyPaint", "https://github.com/SkyWorkAIGC/SkyPaint")
    assert check_text(text, select=["LL008"]) == []  # the description's link is no entry


def test_a_sub_item_with_links_that_is_no_field_is_still_reported() -> None:
    text = ("# L\n\n- [Alpha](https://a.example) - A tool.\n"
            "  - See also [Beta](https://b.example) and [Gamma](https://c.example) today.\n")
    assert [d.code for d in check_text(text, select=["LL008"])] == ["LL008"]


def test_a_title_with_a_year_is_still_a_title() -> None:
    [e] = parse_text("# P\n\n- [Alpha Study 2024](https://a.example) - A study.\n").entries
    assert e.title == "Alpha Study 2024"


def test_paragraph_lines_of_a_link_and_what_it_is_are_entries() -> None:
    text = ("# Tools\n\n[EasyEdit](https://github.com/zjunlp/EasyEdit): An editing framework.\n\n"
            "[SPCL](https://spcl.example/): Scalable Parallel Computing Lab  \n"
            "[Luo MAI](https://luomai.example/): affiliated with Edinburgh\n\n"
            "[Home](https://h.example) | [Docs](https://h.example/docs)\n\n"
            "[This post](https://p.example) explains why the list moved.\n")
    # one such line alone is a footer ("[Join our Discord](url) - we are friendly!")
    assert [(e.title, e.description) for e in parse_text(text).entries] == [
        ("SPCL", "Scalable Parallel Computing Lab"), ("Luo MAI", "affiliated with Edinburgh")]


def test_a_papers_linked_author_line_is_no_entry() -> None:
    text = ("# Papers\n\n**[Deep Residual Learning](https://arxiv.org/abs/1512.03385)**  \n"
            "[Kaiming He](https://kaiminghe.github.io/) - CVPR 2016\n")
    assert parse_text(text).entries == []


def test_news_that_links_a_venue_is_no_entry() -> None:
    text = ("# Diffusion\n\n## News\n\n"
            "- Our survey was accepted to [CVPR 2024](https://cvpr.thecvf.com/Conferences/2024)\n"
            "- We will give a tutorial at [NeurIPS 2023](https://neurips.cc/Conferences/2023)\n")
    assert parse_text(text).entries == []


@pytest.mark.parametrize(("item", "title", "marker"), [
    ("* Airbnb - [Learning to Rank at Airbnb](https://a.example/1)", "Learning to Rank at Airbnb",
     "Airbnb -"),
    ("* Peter Norvig. [How to Write a Spelling Corrector](https://n.example/)",
     "How to Write a Spelling Corrector", "Peter Norvig."),
    ("* MIT: [Database Systems 6.830](https://ocw.example/)", "Database Systems 6.830", "MIT:"),
])
def test_the_source_before_an_articles_link_is_a_marker(item: str, title: str,
                                                        marker: str) -> None:
    [e] = parse_text(f"# Talks\n\n{item}\n").entries
    assert (e.title, " ".join(e.markers)) == (title, marker)


@pytest.mark.parametrize("item", [
    "- See the [guide](https://g.example) first.",
    "  - Description: [CLIP](https://github.com/openai/CLIP)-style model with a captioner.",
    "- Note: [this project](https://github.com/old/project) is deprecated, use the new one.",
    "- Vim: [vim-go](https://github.com/fatih/vim-go), [vim-polyglot](https://g.example/p)",
    "  - Paper: [AgentGym](https://arxiv.org/abs/2406.04151).",
    "  - Huggingface resources: [AgentTraj-L](https://hf.example/a), [B](https://hf.example/b)",
])
def test_a_field_or_a_sentence_before_a_link_is_no_source(item: str) -> None:
    doc = parse_text(f"# News\n\n- Released today!\n{item}\n")
    assert doc.entries == []


def test_a_bold_link_over_a_list_of_links_is_the_groups_header() -> None:
    text = ("# Frameworks\n\n**[Python](https://www.python.org/)**\n\n"
            "- [Django](https://www.djangoproject.com/) - Web framework.\n"
            "- [Flask](https://flask.palletsprojects.com/) - Micro framework.\n\n"
            "**[Groq](https://groq.com/)** ⭐⭐⭐⭐\n\n- **Models**: Llama\n")
    assert [e.title for e in parse_text(text).entries] == ["Django", "Flask", "Groq"]


def test_bold_links_in_prose_or_navigation_are_no_entries() -> None:
    text = ("# Tools\n\n**[Read the guide](https://g.example)** to get started.\n\n"
            "**[⬆ back to top](#tools)**\n\n"
            "**[Reddit](https://r.example)** · **[Discord](https://d.example)**\n\n"
            "**[Docs](https://d.example/docs)**\n")
    assert parse_text(text).entries == []


def test_a_paragraph_needs_its_title_alone_on_the_first_line() -> None:
    md = ("**Note** see [the paper](https://arxiv.org/abs/2501.1) for details.\n"
          "More text.\n\n**Title** \\\nand a [sentence link](https://x.example/a)\n")
    assert parse_text(md).entries == []
    doc = parse_text("**A Title** \\\n*Authors* \\\nICML 2023. [[Paper](https://x.example/p)]\n")
    (e,) = doc.entries
    assert (e.title, e.layout, e.description) == ("A Title", PARAGRAPH, "*Authors* ICML 2023")


def test_label_and_title_helpers() -> None:
    assert is_label("[pdf]") and is_label("Pytorch Code") and is_label("official code - torch")
    assert not is_label("Attention Is All You Need") and not is_label("a link")
    assert primary_link([("code", "https://github.com/a/b", False),
                         ("Paper", "https://example.org/p", False)]) == 1
    assert primary_link([("", "https://img.shields.io/x.svg", True),
                         ("site", "https://example.org", False)]) == 1
    text = "[**ACL'23**] 🔥 **Title Here.** more"
    t = read_text_title(text, 0, len(text))
    assert t is not None and text[t.start:t.end] == "Title Here" and t.emphasis == "**"


@pytest.mark.skipif(not (CORPUS / "wide").is_dir(), reason="needs ../shared/corpus/wide")
def test_wide_corpus_coverage() -> None:
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "coverage.py"
    spec = importlib.util.spec_from_file_location("coverage_bench", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    items = read = entries = sane = 0
    for f in sorted((CORPUS / "wide").glob("*.md")):
        if f.name == "README.md":
            continue
        cov = mod.measure(f)
        assert cov.rate >= 0.85, (f.name, cov.rate)
        items, read = items + cov.items, read + cov.covered
        entries, sane = entries + cov.entries, sane + cov.sane
    assert read >= 0.97 * items and sane >= 0.97 * entries


def test_check_stats_and_entries_say_when_few_linked_items_are_entries(cli, md) -> None:
    import json

    path = md(HEAD + "".join(f"- See the [guide {i}](https://docs.example/{i}) first.\n"
                             for i in range(12)) + "- [Real](https://r.example)\n")
    for args in (("check", path), ("entries", path), ("stats", path, "--format", "json")):
        result = cli(*args)
        assert "only 1 of 13 linked list items" in result.stderr, args
    assert json.loads(cli("stats", path, "--format", "json").stdout)["unread_items"] == 12
    rows = json.loads(cli("entries", path).stdout)
    assert [(r["title"], r["layout"]) for r in rows] == [("Real", LIST_LINK)]
    clean = md(render(LAYOUT_CASES["date-tag"][1]), name="clean.md")
    result = cli("entries", clean)
    assert "note" not in result.stderr
    assert {r["layout"] for r in json.loads(result.stdout)} == {LIST_TEXT}


@pytest.mark.parametrize("label", ["文章链接", "Read more →", "论文", "click here"])
def test_a_table_whose_link_only_says_it_is_one_takes_the_title_from_the_name_column(
        label: str) -> None:
    text = ("# Graphics\n\n| Topic | Notes | Link | Level |\n|-|-|-|-|\n"
            f"| SSAO survey | six methods | [{label}](https://ex.org/ao) | :star: |\n"
            f"| Shadow maps | cascades | [{label}](https://ex.org/sm) | :star: |\n")
    doc = parse_text(text)
    assert [(e.title, e.url, e.description) for e in doc.entries] == [
        ("SSAO survey", "https://ex.org/ao", "six methods"),
        ("Shadow maps", "https://ex.org/sm", "cascades")]


def test_bold_titled_paper_lines_outside_lists_are_entries() -> None:
    text = ("# Papers\n\n## Quantization\n\n"
            "**Paper Four** (ICML 2023) [[paper]](https://arxiv.org/abs/2301.00004) ⭐⭐\n\n"
            "**Paper Five** (ICML 2024) [[paper]](https://arxiv.org/abs/2401.00005)\n"
            "**Paper Six** (OSDI 2025) [[paper]](https://arxiv.org/abs/2501.00006) "
            "[[code]](https://github.com/o/six)\n\n"
            "**Note:** the [survey](https://example.org/survey) has more.\n\n"
            "**Important:** this list moved, see the new one [here](https://new.example.org/).\n\n"
            '<a id="kv"></a>\n'
            "**Paper Eight** (ATC 2024) [[paper]](https://arxiv.org/abs/2401.00008)\n\n"
            "**Paper Seven** (SOSP 2024) [[paper]](https://arxiv.org/abs/2401.00007)\n"
            "and a line of prose that is no entry [[pdf]](https://example.org/p.pdf)\n")
    doc = parse_text(text)
    assert [(e.line, e.title, e.url, e.layout) for e in doc.entries] == [
        (5, "Paper Four", "https://arxiv.org/abs/2301.00004", PARAGRAPH),
        (7, "Paper Five", "https://arxiv.org/abs/2401.00005", PARAGRAPH),
        (8, "Paper Six", "https://arxiv.org/abs/2501.00006", PARAGRAPH),
        (15, "Paper Eight", "https://arxiv.org/abs/2401.00008", PARAGRAPH)]
    assert doc.entries[2].description == "(OSDI 2025)"
    assert [link.url for link in doc.entries[2].other_links] == ["https://github.com/o/six"]


def test_a_short_name_a_colon_and_its_one_link_is_an_entry() -> None:
    text = ("# Lists\n\n## Detection\n\n"
            "- 🚰 Suspicious Named pipes: [pipes.csv](https://github.com/o/x/blob/main/p.csv)\n"
            "- Suspicious DNS: [dns_list.csv](https://github.com/o/x/blob/main/dns.csv)\n"
            "- Portals to browse the list: [one](https://one.example), [two](https://two.example)\n"
            "- New paper on agents has been released! Paper: [Agents](https://arxiv.org/abs/2401.1)\n"
            "- MIT: [Database Systems 6.830](https://ocw.example/db) - Course readings.\n"
            "- [Tool](https://e.com/tool) - A tool.\n"
            "  - Codes: [Implementation](https://github.com/o/tool)\n")
    doc = parse_text(text)
    assert [(e.line, e.title, e.url) for e in doc.entries] == [
        (5, "Suspicious Named pipes", "https://github.com/o/x/blob/main/p.csv"),
        (6, "Suspicious DNS", "https://github.com/o/x/blob/main/dns.csv"),
        # MIT is where the course is from (a source marker): the course is the entry
        (9, "Database Systems 6.830", "https://ocw.example/db"),
        (10, "Tool", "https://e.com/tool")]


def test_table_rows_whose_link_is_a_bare_url_or_an_autolink_take_the_name_cell() -> None:
    text = ("# Game dev\n\n|工程demo|地址|介绍|\n|-|-|-|\n"
            "|**GPULightmass**|https://github.com/o/lightmass|A lightmapper for UE4|\n"
            "|Blog of Yun|<http://blog.example.com/>||\n"
            "|mitsuba|https://github.com/m/mitsuba |\n"
            "|Notes|see https://example.org/notes for more|Prose with a URL in it|\n")
    doc = parse_text(text)
    assert [(e.line, e.title, e.url, e.description) for e in doc.entries] == [
        (5, "GPULightmass", "https://github.com/o/lightmass", "A lightmapper for UE4"),
        (6, "Blog of Yun", "http://blog.example.com/", ""),
        (7, "mitsuba", "https://github.com/m/mitsuba", "")]
    lightmass = doc.entries[0]
    assert text[lightmass.url_span.start:lightmass.url_span.end] == \
        "https://github.com/o/lightmass"
    assert text[lightmass.title_span.start:lightmass.title_span.end] == "GPULightmass"
