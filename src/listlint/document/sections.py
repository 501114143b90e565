"""Sections: headings, their GitHub anchors, and where each section ends."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from listlint.document.titles import end_block_anchor
from listlint.document.tokens import plain_text
from listlint.model import Section, Span

if TYPE_CHECKING:
    from markdown_it.token import Token

    from listlint.document.state import State


def github_slug(text: str) -> str:
    """The anchor GitHub gives a heading (before de-duplication), like github-slugger."""
    out = []
    for ch in text.lower():
        if ch == " ":
            out.append("-")
        elif ch in "-_" or ch.isalnum() or unicodedata.category(ch)[0] in "MN":
            out.append(ch)
        elif unicodedata.category(ch) == "Pc":
            out.append(ch)
    return "".join(out)


def heading(b: State, t: Token, inline: Token) -> None:
    """Open the section of heading ``t`` (its text in ``inline``)."""
    end_block_anchor(b)
    level = int(t.tag[1])
    raw_title = plain_text(inline.children)
    title = raw_title.strip()
    slug = github_slug(raw_title.lstrip())
    if slug in b.slug_counts:
        k = b.slug_counts[slug]
        while True:
            k += 1
            cand = f"{slug}-{k}"
            if cand not in b.slug_counts:
                break
        b.slug_counts[slug] = k
        b.slug_counts[cand] = 0
        slug = cand
    else:
        b.slug_counts[slug] = 0
    secs = b.doc.sections
    while b.heading_stack and secs[b.heading_stack[-1]].level >= level:
        b.heading_stack.pop()
    parent = b.heading_stack[-1] if b.heading_stack else None
    path = (secs[parent].path if parent is not None else ()) + (title,)
    span = b.lines_span(t.map) if t.map else Span(0, 0)
    idx = len(secs)
    line = b.line_no(t.map[0] + 1) if t.map else 1
    secs.append(Section(title, level, slug, span, span, path, parent, idx, line))
    b.heading_stack.append(idx)
    b.current_section = idx
    b.last_heading_offset = span.start
    b.doc.anchors.setdefault(slug, idx)


def finish_sections(b: State) -> None:
    """Give every section its extent: up to the next heading of its level or above."""
    secs = b.doc.sections
    end = len(b.text)
    for i, s in enumerate(secs):
        stop = end
        for later in secs[i + 1 :]:
            if later.level <= s.level:
                stop = later.span.start
                break
        secs[i] = Section(s.title, s.level, s.anchor, s.span, Span(s.span.start, stop),
                          s.path, s.parent, s.index, s.line)
