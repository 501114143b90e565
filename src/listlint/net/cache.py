"""The link cache: recent verdicts on disk, so the next run only asks what it must.

A JSON file (``links.json`` under the user cache folder unless ``--cache-file`` says otherwise)
maps each checked URL to its last verdict, when that verdict expires, and the history of its
last verdicts. Only good news is trusted: an OK or permanently redirected URL is not asked
again until it expires (``max_age``, shortened by a random 0-30 % so that a big list does not
expire all at once); a dead, blocked or unreachable URL is always asked again. The history
(one record per run and URL) lets an unreachable link become an error only after it kept
failing over several runs and days, and gives the "failing since" date. Writes are atomic
(temporary file and ``os.replace``); a damaged file is ignored, never fatal.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from listlint.net.verdict import Status, Verdict

VERSION = 1
HISTORY = 20  # records kept per URL
FORGET_AFTER = 90 * 86400.0  # entries not seen for this long are dropped
TRUSTED = (Status.OK, Status.REDIRECTED)


def default_cache_file() -> Path:
    """``$XDG_CACHE_HOME/listlint/links.json`` (or the platform's cache folder)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "listlint" / "Cache" / "links.json"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "listlint" / "links.json"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "listlint" / "links.json"


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

    def __init__(self, path: Path | None, max_age: float = 3 * 86400.0) -> None:
        self.path = path
        self.max_age = max_age
        self.entries: dict[str, dict[str, Any]] = {}
        self.dirty = False
        if path is not None:
            self._load(path)

    def _load(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("version") == VERSION and \
                isinstance(data.get("links"), dict):
            self.entries = {k: v for k, v in data["links"].items() if isinstance(v, dict)}

    def fresh(self, url: str, now: float | None = None) -> Verdict | None:
        """The cached verdict for ``url`` if it is good news, not expired, younger than max_age."""
        entry = self.entries.get(url)
        if not entry or "verdict" not in entry:
            return None
        now = time.time() if now is None else now
        if float(entry.get("expires", 0)) <= now or \
                now - float(entry.get("checked", 0)) >= self.max_age:
            return None
        try:
            verdict = Verdict.from_json(entry["verdict"])
        except (KeyError, TypeError, ValueError):
            return None
        if verdict.status not in TRUSTED or verdict.url != url:
            return None
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
        if verdict.status in TRUSTED and self.max_age > 0:
            entry["expires"] = now + self.max_age * random.uniform(0.7, 1.0)  # noqa: S311
        else:
            entry["expires"] = 0
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
        links = {k: v for k, v in self.entries.items()
                 if now - float(v.get("seen", now)) < FORGET_AFTER}
        data = json.dumps({"version": VERSION, "links": links}, separators=(",", ":"),
                          sort_keys=True)
        from listlint.fsio import write_atomic

        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, data.encode("utf-8"))
        self.dirty = False


def streak(history: list[list[Any]]) -> Streak:
    """The trailing run of dead/unreachable records: when it began and how many runs."""
    since: float | None = None
    runs = 0
    for when, status in reversed(history):
        try:
            failing = Status(status).failing
        except ValueError:
            break
        if not failing:
            break
        since = float(when)
        runs += 1
    return Streak(since, runs)
