"""Entries whose title is written as text, with their links beside it or below it.

``- **Title** [[pdf](url)] [[code](url)]``, ``- <b><a href=…>Title</a></b>``, a title item
whose links sit in its sub-bullets, a bold paragraph followed by a list of side links, and
``**Title** \\`` paragraphs. An :class:`~listlint.document.state.Anchor` holds a title (or an
entry) while the side links below it are read.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from listlint.document.bare_urls import labelled_bare_urls
from listlint.document.html import html_anchors, html_text_span, visible
from listlint.document.layouts import (
    HTML_TAG,
    LIST_HTML,
    LIST_NESTED,
    LIST_TEXT,
    PARAGRAPH,
    TextTitle,
    alone_on_line,
    checkbox,
    has_words,
    is_citation,
    is_label,
    label_text,
    primary_link,
    read_text_title,
    sane_title,
    side_link,
    tail,
    wrapped_at,
)
from listlint.document.state import Anchor, OpenItem, parent_entry
from listlint.inline import RawLink
from listlint.model import Entry, Link, Span

if TYPE_CHECKING:
    from markdown_it.token import Token

    from listlint.document.state import State

_HARD_BREAK = re.compile(r"\\(?=\s|$)")
_COLON_GAP = re.compile(r"[ \t]*[:：][ \t]*")
_FILE_NAME = re.compile(r"[\w.\-/]+\.[A-Za-z0-9]{1,5}")  # suspicious_named_pipe_list.csv


def block_paragraph(b: State, para: Token, inline: Token) -> None:
    """A paragraph outside lists: a bold title alone (``**Title**``) waits for the list of
    side links that follows it; any other paragraph ends such a wait."""
    end_block_anchor(b)
    children = [c for c in inline.children or [] if c.type != "text" or c.content.strip()]
    lead = next((c.type for c in children if c.type not in ("html_inline", "softbreak")), "")
    if para.map and lead == "strong_open" and any(c.type == "link_open" for c in children) \
            and (paragraph_lines(b, para) or linked_paragraph_lines(b, para)):
        return
    if para.map and lead == "link_open" and linked_paragraph_lines(b, para):
        return
    if para.map and para.map[1] - para.map[0] >= 2 and children and \
            children[0].type in ("strong_open", "em_open") and \
            any(c.type == "link_open" for c in children):
        paragraph_entry(b, para)
        return
    if not para.map or len(children) < 3 or children[0].type not in ("strong_open",
                                                                     "em_open") \
            or children[-1].type != children[0].type.replace("open", "close") or \
            any(c.type in ("link_open", "image") for c in children):
        return
    head = b.lines_span(para.map)
    title = read_text_title(b.text, head.start, head.end)
    if title is not None and title.emphasis and sane_title(b.text[title.start:title.end]):
        b.block_anchor = Anchor(None, title, head, [], len(b.doc.entries),
                                content_start=head.start)


def paragraph_lines(b: State, para: Token) -> bool:
    """``**Title** (ICLR 2024) [[paper]](url)``: a paragraph whose every line is an entry, a
    bold title then side links only (one paper per line, or per paragraph). False, and no
    entry made, unless every line is one."""
    assert para.map is not None
    text = b.text
    found = [b.raw_link(r) for r in b.scan(b.lines_span(para.map))]
    starts = [link.span.start for link in found]
    lines = []
    for n in range(para.map[0] + 1, para.map[1] + 1):
        start, end = b.src.line_start(n), b.src.line_end(n)
        links = found[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        if not links and not HTML_TAG.sub("", text[start:end]).strip():
            continue  # an anchor above the first title: <a id="kv-cache"></a>
        outward = [link for link in links if link.kind != "image"]
        if not outward or not all(side_link(text, link) for link in outward):
            return False
        title = read_text_title(text, start, outward[0].span.start)
        if title is None or title.emphasis not in ("**", "__") or title.start > start + 2 or \
                not sane_title(text[title.start:title.end]) or \
                has_words(text, max(title.after, title.end), end, links):
            return False  # "**Important:** this list moved, see [here](url)": prose
        lines.append((title, Span(start, end), links))
    if not lines:
        return False
    for title, span, links in lines:
        before_entry(b)
        b.doc.entries.append(text_entry(b, PARAGRAPH, title, span, links, None, None,
                                        span.start, 0, span))
    return True


_DESCRIBED = re.compile(r"[ \t]*(?:[-–—:|]|\uff1a)[ \t]+\S")  # " - A description", ": ..."


def linked_paragraph_lines(b: State, para: Token) -> bool:
    """``**[OpenAI](url)** ⭐⭐⭐ 💵``, ``**[Name](url)** - A description`` or ``[Name](url):
    what it is``: a directory written as paragraphs (its details maybe in bullets below).
    Every line of the paragraph is a link, bold or followed by a separator and a
    description, then badges, emoji and side links only. False, and no entry made, unless
    every line is one: a link in a sentence is prose."""
    assert para.map is not None
    text = b.text
    found = [b.raw_link(r) for r in b.scan(b.lines_span(para.map))]
    starts = [link.span.start for link in found]
    lines: list[tuple[TextTitle, Span, list[Link], Link]] = []
    for n in range(para.map[0] + 1, para.map[1] + 1):
        start, end = b.src.line_start(n), b.src.line_end(n)
        links = found[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        if not links and not HTML_TAG.sub("", text[start:end]).strip():
            continue  # an anchor line: <a id="openai"></a>
        main = links[0] if links else None
        lead = text[start:main.span.start].strip() if main else ""
        if main is None or main.kind != "inline" or lead not in ("**", "__", "") or \
                not text.startswith(lead, main.span.end) or side_link(text, main) or \
                not main.url.startswith(("http://", "https://")):
            return False  # "**[⬆ back to top](#contents)**", "**[中文版](README_zh.md)**"
        if lines and lead != lines[0][0].emphasis:
            return False  # "**[Paper](url)**" then "[Its Author](url) - CVPR 2016": one paper
        name_start = main.span.start + 1
        name_end = text.rfind("](", name_start, main.url_span.start if main.url_span else
                              main.span.end)
        if name_end < 0 or not sane_title(text[name_start:name_end]):
            return False
        after = main.span.end + len(lead)
        rest = links[1:]
        if not all(side_link(text, r) for r in rest):
            return False  # "**[Reddit](url)** · **[Discord](url)**": a bar of links
        described = _DESCRIBED.match(text, after, end) is not None and \
            text[after:end].lstrip()[:1] != "|" and has_words(text, after, end, rest)
        if not lead and not described:
            return False  # without bold, only "[Name](url): what it is" lines
        if has_words(text, after, end, rest) and not described:
            return False  # "**[Read the guide](url)** to get started": prose
        lines.append((TextTitle(name_start, name_end, lead, (), after), Span(start, end),
                      links, main))
    if not lines or (not lines[0][0].emphasis and len(lines) < 2):
        return False  # one "[Join our Discord](url) - we are friendly!" line is a footer
    for title, span, links, main in lines:
        before_entry(b)
        b.doc.entries.append(text_entry(b, PARAGRAPH, title, span, links, None, None,
                                        span.start, 0, span, main))
    if len(lines) == 1 and not b.doc.entries[-1].description:
        b.header_entry = (len(b.doc.entries) - 1, para.map[1])
    return True


def paragraph_entry(b: State, para: Token) -> None:
    """``**Title** \\`` / ``*Authors* \\`` / ``Venue [[Paper](url)]``: an entry written as
    a paragraph, its emphasised title alone on the first line, side links only."""
    assert para.map is not None
    text = b.text
    head = b.lines_span(para.map)
    first_end = b.src.line_end(para.map[0] + 1)
    title = read_text_title(text, head.start, first_end)
    if title is None or not title.emphasis or not alone_on_line(text, title) or \
            not sane_title(text[title.start:title.end]):
        return
    found = [b.raw_link(r) for r in b.scan(head)]
    outward = [link for link in found if link.kind != "image"]
    if not outward or not all(side_link(text, link, venue=True) for link in outward):
        return
    before_entry(b)
    b.doc.entries.append(text_entry(b, PARAGRAPH, title, head, found, None, None,
                                    head.start, 0, head))


def end_block_anchor(b: State) -> None:
    """A block that is no side link ends the wait of a bold title or ``<summary>`` entry."""
    anchor = b.block_anchor
    if anchor is not None:
        b.block_anchor = None
        finish_anchor(b, anchor)


def before_entry(b: State) -> None:
    """A new entry starts: a pending title of a paragraph above it is complete. And a lone
    bold link paragraph right above the list this entry opens (``**[Python](url)**`` over
    the Python tools) was that group's header, not an entry: it is taken back."""
    header = b.header_entry
    if header is not None:
        b.header_entry = None
        index, end = header
        top = b.list_stack[0].token.map if b.list_stack else None
        if len(b.item_stack) == 1 and top is not None and top[0] - end <= 1 and \
                index == len(b.doc.entries) - 1:
            b.doc.entries.pop()
    anchor = b.block_anchor
    if anchor is not None and anchor.entry is None:
        b.block_anchor = None
        finish_anchor(b, anchor)


def finish_anchor(b: State, anchor: Anchor) -> None:
    """Make the entry of a title whose links were below it, or add them to an entry."""
    if not anchor.links:
        return
    entries = b.doc.entries
    if anchor.entry is not None:
        e = entries[anchor.entry]
        entries[anchor.entry] = replace(e, other_links=e.other_links + tuple(anchor.links))
        return
    if anchor.title is None or len(entries) != anchor.entries_at:
        return
    span = Span(anchor.head.start, max(anchor.end, anchor.head.end))
    entries.append(text_entry(b, LIST_NESTED, anchor.title, anchor.head, anchor.links,
                              anchor.item, anchor.marker_span, anchor.content_start,
                              anchor.depth, span))


def text_item(b: State, item: OpenItem, head: Span, content_start: int,
              marker_span: Span | None, depth: int, raws: list[RawLink]) -> bool:
    """A list item whose title is text: ``- **Title** [[pdf](url)] [[code](url)]``, a
    title item whose links follow in sub-bullets, or an item of side links only (which
    joins the title above it). False when the item is none of these."""
    text = b.text
    found = [b.raw_link(r) for r in raws]
    if found and "<sup" in text[content_start:head.end]:
        found = [link for link in found if not is_citation(text, link)]
        raws = raws if found else []
    if not raws and "<a" in text[content_start:head.end]:
        if html_item(b, item, head, content_start, marker_span, depth):
            return True
    if not raws or all(link.kind == "image" for link in found):
        # "地址：https://…" with a star badge on the next line: the URL is the link
        bare = labelled_bare_urls(text, content_start, found[0].span.start if found else
                                  head.end, b.line_of)
        found = sorted([*found, *bare], key=lambda link: link.span.start) if bare else found
    outward = [link for link in found if link.kind != "image"
               and not link.url.startswith("#")]
    if not outward:
        if found:
            return False
        title = read_text_title(text, content_start, head.end)
        if title is not None and sane_title(text[title.start:title.end]):
            item.anchor = Anchor(None, title, head, [], len(b.doc.entries), item.token,
                                 marker_span, content_start, depth)
        return True
    first = outward[0]
    title = read_text_title(text, content_start, first.span.start)
    rest_start = content_start
    if title is None:
        pos = content_start
        j = 0
        while j < len(outward) and wrapped_at(text, outward[j].span) and \
                not text[pos:outward[j].span.start].strip(" \t["):
            pos = outward[j].span.end + 1
            j += 1
        if j:
            stop = outward[j].span.start if j < len(outward) else head.end
            title = read_text_title(text, pos, stop)
            rest_start = pos
    if title is None or not sane_title(text[title.start:title.end]):
        if all(side_link(text, link) for link in outward) and \
                not has_words(text, content_start, head.end, found):
            return attach(b, found, head)
        return False
    after = [link for link in outward if link.span.start >= title.end]
    if after and not side_link(text, after[0]) and rest_start == content_start and \
            not _labelled_link(b, text, title, outward, depth):
        return False  # a sentence with a link in it, not a title with side links
    before_entry(b)
    if b.list_stack:
        b.list_stack[-1].items.append(True)
    entry = text_entry(b, LIST_TEXT, title, head, found, item.token, marker_span,
                       content_start, depth, head)
    item.entry = entry
    b.doc.entries.append(entry)
    return True


def _labelled_link(b: State, text: str, title: TextTitle, outward: list[Link],
                   depth: int) -> bool:
    """``- Suspicious pipes: [pipes.csv](url)``: a short name, a colon, then its one link, to
    a file (where the link text names the entry, ``MIT: [Database Systems](url)``, the name
    before it is its source: :data:`listlint.document.tokens.SOURCE_MARKER`). Not
    a field of the entry above (``- Code: [repo](url)``), nor a sentence (``New paper!``)."""
    if len(outward) != 1 or (depth and parent_entry(b.item_stack[:-1]) is not None) or \
            not _FILE_NAME.fullmatch(label_text(outward[0].text).strip()):
        return False
    name = text[title.start:title.end]
    return _COLON_GAP.fullmatch(text, max(title.after, title.end), outward[0].span.start) \
        is not None and len(name.split()) <= 6 and not is_label(name) and \
        not any(ch in name for ch in "!?")


def html_item(b: State, item: OpenItem, head: Span, content_start: int,
              marker_span: Span | None, depth: int) -> bool:
    """``- <b><a href="url">Title</a></b> - description``: an HTML link as the title."""
    text = b.text
    anchors = html_anchors(text, content_start, head.end)
    if not anchors or visible(text[content_start:anchors[0].start]) or \
            not sane_title(anchors[0].text):
        return False
    span = html_text_span(text, anchors[0].start, anchors[0].end)
    if span is None:
        return False
    line_of = b.line_of
    links = [Link(a.text, a.url, Span(a.start, a.end), Span(a.url_start, a.url_end), "html",
                  line_of(a.start)) for a in anchors]
    before_entry(b)
    if b.list_stack:
        b.list_stack[-1].items.append(True)
    title = TextTitle(span[0], span[1], "", ())
    entry = text_entry(b, LIST_HTML, title, head, links, item.token, marker_span,
                       content_start, depth, head, main=links[0])
    item.entry = entry
    b.doc.entries.append(entry)
    return True


def attach(b: State, links: list[Link], head: Span) -> bool:
    """Give side links (``- [[Paper]](url)``, ``- Code: https://…``) to the title above:
    the nearest enclosing item that is an entry or a title, else the block before."""
    anchor = None
    for it in reversed(b.item_stack[:-1]):
        if it.anchor is not None:
            anchor = it.anchor
            break
        if it.entry is not None:
            anchor = it.anchor = Anchor(it.entry.index, None, it.entry.head, [], 0)
            break
    if anchor is None:
        anchor = b.block_anchor
    if anchor is None:
        return False
    anchor.links.extend(links)
    anchor.end = max(anchor.end, head.end)
    b.consumed = True
    return True


def text_entry(b: State, layout: str, title: TextTitle, head: Span, links: list[Link],
               item_tok: Token | None, marker_span: Span | None, content_start: int,
               depth: int, span: Span, main: Link | None = None) -> Entry:
    """The entry of a title written as text and the links that go with it."""
    text = b.text
    if main is None:
        k = primary_link([(label_text(link.text), link.url, link.kind == "image")
                          for link in links])
        main = links[k] if k is not None else None
    others = tuple(link for link in links if link is not main)
    title_end = title.after if title.after > title.end else title.end
    if main is not None and main.kind == "html" and main.span.start <= title.start:
        title_end = main.span.end
    desc_end = min([link.span.start - wrapped_at(text, link.span) for link in links
                    if link.span.start >= title_end] + [head.end])
    separator, separator_span, description, description_span = tail(text, title_end, desc_end)
    description = _HARD_BREAK.sub(" ", HTML_TAG.sub(" ", description)).strip(" .,;")
    description = " ".join(description.split())
    checked, checkbox_span = checkbox(text, content_start)
    markers = tuple(" ".join(text[a:c].split()) for a, c in title.tags)
    parent = parent_entry(b.item_stack[:-1] if item_tok is not None else b.item_stack)
    list_marker = ""
    if item_tok is not None:
        list_marker = (item_tok.info or "") + item_tok.markup
    line_of = b.line_of
    link_span = main.span if main else Span(title.start, title.end)
    return Entry(
        index=len(b.doc.entries), kind="item",
        title=" ".join(text[title.start:title.end].split()),
        url=main.url if main else "", span=span, head=head, link_span=link_span,
        title_span=Span(title.start, title.end),
        url_span=main.url_span if main else None, separator=separator,
        separator_span=separator_span, description=description,
        description_span=description_span, checked=checked, checkbox_span=checkbox_span,
        markers=markers, other_links=others, depth=depth, parent=parent,
        section=b.current_section, section_path=b.section_path(), list_marker=list_marker,
        marker_span=marker_span, emphasis=title.emphasis,
        link_kind=main.kind if main else "inline",
        line=line_of(span.start), end_line=line_of(max(span.start, span.end - 1)),
        sub_span=span, layout=layout,
    )
