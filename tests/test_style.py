"""Style drift rules (LL5xx): each rule on a list that drifts and on one that must stay clean,
pins from ``[tool.listlint.style]``, and the dominance threshold."""

from __future__ import annotations

import pytest

from listlint.config import ConfigError, config_from_table
from listlint.engine import Selection
from listlint.entry_text import prose_end
from listlint.fix import fix_source
from listlint.lint import check_text
from listlint.order import unsorted_positions
from listlint.rules.style.descriptions import final_punctuation
from listlint.rules.style.order import best_order
from listlint.source import Source


def cfg(**style: object):
    return config_from_table({"style": {k.replace("_", "-"): v for k, v in style.items()}}, None)


def diags(text: str, code: str, **style: object):
    return check_text(text, select=[code], config=cfg(**style))


def fixed(text: str, code: str, unsafe: bool = False, **style: object) -> str:
    config = cfg(**style)
    rules = Selection(select=[code]).rules(config)
    return fix_source(Source.from_text(text), config, rules, unsafe=unsafe).text


def entries(n: int, fmt: str = "- [Tool {i}](https://example.com/{i}) - Does thing {i}.") -> str:
    return "\n".join(fmt.format(i=i, c=chr(ord("a") + i)) for i in range(n))


HEAD = "# List\n\n## Tools\n\n"


# -- LL501 list-marker ---------------------------------------------------------------------
def test_marker_drift_in_separate_list_is_a_formatting_fix() -> None:
    text = HEAD + entries(6) + "\n\nMore:\n\n* [Other](https://example.com/o) - Other thing.\n"
    ds = diags(text, "LL501")
    assert [d.code for d in ds] == ["LL501"]
    assert "list marker '*' here; this list uses '-' in 85% of 7 entries" in ds[0].message
    assert ds[0].fix is not None and ds[0].fix.formatting
    assert fixed(text, "LL501").endswith("- [Other](https://example.com/o) - Other thing.\n")


def test_marker_adjacent_list_merges_without_blank_line_only() -> None:
    tight = HEAD + entries(6) + "\n* [Other](https://example.com/o) - Other thing.\n"
    d = diags(tight, "LL501")[0]
    assert d.fix is not None and not d.fix.formatting
    apart = HEAD + entries(6) + "\n\n* [Other](https://example.com/o) - Other thing.\n"
    # tight lists apart by a blank line: one tight list (with the blank line it would be loose)
    assert fixed(apart, "LL501") == tight.replace("* [Other]", "- [Other]")
    loose = HEAD + entries(6).replace("\n", "\n\n") + \
        "\n\n* [Other](https://example.com/o) - Other thing.\n"
    assert diags(loose, "LL501")[0].fix is None  # a loose list: the blank lines are meant


def test_marker_consistent_list_and_nested_depth_are_clean() -> None:
    nested = "\n".join(f"- [P{i}](https://e.com/{i}) - P.\n  * [C{i}](https://e.com/c{i}) - C."
                       for i in range(6))
    assert diags(HEAD + nested + "\n", "LL501") == []
    assert diags(HEAD + entries(8) + "\n", "LL501") == []


def test_marker_pin() -> None:
    text = HEAD + entries(3) + "\n"
    ds = diags(text, "LL501", marker="*")
    assert len(ds) == 3 and "[tool.listlint.style] marker = '*'" in ds[0].message
    assert diags(text, "LL501", marker="off") == []


# -- LL502 marker-spacing ------------------------------------------------------------------
def test_marker_spacing() -> None:
    text = HEAD + entries(6) + "\n-   [Wide](https://example.com/w) - Wide thing.\n"
    ds = diags(text, "LL502")
    assert len(ds) == 1 and "3 spaces after the list marker" in ds[0].message
    assert "- [Wide](https://example.com/w)" in fixed(text, "LL502")
    assert diags(HEAD + entries(6) + "\n", "LL502") == []


def test_marker_spacing_keeps_nested_items_nested() -> None:
    text = HEAD + entries(6) + "\n-  [Wide](https://e.com/w) - W.\n   - [Sub](https://e.com/s) - S.\n"
    ds = diags(text, "LL502")
    assert len(ds) == 1
    out = fixed(text, "LL502")
    assert "- [Wide](https://e.com/w) - W.\n   - [Sub](https://e.com/s) - S." in out


# -- LL503 separator -----------------------------------------------------------------------
PAPERS = "\n".join(f"- [ ] [Paper {i}](https://arxiv.org/abs/2401.0000{i}): note {i}"
                   for i in range(9))


def test_separator_learns_colon_lists() -> None:
    text = HEAD + PAPERS + "\n- [ ] [Odd](https://arxiv.org/abs/2401.99999) - odd note\n"
    ds = diags(text, "LL503")
    assert len(ds) == 1
    assert ds[0].message == "separator ' - ' here; this list uses ': ' in 90% of 10 entries"
    assert fixed(text, "LL503").endswith("[Odd](https://arxiv.org/abs/2401.99999): odd note\n")
    assert diags(HEAD + PAPERS + "\n", "LL503") == []


def test_separator_space_only_and_dashes() -> None:
    text = HEAD + entries(8) + "\n- [A](https://e.com/a) Missing dash.\n- [B](https://e.com/b) – En dash.\n"
    out = fixed(text, "LL503")
    assert "- [A](https://e.com/a) - Missing dash." in out
    assert "- [B](https://e.com/b) - En dash." in out


def test_separator_skips_annotations_and_second_links() -> None:
    text = HEAD + entries(8) + ("\n- [A](https://e.com/a) `⚠` - Annotated.\n"
                                "- [B](https://e.com/b) | [B2](https://e.com/b2) - Two links.\n")
    assert diags(text, "LL503") == []


def test_separator_below_threshold_is_not_enforced() -> None:
    mixed = HEAD + entries(6) + "\n" + "\n".join(
        f"- [X{i}](https://e.com/x{i}): colon {i}" for i in range(4)) + "\n"
    assert diags(mixed, "LL503") == []  # 60% is no convention
    assert len(diags(mixed, "LL503", threshold=0.55)) == 4


def test_separator_section_convention_beats_file() -> None:
    other = "\n".join(f"- [S{i}](https://e.com/s{i}) — Section style {i}." for i in range(4))
    text = HEAD + entries(20) + "\n\n## Other\n\n" + other + \
        "\n- [T](https://e.com/t) - File style.\n"
    ds = diags(text, "LL503")
    assert len(ds) == 1 and "this section uses ' — ' in 80% of 5 entries" in ds[0].message


def test_separator_pin_and_bad_pin() -> None:
    text = HEAD + PAPERS + "\n"
    ds = diags(text, "LL503", separator=" - ")
    assert len(ds) == 9 and "[tool.listlint.style] separator = ' - '" in ds[0].message
    assert "[Paper 0](https://arxiv.org/abs/2401.00000) - note 0" in fixed(text, "LL503", separator=" - ")
    with pytest.raises(ConfigError, match="style.separator"):
        diags(text, "LL503", separator="xx")


# -- LL504 separator-spacing ---------------------------------------------------------------
def test_separator_spacing() -> None:
    text = HEAD + PAPERS + "\n- [ ] [Wide](https://arxiv.org/abs/2401.99999):   wide note\n"
    ds = diags(text, "LL504")
    assert len(ds) == 1 and "separator ':   ' here" in ds[0].message
    assert fixed(text, "LL504").endswith("(https://arxiv.org/abs/2401.99999): wide note\n")
    assert diags(HEAD + PAPERS + "\n", "LL504") == []


# -- LL505 / LL506 checkbox ----------------------------------------------------------------
def test_checkbox_missing_is_added() -> None:
    text = HEAD + PAPERS + "\n- [New](https://arxiv.org/abs/2401.99999): new note\n"
    ds = diags(text, "LL505")
    assert len(ds) == 1 and "entry has no checkbox; this list uses a checkbox" in ds[0].message
    assert fixed(text, "LL505").endswith("- [ ] [New](https://arxiv.org/abs/2401.99999): new note\n")


def test_checkbox_malformed_left_to_ll002_and_removal_unsafe() -> None:
    text = HEAD + PAPERS + "\n- [] [New](https://arxiv.org/abs/2401.99999): new note\n"
    assert diags(text, "LL505") == []
    text = HEAD + entries(9) + "\n- [x] [Read](https://e.com/r) - Read it.\n"
    ds = diags(text, "LL505")
    assert len(ds) == 1 and ds[0].fix is not None and ds[0].fix.applicability.value == "unsafe"
    assert fixed(text, "LL505") == text
    assert fixed(text, "LL505", unsafe=True).endswith("- [Read](https://e.com/r) - Read it.\n")


def test_checkbox_mark() -> None:
    ticked = "\n".join(f"- [x] [P{i}](https://e.com/{i}): n" for i in range(6))
    text = HEAD + ticked + "\n- [X] [Q](https://e.com/q): n\n"
    ds = diags(text, "LL506")
    assert len(ds) == 1 and "'[X]' here" in ds[0].message
    assert fixed(text, "LL506").endswith("- [x] [Q](https://e.com/q): n\n")
    assert diags(HEAD + ticked + "\n", "LL506") == []


# -- LL507 description-case ----------------------------------------------------------------
def test_description_case_upper() -> None:
    text = HEAD + entries(8) + "\n- [Z](https://e.com/z) - does things.\n- [Y](https://e.com/y) - Does it.\n"
    ds = diags(text, "LL507")
    assert len(ds) == 1 and "description starts with 'does'" in ds[0].message
    assert "starts descriptions with a capital" in ds[0].message
    assert "- [Z](https://e.com/z) - Does things." in fixed(text, "LL507")


def test_description_case_ignores_names_acronyms_and_code() -> None:
    text = HEAD + entries(8) + ("\n- [immudb](https://e.com/immudb) - immudb is a database.\n"
                                "- [K](https://e.com/k) - iOS toolkit.\n"
                                "- [L](https://e.com/l) - `conc` helpers.\n")
    assert diags(text, "LL507") == []


def test_description_case_lower_fix_is_unsafe() -> None:
    text = HEAD + PAPERS + "\n- [ ] [Big](https://arxiv.org/abs/2401.99999): Survey of things\n"
    ds = diags(text, "LL507")
    assert len(ds) == 1 and ds[0].fix is not None
    assert ds[0].fix.applicability.value == "unsafe"


# -- LL508 final-punctuation ---------------------------------------------------------------
def test_final_punctuation_added_before_tags() -> None:
    text = HEAD + entries(8) + "\n- [S](https://e.com/s) - Media server `GPL-3.0` `Docker`\n"
    ds = diags(text, "LL508")
    assert len(ds) == 1 and "this list uses '.' in 88% of 9 entries" in ds[0].message
    assert "- Media server. `GPL-3.0` `Docker`" in fixed(text, "LL508")
    assert diags(HEAD + entries(8) + "\n", "LL508") == []


def test_final_punctuation_leaves_tags_and_placeholders_alone() -> None:
    # a description that is only code-span tags or a few words in emphasis is no sentence
    tags = ("\n- **[A](https://e.com/a)** `MCP`\n  - Does A.\n"
            "- [B](https://e.com/b) `Skill` `CLI`\n"
            "- [C](https://e.com/c) *to be written*\n"
            "- [D](https://e.com/d) - _WIP_\n")
    assert diags(HEAD + entries(8) + tags, "LL508") == []
    assert diags(HEAD + entries(8) + tags, "LL508", final_punctuation=".") == []
    sentence = "\n- [E](https://e.com/e) - *An italic description of a whole tool*\n"
    assert len(diags(HEAD + entries(8) + sentence, "LL508")) == 1


def test_final_punctuation_none_lists_and_abbreviations() -> None:
    text = HEAD + PAPERS + "\n- [ ] [P](https://arxiv.org/abs/2401.99999): a note.\n"
    ds = diags(text, "LL508")
    assert len(ds) == 1 and ds[0].fix is not None and ds[0].fix.applicability.value == "unsafe"
    etc = HEAD + PAPERS + "\n- [ ] [P](https://arxiv.org/abs/2401.99999): GPUs, TPUs etc.\n"
    assert diags(etc, "LL508") == []


def test_final_punctuation_pin() -> None:
    text = HEAD + PAPERS + "\n"
    assert len(diags(text, "LL508", final_punctuation=".")) == 9
    assert diags(text, "LL508", final_punctuation="off") == []


def test_prose_end_helpers() -> None:
    assert final_punctuation("Media server. `GPL-3.0` `Docker`")[0] == "."
    assert final_punctuation("Tool for X. ([Demo](https://d.example))")[0] == "."
    assert final_punctuation("Tool for X ![badge](https://b.example/x.svg)")[0] == "none"
    assert final_punctuation('Say "hi."')[0] == "."
    s = "by [Foo](https://f.example)"
    assert prose_end(s) == len(s)


def test_prose_end_finds_the_longest_status_marker_after_long_prose() -> None:
    # the marker is looked for in the prose's last characters only: the longest one still fits
    long = "A tool " + "that does many things " * 40
    for marker in ("**(not longer maintained)**", "__[Work in progress]__", "*[2024]*  "):
        assert prose_end(f"{long}{marker}") == len(long.rstrip()), marker
    assert prose_end(f"{long}(maintained elsewhere)") == len(f"{long}(maintained elsewhere)")


# -- LL509 title-emphasis ------------------------------------------------------------------
def test_title_emphasis() -> None:
    text = HEAD + entries(8) + "\n- **[Bold](https://e.com/b)** - Bold thing.\n"
    ds = diags(text, "LL509")
    assert len(ds) == 1 and "title emphasis '**' here; this list uses a plain title" in ds[0].message
    assert "- [Bold](https://e.com/b) - Bold thing." in fixed(text, "LL509")
    bold = entries(8, "- **[T{i}](https://e.com/{i})** - T.")
    under = HEAD + bold + "\n- __[U](https://e.com/u)__ - U.\n"
    d = diags(under, "LL509")[0]
    assert d.fix is not None and d.fix.formatting
    assert "- **[U](https://e.com/u)** - U." in fixed(under, "LL509")


# -- LL510 nested-indent -------------------------------------------------------------------
def test_nested_indent_moves_sub_items() -> None:
    nested = "\n".join(f"- [P{i}](https://e.com/{i}) - P.\n  - [C{i}](https://e.com/c{i}) - C."
                       for i in range(6))
    text = HEAD + nested + ("\n- [Q](https://e.com/q) - Q.\n    - [D](https://e.com/d) - D.\n"
                            "      - [E](https://e.com/e) - E.\n")
    ds = diags(text, "LL510")
    assert len(ds) == 1 and "indented 4 spaces from its parent" in ds[0].message
    out = fixed(text, "LL510")
    assert out.endswith("- [Q](https://e.com/q) - Q.\n  - [D](https://e.com/d) - D.\n"
                        "    - [E](https://e.com/e) - E.\n")
    assert diags(HEAD + nested + "\n", "LL510") == []


# -- LL511 list-spacing --------------------------------------------------------------------
def test_list_spacing_tight() -> None:
    lines = entries(10).split("\n")
    text = HEAD + "\n".join(lines[:5]) + "\n\n" + "\n".join(lines[5:]) + "\n"
    ds = diags(text, "LL511")
    assert len(ds) == 1 and "makes the whole list loose" in ds[0].message
    assert fixed(text, "LL511") == HEAD + entries(10) + "\n"
    assert diags(HEAD + entries(10) + "\n", "LL511") == []


def test_list_spacing_loose() -> None:
    lines = entries(10).split("\n")
    text = HEAD + "\n\n".join(lines[:9]) + "\n" + lines[9] + "\n"
    assert fixed(text, "LL511") == HEAD + "\n\n".join(lines) + "\n"


# -- LL512 / LL513 whitespace --------------------------------------------------------------
def test_trailing_whitespace() -> None:
    text = HEAD + entries(8) + "\n- [T](https://e.com/t) - Trailing. \n"
    ds = diags(text, "LL512")
    assert len(ds) == 1 and ds[0].fix is not None and ds[0].fix.formatting
    assert fixed(text, "LL512") == HEAD + entries(8) + "\n- [T](https://e.com/t) - Trailing.\n"
    hard = HEAD + entries(8) + "\n- [T](https://e.com/t) - Line one.  \n  Line two.\n"
    assert diags(hard, "LL512") == []  # a hard break is not junk
    assert diags(text, "LL512", trailing_whitespace="off") == []


def test_hard_break_style() -> None:
    multi = "\n".join(f"- [T{i}](https://e.com/{i})\\\n  Venue {i}" for i in range(6))
    text = HEAD + multi + "\n- [S](https://e.com/s)  \n  Venue S\n"
    ds = diags(text, "LL513")
    assert len(ds) == 1
    assert fixed(text, "LL513").endswith("- [S](https://e.com/s)\\\n  Venue S\n")


# -- LL514 final-newline -------------------------------------------------------------------
def test_final_newline() -> None:
    text = HEAD + entries(3) + "\n\n\n"
    ds = diags(text, "LL514")
    assert len(ds) == 1 and "2 blank lines at the end" in ds[0].message
    assert fixed(text, "LL514") == HEAD + entries(3) + "\n"
    no_newline = HEAD + entries(3)
    assert diags(no_newline, "LL514") == []  # absence is the user's choice by default
    assert fixed(no_newline, "LL514", final_newline="yes") == no_newline + "\n"
    assert fixed(HEAD + entries(3) + "\n", "LL514", final_newline="no") == no_newline


# -- LL515 alphabetical-order --------------------------------------------------------------
NAMES = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
         "juliet"]


def test_alphabetical_order_nearly_sorted_list() -> None:
    names = NAMES[:]
    names.insert(2, names.pop(7))  # "hotel", with its sub-item, moved up
    body = "\n".join(f"- [{n}](https://e.com/{n}) - {n.title()}.\n  - [{n}-sub](https://e.com/{n}/s) - S."
                     if n == "hotel" else f"- [{n}](https://e.com/{n}) - {n.title()}." for n in names)
    ds = diags(HEAD + body + "\n", "LL515")
    assert ds and "out of alphabetical order" in ds[0].message
    out = fixed(HEAD + body + "\n", "LL515")
    want = "\n".join(f"- [{n}](https://e.com/{n}) - {n.title()}.\n  - [{n}-sub](https://e.com/{n}/s) - S."
                     if n == "hotel" else f"- [{n}](https://e.com/{n}) - {n.title()}." for n in NAMES)
    assert out == HEAD + want + "\n"


def test_alphabetical_order_not_enforced_on_unsorted_lists() -> None:
    names = ["juliet", "alpha", "hotel", "bravo", "india", "charlie", "golf", "delta"]
    body = "\n".join(f"- [{n}](https://e.com/{n}) - X." for n in names)
    assert diags(HEAD + body + "\n", "LL515") == []
    assert diags(HEAD + body + "\n", "LL515", order="alphabetical")
    assert diags(HEAD + body + "\n", "LL515", order="off") == []


def test_sort_helpers() -> None:
    assert unsorted_positions(["a", "b", "z", "c", "d"]) == [2]
    assert best_order(["Tube Archivist", "Tube", "Zed"])[0] == []  # raw-line order
    assert best_order(["RSS-Bridge", "RSS Monster"])[0] == []  # letters only


# -- configuration -------------------------------------------------------------------------
def test_style_table_validation() -> None:
    with pytest.raises(ConfigError, match="style.marker: bad value"):
        cfg(marker="x")
    with pytest.raises(ConfigError, match="unknown key"):
        cfg(colour="red")
    with pytest.raises(ConfigError, match="threshold"):
        diags(HEAD + entries(3), "LL501", threshold=0.2)


def test_small_consistent_section_keeps_its_own_convention() -> None:
    books = "\n".join(f"- [B{i}](https://e.com/b{i}) — Author {i}." for i in range(3))
    text = HEAD + entries(20) + "\n\n## Books\n\n" + books + "\n"
    assert diags(text, "LL503") == []  # 3 of 3: the section's own style


def test_large_mixed_section_unlike_the_file_is_left_alone() -> None:
    mixed = "\n".join(f"- [M{i}](https://e.com/m{i}){' — ' if i % 3 else ': '}Thing {i}."
                      for i in range(9))
    text = HEAD + entries(40) + "\n\n## Mixed\n\n" + mixed + "\n"
    assert diags(text, "LL503") == []
    # a small mixed section follows the file
    small = "- [S1](https://e.com/s1) — One.\n- [S2](https://e.com/s2): Two.\n"
    text = HEAD + entries(40) + "\n\n## Small\n\n" + small
    assert len(diags(text, "LL503")) == 2


def test_infer_ties_go_to_the_value_seen_first() -> None:
    from listlint.document import parse_text
    from listlint.rules.style.inference import infer
    from listlint.rules.style.settings import settings

    doc = parse_text("# A\n\n" + entries(6))
    st = settings(cfg(threshold=0.51, min_entries=2))
    obs = [(e, "x" if i % 2 else "y") for i, e in enumerate(doc.entries)]
    assert infer(obs, "auto", st) == {}  # 3 against 3: nothing dominates
    conv = infer(obs[:5], "auto", st)  # y, x, y, x, y
    assert {c.value for c in conv.values()} == {"y"} and len(conv) == 5


def test_word_helpers_treat_unicode_like_str_methods() -> None:
    from listlint.rules.style.descriptions import _is_word_of, first_word
    from listlint.rules.style.order import _alnum_only

    assert first_word("naïve_thing's. rest") == "naïve_thing's"
    assert first_word("…") == ""
    assert _alnum_only("rss-bridge ß") == "rssbridgeß"
    assert _alnum_only("rss-bridge 2") == "rssbridge2"
    assert _is_word_of("mimesis", "mimesis https://github.com/lk-geimfari/mimesis")
    assert not _is_word_of("is", "mimesis https://github.com/lk-geimfari/mimesis")
    assert not _is_word_of("naïve", "naïve tool")  # only [0-9a-z] runs are words here


# -- badges and status markers end nothing (LL507 / LL508) ----------------------------------
MARKED = [
    "**[Deprecated]**", "[Archived]", "(archived)", "_(unmaintained)_", "**Deprecated**",
    "![Stars](https://img.shields.io/github/stars/a/b)",
    "[![CI](https://github.com/a/b/workflows/ci/badge.svg)](https://github.com/a/b/actions)",
    "`MIT` [![Stars](https://img.shields.io/github/stars/a/b)](https://github.com/a/b)",
]


@pytest.mark.parametrize("marker", MARKED)
def test_trailing_markers_are_set_aside_for_final_punctuation(marker: str) -> None:
    # clean: the prose before the marker ends with a full stop like the others
    clean = "# L\n\n" + entries(8) + \
        f"\n- [Old](https://e.com/old) - Does old things. {marker}\n"
    assert diags(clean, "LL508") == []
    assert final_punctuation(f"Does old things. {marker}")[0] == "."
    # defect: no full stop before the marker; the fix puts it before the marker, never after
    text = clean.replace("old things.", "old things")
    assert len(diags(text, "LL508")) == 1
    assert fixed(text, "LL508").endswith(f"- Does old things. {marker}\n")
    # a list whose descriptions end without punctuation: the marker is no full stop either
    bare = "# L\n\n" + entries(8, "- [T{i}](https://e.com/{i}) - Does thing {i}") + "\n" + \
        f"- [Old](https://e.com/old) - Does old things {marker}\n"
    assert diags(bare, "LL508") == []


@pytest.mark.parametrize("marker", ["**[Deprecated]**", "(archived)", "🔥",
                                    "![Stars](https://img.shields.io/github/stars/a/b)"])
def test_leading_markers_are_set_aside_for_description_case(marker: str) -> None:
    clean = "# L\n\n" + entries(8) + \
        f"\n- [Old](https://e.com/old) - {marker} Does old things.\n"
    assert diags(clean, "LL507") == []
    text = clean.replace("Does old", "does old")
    found = diags(text, "LL507")
    assert len(found) == 1 and "'does'" in found[0].message
    assert fixed(text, "LL507").endswith(f"- {marker} Does old things.\n")


def test_a_parenthesis_of_prose_is_no_status_marker() -> None:
    assert prose_end("Does X (in Rust)") == len("Does X (in Rust)")
    assert final_punctuation("Does X (in Rust)")[0] == "none"


def test_a_fix_towards_a_section_habit_the_list_does_not_share_is_unsafe() -> None:
    dash = "\n".join(f"- [D{i}](https://e.com/d{i}) - Dash {i}." for i in range(20))
    colon = "\n".join(f"- [C{i}](https://e.com/c{i}): Colon {i}." for i in range(4))
    text = f"# L\n\n## Dashes\n\n{dash}\n\n## Colons\n\n{colon}\n- [X](https://e.com/x) - Dash x.\n"
    found = diags(text, "LL503")
    assert len(found) == 1 and "this section uses ': '" in found[0].message
    assert fixed(text, "LL503") == text  # the line agrees with the list: not safe to change
    assert "- [X](https://e.com/x): Dash x." in fixed(text, "LL503", unsafe=True)
    # a section that agrees with the list: the fix stays safe
    same = text.replace("): Colon", ") - Colon").replace("(https://e.com/x) - ", "(https://e.com/x): ")
    assert "- [X](https://e.com/x) - Dash x." in fixed(same, "LL503")


def test_title_emphasis_of_a_link_inside_a_sentence_is_unsafe() -> None:
    text = "# L\n\n" + entries(9) + \
        "\n- **2023-06 A tutorial on *[Editing](https://e.com/t)* at ACL 2023.**\n"
    assert len(diags(text, "LL509")) == 1
    assert fixed(text, "LL509") == text
    start = "# L\n\n" + entries(9) + "\n- *[Editing](https://e.com/t)* - Does editing.\n"
    assert "\n- [Editing](https://e.com/t) - Does editing.\n" in fixed(start, "LL509")


def test_marker_fix_changes_every_item_of_the_list_entries_or_not() -> None:
    stars = "\n".join(f"* [S{i}](https://e.com/s{i}) - Star {i}." for i in range(8))
    mixed = "- Ask on [forum](https://forum.example) first.\n- [Gh](https://e.com/gh) - Code.\n"
    text = f"# L\n\n{mixed}\n## A\n\n{stars}\n"
    out = fixed(text, "LL501")
    assert "* Ask on [forum](https://forum.example) first.\n* [Gh](https://e.com/gh)" in out
    from listlint.fix import rendered_equal

    assert rendered_equal(text, out)  # formatting only: still one list


# -- idempotency: the conventions of the file as given are those of the fixed file ---------


def _section(name: str, stops: int, bare: int, start: int) -> str:
    lines = [f"- [Tool {i}](https://example.com/{i}) - Does thing {i}." for i in
             range(start, start + stops)]
    lines += [f"- [Tool {i}](https://example.com/{i}) - Does thing {i}" for i in
              range(start + stops, start + stops + bare)]
    return f"## {name}\n\n" + "\n".join(lines) + "\n\n"


def test_section_fixes_lifting_the_list_share_are_applied_in_one_run() -> None:
    # 22 of 30 end with '.' (73%); the two sections with their own convention fix three,
    # which makes 25 of 30 (83%): the fixed file has a list-wide convention, so the first
    # run applies it already and a second run changes nothing
    text = "# Tools\n\n" + _section("A", 9, 1, 0) + _section("B", 8, 2, 10) + \
        _section("C", 5, 5, 20)
    once = fixed(text, "LL508")
    assert once.count("Does thing") == once.count(".\n") == 30
    assert fixed(once, "LL508") == once
    # messages keep the evidence of the file as given
    ds = diags(text, "LL508")
    assert any("this list uses '.' in 73% of 30 entries" in d.message for d in ds)


def test_mixed_list_stays_unfixed_when_section_fixes_do_not_cross() -> None:
    text = "# Tools\n\n" + _section("A", 9, 1, 0) + _section("C", 5, 5, 10) + \
        _section("D", 4, 6, 20)
    once = fixed(text, "LL508")
    assert once.count(".\n") == 10 + 5 + 4  # only section A's own convention is fixed
    assert fixed(once, "LL508") == once


def _sorted_list(extra: list[str]) -> str:
    names = [f"{chr(97 + i // 3)}tool{i:02d}" for i in range(20)]
    lines = [f"- [{n}](https://example.com/{n}) - Does {n}." for n in names]
    for at, name in extra:
        lines.insert(at, f"- [{name}](https://example.com/{name}) - Does {name}.")
    return "# Tools\n\n" + "\n".join(lines) + "\n"


def test_repeats_do_not_count_as_out_of_order_and_are_removed_before_sorting() -> None:
    # two entries out of place (nearly sorted: 2 of 22) and two identical repeats of
    # earlier entries: the repeats are the duplicate rules' business; one `fix` removes
    # them and sorts the list, a second changes nothing
    text = _sorted_list([(2, "gnew"), (5, "fnew"), (14, "atool00"), (17, "btool03")])
    config = cfg()
    rules = Selection(select=["LL101", "LL515"]).rules(config)
    once = fix_source(Source.from_text(text), config, rules).text
    titles = [line.split("]")[0][3:] for line in once.splitlines() if line.startswith("- [")]
    assert titles == sorted(set(titles), key=str.lower) and len(titles) == 22
    assert fix_source(Source.from_text(once), config, rules).text == once
    assert [d.code for d in diags(text, "LL515")] == ["LL515", "LL515"]


def test_the_style_package_loads_neither_engine_nor_cli_and_registers_every_rule() -> None:
    """Rules read the Document only: importing the family (in a fresh interpreter) must not
    pull in the engine, the run pipeline or the CLI, and must register LL501-LL515."""
    import subprocess
    import sys

    code = ("import sys, listlint.rules.style\n"
            "from listlint.registry import _RULES\n"
            "print(*sorted(c for c in _RULES if c.startswith('LL5')))\n"
            "print(*sorted(m for m in sys.modules if m.startswith('listlint.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[0].split() == [f"LL{n}" for n in range(501, 516)]
    loaded = out[1].split()
    assert "listlint.rules.style.whitespace" in loaded  # the probe works
    for module in ("listlint.engine", "listlint.lint", "listlint.cli", "listlint.fix"):
        assert module not in loaded


def test_a_pin_from_the_preset_is_named_as_the_presets() -> None:
    from listlint.config import Config, apply_preset

    text = HEAD + "- [Ab](https://a.org) - Does a thing\n- [Cd](https://c.org) - Does c.\n"
    [d] = check_text(text, select=["LL508"], config=apply_preset(Config(), "awesome"))
    assert d.message.endswith("the awesome preset's final-punctuation = '.'"), d.message
    # pinned by the user's own table: the table is named
    [d] = diags(text, "LL508", **{"final-punctuation": "."})
    assert "[tool.listlint.style] final-punctuation = '.'" in d.message
