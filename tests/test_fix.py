"""The fix applier, the fixpoint loop, verification and writing files back byte for byte."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from listlint import registry
from listlint.config import Config
from listlint.document import parse_text
from listlint.engine import Selection
from listlint.fix import (
    VerificationError,
    apply_edits,
    choose_fixes,
    fix_source,
    rendered_equal,
    verify_pass,
)
from listlint.model import Applicability, Diagnostic, Edit, Fix, Severity
from listlint.source import Source

DRIFT = ("# List\n\n" + "".join(f"- [Tool {i}](https://e.com/{i}) - Does {i}.\n" for i in range(8))
         + "- [Zed](https://e.com/zed): Zed one.\n")
FIXED = DRIFT.replace("(https://e.com/zed): Zed", "(https://e.com/zed) - Zed")


def diag(*edits: Edit, code: str = "LL999", unsafe: bool = False, formatting: bool = False,
         removes: tuple[int, ...] = ()) -> Diagnostic:
    fix = Fix(tuple(edits), Applicability.UNSAFE if unsafe else Applicability.SAFE, removes,
              "", formatting)
    start = min(e.start for e in edits)
    return Diagnostic(code, "test", Severity.WARNING, "m", start, start, fix)


# -- the applier ---------------------------------------------------------------------------
def test_choose_fixes_skips_overlaps_and_keeps_fixes_whole() -> None:
    a = diag(Edit(0, 5, "x"))
    b = diag(Edit(3, 8, "y"))  # overlaps a
    c = diag(Edit(10, 10, "!"), Edit(20, 22, ""))
    d = diag(Edit(21, 21, "?"), Edit(30, 31, "z"))  # its first edit is inside c's second
    e = diag(Edit(10, 10, "?"))  # insertion at the same place as c's: order is ambiguous
    chosen = choose_fixes([d, c, b, a, e])
    assert chosen == [a, c]


def test_choose_fixes_unsafe_duplicates_and_self_overlap() -> None:
    unsafe = diag(Edit(0, 1, "x"), unsafe=True)
    assert choose_fixes([unsafe]) == []
    assert choose_fixes([unsafe], unsafe=True) == [unsafe]
    same1, same2 = diag(Edit(5, 9, "s")), diag(Edit(5, 9, "s"))
    assert choose_fixes([same1, same2]) == [same1]  # one fix carried by two diagnostics
    assert choose_fixes([diag(Edit(0, 4, "a"), Edit(2, 6, "b"))]) == []


def test_adjacent_edits_and_insertions_at_range_end() -> None:
    a, b, c = diag(Edit(0, 2, "A")), diag(Edit(2, 4, "B")), diag(Edit(4, 4, "C"))
    assert choose_fixes([a, b]) == [a, b]  # adjacent replacements are independent
    # an insertion where a rewritten range ends is ambiguous (a sort may have moved that
    # text's end): it waits for the next pass
    assert choose_fixes([b, c]) == [b]
    assert apply_edits("xxyy", [Edit(0, 2, "A"), Edit(2, 4, "B")]) == "AB"


# -- fixpoint ------------------------------------------------------------------------------
def fix_text(text: str, select: list[str], unsafe: bool = False) -> str:
    config = Config()
    return fix_source(Source.from_text(text), config, Selection(select=select).rules(config),
                      unsafe=unsafe).text


def test_fix_reaches_a_fixpoint_and_is_idempotent() -> None:
    # separator and final punctuation of the same entry: one pass applies both
    text = DRIFT.replace("Zed one.", "Zed one")
    once = fix_text(text, ["LL5"])
    assert once == FIXED
    assert fix_text(once, ["LL5"]) == once


# -- verification --------------------------------------------------------------------------
def test_verify_pass_refuses_lost_and_changed_entries() -> None:
    before = parse_text(DRIFT)
    zed = before.entries[-1]
    # a "fix" that deletes an entry without saying so
    lose = diag(Edit(zed.span.start, zed.span.end + 1, ""))
    after = parse_text(apply_edits(DRIFT, lose.fix.edits))  # type: ignore[union-attr]
    with pytest.raises(VerificationError, match="'Zed' .* would be lost"):
        verify_pass(before, after, [lose], formatting_only=False)
    # declared: fine
    removal = diag(Edit(zed.span.start, zed.span.end + 1, ""), removes=(zed.index,))
    verify_pass(before, after, [removal], formatting_only=False)
    # a fix on one entry that also alters another one
    first = before.entries[0]
    sneaky = diag(Edit(first.description_span.start, first.description_span.end, "Other."))
    after = parse_text(apply_edits(DRIFT, sneaky.fix.edits))  # type: ignore[union-attr]
    verify_pass(before, after, [sneaky], formatting_only=False)  # it targets that entry
    sep = zed.separator_span
    assert sep is not None
    wide = diag(Edit(sep.start, sep.end, " - "))
    with pytest.raises(VerificationError, match="would change although no fix targets it"):
        verify_pass(before, after, [wide], formatting_only=False)


def test_verify_pass_formatting_must_render_identically() -> None:
    before = parse_text(DRIFT)
    sep = before.entries[-1].separator_span
    assert sep is not None
    liar = diag(Edit(sep.start, sep.end, " - "), formatting=True)
    after = parse_text(apply_edits(DRIFT, liar.fix.edits))  # type: ignore[union-attr]
    with pytest.raises(VerificationError, match="would change the rendered page"):
        verify_pass(before, after, [liar], formatting_only=True)
    assert rendered_equal("- a\n- b\n", "* a\n* b\n")
    assert not rendered_equal("- a\n- b\n", "- a\n\n- b\n")


def test_a_rewritten_title_is_not_a_lost_entry() -> None:
    before = parse_text(DRIFT)
    t = before.entries[0].title_span
    typo = diag(Edit(t.start, t.end, "Tool Zero"))
    after = parse_text(apply_edits(DRIFT, typo.fix.edits))  # type: ignore[union-attr]
    report = verify_pass(before, after, [typo], formatting_only=False)
    assert report.rewritten == [("Tool 0", "https://e.com/0")]


# -- the command: bytes, permissions, diff, check, refusal ----------------------------------
def test_fix_keeps_bom_crlf_lone_cr_and_missing_final_newline(cli, md) -> None:
    lines = DRIFT.rstrip("\n").split("\n")
    eols = ["\r\n"] * len(lines)
    eols[3] = "\r"  # a lone CR on one line
    eols[-1] = ""  # no final newline
    data = "\ufeff" + "".join(line + eol for line, eol in zip(lines, eols))
    path = md("")
    path.write_bytes(data.encode("utf-8"))
    result = cli("fix", "--select", "LL503", path)
    assert result.exit_code == 0, result.output
    want = data.replace("(https://e.com/zed): Zed", "(https://e.com/zed) - Zed")
    assert path.read_bytes() == want.encode("utf-8")


def test_mixed_line_endings_stay_with_their_lines_when_lines_move(cli, md) -> None:
    lines = DRIFT.rstrip("\n").split("\n")
    lines.insert(6, "")  # a blank line inside a tight list: LL511 removes it
    eols = ["\n"] * len(lines)
    eols[8] = "\r\n"  # the line after it ends with CRLF, and must keep it
    eols[9] = "\r"
    path = md("")
    path.write_bytes("".join(a + b for a, b in zip(lines, eols)).encode())
    assert cli("fix", "--select", "LL511", path).exit_code == 0
    del lines[6], eols[6]
    assert path.read_bytes() == "".join(a + b for a, b in zip(lines, eols)).encode()


def test_fix_keeps_permissions_and_writes_atomically(cli, md) -> None:
    path = md(DRIFT)
    os.chmod(path, 0o640)
    assert cli("fix", "--select", "LL503", path).exit_code == 0
    assert path.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_fix_through_a_symlink_keeps_the_link(cli, md) -> None:
    target = md(DRIFT, "real.md")
    link = target.parent / "README.md"
    link.symlink_to(target.name)
    assert cli("fix", "--select", "LL503", link).exit_code == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED


def test_fix_twice_gives_the_same_bytes(cli, md) -> None:
    path = md(DRIFT.replace("Zed one.", "Zed one") + "\n\n")
    cli("fix", path)
    once = path.read_bytes()
    result = cli("fix", path)
    assert path.read_bytes() == once
    assert "fixed 0 problems" in result.output


def test_diff_writes_nothing(cli, md) -> None:
    path = md(DRIFT)
    result = cli("fix", "--diff", "--select", "LL503", path)
    assert result.exit_code == 0
    assert "-- [Zed](https://e.com/zed): Zed one." in result.output
    assert "+- [Zed](https://e.com/zed) - Zed one." in result.output
    assert path.read_text(encoding="utf-8") == DRIFT


def test_check_exits_1_when_something_would_change(cli, md) -> None:
    path = md(DRIFT)
    result = cli("fix", "--check", "--select", "LL503", path)
    assert result.exit_code == 1
    assert "1 fix would be applied" in result.output
    assert path.read_text(encoding="utf-8") == DRIFT
    clean = md(FIXED, "clean.md")
    assert cli("fix", "--check", "--select", "LL503", clean).exit_code == 0


def _lying_rule(ctx: registry.Context):
    """Claims a formatting-only fix but changes the separator (so the page changes)."""
    for e in ctx.doc.entries:
        if e.separator_span is not None and e.separator == ": ":
            yield ctx.at(e.separator_span, "lie", fix=ctx.fix(
                Edit(e.separator_span.start, e.separator_span.end, " - "), formatting=True))


def test_a_rule_whose_fix_fails_verification_is_skipped_and_named(cli, md,
                                                                  monkeypatch) -> None:
    liar = registry.Rule("LL599", "lying-fix", Severity.WARNING, "test", _lying_rule, True)
    registry.all_rules()
    monkeypatch.setitem(registry._RULES, "LL599", liar)
    path = md(DRIFT)
    result = cli("fix", "--select", "LL599", path)
    assert result.exit_code == 1
    assert "LL599 fixes skipped" in result.output
    assert "would change the rendered page" in result.output
    assert path.read_text(encoding="utf-8") == DRIFT
    # the other rules' fixes in the same file are applied
    path.write_text(DRIFT.replace("Zed one.", "Zed one"), encoding="utf-8")
    result = cli("fix", "--select", "LL599,LL508", path)
    assert result.exit_code == 1
    assert result.output.count("fixes skipped") == 1 and "LL599" in result.output
    assert path.read_text(encoding="utf-8") == DRIFT  # the full stop, not the separator


def test_unsafe_fixes_only_when_asked(cli, md) -> None:
    text = "# L\n\n" + "".join(f"- [T{i}](https://e.com/{i}): note {i}\n" for i in range(9)) + \
        "- [U](https://e.com/u): Survey of things\n"
    path = md(text)
    cli("fix", "--select", "LL507", path)
    assert path.read_text(encoding="utf-8") == text
    cli("fix", "--unsafe-fixes", "--select", "LL507", path)
    assert path.read_text(encoding="utf-8").endswith("- [U](https://e.com/u): survey of things\n")


def test_fix_of_a_missing_file_is_a_usage_error(cli, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from listlint.cli import main

    result = CliRunner().invoke(main, ["fix", str(tmp_path / "nope.md")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_fixes_inside_a_sorted_list_go_with_the_sort_in_one_sweep() -> None:
    names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
             "Juliet"]
    lines = [f"- [{n}](https://e.com/{n}) - Does {n}." for n in names]
    lines[2], lines[3] = lines[3], lines[2]  # Delta before Charlie
    lines[5] = lines[5].rstrip(".")  # Foxtrot has no full stop, Juliet a lower-case start
    lines[9] = lines[9].replace("Does", "does")
    text = "# L\n\n" + "\n".join(lines) + "\n"
    config = Config()
    rules = Selection(select=["LL507", "LL508", "LL515"]).rules(config)
    from listlint.lint import check_source

    fixable_in_check = [d for d in check_source(Source.from_text(text), config, rules).diagnostics
                        if d.fix is not None and d.fix.applicability is Applicability.SAFE]
    result = fix_source(Source.from_text(text), config, rules)
    want = "# L\n\n" + "\n".join(f"- [{n}](https://e.com/{n}) - Does {n}." for n in names) + "\n"
    assert result.text == want
    assert len(result.applied) == len(fixable_in_check) == 3  # what check called fixable
    assert not fix_source(Source.from_text(result.text), config, rules).changed


SHARED_REPO_AND_TUTORIAL_ROW = """# Papers

## 2023

- [Paper One on Trees](https://arxiv.org/abs/2301.00001) (ICML 2023)
  - [[Code]](https://github.com/owner/trees)
- [Paper Two on Forests](https://arxiv.org/abs/2302.00002) (NeurIPS 2023)
  - [[Code]](https://github.com/owner/trees)

## Tutorials

| Venue | Title | Slides |
| --- | --- | --- |
| IJCAI2024 tutorial | Knowledge Editing for LLMs | [Drive](https://drive.google.com/file/d/abc/view) |
| AAAI2024 tutorial | Editing Language Models | [Drive](https://drive.google.com/file/d/def/view) |
"""


def test_fix_keeps_code_links_of_two_papers_and_a_tutorial_venue() -> None:
    # two papers sharing one repository are two entries (their `[[Code]]` side links are no
    # duplicates to delete), and "IJCAI2024 tutorial" is no acceptance to rewrite
    from listlint.config import Config
    from listlint.engine import Selection

    config = Config()
    result = fix_source(Source.from_text(SHARED_REPO_AND_TUTORIAL_ROW), config,
                        Selection().rules(config))
    assert result.text == SHARED_REPO_AND_TUTORIAL_ROW


# -- fix_file: the one fix-then-write of check --fix, fix, links --fix, venues --write ------
MIXED = "# Tools\n\n" + "".join(f"- [T{i}](https://t{i}.example) - Tool {i}.\n" for i in range(5)) \
    + "* [B](https://b.example) - Second.\n"


def _one_file(path):
    from listlint.lint import RunOptions, run

    return next(run([str(path)], RunOptions()))


def test_fix_file_writes_the_fixed_text_and_returns_it(tmp_path):
    from listlint.fix import fix_file

    path = tmp_path / "README.md"
    path.write_bytes(MIXED.replace("\n", "\r\n").encode())
    done = fix_file(_one_file(path))
    assert done.written and done.refused is None and done.result.applied
    assert path.read_bytes() == done.result.render()
    assert b"* [B]" not in path.read_bytes() and b"\r\n" in path.read_bytes()
    assert done.source.text == done.result.text and done.source.eols[0] == "\r\n"


def test_fix_file_without_write_or_on_a_changed_file_writes_nothing(tmp_path):
    from listlint.fix import fix_file

    path = tmp_path / "README.md"
    path.write_text(MIXED)
    file = _one_file(path)
    dry = fix_file(file, write=False)
    assert dry.result.changed and not dry.written and path.read_text() == MIXED
    path.write_text(MIXED + "- [C](https://c.example) - Third.\n")  # an editor saved meanwhile
    done = fix_file(file)
    assert not done.written and done.refused is not None
    assert "changed on disk" in str(done.refused)
    assert "[C]" in path.read_text() and done.source is file.source


def test_a_pass_with_formatting_and_content_fixes_parses_the_fixed_text_once(monkeypatch) -> None:
    # a trailing space (formatting only: the page is the same) and a missing full stop
    # (content): both verified, with one parse of the fixed text, not one per stage
    from listlint.fix import apply

    text = DRIFT.replace("Does 3.", "Does 3. ").replace("Zed one.", "Zed one")
    parsed: list[str] = []
    real_parse = apply.parse

    def counting(source, **kw):
        parsed.append(source.text)
        return real_parse(source, **kw)

    monkeypatch.setattr(apply, "parse", counting)
    config = Config()
    result = fix_source(Source.from_text(text), config,
                        Selection(select=["LL5"]).rules(config))
    assert result.text == FIXED
    formatting = [d for d in result.applied if d.fix.formatting]  # type: ignore[union-attr]
    assert formatting and len(formatting) < len(result.applied)
    assert parsed == [result.text]
    assert result.passes == 2  # still two stages to move the other problems through


def _sorted_list_with(lines: list[str]) -> str:
    return "# L\n\n" + "\n".join(lines) + "\n"


def test_a_stray_blank_line_inside_a_sorted_list_goes_in_the_same_sweep_as_the_sort() -> None:
    # the sort moves the entry after the blank line; removing that blank line (LL511) is
    # made in the sorted text, so a second `fix` has nothing left to do
    names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
             "Juliet", "Kilo", "Lima"]
    lines = [f"- [{n}](https://e.com/{n}) - Does {n}." for n in names]
    lines[6], lines[7] = lines[7], lines[6]  # Hotel before Golf
    lines[5] += "\n"  # a blank line before Hotel in a tight list
    text = _sorted_list_with(lines)
    config = Config()
    rules = Selection(select=["LL511", "LL515"]).rules(config)
    once = fix_source(Source.from_text(text), config, rules).text
    want = _sorted_list_with([f"- [{n}](https://e.com/{n}) - Does {n}." for n in names])
    assert once == want
    assert not fix_source(Source.from_text(once), config, rules).changed


def test_an_item_one_space_off_is_sorted_with_its_list_and_re_indented() -> None:
    names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
             "Juliet", "Kilo", "Lima"]
    items = [f"  - [{n}](https://e.com/{n}) - Does {n}." for n in names]
    items.append(" " + items.pop(2))  # Charlie last, one space further in
    text = "# L\n\n- [Group](https://e.com/g) - A group.\n" + "\n".join(items) + "\n"
    config = Config()
    rules = Selection(select=["LL510", "LL515"]).rules(config)
    result = fix_source(Source.from_text(text), config, rules, unsafe=True)
    assert result.text == "# L\n\n- [Group](https://e.com/g) - A group.\n" + \
        "\n".join(f"  - [{n}](https://e.com/{n}) - Does {n}." for n in names) + "\n"
    assert not fix_source(Source.from_text(result.text), config, rules, unsafe=True).changed


def test_an_edit_from_an_empty_line_is_not_carried_into_a_sort() -> None:
    # its "\n" would match the end of any line of the sorted text: two entries would be joined
    from listlint.fix.apply import _in_move

    text = "- b\n- z\n\n- c\n- d\n"
    content = "- b\n- c\n\n- d\n- z\n"
    assert _in_move(text, 0, len(text), content, Edit(8, 9, "")) is None
    assert _in_move(text, 0, len(text), content, Edit(6, 7, "Z")) == Edit(15, 16, "Z")
