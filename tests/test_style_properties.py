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
