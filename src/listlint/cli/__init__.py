"""The ``listlint`` command line: options in, the run pipeline, a reporter, an exit status.

Exit status: 0 nothing at or above ``--fail-on``; 1 something is; 2 usage or input error.
Each command group is one module here; :mod:`listlint.cli.app` assembles the group.
"""

from __future__ import annotations

from listlint.cli.app import main, tune_gc

__all__ = ["entry", "main"]


def entry() -> None:
    """The console script (``listlint``, ``python -m listlint``): tune the garbage collector
    for one short run, then run the command group. Library users, tests and a host process
    that invokes :func:`main` keep their own collector settings."""
    tune_gc()
    main()
