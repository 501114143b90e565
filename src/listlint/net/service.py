"""A polite client of one web API, and the disk cache of its answers.

:class:`Service` asks one service (Semantic Scholar, DBLP, the arXiv API, Crossref,
OpenReview, GitHub, one web page's host) at that service's own pace: one request per
``interval`` seconds, retried with exponential backoff after a reset or a transient answer
(:data:`listlint.net.http.TRANSIENT_CODES`), ``Retry-After`` read by
:func:`listlint.net.http.parse_retry_after` and honoured up to :data:`MAX_RETRY_AFTER`, each
request within a total deadline and a body limit (:func:`listlint.net.http.fetch` on a
session from :func:`session`). A service that cannot be reached at all is given up at once,
with one line for the user (:attr:`Service.down`). ``listlint venues --lookup``
(:mod:`listlint.net.lookup`) and ``listlint add`` use it.

:class:`LookupCache` keeps the answers on disk: one
:class:`~listlint.net.jsoncache.JsonCache` file in :func:`listlint.net.store.cache_dir` (a
damaged file is ignored with one warning, writes are atomic). Neither imports ``requests``
until a request is made.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from listlint.net.jsoncache import JsonCache

if TYPE_CHECKING:
    import requests

MAX_RETRY_AFTER = 60.0  # a longer Retry-After is waited for this long only
MAX_BODY = 20_000_000
DEADLINE = 60.0  # seconds per request in all: connecting, headers and body
CACHE_VERSION = 1
CACHE_MAX_AGE = 30 * 86400.0


def session(user_agent: str) -> requests.Session:
    """A session whose requests :func:`listlint.net.http.fetch` can cut off at their deadline."""
    import requests

    from listlint.net.session import guard_session

    s = guard_session(requests.Session())
    s.headers["User-Agent"] = user_agent
    return s


@dataclass(slots=True)
class Service:
    """One service: base URL, pace and retries; remembers whether it answered at all."""

    name: str
    base: str
    interval: float
    retries: int = 2
    session: requests.Session | None = None
    sleep: Callable[[float], None] = time.sleep
    _last: float = -1e9
    reached: bool = False
    down: str = ""
    sent: int = 0
    deadline: float = DEADLINE

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response | None:
        """One request, paced; retried on transient answers and resets; None when it keeps
        failing (or the body is over :data:`MAX_BODY`)."""
        if self.down:
            return None
        import requests  # only when a request is made

        from listlint.net.http import TRANSIENT_CODES, describe, parse_retry_after
        from listlint.net.session import fetch

        assert self.session is not None
        url = self.base.rstrip("/") + path
        for attempt in range(self.retries + 1):
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            self._last = time.monotonic()
            self.sent += 1
            try:
                got = fetch(self.session, method, url, seconds=self.deadline, max_body=MAX_BODY,
                            timeout=(10, 30), **kwargs)
            except requests.ConnectionError as exc:
                if not self.reached:
                    self.down = f"{self.name} unreachable ({describe(exc, 10).detail})"
                    return None
                self.sleep(self.interval * (2 ** attempt))
                continue
            except requests.RequestException:
                self.sleep(self.interval * (2 ** attempt))
                continue
            self.reached = True
            if got is None:  # a body over MAX_BODY
                return None
            resp = got[0]
            if resp.status_code in TRANSIENT_CODES:
                delay = parse_retry_after(resp.headers.get("Retry-After"))
                if delay is None:
                    delay = self.interval * (2 ** attempt)
                if attempt < self.retries:
                    self.sleep(min(delay, MAX_RETRY_AFTER))
                continue
            return resp
        return None


class LookupCache:
    """Service answers on disk, each kept ``max_age`` seconds (a damaged file is ignored,
    writes are atomic); ``path=None`` keeps them in memory for this run only."""

    def __init__(self, path: Path | None, max_age: float = CACHE_MAX_AGE) -> None:
        self.path = path
        self.max_age = max_age
        self.file = JsonCache(path, "answers", CACHE_VERSION)
        self.data: dict[str, dict[str, Any]] = self.file.load()
        self.dirty = False

    def get(self, key: str) -> tuple[bool, Any]:
        item = self.data.get(key)
        if not isinstance(item, dict) or time.time() - float(item.get("t", 0)) > self.max_age:
            return False, None
        return True, item.get("v")

    def put(self, key: str, value: Any) -> None:
        self.data[key] = {"t": time.time(), "v": value}
        self.dirty = True

    def save(self) -> None:
        if self.dirty:
            self.file.save(self.data)
