"""Entries written in HTML: table rows (``<tr><td><a href=…>``) and ``<summary>`` lines.

GitHub renders HTML blocks as they are, and some lists write every entry that way. These
functions find the rows and summaries of one HTML block and the anchors in them, with
offsets relative to the block's text; the builder turns them into entries.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from listlint.document.layouts import HTML_SUMMARY, HTML_TABLE, is_label, sane_title

_TR = re.compile(r"<tr\b[^>]*>(.*?)(?:</tr\s*>|(?=<tr\b)|$)", re.I | re.S)
_TD = re.compile(r"<td\b[^>]*>(.*?)(?:</td\s*>|(?=<td\b)|$)", re.I | re.S)
_SUMMARY = re.compile(r"<summary\b[^>]*>(.*?)</summary\s*>", re.I | re.S)
_ANCHOR = re.compile(
    r"<a\s[^>]*?href\s*=\s*([\"'])([^\"'<>]*)\1[^>]*>(.*?)</a\s*>", re.I | re.S)
_IMG_ALT = re.compile(r"<img\b[^>]*?\balt\s*=\s*([\"'])([^\"']*)\1[^>]*>", re.I)
_TAG = re.compile(r"<[^<>]*>")
_CODE = re.compile(r"<code\b.*?</code\s*>", re.I | re.S)
_DESC_SEP = re.compile(r"\s[-–—:]\s")


@dataclass(frozen=True, slots=True)
class HtmlLink:
    text: str
    url: str
    start: int  # the <a …> … </a>, relative to the block
    end: int
    url_start: int
    url_end: int


@dataclass(frozen=True, slots=True)
class HtmlEntry:
    layout: str
    title: str
    title_start: int
    title_end: int
    start: int  # the row or summary
    end: int
    links: tuple[HtmlLink, ...]
    description: str = ""
    main: int | None = None  # the entry's own link when the title is one; else the paper link


def visible(fragment: str) -> str:
    """The text a reader sees in an HTML fragment (images as their alt text)."""
    text = _IMG_ALT.sub(lambda m: f" {m.group(2)} ", fragment)
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def html_anchors(block: str, start: int, end: int) -> list[HtmlLink]:
    out = []
    for m in _ANCHOR.finditer(block, start, end):
        url = html.unescape(m.group(2).strip())
        if url and not url.startswith(("#", "mailto:", "javascript:")):
            out.append(HtmlLink(visible(m.group(3)), url, m.start(), m.end(), m.start(2),
                                m.end(2)))
    return out


def html_text_span(block: str, start: int, end: int) -> tuple[int, int] | None:
    """Span of the first run of visible text in ``block[start:end]`` (tags skipped)."""
    pos = start
    while pos < end:
        if block[pos] == "<":
            close = block.find(">", pos, end)
            if close == -1:
                return None
            pos = close + 1
            continue
        if block[pos].isspace():
            pos += 1
            continue
        stop = block.find("<", pos, end)
        stop = end if stop == -1 else stop
        while stop > pos and block[stop - 1].isspace():
            stop -= 1
        return pos, stop
    return None


def html_entries(block: str) -> list[HtmlEntry]:
    """The entries of one HTML block: rows with a link, summaries with a link."""
    out = []
    if "<tr" in block or "<TR" in block:
        for m in _TR.finditer(block):
            entry = _row(block, m.start(), m.end(), m.start(1), m.end(1))
            if entry is not None:
                out.append(entry)
    if "<summary" in block or "<SUMMARY" in block:
        for m in _SUMMARY.finditer(block):
            entry = _summary(block, m.start(), m.end(), m.start(1), m.end(1))
            if entry is not None:
                out.append(entry)
    out.sort(key=lambda e: e.start)
    return out


def _row(block: str, start: int, end: int, inner_start: int, inner_end: int) -> HtmlEntry | None:
    links = html_anchors(block, inner_start, inner_end)
    if not links:
        return None
    title: tuple[str, int, int] | None = None
    for cell in _TD.finditer(block, inner_start, inner_end):
        a, b = cell.start(1), cell.end(1)
        cell_links = [link for link in links if a <= link.start < b]
        if title is None and cell_links and sane_title(cell_links[0].text):
            first = cell_links[0]
            span = html_text_span(block, first.start, first.end)
            if span and not visible(block[a:first.start]):
                return HtmlEntry(HTML_TABLE, first.text, span[0], span[1], start, end,
                                 tuple(links), main=links.index(first))
        if title is None:
            text = visible(_strip_anchors(block[a:b]))
            if text and sane_title(text) and any(ch.isalpha() for ch in text):
                span = html_text_span(block, a, b)
                if span:
                    title = (text, span[0], span[1])
    if title is None:
        return None
    return HtmlEntry(HTML_TABLE, title[0], title[1], title[2], start, end, tuple(links))


def _strip_anchors(fragment: str) -> str:
    return _ANCHOR.sub(" ", fragment)


def _summary(block: str, start: int, end: int, a: int, b: int) -> HtmlEntry | None:
    links = html_anchors(block, a, b)
    if not links:
        return None
    first = links[0]
    if not sane_title(first.text) or is_label(first.text) or visible(block[a:first.start]):
        return None
    span = html_text_span(block, first.start, first.end)
    if span is None:
        return None
    rest = visible(_CODE.sub(" ", block[first.end:b]))
    sep = _DESC_SEP.search(" " + rest)
    description = rest[sep.end() - 1:].strip() if sep else ""
    return HtmlEntry(HTML_SUMMARY, first.text, span[0], span[1], start, end, tuple(links),
                     description, main=0)
