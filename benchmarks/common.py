"""What the benchmark scripts share: the listlint command they time, with its bytecode built.

A timed process must load listlint as an installed copy does, from compiled bytecode. A
checkout run with ``PYTHONDONTWRITEBYTECODE`` set (as some CI images and containers do), or a
``git archive`` of an older ``src``, has none: every process would compile each module again,
about 80 ms of CPU on top of a 0.3 s ``check``. :func:`compiled` writes the bytecode once,
before the first timing (``py_compile`` writes it whatever that variable says).
"""

from __future__ import annotations

import compileall
import shutil
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@cache
def compiled(src: Path) -> Path:
    """``src`` (a folder of Python sources) with the bytecode of every module written."""
    compileall.compile_dir(str(src), quiet=1)
    return src


def listlint_cmd() -> list[str]:
    """The command that runs this checkout's listlint (its console script where installed),
    its bytecode built."""
    compiled(ROOT / "src")
    exe = shutil.which("listlint", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "listlint"]
