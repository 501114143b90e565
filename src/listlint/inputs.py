"""What a rule gets besides the Document and the configuration: typed run inputs and a memo.

The run pipeline (:mod:`listlint.lint`) builds one :class:`RunInputs` per file: facts that come
from outside the document (the folder it lives in, the link verdicts of an online run, the
repository's GitHub facts, venues confirmed by a look-up) and what each family's ``prepare``
step started before parsing. Rules read them as ``ctx.inputs``; they never read files, the
network or the engine.

A :class:`Memo` holds what several rules of one family compute once per document (the
duplicate analysis, the venues found, the list's inferred style). A value is reused only while
the objects it was computed from are the same ones (``is``), so a fix pass that re-parses the
file computes afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from listlint.net.github import RepoFacts
    from listlint.net.verdict import LinkVerdicts
    from listlint.rules.venues.mention import Venue

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Prepared:
    """What a family's ``prepare(config)`` started before the file was parsed.

    ``value`` reaches the family's rules as ``ctx.prepared`` (a caller may also give one: tests
    give the spelling family a dictionary service without typos this way)."""

    value: object


@dataclass(frozen=True, slots=True)
class RunInputs:
    """Facts from outside the document that some rules use. Every field has a neutral default:
    a rule whose input is missing reports nothing it cannot know."""

    base_dir: Path | None = None  # the folder of the linted file (relative links, LICENSE, …)
    active_rules: frozenset[str] = frozenset()  # every rule of the run (set by the engine)
    link_verdicts: LinkVerdicts | None = None  # results of the online link check (LL4xx)
    repo_facts: RepoFacts | str | None = None  # GitHub facts, or why unknown (awesome preset)
    venue_lookup: Mapping[int, Venue] = field(default_factory=dict)  # entry -> venue looked up
    venue_lookup_safe: bool = False  # write looked-up venues as safe fixes (`venues --write`)
    venue_force: bool = False  # infer venues even where the list does not use them
    prepared: Mapping[str, Prepared] = field(default_factory=dict)  # family prefix -> prepared

    @staticmethod
    def for_path(path: str | None, **facts: Any) -> RunInputs:
        """Inputs for a file at ``path`` (none for ``<stdin>`` and other pseudo paths)."""
        base = Path(path).parent if path and not path.startswith("<") else None
        return RunInputs(base_dir=base, **facts)


class Memo:
    """Per-document results shared by the rules of a family, each computed once."""

    __slots__ = ("_store",)

    def __init__(self) -> None:
        self._store: dict[str, tuple[tuple[object, ...], object]] = {}

    def get(self, key: str, make: Callable[[], T], *deps: object) -> T:
        """The value stored under ``key`` for these ``deps`` (compared by identity), made by
        ``make()`` the first time or when a dependency is a new object."""
        hit = self._store.get(key)
        if hit is not None and len(hit[0]) == len(deps) and \
                all(a is b for a, b in zip(hit[0], deps)):
            return hit[1]  # type: ignore[return-value]
        value = make()
        self._store[key] = (deps, value)
        return value
