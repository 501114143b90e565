"""The network pass: collect the links of some documents, check each once, keep history.

:func:`collect_urls` picks the http(s) links worth checking (not images, not excluded, not in
skipped sections, not documentation hosts such as ``example.com``); :func:`check_urls` checks
them once per link identity (:func:`listlint.linkid.link_identity`: ``http``/``https``,
``www.``, a trailing slash or an arXiv ``abs``/``pdf`` page are one request), through the
cache (only what is stale there is asked; when nothing is, no HTTP client is even
imported), and returns a :class:`LinkReport` whose ``verdicts`` the LL4xx rules read. When nothing
answered at all (every host failed at the DNS or TCP level), a few hosts that answered last
time (from the cache) are asked: if they answer too, the failures are real and reported link
by link; if not (or with no cache, when at least three hosts failed) the report carries one
``down`` message instead, and the history is left untouched.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listlint.config import Config, config_path
from listlint.directives import controls
from listlint.document import Document
from listlint.linkid import link_identity
from listlint.model import Link
from listlint.net import store
from listlint.net.cache import FAILURE_AGE, FILE, LinkCache, parse_age
from listlint.net.verdict import (
    LinkVerdicts,
    Status,
    Verdict,
    host_of,
    is_http,
    site_of,
    url_key,
)

_DOC_HOST = re.compile(
    r"^(?:[^.]+\.)*(?:example\.(?:com|org|net)|example|invalid|localhost|test)$|^localhost$", re.I)
DOWN_MIN_HOSTS = 3  # "the network is down" needs this many distinct hosts that all failed
BREAKER_HOSTS = 8  # stop early once this many hosts failed to connect and none answered


@dataclass(frozen=True, slots=True)
class LinkSettings:
    """Everything the network pass needs besides the URLs (CLI options over config)."""

    http: Any  # listlint.net.http.Settings (kept untyped so this module never imports it)
    cache_file: Path | None = None  # None: no cache
    max_age: float = 3 * 86400.0
    exclude: tuple[str, ...] = ()
    failure_age: float = FAILURE_AGE  # 0: ask every failure again (--recheck-failures)


@dataclass(slots=True)
class LinkReport:
    verdicts: LinkVerdicts = field(default_factory=LinkVerdicts)
    down: str | None = None
    urls: int = 0  # distinct URLs in the documents
    checked: int = 0  # asked over the network this run
    cached: int = 0  # answered from the cache
    requests: int = 0
    elapsed: float = 0.0
    peak_per_host: int = 0
    not_checked: int = 0  # left when the run budget was spent

    def summary(self) -> str:
        if self.down:
            return self.down
        n = self.verdicts.counts()
        parts = [f"{n[s]} {s.value}" for s in Status if n[s] and s is not Status.OK]
        if self.not_checked:
            parts.append(f"{self.not_checked} not checked (run budget spent)")
        return (f"links: {self.urls} checked ({self.cached} from cache, {self.requests} "
                f"requests) in {self.elapsed:.1f} s" + (": " + ", ".join(parts) if parts else
                                                         ": all fine"))


def _seconds(value: Any) -> float | None:
    """A positive number of seconds from the config or the command line (0 or none: unset)."""
    return float(value) if value else None


def settings_from(config: Config, *, timeout: float | None = None,
                  concurrency: int | None = None, accept: Iterable[int] | None = None,
                  exclude: Iterable[str] = (), no_cache: bool = False,
                  cache_file: Path | None = None, max_age: str | None = None,
                  retries: int | None = None, per_host: int | None = None,
                  deadline: float | None = None, budget: float | None = None,
                  recheck_failures: bool = False) -> LinkSettings:
    """Settings from the ``[tool.listlint.links]`` table, overridden by command-line values."""
    from listlint.net.http import Settings

    table = config.extra.get("links", {})
    accepted = list(accept) if accept is not None else list(table.get("accept", []))
    http = Settings(
        timeout=float(timeout if timeout is not None else table.get("timeout", 10.0)),
        deadline=_seconds(deadline if deadline is not None else table.get("deadline")),
        budget=_seconds(budget if budget is not None else table.get("budget")),
        concurrency=max(1, int(concurrency or table.get("concurrency", 64))),
        per_host=max(1, int(per_host or table.get("per-host", 6))),
        min_interval=float(table.get("min-interval", 0.04)),
        retries=max(0, int(retries if retries is not None else table.get("retries", 2))),
        accept=frozenset(int(c) for c in accepted),
    )
    age = parse_age(max_age if max_age is not None else str(table.get("max-age", "3d")))
    failure_age = 0.0 if recheck_failures else \
        parse_age(str(table.get("failure-max-age", "1h")))
    if no_cache:
        path = None
    elif cache_file is not None:
        path = cache_file
    elif table.get("cache-file"):
        path = config_path(config, "[links] cache-file", str(table["cache-file"]),
                           store.cache_dir())
    else:
        path = store.cache_file(FILE)
    patterns = exclude_patterns(config, exclude)
    return LinkSettings(http, path, age, tuple(patterns), failure_age)


def exclude_patterns(config: Config, exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """The URL patterns not to check: the config's ``links.exclude``, then ``--exclude``."""
    patterns = (*config.extra.get("links", {}).get("exclude", []), *exclude)
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"bad --exclude regular expression {p!r}: {exc}") from None
    return patterns


def parse_accept(text: str) -> list[int]:
    """``"200,206,300..399"`` -> status codes."""
    out: list[int] = []
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        lo, sep, hi = part.partition("..")
        try:
            if sep:
                out.extend(range(int(lo), int(hi) + 1))
            else:
                out.append(int(part))
        except ValueError:
            raise ValueError(f"bad status code list {text!r} (use e.g. 200,403 or 200..299)") \
                from None
    return out


def collect_urls(doc: Document, config: Config, exclude: Iterable[str] = ()) -> list[str]:
    """The http(s) links of ``doc`` worth checking, in order, each once (fragment removed)."""
    return list(dict.fromkeys(url_key(link.url.strip())
                              for link in checked_links(doc, config, exclude)))


def checked_links(doc: Document, config: Config, exclude: Iterable[str] = ()) -> Iterator[Link]:
    """Every link of ``doc`` that a link check asks about, in order (``links --list``)."""
    patterns = [re.compile(p) for p in exclude]
    if _disabled_file(doc):
        return
    for link in doc.links:
        if not _asked(link, config, patterns):
            continue
        if config.skip_sections:
            idx = doc.section_at(link.span.start)
            if idx is not None and config.section_skipped(doc.sections[idx].path):
                continue
        yield link


def _asked(link: Link, config: Config, patterns: list[re.Pattern[str]]) -> bool:
    """Is ``link``, whatever its place, one a link check asks about?"""
    url = link.url.strip()
    if link.kind == "image" or not is_http(url):
        return False
    if config.url_ignored(url) or any(p.search(url) for p in patterns):
        return False
    host = site_of(url)
    return bool(host) and not _DOC_HOST.match(host)


def _early(text: str, config: Config, exclude: Iterable[str],
           check: UrlCheck) -> Callable[[list[Link]], None] | None:
    """A ``links_seen`` hook for :func:`~listlint.document.parse` that hands ``check`` each
    link worth asking about as the parse finds it; None when only the whole document can
    tell (a ``listlint-disable-file`` comment anywhere, sections skipped by the config)."""
    if config.skip_sections or "disable-file" in text:
        return None
    patterns = [re.compile(p) for p in exclude]
    fed = 0

    def seen(links: list[Link]) -> None:
        nonlocal fed
        for link in links[fed:]:
            if _asked(link, config, patterns):
                check.add(link.url.strip())
        fed = len(links)

    return seen


def _disabled_file(doc: Document) -> bool:
    """Does a ``listlint-disable-file`` comment switch off every rule, or the links family?"""
    return any(d.kind == "disable-file" and
               (not d.selectors or any(a.upper() in ("LL4", "ALL") or a.lower() == "links"
                                       for a in d.selectors))
               for d in controls(doc))


def check_urls(urls: Iterable[str], settings: LinkSettings, *,
               progress: Callable[[int, int], None] | None = None,
               now: float | None = None) -> LinkReport:
    """Check every URL (once per link identity), through the cache; never raises on HTTP."""
    check = UrlCheck(settings, progress=progress, now=now)
    for url in urls:
        check.add(url)
    return check.finish()


class UrlCheck:
    """:func:`check_urls` for URLs that come one at a time: each is looked up in the cache as
    it comes, and the first one that needs asking starts the requests, so that they go out
    while the rest of a list is still being read. :meth:`finish` waits for the answers."""

    def __init__(self, settings: LinkSettings, *,
                 progress: Callable[[int, int], None] | None = None,
                 now: float | None = None) -> None:
        self.started = time.monotonic()
        self.now = time.time() if now is None else now
        self.settings = settings
        self.cache = LinkCache(settings.cache_file, settings.max_age, settings.failure_age) \
            if settings.cache_file else None
        self.keys: dict[str, None] = {}
        self.groups: dict[str, list[str]] = {}
        self.found: dict[str, Verdict] = {}
        self.todo: list[str] = []
        self.cached = 0
        self.checker = _LazyChecker(settings.http)
        # Stopping early is only safe when hosts known to answer can confirm the outage:
        # without them, a burst of dead domains (DNS fails fast) would look like one.
        can_probe = self.cache is not None and bool(_witnesses(self.cache, {}, 1))
        self.watch = _Watch(self.checker, progress, breaker=can_probe)
        self.run: Any = None  # the requests under way (listlint.net.http.CheckRun)

    def add(self, url: str) -> None:
        key = url_key(url)
        if key in self.keys:
            return
        self.keys[key] = None
        members = self.groups.setdefault(link_identity(key), [])
        members.append(key)
        if len(members) > 1:
            return
        cache = self.cache
        cached = cache.fresh(key, self.now) if cache is not None else None
        if cached is not None:
            self.found[key] = dataclasses.replace(cached, from_cache=True)
            self.cached += 1
            cache.touch(key, self.now)  # type: ignore[union-attr]
            return
        self.todo.append(key)
        if self.run is None:
            self.run = self.checker.start(self.watch)
        self.run.add(key)

    def stop(self) -> None:
        """Give up (the caller failed before :meth:`finish`): no new request starts."""
        if self.run is not None:
            self.run.limiter.stop()
            self.run.finish()

    def finish(self) -> LinkReport:
        report = LinkReport(urls=len(self.keys), cached=self.cached)
        checker, cache, todo, groups = self.checker, self.cache, self.todo, self.groups
        fresh = self.run.finish() if self.run is not None else {}
        down: str | None = None
        if fresh and all(v.connect_failure for v in fresh.values()):
            # Dead domains, or no network? Ask a few hosts that answered last time.
            witnesses = _witnesses(cache, fresh) if cache is not None else []
            if not witnesses:
                down = _network_down(fresh, False)
            elif any(not v.connect_failure for v in checker.check_all(witnesses).values()):
                fresh.update(checker.check_all([u for u in todo if u not in fresh]))
            else:
                down = _network_down(fresh, True, len(witnesses))
        # A redirect is a fact about one spelling: check the group's other spellings too.
        again = [m for members in groups.values() if members[0] in fresh and
                 fresh[members[0]].status is Status.REDIRECTED for m in members[1:]]
        if again:
            fresh.update(checker.check_all(again))
        report.checked = len(fresh)
        report.requests = checker.requests_sent
        report.not_checked = checker.not_checked
        report.peak_per_host = checker.peak_per_host
        if down:
            report.down = down
        else:
            self._record(fresh, report)
        report.elapsed = time.monotonic() - self.started
        return report

    def _record(self, fresh: dict[str, Verdict], report: LinkReport) -> None:
        """The verdicts of every URL into ``report``, the new ones into the cache."""
        cache, found, now = self.cache, self.found, self.now
        for url, verdict in fresh.items():
            if cache is not None:
                s = cache.record(verdict, now)
                verdict = dataclasses.replace(verdict, failing_since=s.since,
                                              failing_runs=s.runs, checked_at=now)
            found[url] = verdict
        by_url: dict[str, Verdict] = {}
        for members in self.groups.values():
            rep = found.get(members[0])
            if rep is None:
                continue
            for m in members:
                by_url[m] = found.get(m) or dataclasses.replace(rep, url=m)
        report.verdicts = LinkVerdicts(by_url)
        if cache is not None:
            try:
                cache.save(now)
            except OSError as exc:
                print(f"listlint: warning: cannot write the link cache {cache.path}: "
                      f"{exc.strerror or exc}", file=sys.stderr)


class _LazyChecker:
    """A :class:`listlint.net.http.Checker` made on first use: a run whose every link is fresh
    in the cache never imports an HTTP client (about a third of a warm run's time)."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self.checker: Any = None

    @property
    def limiter(self) -> Any:
        return self.checker.limiter if self.checker is not None else None

    @property
    def requests_sent(self) -> int:
        return self.checker.requests_sent if self.checker is not None else 0

    @property
    def not_checked(self) -> int:
        return self.checker.not_checked if self.checker is not None else 0

    @property
    def peak_per_host(self) -> int:
        limiter = self.limiter
        return max(limiter.peak.values(), default=0) if limiter is not None else 0

    def check_all(self, urls: list[str], on_result: Any = None) -> dict[str, Verdict]:
        if not urls:
            return {}
        return self._made().check_all(urls, on_result)

    def start(self, on_result: Any = None) -> Any:
        """A run that takes URLs as they come (``listlint.net.http.CheckRun``)."""
        return self._made().start(on_result=on_result, more=True)

    def _made(self) -> Any:
        if self.checker is None:
            from listlint.net.http import Checker

            self.checker = Checker(self.settings)
        return self.checker


class _Watch:
    """Per-result hook: progress, and an early stop when hosts fail to connect and none answer."""

    def __init__(self, checker: Any, progress: Callable[[int, int], None] | None,
                 breaker: bool = True) -> None:
        self.checker = checker
        self.progress = progress
        self.breaker = breaker
        self.failed_hosts: set[str] = set()
        self.answered = False
        self.tripped = False
        self._lock = threading.Lock()

    def __call__(self, verdict: Verdict, done: int, total: int) -> None:
        with self._lock:
            if not verdict.connect_failure:
                self.answered = True
            elif self.breaker and not self.answered and not self.tripped:
                self.failed_hosts.add(host_of(verdict.url))
                if len(self.failed_hosts) >= BREAKER_HOSTS and self.checker.limiter is not None:
                    self.tripped = True
                    self.checker.limiter.stop()
        if self.progress is not None:
            self.progress(done, total)


def _witnesses(cache: LinkCache, failed: dict[str, Verdict], n: int = 3) -> list[str]:
    """Up to ``n`` URLs that were fine last time, on distinct hosts that did not just fail."""
    hosts = {host_of(u) for u in failed}
    out: dict[str, str] = {}
    for url, entry in cache.entries.items():
        verdict = entry.get("verdict")
        host = host_of(url)
        if isinstance(verdict, dict) and verdict.get("status") == Status.OK.value and \
                host not in hosts and host not in out:
            out[host] = url
            if len(out) == n:
                break
    return list(out.values())


def _network_down(fresh: dict[str, Verdict], sure: bool, witnesses: int = 0) -> str | None:
    """The one message for "nothing answered", or None when it may be a few dead hosts."""
    hosts = {host_of(v.url) for v in fresh.values()}
    if len(hosts) < DOWN_MIN_HOSTS and not sure:
        return None
    sample = next(iter(fresh.values()))
    tried = len(hosts) + witnesses
    return (f"network unreachable: none of the {tried} hosts tried answered "
            f"(e.g. {host_of(sample.url)}: {sample.detail}); no link was judged. "
            "Check the connection or proxy settings and run again.")


def link_pass(sources: Iterable[tuple[Any, Config]], settings: LinkSettings, *,
              progress: Callable[[int, int], None] | None = None
              ) -> tuple[LinkReport, list[Document]]:
    """Parse each (source, config), collect its links, check them all together: the first
    requests go out while the files are still being read."""
    from listlint.document import parse

    docs: list[Document] = []
    check = UrlCheck(settings, progress=progress)
    try:
        for source, config in sources:
            doc = parse(source, links_seen=_early(source.text, config, settings.exclude, check))
            docs.append(doc)
            for url in collect_urls(doc, config, settings.exclude):
                check.add(url)
    except BaseException:
        check.stop()
        raise
    return check.finish(), docs
