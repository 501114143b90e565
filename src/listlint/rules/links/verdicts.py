"""The verdicts of the network pass for the links of a document, and how messages show
them."""

from __future__ import annotations

import time
from collections.abc import Iterator

from listlint.model import Link
from listlint.net.verdict import LinkVerdicts, Verdict, is_http
from listlint.registry import Context


def verdicts_of(ctx: Context) -> Iterator[tuple[Link, Verdict]]:
    verdicts = ctx.inputs.link_verdicts
    if not isinstance(verdicts, LinkVerdicts) or not verdicts:
        return
    for link in ctx.doc.links:
        if link.kind == "image" or not is_http(link.url):
            continue
        v = verdicts.get(link.url)
        if v is not None:
            yield link, v


def since(v: Verdict) -> str:
    if v.failing_since is None or v.failing_runs < 2:
        return ""
    day = time.strftime("%Y-%m-%d", time.gmtime(v.failing_since))
    return f" (failing since {day}, {v.failing_runs} runs)"


def shown(url: str) -> str:
    return url.strip().replace("<", "%3C").replace(">", "%3E")
