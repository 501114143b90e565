"""Locate links in Markdown source text, so that every link token gets exact offsets.

markdown-it-py tells *what* the links of an inline block are (their targets, their text), but
not *where* they are. :func:`scan_links` finds the same constructs in the source text of the
block, in document order, so the two sequences can be paired. The scanner visits only the
characters that matter (found with one regular expression) and never backtracks: its cost is
linear in the length of the text, whatever brackets a hostile file contains.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass

_SPECIAL = re.compile(r"[\\`<\[\]!]")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*)>")
_EMAIL = re.compile(
    r"<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*)>"
)
_BACKTICKS = re.compile(r"`+")
_LABEL = re.compile(r"\[((?:[^\[\]\\]|\\.){0,999})\]", re.S)
_WS = re.compile(r"[ \t]*\n?[ \t]*")
_TITLE = {'"': '"', "'": "'", "(": ")"}
_MAX_PAREN_DEPTH = 32
# A destination nested deeper than _MAX_PAREN_DEPTH is never a link, and finding out costs a
# walk over 33 parentheses; after this many such walks in one block (hostile input such as
# "[a](" repeated; real text has none) the block's remaining nested destinations fail at once.
_MAX_DEEP_DESTINATIONS = 64
# Unclosed "[" openers kept per block; the oldest half is dropped beyond this (a link whose
# text nests thousands of brackets does not occur; a line of "[" would keep millions).
_MAX_OPENERS = 4096


@dataclass(slots=True)
class RawLink:
    """A link found in source text; offsets are relative to the scanned text."""

    start: int  # the "[" (or "<" of an autolink, or "!" of an image)
    end: int  # just past the construct
    text_start: int
    text_end: int
    dest: str  # the destination as written (reference label for reference links)
    dest_start: int
    dest_end: int
    kind: str  # inline | reference | autolink
    image: bool = False


def link_ranges(links: list[RawLink]) -> array[int]:
    """``links`` as machine ints, five a link: whether its whole text is opaque (an image,
    an autolink), its start and end, the start and end of its text. What the prose reads of
    a block's links: a huge list holds a scan per block until then, and an object per link,
    an int object per offset and a list per block weighed several times these ints."""
    flat = array("q")
    for r in links:
        flat.extend((r.image or r.kind == "autolink", r.start, r.end, r.text_start, r.text_end))
    return flat


def normalize_label(label: str) -> str:
    """CommonMark reference label matching: case-folded, whitespace collapsed."""
    return " ".join(label.split()).casefold()


class _BacktickRuns:
    """Every backtick run of a text, by length, so a closing run is found by bisection."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.end = end
        self.by_length: dict[int, list[int]] = {}
        for m in _BACKTICKS.finditer(text, start, end):
            self.by_length.setdefault(m.end() - m.start(), []).append(m.start())

    def span_end(self, pos: int) -> tuple[int, int]:
        """At a run starting at ``pos``: (end of the code span or -1, end of the opening run).

        ``pos`` may be inside a longer run when an escaped backtick precedes it (``\\```).
        """
        run = _BACKTICKS.match(self.text, pos, self.end)
        assert run is not None
        n = run.end() - pos
        starts = self.by_length.get(n, [])
        k = bisect.bisect_right(starts, pos)
        if k < len(starts):
            return starts[k] + n, run.end()
        return -1, run.end()


class _Positions:
    """``text.find(char, pos)`` for any ``start <= pos <= end`` by bisection, after one pass
    over ``text[start:end]`` (the answer past ``end`` is looked up once)."""

    def __init__(self, text: str, char: str, start: int, end: int) -> None:
        self.text = text
        self.char = char
        self.end = end
        self.found = _occurrences(text, char, start, end)
        self.beyond: int | None = None

    def find(self, pos: int) -> int:
        k = bisect.bisect_left(self.found, pos)
        if k < len(self.found):
            return self.found[k]
        if self.beyond is None:
            self.beyond = self.text.find(self.char, self.end)
        return self.beyond


class _TitleEnds:
    """Where a link title closed by ``char`` ends: the first ``char`` not escaped by a
    backslash, for a title starting anywhere in ``text[start:end]``, after one pass."""

    def __init__(self, text: str, char: str, start: int, end: int) -> None:
        self.text = text
        self.char = char
        self.end = end
        self.free: list[int] = []  # occurrences after an even run of backslashes
        for p in _occurrences(text, char, start, end):
            k = p
            while k > start and text[k - 1] == "\\":
                k -= 1
            if (p - k) % 2 == 0:
                self.free.append(p)

    def close(self, pos: int) -> int:
        """Offset of the closing ``char`` of a title whose text starts at ``pos``, or -1."""
        text = self.text
        q = pos  # backslashes right at the start escape in pairs from ``pos`` on
        while q < self.end and text[q] == "\\":
            q += 1
        if q < self.end and text[q] == self.char and (q - pos) % 2 == 0:
            return q
        k = bisect.bisect_right(self.free, q)
        return self.free[k] if k < len(self.free) else -1


def _occurrences(text: str, char: str, start: int, end: int) -> list[int]:
    found = []
    p = text.find(char, start, end)
    while p != -1:
        found.append(p)
        p = text.find(char, p + 1, end)
    return found


class _Block:
    """The text one :func:`scan_links` call scans, with lookups built when first needed, so
    that no construct rescans the rest of the block (which would be quadratic)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self._runs: _BacktickRuns | None = None
        self._titles: dict[str, _TitleEnds] = {}
        self._chars: dict[str, _Positions] = {}
        self.deep_destinations = 0

    def runs(self) -> _BacktickRuns:
        if self._runs is None:
            self._runs = _BacktickRuns(self.text, self.start, self.end)
        return self._runs

    def title_end(self, char: str, pos: int) -> int:
        ends = self._titles.get(char)
        if ends is None:
            ends = self._titles[char] = _TitleEnds(self.text, char, self.start, self.end)
        return ends.close(pos)

    def find(self, char: str, pos: int) -> int:
        """``text.find(char, pos)`` (not bounded by the block's end)."""
        positions = self._chars.get(char)
        if positions is None:
            positions = self._chars[char] = _Positions(self.text, char, self.start, self.end)
        return positions.find(pos)


_SIMPLE_DEST = re.compile(r"\(([^\s()<>\\]*)\)")


def _parse_inline_dest(block: _Block, pos: int) -> tuple[int, int, int] | None:
    """At ``(`` in ``pos``: (dest_start, dest_end, end past ``)``) or None."""
    text, n = block.text, block.end
    simple = _SIMPLE_DEST.match(text, pos, n)
    if simple:
        return simple.start(1), simple.end(1), simple.end()
    i = _WS.match(text, pos + 1, n).end()  # type: ignore[union-attr]
    if i < n and text[i] == "<":
        close = block.find(">", i + 1)
        nl = block.find("\n", i + 1)
        if close == -1 or (nl != -1 and nl < close):
            return None
        d_start, d_end = i + 1, close
        i = close + 1
    else:
        d_start = i
        depth = 0
        while i < n:
            c = text[i]
            if c == "\\" and i + 1 < n:
                i += 2
                continue
            if c <= " ":
                break
            if c == "(":
                depth += 1
                if depth > _MAX_PAREN_DEPTH or block.deep_destinations > _MAX_DEEP_DESTINATIONS:
                    block.deep_destinations += 1
                    return None
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
        if depth:
            return None
        d_end = i
    j = _WS.match(text, i, n).end()  # type: ignore[union-attr]
    if j < n and text[j] in _TITLE and j > i:
        k = block.title_end(_TITLE[text[j]], j + 1)
        if k == -1:
            return None
        j = _WS.match(text, k + 1, n).end()  # type: ignore[union-attr]
    if j < n and text[j] == ")":
        return d_start, d_end, j + 1
    return None


def scan_links(text: str, is_reference: Callable[[str], bool] | None = None,
               start: int = 0, end: int | None = None) -> list[RawLink]:
    """Links and images of ``text[start:end]`` in the order markdown-it emits them.

    Offsets in the result are offsets into ``text``.
    """
    found: list[RawLink] = []
    openers: list[int] = []  # pos of "[" (~pos for an image: one int each, no tuple)
    inactive_below = 0  # openers under this stack height may no longer form a link
    n = len(text) if end is None else end
    block = _Block(text, start, n)
    search = _SPECIAL.search
    pos = start
    while True:
        m = search(text, pos, n)
        if m is None:
            break
        i = m.start()
        c = text[i]
        if c == "[":  # the most frequent characters first
            openers.append(i)
            if len(openers) > _MAX_OPENERS:  # hostile: "[" by the million
                del openers[:_MAX_OPENERS // 2]
                inactive_below = max(0, inactive_below - _MAX_OPENERS // 2)
            pos = i + 1
        elif c == "]":
            pos = i + 1
            if not openers:
                continue
            opener_pos = openers.pop()
            image = opener_pos < 0
            if image:
                opener_pos = ~opener_pos
            height = len(openers)
            active = image or height >= inactive_below
            inactive_below = min(inactive_below, height)
            if not active:
                continue
            link = _close_link(block, opener_pos, i, image, is_reference)
            if link is None:
                continue
            found.append(link)
            pos = link.end
            if not image:
                # links may not contain links: earlier openers can no longer form one
                inactive_below = len(openers)
        elif c == "\\":
            pos = i + 2
        elif c == "`":
            span_end, run_end = block.runs().span_end(i)
            pos = span_end if span_end != -1 else run_end
        elif c == "<":
            am = _AUTOLINK.match(text, i, n) or _EMAIL.match(text, i, n)
            if am:
                found.append(RawLink(i, am.end(), i + 1, am.end() - 1, am.group(1),
                                     i + 1, am.end() - 1, "autolink"))
                pos = am.end()
                continue
            close = text.find(">", i + 1, min(n, i + 2048))
            pos = close + 1 if close != -1 and text[i + 1 : i + 2].isalpha() else i + 1
        else:  # "!"
            if i + 1 < n and text[i + 1] == "[":
                openers.append(~(i + 1))
                pos = i + 2
            else:
                pos = i + 1
    if len(found) > 1:
        found.sort(key=_start)
    return found


def _start(link: RawLink) -> int:
    return link.start


def _close_link(
    block: _Block, start: int, close: int, image: bool,
    is_reference: Callable[[str], bool] | None,
) -> RawLink | None:
    text, n = block.text, block.end
    opener = start - 1 if image else start
    nxt = close + 1
    if nxt < n and text[nxt] == "(":
        dest = _parse_inline_dest(block, nxt)
        if dest is not None:
            d_start, d_end, end = dest
            return RawLink(opener, end, start + 1, close, text[d_start:d_end], d_start, d_end,
                           "inline", image)
    if nxt < n and text[nxt] == "[":
        lm = _LABEL.match(text, nxt, n)
        if lm:
            label = lm.group(1) or text[start + 1 : close]
            if is_reference is None or is_reference(label):
                return RawLink(opener, lm.end(), start + 1, close, label, lm.start(1), lm.end(1),
                               "reference", image)
            return None
    label = text[start + 1 : close]
    if is_reference is not None and is_reference(label):
        return RawLink(opener, close + 1, start + 1, close, label, start + 1, close, "reference",
                       image)
    return None
