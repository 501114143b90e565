"""What a rule gets besides the Document and the configuration: typed run inputs and a memo.

The run pipeline (:mod:`listlint.lint`) builds one :class:`RunInputs` per file: facts that come
from outside the document (the files beside it, the link verdicts of an online run, the
repository's GitHub facts, venues confirmed by a look-up) and what each family's ``prepare``
step started before parsing. Rules read them as ``ctx.inputs``; they never read files, the
network or the engine. A fact that costs a read is made only when a selected rule declares it
(``needs=("folder",)`` on its registration names the field), once per file.

A :class:`Memo` holds what several rules of one family compute once per document (the
duplicate analysis, the venues found, the list's inferred style). A value is reused only while
the objects it was computed from are the same ones (``is``), so a fix pass that re-parses the
file computes afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from listlint.net.github import RepoFacts
    from listlint.net.verdict import LinkVerdicts
    from listlint.registry import Rule
    from listlint.venue.mention import Venue

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Prepared:
    """What a family's ``prepare(config)`` started before the file was parsed.

    ``value`` reaches the family's rules as ``ctx.prepared`` (a caller may also give one: tests
    give the spelling family a dictionary service without typos this way)."""

    value: object


class Folder:
    """The folder of the linted file, as far as relative links go: does a path exist there?
    Each path is looked up on disk once, when a rule first asks (the links of a document are
    known only once it is parsed, and a fix pass may change them)."""

    __slots__ = ("path", "_seen")

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen: dict[str, bool] = {}

    def exists(self, relative: str) -> bool:
        """Is there a file or folder at ``relative`` (a decoded link path) next to the list?
        A path the system cannot even look up counts as present: nothing to report."""
        hit = self._seen.get(relative)
        if hit is None:
            try:
                hit = (self.path / relative).exists()
            except (OSError, ValueError):
                hit = True
            self._seen[relative] = hit
        return hit


@dataclass(frozen=True, slots=True)
class FileText:
    """A file beside the list: its path relative to the list's folder, as found, and its text."""

    name: str
    text: str


_CONTRIBUTING = frozenset({"contributing.md"})
_CODE_OF_CONDUCT = frozenset({"code-of-conduct.md", "code_of_conduct.md"})


@dataclass(frozen=True, slots=True)
class RepoFiles:
    """The repository files an awesome list is asked to have, found next to the list or in its
    ``.github/`` folder (names in any letter case), and the owner of its git remote."""

    contributing: FileText | None = None  # contributing.md
    code_of_conduct: FileText | None = None  # code-of-conduct.md or code_of_conduct.md
    remote_owner: str = ""  # owner of the ``origin`` remote, lower case ("": none)

    @staticmethod
    def read(folder: Path) -> RepoFiles:
        """The facts of ``folder`` (the linted file's folder), read from disk now."""
        from listlint.net.github import remote_slug  # reads the git config; no network

        try:
            slug = remote_slug(folder) or ""
        except OSError:
            slug = ""
        return RepoFiles(_find(folder, _CONTRIBUTING), _find(folder, _CODE_OF_CONDUCT),
                         slug.split("/", 1)[0].lower())


def _find(base: Path, names: frozenset[str]) -> FileText | None:
    """The first readable file of ``base`` or ``base/.github`` whose lower-case name is one of
    ``names`` (sorted by path)."""
    from listlint.source import InputError, read_regular

    for folder in (base, base / ".github"):
        try:
            found = sorted(p for p in folder.iterdir() if p.name.lower() in names)
        except OSError:
            continue
        for p in found:
            try:  # a regular file only: a FIFO named CONTRIBUTING.md must not hang the run
                data, _ = read_regular(p)
            except (InputError, OSError):
                continue
            return FileText(str(p.relative_to(base)), data.decode("utf-8", errors="replace"))
    return None


@dataclass(frozen=True, slots=True)
class RunInputs:
    """Facts from outside the document that some rules use. Every field has a neutral default:
    a rule whose input is missing reports nothing it cannot know."""

    base_dir: Path | None = None  # the folder of the linted file (None: the text has no file)
    folder: Folder | None = None  # what exists there (relative links)
    repo_files: RepoFiles | None = None  # contributing.md, code of conduct, git remote
    active_rules: frozenset[str] = frozenset()  # every rule of the run (set by the engine)
    link_verdicts: LinkVerdicts | None = None  # results of the online link check (LL4xx)
    repo_facts: RepoFacts | str | None = None  # GitHub facts, or why unknown (awesome preset)
    venue_lookup: Mapping[int, Venue] = field(default_factory=dict)  # entry -> venue looked up
    venue_lookup_safe: bool = False  # write looked-up venues as safe fixes (`venues --write`)
    venue_force: bool = False  # infer venues even where the list does not use them
    prepared: Mapping[str, Prepared] = field(default_factory=dict)  # family prefix -> prepared

    @staticmethod
    def for_path(path: str | None, needs: Iterable[str] = (), **facts: Any) -> RunInputs:
        """Inputs for a file at ``path`` (no folder for ``<stdin>`` and other pseudo paths),
        with the facts of its folder that ``needs`` names (``folder``, ``repo_files``: what
        the selected rules declare) and the given ``facts``."""
        base = Path(path).parent if path and not path.startswith("<") else None
        if base is not None:
            wanted = set(needs)
            if "folder" in wanted and "folder" not in facts:
                facts["folder"] = Folder(base)
            if "repo_files" in wanted and "repo_files" not in facts:
                facts["repo_files"] = RepoFiles.read(base)
        return RunInputs(base_dir=base, **facts)


def needs_of(rules: Iterable[Rule]) -> frozenset[str]:
    """The :class:`RunInputs` fields that some of ``rules`` declare they need."""
    return frozenset(n for r in rules for n in r.needs)


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

    def release(self, family: str) -> None:
        """Forget what the rules of ``family`` stored (their keys start ``family.``)."""
        prefix = family + "."
        for key in [k for k in self._store if k.startswith(prefix)]:
            del self._store[key]
