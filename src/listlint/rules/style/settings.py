"""The ``[tool.listlint.style]`` table: its keys, their defaults and their validation.

Every convention is ``"auto"`` (inferred from the list by :mod:`listlint.rules.style.inference`)
by default; a preset or the user pins a value or turns it ``"off"``. Importing this module
registers the table with :mod:`listlint.config`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from listlint.config import ConfigError, register_family_table
from listlint.entry_text import separator_kind

if TYPE_CHECKING:
    from listlint.config import Config

AUTO = "auto"
OFF = "off"

#: Keys of ``[tool.listlint.style]`` and their defaults. Every convention is ``"auto"``
#: (inferred) by default; a preset or the user pins a value or turns it ``"off"``.
STYLE_DEFAULTS: dict[str, Any] = {
    "threshold": 0.8,
    "min-entries": 5,
    "marker": AUTO,
    "marker-spacing": AUTO,
    "checkbox": AUTO,
    "checked-mark": AUTO,
    "separator": AUTO,
    "separator-spacing": AUTO,
    "description-case": AUTO,
    "final-punctuation": AUTO,
    "title-emphasis": AUTO,
    "indent": AUTO,
    "list-spacing": AUTO,
    "trailing-whitespace": AUTO,
    "hard-break": AUTO,
    "final-newline": AUTO,
    "order": AUTO,
}

#: Allowed values of each key besides "auto" and "off" (None: any string, checked by a function).
_CHOICES: dict[str, tuple[str, ...] | None] = {
    "marker": ("-", "*", "+", "first"),  # first: the bullet the file starts with (awesome-lint)
    "marker-spacing": ("1", "2", "3", "4"),
    "checkbox": ("always", "never"),
    "checked-mark": ("x", "X"),
    "separator": None,
    "separator-spacing": (),
    "description-case": ("upper", "lower"),
    "final-punctuation": (".", "none"),
    "title-emphasis": ("none", "**", "__", "*", "_"),
    "indent": ("1", "2", "3", "4", "5", "6"),
    "list-spacing": ("tight", "loose"),
    "trailing-whitespace": ("remove",),
    "hard-break": ("spaces", "backslash"),
    "final-newline": ("yes", "no"),
    "order": ("alphabetical",),
}



@dataclass(frozen=True, slots=True)
class StyleSettings:
    """The validated ``[tool.listlint.style]`` table."""

    values: dict[str, str]
    threshold: float
    min_entries: int
    preset: str | None = None  # the preset applied, whose pins a message names as such

    def get(self, key: str) -> str:
        return self.values[key]

    def pinned(self, key: str) -> bool:
        return self.values[key] not in (AUTO, OFF)

    def off(self, key: str) -> bool:
        return self.values[key] == OFF


def validate(table: dict[str, Any], fail: Callable[[str, str], Exception]) -> StyleSettings:
    """Check a style table; ``fail(key, message)`` makes the exception to raise."""
    table = {**STYLE_DEFAULTS, **table}
    threshold = table["threshold"]
    if not 0.5 < float(threshold) <= 1.0:
        raise fail("threshold", f"must be above 0.5 and at most 1.0, got {threshold!r}")
    min_entries = int(table["min-entries"])
    if min_entries < 2:
        raise fail("min-entries", f"must be at least 2, got {min_entries!r}")
    values: dict[str, str] = {}
    for key, choices in _CHOICES.items():
        value = str(table[key])
        if value in (AUTO, OFF):
            values[key] = value
            continue
        if key == "separator":
            if separator_kind(value) is None:
                raise fail(key, f"unknown separator {value!r} (e.g. ' - ', ': ', ' — ', ' | ')")
        elif choices is not None and value not in choices:
            allowed = ", ".join(repr(c) for c in (AUTO, OFF, *choices))
            raise fail(key, f"bad value {value!r} (use {allowed})")
        values[key] = value
    return StyleSettings(values, float(threshold), min_entries)


def settings(config: Config) -> StyleSettings:
    """The validated style table of ``config`` (raises :class:`ConfigError`)."""
    where = str(config.path) if config.path else "config"
    st = validate(config.extra.get("style", {}),
                  lambda key, msg: ConfigError(f"{where}: tool.listlint.style.{key}: {msg}"))
    return dataclasses.replace(st, preset=config.preset) if config.preset else st


register_family_table("style", STYLE_DEFAULTS, validate)
