"""The one escaping helper of every output: text from a file never acts on a terminal or a CI.

A list's content reaches the output through messages (titles, URLs, percent-decoded anchors,
paths). :func:`printable` shows control characters as escapes (``\\x1b``, ``\\n``, ``\\u202e``),
so that no ANSI/OSC sequence, bell, carriage return or line break from a file reaches a
terminal, and no line of output can start a GitHub workflow command (``::error::``). Unicode
line separators and bidirectional overrides (which reorder what a reader sees) are escaped
too; a tab is kept. :func:`html_text` also escapes HTML, for the Markdown format, and
:func:`json_text` escapes what JSON leaves raw, for the JSON outputs.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes (one line, safe on a terminal)."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(text: str) -> str:
    """JSON output (``json.dumps`` already escapes the C0 controls) with the C1 controls,
    line separators and bidirectional overrides written as ``\\uXXXX`` escapes too: the
    same data for a JSON reader, nothing that acts on a terminal that shows it."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) \
        if _JSON_UNSAFE.search(text) else text


def html_text(text: str) -> str:
    """:func:`printable`, and HTML special characters as entities (for Markdown output)."""
    return printable(text).translate(_HTML)


__all__ = ["html_text", "json_text", "printable"]
