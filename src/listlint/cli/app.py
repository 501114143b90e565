"""The ``listlint`` command group: its options (``--version``) and its commands, each defined
in the module of its group (check, links, report, venues, add, server, rules)."""

from __future__ import annotations

import sys

import click

from listlint import __version__
from listlint.cli import add, check, links, report, rules, server, venues
from listlint.cli.errors import OneLineUsageGroup


@click.group(cls=OneLineUsageGroup,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", "-V", is_flag=True, expose_value=False,
              callback=lambda ctx, _p, value: _show_version(ctx) if value else None,
              help="Show the version and exit (with --verbose: Python, dependencies, caches).")
@click.option("--verbose", "-v", is_flag=True, is_eager=True, expose_value=False,
              callback=lambda ctx, _p, value: ctx.meta.__setitem__("listlint.verbose", value),
              help="With --version: also where the caches are.")
def main() -> None:
    """listlint keeps curated Markdown lists healthy: awesome lists and paper lists.

    It parses a README into sections and entries (title, URL, description, checkbox,
    venue ...), runs rules over them and reports problems with stable codes:
    LL0xx structure, LL1xx duplicates, LL2xx spelling, LL3xx venues, LL4xx links,
    LL5xx style drift. `listlint fix` applies the fixes that are provably safe.

    \b
    Start with:
      listlint check README.md
      listlint rules
    """


def _show_version(ctx: click.Context) -> None:
    """``listlint --version`` (``--verbose`` is eager, so it is known here in any order)."""
    click.echo(f"listlint {__version__}")
    if ctx.meta.get("listlint.verbose"):
        for line in _version_details():
            click.echo(line)
    ctx.exit()


def _version_details() -> list[str]:
    from importlib.metadata import PackageNotFoundError, version

    from listlint.net.cache import FILE as LINKS
    from listlint.net.lookup import FILE as VENUES
    from listlint.net.store import cache_file, cache_report
    from listlint.rules.spelling import word_store

    deps = []
    for name in ("markdown-it-py", "mdit-py-plugins", "linkify-it-py", "click", "urllib3",
                 "certifi", "requests", "rapidfuzz", "typos", "platformdirs"):
        try:
            deps.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            deps.append(f"{name} missing")
    english, shelf = word_store()
    deps.append("the English words of pyspellchecker (shipped with listlint)")
    return [f"Python {sys.version.split()[0]} ({sys.executable})", ", ".join(deps),
            *cache_report({"link cache (default)": cache_file(LINKS),
                           "venue look-ups (default)": cache_file(VENUES)},
                          english, (shelf,))]


def tune_gc() -> None:
    """A run allocates a great many short-lived objects (tokens, spans, entries) and few
    cycles: collect the youngest generation every 50,000 allocations instead of every 700,
    and leave what the imports created out of every collection. About 5% of a check's time."""
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


for _command in (check.check, check.fix, check.entries, links.links, report.report_cmd,
                 report.stats_cmd, venues.venues_cmd, add.add_cmd, server.server_cmd,
                 server.init_cmd, rules.rules_cmd, rules.rule_cmd, rules.words_cmd):
    main.add_command(_command)
