"""Offsets of listlint's model <-> LSP positions (line, character in the client's units).

listlint's offsets index the *normalised* text (``\\n`` line endings, no BOM). Line numbers are
the same in the editor's buffer; within a line, only a BOM shifts the first line by one. LSP
counts characters in UTF-16 code units unless the client and server agreed on UTF-8 or UTF-32.
"""

from __future__ import annotations

from lsprotocol import types

from listlint.model import Edit
from listlint.source import Source


def _units(text: str, encoding: str) -> int:
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _chars(text: str, units: int, encoding: str) -> int:
    """How many characters of ``text`` make up ``units`` client units (clamped to the line)."""
    if encoding == types.PositionEncodingKind.Utf32:
        return min(units, len(text))
    count = 0
    for i, ch in enumerate(text):
        if count >= units:
            return i
        if encoding == types.PositionEncodingKind.Utf8:
            count += len(ch.encode("utf-8"))
        else:
            count += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


class Positions:
    """Conversions for one snapshot of a buffer."""

    def __init__(self, source: Source, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.source = source
        self.encoding = encoding

    def position(self, offset: int) -> types.Position:
        src = self.source
        offset = max(0, min(offset, len(src.text)))
        line = src.line_of(offset)  # 1-based
        start = src.line_start(line)
        prefix = src.text[start:offset]
        shift = 1 if src.bom and line == 1 else 0
        return types.Position(line=line - 1, character=_units(prefix, self.encoding) + shift)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(max(start, end)))

    def offset(self, position: types.Position) -> int:
        src = self.source
        if position.line >= src.line_count:
            return len(src.text)
        line = position.line + 1
        text = src.line_text(line)
        units = position.character - (1 if src.bom and line == 1 else 0)
        return src.line_start(line) + _chars(text, max(0, units), self.encoding)

    def text_edit(self, edit: Edit) -> types.TextEdit:
        """An :class:`Edit` as the client applies it: the buffer's own line ending inside."""
        eol = self.source.dominant_eol
        return types.TextEdit(range=self.range(edit.start, edit.end),
                              new_text=edit.content.replace("\n", eol))
