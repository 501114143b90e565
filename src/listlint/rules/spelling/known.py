"""Known misspellings from maintained dictionaries: typos, and codespell's data when asked.

* **typos** (the ``typos`` PyPI package: a Rust binary with an MIT/Apache dictionary of
  known misspellings). All candidate words of a document go to one ``typos -`` call on
  standard input, one word a line, and come back as JSON lines; results are cached for the
  process, so a fix loop or a second file costs little.
* **codespell's dictionary**, only when ``[tool.listlint.spelling] codespell = true`` and
  codespell is installed: its ``dictionary.txt`` is *read* at run time (CC BY-SA 3.0 data; the
  GPL code is never imported and nothing is copied into listlint).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

TYPOS_TIMEOUT = 20.0  # seconds for one typos call


def typos_binary() -> str | None:
    """The ``typos`` executable next to this Python (a venv), else on PATH."""
    exe = "typos.exe" if os.name == "nt" else "typos"
    here = Path(sys.executable).parent / exe
    if here.is_file():
        return str(here)
    import shutil

    return shutil.which("typos")


@dataclass(slots=True)
class KnownMisspellings:
    """Known misspellings of lowercase words, from typos (and codespell's data when asked)."""

    binary: str | None
    codespell: bool = False
    _cache: dict[str, tuple[tuple[str, ...], str]] | None = None

    def lookup(self, words: Iterable[str]) -> dict[str, tuple[tuple[str, ...], str]]:
        """``word -> (corrections, "typos" | "codespell")`` for the misspelled ``words``."""
        return self.submit(words)()

    def submit(self, words: Iterable[str]) -> Callable[[], dict[str, tuple[tuple[str, ...], str]]]:
        """Start looking ``words`` up (typos runs meanwhile); call the result to get them."""
        if self._cache is None:
            self._cache = {}
        cache = self._cache
        words = set(words)
        todo = sorted(w for w in words if w not in cache)
        proc = self._start(todo) if todo else None

        def result() -> dict[str, tuple[tuple[str, ...], str]]:
            answer = self._finish(proc, todo)
            if todo:
                found = {w: (fixes, "typos") for w, fixes in answer.items()}
                if self.codespell:
                    extra = codespell_dictionary()
                    for w in todo:
                        if w not in found and w in extra:
                            found[w] = (extra[w], "codespell")
                for w in todo:
                    cache[w] = found.get(w, ((), ""))
            return {w: cache[w] for w in words if cache[w][0]}

        return result

    def _spawn(self) -> subprocess.Popen[str] | None:
        """A typos process reading words on its standard input (None without typos)."""
        if not self.binary:
            return None
        import subprocess  # here, not at import: only a spelling check needs it

        try:
            return subprocess.Popen(
                [self.binary, "--format", "json", "-"], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
            )
        except OSError:
            return None

    def _start(self, words: list[str]) -> subprocess.Popen[str] | None:
        """typos, given ``words``, one a line."""
        proc = self._spawn()
        if proc is None:
            return None
        try:
            assert proc.stdin is not None
            proc.stdin.write("\n".join(words) + "\n")
            proc.stdin.close()
        except OSError:
            pass
        return proc

    @staticmethod
    def _finish(proc: subprocess.Popen[str] | None, words: list[str]) -> dict[str, tuple[str, ...]]:
        if proc is None:
            return {}
        import json
        import subprocess

        try:
            assert proc.stdout is not None
            out = proc.stdout.read()  # typos reads all its input before it writes
            proc.stdout.close()
            proc.wait(timeout=TYPOS_TIMEOUT)
        except (OSError, ValueError, subprocess.SubprocessError):
            proc.kill()
            proc.wait()
            return {}
        found: dict[str, tuple[str, ...]] = {}
        for line in out.splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue
            if item.get("type") != "typo":
                continue
            n = item.get("line_num", 0)
            if not 1 <= n <= len(words) or item.get("byte_offset", 0) != 0:
                continue
            word = words[n - 1]
            if item.get("typo", "").lower() != word:
                continue  # typos flagged a piece of the word, not the word
            fixes = tuple(dict.fromkeys(c.lower() for c in item.get("corrections", ())))
            if fixes:
                found[word] = fixes
        return found


@lru_cache(maxsize=1)
def codespell_dictionary() -> dict[str, tuple[str, ...]]:
    """codespell's main dictionary, read (never imported) from an installed codespell."""
    import importlib.util

    spec = importlib.util.find_spec("codespell_lib")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dictionary.txt"
    out: dict[str, tuple[str, ...]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    for line in lines:
        wrong, sep, right = line.partition("->")
        if not sep:
            continue
        fixes = tuple(f.strip().lower() for f in right.split(",") if f.strip())
        if fixes:
            out[wrong.strip().lower()] = fixes
    return out


@lru_cache(maxsize=2)
def default_known(codespell: bool = False) -> KnownMisspellings:
    return KnownMisspellings(typos_binary(), codespell)
