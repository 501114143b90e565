"""Reading a Markdown file safely and mapping offsets back to lines, columns and bytes.

The text the parser sees is *normalised*: the UTF-8 BOM is removed and every line ending
(``\\r\\n``, lone ``\\r``) becomes ``\\n``. The original endings of each line, the BOM and the
presence of a final newline are remembered, so that :meth:`Source.render` gives back the exact
bytes of the file for unchanged text and keeps the user's conventions for changed text.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

BOM = "\ufeff"
_EOL = re.compile(r"\r\n|\r|\n")


def _wide_encoding(data: bytes) -> str | None:
    """"UTF-16" or "UTF-32" when ``data`` (which holds NUL bytes) looks like such text."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    # Mostly ASCII text without a BOM: a NUL in every other byte (at even or odd offsets).
    for zeros in (even, odd):
        if zeros.count(0) >= 0.9 * len(zeros) and (odd if zeros is even else even).count(0) == 0:
            return "UTF-16"
    return None


class InputError(Exception):
    """The input cannot be linted; the message is one line for the user (exit status 2)."""


def _nul_error(data: bytes, name: str, what: str = "file") -> InputError:
    """The error for ``data`` that holds a NUL byte: UTF-16/32 text, or binary."""
    wide = _wide_encoding(data)
    if wide:
        return InputError(f"{name}: {wide} text; save it as UTF-8")
    return InputError(f"{name}: binary {what} (contains NUL bytes), not Markdown")


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What a file was when it was read: ``fix`` writes only if it still is (see
    :func:`listlint.fsio.write_atomic`)."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    links: int
    digest: bytes = b""  # BLAKE2b of the content (a change within the mtime resolution)

    @classmethod
    def of(cls, st: os.stat_result, data: bytes | None = None) -> FileStamp:
        digest = b"" if data is None else content_digest(data)
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_nlink, digest)

    def same_file(self, other: FileStamp) -> bool:
        """Same file, size, modification time and content (the link count may differ)."""
        return (self.device, self.inode, self.size, self.mtime_ns) == \
            (other.device, other.inode, other.size, other.mtime_ns) and \
            (not self.digest or not other.digest or self.digest == other.digest)


def content_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(name: str, mode: int, only: str) -> str:
    kind = next((what for test, what in _KINDS if test(mode)), "a special file")
    return f"{name}: is {kind}, not a regular file; {only}"


# Standard input is read up to this many bytes (a file named by its path has no cap).
STDIN_LIMIT = 256_000_000
_CHUNK = 1 << 20


def read_stream(stream: BinaryIO, name: str = "<stdin>", limit: int = STDIN_LIMIT) -> bytes:
    """The bytes of ``stream`` (standard input), read a chunk at a time: :class:`InputError`
    at the first NUL byte (binary input, or UTF-16/32 text) and past ``limit`` bytes, so that
    a never-ending input (``< /dev/zero``, ``yes |``) stops in bounded time and memory."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(_CHUNK):
        if b"\x00" in chunk:
            raise _nul_error(chunks[0] if chunks else chunk, name, "input")
        size += len(chunk)
        if size > limit:
            raise InputError(f"{name}: more than {limit // 1_000_000} MB, the most read from "
                             "standard input; name the file instead")
        chunks.append(chunk)
    return b"".join(chunks)


def read_regular(path: str | os.PathLike[str], *,
                 only: str = "only regular files and - (standard input) are read"
                 ) -> tuple[bytes, FileStamp]:
    """The bytes of the regular file at ``path`` and its stamp; :class:`InputError` for
    anything else (a FIFO, a device, a socket), at once: the file is opened without waiting
    for a writer and checked before a byte is read. ``only``: the end of that error's line,
    what may be named instead."""
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        try:
            mode = os.stat(name).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):  # a socket cannot be opened
            raise InputError(_not_regular(name, mode, only)) from None
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{name}: is a directory; name a Markdown file")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(_not_regular(name, st.st_mode, only))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    return data, FileStamp.of(st, data)


@dataclass(slots=True)
class Source:
    path: str
    text: str  # normalised: no BOM, "\n" line endings
    eols: list[str]  # the original ending of each line ("" for a last line without one)
    bom: bool = False
    stamp: FileStamp | None = field(default=None, repr=False)  # set when read from disk
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _byte_starts: list[int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_text(cls, text: str, path: str = "<string>") -> Source:
        bom = text.startswith(BOM)
        if bom:
            text = text[1:]
        if "\r" not in text:
            eols = ["\n"] * text.count("\n") + [""]  # no copy of the lines to count them
            return cls(path, text, eols, bom)
        lines: list[str] = []
        eols = []
        pos = 0
        for m in _EOL.finditer(text):
            lines.append(text[pos : m.start()])
            eols.append(m.group())
            pos = m.end()
        lines.append(text[pos:])
        eols.append("")
        return cls(path, "\n".join(lines), eols, bom)

    @classmethod
    def from_bytes(cls, data: bytes, path: str) -> Source:
        if b"\x00" in data[:8192] or b"\x00" in data:
            raise _nul_error(data, path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            raise InputError(
                f"{path}:{line}:{col}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                f"{exc.start}); save the file as UTF-8"
            ) from None
        return cls.from_text(text, path)

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Source:
        p = Path(path)
        name = str(path)
        if p.is_dir():
            readme = p / "README.md"
            if readme.is_file():
                return cls.read(readme)
            raise InputError(f"{name}: is a directory without a README.md; name a Markdown file")
        data, stamp = read_regular(p)
        source = cls.from_bytes(data, name)
        source.stamp = stamp
        return source

    # -- positions ----------------------------------------------------------------------
    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def lines_offsets(self, first: int, last: int) -> tuple[int, int]:
        """(start of 1-based line ``first``, end of line ``last`` before its newline)."""
        starts = self._line_starts
        end = starts[last] - 1 if last < len(starts) else len(self.text)
        return starts[first - 1], end

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._line_starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset just past the last character of 1-based ``line`` (before its newline)."""
        if line < len(self._line_starts):
            return self._line_starts[line] - 1
        return len(self.text)

    def line_text(self, line: int) -> str:
        return self.text[self.line_start(line) : self.line_end(line)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count characters."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        return self._line_starts[line - 1] + column - 1

    def byte_offset(self, offset: int) -> int:
        """Offset of the same place in the bytes of the file on disk."""
        if self._byte_starts is None:
            starts = [3 if self.bom else 0]
            text = self.text
            for i in range(1, len(self._line_starts)):
                prev = text[self._line_starts[i - 1] : self._line_starts[i] - 1]
                starts.append(starts[-1] + len(prev.encode("utf-8")) + len(self.eols[i - 1]))
            self._byte_starts = starts
        line, col = self.position(offset)
        prefix = self.text[self._line_starts[line - 1] : offset]
        return self._byte_starts[line - 1] + len(prefix.encode("utf-8"))

    # -- writing back -------------------------------------------------------------------
    @property
    def dominant_eol(self) -> str:
        counts: dict[str, int] = {}
        for eol in self.eols:
            if eol:
                counts[eol] = counts.get(eol, 0) + 1
        return max(counts, key=counts.__getitem__) if counts else "\n"

    def render(self, text: str | None = None) -> bytes:
        """Bytes for ``text`` (default: this source) with this file's BOM and line endings.

        Lines keep their original ending by position; lines beyond the original count get the
        file's dominant ending; the presence or absence of a final newline is kept.
        """
        if text is None:
            text = self.text
        lines = text.split("\n")
        default = self.dominant_eol
        out: list[str] = []
        n_orig = len(self.eols)
        for i, line in enumerate(lines[:-1]):
            eol = self.eols[i] if i < n_orig - 1 and self.eols[i] else default
            out.append(line)
            out.append(eol)
        out.append(lines[-1])
        body = "".join(out)
        if self.bom:
            body = BOM + body
        return body.encode("utf-8")
