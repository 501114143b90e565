"""Fix one file of a run and write it: the one "fix, verify, write" of every command.

:func:`fix_file` lints a :class:`~listlint.lint.FileRun`, applies its verified fixes
(:func:`~listlint.fix.apply.fix_source`) and, when the text changed, writes the file through
:func:`listlint.fsio.write_atomic` with the check that the file is still the one that was read.
:func:`write_fixed` is that write alone (``add`` verifies its own insertions). Nothing is
printed here: the command says what was fixed, skipped (``result.skipped``) or refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from listlint.fix.apply import fix_source
from listlint.fix.result import FixResult
from listlint.fsio import WriteRefused, write_atomic
from listlint.source import Source

if TYPE_CHECKING:
    from listlint.lint import FileRun


@dataclass(frozen=True, slots=True)
class FileFix:
    """What :func:`fix_file` did to one file."""

    result: FixResult  # the fixes applied, the problems that remain, the rules skipped
    source: Source  # the file as it is now: the fixed text once written
    written: bool = False
    refused: WriteRefused | None = None  # the file changed meanwhile: nothing was written


def write_fixed(result: FixResult) -> Source:
    """Write ``result`` over the file it was read from, atomically, refused
    (:class:`~listlint.fsio.WriteRefused`) if the file changed since it was read; the file's
    source as written (its BOM and line endings kept)."""
    src = result.source
    write_atomic(src.path, result.render(), expect=src.stamp)
    return Source(src.path, result.text, src.eols, src.bom)


def fix_file(file: FileRun, *, unsafe: bool = False, write: bool = True) -> FileFix:
    """Apply the verified fixes of ``file`` (unsafe ones too with ``unsafe``) and, with
    ``write`` and a changed text, write the file. A refused write is returned, not raised,
    so that the caller can first say which rules' fixes were skipped."""
    result = fix_source(file.source, file.config, file.rules, unsafe=unsafe, inputs=file.inputs)
    if not (write and result.changed):
        return FileFix(result, file.source)
    try:
        return FileFix(result, write_fixed(result), written=True)
    except WriteRefused as exc:
        return FileFix(result, file.source, refused=exc)
