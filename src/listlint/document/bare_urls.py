"""Bare URLs: the ``https://…`` and ``www.…`` in plain text that GitHub renders as links.

GitHub Flavored Markdown turns a URL written without brackets into a link (the autolink
extension), so readers click it like any other link; a dead one is just as dead. They are read
here with markdown-it-py's linkify engine (linkify-it-py), on the text that markdown-it left
outside links, code spans and HTML, and kept as :class:`~listlint.model.Link` objects of kind
``"bare"`` with their exact place in the file. They are links, never entries of their own:
an entry's title is written text or a written link, and a bare URL named by a label
(``Paper: https://…``, :func:`labelled_bare_urls`) is only a side link of one. Both read URLs
with the one finder, :func:`github_urls`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from listlint.document.layouts import is_label
from listlint.model import Link, Span

if TYPE_CHECKING:
    from markdown_it.token import Token

    from listlint.document.document import Document

# A cheap test before the linkify engine: only text that could hold a URL GitHub would link.
_MAYBE_URL = re.compile(r"https?://|www\.", re.I)
# The same, for a block's source: not a URL just after "](", "<", "[" or a quote (a written
# link's target or text, an autolink, an HTML attribute), which is most of them in a list.
_MAYBE_BARE = re.compile(r"""(?<!\]\()(?<![<\["'])(?:https?://|www\.)""", re.I)
# GitHub links http(s):// URLs and ones that start with "www."; not "example.org" alone.
_GITHUB_LINKS = re.compile(r"(?:https?://|www\.)", re.I)
_NEW_TLDS = ["dev", "app", "ai", "tech", "page", "cloud", "site", "online", "blog", "tools", "wiki",
             "xyz", "link", "life", "world", "space", "studio", "systems", "software", "network",
             "science", "academy", "design", "run", "page", "live", "news", "pub", "codes"]
_HTML_A_OPEN = re.compile(r"<a[\s>]", re.I)
_HTML_A_CLOSE = re.compile(r"</a\s*>", re.I)
# linkify-it validates each candidate (an "http:", a "//") against the rest of the text it is
# given, so one call on a huge text is quadratic: 370 KB of URLs without a space took four
# minutes. It is given pieces of at most _PIECE characters instead, each cut just after a
# space, tab or newline: no URL holds one, and a URL just after it is found at the start of a
# piece as it is after the space, so text is read exactly as in one call. Only a run of more
# than _PIECE characters without a space (no URL of a real list is that long; the corpus's
# longest is 405) is cut anywhere.
_PIECE = 4096
_CUTS = (" ", "\t", "\n")


@dataclass(frozen=True, slots=True)
class UrlMatch:
    """A URL found in plain text: ``text[index:last_index]`` is ``raw``; ``url`` is it
    normalised (``http://`` in front of a ``www.`` one)."""

    index: int
    last_index: int
    raw: str
    url: str


@lru_cache(maxsize=1)
def _linkify() -> Any:
    from linkify_it import LinkifyIt  # type: ignore[import-untyped]  # ships no type hints

    class Linkify(LinkifyIt):  # type: ignore[misc]
        def _validate_double_slash(self, text: str, pos: int) -> int:
            # A "//" just after ":" or "/" is never a link; say so before matching the
            # rest of the piece (as linkify-it does after): a line of URLs written without
            # spaces is 16 times faster.
            if pos >= 3 and text[pos - 3] in ":/":
                return 0
            return int(super()._validate_double_slash(text, pos))

    # linkify-it knows the old generic domains and every two-letter one; "www." links of the
    # newer domains popular with projects are links on GitHub too.
    return Linkify(options={"fuzzy_email": False}).tlds(_NEW_TLDS, True)


def maybe_bare(content: str) -> bool:
    """Could this block text hold a bare URL? (A cheap test before :func:`bare_links`.)"""
    return _MAYBE_BARE.search(content) is not None


def bare_links(doc: Document, tokens: Iterable[Token],
               taken: list[tuple[int, int]] | None = None) -> list[Link]:
    """The bare http(s) URLs of the inline blocks among ``tokens``, in the order they appear;
    ``taken``: the sorted spans of the written links they may be in (all of ``doc.links``
    when not given)."""
    if taken is None:
        taken = sorted((link.span.start, link.span.end) for link in doc.links)
    out: list[Link] = []
    for tok in tokens:
        if tok.type == "inline" and tok.map and tok.children and _MAYBE_BARE.search(tok.content):
            out.extend(_in_block(doc, tok, taken))
    return out


def add_bare_links(doc: Document, found: list[Link]) -> None:
    """Add the bare URLs ``found`` to ``doc.links``, keeping the links in the order of the
    file."""
    if found:
        doc.links.extend(found)
        doc.links.sort(key=lambda link: link.span.start)


def _in_block(doc: Document, inline: Token, taken: list[tuple[int, int]]) -> list[Link]:
    """Bare URLs in the text of one inline block (a paragraph, heading or table cell)."""
    block = doc.line_span(inline.map[0] + 1, inline.map[1]) if inline.map else None
    if block is None:
        return []
    text = doc.text
    cursor = block.start
    depth = 0  # inside a Markdown link or an HTML <a>
    out: list[Link] = []
    for child in inline.children or ():
        kind = child.type
        if kind == "link_open":
            depth += 1
        elif kind == "link_close":
            depth = max(0, depth - 1)
        elif kind == "html_inline":
            if _HTML_A_OPEN.match(child.content):
                depth += 1
            elif _HTML_A_CLOSE.match(child.content):
                depth = max(0, depth - 1)
        elif kind == "code_inline":  # step over it, so a URL in code is never found below
            at = text.find(child.content, cursor, block.end)
            cursor = at + len(child.content) if at != -1 else cursor
        elif kind == "text" and depth == 0 and _MAYBE_URL.search(child.content):
            for match in github_urls(child.content):
                start = _find_free(text, match.raw, cursor, block.end, taken)
                if start is None:
                    continue
                end = start + len(match.raw)
                cursor = end
                span = Span(start, end)
                out.append(Link(match.raw, match.url, span, span, "bare", doc.source.line_of(start)))
    return out


def _find_free(text: str, raw: str, start: int, end: int, taken: list[tuple[int, int]]
               ) -> int | None:
    """Where ``raw`` occurs in ``text[start:end]`` outside every written link, or None."""
    at = text.find(raw, start, end)
    while at != -1:
        k = bisect.bisect_right(taken, (at, len(text))) - 1
        if k < 0 or taken[k][1] <= at:
            return at
        at = text.find(raw, taken[k][1], end)
    return None


def labelled_bare_urls(text: str, start: int, end: int, line_of: Callable[[int], int]
                       ) -> list[Link]:
    """``Paper: https://…``: bare URLs named by a label word before them (all of them, or
    none when any text before a URL is no label), as the side links of an entry. The URLs
    are the ones GitHub links (:func:`github_urls`), read in the source of one item."""
    if not _MAYBE_URL.search(text, start, end):
        return []
    out = []
    pos = start
    for match in github_urls(text[start:end]):
        at, stop = start + match.index, start + match.last_index
        label = text[pos:at].strip(" \t:：-–|[]()")
        if not is_label(label):
            return []
        span = Span(at, stop)
        out.append(Link(label, match.url, span, span, "bare", line_of(at)))
        pos = stop
    return out


def github_urls(text: str) -> list[UrlMatch]:
    """The URLs GitHub links in plain ``text``: ``http(s)://`` and ``www.`` ones, not a
    bare ``example.org``, in order. The one bare-URL finder of listlint (linkify-it, read
    in pieces: linear time on any text)."""
    match = _linkify().match
    out: list[UrlMatch] = []
    for start, end in _pieces(text):
        piece = text if (start, end) == (0, len(text)) else text[start:end]
        out.extend(UrlMatch(start + m.index, start + m.last_index, m.raw, m.url)
                   for m in match(piece) or () if _GITHUB_LINKS.match(m.raw))
    return out


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the pieces of ``text`` linkify-it reads (see ``_PIECE``)."""
    start, n = 0, len(text)
    while n - start > _PIECE:
        limit = start + _PIECE
        cut = max(text.rfind(c, start, limit) for c in _CUTS) + 1
        end = cut if cut > start else limit
        yield start, end
        start = end
    yield start, n
