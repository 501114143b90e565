"""Presets: a named house style that switches rules on and pins conventions.

By default listlint *infers* a list's conventions and only flags drift from them. A preset
instead imposes one house style: it adds rules to the selection (``extend-select``) and pins
the style conventions the style family would otherwise infer (``[tool.listlint.style]``).

``preset = "awesome"`` in the config, or ``--preset awesome`` on the command line, turns on
the awesome-list house style (see ``docs/awesome-preset.md``). A new preset is one more
:class:`Preset` in :data:`PRESETS`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from listlint.model import Severity

if TYPE_CHECKING:
    from listlint.config import Config


@dataclass(frozen=True, slots=True)
class Preset:
    """What a preset changes: rules it adds and the conventions it pins."""

    name: str
    summary: str
    select: tuple[str, ...]  # selectors added to extend-select (codes, names, families)
    pins: Mapping[str, Mapping[str, Any]]  # family table -> key -> pinned value
    severity: Mapping[str, str]  # rule code -> severity under the preset
    options: Mapping[str, Mapping[str, Any]]  # rule code -> options under the preset


AWESOME = Preset(
    name="awesome",
    summary="The house style of sindresorhus/awesome: what awesome-lint enforces, with fixes.",
    select=("awesome", "toc-out-of-sync"),
    pins=MappingProxyType({
        # awesome-lint wants the marker consistent, not "-": the file's first bullet
        "style": MappingProxyType({
            "marker": "first",
            "separator": " - ",
            "marker-spacing": "1",
            "description-case": "upper",
            "final-punctuation": ".",
            "final-newline": "yes",
        }),
    }),
    # awesome-lint fails a list on these; the style family reports them as info by default
    severity=MappingProxyType({code: "error" for code in (
        "LL501", "LL502", "LL503", "LL504", "LL507", "LL508", "LL514")}),
    # sections an awesome list keeps out of its table of contents (as awesome-lint does)
    options=MappingProxyType({"LL006": MappingProxyType({
        "exclude": ("Contributing", "Footnotes", "Related Lists")})}),
)

PRESETS: dict[str, Preset] = {p.name: p for p in (AWESOME,)}

# awesome-lint's rules (remark-lint rule ids, as ``<!--lint disable ID-->`` names them) and the
# listlint rules that check the same requirement. A remark-lint comment naming one of these
# silences those rules; benchmarks/compare_awesome.py and the parity tests read it too.
AWESOME_LINT_RULES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "awesome-heading": ("LL601",),
    "no-multiple-toplevel-headings": ("LL601",),
    "awesome-badge": ("LL602",),
    "awesome-toc": ("LL603", "LL006"),
    "awesome-license": ("LL604",),
    "awesome-contributing": ("LL605",),
    "awesome-code-of-conduct": ("LL616",),
    "awesome-no-ci-badge": ("LL606",),
    "balanced-punctuation": ("LL607",),
    "no-repeat-item-in-description": ("LL608",),
    "awesome-spell-check": ("LL609",),
    "no-undefined-references": ("LL610",),
    "no-unused-definitions": ("LL611",),
    "no-unneeded-full-reference-link": ("LL618",),
    "no-unneeded-full-reference-image": ("LL618",),
    "final-newline": ("LL514",),
    "awesome-list-item": ("LL502", "LL503", "LL504", "LL507", "LL508", "LL612", "LL614", "LL615",
                          "LL001"),
    "list-item-bullet-indent": ("LL615",),
    "list-item-indent": ("LL502",),
    "unordered-list-marker-style": ("LL501",),
    "double-link": ("LL617", "LL101"),
    "awesome-github": ("LL613",),
})


def get_preset(name: str) -> Preset:
    """The preset called ``name``; :class:`~listlint.config.ConfigError` if there is none."""
    preset = PRESETS.get(name.strip().lower())
    if preset is None:
        from listlint.config import ConfigError

        raise ConfigError(f"unknown preset {name!r} (known: {', '.join(sorted(PRESETS))})")
    return preset


def apply_preset(config: Config, name: str | None = None) -> Config:
    """``config`` with preset ``name`` (default: the config's own ``preset``) applied.

    Returns a new :class:`~listlint.config.Config`; ``config`` is not changed. The preset's
    rules are added to ``extend-select``; its pins replace the defaults of the family tables
    and its severities and rule options apply where the config sets none, while a value the
    user set in the config file is kept.
    Applying the same preset twice changes nothing more.
    """
    name = name or config.preset
    if not name:
        return config
    preset = get_preset(name)
    from listlint.config import FAMILY_TABLES

    extend = list(config.extend_select)
    extend.extend(s for s in preset.select if s not in extend)
    extra = dict(config.extra)
    for table, pins in preset.pins.items():
        defaults = FAMILY_TABLES.get(table, {})
        current = dict(extra.get(table, defaults))
        for key, value in pins.items():
            if key not in current or current[key] == defaults.get(key):
                current[key] = value
        extra[table] = current
    severity = dict(config.severity)
    for code, value in preset.severity.items():
        severity.setdefault(code, Severity.parse(value))
    options = {code: dict(opts) for code, opts in config.rule_options.items()}
    for code, opts in preset.options.items():
        mine = options.setdefault(code, {})
        for key, value in opts.items():
            mine.setdefault(key, list(value) if isinstance(value, tuple) else value)
    return dataclasses.replace(config, preset=preset.name, extend_select=extend, extra=extra,
                               severity=severity, rule_options=options)


def pins(config: Config, table: str) -> dict[str, Any]:
    """The pinned conventions of family ``table`` for ``config`` (preset pins included)."""
    from listlint.config import FAMILY_TABLES

    out: dict[str, Any] = {}
    if config.preset and config.preset in PRESETS:
        out.update(PRESETS[config.preset].pins.get(table, {}))
    defaults = FAMILY_TABLES.get(table, {})
    out.update((k, v) for k, v in config.extra.get(table, {}).items()
               if k not in defaults or v != defaults[k] or k not in out)
    return out
