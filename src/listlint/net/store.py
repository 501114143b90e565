"""Where listlint's caches live, and a shelf of files built from some input.

:func:`cache_dir` is the one folder of every cache (``$LISTLINT_CACHE_DIR``, else the
platform's user cache folder from ``platformdirs``): the English word list, the link cache
(:mod:`listlint.net.cache`), the venue and metadata look-ups; :func:`cache_file` names a file
in it. This module imports nothing from the network
code, so the offline check can use it.

:class:`Shelf` keeps files built from some input (the word list built from an installed
dictionary) under a key derived from the input's content, several at once: two installs with
different copies of the input each find their own entry and never rebuild each other's.
Entries are evicted by idle time, count and total size, least recently used first, and an
entry used within :attr:`Shelf.in_use` is never evicted.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

CACHE_ENV = "LISTLINT_CACHE_DIR"


def cache_dir() -> Path:
    """The folder of every listlint cache: ``$LISTLINT_CACHE_DIR`` if set, else the user cache
    folder (``$XDG_CACHE_HOME/listlint`` or ``~/.cache/listlint`` on Linux,
    ``~/Library/Caches/listlint`` on macOS, ``%LOCALAPPDATA%\\listlint\\Cache`` on Windows)."""
    env = os.environ.get(CACHE_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("listlint", appauthor=False))


def cache_file(name: str) -> Path:
    """The cache file ``name`` (``links.json``, ``venues.json``, ``metadata.json``) in
    :func:`cache_dir`: the default place of every JSON cache (:mod:`listlint.net.jsoncache`)."""
    return cache_dir() / name


def write_quietly(path: Path, data: bytes) -> bool:
    """Write a cache file with the one atomic writer (:func:`listlint.fsio.write_atomic`); a
    cache that cannot be written is simply not kept (False)."""
    from listlint.fsio import WriteRefused, write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
        return True
    except (OSError, WriteRefused):
        return False


def content_key(path: Path, size: int = 16) -> str | None:
    """A short hash of the file's bytes (None if it cannot be read): the same content gives
    the same key whoever installed it and whenever."""
    import hashlib

    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=size).hexdigest()
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class Shelf:
    """Cache files ``<prefix><key><suffix>`` in ``folder``, several kept at once.

    An entry's modification time is its last use (refreshed at most every ``touch_every``
    seconds, so a hit costs one ``stat``). After each :meth:`put`, entries idle for longer
    than ``max_idle`` go, then the least recently used ones while there are more than
    ``max_entries`` or they weigh more than ``max_bytes``, except the one just written and
    any used within ``in_use``: those may belong to another install that is running now.
    """

    folder: Path
    prefix: str
    suffix: str
    max_entries: int = 6
    max_bytes: int = 128 * 1024 * 1024
    max_idle: float = 30 * 86400.0
    in_use: float = 86400.0
    touch_every: float = 3600.0

    def path(self, key: str) -> Path:
        return self.folder / f"{self.prefix}{key}{self.suffix}"

    def get(self, key: str, now: float | None = None) -> Path | None:
        """The entry's path if it exists (marking it used), else None."""
        path = self.path(key)
        try:
            mtime = path.stat().st_mtime
        except OSError:
            return None
        now = time.time() if now is None else now
        if now - mtime > self.touch_every:
            try:
                os.utime(path, (now, now))
            except OSError:
                pass  # a read-only cache still serves
        return path

    def put(self, key: str, data: bytes, now: float | None = None) -> Path | None:
        """Store ``data`` under ``key`` and evict what is too old or too much."""
        path = self.path(key)
        if not write_quietly(path, data):
            return None
        self.evict(keep=path, now=now)
        return path

    def entries(self) -> list[tuple[float, int, Path]]:
        """``(last use, size, path)`` of each entry, least recently used first."""
        out: list[tuple[float, int, Path]] = []
        try:
            for path in self.folder.glob(f"{self.prefix}*{self.suffix}"):
                try:
                    st = path.stat()
                except OSError:
                    continue
                out.append((st.st_mtime, st.st_size, path))
        except OSError:
            return []
        return sorted(out)

    def evict(self, keep: Path | None = None, now: float | None = None) -> list[Path]:
        """Remove idle and surplus entries (never ``keep`` nor one in use); return them."""
        now = time.time() if now is None else now
        entries = self.entries()
        count = len(entries)
        total = sum(size for _, size, _ in entries)
        gone: list[Path] = []
        for used, size, path in entries:
            if path == keep or now - used < self.in_use:
                continue
            surplus = count > self.max_entries or total > self.max_bytes
            if now - used <= self.max_idle and not surplus:
                continue
            try:
                path.unlink()
            except OSError:
                continue  # gone already, or open elsewhere (Windows): try again next time
            gone.append(path)
            count -= 1
            total -= size
        return gone


def cache_report(files: dict[str, Path], current: Path | None = None,
                 shelves: tuple[Shelf, ...] = (), now: float | None = None) -> list[str]:
    """Lines for ``listlint --version --verbose``: the cache folder, each cache file with its
    size, and each shelf entry with its size and last use (``current``: this install's)."""
    now = time.time() if now is None else now
    where = cache_dir()
    how = f"${CACHE_ENV}" if os.environ.get(CACHE_ENV, "").strip() else "user cache folder"
    lines = [f"caches: {where} ({how}; set {CACHE_ENV} to move them)"]
    for name, path in files.items():
        try:
            shown = _size(path.stat().st_size)
        except OSError:
            shown = "not written yet"
        lines.append(f"  {name}: {path} ({shown})")
    for shelf in shelves:
        entries = shelf.entries()
        total = sum(size for _, size, _ in entries)
        pattern = shelf.folder / f"{shelf.prefix}*{shelf.suffix}"
        lines.append(f"  {pattern}: {len(entries)} kept ({_size(total)}; "
                     f"at most {shelf.max_entries}, evicted after {shelf.max_idle / 86400:g} "
                     "days unused)")
        for used, size, path in reversed(entries):
            mark = ", this install's" if path == current else ""
            lines.append(f"    {path.name} ({_size(size)}, used {_ago(now - used)}{mark})")
    return lines


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} MB"


def _ago(seconds: float) -> str:
    if seconds < 3600:
        return "within the hour"
    if seconds < 86400:
        return f"{seconds / 3600:.0f} h ago"
    return f"{seconds / 86400:.0f} days ago"
