"""One progress bar for the long runs: ``  checking links [######........] 120/450`` on a
terminal's standard error, redrawn at most ten times a second and wiped when done.

The link pass and the history figures (``report --history``) use it; it is shown only on a
terminal and never when ``CI`` is set, unless a ``--progress/--no-progress`` flag decides.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import IO

WIDTH = 30  # characters of the bar itself


class Progress:
    """A callable ``(done, total)`` that draws ``label [###...] done/total``; safe to call
    from several threads. Call :meth:`close` at the end (it wipes the line)."""

    def __init__(self, label: str = "checking links", stream: IO[str] | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self._last = 0.0
        self._lock = threading.Lock()
        self._drawn = False

    @staticmethod
    def wanted(flag: bool | None, stream: IO[str] | None = None) -> bool:
        """Draw or not: ``flag`` when given, else on a terminal outside CI."""
        if flag is not None:
            return flag
        stream = stream or sys.stderr
        return stream.isatty() and not os.environ.get("CI")

    def __call__(self, done: int, total: int) -> None:
        t = time.monotonic()
        with self._lock:
            if done < total and t - self._last < 0.1:
                return
            self._last = t
            filled = WIDTH * done // max(total, 1)
            self.stream.write(f"\r  {self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] "
                              f"{done}/{total}")
            self.stream.flush()
            self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
