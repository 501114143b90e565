"""Link rules (LL4xx, online): dead, redirected, blocked and unreachable links.

These rules never touch the network. ``listlint links`` and ``check --online`` run the network
pass first (:mod:`listlint.net.run`) and hand the rules its verdicts as
``ctx.inputs.link_verdicts`` (a :class:`~listlint.net.verdict.LinkVerdicts`); without
that service the rules report nothing.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

from listlint.config import register_family_table
from listlint.model import Diagnostic, Edit, Fix, Link, Severity
from listlint.net.verdict import LinkVerdicts, Status, Verdict, host_of, is_http
from listlint.registry import Context, rule

register_family_table("links", {
    "timeout": 10.0,
    "concurrency": 64,
    "per-host": 6,
    "min-interval": 0.04,
    "retries": 2,
    "max-age": "3d",
    "failure-max-age": "1h",
    "accept": [],
    "exclude": [],
    "cache-file": "",
    "deadline": 0.0,  # seconds per link in all; 0: three times the timeout
    "budget": 0.0,  # seconds for the whole run; 0: no limit
})

# Persistent identifiers redirect by design: the identifier is the link to keep.
_PERSISTENT = re.compile(
    r"^https?://(?:dx\.)?doi\.org/|^https?://(?:www\.)?arxiv\.org/abs/|^https?://hdl\.handle\.net/"
    r"|^https?://(?:www\.)?(?:purl\.org|w3id\.org|identifiers\.org|n2t\.net)/"
    r"|^https?://(?:www\.)?(?:web\.)?archive\.org/web/",
    re.I,
)
_LOGIN = re.compile(
    r"/(?:log-?in|sign-?in|sign_in|signup|auth|oauth2?|sso|session|accounts?/log-?in|users/sign_in)"
    r"(?:[/?.#]|$)", re.I)
_LOGIN_HOST = re.compile(r"^(?:login|signin|auth|sso|accounts?|id)\.", re.I)


def _verdicts(ctx: Context) -> Iterator[tuple[Link, Verdict]]:
    verdicts = ctx.inputs.link_verdicts
    if not isinstance(verdicts, LinkVerdicts) or not verdicts:
        return
    for link in ctx.doc.links:
        if link.kind == "image" or not is_http(link.url):
            continue
        v = verdicts.get(link.url)
        if v is not None:
            yield link, v


def _since(v: Verdict) -> str:
    if v.failing_since is None or v.failing_runs < 2:
        return ""
    day = time.strftime("%Y-%m-%d", time.gmtime(v.failing_since))
    return f" (failing since {day}, {v.failing_runs} runs)"


def _shown(url: str) -> str:
    return url.strip().replace("<", "%3C").replace(">", "%3E")


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
    for link, v in _verdicts(ctx):
        if v.status is Status.DEAD:
            how = f"answers {v.detail}" if v.code is not None else f"- {v.detail}"
            yield ctx.at(link.span, f"dead link: {_shown(link.url)} {how}{_since(v)}")


@rule("LL402", "redirected-link", severity="warning", fixable=True, online=True,
      summary="A link that permanently redirects (301/308) to a live page: link the target.")
def redirected_link(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports links that answer with a permanent redirect (`301 Moved Permanently` or
    `308 Permanent Redirect`) leading to a live page, and names the target. Temporary
    redirects (`302`, `303`, `307`) are fine and not reported; nor are persistent identifiers
    (`doi.org`, `arxiv.org/abs`, `hdl.handle.net`, `purl.org`, `w3id.org`), which redirect by
    design.

    ## Why is this bad?
    A permanent redirect says the page has moved for good. Old addresses stop working when a
    project renames itself or a site is rebuilt, and every reader pays for the extra round
    trip meanwhile; `http://` links that redirect to `https://` also leak the first request.

    ## Example
    ```markdown
    - [Tool](http://tool.dev/docs) - Does things.
    ```
    `README.md:1:3: LL402 http://tool.dev/docs moved permanently to https://tool.dev/docs/; link
    the target [warning]`

    Use instead:
    ```markdown
    - [Tool](https://tool.dev/docs/) - Does things.
    ```

    ## Fix safety
    Safe, and applied by `listlint links --fix` (or `listlint fix --online`), only when every
    hop is a `301`/`308`, the target answers `2xx`, the target is not the site's front page
    (unless the link was) nor a login page, and the target is on the same site (`www.` aside).
    A target on another domain is offered as an unsafe fix (`--unsafe-fixes`): a domain change
    is worth a human look. The link's `#fragment` is kept. Reference links (`[name][label]`)
    are reported but not fixed: their URL lives in the definition, which other links share.
    """
    for link, v in _verdicts(ctx):
        if v.status is not Status.REDIRECTED or _PERSISTENT.match(link.url.strip()):
            continue
        target = _with_fragment(v.moved_to, link.url)
        fix, why = _redirect_fix(ctx, link, v, target)
        hops = len(v.hops)
        via = f" via {hops} redirects" if hops > 1 else ""
        msg = f"{_shown(link.url)} moved permanently to {_shown(target)}{via}; link the target"
        if why:
            msg += f" (not fixed automatically: {why})"
        yield ctx.at(link.span, msg, fix=fix)


def _with_fragment(target: str, original: str) -> str:
    if "#" in original and "#" not in target:
        return target + "#" + original.split("#", 1)[1]
    return target


def _redirect_fix(ctx: Context, link: Link, v: Verdict, target: str) -> tuple[Fix | None, str]:
    """The fix for a redirected link, or why there is none."""
    if not v.all_permanent:
        return None, "a hop is a temporary redirect"
    if v.code is None or not 200 <= v.code < 300:
        return None, f"the target answers {v.code}"
    old, new = urlsplit(link.url.strip()), urlsplit(target)
    if _is_root(new) and not _is_root(old):
        return None, "the target is the site's front page"
    if _LOGIN.search(new.path) or _LOGIN_HOST.match(new.hostname or ""):
        return None, "the target looks like a login page"
    edit = _url_edit(ctx, link, target)
    if edit is None:
        return None, "the URL is in a reference definition" if link.kind == "reference" \
            else "the URL could not be located in the source"
    cross = _site(old.hostname) != _site(new.hostname)
    return ctx.fix(edit, unsafe=cross,
                   description=f"replace with {target}" +
                   (" (another domain: review it)" if cross else "")), ""


def _is_root(parts: object) -> bool:
    path = getattr(parts, "path", "")
    return path in ("", "/") and not getattr(parts, "query", "")


def _site(host: str | None) -> str:
    host = (host or "").lower()
    return host[4:] if host.startswith("www.") else host


def _url_edit(ctx: Context, link: Link, target: str) -> Edit | None:
    """Replace the URL where the link writes it (not through a reference definition)."""
    if link.kind == "reference" or link.url_span is None:
        return None
    return _edit_in(ctx.doc.text, link.url_span.start, link.url_span.end, link.url, target)


def _edit_in(text: str, start: int, end: int, url: str, target: str) -> Edit | None:
    i = text.find(url.strip(), start, end)
    if i < 0:
        return None
    return Edit(i, i + len(url.strip()), target)


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
    for link, v in _verdicts(ctx):
        if v.status is Status.BLOCKED:
            host = host_of(v.final_url) or host_of(link.url)
            yield ctx.at(link.span, f"{host} refused the automated check ({v.detail}); "
                                    "the page may well work in a browser")


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
    for link, v in _verdicts(ctx):
        if v.status is not Status.UNREACHABLE:
            continue
        d = ctx.at(link.span, f"unreachable: {_shown(link.url)}: {v.detail}{_since(v)}")
        if _persists(v, runs, days) and d.severity is Severity.WARNING:
            d = dataclasses.replace(d, severity=Severity.ERROR)
        yield d


def _persists(v: Verdict, runs: int, days: float) -> bool:
    if v.failing_since is None or v.failing_runs < max(1, runs):
        return False
    return v.checked_at - v.failing_since >= days * 86400.0
