"""Titles compared for near-duplicates: an index of word-deletion keys (titles are never
compared all against all), the similarity score, and what makes two close titles two works
(a number, a version, a series) or a typo."""

from __future__ import annotations

import re

from listlint.rules.duplicates.items import Item, short
from listlint.text import normalise_title

Words = tuple[str, ...]  # the words of a normalised title


def title_keys(title: str, words: Words, min_words: int) -> set[str]:
    """The index keys of a normalised title for near-duplicates: two titles that share one
    differ only in spacing, or by one word changed, added or dropped."""
    keys = set()
    if len(title) >= 8:
        keys.add("".join(words))  # differs only in spacing
    if len(words) >= min_words:
        keys.add(title)  # one word more in the other title
        start = 0
        last = len(title)
        for word in words:  # one word changed, or one word less in the other title
            end = start + len(word)
            keys.add(title[:start] + title[end + 1:] if end < last else title[:start - 1])
            start = end + 1
    return keys


def _key_ends(title: str, words: Words, min_words: int) -> list[tuple[str, str]]:
    """The first and last word of every key of :func:`title_keys`, found without building
    the keys: deleting an inner word keeps the title's own ends."""
    ends = []
    if len(title) >= 8:
        joined = "".join(words)
        ends.append((joined, joined))
    if len(words) >= min_words:
        ends.append((title.partition(" ")[0], title.rpartition(" ")[2]))
        if len(words) == 1:
            ends.append((title[:-1], title[:-1]))
        elif words:
            ends.append((words[1], words[-1]))  # the first word deleted
            ends.append((words[0], words[-2]))  # the last word deleted
    return ends


def shared_keys(titles: list[str], words: list[Words], min_words: int) -> list[list[int]]:
    """The groups of titles (indexes, ascending) that share a key of :func:`title_keys`, in
    the order the keys first appear. Titles that share a key share its ends, and most titles
    share no ends with any other: only the few that do have their keys built."""
    owner: dict[tuple[str, str], int] = {}
    candidates: set[int] = set()
    for n, (title, w) in enumerate(zip(titles, words)):
        for ends in _key_ends(title, w, min_words):
            first = owner.setdefault(ends, n)
            if first != n:
                candidates.update((first, n))
    buckets: dict[str, list[int]] = {}
    for n in sorted(candidates):
        for key in title_keys(titles[n], words[n], min_words):
            buckets.setdefault(key, []).append(n)
    return [members for members in buckets.values() if len(members) > 1]


def title_similarity(a: str, b: str) -> float:
    """rapidfuzz's ratio of two titles (0-100); rapidfuzz is imported only when a pair of
    titles is actually scored, which most lists never need."""
    from rapidfuzz.fuzz import ratio

    return ratio(a, b)


_NUMBERISH = re.compile(r"(?:v?\d+(?:\.\d+)*[a-z]{0,2}|[ivx]{1,5}|part|vol|volume|version|edition|ed|"
                        r"first|second|third|fourth|fifth|one|two|three|four|five)$")


_VERSION = re.compile(r"\b[vV](\d+)\b")


def versions_differ(a: str, b: str) -> bool:
    """Do both titles name a version, and different ones (`[T-GATE V1]` / `[T-GATE V2]`)?
    Then two versions of one paper are listed on purpose."""
    va, vb = set(_VERSION.findall(a)), set(_VERSION.findall(b))
    return bool(va and vb and va != vb)


def _differing(a: Words, b: Words) -> tuple[Words, Words]:
    """The words of two normalised titles between their common prefix and suffix."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return a[p:len(a) - s], b[p:len(b) - s]


def numbered(a: Words, b: Words) -> bool:
    """Do two titles differ only by a number, version, year or part (`... II`, `32k` /
    `128k`, `v2`, `Part 1` / `Part 2`, `Fall 2016` / `Fall 2017`)? Then they name two works."""
    da, db = _differing(a, b)
    return bool(da or db) and all(_NUMBERISH.match(w) for w in da + db)


def series(a: Item, b: Item, wa: Words, wb: Words) -> bool:
    """Two entries next to each other in one list whose titles differ by one word swapped
    for another outside a system name (`IIT Bombay` / `IIT Madras`, `Intro x86` /
    `Intermediate x86`): a series placed together on purpose, not an accidental repeat. A
    renamed system (`DeepServe:` / `DeepFlow:`) is still reported."""
    if a.place != b.place or abs(a.entry.index - b.entry.index) > 2:
        return False
    da, db = _differing(wa, wb)
    if not da or not db:
        return False
    names = {w for it in (a, b) if ":" in it.entry.title
             for w in normalise_title(it.entry.title.split(":", 1)[0]).split()}
    return not names.intersection(da + db)


def word_difference(a: Words, b: Words) -> tuple[bool, str]:
    """(is it a typo or spacing?, words for the message) from two normalised titles."""
    wa, wb = _differing(a, b)
    da, db = " ".join(wa), " ".join(wb)
    if da.replace(" ", "") == db.replace(" ", ""):
        return True, "differs only in spacing"
    if not da:
        return False, f"adds '{short(db, 30)}'"
    if not db:
        return False, f"drops '{short(da, 30)}'"
    longest = max(len(da), len(db))
    from rapidfuzz.distance import Levenshtein

    if Levenshtein.distance(da, db) <= (1 if longest <= 6 else 2):
        return True, f"'{short(da, 30)}' / '{short(db, 30)}': a typo?"
    return False, f"'{short(da, 30)}' / '{short(db, 30)}'"
