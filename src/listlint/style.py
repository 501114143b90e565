"""Learn a list's own conventions, per file and per section, so drift can be reported.

A *convention* is the value most entries agree on (the separator between link and
description, the list marker, the checkbox, the case and final punctuation of descriptions, the
emphasis around titles, the indentation of nested entries, tight or loose lists...). It is
enforced only where it clearly dominates: at least ``threshold`` (80 %) of the entries in scope
use it. The scope is the entry's section when that section is consistent on its own (all of at
least 3 entries, or ``threshold`` of at least ``min-entries``), otherwise the whole file, unless
the section is large and clearly does something else. A value pinned in
``[tool.listlint.style]`` replaces inference; ``"off"`` turns a convention off.

This module knows nothing about diagnostics: :mod:`listlint.rules.style` turns the
conventions into LL5xx rules. The list structure (:func:`list_blocks`) is shared with any rule
that needs to know which items form one Markdown list.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

from listlint.config import ConfigError, register_family_table
from listlint.document.layouts import STYLED_LAYOUTS
from listlint.model import Entry
from listlint.order import unsorted_positions

if TYPE_CHECKING:

    from listlint.config import Config
    from listlint.document import Document

AUTO = "auto"
OFF = "off"

#: Keys of ``[tool.listlint.style]`` and their defaults. Every convention is ``"auto"``
#: (inferred) by default; a preset or the user pins a value or turns it ``"off"``.
STYLE_DEFAULTS: dict[str, Any] = {
    "threshold": 0.8,
    "min-entries": 5,
    "marker": AUTO,
    "marker-spacing": AUTO,
    "checkbox": AUTO,
    "checked-mark": AUTO,
    "separator": AUTO,
    "separator-spacing": AUTO,
    "description-case": AUTO,
    "final-punctuation": AUTO,
    "title-emphasis": AUTO,
    "indent": AUTO,
    "list-spacing": AUTO,
    "trailing-whitespace": AUTO,
    "hard-break": AUTO,
    "final-newline": AUTO,
    "order": AUTO,
}

#: Allowed values of each key besides "auto" and "off" (None: any string, checked by a function).
_CHOICES: dict[str, tuple[str, ...] | None] = {
    "marker": ("-", "*", "+", "first"),  # first: the bullet the file starts with (awesome-lint)
    "marker-spacing": ("1", "2", "3", "4"),
    "checkbox": ("always", "never"),
    "checked-mark": ("x", "X"),
    "separator": None,
    "separator-spacing": (),
    "description-case": ("upper", "lower"),
    "final-punctuation": (".", "none"),
    "title-emphasis": ("none", "**", "__", "*", "_"),
    "indent": ("1", "2", "3", "4", "5", "6"),
    "list-spacing": ("tight", "loose"),
    "trailing-whitespace": ("remove",),
    "hard-break": ("spaces", "backslash"),
    "final-newline": ("yes", "no"),
    "order": ("alphabetical",),
}



@dataclass(frozen=True, slots=True)
class StyleSettings:
    """The validated ``[tool.listlint.style]`` table."""

    values: dict[str, str]
    threshold: float
    min_entries: int

    def get(self, key: str) -> str:
        return self.values[key]

    def pinned(self, key: str) -> bool:
        return self.values[key] not in (AUTO, OFF)

    def off(self, key: str) -> bool:
        return self.values[key] == OFF


def validate(table: dict[str, Any], fail: Callable[[str, str], Exception]) -> StyleSettings:
    """Check a style table; ``fail(key, message)`` makes the exception to raise."""
    table = {**STYLE_DEFAULTS, **table}
    threshold = table["threshold"]
    if not 0.5 < float(threshold) <= 1.0:
        raise fail("threshold", f"must be above 0.5 and at most 1.0, got {threshold!r}")
    min_entries = int(table["min-entries"])
    if min_entries < 2:
        raise fail("min-entries", f"must be at least 2, got {min_entries!r}")
    values: dict[str, str] = {}
    for key, choices in _CHOICES.items():
        value = str(table[key])
        if value in (AUTO, OFF):
            values[key] = value
            continue
        if key == "separator":
            if separator_kind(value) is None:
                raise fail(key, f"unknown separator {value!r} (e.g. ' - ', ': ', ' — ', ' | ')")
        elif choices is not None and value not in choices:
            allowed = ", ".join(repr(c) for c in (AUTO, OFF, *choices))
            raise fail(key, f"bad value {value!r} (use {allowed})")
        values[key] = value
    return StyleSettings(values, float(threshold), min_entries)


def settings(config: Config) -> StyleSettings:
    """The validated style table of ``config`` (raises :class:`ConfigError`)."""
    where = str(config.path) if config.path else "config"
    return validate(config.extra.get("style", {}),
                    lambda key, msg: ConfigError(f"{where}: tool.listlint.style.{key}: {msg}"))


register_family_table("style", STYLE_DEFAULTS, validate)

#: Separators a list may use between link and description, by their punctuation.
SEPARATOR_KINDS = (":", "-", "--", "–", "—", "|", "~", "=>", "->", ",", " ")


def separator_kind(sep: str) -> str | None:
    """The punctuation of a separator (``" - "`` -> ``"-"``), ``" "`` for spaces only."""
    core = sep.strip(" \t")
    if not core:
        return " " if sep else None
    return core if core in SEPARATOR_KINDS else None


# -- conventions ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Convention:
    """The value expected in one scope, with the evidence for it."""

    value: str
    count: int
    total: int
    scope: str  # "list", "section" or "config"
    #: a section's convention that is not what the list as a whole mostly does: a fix
    #: towards it would make the line disagree with the list's majority (unsafe)
    contested: bool = False

    def evidence(self, what: str, shown: Callable[[str], str] = repr, verb: str = "uses",
                 unit: str = "entries") -> str:
        """``this list uses ': ' in 97% of 120 entries``-style evidence for messages."""
        if self.scope == "config":
            return f"[tool.listlint.style] {what} = {self.value!r}"
        pct = math.floor(100 * self.count / self.total) if self.total else 0
        where = "this section" if self.scope == "section" else "this list"
        return f"{where} {verb} {shown(self.value)} in {pct}% of {self.total} {unit}"


Observation = tuple[Entry, str]


_first, _second = itemgetter(0), itemgetter(1)
_section, _index = attrgetter("section"), attrgetter("index")


def _no_group(entry: Entry) -> None:
    """The default grouping of :func:`infer`: all entries in one group."""
    return None


def infer(observations: Iterable[Observation], setting: str, st: StyleSettings,
          group: Callable[[Entry], Any] = _no_group,
          pinned: str | None = None) -> dict[int, Convention]:
    """The expected convention for each observed entry (entry index -> Convention).

    ``observations`` pairs entries with the value they use. Entries are grouped by
    ``group(entry)`` (e.g. nesting depth) and compared with their section, then with the
    file. ``pinned`` (or ``setting`` when it is not "auto") replaces inference.
    """
    obs = list(observations)
    if setting == OFF or not obs:
        return {}
    if setting != AUTO:
        conv = Convention(pinned if pinned is not None else setting, 0, 0, "config")
        return {e.index: conv for e, _ in obs}
    # map/zip/Counter do the per-observation work in C.
    entries = list(map(_first, obs))
    sections = list(map(_section, entries))
    groups = [None] * len(obs) if group is _no_group else list(map(group, entries))
    # Count (section, group, value); values keep the order in which they first occur, so ties
    # go to the value seen first (as Counter.most_common does).
    sec_counts: dict[tuple[Any, Any], dict[str, int]] = {}
    file_counts: dict[Any, dict[str, int]] = {}
    for (sec, g, value), n in Counter(zip(sections, groups, map(_second, obs))).items():
        sec_counts.setdefault((sec, g), {})[value] = n
        in_file = file_counts.setdefault(g, {})
        in_file[value] = in_file.get(value, 0) + n
    own = {key: _own(key[0], c, st) for key, c in sec_counts.items()}
    fixed = _as_fixed(file_counts, sec_counts, own)
    file_conv: dict[Any, Convention | None] = {
        g: _dominant(c, st.threshold, st.min_entries, "list", file_counts[g])
        for g, c in fixed.items()
    }
    sec_conv: dict[tuple[Any, Any], Convention | None] = {}
    for key, c in sec_counts.items():
        total = sum(c.values())
        top, n = _top(c)
        fc = file_conv.get(key[1])
        if own[key]:
            # the section is consistent on its own; the file-wide evidence is the stronger
            # statement when both agree
            same = fc is not None and top == fc.value
            contested = _top(fixed[key[1]])[0] != top
            sec_conv[key] = fc if same else Convention(top, n, total, "section", contested)
        elif fc is not None:
            mixed_other = total >= st.min_entries and top != fc.value and \
                c.get(fc.value, 0) < total / 2
            sec_conv[key] = None if mixed_other else fc
        else:
            sec_conv[key] = None
    convs = map(sec_conv.__getitem__, zip(sections, groups))
    return {i: conv for i, conv in zip(map(_index, entries), convs) if conv is not None}


def _own(section: Any, counts: dict[str, int], st: StyleSettings) -> bool:
    """Is a section consistent enough on its own to have its own convention?"""
    total = sum(counts.values())
    n = _top(counts)[1]
    return section is not None and ((total >= 3 and n == total) or
                                    (total >= st.min_entries and n >= st.threshold * total))


def _as_fixed(file_counts: dict[Any, dict[str, int]],
              sec_counts: dict[tuple[Any, Any], dict[str, int]],
              own: dict[tuple[Any, Any], bool]) -> dict[Any, dict[str, int]]:
    """The file-wide counts as the fixed file will have them: every section with its own
    convention counted as following it. The list-wide convention is inferred from these, so
    fixes towards section conventions cannot lift a value over the threshold for the next
    run (a second ``fix`` would then change more: fixing is idempotent only this way)."""
    if not any(own[key] and len(c) > 1 for key, c in sec_counts.items()):
        return file_counts
    fixed: dict[Any, dict[str, int]] = {g: {} for g in file_counts}
    for (sec, g), c in sec_counts.items():
        in_file = fixed[g]
        if own[(sec, g)] and len(c) > 1:
            top, _ = _top(c)
            in_file[top] = in_file.get(top, 0) + sum(c.values())
        else:
            for value, n in c.items():
                in_file[value] = in_file.get(value, 0) + n
    # keep the order in which values first occur in the file (ties go to the first seen)
    return {g: {v: fixed[g][v] for v in file_counts[g] if fixed[g].get(v)}
            for g in file_counts}


def _top(counts: dict[str, int]) -> tuple[str, int]:
    """The most frequent value and its count; the first seen of equally frequent ones."""
    return max(counts.items(), key=itemgetter(1))


def _dominant(counts: dict[str, int], threshold: float, min_entries: int,
              scope: str, evidence: dict[str, int] | None = None) -> Convention | None:
    """The value of ``counts`` at or over the threshold; its count in ``evidence`` (the file
    as given, when ``counts`` are those of the fixed file) is what messages show."""
    total = sum(counts.values())
    if total < min_entries:
        return None
    top, n = _top(counts)
    if n < threshold * total:
        return None
    return Convention(top, (evidence or counts).get(top, 0), total, scope)


def most_common(values: Iterable[str]) -> str | None:
    c = Counter(values)
    return c.most_common(1)[0][0] if c else None


# -- list structure ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListBlock:
    """One Markdown list: its marker, lines, items and the entries they are."""

    index: int
    marker: str  # "-", "*", "+" for bullets; "." or ")" for ordered lists
    ordered: bool
    level: int  # markdown-it nesting level of the list token
    depth: int  # enclosing list items
    first_line: int  # 1-based
    last_line: int  # last non-blank line, 1-based
    items: tuple[tuple[int, int], ...]  # (first line, last non-blank line), 1-based
    entries: tuple[int | None, ...]  # entry index of each item, None when it is no entry
    parent: int | None  # enclosing ListBlock


def list_blocks(doc: Document) -> list[ListBlock]:
    """Every list of ``doc`` in document order (nested lists after their parent)."""
    src = doc.source
    by_line = {(e.line, e.depth): e.index for e in doc.entries  # a marker is on the first line
               if e.kind == "item" and e.marker_span is not None and e.layout in STYLED_LAYOUTS}

    def last_nonblank(first: int, end_excl: int) -> int:
        n = min(end_excl - 1, src.line_count)
        while n > first and not src.line_text(n).strip():
            n -= 1
        return max(n, first)

    out = []
    for lst in doc.lists:  # in opening order, each with at least one item
        items = tuple((it.line, it.line if it.end <= it.line else last_nonblank(it.line, it.end + 1))
                      for it in lst.items)
        out.append(ListBlock(
            lst.index, lst.marker, lst.ordered, lst.level, lst.depth, items[0][0], items[-1][1],
            items, tuple(by_line.get((it.line, it.depth)) for it in lst.items), lst.parent))
    return out


def neighbour(doc: Document, blocks: Sequence[ListBlock], k: int,
              step: int) -> tuple[ListBlock, int] | None:
    """The list next to list ``k`` (``step`` -1: before it, +1: after it) at the same level
    and in the same container, with the number of blank lines between them; None when other
    content separates them (so they could never merge into one list)."""
    b = blocks[k]
    j = k + step
    while 0 <= j < len(blocks) and blocks[j].level > b.level:
        j += step
    if not 0 <= j < len(blocks) or blocks[j].level != b.level or blocks[j].parent != b.parent:
        return None
    other = blocks[j]
    lo, hi = (other.last_line, b.first_line) if step < 0 else (b.last_line, other.first_line)
    src = doc.source
    for n in range(lo + 1, hi):
        if src.line_text(n).strip():
            return None
    return other, hi - lo - 1


# -- description helpers -------------------------------------------------------------------

_TERMINAL = ".!?…"
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_CLOSERS = "\"'”’»)]*_"
_ABBREVIATIONS = frozenset("etc. al. e.g. i.e. vs. inc. ltd. co. jr. sr. approx. fig. no.".split())


#: Words that mark an entry's status rather than describe it.
_STATUS_WORDS = (
    r"deprecated|archived|unmaintained|abandoned|discontinued|inactive|obsolete|outdated|"
    r"legacy|dead|stale|sunset|wip|work[ -]in[ -]progress|in[ -]progress|beta|alpha|"
    r"experimental|preview|new|updated|hot|free|paid|freemium|commercial|proprietary|"
    r"open[ -]source|oss|closed[ -]source|(?:no[t]? (?:longer )?)?maintained|read[ -]only|"
    r"planned|draft|\d{4}"
)
#: A bracketed status marker (``[Deprecated]``, ``(archived)``), maybe in emphasis, or an
#: emphasised status word (``**Deprecated**``), at the end of a description.
_STATUS_END = re.compile(
    r"(?:(?P<e>\*\*|__|\*|_)?(?:\[(?:" + _STATUS_WORDS + r")\]|\((?:" + _STATUS_WORDS +
    r")\))(?P=e)?|(?P<f>\*\*|__|\*|_)(?:" + _STATUS_WORDS + r")(?P=f))\s*$", re.I)
#: The same at the start of a description, with the space after it.
_STATUS_START = re.compile(
    r"^(?:(?P<e>\*\*|__|\*|_)?(?:\[(?:" + _STATUS_WORDS + r")\]|\((?:" + _STATUS_WORDS +
    r")\))(?P=e)?|(?P<f>\*\*|__|\*|_)(?:" + _STATUS_WORDS + r")(?P=f)|!\[[^\]\n]*\]\([^)\s]*\)|"
    r"\[!\[[^\]\n]*\]\([^)\s]*\)\]\([^)\s]*\))[:\s]+", re.I)


def prose_start(text: str) -> int:
    """Where the prose of a description starts: after leading status markers
    (``**[Deprecated]**``, ``(archived)``), badges and emoji."""
    start = 0
    for _ in range(4):
        m = _STATUS_START.match(text, start)
        if m is not None:
            start = m.end()
            continue
        k = start
        while k < len(text) and (_is_emoji(text[k]) or text[k] in "\ufe0f\u200d"):
            k += 1
        if k > start and k < len(text) and text[k] in " \t":
            start = k + 1
            continue
        break
    return start


def prose_end(text: str) -> int:
    """Where the prose of a description ends: before trailing code spans (licence and
    language tags), badges (linked or not), status markers (``**[Deprecated]**``,
    ``(archived)``) and parenthesised link groups like ``([Demo](…))``."""
    end = len(text.rstrip())
    for _ in range(8):
        m = _STATUS_END.search(text, 0, end)
        if m is not None and m.start() > 0:
            end = len(text[:m.start()].rstrip())
            continue
        if text.endswith("`", 0, end):
            s = text[:end]
            k = s.rfind("`", 0, end - 1)
            if k <= 0:
                break
            ticks = len(s) - len(s.rstrip("`"))
            if ticks > 1:
                break
            end = len(text[:k].rstrip())
            continue
        if text.endswith(")", 0, end):
            s = text[:end]
            open_at = _matching_open(s, end - 1)
            if open_at is None:
                break
            if open_at > 0 and s[open_at - 1] == "]":
                bracket = _matching_open(s, open_at - 1, "[]")
                if bracket is not None and bracket > 0 and s[bracket - 1] == "!":
                    end = len(text[: bracket - 1].rstrip())  # a trailing badge
                    continue
                if bracket is not None and s.startswith("![", bracket + 1) and \
                        s[open_at - 2] == ")":
                    end = len(text[:bracket].rstrip())  # a linked badge [![…](…)](…)
                    continue
                break  # a link is the last word of the prose
            if "](" in s[open_at:end] or "<" in s[open_at:end]:
                end = len(text[:open_at].rstrip())
                continue
            break
        break
    return end


def _matching_open(s: str, close: int, pair: str = "()") -> int | None:
    """Offset of the bracket that opens the one at ``close`` (looking back at most 2000)."""
    depth = 0
    for i in range(close, max(-1, close - 2000), -1):
        c = s[i]
        if c == pair[1]:
            depth += 1
        elif c == pair[0]:
            depth -= 1
            if depth == 0:
                return i
    return None


def final_punctuation(text: str) -> tuple[str | None, int]:
    """("." or "none" or None, prose end offset) of a description's source text."""
    end = prose_end(text)
    s = text[:end]
    if not s.strip():
        return None, end
    k = len(s.rstrip(_CLOSERS))
    if k == 0:
        return None, end
    last = s[k - 1]
    if s.endswith((">", "|")) or _ends_with_emoji(s[:k]):
        return None, end  # an emoji ends a description as well as a full stop does
    close = len(s.rstrip("*_\"'”’»"))
    if last not in _TERMINAL and s.endswith(")", 0, close):
        open_at = _matching_open(s, close - 1)  # "Does X. (Deprecated)": the sentence has ended
        if open_at is not None and s[:open_at].rstrip(" *_").endswith(tuple(_TERMINAL)):
            return ".", end
    return ("." if last in _TERMINAL else "none"), end


def _ends_with_emoji(s: str) -> bool:
    t = s.rstrip("\ufe0f\u200d")
    while t and 0x1F3FB <= ord(t[-1]) <= 0x1F3FF:  # skin tones
        t = t[:-1]
    return bool(t) and _is_emoji(t[-1])


def _is_emoji(ch: str) -> bool:
    c = ord(ch)
    in_emoji_blocks = 0x1F000 <= c <= 0x1FAFF or 0x2600 <= c <= 0x27BF or 0x2B00 <= c <= 0x2BFF
    return in_emoji_blocks and unicodedata.category(ch) == "So"


def is_abbreviation(text: str) -> bool:
    word = text.rsplit(None, 1)[-1].casefold() if text.split() else ""
    return word in _ABBREVIATIONS or word.count(".") > 1


_WORD_CHARS = re.compile(r"[\w'’.\-]*")  # \w: the characters str.isalnum() accepts, and "_"
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())


def first_word(text: str) -> str:
    """The word ``text`` starts with (letters, digits, ``'’-_.`` inside), or ""."""
    return _WORD_CHARS.match(text).group().rstrip(".'’-_")  # type: ignore[union-attr]


def description_case(entry: Entry) -> str | None:
    """"upper" or "lower" when the description starts with an ordinary word, else None
    (names, acronyms, camelCase, numbers, code and links say nothing about the style)."""
    return description_case_and_word(entry)[0]


def description_case_and_word(entry: Entry) -> tuple[str | None, str]:
    """:func:`description_case` and, when it is not None, the word it judged."""
    d = entry.description
    d = d[prose_start(d):] if d and not d[0].isalnum() else d
    if not d or not d[0].isalpha() or not d[0].isupper() and not d[0].islower():
        return None, ""
    if not unicodedata.name(d[0], "").startswith(_CAPITALISED_SCRIPTS):
        return None, ""  # Georgian has two cases, but sentences do not start with a capital
    w = first_word(d)
    if not w or any(map(str.isdigit, w)) or any(map(str.isupper, w[1:])):
        return None, ""
    low = w.casefold()
    own = f"{entry.title} {entry.url}".casefold()
    if len(low) > 1 and low in own and (low == entry.title.casefold().strip() or
                                        _is_word_of(low, own)):
        return None, ""  # the project's own name, written its own way (not "is" of "mimesis")
    return ("upper" if d[0].isupper() else "lower"), w


_CAPITALISED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC", "ARMENIAN")


def _is_word_of(word: str, text: str) -> bool:
    """Is ``word`` one of the ``[0-9a-z]`` runs of ``text`` (``word in _NOT_ALNUM.split(text)``,
    without splitting all of ``text``)?"""
    if _NOT_ALNUM.search(word):
        return False
    n = len(word)
    start = text.find(word)
    while start != -1:
        end = start + n
        if not (start and text[start - 1] in _AZ09 or end < len(text) and text[end] in _AZ09):
            return True
        start = text.find(word, start + 1)
    return False


_AZ09 = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")


def _plain(title: str) -> str:
    t = title.lower().strip()
    i = 0
    while i < len(t) and not t[i].isalnum():
        i += 1
    return t[i:] or t


def _as_title(plain: str) -> str:
    return plain


def _as_line(plain: str) -> str:
    return plain + "]"


def _alnum_only(plain: str) -> str:
    if plain.isascii():  # bytes.translate deletes in C, much faster than a regex
        return plain.encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    return "".join(filter(str.isalnum, plain))


#: The orders maintainers sort by, as functions of a title's :func:`_plain` form:
#: case-insensitive titles; raw lines (so ``Tube Archivist`` sorts before ``Tube``, as
#: ``' ' < ']'``); letters and digits only (``RSS-Bridge`` before ``RSS Monster``). A list
#: sorted by any of them counts as sorted.
_PLAIN_KEYS: tuple[Callable[[str], str], ...] = (_as_title, _as_line, _alnum_only)

#: The same orders as functions of a title.
SORT_KEYS: tuple[Callable[[str], str], ...] = (
    _plain,
    lambda t: _as_line(_plain(t)),
    lambda t: _alnum_only(_plain(t)),
)


def sort_key(title: str) -> str:
    return _plain(title)


def best_order(titles: Sequence[str]) -> tuple[list[int], list[str]]:
    """(positions out of order, keys) under the sort key that fits ``titles`` best."""
    plain = [_plain(t) for t in titles]
    best: tuple[list[int], list[str]] | None = None
    for key in _PLAIN_KEYS:
        keys = list(map(key, plain))
        bad = unsorted_positions(keys)
        if best is None or len(bad) < len(best[0]):
            best = (bad, keys)
        if not bad:
            break
    assert best is not None
    return best


__all__ = ["AUTO", "OFF", "STYLE_DEFAULTS", "Convention", "ListBlock", "StyleSettings",
           "description_case", "description_case_and_word", "final_punctuation", "infer",
           "list_blocks", "most_common", "neighbour", "best_order", "prose_end", "prose_start",
           "separator_kind", "settings", "sort_key"]
