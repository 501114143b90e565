"""Run an independent group of rules in a forked worker while the rest run here.

On a machine with more than one core, the costliest independent family (spelling: prose scan,
word lists, a dictionary subprocess) runs in a child process forked *after* parsing, so it
shares the parsed document for free; its diagnostics come back pickled through a pipe. Any
trouble (no ``fork``, other threads running, a worker that fails) falls back to running the
group in this process, so results never depend on whether the worker was used.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

MIN_TEXT = 40_000  # below this a fork costs more than it saves


def can_fork(size: int) -> bool:
    return (
        sys.platform == "linux"
        and hasattr(os, "fork")
        and size >= MIN_TEXT
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1  # forking with threads running is unsafe
        and not os.environ.get("LISTLINT_NO_FORK")
    )


class Worker(Generic[T]):
    """``Worker(job)`` starts ``job()`` in a forked child; ``result()`` returns its value."""

    def __init__(self, job: Callable[[], T]) -> None:
        self.job = job
        self.pid = -1
        self.fd = -1
        read, write = os.pipe()
        gc.freeze()  # the parsed document stays out of both processes' collections: no
        # collector pass in the child writes to (and so copies) the pages they share
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: compute, send, leave without running any cleanup
            code = 1
            gc.disable()  # a short-lived child: reference counting frees what it needs freed
            try:
                os.close(read)
                data = pickle.dumps(job(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self.pid, self.fd = pid, read

    @property
    def forked(self) -> bool:
        """Is the job running in a child (False: :meth:`result` will run it here)?"""
        return self.pid > 0

    def result(self) -> T:
        if self.pid < 0:
            return self.job()
        with os.fdopen(self.fd, "rb") as src:
            data = src.read()
        _, status = os.waitpid(self.pid, 0)
        if status == 0 and data:
            try:
                return pickle.loads(data)  # type: ignore[no-any-return]  # pickle is untyped
            except Exception:  # noqa: BLE001 - fall back to computing it here
                pass
        return self.job()
