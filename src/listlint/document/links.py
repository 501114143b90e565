"""Links: every written link of an inline block with its exact offsets, reference
definitions, and HTML comments (where directives live)."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from listlint.document.state import InlineLink
from listlint.document.tokens import href, link_text, src
from listlint.inline import RawLink, normalize_label
from listlint.model import Link, Span

if TYPE_CHECKING:
    from markdown_it.token import Token

    from listlint.document.state import State

_DEFINITION = re.compile(r"^[ ]{0,3}\[((?:[^\[\]\\\n]|\\.){1,999})\]:[ \t]*\n?[ \t]*(\S+)", re.M)


def collect_links(b: State, inline: Token) -> dict[int, InlineLink]:
    """Record every link of an inline block with its offsets; return them by token index."""
    if not inline.map:
        return {}
    text = b.text
    children = inline.children or []
    span = b.lines_span(inline.map)
    link_tokens: list[tuple[int, Token]] = []
    comments: dict[str, int] | None = None
    for j, c in enumerate(children):
        typ = c.type
        if typ == "link_open" or typ == "image":
            link_tokens.append((j, c))
        elif typ == "html_inline" and c.content.startswith("<!--"):
            if comments is None:
                comments = _comments_in(text, span.start, span.end)
            idx = _find_comment(text, c.content, comments, span)
            b.doc.comments.append((idx if idx != -1 else span.start, c.content))
    if not link_tokens:
        return {}
    raws = b.scan(span)
    paired = len(raws) == len(link_tokens) and \
        [r.image for r in raws] == [tok.type == "image" for _, tok in link_tokens]
    # a table cell is scanned with its whole row: find each of its links in the row
    matched = None if paired else _match_raws(raws, link_tokens)
    line = b.line_no(inline.map[0] + 1)
    out: dict[int, InlineLink] = {}
    for k, (j, tok) in enumerate(link_tokens):
        raw = raws[k] if paired else matched[k] if matched else None
        if tok.type == "image":
            url = src(tok)
            label = tok.content
            kind = "image"
        else:
            url = href(tok)
            label = link_text(children, j)
            kind = "autolink" if tok.markup == "autolink" else "inline"
        if raw is not None:
            if raw.kind == "reference":
                b.doc.used_labels.add(normalize_label(raw.dest))
                if not raw.image:
                    kind = "reference"
            elif raw.kind == "inline":
                url = raw.dest
            lspan: Span = Span(raw.start, raw.end)
            uspan: Span | None = Span(raw.dest_start, raw.dest_end)
            line = b.line_of(raw.start)
        else:
            lspan, uspan = span, None
        link = Link(label, url, lspan, uspan, kind, line)
        b.doc.links.append(link)
        out[j] = (link, raw)
    return out


def collect_definitions(b: State) -> None:
    """Reference definitions: find ``[label]: url`` lines outside code."""
    doc = b.doc
    if not doc.references:
        return
    skipped = doc.skipped  # code and HTML blocks: leaves, in order, never nested
    starts = [s.start for s in skipped]
    text = b.text
    for m in _DEFINITION.finditer(text):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < skipped[k].end:
            continue
        label = normalize_label(m.group(1))
        if label in doc.references:
            line_end = text.find("\n", m.end())
            end = len(text) if line_end == -1 else line_end
            doc.definitions.append((m.group(1), m.group(2), Span(m.start(), end)))


def find_comments(b: State, content: str, base: int) -> None:
    """Record the ``<!-- … -->`` comments of an HTML block (``content`` at offset ``base``)."""
    pos = 0
    while True:
        start = content.find("<!--", pos)
        if start == -1:
            return
        end = content.find("-->", start + 4)
        if end == -1:
            return
        offset = b.text.find("<!--", base + start) if base >= 0 else -1
        b.doc.comments.append((offset if offset != -1 else base, content[start : end + 3]))
        pos = end + 3


def _match_raws(raws: list[RawLink], link_tokens: list[tuple[int, Token]]
                ) -> list[RawLink | None] | None:
    """Each link token's raw link, in order, by kind and written target (None: not all found)."""
    out: list[RawLink | None] = []
    k = 0
    for _, tok in link_tokens:
        image = tok.type == "image"
        url = src(tok) if image else href(tok)
        while k < len(raws) and not (raws[k].image == image and raws[k].kind == "inline"
                                     and raws[k].dest == url):
            k += 1
        if k == len(raws):
            return None
        out.append(raws[k])
        k += 1
    return out


def _comments_in(text: str, start: int, end: int) -> dict[str, int]:
    """The first offset of each ``<!-- … -->`` (up to the first ``-->``) in text[start:end]."""
    first: dict[str, int] = {}
    close = -1
    pos = text.find("<!--", start, end)
    while pos != -1:
        if close < pos + 4:  # the first "-->" after an opening only moves forward
            close = text.find("-->", pos + 4, end)
            if close == -1:
                break
        first.setdefault(text[pos:close + 3], pos)
        pos = text.find("<!--", pos + 1, end)
    return first


def _find_comment(text: str, comment: str, first: dict[str, int], span: Span) -> int:
    """``text.find(comment, span.start, span.end)`` in linear time for a whole block.

    A comment whose only ``-->`` (after its ``<!--``) is its end occurs exactly where
    :func:`_comments_in` saw it; anything stranger is searched for.
    """
    if comment.endswith("-->") and comment.find("-->", 4) == len(comment) - 3:
        return first.get(comment, -1)
    return text.find(comment, span.start, span.end)
