"""``[tool.listlint.venues]``: its defaults, its validation and the settings it gives.

The table is registered with the config on import, so a config naming it is validated here.
Environment variables override the look-up services' URLs (``LISTLINT_SEMANTIC_SCHOLAR_URL``,
``LISTLINT_DBLP_URL``, ``LISTLINT_ARXIV_URL``), so tests run against a server on 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from listlint.config import ConfigError, register_family_table
from listlint.venue.table import VenueTable, load_table

if TYPE_CHECKING:
    from listlint.config import Config

VENUE_DEFAULTS: dict[str, Any] = {
    "enabled": "auto",  # auto | on | off
    "min-entries": 5,  # auto: at least this many entries name a venue in their text
    "extra": {},  # canonical name -> [aliases] or {aliases, variants, kind, dblp, position}
    "keep-old-names": False,  # NIPS'15 and SysML'19 stay as written
    "accept": [],  # the list's own spellings of venues, never reported (["Arxiv", "NIPS"])
    "write-missing": False,  # LL304's fix (add the venue the URL implies) counts as safe
    "semantic-scholar-url": "https://api.semanticscholar.org",
    "dblp-url": "https://dblp.org",
    "arxiv-url": "http://export.arxiv.org",
    "intervals": {},  # seconds between requests per service: semantic-scholar, dblp, arxiv
    "retries": 2,
}
register_family_table("venues", VENUE_DEFAULTS)

ENABLED_VALUES = ("auto", "on", "off")


@dataclass(frozen=True, slots=True)
class VenueSettings:
    """The validated ``[tool.listlint.venues]`` table; ``urls`` and ``intervals`` are the
    look-up services' (``semantic-scholar``, ``dblp``, ``arxiv``)."""

    enabled: str = "auto"
    min_entries: int = 5
    keep_old_names: bool = False
    write_missing: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)
    urls: Mapping[str, str] = field(default_factory=dict)
    intervals: Mapping[str, float] = field(default_factory=dict)
    retries: int = 2
    accept: frozenset[str] = frozenset()

    @property
    def table(self) -> VenueTable:
        """The built-in venues with ``extra`` merged in (built once per ``extra``)."""
        return load_table(self.extra)


def venue_settings(config: Config) -> VenueSettings:
    """``[tool.listlint.venues]`` validated; environment variables override the service URLs."""
    import os

    opts = {**VENUE_DEFAULTS, **config.extra.get("venues", {})}
    where = f"{config.path or 'config'}: tool.listlint.venues"
    enabled = str(opts["enabled"]).lower()
    if enabled in ("true", "always"):
        enabled = "on"
    if enabled in ("false", "never"):
        enabled = "off"
    if enabled not in ENABLED_VALUES:
        raise ConfigError(f"{where}.enabled: {opts['enabled']!r} is not one of auto, on, off")
    extra = opts["extra"] or {}
    for name, value in extra.items():
        if not isinstance(value, (list, str, dict)):
            raise ConfigError(f"{where}.extra.{name}: give a list of aliases or a table")
    intervals = opts["intervals"] or {}
    for name, value in intervals.items():
        if name not in ("semantic-scholar", "dblp", "arxiv") or not isinstance(value, (int, float)):
            raise ConfigError(f"{where}.intervals.{name}: expected semantic-scholar, dblp or "
                              "arxiv = seconds")
    urls = {
        "semantic-scholar": os.environ.get("LISTLINT_SEMANTIC_SCHOLAR_URL")
        or str(opts["semantic-scholar-url"]),
        "dblp": os.environ.get("LISTLINT_DBLP_URL") or str(opts["dblp-url"]),
        "arxiv": os.environ.get("LISTLINT_ARXIV_URL") or str(opts["arxiv-url"]),
    }
    accept = opts["accept"] or []
    if isinstance(accept, str) or not all(isinstance(a, str) for a in accept):
        raise ConfigError(f"{where}.accept: give a list of venue spellings, e.g. [\"Arxiv\"]")
    return VenueSettings(enabled, int(opts["min-entries"]), bool(opts["keep-old-names"]),
                         bool(opts["write-missing"]), extra, urls,
                         {k: float(v) for k, v in intervals.items()}, int(opts["retries"]),
                         frozenset(accept))
