"""The library entry points the CLI is built on: read, configure, parse, run rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listlint.config import Config, find_config_file, load_config
from listlint.document import Document, parse
from listlint.engine import Selection, prepare_rules, run_rules
from listlint.model import Diagnostic
from listlint.registry import Rule
from listlint.source import Source


@dataclass(slots=True)
class Checked:
    source: Source
    document: Document
    diagnostics: list[Diagnostic]
    services: dict[str, Any] = field(default_factory=dict)  # as the rules left them (caches)


def config_for(path: Path, explicit: Path | None = None) -> Config:
    """The configuration that governs ``path`` (an explicit file wins over the search)."""
    from listlint.presets import apply_preset

    if explicit is not None:
        return apply_preset(load_config(explicit))
    return apply_preset(load_config(find_config_file(path)))


def services_for(source: Source, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    base = Path(source.path).parent if source.path and not source.path.startswith("<") else None
    services: dict[str, Any] = {"base_dir": base}
    if extra:
        services.update(extra)
    return services


def repository_services(services: dict[str, Any] | None, rules: list[Rule], config: Config,
                        path: str | Path, online: bool) -> dict[str, Any] | None:
    """``services`` plus the GitHub repository facts, when the awesome rule that reads them
    (LL613) runs; the facts come from the repository that holds ``path``."""
    if not any(r.code == "LL613" for r in rules):
        return services
    from listlint.rules.awesome import repository_services as facts

    folder = Path(path).resolve()
    folder = folder if folder.is_dir() else folder.parent
    return {**(services or {}), **facts(config, folder, online)}


_REMARK_IGNORE = re.compile(r"<!--\s*lint\s+ignore\b")


def needs_tokens(source: Source, rules: list[Rule]) -> bool:
    """Do these rules still read markdown-it's tokens? Three awesome-preset checks (double
    markers, indented items, the ToC's placement) and remark's ``<!--lint ignore-->`` (the next
    block) do, until the Document model exposes what they need; everything else reads the
    model, and a plain ``check`` drops the tokens to save memory."""
    return any(r.code.startswith("LL6") for r in rules) or \
        _REMARK_IGNORE.search(source.text) is not None


def check_source(source: Source, config: Config, rules: list[Rule],
                 services: dict[str, Any] | None = None, *, keep_tokens: bool = False) -> Checked:
    """Parse and lint ``source``; ``keep_tokens`` keeps markdown-it's tokens on the
    Document (for a caller that renders them: the fix verifier)."""
    used = services_for(source, services)
    prepare_rules(config, rules, used)  # helpers start while the file is parsed
    doc = parse(source, keep_tokens=keep_tokens or needs_tokens(source, rules))
    diags = run_rules(doc, config, rules, used)
    return Checked(source, doc, diags, used)


def check_text(text: str, *, config: Config | None = None, select: list[str] | None = None,
               ignore: list[str] | None = None, path: str = "<string>",
               services: dict[str, Any] | None = None) -> list[Diagnostic]:
    """Lint Markdown text; handy in tests and for embedding."""
    from listlint.presets import apply_preset

    config = apply_preset(config or Config())
    rules = Selection(select=select, ignore=ignore or []).rules(config)
    return check_source(Source.from_text(text, path), config, rules, services).diagnostics
