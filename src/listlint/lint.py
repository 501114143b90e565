"""The run pipeline every command is built on: read, configure, select, prepare, lint.

:func:`run` yields one :class:`FileRun` per path (the source, its configuration with the
preset applied, the selected rules, the typed inputs and the effective ``fail-on``);
``check``, ``fix``, ``links``, ``report``, ``stats``, ``venues``, ``add`` and the language
server all take their files from it (``report --history`` runs its file's duplicate rules
over each old version).
:func:`check_source` and :func:`check_text` lint one text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from listlint.config import Config, find_config_file, load_config
from listlint.document import Document, parse
from listlint.engine import Selection, prepare_rules, run_rules
from listlint.inputs import Memo, RunInputs, needs_of
from listlint.model import Diagnostic, Severity
from listlint.registry import Rule, family_of
from listlint.source import Source

if TYPE_CHECKING:
    from listlint.net.verdict import LinkVerdicts


@dataclass(slots=True)
class Checked:
    source: Source
    document: Document
    diagnostics: list[Diagnostic]
    inputs: RunInputs = field(default_factory=RunInputs)
    memo: Memo = field(default_factory=Memo)  # as the rules left it (per-document results)


def config_for(path: Path, explicit: Path | None = None) -> Config:
    """The configuration that governs ``path`` (an explicit file wins over the search)."""
    from listlint.config import apply_preset

    if explicit is not None:
        return apply_preset(load_config(explicit))
    return apply_preset(load_config(find_config_file(path)))


def inputs_for(path: str | Path | None, rules: list[Rule], config: Config, *,
               online: bool = False, **facts: Any) -> RunInputs:
    """The typed inputs of a run over the file at ``path``: the facts of its folder that the
    ``rules`` declare they need, the given ``facts`` (see :class:`RunInputs`), and the
    repository's GitHub facts when a rule that reads them runs (they come from the repository
    that holds ``path``)."""
    where = str(path) if path is not None else None
    needs = needs_of(rules)
    inputs = RunInputs.for_path(where, needs, **facts)
    if where and not where.startswith("<") and "repo_facts" in needs:
        from listlint.net.github import facts_for

        folder = Path(where).resolve()
        folder = folder if folder.is_dir() else folder.parent
        inputs = dataclasses.replace(inputs, repo_facts=facts_for(config, folder, online))
    return inputs


def needs_tokens(source: Source, rules: list[Rule]) -> bool:
    """Do these rules still read markdown-it's tokens? A family that declares so (three
    awesome-preset checks: double markers, indented items, the ToC's placement) does, until
    the Document model exposes what they need; everything else reads the model, and a plain
    ``check`` drops the tokens to save memory."""
    return any((f := family_of(r)) is not None and f.needs_tokens for r in rules)


def check_source(source: Source, config: Config, rules: list[Rule],
                 inputs: RunInputs | None = None, *, keep_tokens: bool = False,
                 document: Document | None = None, release_memo: bool = False) -> Checked:
    """Parse and lint ``source``; ``keep_tokens`` keeps markdown-it's tokens on the
    Document (for a caller that renders them: the fix verifier). ``document`` is ``source``
    already parsed (by the link pass, or by ``add`` as it inserted entries): it is not
    parsed again."""
    base = inputs if inputs is not None else RunInputs.for_path(source.path, needs_of(rules))
    # helpers start while the file is parsed (unless the caller prepared the family itself)
    prepared = prepare_rules(config, rules, skip=base.prepared.keys())
    if prepared:
        base = dataclasses.replace(base, prepared={**base.prepared, **prepared})
    want_tokens = keep_tokens or needs_tokens(source, rules)
    if document is not None and want_tokens and document.tokens is None:
        document = None  # parsed without the tokens these rules read: parse again
    doc = document if document is not None else parse(source, keep_tokens=want_tokens)
    memo = Memo()
    diags = run_rules(doc, config, rules, base, memo, release_memo=release_memo)
    return Checked(source, doc, diags, base, memo)


def check_text(text: str, *, config: Config | None = None, select: list[str] | None = None,
               ignore: list[str] | None = None, path: str = "<string>",
               inputs: RunInputs | None = None) -> list[Diagnostic]:
    """Lint Markdown text; handy in tests and for embedding."""
    from listlint.config import apply_preset

    config = apply_preset(config or Config())
    rules = Selection(select=select, ignore=ignore or []).rules(config)
    return check_source(Source.from_text(text, path), config, rules, inputs).diagnostics


@dataclass(frozen=True, slots=True)
class RunOptions:
    """What a command asks of the run: the selection and configuration options it was given."""

    select: tuple[str, ...] = ()  # none: the config's selection (or ``default_select``)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    config_path: Path | None = None  # an explicit config file (else the upward search)
    preset: str | None = None  # a preset imposed on top of the config's own
    online: bool = False  # the rules that need the network may run
    only_online: bool = False  # and only they (``links``)
    default_select: tuple[str, ...] | None = None  # the selection when ``select`` is empty
    fail_on: Severity | None = None  # ``--fail-on`` (else each file's config decides)
    link_verdicts: LinkVerdicts | None = None  # the link pass's results (``--online``)
    #: may the run ask GitHub about the list's repository (None: when ``online``); the
    #: language server runs the online link rules on verdicts it has, and asks nothing else
    ask_github: bool | None = None

    def selection(self) -> Selection:
        select = self.select or self.default_select
        return Selection(select=list(select) if select else None, ignore=list(self.ignore),
                         extend_select=list(self.extend_select), online=self.online)


@dataclass(frozen=True, slots=True)
class FileRun:
    """One file of a run, ready to lint: what :func:`run` yields."""

    source: Source
    config: Config
    rules: list[Rule]
    inputs: RunInputs
    fail_on: Severity  # the effective threshold: ``--fail-on``, else the config's

    def check(self, *, keep_tokens: bool = False, document: Document | None = None,
              release_memo: bool = False) -> Checked:
        """Parse the file and run its rules (``document``: the file already parsed;
        ``release_memo``: the caller reads only the diagnostics and the document)."""
        return check_source(self.source, self.config, self.rules, self.inputs,
                            keep_tokens=keep_tokens, document=document,
                            release_memo=release_memo)

    def failing(self, diagnostics: Iterable[Diagnostic]) -> bool:
        """Does one of ``diagnostics`` reach this file's threshold (exit status 1)?"""
        return any(d.severity >= self.fail_on for d in diagnostics)

    def with_verdicts(self, verdicts: LinkVerdicts | None) -> FileRun:
        """This file with the link verdicts of an online pass among its inputs."""
        return self.with_facts(link_verdicts=verdicts)

    def with_facts(self, **facts: Any) -> FileRun:
        """This file with ``facts`` (fields of :class:`RunInputs`) among its inputs."""
        return dataclasses.replace(self, inputs=dataclasses.replace(self.inputs, **facts))

    def with_source(self, source: Source) -> FileRun:
        """The same configuration, rules and inputs over another text of this file: an
        editor's unsaved buffer, the text ``add`` produced, a version from its history."""
        return dataclasses.replace(self, source=source)


def run(paths: Iterable[str], options: RunOptions,
        read: Callable[[str], Source] = Source.read) -> Iterator[FileRun]:
    """One :class:`FileRun` per path, in order, each read when the caller gets to it (``read``
    turns a path into a :class:`Source`: the CLI's also reads ``-`` as standard input, the
    language server gives the editor's text). The
    configuration governs the path as given; a path whose config or text is bad raises
    (:class:`~listlint.config.ConfigError`, :class:`~listlint.source.InputError`)."""
    from listlint.config import apply_preset

    selection = options.selection()
    for path in paths:
        source = read(path)
        config = apply_preset(config_for(Path(path), options.config_path), options.preset)
        rules = selection.rules(config)
        if options.only_online:
            rules = [r for r in rules if r.online]
        ask = options.online if options.ask_github is None else options.ask_github
        inputs = inputs_for(source.path, rules, config, online=ask,
                            link_verdicts=options.link_verdicts)
        yield FileRun(source, config, rules, inputs, options.fail_on or config.fail_on)
