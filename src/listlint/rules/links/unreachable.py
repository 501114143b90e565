"""Links that gave no usable answer; an error once the failure persists (LL404)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from listlint.model import Diagnostic, Severity
from listlint.net.verdict import Status, Verdict
from listlint.registry import Context, rule
from listlint.rules.links.verdicts import shown, since, verdicts_of


@rule("LL404", "unreachable-link", severity="warning", online=True,
      options={"escalate-after-runs": 3, "escalate-after-days": 3},
      summary="A link that timed out, was reset, answered 5xx or loops; an error if it persists.")
def unreachable_link(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports links that gave no usable answer after retries: timeouts, refused or reset
    connections, TLS failures, `5xx` answers, redirect loops, too many redirects, and
    redirects to a non-http(s) URL (never followed). With the link cache on (the default),
    the message says since when the link has been failing, and the warning becomes an error
    once the failure has lasted `escalate-after-runs` runs (default 3) over at least
    `escalate-after-days` days (default 3).

    ## Why is this bad?
    A server that is down once is flaky; a server that is down for a week is probably gone.
    Reporting the first as an error trains maintainers to ignore the checker, so listlint
    waits for the evidence.

    ## Example
    ```markdown
    - [Tool](https://tool.dev/) - Does things.
    ```
    `README.md:1:3: LL404 unreachable: https://tool.dev/: no answer within 10 s (failing
    since 2026-11-20, 4 runs) [error]`

    ## Fix safety
    No fix.
    """
    runs = int(ctx.options.get("escalate-after-runs", 3))
    days = float(ctx.options.get("escalate-after-days", 3))
    for link, v in verdicts_of(ctx):
        if v.status is not Status.UNREACHABLE:
            continue
        d = ctx.at(link.span, f"unreachable: {shown(link.url)}: {v.detail}{since(v)}")
        if _persists(v, runs, days) and d.severity is Severity.WARNING:
            d = dataclasses.replace(d, severity=Severity.ERROR)
        yield d


def _persists(v: Verdict, runs: int, days: float) -> bool:
    if v.failing_since is None or v.failing_runs < max(1, runs):
        return False
    return v.checked_at - v.failing_since >= days * 86400.0
