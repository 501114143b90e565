"""Apply fixes: edits are data, one applier applies them, verification guards the file.

:func:`fix_source` (``fix/apply.py``) lints, takes the fixes it may apply (safe, or unsafe too
when asked), applies a non-overlapping set in one linear sweep (``fix/plan.py``), re-lints and
repeats until nothing changes (a bounded number of passes). Any rule family's fixes go through
it. Each pass is proved by :func:`verify_pass` (``fix/verify.py``) before the next: a pass of
formatting-only fixes must leave the rendered HTML identical (the idea of mdformat's
``is_md_equal``); a pass of content fixes must keep every entry it does not target unchanged,
and every entry (title, URL) and every link unless a fix rewrote that title or URL or said it
removes the entry. ``fix_source`` writes nothing: :func:`listlint.fsio.write_atomic` is the
one writer, :func:`fix_file` (``fix/file.py``) is the fix-then-write every command uses, and
:meth:`FixResult.render` (``fix/result.py``) keeps the BOM, each line's ending and
the final newline or its absence.
"""

from __future__ import annotations

from listlint.fix.apply import fix_source
from listlint.fix.file import FileFix, fix_file, write_fixed
from listlint.fix.plan import apply_edits, choose_fixes, fixable, plan_fixes
from listlint.fix.result import FixResult, Skipped, unified_diff
from listlint.fix.verify import (
    VerificationError,
    rendered_equal,
    rendered_tokens_equal,
    verify,
    verify_pass,
)

__all__ = ["FileFix", "FixResult", "Skipped", "VerificationError", "apply_edits", "choose_fixes",
           "fix_file", "fix_source", "fixable", "plan_fixes", "rendered_equal",
           "rendered_tokens_equal", "unified_diff", "verify", "verify_pass", "write_fixed"]
