"""Structure rules LL001-LL006: each on Markdown with the defect and on Markdown that is clean."""

from __future__ import annotations

from listlint.config import Config
from listlint.engine import Selection
from listlint.fix import fix_source
from listlint.lint import check_text
from listlint.source import Source


def codes(text: str, select: str, **kw) -> list[tuple[str, int]]:
    from listlint.source import Source as S

    src = S.from_text(text)
    return [(d.code, src.position(d.start)[0]) for d in check_text(text, select=[select], **kw)]


def fixed(text: str, select: str) -> str:
    config = Config()
    rules = Selection(select=[select]).rules(config)
    return fix_source(Source.from_text(text), config, rules).text


# LL001 empty-link ---------------------------------------------------------------------------
def test_empty_link_defects():
    text = "- [vLLM]() - x\n- [](https://a.example) - y\n- [Hash](#) - z\n"
    assert codes(text, "LL001") == [("LL001", 1), ("LL001", 2), ("LL001", 3)]


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
                       services={"base_dir": tmp_path})
    assert [d.message for d in diags] == ["relative link to 'papers/x.pdf': no such file"]


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
    msg = check_text(text, select=["LL006"])[0].message
    assert "'Gone' links to no heading" in msg
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
