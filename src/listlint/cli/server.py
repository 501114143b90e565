"""``server`` and ``init``: the language server, and setting a repository up."""

from __future__ import annotations

from pathlib import Path

import click

from listlint.cli.errors import UserError, handle_errors


@click.command("server")
@handle_errors
def server_cmd() -> None:
    """Run the language server on standard input and output (for editors; needs the
    `server` extra: pip install 'listlint[server]')."""
    from listlint.server import MISSING_EXTRA
    from listlint.server import main as serve

    try:
        import pygls  # noqa: F401
    except ImportError:
        raise UserError(MISSING_EXTRA) from None
    serve()


@click.command("init")
@click.argument("folder", required=False, default=".",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--readme", default="README.md", show_default=True, metavar="PATH",
              help="The list, relative to FOLDER: conventions are inferred from it and the "
                   "hook and workflows check it.")
@click.option("--dry-run", is_flag=True, help="Say what would be written; write nothing.")
@handle_errors
def init_cmd(folder: Path, readme: str, dry_run: bool) -> None:
    """Set a repository up for listlint (default: this folder); never overwrites a file.

    Writes a starter [tool.listlint] (into pyproject.toml when there is one, else
    .listlint.toml) with conventions inferred from the README as it is, the pre-commit hook
    (.pre-commit-config.yaml) and two GitHub workflows: pull-request checks with annotations
    on the changed lines, and a weekly link check that updates one tracking issue. Files that
    exist are skipped, and init says why.
    """
    from listlint.init import InitError, init_project

    try:
        steps = init_project(folder, readme, dry_run=dry_run)
    except InitError as exc:
        raise UserError(str(exc)) from None
    for step in steps:
        click.echo(step.describe(dry_run))
    if any(s.done for s in steps) and not dry_run:
        click.echo(f"next: `listlint check {readme}`, then `pre-commit install`, and commit "
                   "the new files")
