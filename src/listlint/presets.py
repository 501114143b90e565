"""Presets: a named house style that switches rules on and pins conventions.

By default listlint *infers* a list's conventions and only flags drift from them. A preset
instead imposes one house style: it adds rules to the selection (``extend-select``) and pins
the style conventions the style family would otherwise infer (``[tool.listlint.style]``).

``preset = "awesome"`` in the config, or ``--preset awesome`` on the command line, turns on
the awesome-list house style (see ``docs/awesome-preset.md``). A new preset is one more
:class:`Preset` in :data:`PRESETS`. This module is data only: the configuration applies a preset
(:func:`listlint.config.apply_preset`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any


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
