"""Lint one editor buffer the way ``listlint check`` lints a file, without any protocol.

The language server calls :func:`analyse` on every (debounced) change and keeps the result for
code actions and hovers; :func:`fix_all` is "fix all safe problems" on that result. Nothing here
touches the network unless the caller passes link verdicts it obtained itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from listlint.config import Config, ConfigError
from listlint.model import Diagnostic
from listlint.source import Source

if TYPE_CHECKING:
    from listlint.lint import FileRun


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the rules found in one version of a buffer."""

    source: Source
    diagnostics: tuple[Diagnostic, ...]
    config: Config | None = None
    error: str | None = None  # the config could not be read: one line for the user
    file: FileRun | None = None  # the run the diagnostics came from (config, rules, inputs)

    def at(self, offset: int) -> list[Diagnostic]:
        """The diagnostics whose range holds ``offset`` (an empty range holds its start)."""
        return [d for d in self.diagnostics
                if d.start <= offset < d.end or d.start == d.end == offset]


def server_settings(config: Config | None) -> dict[str, Any]:
    from listlint.server.settings import SERVER_DEFAULTS

    return {**SERVER_DEFAULTS, **(config.extra.get("server", {}) if config else {})}


def analyse(text: str, path: Path, *, link_verdicts: Any = None) -> Analysis:
    """Lint ``text`` as the content of ``path`` (which need not exist yet), through the run
    pipeline of ``listlint check`` (the config is searched again: the user may have edited it).

    With ``link_verdicts`` (from a link pass the caller ran), the online link rules run too;
    nothing else goes online."""
    from listlint.config import forget_found_configs
    from listlint.lint import RunOptions, run

    source = Source.from_text(text, str(path))
    options = RunOptions(online=link_verdicts is not None, ask_github=False,
                         link_verdicts=link_verdicts)
    forget_found_configs()
    try:
        file = next(run([source.path], options, read=lambda _: source))
    except ConfigError as exc:
        return Analysis(source, (), None, str(exc))
    checked = file.check()
    return Analysis(source, tuple(checked.diagnostics), file.config, file=file)


def fix_all(analysis: Analysis) -> str | None:
    """The buffer with every safe fix applied and verified, or None when nothing changes
    (the fixes of the offline rules: a redirect is fixed from the command line)."""
    from listlint.fix import fix_file

    file = analysis.file
    if file is None or not any(d.fix for d in analysis.diagnostics):
        return None
    offline = replace(file, rules=[r for r in file.rules if not r.online])
    result = fix_file(offline, write=False).result  # a rule whose edits fail verification
    # is left out (result.skipped); the editor applies the text, nothing is written
    if not result.changed:
        return None
    return result.render().decode("utf-8")


def link_verdicts(source: Source, config: Config) -> Any:
    """Check the buffer's links as ``listlint links`` would (the link cache answers first)."""
    from listlint.net.run import link_pass, settings_from

    report, _ = link_pass([(source, config)], settings_from(config))
    return report.verdicts
