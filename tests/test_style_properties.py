"""Property tests: a list with a dominant convention plus random drift in a few entries is
fixed back to exactly the list without drift, and fixing again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listlint.config import Config
from listlint.engine import Selection
from listlint.fix import fix_source
from listlint.source import Source

CONFIG = Config()
RULES = Selection(select=["LL5"]).rules(CONFIG)
SEPARATORS = (" - ", ": ", " — ")
WORDS = ("fast", "small", "simple")
DRIFTS = ("separator", "spacing", "punctuation", "case", "trailing", "checkbox", "emphasis",
          "blank", "marker")


@dataclass(frozen=True)
class Style:
    separator: str
    period: bool
    upper: bool
    checkbox: bool


def line(i: int, style: Style, drift: str | None) -> str:
    word = WORDS[i % len(WORDS)]
    upper = style.upper != (drift == "case")
    desc = (word.capitalize() if upper else word) + f" tool number {i}"
    if style.period != (drift == "punctuation"):
        desc += "."
    sep = style.separator
    if drift == "separator":
        sep = next(s for s in SEPARATORS if s != sep)
    elif drift == "spacing":
        sep = sep.rstrip() + "   "
    title = f"[Tool {i:03d}](https://example.com/tool/{i})"
    if drift == "emphasis":
        title = f"**{title}**"
    box = "[ ] " if style.checkbox != (drift == "checkbox") else ""
    marker = "*" if drift == "marker" else "-"
    out = f"{marker} {box}{title}{sep}{desc}"
    if drift == "trailing":
        out += " "
    if drift == "blank":
        out = "\n" + out
    return out


def document(n: int, style: Style, drifts: dict[int, str]) -> str:
    lines = [line(i, style, drifts.get(i)) for i in range(n)]
    return "# Tools\n\nA list.\n\n## Things\n\n" + "\n".join(lines) + "\n\n## End\n\nBye.\n"


@st.composite
def drifting_lists(draw: st.DrawFn) -> tuple[str, str]:
    n = draw(st.integers(min_value=10, max_value=40))
    style = Style(draw(st.sampled_from(SEPARATORS)), draw(st.booleans()), draw(st.booleans()),
                  draw(st.booleans()))
    k = draw(st.integers(min_value=1, max_value=max(1, n // 10)))
    where = draw(st.lists(st.integers(min_value=1, max_value=n - 1), min_size=1, max_size=k,
                          unique=True))
    drifts = {i: draw(st.sampled_from(DRIFTS)) for i in where}
    return document(n, style, drifts), document(n, style, {})


def fix(text: str) -> str:
    return fix_source(Source.from_text(text), CONFIG, RULES, unsafe=True).text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drifting_lists())
def test_fix_restores_the_dominant_convention_and_nothing_else(case: tuple[str, str]) -> None:
    drifted, clean = case
    fixed = fix(drifted)
    assert fixed == clean
    assert fix(fixed) == fixed


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=10, max_value=30), st.sampled_from(SEPARATORS), st.booleans(),
       st.booleans(), st.booleans())
def test_a_consistent_list_is_left_alone(n: int, sep: str, period: bool, upper: bool,
                                         box: bool) -> None:
    text = document(n, Style(sep, period, upper, box), {})
    assert fix(text) == text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drifting_lists(), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans(), st.booleans())
def test_fixed_bytes_keep_bom_line_endings_and_final_newline(case: tuple[str, str], eol: str,
                                                             bom: bool, final: bool) -> None:
    drifted, clean = case
    if not final:
        drifted, clean = drifted.rstrip("\n"), clean.rstrip("\n")
    data = ("\ufeff" if bom else "") + drifted.replace("\n", eol)
    source = Source.from_bytes(data.encode("utf-8"), "README.md")
    out = fix_source(source, CONFIG, RULES, unsafe=True).render()
    assert out == (("\ufeff" if bom else "") + clean.replace("\n", eol)).encode("utf-8")


# -- hostile layouts: every formatting fix proves itself --------------------------------------
FRAGMENTS = (
    "- [A{i}](https://a.example/{i}) - Does {i}.", "* [B{i}](https://b.example/{i}) - does {i}",
    "+ [C{i}](https://c.example/{i}): Thing {i}.", "-\t[T{i}](https://t.example/{i}) - Tab.",
    "- [] [E{i}](https://e.example/{i}) - Empty box.", "- [ ] [F{i}](https://f.example/{i}) - Box.",
    "  - [N{i}](https://n.example/{i}) - Nested.", "    - [M{i}](https://m.example/{i}) - Four.",
    "   * [O{i}](https://o.example/{i}) - odd.", "\t- [P{i}](https://p.example/{i}) - Tab nest.",
    "- [G{i}](https://g.example/{i}) - Trailing.  ", "- [H{i}](https://h.example/{i}) - One. ",
    "-  [S{i}](https://s.example/{i}) - Two spaces.", "1. [R{i}](https://r.example/{i}) - Ordered.",
    "- [U{i}](https://u.example/{i}) - Break\\", "  continued {i}.  ", "\tcontinued {i}",
    "", "  ", "## Head {i}", "Some text {i}.", "```", "~~~", "    code {i}", "<details>",
    "> - [Q{i}](https://q.example/{i}) - Quoted.", "- ", "*\t[V{i}](https://v.example/{i}) - Tab.",
)


@st.composite
def hostile_documents(draw: st.DrawFn) -> str:
    base = draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=3))
    picks = draw(st.lists(st.one_of(st.sampled_from(base), st.sampled_from(FRAGMENTS)),
                          min_size=3, max_size=30))
    tail = draw(st.sampled_from(["", "\n", "\n\n", "\n\n\n"]))
    return "# T\n\n" + "\n".join(p.format(i=i) for i, p in enumerate(picks)) + tail


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_documents())
def test_no_formatting_fix_is_rejected_on_hostile_layouts(text: str) -> None:
    # mixed markers, tabs, `[]`, unclosed fences at the end, trailing spaces, odd indents
    result = fix_source(Source.from_text(text), CONFIG, RULES, unsafe=True)
    assert result.skipped == [], result.skipped


def test_blank_lines_inside_an_unclosed_fence_at_the_end_are_code() -> None:
    text = "# T\n\n- [A](https://a.example) - A.\n\n```\ncode\n\n\n"
    result = fix_source(Source.from_text(text), CONFIG, RULES, unsafe=True)
    assert result.skipped == [] and result.text == text
    closed = "# T\n\n- [A](https://a.example) - A.\n\n```\ncode\n```\n\n\n"
    assert fix(closed) == closed.rstrip("\n") + "\n"  # outside a fence they go
