"""The list's GitHub repository: description, topics and license (LL613, with --online)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from listlint.config import register_family_table
from listlint.model import Diagnostic, Severity
from listlint.registry import Context, rule
from listlint.rules.awesome.pieces import first_line

AWESOME_DEFAULTS: dict[str, Any] = {
    "repository": "",  # owner/name on GitHub; default: the origin remote of the checkout
    "github-api": "",  # base URL of the GitHub API (default https://api.github.com)
}
register_family_table("awesome", AWESOME_DEFAULTS)


def _info(d: Diagnostic) -> Diagnostic:
    return dataclasses.replace(d, severity=Severity.INFO)


# -- LL613 ----------------------------------------------------------------------------------
@rule("LL613", "github-repository", severity="error", default=False, needs=("repo_facts",),
      summary="The GitHub repository has a description, the awesome topics and a license "
              "(with --online).")
def github_repository(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    With `--online` and a token in `GITHUB_TOKEN`, asks the GitHub API about the list's
    repository (the `origin` remote, or `repository = "owner/name"` in
    `[tool.listlint.awesome]`) and checks that it has a description, the topics `awesome`
    and `awesome-list`, and a license GitHub detects. Without them it says so in one info
    line and checks nothing; an unreachable network or API is reported the same way, never
    as an error.

    ## Why is this bad?
    sindresorhus/awesome lists a repository by its description and topics, and requires a
    license.

    ## Example
    A repository with no topics.

    ## Fix safety
    No fix: these are settings of the repository on GitHub.
    """
    facts = ctx.inputs.repo_facts
    where = first_line(ctx.doc)
    if facts is None or isinstance(facts, str):
        reason = facts or "not checked offline: run with --online and GITHUB_TOKEN set"
        yield _info(ctx.at(where, f"repository description, topics and license {reason}"))
        return
    if not facts.description:
        yield ctx.at(where, f"the GitHub repository {facts.slug} has no description: set one "
                            f"on GitHub")
    for topic in ("awesome", "awesome-list"):
        if topic not in facts.topics:
            yield ctx.at(where, f"the GitHub repository {facts.slug} lacks the topic '{topic}'")
    if not facts.license:
        yield ctx.at(where, f"GitHub detects no license in {facts.slug}: add a LICENSE file")

