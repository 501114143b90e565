"""Structure rules LL001-LL006: each on Markdown with the defect and on Markdown that is clean."""

from __future__ import annotations

from listlint.config import Config
from listlint.engine import Selection
from listlint.fix import fix_source
from listlint.inputs import Folder, RunInputs
from listlint.lint import check_text
from listlint.source import Source


def codes(text: str, select: str, **kw) -> list[tuple[str, int]]:
    from listlint.source import Source as S

    src = S.from_text(text)
    return [(d.code, src.position(d.start)[0]) for d in check_text(text, select=[select], **kw)]


def fixed(text: str, select: str, unsafe: bool = False) -> str:
    config = Config()
    rules = Selection(select=[select]).rules(config)
    return fix_source(Source.from_text(text), config, rules, unsafe=unsafe).text


# LL001 empty-link ---------------------------------------------------------------------------
def test_empty_link_defects():
    text = "- [vLLM]() - x\n- [](https://a.example) - y\n- [Hash](#) - z\n"
    assert codes(text, "LL001") == [("LL001", 1), ("LL001", 2), ("LL001", 3)]


def test_an_empty_link_is_named_for_what_it_shows():
    text = "- []() - empty.\n- [![badge](https://img.example/b.svg)]() - x.\n"
    messages = [d.message for d in check_text(text, select=["LL001"])]
    assert messages == ["link with no text has an empty target",
                        "image link has an empty target"]


def test_empty_link_clean():
    text = "- [vLLM](https://github.com/vllm-project/vllm) - x\n" \
           "- [![logo](https://img.example/l.png)](https://a.example)\n- <https://b.example>\n"
    assert codes(text, "LL001") == []


# LL002 malformed-checkbox -------------------------------------------------------------------
def test_malformed_checkbox_defects_and_fix():
    text = "- [] [A](https://a.example)\n- [ x] [B](https://b.example)\n" \
           "- [x][C](https://c.example)\n"
    assert codes(text, "LL002") == [("LL002", 1), ("LL002", 2), ("LL002", 3)]
    assert fixed(text, "LL002") == "- [ ] [A](https://a.example)\n- [x] [B](https://b.example)\n" \
                                   "- [x] [C](https://c.example)\n"


def test_malformed_checkbox_clean():
    text = "- [ ] [A](https://a.example)\n- [x] [B](https://b.example)\n- [C](https://c.example)\n"
    assert codes(text, "LL002") == []


# LL003 broken-anchor ------------------------------------------------------------------------
def test_broken_anchor_with_suggestion():
    text = "# T\n\n- [Web](#web-framework)\n\n## Web Frameworks\n"
    diags = check_text(text, select=["LL003"])
    assert len(diags) == 1
    assert "did you mean '#web-frameworks'" in diags[0].message


def test_broken_anchor_clean_including_html_ids_and_repeats():
    text = ('# T\n\n[a](#intro) [b](#intro-1) [c](#custom) [d](#para)\n\n'
            '## Intro\n## Intro\n<a name="custom"></a>\n<div id="para"></div>\n')
    assert codes(text, "LL003") == []


# LL004 missing-file -------------------------------------------------------------------------
def test_missing_file(tmp_path):
    (tmp_path / "CONTRIBUTING.md").write_text("x")
    (tmp_path / "papers").mkdir()
    readme = tmp_path / "README.md"
    readme.write_text("[ok](CONTRIBUTING.md) [dir](papers/) [bad](papers/x.pdf) "
                      "[web](https://x.example/a.pdf) [mail](mailto:a@b.c) [q](CONTRIBUTING.md#x)\n")
    diags = check_text(readme.read_text(), select=["LL004"], path=str(readme),
                       inputs=RunInputs(folder=Folder(tmp_path)))
    assert [d.message for d in diags] == ["relative link to 'papers/x.pdf': no such file"]
    # the run fills the folder from the file's path because LL004 declares it needs it
    diags = check_text(readme.read_text(), select=["LL004"], path=str(readme))
    assert [d.message for d in diags] == ["relative link to 'papers/x.pdf': no such file"]
    assert check_text(readme.read_text(), select=["LL004"]) == []  # no file, no folder


def test_a_web_address_without_its_scheme_is_named_so(tmp_path):
    readme = tmp_path / "README.md"
    text = ("- [Ray](github.com/ray-project/ray) - r.\n- [W](www.wsdm-conference.org) - w.\n"
            "- [F](openreview.net/forum?id=x) - f.\n- [Notes](notes.md) - n.\n"
            "- [Io](docs/a.io.md) - i.\n")
    readme.write_text(text)
    diags = check_text(text, select=["LL004"], path=str(readme))
    assert [d.message for d in diags] == [
        "relative link to 'github.com/ray-project/ray': no such file; a web address needs its "
        "scheme: https://github.com/ray-project/ray",
        "relative link to 'www.wsdm-conference.org': no such file; a web address needs its "
        "scheme: https://www.wsdm-conference.org",
        "relative link to 'openreview.net/forum': no such file; a web address needs its "
        "scheme: https://openreview.net/forum?id=x",
        "relative link to 'notes.md': no such file",
        "relative link to 'docs/a.io.md': no such file"]
    assert all(d.fix is not None and d.fix.applicability.value == "unsafe" for d in diags[:3])
    assert diags[3].fix is None


def test_folder_looks_each_path_up_once(tmp_path):
    folder = Folder(tmp_path)
    assert not folder.exists("a.md")
    (tmp_path / "a.md").write_text("x")
    assert not folder.exists("a.md")  # the answer of this run
    assert Folder(tmp_path).exists("a.md")


# LL005 heading-increment --------------------------------------------------------------------
def test_heading_increment():
    assert codes("# A\n### B\n", "LL005") == [("LL005", 2)]
    assert codes("# A\n## B\n### C\n## D\n# E\n", "LL005") == []


# LL006 toc-out-of-sync ----------------------------------------------------------------------
TOC_DOC = """# List

## Contents

- [Editors](#editors)
- [Shells](#shells)

## Editors

## Linters

## Shells
"""


def test_toc_missing_heading_and_fix():
    diags = check_text(TOC_DOC, select=["LL006"])
    assert len(diags) == 1 and "misses heading 'Linters'" in diags[0].message
    out = fixed(TOC_DOC, "LL006")
    assert "- [Editors](#editors)\n- [Linters](#linters)\n- [Shells](#shells)\n" in out
    assert check_text(out, select=["LL006"]) == []


def test_toc_misordered_and_extra():
    text = TOC_DOC.replace("- [Editors](#editors)\n- [Shells](#shells)",
                           "- [Shells](#shells)\n- [Linters](#linters)\n- [Editors](#editors)\n"
                           "- [Gone](#gone)")
    diags = check_text(text, select=["LL006"])
    assert len(diags) == 2  # one diagnostic per problem, each on its own line
    assert "'Gone' links to no heading" in diags[1].message
    assert "not in the order" in diags[0].message
    out = fixed(text, "LL006")
    assert "[Gone]" not in out
    assert out.index("(#editors)") < out.index("(#linters)") < out.index("(#shells)")


def test_toc_clean_and_nested_style_kept():
    text = """# L

## Contents

* [A](#a)
    * [A1](#a1)
* [B](#b)

## A

### A1

## B
"""
    assert check_text(text, select=["LL006"]) == []
    broken = text.replace("* [B](#b)\n", "")
    out = fixed(broken, "LL006")
    assert "* [A](#a)\n    * [A1](#a1)\n* [B](#b)" in out


def test_toc_that_covers_only_one_part_of_the_outline():
    text = """# L

## Contents

- [A](#a)
- [B](#b)

## Projects

### A

### B

## Resources

### Podcasts
"""
    assert check_text(text, select=["LL006"]) == []


# LL006: the fix changes only what the message names ------------------------------------------
def ll006(text: str) -> list[str]:
    return [d.message for d in check_text(text, select=["LL006"])]


def fix_of(text: str):  # type: ignore[no-untyped-def]
    diags = check_text(text, select=["LL006"])
    assert len(diags) == 1
    return diags[0].fix


def test_toc_fix_keeps_an_item_for_the_title_above_and_the_nesting_under_it():
    text = """# Awesome X

## Contents
- [Awesome X ](#awesome-x)
  - [Papers](#papers)
  - [Tools](#tools)

## Papers

## Tools

## Datasets
"""
    msg = ll006(text)
    assert msg == ["table of contents out of sync: misses heading 'Datasets' (line 12)"]
    out = fixed(text, "LL006")
    assert out == text.replace("  - [Tools](#tools)\n",
                               "  - [Tools](#tools)\n  - [Datasets](#datasets)\n")
    assert ll006(out) == []


def test_toc_need_not_list_the_back_matter_after_its_last_heading():
    text = ("# Awesome X\n\n## Contents\n- [Papers](#papers)\n- [Tools](#tools)\n\n"
            "## Papers\n\n## Tools\n\n## 📜 Citation\n\n## Star History\n\n"
            "## Contributing\n\n## ©️License\n")
    assert ll006(text) == []
    front = text.replace("## Papers\n\n", "## ©️Citations\n\n```bibtex\n@misc{x}\n```\n\n## Papers\n\n")
    assert ll006(front) == []  # before the first heading it lists, too
    # back matter between headings it lists was forgotten
    moved = text.replace("## Tools\n\n", "").replace("## ©️License\n", "## Tools\n")
    assert ll006(moved) == [
        "table of contents out of sync: misses heading '📜 Citation' (line 9)",
        "table of contents out of sync: misses heading 'Star History' (line 11)",
        "table of contents out of sync: misses heading 'Contributing' (line 13)"]
    out = fixed(moved, "LL006")
    assert "- [Papers](#papers)\n- [📜 Citation](#-citation)\n" in out and ll006(out) == []


def test_toc_missing_sub_heading_is_inserted_nested_between_its_siblings():
    text = """# L

## Contents

* [A](#a)
    * [A1](#a1)
    * [A3](#a3)
* [B](#b)

## A

### A1

### A2

### A3

## B
"""
    out = fixed(text, "LL006")
    assert out == text.replace("    * [A1](#a1)\n", "    * [A1](#a1)\n    * [A2](#a2)\n")


def test_toc_item_with_a_near_miss_anchor_is_corrected_in_place():
    text = """# L

## Contents

- [Tools](#tools)
  - [Efficient MOE](#efficient_moe)
  - [Pruning](#pruning)

## Tools

### Efficient MOE

### Pruning
"""
    (msg,) = ll006(text)
    assert "'Efficient MOE' links to no heading ('#efficient_moe'); did you mean " \
           "'#efficient-moe'" in msg
    assert "misses heading" not in msg
    assert fixed(text, "LL006") == text.replace("#efficient_moe", "#efficient-moe")
    # reported once: LL003 leaves the item to LL006 when both run, and reports it alone
    both = [d.code for d in check_text(text, select=["LL003", "LL006"])]
    assert both == ["LL006"]
    assert [d.code for d in check_text(text, select=["LL003"])] == ["LL003"]


def test_toc_fix_drops_only_the_dead_item_and_keeps_custom_ones():
    text = """# L

## Contents

- [Top](#l)
- [A](#a)
- [Gone](#gone)
- [Legacy](#legacy)
- [B](#b)

## A

<a name="legacy"></a>

## B
"""
    (msg,) = ll006(text)
    assert msg == "table of contents out of sync: item 'Gone' links to no heading ('#gone')"
    assert fixed(text, "LL006") == text.replace("- [Gone](#gone)\n", "")
    assert [d.code for d in check_text(text, select=["LL003", "LL006"])] == ["LL006"]


def test_toc_fix_dropping_an_item_with_sub_items_is_unsafe():
    text = """# L

## Contents

- [A](#a)
- [Gone](#gone)
  - [B](#b)

## A

## B
"""
    assert fix_of(text).applicability.value == "unsafe"


def test_toc_reorders_only_when_it_reports_misordering():
    text = """# L

## Contents

- [Top](#l)
- [B](#b)
- [A](#a)

## A

## B

## C
"""
    missing, order = ll006(text)  # one diagnostic per problem
    assert "misses heading 'C'" in missing and "not in the order of the headings (first at '#b')" in order
    assert fixed(text, "LL006") == text.replace("- [B](#b)\n- [A](#a)\n",
                                                "- [A](#a)\n- [B](#b)\n- [C](#c)\n")


def test_toc_fix_keeps_group_labels_and_blank_lines():
    text = """# L

## Contents

**Web**

- [A](#a)

**Data**

- [C](#c)

## A

## B

## C
"""
    assert fixed(text, "LL006") == text.replace("- [A](#a)\n", "- [A](#a)\n- [B](#b)\n")


def test_toc_fix_is_unsafe_for_a_numbered_toc_and_absent_for_an_inline_one():
    numbered = "# L\n\n## Contents\n\n1. [A](#a)\n2. [C](#c)\n\n## A\n\n## B\n\n## C\n"
    assert fix_of(numbered).applicability.value == "unsafe"
    inline = "# L\n\n## Contents\n\n- [A](#a) · [C](#c)\n- [D](#d)\n\n## A\n\n## B\n\n## C\n\n## D\n"
    assert "misses heading 'B'" in ll006(inline)[0]
    assert fix_of(inline) is None


def test_toc_missing_parent_and_child_are_inserted_together_in_outline_order():
    text = """# L

## Contents

- [A](#a)
  - [A1](#a1)
- [C](#c)

## A

### A1

## B

### B1

## C
"""
    out = fixed(text, "LL006")
    assert out == text.replace("- [C](#c)\n", "- [B](#b)\n  - [B1](#b1)\n- [C](#c)\n")
    assert [m.rsplit(": ", 1)[1] for m in ll006(text)] == [
        "misses heading 'B' (line 13)", "misses heading 'B1' (line 15)"]


def test_toc_headings_outside_the_listed_range_are_inserted_only_as_unsafe():
    appended = "# L\n\n## Contents\n\n- [A](#a)\n- [B](#b)\n\n## A\n\n## B\n\n## C\n"
    assert "- [B](#b)\n- [C](#c)\n" in fixed(appended, "LL006")  # a new last section: safe
    intro = appended.replace("## A\n", "## Why\n\n## A\n")
    assert fixed(intro, "LL006") == intro  # an introduction before the first listed heading
    assert "- [Why](#why)" in fixed(intro, "LL006", unsafe=True)
    one = "# L\n\n- [Sponsors](#sponsors)\n\n## A\n\n## B\n\n## Sponsors\n"
    assert fixed(one, "LL006") == one  # a link to one section is no table of contents


def test_longest_increasing_keeps_one_run_and_is_strict_on_demand():
    """The one helper that style's order rule, the ToC repair and --diff-base share."""
    from listlint.order import longest_increasing, unsorted_positions

    assert longest_increasing([3, 1, 2, 2, 5, 4]) == [1, 2, 3, 5]  # 1 2 2 4: ties allowed
    assert longest_increasing([3, 1, 2, 2, 5, 4], strict=True) == [1, 3, 5]  # 1 2 4
    assert longest_increasing([]) == [] and unsorted_positions([]) == []
    assert unsorted_positions([1, 2, 9, 3, 4]) == [2]  # section numbers, not only strings
    assert unsorted_positions(["b", "a"]) == [0]


def test_far_from_ordered_toc_is_only_an_unsafe_reorder():
    """A ToC whose order differs from the headings' in more than a tenth of its items (and
    more than two) keeps an order of its own: the reorder is offered as unsafe only."""
    heads = "".join(f"## {c}\n\n" for c in "ABCDEF")
    toc = "".join(f"- [{c}](#{c.lower()})\n" for c in "FEDCBA")
    text = f"# L\n\n## Contents\n\n{toc}\n{heads}"
    assert fixed(text, "LL006") == text
    reordered = fixed(text, "LL006", unsafe=True)
    assert "".join(f"- [{c}](#{c.lower()})\n" for c in "ABCDEF") in reordered


def test_the_three_families_import_neither_engine_nor_cli_nor_pipeline():
    """Rules read the Document and typed inputs; they never import the engine, the CLI or
    the run pipeline (issue 15)."""
    import ast

    from tests.conftest import ROOT

    banned = ("listlint.engine", "listlint.cli", "listlint.lint")
    for family in ("structure", "duplicates", "links"):
        for path in (ROOT / "src" / "listlint" / "rules" / family).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                bad = [n for n in names if n.startswith(banned)]
                assert not bad, f"{path.name} imports {bad}"


def test_toc_items_linking_html_anchors_of_headings_cover_them():
    # '<a name="x"></a>' just above each heading (an empty section leaves one between two
    # headings: it goes the way the file's other anchors go)
    above = ("# CVPR Papers\n\n## Contents\n\n- [3DGS(Gaussian Splatting)](#3DGS)\n"
             "- [Prompt](#Prompt)\n- [多模态大语言模型(MLLM)](#MLLM)\n\n"
             '<a name="3DGS"></a>\n\n# 3DGS(Gaussian Splatting)\n\nA paper.\n\n'
             '<a name="Prompt"></a>\n\n# Prompt\n\n<a name="MLLM"></a>\n\n'
             "# 多模态大语言模型(MLLM)\n\nA paper.\n")
    assert ll006(above) == []
    # ... or just below it, the other common way
    below = ("# Tokens\n\n## Table of Contents\n\n- [🌁 Vision](#vision)\n"
             "- [📝 Language](#language)\n\n## 🌁 Vision\n<a id=\"vision\"></a>\n#### 2025\n\n"
             "## 📝 Language\n<a id=\"language\"></a>\n#### 2025\n\n## 🐍 State Space Models\n")
    assert ll006(below) == [
        "table of contents out of sync: misses heading '🐍 State Space Models' (line 16)"]
    # an anchor away from any heading names none
    far = above.replace('<a name="MLLM"></a>\n\n', '<a name="MLLM"></a>\n\nSome text.\n\n')
    assert ll006(far) == [
        "table of contents out of sync: misses heading '多模态大语言模型(MLLM)' (line 23)"]


def test_a_single_link_to_a_later_section_is_no_toc():
    text = ("# AI Tools\n\n- [Become Sponsors](#become-sponsors)\n\n## Sponsor\n\n"
            "## All Categories\n\n### Chatbots\n\n### Agents\n\n### Become Sponsors\n")
    assert ll006(text) == []
    # under a "Contents" heading one item is a ToC all the same
    toc = text.replace("- [Become", "## Contents\n\n- [Become")
    assert ll006(toc) != []


def test_a_toc_may_list_the_sub_sections_of_one_part_only():
    text = ("# L\n\n## Contents\n\n- [Papers](#papers)\n  - [Survey](#survey)\n"
            "  - [Privacy](#privacy)\n- [Related Lists](#related-lists)\n- [Tools](#tools)\n\n"
            "# Papers\n\n## Survey\n\n## Privacy\n\n## Fairness\n\n"
            "# Related Lists\n\n## Robustness Lists\n\n## Privacy Lists\n\n# Tools\n\n## Kits\n")
    # the parts it expands must be complete; the others keep their sub-sections to themselves
    assert ll006(text) == ["table of contents out of sync: misses heading 'Fairness' (line 17)"]


def test_a_toc_item_written_as_text_is_reported_not_inserted_twice() -> None:
    # "*[Alpha](#alpha)" (no space after the "*") is a paragraph, not an item: the heading is
    # missing from the list, but inserting "* [Alpha](#alpha)" would show it twice
    sections = "".join(f"## {name}\n\ntext\n\n" for name in ("Alpha", "Beta", "Gamma"))
    text = "# Papers\n\n## Directory\n*[Alpha](#alpha)\n* [Beta](#beta)\n* [Gamma](#gamma)\n\n" + \
        sections
    assert codes(text, "LL006") == [("LL006", 5)]
    assert fixed(text, "LL006", unsafe=True) == text
    healthy = text.replace("*[Alpha](#alpha)\n", "Read [Gamma](#gamma) first.\n\n")
    assert fixed(healthy, "LL006", unsafe=True) == healthy.replace(
        "first.\n\n", "first.\n\n* [Alpha](#alpha)\n")  # prose above a ToC is no item
