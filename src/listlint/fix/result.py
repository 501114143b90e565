"""What ``fix`` did: the fixed text and how to render it, the rules it skipped, the diff."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from listlint.document import Document
from listlint.model import Diagnostic
from listlint.source import Source


@dataclass(slots=True)
class FixResult:
    source: Source
    text: str  # the fixed normalised text
    applied: list[Diagnostic] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    passes: int = 0
    document: Document | None = None
    #: (title, url) of entries a fix deliberately removed, or whose title or URL it rewrote
    removed: list[tuple[str, str]] = field(default_factory=list)
    rewritten: list[tuple[str, str]] = field(default_factory=list)
    original: Document | None = None  # the document before any fix
    #: rules whose fixes verification rejected (left out; the other fixes were applied)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.source.text

    def render(self) -> bytes:
        """The fixed file's bytes: BOM, final newline (or its absence) and line endings kept.

        In a file with mixed line endings each line keeps its own, even when fixes added,
        removed or moved lines (lines are matched with the original ones); new lines get the
        file's most common ending."""
        src = self.source
        if self.text == src.text or len({e for e in src.eols if e}) <= 1:
            return src.render(self.text)
        import difflib

        old, new = src.text.split("\n"), self.text.split("\n")
        eols: list[str] = [""] * len(new)
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            eols[b:b + size] = src.eols[a:a + size]
        default = src.dominant_eol
        eols = [e or default for e in eols[:-1]] + [""]
        return Source(src.path, self.text, eols, src.bom).render()

@dataclass(frozen=True, slots=True)
class Skipped:
    """A rule whose fixes verification rejected: they were left out, the others applied."""

    code: str
    reason: str

def unified_diff(path: str, before: bytes, after: bytes) -> str:
    """The diff ``fix --diff`` prints: control characters of the file (ESC, BEL, a lone CR)
    shown as escapes, as in every other output, so that the diff shows what the file holds
    and nothing in it acts on the terminal (lines end in ``\\n`` or ``\\r\\n``)."""
    import difflib

    from listlint.report.escape import printable

    a = before.decode("utf-8", "replace").splitlines(keepends=True)
    b = after.decode("utf-8", "replace").splitlines(keepends=True)
    path = printable(path)
    old, new = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    out = []
    for line in difflib.unified_diff(a, b, old, new):
        body = line.rstrip("\r\n")
        end = line[len(body):]
        out.append(printable(body) + ("\r\n" if end == "\r\n" else "\n"))
        if not end:
            out.append("\\ No newline at end of file\n")
    return "".join(out)
