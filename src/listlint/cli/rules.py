"""``rules``, ``rule`` and ``words``: what listlint checks, and the words it does not know."""

from __future__ import annotations

from pathlib import Path

import click

from listlint.cli.errors import UserError, handle_errors
from listlint.cli.options import resolve_paths


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules_cmd(fmt: str) -> None:
    """List every rule: code, name, default severity, whether it fixes, what it checks."""
    from listlint.registry import all_rules

    rules = all_rules()
    if fmt == "json":
        import json

        click.echo(json.dumps([
            {"code": r.code, "name": r.name, "family": r.family, "severity": str(r.severity),
             "fixable": r.fixable, "online": r.online, "default": r.default,
             "summary": r.summary, "docs": r.docs_url}
            for r in rules], indent=2))
        return
    family = None
    for r in rules:
        if r.family != family:
            family = r.family
            click.echo(f"\n{family}")
        flags = ("fix" if r.fixable else "   ") + (" online" if r.online else "") + \
                ("" if r.default else " opt-in")
        click.echo(f"  {r.code}  {r.name:<28} {str(r.severity):<7} {flags:<4}  {r.summary}")
    click.echo("\n`listlint rule CODE` explains one rule.")


@click.command("rule")
@click.argument("code")
def rule_cmd(code: str) -> None:
    """Explain one rule (by code or name): what it checks, why, examples, fix safety."""
    from listlint.registry import get

    r = get(code)
    if r is None:
        raise UserError(f"no rule {code!r}; `listlint rules` lists them")
    from listlint.docs import rule_text

    click.echo(rule_text(r))


@click.command("words")
@click.argument("path", required=False, type=click.Path(path_type=str))
@click.option("--min-count", type=int, default=1, show_default=True,
              help="Only words used at least this often.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Use this config file instead of searching for one.")
@handle_errors
def words_cmd(path: str | None, min_count: int, config_path: Path | None) -> None:
    """Print the words of a list no dictionary knows, ready for `words = [...]`.

    Words already in the config's `words` are left out. Most used first, with their count;
    likely typos (LL201-LL203) are listed commented out, with the suggestion, so that pasting
    the block never allow-lists a typo.
    """
    from listlint.document import parse
    from listlint.lint import RunOptions, run
    from listlint.rules.spelling import unknown_words

    target = resolve_paths((path,) if path else ())[0]
    file = next(run([target], RunOptions(select=("spelling",), config_path=config_path)))
    click.echo(unknown_words(parse(file.source), file.config, target, min_count), nl=False)
