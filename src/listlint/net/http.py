"""Check URLs over HTTP, politely and fast.

One :class:`~listlint.net.client.Client` (urllib3: a connection pool per host, one shared
:class:`ssl.SSLContext`, the environment's proxies, the sites' cookies) is shared by a thread
pool. :class:`HostLimiter` hands each worker the next URL
of a host that has a free slot, so a slow or rate-limited host never holds up the others;
at most ``per_host`` requests are in flight per host, and new checks on a host start at most
one per ``min_interval`` on average. Each URL is asked with ``HEAD`` first and ``GET`` when
``HEAD`` gives anything but 2xx/3xx (405 and 501 also make the host GET-only for the rest of
the run, and so does a HEAD that GET contradicts; once GET has confirmed a few of a host's
negative HEAD answers, its HEAD 4xx stands alone); bodies are never read (``stream=True``,
then close). Transient failures (timeouts, resets, 408, 429, 5xx) are retried with
exponential backoff and jitter; ``Retry-After`` holds the whole host back (beyond
``max_retry_after`` the answer is taken as it is, without waiting). Redirects are followed by
hand, capped, and never to a non-http(s) scheme.

Every check has a total deadline (connecting, the headers and any body bytes read, over all
its attempts and redirects; three times ``timeout`` unless set): ``timeout`` bounds each socket
read only, so a server dripping one byte every half second would otherwise hold a check for
minutes. :mod:`listlint.net.deadline` enforces it; :mod:`listlint.net.limiter` keeps the per-host
limits. An optional run ``budget`` stops starting checks once spent.
"""

from __future__ import annotations

import email.utils
import random
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from urllib3.exceptions import ConnectTimeoutError, HTTPError, NewConnectionError
from urllib3.exceptions import TimeoutError as UrllibTimeout

from listlint import PROJECT_URL, __version__
from listlint.net.client import Client, requote
from listlint.net.deadline import DeadlineExceeded, deadline
from listlint.net.limiter import HostLimiter
from listlint.net.verdict import (
    PERMANENT_REDIRECTS,
    REDIRECTS,
    Status,
    Verdict,
    classify,
    host_of,
    reason,
    url_key,
)

USER_AGENT = f"listlint/{__version__} (link checker; +{PROJECT_URL})"
TRANSIENT_CODES = frozenset({408, 429, 500, 502, 503, 504})
HOST_BACKOFF_CODES = frozenset({429, 503})  # the whole host waits, not only this request
NO_HEAD_CODES = frozenset({405, 501})
HEAD_TRUST = 3  # negative HEAD answers confirmed by GET before a host's HEAD is believed
SMALL_BODY = 16 * 1024  # bodies up to this size are drained so the connection is reused
_DNS_UNKNOWN = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}


@dataclass(frozen=True, slots=True)
class Settings:
    timeout: float = 10.0  # seconds, per attempt (connect and each read)
    deadline: float | None = None  # seconds, per link in all (None: 3 x timeout)
    budget: float | None = None  # seconds for the whole run; then no new check starts
    concurrency: int = 64  # requests in flight overall
    per_host: int = 6  # requests in flight per host (as a browser)
    min_interval: float = 0.04  # seconds between new checks on one host, on average
    retries: int = 2  # extra attempts for transient failures
    backoff: float = 0.5  # first retry delay; doubles, with jitter
    max_backoff: float = 8.0
    max_retry_after: float = 60.0  # a longer Retry-After is not waited for
    max_redirects: int = 10
    accept: frozenset[int] = frozenset()  # extra status codes counted as alive
    user_agent: str = USER_AGENT

    @property
    def link_deadline(self) -> float:
        return self.deadline if self.deadline is not None else 3 * self.timeout


@dataclass(frozen=True, slots=True)
class _Answer:
    code: int
    location: str | None
    challenge: bool
    retry_after: float | None
    cookie: bool = False  # the answer set a cookie


@dataclass(frozen=True, slots=True)
class _Failure:
    detail: str
    transient: bool
    connect_level: bool
    unknown_host: bool = False
    invalid: bool = False
    budget: bool = False  # cut off by the run budget: no verdict


class _BudgetSpent(Exception):
    """The run budget ran out before this check could finish."""


FAILURES = (HTTPError, ValueError, OSError)  # what a request may raise (urllib3 or the socket)


class Checker:
    """Check many URLs; :meth:`check_all` returns one :class:`Verdict` per URL."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.client: Client | None = None
        self._no_head: set[str] = set()
        self._head_agreed: dict[str, int] = {}  # negative HEAD answers GET confirmed, by host
        self._down_hosts: dict[str, _Failure] = {}  # DNS or TCP failures, by host
        self._lock = threading.Lock()
        self.limiter: HostLimiter | None = None
        self.requests_sent = 0
        self.not_checked = 0  # URLs left unchecked when the run budget ran out
        budget = self.settings.budget
        self._budget_end = time.monotonic() + budget if budget is not None else None

    def check_all(self, urls: Iterable[str],
                  on_result: Callable[[Verdict, int, int], None] | None = None
                  ) -> dict[str, Verdict]:
        """Check ``urls`` in parallel; ``on_result(verdict, done, total)`` after each one."""
        todo = list(dict.fromkeys(urls))
        if not todo:
            return {}
        return self.start(todo, on_result).finish()

    def start(self, urls: Iterable[str] = (),
              on_result: Callable[[Verdict, int, int], None] | None = None,
              *, more: bool = False) -> CheckRun:
        """Start checking ``urls`` in the background; with ``more``, the run takes more URLs
        (:meth:`CheckRun.add`) until :meth:`CheckRun.finish`, so that the first requests go
        out while the rest of a list is still being read."""
        return CheckRun(self, list(urls), on_result, more)

    def _budget_left(self) -> float:
        return self._budget_end - time.monotonic() if self._budget_end is not None else 1e9

    # -- one URL ----------------------------------------------------------------------------
    def check(self, url: str, held: list[str] | None = None) -> Verdict:
        """Follow ``url`` through its redirects and classify the final answer."""
        held = held if held is not None else []
        now = time.time()
        current = url
        hops: list[tuple[int, str]] = []
        seen = {url_key(url)}
        revisited: set[str] = set()  # asked again once because a cookie was set
        until = time.monotonic() + min(self.settings.link_deadline, self._budget_left())
        for _ in range(self.settings.max_redirects + 1):
            answer = self._fetch(current, held, until)
            if isinstance(answer, _Failure):
                if answer.budget:
                    raise _BudgetSpent
                status = Status.DEAD if (answer.unknown_host or answer.invalid) else \
                    Status.UNREACHABLE
                detail = answer.detail + (f" at {current} (after {_n(len(hops))})" if hops else "")
                return Verdict(url, status, detail, None, tuple(hops),
                               answer.connect_level and not hops, now)
            if answer.code in REDIRECTS and answer.location is not None and not answer.challenge:
                target = requote(urljoin(current, answer.location))
                hops.append((answer.code, target))
                if urlsplit(target).scheme.lower() not in ("http", "https"):
                    return Verdict(url, Status.UNREACHABLE,
                                   f"{reason(answer.code)} to a non-http(s) URL {target} "
                                   "(not followed)", answer.code, tuple(hops), False, now)
                key = url_key(target)
                if key in seen:
                    if not answer.cookie or key in revisited:
                        return Verdict(url, Status.UNREACHABLE,
                                       f"redirect loop: {_n(len(hops))} back to {target}",
                                       answer.code, tuple(hops), False, now)
                    revisited.add(key)  # the cookie it set may open the page, as in a browser
                seen.add(key)
                current = target
                continue
            status = classify(answer.code, challenge=answer.challenge,
                              accept=self.settings.accept)
            detail = reason(answer.code)
            if answer.challenge:
                detail += ", bot challenge"
            if status is Status.OK and hops and hops[0][0] in PERMANENT_REDIRECTS:
                status = Status.REDIRECTED
            elif hops and status is not Status.OK:
                detail += f" at {current} (after {_n(len(hops))})"
            return Verdict(url, status, detail, answer.code, tuple(hops), False, now)
        return Verdict(url, Status.UNREACHABLE,
                       f"more than {self.settings.max_redirects} redirects", None, tuple(hops),
                       False, now)

    def _fetch(self, url: str, held: list[str], until: float) -> _Answer | _Failure:
        """One URL, no redirect following: HEAD, GET fallback, retries, all before ``until``."""
        s = self.settings
        host = host_of(url)
        use_head = host not in self._no_head
        head_code: int | None = None  # a negative HEAD answer that GET is confirming
        attempt = 0
        while True:
            if host in self._down_hosts:  # an unknown or unreachable host stays so this run
                return self._down_hosts[host]
            if until - time.monotonic() <= 0:
                return describe(self._late(), s.timeout)
            method = "HEAD" if use_head else "GET"
            try:
                answer = self._send(method, url, host, held, until)
            except FAILURES as exc:
                failure = describe(exc, s.timeout)
                if failure.transient and attempt < s.retries:
                    attempt += 1
                    time.sleep(max(0.0, min(self._backoff(attempt), until - time.monotonic())))
                    continue
                if failure.connect_level:
                    self._down_hosts[host] = failure
                    if self.limiter is not None:
                        self.limiter.mark_down(host)
                return failure
            code = answer.code
            if use_head and not 200 <= code < 400 and code != 429 and not answer.challenge:
                if code in NO_HEAD_CODES:
                    with self._lock:
                        self._no_head.add(host)
                elif self._head_trusted(host, code):
                    return answer  # this host's HEAD has told the truth: no GET to confirm
                head_code = code
                use_head = False  # HEAD refused or negative: ask (and confirm) with GET
                continue
            if head_code is not None:
                self._learn_head(host, head_code, code)
                head_code = None
            too_long = answer.retry_after is not None and answer.retry_after > s.max_retry_after
            if code in TRANSIENT_CODES and attempt < s.retries and not answer.challenge and \
                    not too_long:
                attempt += 1
                delay = self._backoff(attempt)
                if answer.retry_after is not None:
                    delay = max(answer.retry_after, 0.0)
                if code in HOST_BACKOFF_CODES and self.limiter is not None:
                    self.limiter.defer(host, delay)
                else:
                    time.sleep(delay)
                continue
            return answer

    def _head_trusted(self, host: str, code: int) -> bool:
        """Whether a negative HEAD answer from ``host`` stands without a GET: only a definite
        client error (not 405/501, not a transient code), once GET has confirmed
        :data:`HEAD_TRUST` negative HEAD answers on this host in this run."""
        if code < 400 or code in TRANSIENT_CODES or code in NO_HEAD_CODES:
            return False
        return self._head_agreed.get(host, 0) >= HEAD_TRUST

    def _learn_head(self, host: str, head: int, get: int) -> None:
        """GET answered after a negative HEAD: count an agreement, or make the host GET-only
        for the rest of the run when its HEAD said otherwise (a HEAD that lies once is
        never asked again: every check on that host would need both requests)."""
        if head in TRANSIENT_CODES:
            return
        with self._lock:
            if head == get:
                self._head_agreed[host] = self._head_agreed.get(host, 0) + 1
            elif get not in TRANSIENT_CODES:
                self._no_head.add(host)
                self._head_agreed.pop(host, None)

    def _late(self) -> DeadlineExceeded:
        """The error for a check out of time: its own deadline, or the run budget."""
        if self._budget_left() <= 0:
            return DeadlineExceeded(self.settings.budget or 0.0, budget=True)
        return DeadlineExceeded(self.settings.link_deadline)

    def _send(self, method: str, url: str, host: str, held: list[str], until: float) -> _Answer:
        client = self.client
        if client is None:
            client = self.client = Client(self.settings.user_agent, self.settings.per_host)
        limiter = self.limiter
        ctx = limiter.slot(host, held) if limiter is not None else _nothing()
        with ctx:
            left = until - time.monotonic()
            if left <= 0:
                raise self._late()
            t = min(self.settings.timeout, left)
            with self._lock:
                self.requests_sent += 1
            with deadline(left) as d:
                try:
                    resp = client.request(method, url, t)
                    if d.expired:  # cut off in the headers: what came is not an answer
                        resp.close()
                        raise self._late()
                    try:
                        headers = resp.headers
                        return _Answer(resp.status, _location(headers.get("Location")),
                                       "cf-mitigated" in headers,
                                       parse_retry_after(headers.get("Retry-After")),
                                       "set-cookie" in headers)
                    finally:
                        _finish(resp, method)
                except FAILURES as exc:
                    if isinstance(exc, DeadlineExceeded):
                        raise
                    if d.expired or until - time.monotonic() <= 0:
                        raise self._late() from exc
                    raise

    def _backoff(self, attempt: int) -> float:
        s = self.settings
        base = min(s.backoff * 2 ** (attempt - 1), s.max_backoff)
        return base * random.uniform(0.5, 1.5)  # noqa: S311 - jitter, not cryptography


class CheckRun:
    """One run of a :class:`Checker`'s thread pool over a queue of URLs (see
    :meth:`Checker.start`)."""

    def __init__(self, checker: Checker, urls: list[str],
                 on_result: Callable[[Verdict, int, int], None] | None, more: bool) -> None:
        settings = checker.settings
        self.checker = checker
        self.on_result = on_result
        self.limiter = limiter = HostLimiter(urls, settings.per_host, settings.min_interval,
                                             more=more)
        checker.limiter = limiter
        if checker.client is None:
            checker.client = Client(settings.user_agent, settings.per_host,
                                    max(len(limiter.hosts), 100 if more else 0))
        self.results: dict[str, Verdict] = {}
        self.added = len(urls)
        self._lock = threading.Lock()
        workers = settings.concurrency if more else \
            min(settings.concurrency, len(urls), len(limiter.hosts) * limiter.limit)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="listlint-link")
        self.futures = [self.pool.submit(self._work) for _ in range(workers)]

    def add(self, url: str) -> None:
        with self._lock:
            self.added += 1
        self.limiter.add(url)

    def finish(self) -> dict[str, Verdict]:
        """Wait for every URL added; their verdicts."""
        self.limiter.close()
        try:
            for f in self.futures:
                f.result()
        except BaseException:
            self.limiter.stop()
            raise
        finally:
            self.pool.shutdown()
        self.checker.not_checked += self.added - len(self.results)
        return self.results

    def _work(self) -> None:
        checker, limiter = self.checker, self.limiter
        while (url := limiter.take()) is not None:
            held = [host_of(url)]
            try:
                if checker._budget_left() <= 0:
                    raise _BudgetSpent
                verdict = checker.check(url, held)
            except _BudgetSpent:
                limiter.stop()
                continue
            except Exception as exc:  # noqa: BLE001 - one bad URL must not stop the run
                verdict = Verdict(url, Status.UNREACHABLE,
                                  f"internal error: {type(exc).__name__}: {exc}",
                                  checked_at=time.time())
            finally:
                if held:
                    limiter.release(held[0])
            with self._lock:
                self.results[url] = verdict
                done, total = len(self.results), self.added
            if self.on_result is not None:
                self.on_result(verdict, done, total)


def _finish(resp: Any, method: str) -> None:
    """Give the connection back for reuse when the body is empty or tiny; else close it
    unread (a 200 MB body costs no more than its first socket buffer)."""
    length = resp.headers.get("Content-Length", "")
    if method == "HEAD" or resp.status in (204, 304) or \
            (length.isdigit() and int(length) <= SMALL_BODY):
        try:
            resp.drain_conn()
            resp.release_conn()
            return
        except Exception:  # noqa: BLE001 - fall back to closing
            pass
    resp.close()
    resp.release_conn()  # a closed connection goes back to its pool, which reconnects it


def _location(value: str | None) -> str | None:
    """A ``Location`` header as its server meant it: the header's bytes are read as Latin-1,
    and most servers send UTF-8."""
    if value is None or value.isascii():
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _n(hops: int) -> str:
    return f"{hops} redirect{'s' if hops != 1 else ''}"


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header: a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²" is a digit to str.isdigit, not to float
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo and len(seen) < 20:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        for nxt in (e.__cause__, e.__context__, getattr(e, "reason", None), *e.args):
            if isinstance(nxt, BaseException):
                todo.append(nxt)


def describe(exc: BaseException, timeout: float) -> _Failure:
    """What went wrong, for the message, and whether a retry may help."""
    if isinstance(exc, DeadlineExceeded):  # out of time: a retry would be too
        return _Failure(str(exc), False, False, budget=exc.budget)
    if isinstance(exc, ValueError):  # urllib3's and requests' invalid URLs are ValueErrors
        return _Failure(f"invalid URL ({exc})", False, False, invalid=True)
    for e in _causes(exc):
        if isinstance(e, socket.gaierror):
            if e.errno in _DNS_UNKNOWN:
                return _Failure("unknown host (DNS lookup failed)", False, True, unknown_host=True)
            return _Failure(f"DNS lookup failed ({e.strerror or e})", True, True)
        if isinstance(e, ConnectionRefusedError):
            return _Failure("connection refused", True, True)
        if isinstance(e, ssl.SSLCertVerificationError):
            return _Failure(f"TLS certificate rejected ({e.verify_message or e})", False, False)
        if isinstance(e, ssl.SSLError):
            return _Failure(f"TLS error ({e.reason or e})", True, False)
        if isinstance(e, OSError) and e.errno in (101, 113):  # ENETUNREACH, EHOSTUNREACH
            return _Failure("network unreachable", True, True)
    causes = list(_causes(exc))  # urllib3's errors, or those requests wrapped them in
    if any(isinstance(e, ConnectTimeoutError) and not isinstance(e, NewConnectionError)
           for e in causes):  # (urllib3 counts every failure to connect as a timeout)
        return _Failure(f"connection timed out after {timeout:g} s", True, True)
    if any(isinstance(e, (UrllibTimeout, socket.timeout)) and
           not isinstance(e, NewConnectionError) for e in causes):
        return _Failure(f"no answer within {timeout:g} s", True, False)
    for e in causes:
        if isinstance(e, (ConnectionResetError, ConnectionAbortedError, BrokenPipeError)) or \
                type(e).__name__ in ("RemoteDisconnected", "ProtocolError", "IncompleteRead"):
            return _Failure("connection reset by the server", True, False)
    return _Failure(f"{type(exc).__name__}: {exc}", True, False)
