"""Total deadlines for HTTP requests: connecting, the headers and every body byte read.

A socket timeout bounds each read only, so a server dripping one byte every half second would
hold a request for minutes. :func:`deadline` enforces a total time for any request made in
its block, in this thread, on a connection of :data:`GUARDED_POOLS` (the link checker's
client, :mod:`listlint.net.http`, and every session of :mod:`listlint.net.session` use them):
a watchdog thread shuts the sockets down when time is up. This module needs urllib3 only.
"""

from __future__ import annotations

import heapq
import itertools
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import TimeoutError as _UrllibTimeout


class DeadlineExceeded(_UrllibTimeout):
    """The request did not complete (connect, headers, body read) within its deadline."""

    def __init__(self, seconds: float, budget: bool = False) -> None:
        what = "the run budget" if budget else "the deadline"
        super().__init__(f"no complete answer within {what} of {seconds:g} s")
        self.seconds = seconds
        self.budget = budget


class Deadline:
    """The sockets of the requests made in one :func:`deadline` block, and their end time."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + max(0.0, seconds)
        self.expired = False
        self.done = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if self.expired:
                _shut(sock)
            elif not any(s is sock for s in self._sockets):
                self._sockets.append(sock)

    def expire(self) -> None:
        with self._lock:
            if self.done:
                return
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def close(self) -> None:
        with self._lock:
            self.done = True
            self._sockets.clear()


def _shut(sock: socket.socket) -> None:
    """Wake a thread blocked reading ``sock`` (the plain socket call: TLS state is dropped)."""
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


class _Watchdog:
    """One daemon thread that expires :class:`Deadline` objects in time order."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Deadline]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def add(self, d: Deadline) -> None:
        with self._cond:
            heapq.heappush(self._heap, (d.at, next(self._order), d))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="listlint-deadline",
                                                daemon=True)
                self._thread.start()
            self._cond.notify()

    def _run(self) -> None:
        with self._cond:
            while True:
                while self._heap and self._heap[0][2].done:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._cond.wait()
                    continue
                at, _, d = self._heap[0]
                wait = at - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                heapq.heappop(self._heap)
                d.expire()


_WATCHDOG = _Watchdog()
_current = threading.local()


@contextmanager
def deadline(seconds: float) -> Iterator[Deadline]:
    """Requests made in this block, in this thread, on a guarded connection (see
    :data:`GUARDED_POOLS`) are cut off ``seconds`` from now, wherever they are (connecting,
    waiting for headers, reading the body); check :attr:`Deadline.expired` after an error."""
    d = Deadline(seconds)
    before = getattr(_current, "deadline", None)
    _current.deadline = d
    _WATCHDOG.add(d)
    try:
        yield d
    finally:
        _current.deadline = before
        d.close()


def _watch_current(sock: socket.socket | None) -> None:
    d = getattr(_current, "deadline", None)
    if d is not None:
        d.watch(sock)


class _Guarded(HTTPConnection):
    """What makes a connection's socket join the thread's current :func:`deadline` when used;
    first in the bases of the plain and the TLS connection, so that ``super()`` is the
    connection's own method (borrowing the plain one's methods would call them with a TLS
    connection that is not an instance of their class)."""

    def connect(self) -> None:
        super().connect()
        _watch_current(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        _watch_current(self.sock)
        super().request(*args, **kwargs)


class _GuardedHTTPConnection(_Guarded):
    pass


class _GuardedHTTPSConnection(_Guarded, HTTPSConnection):
    pass


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


GUARDED_POOLS = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}
"""The connection pools whose connections obey :func:`deadline`, for a urllib3 pool manager's
``pool_classes_by_scheme``."""
