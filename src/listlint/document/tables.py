"""Tables: each body row with a link is an entry (``| [Title](url) | description |``, or a
title cell of text with the paper link in another cell); the header names the columns."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from listlint.document.bare_urls import github_urls
from listlint.document.layouts import (
    TABLE_LINK,
    TABLE_TEXT,
    is_label,
    label_text,
    primary_link,
    sane_title,
    venue_suffix_start,
)
from listlint.document.titles import end_block_anchor
from listlint.document.tokens import first_link_index, href, link_text, markers, plain_text
from listlint.model import Entry, Link, Span

if TYPE_CHECKING:
    from markdown_it.token import Token

    from listlint.document.state import State

_ROW_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*\|?[ \t]*")
_CELL_EDGE = re.compile(r"\\.|`+|\|")
_GENERIC_TITLES = frozenset(
    "pdf paper code link arxiv github url website homepage project repo blog demo page".split()
)
_TITLE_HEADERS = frozenset("title name paper project api tool library".split())


def table_row(b: State, tr: Token, tokens: list[Token], i: int) -> None:
    """The header row names the columns; a body row with a link is an entry."""
    if not tr.map:
        return
    end_block_anchor(b)
    text = b.text
    cells: list[list[Token]] = []
    is_header = False
    j = i + 1
    while j < len(tokens) and tokens[j].type != "tr_close":
        tj = tokens[j]
        if tj.type == "th_open":
            is_header = True
        if tj.type == "inline":
            cells.append(tj.children or [])
        j += 1
    if is_header:
        b.header = [plain_text(c).strip().lower() for c in cells]
        b.table_header = tuple(" ".join(h.split()) for h in b.header)
        return
    row_span = b.lines_span(tr.map)
    line_no = b.line_no(tr.map[0] + 1)
    cell_links = []
    for ci, cell in enumerate(cells):
        k = first_link_index(cell, allow_text=True)
        if k is not None:
            cell_links.append((ci, k))
    if not cell_links:  # the only links are badges: [![arXiv](badge.svg)](url)
        cell_links = [(ci, j) for ci, cell in enumerate(cells)
                      for j, t in enumerate(cell) if t.type == "link_open"][:1]
    if not cell_links:
        _bare_url_row(b, cells, row_span, line_no)
        return
    ci, k = cell_links[0]
    link_tok = cells[ci][k]
    target = href(link_tok)
    if target.startswith("#"):
        return
    title = link_text(cells[ci], k).strip()
    header = b.header
    title_cell = ci
    layout = TABLE_LINK
    if not title or title.strip("[]()* ").lower() in _GENERIC_TITLES or is_label(title) or \
            link_tok.markup == "autolink":  # | Name | <https://…> |: the URL is no title
        layout = TABLE_TEXT
        title = ""
        for hi, name in enumerate(header):
            if name in _TITLE_HEADERS and hi < len(cells) and plain_text(cells[hi]).strip():
                title = plain_text(cells[hi]).strip()
                title_cell = hi
                break
        if not title:  # no title column: the first cell of plain text that is a name
            for hi, cell in enumerate(cells):
                t = plain_text(cell).strip()
                if t and sane_title(t) and any(ch.isalpha() for ch in t) and \
                        first_link_index(cell, allow_text=True) is None:
                    title, title_cell = t, hi
                    break
        if not title:
            return
    description = ""
    for cj in range(title_cell + 1, len(cells)):
        t = plain_text(cells[cj]).strip()
        if t and first_link_index(cells[cj], allow_text=False) is None:
            description = t
            break
    pm = _ROW_PREFIX.match(text, row_span.start)
    raws = b.scan(Span(pm.end() if pm else row_span.start, row_span.end))
    n_before = sum(1 for c in cells[:ci] for t in c if t.type in ("link_open", "image"))
    n_before += sum(1 for t in cells[ci][:k] if t.type in ("link_open", "image"))
    raw = raws[n_before] if len(raws) > n_before else None
    if layout == TABLE_TEXT:
        row_links = [b.raw_link(r) for r in raws]
        best = primary_link([(label_text(link.text), link.url, link.kind == "image")
                             for link in row_links])
        if best is not None and not raws[best].image:
            raw = raws[best]
            target = row_links[best].url
    url_span: Span | None
    if raw is not None:
        link_span = Span(raw.start, raw.end)
        title_span = Span(raw.text_start, raw.text_end)
        url_span = Span(raw.dest_start, raw.dest_end)
        url = raw.dest if raw.kind in ("inline", "autolink") else target
        kind = raw.kind
    else:
        link_span = title_span = row_span
        url_span = None
        url = target
        kind = "inline"
    if layout == TABLE_TEXT:
        cell_text = text.find(title, row_span.start, row_span.end)
        if cell_text != -1:
            end = venue_suffix_start(text, cell_text, cell_text + len(title))
            title_span = Span(cell_text, end)
            title = text[cell_text:end]
        else:  # markup in the cell (``🔥[**Name**] Title``): the cell as written
            spans = _cell_spans(text, row_span)
            title_span = spans[title_cell] if title_cell < len(spans) else row_span
    others = tuple(
        Link(text[r.text_start:r.text_end], r.dest, Span(r.start, r.end),
             Span(r.dest_start, r.dest_end), "image" if r.image else r.kind, line_no)
        for r in raws if r is not raw
    )
    b.doc.entries.append(Entry(
        index=len(b.doc.entries), kind="row", title=title, url=url, span=row_span,
        head=row_span, link_span=link_span, title_span=title_span, url_span=url_span,
        separator="|", separator_span=None, description=description,
        description_span=None, checked=None, checkbox_span=None,
        markers=tuple(markers(cells[ci][:k])), other_links=others, depth=0, parent=None,
        section=b.current_section, section_path=b.section_path(), list_marker="|",
        marker_span=None, emphasis="", link_kind=kind, line=line_no, end_line=line_no,
        sub_span=row_span, layout=layout,
    ))


def _bare_url_row(b: State, cells: list[list[Token]], row: Span, line_no: int) -> None:
    """``| GPULightmass | https://github.com/o/r | A lightmapper. |``: a row whose link is a
    cell holding nothing but a URL GitHub links, titled by its name column (or its first
    cell of plain text)."""
    text = b.text
    spans = _cell_spans(text, row)
    if len(spans) > len(cells):
        return
    cells = cells[:len(spans)]  # markdown-it pads a short row with empty cells
    at = None
    for ci, span in enumerate(spans):
        found = github_urls(text[span.start:span.end])
        if len(found) == 1 and found[0].index == 0 and found[0].last_index == span.end - span.start:
            at = ci, found[0]
            break
    if at is None:
        return
    ci, match = at
    names = [hi for hi, name in enumerate(b.header) if name in _TITLE_HEADERS and hi != ci]
    order = names + [hi for hi in range(len(cells)) if hi not in names and hi != ci]
    title_cell = next((hi for hi in order if _name_cell(plain_text(cells[hi]).strip())), None)
    if title_cell is None:
        return
    tspan = spans[title_cell]
    title = " ".join(plain_text(cells[title_cell]).split())  # | **Name** |: the name, no markup
    at_text = text.find(title, tspan.start, tspan.end)
    if at_text != -1:
        tspan = Span(at_text, at_text + len(title))
    description = next((t for cj in range(title_cell + 1, len(cells)) if cj != ci
                        for t in [plain_text(cells[cj]).strip()] if t), "")
    url_span = Span(spans[ci].start + match.index, spans[ci].start + match.last_index)
    b.doc.entries.append(Entry(
        index=len(b.doc.entries), kind="row", title=title, url=match.url,
        span=row, head=row, link_span=url_span, title_span=tspan, url_span=url_span,
        separator="|", separator_span=None, description=description,
        description_span=None, checked=None, checkbox_span=None, markers=(), other_links=(),
        depth=0, parent=None, section=b.current_section, section_path=b.section_path(),
        list_marker="|", marker_span=None, emphasis="", link_kind="bare", line=line_no,
        end_line=line_no, sub_span=row, layout=TABLE_TEXT,
    ))


def _name_cell(t: str) -> bool:
    return bool(t) and sane_title(t) and any(ch.isalpha() for ch in t) and \
        not github_urls(t)


def _cell_spans(text: str, row: Span) -> list[Span]:
    """The source span of each cell of a table row (outer pipes, spaces and escaped ``\\|``
    aside; a pipe inside a code span does not end a cell)."""
    start = _ROW_PREFIX.match(text, row.start)
    pos = start.end() if start else row.start
    edges = [pos]
    tick = ""
    for m in _CELL_EDGE.finditer(text, pos, row.end):
        tok = m.group()
        if tok.startswith("`"):
            tick = "" if tok == tick else (tok if not tick else tick)
        elif tok == "|" and not tick:
            edges.append(m.start())
    end = row.end
    while end > pos and text[end - 1] in " \t":
        end -= 1
    if len(edges) > 1 and edges[-1] == end - 1:
        end = edges.pop()
    edges.append(end)
    out = []
    for i in range(len(edges) - 1):
        a = edges[i] + (1 if i else 0)
        c = edges[i + 1]
        while a < c and text[a] in " \t":
            a += 1
        while c > a and text[c - 1] in " \t":
            c -= 1
        out.append(Span(a, c))
    return out
