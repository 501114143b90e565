"""One small JSON cache file: the link cache and the look-up caches are each one of these.

A :class:`JsonCache` file holds ``{"version": N, "<key>": {name: object, ...}}``.
:meth:`JsonCache.load` gives the mapping: empty when there is no file or it was written by
another version of the format, and empty too, with one line on standard error, when the file
is damaged (not JSON, not that shape, unreadable); the next save replaces it. That holds in
the cache folder only: a file elsewhere (a cache file named by a config or ``--cache-file``)
that is not a listlint cache is somebody's file, and :meth:`JsonCache.load` refuses it
(:class:`NotACache`) before anything runs, so that nothing overwrites a list or a config.
:meth:`JsonCache.save` writes it through the one atomic writer
(:func:`listlint.fsio.write_atomic`). The file's place is the caller's: by default
:func:`listlint.net.store.cache_file` (the one cache folder), and a path from a config file
goes through :func:`listlint.config.config_path`, which refuses one outside the repository
and the cache folder.
"""

from __future__ import annotations

import errno
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class NotACache(OSError):
    """The cache file named is some other file: it is left alone, and the run stops."""


@dataclass(frozen=True, slots=True)
class JsonCache:
    """The JSON file at ``path`` (None: nothing is read or written) whose mapping sits under
    ``key`` in format ``version``."""

    path: Path | None
    key: str
    version: int = 1

    def load(self) -> dict[str, dict[str, Any]]:
        """The cached mapping (entries that are not JSON objects are dropped)."""
        if self.path is None:
            return {}
        try:
            text = self.path.read_text(encoding="utf-8")
            data = json.loads(text) if text.strip() else {"version": self.version}
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError) as exc:
            return self._damaged(getattr(exc, "strerror", None) or str(exc))
        except ValueError:
            return self._damaged("not JSON")
        if not isinstance(data, dict) or "version" not in data \
                or not isinstance(data.get(self.key, {}), dict):
            return self._damaged(f"not a {self.key} cache")
        if data.get("version") != self.version:
            return {}  # another format: started afresh, without a word
        return {k: v for k, v in data.get(self.key, {}).items() if isinstance(v, dict)}

    def save(self, mapping: dict[str, dict[str, Any]]) -> None:
        """Replace the file by ``mapping``, atomically (its folder is made if need be)."""
        if self.path is None:
            return
        from listlint.fsio import write_atomic

        data = json.dumps({"version": self.version, self.key: mapping}, ensure_ascii=False,
                          separators=(",", ":"), sort_keys=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, data.encode("utf-8"))

    def _damaged(self, why: str) -> dict[str, dict[str, Any]]:
        if self.path is not None and not _in_cache_folder(self.path):
            raise NotACache(errno.EEXIST, f"not a listlint cache ({why}), so it is not "
                            "overwritten: name another cache file, or remove this one",
                            str(self.path))
        sys.stderr.write(f"listlint: warning: {self.path}: damaged cache ignored ({why}); "
                         "the next run that saves it starts it afresh\n")
        return {}


def _in_cache_folder(path: Path) -> bool:
    from listlint.net.store import cache_dir

    try:
        return path.resolve().is_relative_to(cache_dir().resolve())
    except OSError:
        return False
