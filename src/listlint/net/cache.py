"""The link cache: recent verdicts on disk, so the next run only asks what it must.

:class:`LinkCache` is a JSON file (:class:`~listlint.net.jsoncache.JsonCache`, ``links.json``
in :func:`listlint.net.store.cache_dir` unless ``--cache-file`` says otherwise) mapping each
checked URL to its last verdict, when that verdict expires, and the history of
its last verdicts. An OK or permanently redirected URL is not asked again until it expires
(``max_age``, shortened by a random 0-30 % so that a big list does not expire all at once); a
dead, blocked or unreachable one is kept for ``failure_age`` only (default an hour: long
enough for a second run to cost nothing, short enough that a fixed link is seen soon). The
history (one record per check and URL) lets an unreachable link become an error only after it
kept failing over several runs and days, and gives the "failing since" date. Writes are
atomic; a damaged file is ignored (with one warning), never fatal.
"""

from __future__ import annotations

import dataclasses
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from listlint.net.jsoncache import JsonCache
from listlint.net.verdict import Status, Verdict

VERSION = 1
FILE = "links.json"  # in the cache folder (:func:`listlint.net.store.cache_file`)
HISTORY = 20  # records kept per URL
FORGET_AFTER = 90 * 86400.0  # entries not seen for this long are dropped
TRUSTED = (Status.OK, Status.REDIRECTED)
FAILURE_AGE = 3600.0  # default: how long a dead, blocked or unreachable verdict is kept


def parse_age(text: str) -> float:
    """Seconds from ``"7d"``, ``"12h"``, ``"30m"``, ``"45s"`` or a bare number of days."""
    t = text.strip().lower()
    units = {"d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0}
    try:
        if t and t[-1] in units:
            value = float(t[:-1]) * units[t[-1]]
        else:
            value = float(t) * 86400.0
    except ValueError:
        raise ValueError(f"bad age {text!r} (use e.g. 7d, 12h, 30m or 0)") from None
    if value < 0:
        raise ValueError(f"bad age {text!r}: must not be negative")
    return value


@dataclass(frozen=True, slots=True)
class Streak:
    since: float | None
    runs: int


class LinkCache:
    """Verdicts by URL with expiry and history; :meth:`save` writes it back atomically."""

    def __init__(self, path: Path | None, max_age: float = 3 * 86400.0,
                 failure_age: float = FAILURE_AGE) -> None:
        self.path = path
        self.max_age = max_age
        self.failure_age = failure_age
        self.file = JsonCache(path, "links", VERSION)
        self.entries: dict[str, dict[str, Any]] = self.file.load()
        self.dirty = False

    def fresh(self, url: str, now: float | None = None) -> Verdict | None:
        """The cached verdict for ``url`` unless it is stale: good news older than
        ``max_age`` (or its randomly shortened expiry), a failure older than ``failure_age``.
        A failure comes with its "failing since" streak from the history."""
        entry = self.entries.get(url)
        if not entry or "verdict" not in entry:
            return None
        now = time.time() if now is None else now
        try:
            verdict = Verdict.from_json(entry["verdict"])
            checked = float(entry.get("checked", 0))
            expires = float(entry.get("expires", 0))
        except (KeyError, TypeError, ValueError):
            return None
        if verdict.url != url:
            return None
        if verdict.status in TRUSTED:
            if expires <= now or not 0 <= now - checked < self.max_age:
                return None
        elif not 0 <= now - checked < self.failure_age:  # today's setting, not the writer's
            return None
        if verdict.status.failing:
            s = streak(entry.get("history", []))
            verdict = dataclasses.replace(verdict, failing_since=s.since, failing_runs=s.runs)
        return verdict

    def record(self, verdict: Verdict, now: float | None = None) -> Streak:
        """Remember a fresh verdict; return its current failing streak (with this run)."""
        now = time.time() if now is None else now
        entry = self.entries.setdefault(verdict.url, {})
        history = [h for h in entry.get("history", []) if isinstance(h, list) and len(h) == 2]
        history.append([now, verdict.status.value])
        entry["history"] = history[-HISTORY:]
        entry["verdict"] = verdict.to_json()
        entry["seen"] = entry["checked"] = now
        if verdict.status in TRUSTED:
            entry["expires"] = now + self.max_age * random.uniform(0.7, 1.0)  # noqa: S311
        else:
            entry["expires"] = 0  # kept for failure_age after "checked", whatever it is then
        self.dirty = True
        return streak(entry["history"])

    def touch(self, url: str, now: float | None = None) -> None:
        entry = self.entries.get(url)
        if entry is not None:
            entry["seen"] = time.time() if now is None else now
            self.dirty = True

    def save(self, now: float | None = None) -> None:
        if self.path is None or not self.dirty:
            return
        now = time.time() if now is None else now
        self.file.save({k: v for k, v in self.entries.items()
                        if now - float(v.get("seen", now)) < FORGET_AFTER})
        self.dirty = False


def streak(history: list[list[Any]]) -> Streak:
    """The trailing run of dead/unreachable records: when it began and how many runs."""
    since: float | None = None
    runs = 0
    for record in reversed(history):
        try:
            when, status = record
            failing = Status(status).failing
        except (TypeError, ValueError):
            break
        if not failing:
            break
        since = float(when)
        runs += 1
    return Streak(since, runs)

