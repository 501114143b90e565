"""The style family (LL5xx): an entry that departs from the list's own dominant convention.

Each rule asks what the list does (:mod:`~listlint.rules.style.inference`, per section and
per file) or what ``[tool.listlint.style]`` pins (:mod:`~listlint.rules.style.settings`) and
reports the entries that do otherwise, with the evidence and a fix. Fixes marked
``formatting`` leave the rendered page identical, which ``listlint fix`` proves before writing.

The rules live in one module per topic: :mod:`~listlint.rules.style.markers` (LL501, LL502,
LL510), :mod:`~listlint.rules.style.separators` (LL503, LL504),
:mod:`~listlint.rules.style.checkbox` (LL505, LL506), :mod:`~listlint.rules.style.descriptions`
(LL507, LL508), :mod:`~listlint.rules.style.titles` (LL509),
:mod:`~listlint.rules.style.whitespace` (LL511 to LL514) and :mod:`~listlint.rules.style.order`
(LL515). Importing this package registers all of them.
"""

from __future__ import annotations

from listlint.rules.style import (
    checkbox,
    descriptions,
    markers,
    order,
    separators,
    titles,
    whitespace,
)

__all__ = ["checkbox", "descriptions", "markers", "order", "separators", "titles", "whitespace"]
