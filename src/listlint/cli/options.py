"""Options several commands share, and the paths and selectors they name."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click

from listlint.cli.errors import F, UserError
from listlint.report import FORMATS


def split_selectors(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


def selection_options(func: F) -> F:
    func = click.option("--extend-select", multiple=True, metavar="RULES",
                        help="Add rules to the selection (same forms as --select).")(func)
    func = click.option("--ignore", multiple=True, metavar="RULES",
                        help="Rules to skip: code, prefix or name; comma-separated or repeated.")(func)
    func = click.option("--select", multiple=True, metavar="RULES",
                        help="Run only these rules: a code (LL101), a prefix (LL1), a rule name "
                             "(duplicate-link), a family (duplicates) or ALL.")(func)
    func = click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                        help="Use this config file instead of searching upward for "
                             ".listlint.toml, listlint.toml or pyproject.toml.")(func)
    return func


def recheck_option(func: F) -> F:
    """``--recheck-failures``: kept in the click context (``_link_pass`` reads it), so the
    commands' signatures stay as they are."""
    def keep(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
        ctx.meta["listlint.recheck_failures"] = value
        return value

    return click.option("--recheck-failures", is_flag=True, expose_value=False, callback=keep,
                        help="Ask again links that failed recently (cached for 1h by "
                             "default: failure-max-age).")(func)


def _keep_in_meta(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None:
        ctx.meta[f"listlint.{param.name}"] = value
    return value


def time_limit_options(func: F) -> F:
    """``--deadline`` and ``--budget`` (kept in the context: read by :func:`_link_pass`)."""
    func = click.option("--budget", type=click.FloatRange(min=0.1), default=None,
                        metavar="SECONDS", expose_value=False, callback=_keep_in_meta,
                        help="Link checks: stop starting new ones after this many seconds "
                             "in all; the links left are reported as not checked.")(func)
    func = click.option("--deadline", type=click.FloatRange(min=0.1), default=None,
                        metavar="SECONDS", expose_value=False, callback=_keep_in_meta,
                        help="Link checks: the most one link may take in all (connecting, "
                             "headers, body, retries; default 3 x --timeout).")(func)
    return func


def _remember_online(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Keep a link-check option of ``check --online`` / ``fix --online`` for the link pass."""
    if value is not None and value is not False:
        ctx.meta.setdefault("listlint.online", {})[param.name] = value
    return value


def online_options(func: F) -> F:
    """The link-check options of ``listlint links`` for ``check --online`` / ``fix --online``:
    ``--timeout`` and ``--exclude`` as parameters, the rest kept for the link pass."""
    func = time_limit_options(recheck_option(func))
    for decls, kwargs in reversed(_ONLINE_EXTRA):
        func = click.option(*decls, expose_value=False, callback=_remember_online,
                            **kwargs)(func)
    func = click.option("--exclude", multiple=True, metavar="REGEX",
                        help="With --online: do not check URLs matching this regular "
                             "expression (repeatable).")(func)
    func = click.option("--timeout", type=click.FloatRange(min=0.05), default=None,
                        metavar="SECONDS",
                        help="With --online: per attempt, connecting and waiting for each "
                             "read (default 10).")(func)
    return func


_ONLINE_EXTRA: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (("--concurrency",), dict(type=click.IntRange(min=1, max=512), default=None, metavar="N",
                              help="With --online: requests in flight overall (default 64).")),
    (("--retries",), dict(type=click.IntRange(min=0, max=10), default=None, metavar="N",
                          help="With --online: extra attempts after a timeout, reset, 429 or "
                               "5xx (default 2).")),
    (("--no-cache",), dict(is_flag=True, default=False,
                           help="With --online: neither read nor write the link cache.")),
    (("--cache-file",), dict(type=click.Path(dir_okay=False, path_type=Path), default=None,
                             help="With --online: the link cache (default: links.json in the "
                                  "user cache folder).")),
    (("--max-age",), dict(default=None, metavar="AGE",
                          help="With --online: trust a cached good result this long: 7d, 12h, "
                               "30m, 0 (default 3d).")),
    (("--progress/--no-progress",), dict(default=None,
                                         help="With --online: show a progress bar (default: on "
                                              "a terminal, never when CI is set).")),
    (("--accept",), dict(default=None, metavar="CODES",
                         help="With --online: also count these status codes as alive: 200,403 "
                              "or 200..299.")),
]


def preset_option(func: F) -> F:
    from listlint.presets import PRESETS

    return click.option("--preset", type=click.Choice(sorted(PRESETS)), default=None,
                        help="Impose a house style instead of the list's own conventions "
                             "(overrides `preset` in the config; see docs/awesome-preset.md).")(func)


STDIN = "-"


def read_source(path: str) -> Any:
    """The file at ``path``, or standard input for ``-`` (shown as ``<stdin>``; read once per
    command, so that ``--online`` and the check see the same text)."""
    from listlint.source import Source, read_stream

    if path != STDIN:
        return Source.read(path)
    meta = click.get_current_context().meta
    if "listlint.stdin" not in meta:
        meta["listlint.stdin"] = read_stream(sys.stdin.buffer)
    return Source.from_bytes(meta["listlint.stdin"], "<stdin>")


def output_options(func: F) -> F:
    """--format, --output-file, --statistics, --quiet, --color: shared by check and links."""
    func = click.option("--color/--no-color", default=None,
                        help="Colour the text output (default: on a terminal, or when FORCE_COLOR "
                             "is set; never when NO_COLOR is set).")(func)
    func = click.option("--quiet", "-q", is_flag=True,
                        help="Report only problems at or above --fail-on, in every --format; "
                             "the summary counts only those.")(func)
    func = click.option("--statistics", is_flag=True,
                        help="Also print how often each rule fired.")(func)
    func = click.option("--output-file", "-o", type=click.Path(dir_okay=False, path_type=Path),
                        help="Write the report to this file instead of standard output.")(func)
    func = click.option("--format", "fmt",
                        type=click.Choice(list(FORMATS)),
                        default="text", show_default=True, help="Output format.")(func)
    return func


def resolve_paths(paths: tuple[str, ...]) -> list[str]:
    if paths:
        return list(paths)
    if not Path("README.md").exists():
        raise UserError("no README.md in this folder; name the file to check, e.g. "
                        "`listlint check docs/list.md`")
    return ["README.md"]


def validate_selectors(*groups: tuple[str, ...]) -> None:
    from listlint.registry import is_known_selector

    for group in groups:
        for sel in split_selectors(group):
            if not is_known_selector(sel):
                hint = _closest_selector(sel)
                hint = f"did you mean {hint!r}? " if hint else ""
                raise UserError(f"no rule matches {sel!r}; {hint}`listlint rules` lists them")


def _closest_selector(selector: str) -> str | None:
    """The rule code, name or family a mistyped selector most likely meant: the closest by
    edit similarity, and among equals the one sharing the longest start (LL10l: LL101)."""
    import difflib
    import os.path

    from listlint.registry import all_rules

    typed = selector.strip().lower()
    rules = all_rules()
    names = {k.lower(): k for r in rules for k in (r.code, r.name, r.family)}
    if _CODE_PREFIX.fullmatch(typed) and len(typed) < 5:  # a prefix no rule has: no guess
        return None

    def score(k: str) -> tuple[float, int]:
        ratio = difflib.SequenceMatcher(None, typed, k).ratio()
        return ratio, len(os.path.commonprefix([typed, k]))

    best = max(names, key=score)
    return names[best] if score(best)[0] >= 0.6 else None


_CODE_PREFIX = re.compile(r"ll\w*")


def report_options(func: F) -> F:
    """Options shared by ``report`` and ``stats``."""
    func = click.option("--cache-file", type=click.Path(dir_okay=False, path_type=Path),
                        default=None,
                        help="The link cache `listlint links` wrote, for link verdicts by host "
                             "(default: its default cache file, when it exists).")(func)
    func = click.option("--history-limit", type=click.IntRange(min=2), default=200,
                        show_default=True, metavar="N",
                        help="Read at most N commits, spread over the history.")(func)
    func = click.option("--history", is_flag=True,
                        help="Add the list's growth over its git commits (entries, links, "
                             "duplicates).")(func)
    return preset_option(selection_options(func))


def run_options(select: tuple[str, ...], ignore: tuple[str, ...], extend_select: tuple[str, ...],
                config_path: Path | None, *, fail_on: str | None = None, **more: Any) -> Any:
    """The :class:`~listlint.lint.RunOptions` of a command's selection options, the selectors
    checked first (a mistyped one is a usage error: exit 2, with a guess)."""
    from listlint.lint import RunOptions
    from listlint.model import Severity

    validate_selectors(select, ignore, extend_select)
    return RunOptions(select=tuple(split_selectors(select)), ignore=tuple(split_selectors(ignore)),
                      extend_select=tuple(split_selectors(extend_select)), config_path=config_path,
                      fail_on=Severity.parse(fail_on) if fail_on else None, **more)
