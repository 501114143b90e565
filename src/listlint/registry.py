"""The registry of rules: every rule's code, name, family, default severity and docs.

A rule is a small function of a :class:`Context` that yields diagnostics; the :func:`rule`
decorator registers it. Each family is one module of :mod:`listlint.rules`, named in
:data:`FAMILY_MODULES`. A module is imported only when a rule of its family may run or be
looked up, so a plain ``listlint check`` never pays for the opt-in and online families.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from listlint import DOCS_URL
from listlint.inputs import Memo, RunInputs
from listlint.model import Applicability, Diagnostic, Edit, Fix, Related, Severity, Span

if TYPE_CHECKING:
    from listlint.config import Config
    from listlint.document import Document

@dataclass(frozen=True, slots=True)
class Family:
    """A family of rules: its code prefix, name and module, and what all its rules share."""

    prefix: str  # LL1
    name: str  # duplicates
    module: str  # listlint.rules.duplicates
    opt_in: bool = False  # every rule is off unless selected (default=False)
    online: bool = False  # every rule needs the network (online=True)
    # the module's ``prepare(config) -> Prepared | None`` starts work before the file is parsed
    prepare: bool = False
    # some rules still read markdown-it's tokens (kept on the Document only when they run)
    needs_tokens: bool = False
    # the module that registers the family's ``[tool.listlint.<name>]`` table, if it has one
    table: str = ""


FAMILY_MODULES: tuple[Family, ...] = (
    Family("LL0", "structure", "listlint.rules.structure"),
    Family("LL1", "duplicates", "listlint.rules.duplicates"),
    Family("LL2", "spelling", "listlint.rules.spelling", table="listlint.rules.spelling"),
    Family("LL3", "venues", "listlint.rules.venues", table="listlint.rules.venues.settings"),
    Family("LL4", "links", "listlint.rules.links", online=True, table="listlint.rules.links"),
    Family("LL5", "style", "listlint.rules.style", table="listlint.rules.style"),
    Family("LL6", "awesome", "listlint.rules.awesome", opt_in=True, needs_tokens=True,
           table="listlint.rules.awesome"),
)
FAMILIES = {f.prefix: f.name for f in FAMILY_MODULES}
_BY_PREFIX = {f.prefix: f for f in FAMILY_MODULES}


def family_of(r: Rule) -> Family | None:
    """The family that registered ``r``."""
    return _BY_PREFIX.get(r.code[:3])
_CODE = re.compile(r"LL\d{3}")


@dataclass(slots=True)
class Context:
    """What a rule gets: the document, the configuration, its own options, the run's typed
    inputs and the per-document memo its family shares."""

    doc: Document
    config: Config
    rule: Rule
    options: dict[str, Any]
    inputs: RunInputs = field(default_factory=RunInputs)
    memo: Memo = field(default_factory=Memo)

    @property
    def prepared(self) -> object | None:
        """What the rule's family prepared before parsing (see :class:`Family`), if anything."""
        found = self.inputs.prepared.get(self.rule.code[:3])
        return found.value if found is not None else None

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
    needs: frozenset[str] = frozenset()  # RunInputs fields the run must fill for this rule
    # follows no convention of the list, only tidies what other fixes leave behind (blank
    # lines at the end): ``fix`` runs it once more on the fixed text
    tidy: bool = False

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
    needs: Iterable[str] = (),
    tidy: bool = False,
) -> Callable[[Check], Check]:
    """Register ``func`` as rule ``code``/``name``; its docstring is the rule's doc page."""
    if not _CODE.fullmatch(code):
        raise ValueError(f"bad rule code {code!r}")

    def register(func: Check) -> Check:
        if code in _RULES:
            raise ValueError(f"rule code {code} registered twice")
        doc = _dedent(func.__doc__ or "")
        _RULES[code] = Rule(code, name, Severity.parse(severity), summary, func, fixable, online,
                            default, tuple((options or {}).items()), doc, frozenset(needs),
                            tidy)
        return func

    return register


def _dedent(text: str) -> str:
    import inspect

    return inspect.cleandoc(text)


def _load(families: Iterable[Family] = FAMILY_MODULES) -> None:
    """Import the modules of ``families`` (each registers its rules once, on import)."""
    for f in families:
        importlib.import_module(f.module)


def all_rules() -> list[Rule]:
    _load()
    return sorted(_RULES.values(), key=lambda r: r.code)


def get(key: str) -> Rule | None:
    """A rule by code (``LL101``) or name (``duplicate-link``), case-insensitive."""
    key_u = key.strip().upper()
    if _CODE.fullmatch(key_u):
        _load(f for f in FAMILY_MODULES if key_u.startswith(f.prefix))
        return _RULES.get(key_u)
    key_l = key.strip().lower()
    for rules in (_RULES.values(), all_rules()):
        for r in rules:
            if r.name == key_l:
                return r
    return None


def _may_match(selector: str, family: Family) -> bool:
    """Could ``selector`` pick a rule of ``family``? (True when only the rules can tell.)"""
    s = selector.strip()
    u = s.upper()
    if not s:
        return False
    if u == "ALL":
        return True
    if u.startswith("LL"):
        return u.startswith(family.prefix) or family.prefix.startswith(u)
    if s.lower() in FAMILIES.values():
        return s.lower() == family.name
    return True  # a rule name: any family may have it


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
    _load(f for f in FAMILY_MODULES if _may_match(selector, f))
    return any(matches(selector, r) for r in _RULES.values())


def iter_selected(select: Iterable[str] | None, ignore: Iterable[str],
                  extend: Iterable[str] = (), online: bool = False) -> Iterator[Rule]:
    select = list(select) if select is not None else None
    ignore = list(ignore)
    extend = list(extend)
    _load(f for f in FAMILY_MODULES if _family_wanted(f, select, extend, online))
    for r in sorted(_RULES.values(), key=lambda r: r.code):
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


def _family_wanted(family: Family, select: list[str] | None, extend: list[str],
                   online: bool) -> bool:
    """May :func:`iter_selected` choose a rule of ``family``? If not, its module stays unloaded."""
    if family.online and not online:
        return False
    if select is None and not family.opt_in:
        return True
    return any(_may_match(s, family) for s in [*(select or ()), *extend])
