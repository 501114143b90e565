"""LL007 unknown-directive: inline listlint comments that name no rule, or no directive."""

from __future__ import annotations

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
