"""Run the selected rules over a parsed document and honour inline disable comments."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from listlint.config import Config
from listlint.directives import controls
from listlint.document import Document
from listlint.inputs import Memo, Prepared, RunInputs, needs_of
from listlint.model import Diagnostic
from listlint.registry import Context, Family, Rule, family_of, iter_selected, matches


@dataclass(slots=True)
class Selection:
    """Which rules run: CLI options layered over the config file."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    online: bool = False

    def rules(self, config: Config) -> list[Rule]:
        select = self.select if self.select is not None else config.select
        ignore = [*config.ignore, *self.ignore]
        extend = [*config.extend_select, *self.extend_select]
        if self.select is not None and config.preset:
            # --select narrows a preset: the rules the preset adds run only when selected
            from listlint.presets import PRESETS

            added = PRESETS[config.preset].select if config.preset in PRESETS else ()
            extend = [s for s in config.extend_select if s not in added] + self.extend_select
        return list(iter_selected(select, ignore, extend, online=self.online))


def prepare_rules(config: Config, rules: Sequence[Rule],
                  skip: Iterable[str] = ()) -> dict[str, Prepared]:
    """Let each family of ``rules`` that declares a ``prepare`` step start work that needs no
    document, before parsing (the spelling family starts its dictionary process, which then
    starts up on the other core while the file is parsed). By family prefix; the families
    in ``skip`` are already prepared."""
    out: dict[str, Prepared] = {}
    done = set(skip)
    for fam in _families(rules):
        if fam.prepare and fam.prefix not in done:
            made = importlib.import_module(fam.module).prepare(config)
            if made is not None:
                out[fam.prefix] = made
    return out


def _families(rules: Iterable[Rule]) -> list[Family]:
    found = (family_of(r) for r in rules)
    return list(dict.fromkeys(f for f in found if f is not None))


def run_rules(doc: Document, config: Config, rules: Sequence[Rule],
              inputs: RunInputs | None = None, memo: Memo | None = None, *,
              active: Iterable[Rule] | None = None,
              release_memo: bool = False) -> list[Diagnostic]:
    """All diagnostics of ``rules`` on ``doc``, suppressions applied, sorted by position.
    ``active``: the rules of the whole run when only some of them run again (``fix``).
    ``release_memo``: nobody reads ``memo`` afterwards, so each family's entries are let go
    once its last rule has run (on a huge list, one family's indexes at a time)."""
    inputs = dataclasses.replace(
        inputs if inputs is not None else RunInputs.for_path(doc.source.path, needs_of(rules)),
        active_rules=frozenset(r.code for r in (rules if active is None else active)))
    memo = memo if memo is not None else Memo()
    out = _check(doc, config, rules, inputs, memo, release_memo)
    out = Suppressions(doc).filter(out)
    if config.skip_sections:
        out = [d for d in out if not _in_skipped_section(doc, config, d.start)]
    out.sort(key=lambda d: (d.start, d.code, d.end))
    return out


def _check(doc: Document, config: Config, rules: Sequence[Rule], inputs: RunInputs,
           memo: Memo, release: bool = False) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    last: dict[str, int] = {}  # family -> index of its last rule
    if release:
        for i, r in enumerate(rules):
            if (f := family_of(r)) is not None:
                last[f.name] = i
    done = {i: name for name, i in last.items()}
    for i, r in enumerate(rules):
        out.extend(r.check(Context(doc, config, r, config.options_for(r), inputs, memo)))
        if i in done:
            memo.release(done[i])
    return out


def _in_skipped_section(doc: Document, config: Config, offset: int) -> bool:
    idx = doc.section_at(offset)
    return idx is not None and config.section_skipped(doc.sections[idx].path)


class Suppressions:
    """The directives that switch rules off (``<!-- listlint-disable ... -->`` and
    remark-lint's ``<!--lint disable ...-->``, read by :func:`listlint.directives.controls`),
    turned into per-line decisions."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.file_all = False
        self.file_selectors: list[str] = []
        self.line_rules: dict[int, list[list[str]]] = {}  # line -> selector lists ([] = all)
        self.ranges: list[tuple[int, int, list[str]]] = []  # (first line, last line, selectors)
        self._build()

    def _build(self) -> None:
        src = self.doc.source
        open_ranges: list[tuple[int, list[str]]] = []
        for d in controls(self.doc):
            kind, args = d.kind, list(d.selectors)
            line = src.line_of(d.start)
            if kind == "ignore":
                self.ranges.append((line, self._next_block_end(line), args))
                continue
            if kind == "disable-file":
                if args:
                    self.file_selectors.extend(args)
                else:
                    self.file_all = True
            elif kind == "disable-next-line":
                self.line_rules.setdefault(self._next_content_line(line), []).append(args)
            elif kind == "disable-line":
                self.line_rules.setdefault(line, []).append(args)
            elif kind == "disable":
                open_ranges.append((line, args))
            elif kind == "enable":
                still = []
                for start, sels in open_ranges:
                    if not args or any(a in sels for a in args) or not sels:
                        if not args or not sels or set(sels) <= set(args):
                            self.ranges.append((start, line, sels))
                            continue
                        remaining = [s for s in sels if s not in args]
                        self.ranges.append((start, line, [s for s in sels if s in args]))
                        still.append((line, remaining))
                        continue
                    still.append((start, sels))
                open_ranges = still
        for start, sels in open_ranges:
            self.ranges.append((start, src.line_count, sels))

    def _next_block_end(self, line: int) -> int:
        """The last line of the block that follows line ``line`` (what remark calls the next
        node: a whole list, paragraph or table)."""
        return self.doc.block_end(self._next_content_line(line))

    def _next_content_line(self, line: int) -> int:
        src = self.doc.source
        n = line + 1
        while n <= src.line_count and not src.line_text(n).strip():
            n += 1
        return n

    @staticmethod
    def _hit(selectors: Iterable[str], d: Diagnostic) -> bool:
        sels = list(selectors)
        if not sels:
            return True
        from listlint.registry import get

        r = get(d.code)
        for s in sels:
            if s.upper() == d.code or s.lower() == d.rule or s.upper() == "ALL":
                return True
            if r is not None and matches(s, r):
                return True
        return False

    def suppressed(self, d: Diagnostic) -> bool:
        if self.file_all:
            return True
        if self.file_selectors and self._hit(self.file_selectors, d):
            return True
        line = self.doc.source.line_of(d.start)
        for sels in self.line_rules.get(line, ()):
            if self._hit(sels, d):
                return True
        for first, last, sels in self.ranges:
            if first <= line <= last and self._hit(sels, d):
                return True
        return False

    def filter(self, diags: list[Diagnostic]) -> list[Diagnostic]:
        if not (self.file_all or self.file_selectors or self.line_rules or self.ranges):
            return diags
        return [d for d in diags if not self.suppressed(d)]
