"""Dependencies that do not rot: the English word list ships with listlint (never skipped: a
missing list fails here, in CI too), and typos' behaviour is pinned to the versions that
pyproject.toml allows."""

from __future__ import annotations

import re
import subprocess
import sys

from listlint.rules.spelling.english import ENGLISH_WORDS, english
from listlint.rules.spelling.known import KnownMisspellings, typos_binary
from tests.conftest import ROOT


def test_english_word_list_ships_with_its_licence() -> None:
    assert ENGLISH_WORDS.is_file(), f"{ENGLISH_WORDS} is missing: LL202 would be silently off"
    licence = ENGLISH_WORDS.with_name("english-words.LICENSE").read_text(encoding="utf-8")
    assert "pyspellchecker" in licence and "MIT License" in licence
    words = english()
    assert words, "the English word list did not load"
    assert "receive" in words and "color" in words
    assert "recieve" not in words  # it holds no misspellings
    assert words.get("the") > words.get("receive") > words.get("perspicacious") > 0


def test_the_word_list_needs_no_other_package(tmp_path) -> None:
    code = ("import sys; from listlint.rules.spelling.english import english; assert english(); "
            "print(sorted(m for m in sys.modules if m.startswith('spellchecker')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"XDG_CACHE_HOME": str(tmp_path), "PATH": ""}, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def _typos_bounds() -> tuple[tuple[int, ...], tuple[int, ...]]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    m = re.search(r'"typos>=([\d.]+),<([\d.]+)"', text)
    assert m, "pyproject.toml must bound typos above and below"
    low, high = (tuple(int(p) for p in v.split(".")) for v in m.groups())
    return low, high


def test_typos_is_installed_within_its_bounds() -> None:
    exe = typos_binary()
    assert exe is not None, "typos is a dependency of listlint and must be installed"
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True).stdout
    version = tuple(int(p) for p in re.search(r"(\d+)\.(\d+)\.(\d+)", out).groups())
    low, high = _typos_bounds()
    assert low <= version < high, f"typos {version} is outside pyproject.toml's {low}..{high}"


# What the pinned typos answers; when a new release changes it, this test says so before the
# upper bound in pyproject.toml is raised.
PINNED = {
    "recieve": ("receive",), "teh": ("the",), "hte": ("the",), "guidence": ("guidance",),
    "seperate": ("separate",), "occured": ("occurred",), "definately": ("definitely",),
    "aplication": ("application",), "thier": ("their",), "wich": ("which", "witch"),
    "ment": ("meant",),
}
# Words of curated lists typos must leave alone.
CLEAN = ["tensorflow", "pytorch", "dataset", "inference", "kubernetes", "llm", "finetuning",
         "embeddings", "transformers", "alot", "awesome", "arxiv", "github"]


def test_typos_behaviour_is_pinned() -> None:
    known = KnownMisspellings(typos_binary())
    found = known.lookup([*PINNED, *CLEAN])
    assert {w: fixes for w, (fixes, _) in found.items()} == PINNED
    assert {source for _, source in found.values()} == {"typos"}
