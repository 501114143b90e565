"""The same link twice (LL617), with awesome-lint's identity of a link."""

from __future__ import annotations

import re
from collections.abc import Iterator

from listlint.document import Document
from listlint.inline import normalize_label, scan_links
from listlint.model import Diagnostic
from listlint.registry import Context, rule
from listlint.text import shorten

# -- LL617 ----------------------------------------------------------------------------------
_DEFAULT_PORT = re.compile(r":(?:80|443)$")
_DIRECTORY_INDEX = re.compile(r"/index\.[a-z]+$")
_WEB_URL = re.compile(r"(?:https?:)?//([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?", re.I)


def awesome_link_key(url: str) -> str:
    """The identity awesome-lint gives a link (normalize-url without the protocol, fragment
    kept): host case, ``www.``, default port, trailing slash, ``index.html``, ``utm_*``
    parameters and their order do not count. Other links (``javascript:void(0)``, empty,
    relative) are compared as written.

    >>> awesome_link_key("HTTP://www.Example.org:80/a/index.html?b=2&utm_source=x&a=1#top")
    'example.org/a?a=1&b=2#top'
    """
    m = _WEB_URL.fullmatch(url.strip())
    if m is None:
        return url
    host = _DEFAULT_PORT.sub("", m.group(1).lower().rstrip("."))
    host = host.removeprefix("www.")
    path = _DIRECTORY_INDEX.sub("", m.group(2)).rstrip("/")
    query = "&".join(sorted(q for q in (m.group(3) or "?")[1:].split("&")
                            if q and not q.lower().startswith("utm_")))
    return host + path + (f"?{query}" if query else "") + (m.group(4) or "")


@rule("LL617", "double-link", severity="error", default=False,
      options={"allow-cross-section": True},
      summary="The same link twice in the list, as awesome-lint counts them (every copy).")
def double_link(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports every copy of a link the list makes more than once, with awesome-lint's notion of
    "the same link": the protocol, host case, `www.`, a default port, a trailing slash,
    `index.html`, `utm_*` parameters and the order of parameters do not count, the
    `#fragment` does (`docs#install` and `docs#usage` are two links), and links that are not
    web addresses (`javascript:void(0)`, an empty `()`) are compared as written. Each list
    item counts its first link only: links inside a description are references, not entries.
    Reference links and images are not counted, and neither are `#anchor` links (the table of
    contents and back-to-top links repeat those on purpose). A project listed in two sections
    is listed there on purpose: copies are reported when two of them share a section, unless
    `allow-cross-section = false` (awesome-lint's own behaviour) reports every copy.

    Under the awesome preset this rule takes the place of `duplicate-link` (LL101), which
    compares entries by a looser identity (fragments dropped, arXiv versions merged).

    ## Why is this bad?
    awesome-lint fails a list on every copy; readers meet the same project twice.

    ## Example
    ```markdown
    - [Got](https://github.com/sindresorhus/got) - HTTP client.
    - [Got again](https://github.com/sindresorhus/got/) - Same thing.
    ```

    ## Fix safety
    No fix: which copy to keep is a human decision.
    """
    doc = ctx.doc
    groups: dict[str, list[tuple[int, int, str]]] = {}
    for start, end, url in _counted_links(doc):
        if url.startswith("#"):
            continue
        groups.setdefault(awesome_link_key(url), []).append((start, end, url))
    line_of = doc.source.line_of
    cross = bool(ctx.options.get("allow-cross-section", True))
    for copies in groups.values():
        if len(copies) < 2:
            continue
        if cross:  # keep only copies that share their section with another copy
            sections = [doc.section_at(s) for s, _, _ in copies]
            copies = [c for c, sec in zip(copies, sections) if sections.count(sec) > 1]
        for start, end, url in copies:
            others = ", ".join(str(line_of(s)) for s, _, _ in copies if s != start)
            yield ctx.diagnostic(start, end, f"duplicate link '{shorten(url)}' (also on line "
                                             f"{others}): keep one")


def _counted_links(doc: Document) -> Iterator[tuple[int, int, str]]:
    """(start, end, url) of the links awesome-lint compares: inline links and autolinks,
    only the first link of each list item's first paragraph. Each link once: the cells of a
    table row share the row's line."""
    text = doc.text
    src = doc.source

    def is_ref(label: str) -> bool:
        return normalize_label(label) in doc.references

    toks = doc.tokens or []  # kept for LL6 rules: lint.needs_tokens
    seen: set[int] = set()
    for i, t in enumerate(toks):
        if t.type != "inline" or not t.map or i == 0:
            continue
        first = t.map[0] + 1
        start, end = src.line_start(first), src.line_end(max(first, t.map[1]))
        links = [r for r in scan_links(text, is_ref, start, end) if not r.image]
        in_item = (i >= 2 and toks[i - 1].type == "paragraph_open"
                   and toks[i - 2].type == "list_item_open")
        if in_item:
            links = sorted(links, key=lambda r: r.start)[:1]
        for r in links:
            if r.kind in ("inline", "autolink") and r.start not in seen:
                seen.add(r.start)
                yield r.start, r.end, r.dest


