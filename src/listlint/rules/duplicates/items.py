"""What the duplicate analysis works on and reports: the rule codes, the entries it
compares (:class:`Item`) and its findings (:class:`Finding`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from listlint.model import Entry
from listlint.text import shorten

short = partial(shorten, collapse=True)  # titles in messages on one line

DUPLICATE_LINK = "LL101"
DUPLICATE_TITLE = "LL102"
NEAR_DUPLICATE_TITLE = "LL103"
SAME_PAPER = "LL104"

ALLOW_COMMENT = re.compile(r"<!--\s*listlint-allow-duplicate\b", re.I)


@dataclass(frozen=True, slots=True)
class Finding:
    """Entry ``entry`` repeats entry ``first``; ``code`` says by which evidence."""

    code: str
    entry: int
    first: int
    message: str
    removable: bool = False
    similarity: float = 0.0
    other_name: bool = False  # LL101 for one link under two different names: a warning
    cross: bool = False  # the two are in different places (sections or sub-lists): info


@dataclass(frozen=True, slots=True)
class Item:
    entry: Entry
    ident: str
    paper: bool
    title: str  # normalised
    titled: bool  # the title is specific enough to compare (not "pdf", not empty)
    words: int  # words of the title as written ("Node.js" is one word)
    place: tuple[int | None, int | None]  # (section, first line of the innermost list)
