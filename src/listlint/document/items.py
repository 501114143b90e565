"""List items: the head of each item becomes an entry (``- [Title](url) - description``),
a ToC item (``- [Section](#section)``), or is handed to :mod:`~listlint.document.titles`
when its title is text; a list of ToC items becomes a :class:`~listlint.model.Toc`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import unquote

from listlint.document.layouts import (
    BRACKETED_LABEL,
    checkbox,
    inside_emphasis,
    is_label,
    tail,
    wrapped_at,
)
from listlint.document.state import InlineLink, OpenItem, parent_entry
from listlint.document.titles import before_entry, text_item
from listlint.document.tokens import count_links, first_link_index, href, link_text, markers
from listlint.document.tokens import title_emphasis as emphasis_of
from listlint.inline import RawLink
from listlint.model import Entry, Link, Span, Toc, TocItem

if TYPE_CHECKING:
    from markdown_it.token import Token

    from listlint.document.state import State

_ITEM_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*([-*+]|\d{1,9}[.)])([ \t]+|$)")


def close_list(b: State) -> None:
    """A list ends: its ToC items make a ToC (an outer list's, when it is nested)."""
    lst = b.list_stack.pop()
    if lst.toc_items and not b.list_stack:
        items = lst.toc_items
        tok = lst.token
        heads = lst.items
        if len(items) >= max(1, int(0.8 * max(heads_count := len(heads), 1))) or heads_count == 0:
            span = b.lines_span(tok.map) if tok.map else Span(0, 0)
            depths = sorted({d for _, _, _, _, d, _ in items})
            indent = 2
            if len(depths) > 1:
                first_nested = next(ind for *_, d, ind in items if d == depths[1])
                indent = max(1, first_nested)
            toc_items = tuple(TocItem(text, anchor, d, sp, ln)
                              for text, anchor, sp, ln, d, _ in items)
            tocs = b.doc.tocs
            prev = tocs[-1] if tocs else None
            if prev is not None and prev.section == b.current_section and \
                    b.last_heading_offset <= prev.span.start:
                # one ToC split into several lists by group labels (awesome-python)
                tocs[-1] = Toc(prev.items + toc_items, Span(prev.span.start, span.end),
                               prev.section, prev.marker, prev.indent)
            else:
                tocs.append(Toc(toc_items, span, b.current_section, tok.markup, indent))
    elif lst.toc_items and b.list_stack:
        b.list_stack[-1].toc_items.extend(lst.toc_items)
        b.list_stack[-1].items.extend(lst.items)


def list_item_head(b: State, item: OpenItem, para: Token, inline: Token,
                   links: dict[int, InlineLink]) -> None:
    """Make an entry (or a ToC item) of the first paragraph of a list item."""
    assert para.map is not None
    text = b.text
    children = inline.children or []
    k = first_link_index(children)
    item_tok = item.token
    depth = len(b.item_stack) - 1
    head = b.lines_span(para.map)
    line_no = b.line_no(para.map[0] + 1)
    line_start = head.start
    line_end = b.src.line_end(line_no)
    marker_span = None
    pm = None
    if item_tok.map and item_tok.map[0] == para.map[0]:
        pm = _ITEM_PREFIX.match(text, line_start, line_end)
    if pm:
        marker_span = Span(pm.start(1), pm.end(1))
        content_start = pm.end()
    else:
        first_line = text[line_start:line_end]
        content_start = line_start + len(first_line) - len(first_line.lstrip(" \t>"))
    raws = [r for r in b.scan(head) if r.start >= content_start]
    raw = None
    if k is not None:
        target = href(children[k])
        n_before = count_links(children, 0, k)
        raw = raws[n_before] if len(raws) > n_before else None
        if target.startswith("#"):
            if b.list_stack:
                label = link_text(children, k)
                span = Span(raw.start, raw.end) if raw else head
                anchor = unquote(raw.dest[1:] if raw and raw.dest.startswith("#")
                                 else target[1:])
                b.list_stack[-1].toc_items.append(
                    (label, anchor, span, line_no, depth, b.indent_of(line_no)))
                b.list_stack[-1].items.append(None)
            b.consumed = True
            return
        label = link_text(children, k)
        if not is_label(label) and not (raw is not None and wrapped_at(
                text, Span(raw.start, raw.end))) and not BRACKETED_LABEL.fullmatch(label):
            linked_item(b, item, children, k, links.get(k), raw, raws, head, content_start,
                        marker_span, depth)
            return
    if text_item(b, item, head, content_start, marker_span, depth, raws):
        return
    if k is not None and not BRACKETED_LABEL.fullmatch(link_text(children, k)):
        linked_item(b, item, children, k, links.get(k), raw, raws, head, content_start,
                    marker_span, depth)


def linked_item(b: State, item: OpenItem, children: list[Token], k: int,
                found: InlineLink | None, raw: RawLink | None, raws: list[RawLink],
                head: Span, content_start: int, marker_span: Span | None, depth: int) -> None:
    """An entry whose title is a link: ``- [Title](url) - description``."""
    before_entry(b)
    if b.list_stack:
        b.list_stack[-1].items.append(True)
    entry = make_entry(b, item, children, k, found, raw, raws, head, content_start,
                       marker_span, depth)
    item.entry = entry
    b.doc.entries.append(entry)


def make_entry(b: State, item: OpenItem, children: list[Token], k: int,
               found: InlineLink | None, raw: RawLink | None, raws: list[RawLink],
               head: Span, content_start: int, marker_span: Span | None, depth: int) -> Entry:
    """The entry whose link is ``children[k]``; ``found`` is that link as recorded."""
    text = b.text
    link_tok = children[k]
    title = (found[0].text if found else link_text(children, k)).strip()
    target = href(link_tok)
    checked, checkbox_span = checkbox(text, content_start)
    emphasis = emphasis_of(children, k)
    item_markers = tuple(markers(children[:k])) if k else ()
    url_span: Span | None
    if raw is not None:
        if found is not None and found[1] is raw:
            link_span, url_span = found[0].span, found[0].url_span
        else:
            link_span, url_span = Span(raw.start, raw.end), Span(raw.dest_start, raw.dest_end)
        title_span = inside_emphasis(text, raw.text_start, raw.text_end)
        url = raw.dest if raw.kind in ("inline", "autolink") else target
        link_kind = raw.kind
    else:
        link_span = title_span = head
        url_span = None
        url = target
        link_kind = "autolink" if link_tok.markup == "autolink" else "inline"
    after = link_span.end
    if emphasis and text.startswith(emphasis, after):
        after += len(emphasis)
    separator, separator_span, description, description_span = tail(text, after, head.end)
    line_of = b.line_of
    others = () if len(raws) == 1 and raws[0] is raw else tuple(
        Link(text[r.text_start:r.text_end], r.dest, Span(r.start, r.end),
             Span(r.dest_start, r.dest_end), "image" if r.image else r.kind, line_of(r.start))
        for r in raws if raw is None or r is not raw)
    item_tok = item.token
    item_span = b.lines_span(item_tok.map) if item_tok.map else head
    own_end = head.end
    start = min(item_span.start, head.start)
    span = head if start == head.start else Span(start, own_end)
    list_marker = item_tok.markup if item_tok.type == "list_item_open" else ""
    if item_tok.info:
        list_marker = item_tok.info + item_tok.markup
    return Entry(
        index=len(b.doc.entries), kind="item", title=title, url=url, span=span, head=head,
        link_span=link_span, title_span=title_span, url_span=url_span, separator=separator,
        separator_span=separator_span, description=description,
        description_span=description_span, checked=checked, checkbox_span=checkbox_span,
        markers=item_markers, other_links=others, depth=depth,
        parent=parent_entry(b.item_stack[:-1]), section=b.current_section,
        section_path=b.section_path(), list_marker=list_marker, marker_span=marker_span,
        emphasis=emphasis, link_kind=link_kind, line=line_of(start),
        end_line=line_of(max(start, own_end - 1) if own_end > start else start),
        sub_span=item_span,
    )
