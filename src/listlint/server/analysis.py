"""Lint one editor buffer the way ``listlint check`` lints a file, without any protocol.

The language server calls :func:`analyse` on every (debounced) change and keeps the result for
code actions and hovers; :func:`fix_all` is "fix all safe problems" on that result. Nothing here
touches the network unless the caller passes link verdicts it obtained itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from listlint.config import Config, ConfigError
from listlint.model import Diagnostic
from listlint.source import Source


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the rules found in one version of a buffer."""

    source: Source
    diagnostics: tuple[Diagnostic, ...]
    config: Config | None = None
    error: str | None = None  # the config could not be read: one line for the user

    def at(self, offset: int) -> list[Diagnostic]:
        """The diagnostics whose range holds ``offset`` (an empty range holds its start)."""
        return [d for d in self.diagnostics
                if d.start <= offset < d.end or d.start == d.end == offset]


def server_settings(config: Config | None) -> dict[str, Any]:
    from listlint.server.settings import SERVER_DEFAULTS

    return {**SERVER_DEFAULTS, **(config.extra.get("server", {}) if config else {})}


def load_config(path: Path) -> tuple[Config | None, str | None]:
    """The config that governs ``path`` as the CLI finds it, or the one-line reason it is broken."""
    from listlint.config import forget_found_configs
    from listlint.lint import config_for

    forget_found_configs()
    try:
        return config_for(path), None
    except ConfigError as exc:
        return None, str(exc)


def analyse(text: str, path: Path, *, link_verdicts: Any = None) -> Analysis:
    """Lint ``text`` as the content of ``path`` (which need not exist yet).

    With ``link_verdicts`` (from a link pass the caller ran), the online link rules run too."""
    from listlint.engine import Selection
    from listlint.lint import check_source, inputs_for

    source = Source.from_text(text, str(path))
    config, error = load_config(path)
    if config is None:
        return Analysis(source, (), None, error)
    online = link_verdicts is not None
    rules = Selection(online=online).rules(config)
    inputs = inputs_for(path, rules, config, online=False, link_verdicts=link_verdicts)
    checked = check_source(source, config, rules, inputs)
    return Analysis(source, tuple(checked.diagnostics), config)


def fix_all(analysis: Analysis) -> str | None:
    """The buffer with every safe fix applied and verified, or None when nothing changes."""
    from listlint.engine import Selection
    from listlint.fix import fix_file
    from listlint.inputs import RunInputs
    from listlint.lint import FileRun

    config = analysis.config
    if config is None or not any(d.fix for d in analysis.diagnostics):
        return None
    source = analysis.source
    file = FileRun(source, config, Selection().rules(config), RunInputs.for_path(source.path),
                   config.fail_on)
    result = fix_file(file, write=False).result  # a rule whose edits fail verification is
    # left out (result.skipped); the editor applies the text, nothing is written
    if not result.changed:
        return None
    return result.render().decode("utf-8")


def link_verdicts(source: Source, config: Config) -> Any:
    """Check the buffer's links as ``listlint links`` would (the link cache answers first)."""
    from listlint.net.run import link_pass, settings_from

    report, _ = link_pass([(source, config)], settings_from(config))
    return report.verdicts
