"""Sites that refuse automated checks (LL403)."""

from __future__ import annotations

from collections.abc import Iterator

from listlint.model import Diagnostic
from listlint.net.verdict import Status, host_of
from listlint.registry import Context, rule
from listlint.rules.links.verdicts import verdicts_of


@rule("LL403", "blocked-link", severity="info", online=True,
      summary="A site that refuses automated checks (401/403/429/999, bot challenge).")
def blocked_link(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports links the checker could not judge because the site refused it: `401`, `403`,
    `407`, `429` (still, after honouring `Retry-After` and retrying), `451`, LinkedIn's `999`,
    or a bot-challenge page (a `cf-mitigated` header from Cloudflare). Info only: it never
    fails CI with the default `--fail-on error`.

    ## Why is this bad?
    It usually is not: dl.acm.org, Cloudflare-fronted sites, LinkedIn and GitHub's rate
    limiter answer scripts this way while the page works in a browser. Other link checkers
    report these as broken, which is why maintainers turn them off. listlint reports them
    apart so that the dead links stand out.

    ## Example
    ```markdown
    - [Paper](https://dl.acm.org/doi/10.1145/1234567.7654321)
    ```
    `README.md:1:3: LL403 dl.acm.org refused the automated check (403 Forbidden); the page
    may well work in a browser [info]`

    Check such links by hand now and then, or silence them with `ignore-urls`.

    ## Fix safety
    No fix.
    """
    for link, v in verdicts_of(ctx):
        if v.status is Status.BLOCKED:
            host = host_of(v.final_url) or host_of(link.url)
            yield ctx.at(link.span, f"{host} refused the automated check ({v.detail}); "
                                    "the page may well work in a browser")
