"""How the command line fails: one line for the user and exit status 2, never a traceback."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """One line for the user, exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        from listlint.report.escape import printable

        click.echo(f"listlint: {printable(self.format_message())}", err=True)


_CLICK_HINT = re.compile(r"\.?\s*\(?(Did you mean [^?]*\?)\)?$")


class UsageLine(UserError):
    """A click usage error (bad option, missing argument) as one line, exit status 2."""

    @classmethod
    def of(cls, exc: click.UsageError) -> UsageLine:
        words: list[str] = []
        ctx = exc.ctx
        while ctx is not None and ctx.parent is not None:  # the root's name varies (python -m)
            words.insert(0, ctx.info_name or "")
            ctx = ctx.parent
        what = exc.format_message().strip().rstrip(".")
        hint = _CLICK_HINT.search(what)
        if hint:
            what = f"{what[:hint.start()]} (d{hint.group(1)[1:]})"
        return cls(f"{what[:1].lower()}{what[1:]}; see `{' '.join(['listlint', *words, '--help'])}`")


class OneLineUsageGroup(click.Group):
    """Turns click's usage errors (several lines of usage text) into one :class:`UsageLine`.

    ``--help`` and a bare ``listlint`` (which prints the help) are left alone."""

    @staticmethod
    def _wanted(exc: click.UsageError) -> bool:
        no_args = getattr(click.exceptions, "NoArgsIsHelpError", None)
        return not (no_args is not None and isinstance(exc, no_args))

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            if not self._wanted(exc):
                raise
            raise UsageLine.of(exc) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list with each summary a whole sentence, wrapped, never cut with "..."."""
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=1_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            if not self._wanted(exc):
                raise
            raise UsageLine.of(exc) from None


def handle_errors(func: F) -> F:
    """Turn input and config errors (and unexpected ones) into one line and exit 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from listlint.config import ConfigError
        from listlint.source import InputError

        try:
            return func(*args, **kwargs)
        except (InputError, ConfigError) as exc:
            raise UserError(str(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            leave_now("interrupted")
        except BrokenPipeError:
            sys.stderr.close()
            raise SystemExit(1) from None
        except OSError as exc:  # e.g. --output-file in a folder that does not exist
            where = f"{exc.filename}: " if exc.filename else ""
            raise UserError(f"{where}{exc.strerror or exc}") from None
        except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
            if os.environ.get("LISTLINT_DEBUG"):
                raise
            raise UserError(f"internal error: {type(exc).__name__}: {exc} "
                            "(set LISTLINT_DEBUG=1 for a traceback, and please report it)") from None

    return wrapper  # type: ignore[return-value]


def leave_now(message: str, code: int = 2) -> None:
    """Say ``message`` and exit at once: freeing a large run's objects one by one at
    interpreter exit would make Ctrl-C take seconds (temporary files are already removed)."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    try:
        click.echo(f"listlint: {message}", err=True)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)
