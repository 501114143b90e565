"""Per-host politeness for a pool of workers: at most ``per_host`` requests in flight per
host, new checks on a host spaced ``min_interval`` apart on average, and ``Retry-After``
holding the whole host back (:meth:`HostLimiter.defer`)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from listlint.net.verdict import host_of


class HostLimiter:
    """Per-host slots and spacing, plus the queue of URLs still to check, under one lock.

    At most ``limit`` requests are in flight per host. New link checks on a host start at
    most one per ``interval`` on average (a token bucket of ``limit`` starts, as GCRA: one
    timestamp per host); a check's own follow-ups (the GET after a HEAD, a redirect hop)
    go at once, as a browser's would, within the limit. :meth:`defer` (Retry-After, a 429)
    holds back everything on the host.
    """

    def __init__(self, urls: Iterable[str], limit: int, interval: float, *,
                 more: bool = False) -> None:
        self.limit = max(1, limit)
        self.interval = max(0.0, interval)
        self._burst = (self.limit - 1) * self.interval
        lock = threading.Lock()
        self._cond = threading.Condition(lock)  # follow-ups waiting for a slot on their host
        self._turns = threading.Condition(lock)  # idle workers waiting for the next URL
        self._timer = False  # an idle worker sleeps until the next host is due
        self._down: set[str] = set()  # hosts that failed to connect: no more requests
        self._active: dict[str, int] = {}
        self._not_before: dict[str, float] = {}  # spacing of new link checks
        self._deferred: dict[str, float] = {}  # Retry-After: nothing starts before
        self._queues: dict[str, deque[str]] = {}
        for url in urls:
            self._queues.setdefault(host_of(url), deque()).append(url)
        self._ring = deque(self._queues)  # hosts with URLs left, in turn order
        self.hosts = list(self._queues)
        self._hosts = set(self.hosts)
        self.more = more  # URLs may still come (:meth:`add`) until :meth:`close`
        self.stopped = False
        self.peak: dict[str, int] = {}

    def _grab(self, host: str, now: float, spaced: bool = True) -> None:
        n = self._active.get(host, 0) + 1
        self._active[host] = n
        self.peak[host] = max(self.peak.get(host, 0), n)
        if spaced and host not in self._down:  # GCRA: the next start moves one interval on
            self._not_before[host] = max(self._not_before.get(host, 0.0), now) + self.interval

    def _wait_for(self, host: str, now: float, spaced: bool = True) -> float | None:
        """0 if ``host`` can start a request now, else seconds to wait (None: a slot frees)."""
        if host in self._down:
            return 0.0  # its checks make no request: they reuse the host's failure
        if self._active.get(host, 0) >= self.limit:
            return None
        until = self._deferred.get(host, 0.0)
        if spaced:  # a burst of ``limit`` starts, then one per interval on average
            until = max(until, self._not_before.get(host, 0.0) - self._burst)
        return max(0.0, until - now)

    def take(self) -> str | None:
        """The next URL whose host can take a request now, its slot already held.

        Hosts with URLs left form a ring; the first ready one from the current position
        wins and goes to the back, so hosts take turns and a busy host costs one look. Idle
        workers queue up: one of them sleeps until the next host is due, the others until a
        turn is handed on (a slot freed, or a URL taken), so they do not all wake together.
        """
        with self._cond:
            while True:
                if self.stopped or not (self._ring or self.more):
                    return None
                now = time.monotonic()
                wait: float | None = None
                for _ in range(len(self._ring)):
                    host = self._ring[0]
                    self._ring.rotate(-1)
                    w = self._wait_for(host, now)
                    if w == 0.0:
                        queue = self._queues[host]
                        url = queue.popleft()
                        if not queue:
                            del self._queues[host]
                            self._ring.pop()  # it went to the back just now
                            if not self._ring and not self.more:
                                self._turns.notify_all()  # nothing left: let them all go
                        self._grab(host, now)
                        self._turns.notify()  # the next idle worker may find another host
                        return url
                    if w is not None:
                        wait = w if wait is None else min(wait, w)
                if wait is not None and not self._timer:
                    self._timer = True
                    try:
                        self._turns.wait(wait)
                    finally:
                        self._timer = False
                else:
                    self._turns.wait()

    def add(self, url: str) -> None:
        """Queue one more URL (the limiter was made with ``more=True``)."""
        host = host_of(url)
        with self._cond:
            queue = self._queues.get(host)
            if queue is None:
                queue = self._queues[host] = deque()
                self._ring.append(host)
                if host not in self._hosts:
                    self._hosts.add(host)
                    self.hosts.append(host)
            queue.append(url)
            self._turns.notify()

    def close(self) -> None:
        """No more URLs will come: idle workers end once the queues are empty."""
        with self._cond:
            self.more = False
            self._turns.notify_all()

    def acquire(self, host: str) -> None:
        """A slot for a follow-up request of a check under way (GET after HEAD, a redirect
        hop, a retry): within the per-host limit and any Retry-After, but not spaced."""
        with self._cond:
            while True:
                now = time.monotonic()
                w = self._wait_for(host, now, spaced=False)
                if w == 0.0:
                    self._grab(host, now, spaced=False)
                    return
                self._cond.wait(w)

    def release(self, host: str) -> None:
        """Free a slot: wake the follow-ups and one worker waiting for its turn (a freed slot
        is one new start; waking every worker for it would cost more than the requests)."""
        with self._cond:
            self._active[host] -= 1
            self._cond.notify_all()
            self._turns.notify()

    def defer(self, host: str, seconds: float) -> None:
        """Start nothing on ``host`` for ``seconds`` (a Retry-After or a 429 backoff)."""
        with self._cond:
            until = time.monotonic() + seconds
            self._deferred[host] = max(self._deferred.get(host, 0.0), until)
            self._cond.notify_all()

    def mark_down(self, host: str) -> None:
        """``host`` failed at the DNS or TCP level: hand its URLs out without waiting."""
        with self._cond:
            self._down.add(host)
            self._turns.notify_all()

    def stop(self) -> None:
        with self._cond:
            self.stopped = True
            self._cond.notify_all()
            self._turns.notify_all()

    @contextmanager
    def slot(self, host: str, held: list[str]) -> Iterator[None]:
        """Hold a slot on ``host`` for one request; ``held`` is a reservation from :meth:`take`."""
        if held and held[0] == host:
            held.clear()
        else:
            if held:
                self.release(held.pop())
            self.acquire(host)
        try:
            yield
        finally:
            self.release(host)
