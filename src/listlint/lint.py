"""The library entry points the CLI is built on: read, configure, parse, run rules."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listlint.config import Config, find_config_file, load_config
from listlint.document import Document, parse
from listlint.engine import Selection, prepare_rules, run_rules
from listlint.inputs import Memo, RunInputs
from listlint.model import Diagnostic
from listlint.registry import Rule, family_of
from listlint.source import Source


@dataclass(slots=True)
class Checked:
    source: Source
    document: Document
    diagnostics: list[Diagnostic]
    inputs: RunInputs = field(default_factory=RunInputs)
    memo: Memo = field(default_factory=Memo)  # as the rules left it (per-document results)


def config_for(path: Path, explicit: Path | None = None) -> Config:
    """The configuration that governs ``path`` (an explicit file wins over the search)."""
    from listlint.presets import apply_preset

    if explicit is not None:
        return apply_preset(load_config(explicit))
    return apply_preset(load_config(find_config_file(path)))


def inputs_for(path: str | Path | None, rules: list[Rule], config: Config, *,
               online: bool = False, **facts: Any) -> RunInputs:
    """The typed inputs of a run over the file at ``path``: its folder, the given ``facts``
    (see :class:`RunInputs`), and the repository's GitHub facts when a rule that reads them
    runs (they come from the repository that holds ``path``)."""
    where = str(path) if path is not None else None
    inputs = RunInputs.for_path(where, **facts)
    if where and not where.startswith("<") and any("repo_facts" in r.needs for r in rules):
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
                 inputs: RunInputs | None = None, *, keep_tokens: bool = False) -> Checked:
    """Parse and lint ``source``; ``keep_tokens`` keeps markdown-it's tokens on the
    Document (for a caller that renders them: the fix verifier)."""
    base = inputs if inputs is not None else RunInputs.for_path(source.path)
    # helpers start while the file is parsed (unless the caller prepared the family itself)
    prepared = prepare_rules(config, rules, skip=base.prepared.keys())
    if prepared:
        base = dataclasses.replace(base, prepared={**base.prepared, **prepared})
    doc = parse(source, keep_tokens=keep_tokens or needs_tokens(source, rules))
    memo = Memo()
    diags = run_rules(doc, config, rules, base, memo)
    return Checked(source, doc, diags, base, memo)


def check_text(text: str, *, config: Config | None = None, select: list[str] | None = None,
               ignore: list[str] | None = None, path: str = "<string>",
               inputs: RunInputs | None = None) -> list[Diagnostic]:
    """Lint Markdown text; handy in tests and for embedding."""
    from listlint.presets import apply_preset

    config = apply_preset(config or Config())
    rules = Selection(select=select, ignore=ignore or []).rules(config)
    return check_source(Source.from_text(text, path), config, rules, inputs).diagnostics
