"""LL007 unknown-directive: inline listlint comments that name no rule, or no directive."""

from __future__ import annotations

import pytest

from listlint.lint import check_text

ENTRY = "- [] [A](https://a.example) - x\n"


def _ll007(text: str) -> list[str]:
    return [d.message for d in check_text(text, select=["LL007"])]


def test_unknown_rule_in_a_directive_is_reported():
    text = f"# T\n\n<!-- listlint-disable-next-line LL999 -->\n{ENTRY}"
    ds = check_text(text, select=["LL007"])
    assert len(ds) == 1 and ds[0].severity.name == "WARNING"
    assert ds[0].message == ("no rule matches 'LL999' in this listlint-disable-next-line "
                             "comment; `listlint rules` lists them")
    assert text[ds[0].start:ds[0].end] == "<!-- listlint-disable-next-line LL999 -->"


def test_misspelt_rule_name_gets_a_suggestion():
    msgs = _ll007(f"# T\n\n<!-- listlint-disable malformed-chekbox, LL002 -->\n{ENTRY}")
    assert msgs == ["no rule matches 'malformed-chekbox' in this listlint-disable comment; "
                    "did you mean 'malformed-checkbox'?"]


def test_misspelt_directive_is_reported():
    msgs = _ll007(f"# T\n\n<!-- listlint-disable-nextline -->\n{ENTRY}\n<!-- listlint-frobnicate -->\n")
    assert msgs == [
        "unknown directive 'listlint-disable-nextline'; did you mean "
        "'listlint-disable-next-line'?",
        "unknown directive 'listlint-frobnicate'; known: listlint-disable, listlint-enable, "
        "listlint-disable-line, listlint-disable-next-line, listlint-disable-file",
    ]


def test_known_directives_stay_clean():
    text = ("<!-- listlint-disable-file LL5 -->\n# T\n\n"
            "<!-- listlint-disable-next-line LL002,broken-anchor -->\n" + ENTRY +
            "<!-- listlint-disable structure ALL ll003 -->\n" + ENTRY +
            "<!-- listlint-enable -->\n" + ENTRY.rstrip("\n") + " <!-- listlint-disable-line -->\n"
            "<!-- an ordinary comment about listlint -->\n")
    assert _ll007(text) == []


def test_the_directive_still_suppresses_what_it_names():
    text = f"# T\n\n<!-- listlint-disable-next-line LL002 LL999 -->\n{ENTRY}"
    codes = [d.code for d in check_text(text, select=["LL002", "LL007"])]
    assert codes == ["LL007"]


DUP = "- [A](https://a.dev) - x.\n- [B](https://a.dev) - y.\n"


@pytest.mark.parametrize("comment, honoured", [
    ("<!-- listlint-disable LL101 -->", True),
    ("<!-- listlint-disable-file duplicate-link -->", True),
    ("<!--lint disable double-link-->", True),  # remark-lint's comment, awesome-lint's id
    ("<!-- listlint-disablefile LL101 -->", False),
    # read by the engine as `disable` of "-next-lines" and LL101 while LL007 reported it
    ("<!-- listlint-disable-next-lines LL101 -->", False),
    # ignored by the engine while LL007, reading it in lower case, kept quiet
    ("<!-- listlint-Disable-file LL101 -->", False),
    ("<!-- listlint-DISABLE LL101 -->", False),
])
def test_a_directive_is_either_honoured_or_reported(comment, honoured):
    """The engine and LL007 read directives with one parser: a listlint comment either
    switches its rules off or is reported as unknown, never both and never neither."""
    codes = [d.code for d in check_text(f"# T\n\n{comment}\n\n{DUP}", select=["LL101", "LL007"])]
    assert codes == ([] if honoured else ["LL007", "LL101"])


def test_a_misspelt_letter_case_gets_a_suggestion():
    assert _ll007("# T\n\n<!-- listlint-Disable-file -->\n") == [
        "unknown directive 'listlint-Disable-file'; did you mean 'listlint-disable-file'?"]


def test_two_directives_on_one_line_are_both_read():
    text = f"# T\n\n<!-- listlint-disable LL999 --> <!-- listlint-disable LL101 -->\n\n{DUP}"
    assert [d.code for d in check_text(text, select=["LL101", "LL007"])] == ["LL007"]
    text = f"# T\n\nSee <!--lint disable no-dead-urls--><!-- listlint-disable LL101 --> here.\n\n{DUP}"
    assert [d.code for d in check_text(text, select=["LL101", "LL007"])] == []


@pytest.mark.parametrize("comment, checked", [
    ("<!-- listlint-disable-file links -->", 0),
    ("<!-- listlint-disable-file -->", 0),
    ("<!-- listlint-disable-file LL101 -->", 2),
    ("<!-- listlint-Disable-file links -->", 2),  # unknown (LL007): not honoured here either
])
def test_the_link_pass_reads_the_same_directives(comment, checked):
    from listlint.config import Config
    from listlint.document import parse
    from listlint.net.run import checked_links
    from listlint.source import Source

    doc = parse(Source.from_text(f"{comment}\n# T\n\n{DUP}", "x.md"))
    assert len(list(checked_links(doc, Config()))) == checked
