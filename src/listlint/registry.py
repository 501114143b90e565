"""The registry of rules: every rule's code, name, family, default severity and docs.

A rule is a small function of a :class:`Context` that yields diagnostics; the :func:`rule`
decorator registers it. Rule modules live in :mod:`listlint.rules` and are discovered, so a
new family only needs a new module there.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from listlint import DOCS_URL
from listlint.model import Applicability, Diagnostic, Edit, Fix, Related, Severity, Span

if TYPE_CHECKING:
    from listlint.config import Config
    from listlint.document import Document

FAMILIES = {
    "LL0": "structure",
    "LL1": "duplicates",
    "LL2": "spelling",
    "LL3": "venues",
    "LL4": "links",
    "LL5": "style",
    "LL6": "awesome",
}
_CODE = re.compile(r"LL\d{3}")


@dataclass(slots=True)
class Context:
    """What a rule gets: the document, the configuration and its own options."""

    doc: Document
    config: Config
    rule: Rule
    options: dict[str, Any]
    services: dict[str, Any] = field(default_factory=dict)
    _line_cache: dict[int, int] = field(default_factory=dict)

    def diagnostic(
        self,
        start: int,
        end: int,
        message: str,
        *,
        fix: Fix | None = None,
        related: Iterable[Related] = (),
        code: str | None = None,
    ) -> Diagnostic:
        rule = self.rule
        return Diagnostic(
            code=code or rule.code,
            rule=rule.name,
            severity=self.config.severity_for(rule),
            message=message,
            start=start,
            end=end,
            fix=fix,
            related=tuple(related),
        )

    def at(self, span: Span, message: str, **kwargs: Any) -> Diagnostic:
        return self.diagnostic(span.start, span.end, message, **kwargs)

    def related(self, span: Span, message: str = "first occurrence") -> Related:
        return Related(span.start, span.end, message)

    def line(self, offset: int) -> int:
        return self.doc.source.line_of(offset)

    @staticmethod
    def fix(*edits: Edit, unsafe: bool = False, removes: tuple[int, ...] = (),
            description: str = "", formatting: bool = False) -> Fix:
        """A fix made of ``edits``; ``formatting=True`` promises identical rendered HTML."""
        return Fix(tuple(edits), Applicability.UNSAFE if unsafe else Applicability.SAFE,
                   removes, description, formatting)


Check = Callable[[Context], Iterable[Diagnostic]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    check: Check
    fixable: bool = False
    online: bool = False
    default: bool = True  # selected unless the user narrows the selection
    options: tuple[tuple[str, Any], ...] = ()
    doc: str = ""

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[:3], "other")

    @property
    def docs_url(self) -> str:
        return f"{DOCS_URL}/{self.code}.md"

    @property
    def default_options(self) -> dict[str, Any]:
        return dict(self.options)


_RULES: dict[str, Rule] = {}
_LOADED = False


def rule(
    code: str,
    name: str,
    *,
    severity: str = "warning",
    summary: str,
    fixable: bool = False,
    online: bool = False,
    default: bool = True,
    options: dict[str, Any] | None = None,
) -> Callable[[Check], Check]:
    """Register ``func`` as rule ``code``/``name``; its docstring is the rule's doc page."""
    if not _CODE.fullmatch(code):
        raise ValueError(f"bad rule code {code!r}")

    def register(func: Check) -> Check:
        if code in _RULES:
            raise ValueError(f"rule code {code} registered twice")
        doc = _dedent(func.__doc__ or "")
        _RULES[code] = Rule(code, name, Severity.parse(severity), summary, func, fixable, online,
                            default, tuple((options or {}).items()), doc)
        return func

    return register


def _dedent(text: str) -> str:
    import inspect

    return inspect.cleandoc(text)


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    import listlint.rules as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{pkg.__name__}.{info.name}")
    _LOADED = True


def all_rules() -> list[Rule]:
    _load()
    return sorted(_RULES.values(), key=lambda r: r.code)


def get(key: str) -> Rule | None:
    """A rule by code (``LL101``) or name (``duplicate-link``), case-insensitive."""
    _load()
    key_u = key.strip().upper()
    if key_u in _RULES:
        return _RULES[key_u]
    key_l = key.strip().lower()
    for r in _RULES.values():
        if r.name == key_l:
            return r
    return None


def matches(selector: str, r: Rule) -> bool:
    """Does a selector (code, code prefix like ``LL1``, rule name, family, ALL) pick ``r``?"""
    s = selector.strip()
    if not s:
        return False
    if s.upper() == "ALL":
        return True
    if s.upper().startswith("LL"):
        return r.code.startswith(s.upper())
    s = s.lower()
    return s == r.name or s == r.family


def is_known_selector(selector: str) -> bool:
    return any(matches(selector, r) for r in all_rules())


def iter_selected(select: Iterable[str] | None, ignore: Iterable[str],
                  extend: Iterable[str] = (), online: bool = False) -> Iterator[Rule]:
    select = list(select) if select is not None else None
    ignore = list(ignore)
    extend = list(extend)
    for r in all_rules():
        if r.online and not online:
            continue
        if select is None:
            chosen = r.default or any(matches(s, r) for s in extend)
        else:
            chosen = any(matches(s, r) for s in select) or any(matches(s, r) for s in extend)
            # a selector aimed at the rule (code, name, its family, a code prefix such as LL6)
            # selects even an opt-in rule; only the broad ALL / LL keep to default rules
            if chosen and not r.default:
                chosen = any(matches(s, r) and s.strip().upper() not in ("ALL", "LL")
                             for s in select) or any(matches(s, r) for s in extend)
        if chosen and any(matches(s, r) for s in ignore):
            chosen = False
        if chosen:
            yield r
