"""Links that permanently redirect, and the fix that links the target (LL402)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from listlint.model import Diagnostic, Edit, Fix, Link
from listlint.net.verdict import Status, Verdict, site_of
from listlint.registry import Context, rule
from listlint.rules.links.verdicts import shown, verdicts_of

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
    for link, v in verdicts_of(ctx):
        if v.status is not Status.REDIRECTED or _PERSISTENT.match(link.url.strip()):
            continue
        target = _with_fragment(v.moved_to, link.url)
        fix, why = _redirect_fix(ctx, link, v, target)
        hops = len(v.hops)
        via = f" via {hops} redirects" if hops > 1 else ""
        msg = f"{shown(link.url)} moved permanently to {shown(target)}{via}; link the target"
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
    cross = site_of(link.url) != site_of(target)
    return ctx.fix(edit, unsafe=cross,
                   description=f"replace with {target}" +
                   (" (another domain: review it)" if cross else "")), ""


def _is_root(parts: object) -> bool:
    path = getattr(parts, "path", "")
    return path in ("", "/") and not getattr(parts, "query", "")


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
