"""Canonical spellings of technology names (GitHub, JavaScript, macOS ...).

The names live in ``data/canonical_names.txt``. :func:`find_names` scans a piece of prose
(the caller masks code, URLs and link destinations) and yields every spelling of a listed
name that differs from its canonical form. It visits each word once and looks it up in a
dictionary, so its cost is linear in the text whatever the size of the list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from listlint import data_text

# A word of prose, dotted names included (Node.js, Vue.js); "github.com" is one word too.
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*")
_GLUE_BEFORE = frozenset("@/\\_.-#$~:")  # part of a path, handle, identifier or option
_GLUE_AFTER = frozenset("@/\\_")
_GAP = re.compile(r"[ \t]+")


@dataclass(frozen=True, slots=True)
class NameHit:
    """A spelling of a listed name that is not the canonical one."""

    start: int
    end: int
    written: str
    canonical: str


@dataclass(frozen=True, slots=True)
class CanonicalNames:
    forms: dict[tuple[str, ...], str]  # lower-case words of a spelling -> canonical name
    max_words: int

    def accepts(self, written: str, canonical: str) -> bool:
        if written == canonical:
            return True
        # a name written in lower case may start a sentence: "webpack" / "Webpack"
        return canonical.islower() and written == canonical[:1].upper() + canonical[1:]


def parse_names(text: str) -> CanonicalNames:
    """Read the ``canonical | variant | ...`` lines of a names file."""
    forms: dict[tuple[str, ...], str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        canonical = parts[0]
        for form in parts:
            key = tuple(w.lower() for w in form.split())
            if key:
                forms.setdefault(key, canonical)
    return CanonicalNames(forms, max((len(k) for k in forms), default=1))


@lru_cache(maxsize=1)
def default_names() -> CanonicalNames:
    return parse_names(data_text("canonical_names.txt"))


def _glued(text: str, start: int, end: int, limit_start: int, limit_end: int) -> bool:
    """Is ``text[start:end]`` part of a path, handle, identifier or file name?"""
    if start > limit_start and text[start - 1] in _GLUE_BEFORE:
        return True
    if end < limit_end:
        c = text[end]
        if c in _GLUE_AFTER and (c != "/" or text[start:end].islower()):
            return True  # "mongodb/mongo-go-driver", but not "Javascript/C++"
        if c in "-." and end + 1 < limit_end and text[end + 1].isalnum():
            return True
    return False


def find_names(text: str, start: int, end: int, names: CanonicalNames | None = None
               ) -> Iterator[NameHit]:
    """Misspelt names in ``text[start:end]`` (offsets are offsets into ``text``)."""
    names = names or default_names()
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    i = 0
    n = len(tokens)
    while i < n:
        hit = None
        # the longest spelling that starts here: "Mac OS X" before "Mac OS"
        for k in range(min(names.max_words, n - i), 0, -1):
            group = tokens[i : i + k]
            if any(_GAP.fullmatch(text, a_end, b_start) is None
                   for (_, a_end), (b_start, _) in zip(group, group[1:])):
                continue
            key = tuple(text[a:b].lower() for a, b in group)
            canonical = names.forms.get(key)
            if canonical is None:
                continue
            s, e = group[0][0], group[-1][1]
            if not _glued(text, s, e, start, end):
                hit = (k, NameHit(s, e, text[s:e], canonical))
            break
        if hit is None:
            i += 1
            continue
        k, found = hit
        if not names.accepts(found.written, found.canonical):
            yield found
        i += k
