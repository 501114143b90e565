"""Small text helpers the families share: one copy each."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[’'`´‘ʼ]")
_NON_WORD = re.compile(r"[\W_]+")


def shorten(text: str, n: int = 60, *, collapse: bool = False) -> str:
    """``text`` cut to ``n`` characters with an ellipsis, for a message; ``collapse`` first
    joins runs of whitespace (newlines included) into one space."""
    if collapse:
        text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# ASCII titles (nearly all) take a shortcut with the same result: one byte translation maps
# every byte that is not a letter or digit to a space and deletes the apostrophes.
_ASCII_SPACES = bytes.maketrans(
    bytes(range(128)), bytes(c if chr(c).isalnum() else 32 for c in range(128)))
_ASCII_APOSTROPHES = b"'`"


def normalise_title(title: str) -> str:
    """Case, punctuation, whitespace, Unicode dashes and quotes do not tell titles apart.

    >>> normalise_title("  “Don’t Stop” — Serving LLMs ")
    'dont stop serving llms'
    """
    if title.isascii():
        folded = title.lower().encode("ascii").translate(_ASCII_SPACES, _ASCII_APOSTROPHES)
        return " ".join(folded.decode("ascii").split())
    text = unicodedata.normalize("NFKC", title)
    text = _APOSTROPHES.sub("", text).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())
