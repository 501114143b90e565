"""Links that lead nowhere: an empty target or text (LL001), a relative link to a missing
file (LL004)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from listlint.model import Diagnostic, Edit, Span
from listlint.registry import Context, rule
from listlint.text import shorten

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# a web address written without its scheme ("www.example.org", "github.com/o/r"): on GitHub
# it is a relative link into the repository, which 404s
_HOST_FIRST = re.compile(
    r"(?:www\.[a-z0-9-]+(?:\.[a-z0-9-]+)*|[a-z0-9-]+(?:\.[a-z0-9-]+)*\."
    r"(?:com|org|net|io|ai|dev|edu|gov|co|info|app|me|cc|tv|xyz|uk|de|cn|jp|fr))(?=[/?#:]|$)",
    re.I)


@rule("LL001", "empty-link", severity="error", summary="A link with no target or no text.")
def empty_link(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports links whose target is empty (`[name]()`, `[name](<>)`, `[name](#)`) or whose text
    is empty (`[](https://example.com)`).

    ## Why is this bad?
    A reader clicks on nothing, or sees nothing to click. In a curated list it is almost
    always an entry whose URL was forgotten.

    ## Example
    ```markdown
    - [vLLM]() - Fast inference.
    ```
    Use instead:
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm) - Fast inference.
    ```

    ## Fix safety
    No fix: only a human knows the missing URL.
    """
    for link in ctx.doc.links:
        if link.kind == "image":
            continue
        url = link.url.strip()
        if url in ("", "#"):
            if link.text.strip():
                what = f"link {shorten(link.text)!r}"
            else:  # text that is only an image (a badge), or no text at all: "[]()"
                what = "image link" if _has_image(ctx, link.span) else "link with no text"
            yield ctx.at(link.span, f"{what} has an empty target")
        elif not link.text.strip() and link.kind != "autolink" and not _has_image(ctx, link.span):
            yield ctx.at(link.span, f"link to {shorten(url)} has no text")


def _has_image(ctx: Context, span: Span) -> bool:
    return "![" in ctx.doc.text[span.start : span.end] or "<img" in ctx.doc.text[span.start : span.end]


@rule("LL004", "missing-file", severity="error", needs=("folder",),
      summary="A relative link to a file or folder that does not exist next to the README.")
def missing_file(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Resolves relative links (`papers/x.pdf`, `./CONTRIBUTING.md`, `docs/`) against the folder
    of the checked file and reports those that point at nothing.

    ## Why is this bad?
    Moved or renamed files leave links that 404 on GitHub; no link checker that only speaks
    HTTP sees them.

    A web address written without its scheme (`[Ray](github.com/ray-project/ray)`) is such a
    link too: the message says so and offers `https://` in front.

    ## Example
    ```markdown
    Read [the guide](contributing.md) first.   <!-- the file is CONTRIBUTING.md -->
    ```

    ## Fix safety
    No fix for a missing file. Adding `https://` to a web address is unsafe: the site may
    answer on `http://` only.
    """
    folder = ctx.inputs.folder
    if folder is None:
        return
    for link in ctx.doc.links:
        url = link.url.strip()
        if not url or url.startswith(("#", "/", "//")) or _SCHEME.match(url):
            continue
        path = unquote(urlsplit(url).path)
        if not path:
            continue
        if folder.exists(path):
            continue
        where = link.url_span or link.span
        if _HOST_FIRST.match(url) and link.url_span is not None:
            start = link.url_span.start + ctx.doc.text[where.start:where.end].find(url)
            fix = ctx.fix(Edit(start, start, "https://"), unsafe=True,
                          description="write https:// in front")
            yield ctx.at(where, f"relative link to '{path}': no such file; a web address needs "
                         f"its scheme: https://{shorten(url)}", fix=fix)
            continue
        yield ctx.at(where, f"relative link to '{path}': no such file")
