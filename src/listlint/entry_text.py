"""The written parts of an entry, read the same way by every family and by ``add``: the kind
of its separator, and where the prose of its description starts and ends (status markers,
badges, emoji and trailing code spans or link groups are not prose)."""

from __future__ import annotations

import re
import unicodedata

#: Separators a list may use between link and description, by their punctuation.
SEPARATOR_KINDS = (":", "-", "--", "–", "—", "|", "~", "=>", "->", ",", " ")


def separator_kind(sep: str) -> str | None:
    """The punctuation of a separator (``" - "`` -> ``"-"``), ``" "`` for spaces only."""
    core = sep.strip(" \t")
    if not core:
        return " " if sep else None
    return core if core in SEPARATOR_KINDS else None


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
#: No match of :data:`_STATUS_END` is longer than this ("**(not longer maintained)**" is 27):
#: it is looked for in the last characters of the prose only, not from its start.
_STATUS_END_LONGEST = 64
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
        while k < len(text) and (is_emoji(text[k]) or text[k] in "\ufe0f\u200d"):
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
        m = _STATUS_END.search(text, max(0, end - _STATUS_END_LONGEST), end)
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
            open_at = matching_open(s, end - 1)
            if open_at is None:
                break
            if open_at > 0 and s[open_at - 1] == "]":
                bracket = matching_open(s, open_at - 1, "[]")
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


def matching_open(s: str, close: int, pair: str = "()") -> int | None:
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


def is_emoji(ch: str) -> bool:
    """Is ``ch`` a pictographic emoji (not a letter-like symbol)?"""
    c = ord(ch)
    in_emoji_blocks = 0x1F000 <= c <= 0x1FAFF or 0x2600 <= c <= 0x27BF or 0x2B00 <= c <= 0x2BFF
    return in_emoji_blocks and unicodedata.category(ch) == "So"
