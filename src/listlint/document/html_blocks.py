"""HTML blocks: skipped as prose, searched for comments (directives), and read for the
entries some lists write in HTML (``<tr>`` rows, ``<summary>`` lines; see
:mod:`listlint.document.html`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from listlint.document.blocks import HtmlBlock
from listlint.document.html import html_entries
from listlint.document.layouts import HTML_SUMMARY, HTML_TABLE, primary_link
from listlint.document.links import find_comments
from listlint.document.state import Anchor
from listlint.document.titles import before_entry, end_block_anchor
from listlint.model import Entry, Link, Span

if TYPE_CHECKING:
    from markdown_it.token import Token

    from listlint.document.state import State


def html_block(b: State, t: Token) -> None:
    """An HTML block: no entries of list items in it, its comments kept, its HTML entries."""
    content = t.content
    if t.map:
        span = b.lines_span(t.map)
        b.doc.skipped.append(span)
        b.doc.html_blocks.append(HtmlBlock(span, b.line_no(t.map[0] + 1), content))
        find_comments(b, content, span.start)
    if t.map and ("<a" in content or "<A" in content):
        _entries(b, t)
    elif not b.item_stack and ("<summary" in content or "<table" in content or
                               "<p" in content or "<h" in content):
        end_block_anchor(b)
    if b.item_stack:
        b.item_stack[-1].head_done = True


def _entries(b: State, t: Token) -> None:
    """Entries of an HTML block: ``<tr>`` rows and ``<summary>`` lines with a link."""
    assert t.map is not None
    content = t.content
    base = b.src.line_start(t.map[0] + 1)
    found = html_entries(content)
    if not b.item_stack and "<summary" in content:
        end_block_anchor(b)
    if not found or not b.text.startswith(content.rstrip("\n"), base):
        return  # inside a list or quote: the block's text is not the source's
    line_of = b.line_of
    for h in found:
        links = [Link(a.text, a.url, Span(base + a.start, base + a.end),
                      Span(base + a.url_start, base + a.url_end), "html",
                      line_of(base + a.start)) for a in h.links]
        main = links[h.main] if h.main is not None else None
        if main is None:
            k = primary_link([(a.text, a.url, False) for a in h.links])
            main = links[k] if k is not None else links[0]
        before_entry(b)
        span = Span(base + h.start, base + h.end)
        title_span = Span(base + h.title_start, base + h.title_end)
        entry = Entry(
            index=len(b.doc.entries), kind="row" if h.layout == HTML_TABLE else "item",
            title=h.title, url=main.url, span=span, head=span, link_span=main.span,
            title_span=title_span, url_span=main.url_span, separator="",
            separator_span=None, description=h.description, description_span=None,
            checked=None, checkbox_span=None, markers=(),
            other_links=tuple(link for link in links if link is not main), depth=0,
            parent=None, section=b.current_section, section_path=b.section_path(),
            list_marker="", marker_span=None, emphasis="", link_kind="html",
            line=line_of(span.start), end_line=line_of(max(span.start, span.end - 1)),
            sub_span=span, layout=h.layout)
        b.doc.entries.append(entry)
        if h.layout == HTML_SUMMARY and not b.item_stack:
            b.block_anchor = Anchor(entry.index, None, span, [], 0)
