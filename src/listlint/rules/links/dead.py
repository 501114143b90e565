"""Links whose page is gone (LL401)."""

from __future__ import annotations

from collections.abc import Iterator

from listlint.model import Diagnostic
from listlint.net.verdict import Status
from listlint.registry import Context, rule
from listlint.rules.links.verdicts import shown, since, verdicts_of


@rule("LL401", "dead-link", severity="error", online=True,
      summary="A link whose page is gone: 404 or 410 (confirmed by GET), or an unknown host.")
def dead_link(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports links whose server answers `404 Not Found` or `410 Gone` (a `HEAD` answer is
    confirmed by a `GET`, since some servers answer `HEAD` wrongly, until `GET` has agreed
    with that host's `HEAD` three times in the run), links whose host name does not exist,
    and URLs that cannot be requested at all. Runs only online (`listlint links`,
    `listlint check --online`).

    ## Why is this bad?
    A reader who follows the link finds nothing. In a curated list a dead entry is worse than
    no entry: it costs the reader a click and the list its credibility.

    ## Example
    ```markdown
    - [OldTool](https://oldtool.dev/gone) - It used to be here.
    ```
    `README.md:1:3: LL401 dead link: https://oldtool.dev/gone answers 404 Not Found [error]`

    Replace the URL with the project's new home or an archived copy
    (`https://web.archive.org/web/*/https://oldtool.dev/gone`), or remove the entry.

    ## Fix safety
    No fix: only a human knows where the project went.
    """
    for link, v in verdicts_of(ctx):
        if v.status is Status.DEAD:
            how = f"answers {v.detail}" if v.code is not None else f"- {v.detail}"
            yield ctx.at(link.span, f"dead link: {shown(link.url)} {how}{since(v)}")
