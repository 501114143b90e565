"""Parse a Markdown list once into a :class:`Document`: sections, entries, ToC, links.

markdown-it-py (CommonMark with GFM tables, strikethrough and front matter) decides what the
Markdown *means*; :mod:`listlint.inline` finds where each link is in the source so every part
of an entry has exact offsets. Rules read the resulting model and never re-parse.
"""

from __future__ import annotations

import bisect
import gc
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import unquote

from listlint.bare_urls import add_bare_links
from listlint.document.blocks import HtmlBlock, ListItem, MarkdownList, Table, TextBlock
from listlint.document.html import html_anchors, html_entries, html_text_span, visible
from listlint.document.layouts import (
    HTML_SUMMARY,
    HTML_TABLE,
    LIST_HTML,
    LIST_NESTED,
    LIST_TEXT,
    PARAGRAPH,
    TABLE_LINK,
    TABLE_TEXT,
    TextTitle,
    alone_on_line,
    is_label,
    primary_link,
    read_text_title,
    sane_title,
    venue_suffix_start,
)
from listlint.inline import RawLink, normalize_label, scan_links
from listlint.model import Entry, Link, Section, Span, Toc, TocItem, Unread
from listlint.source import Source

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_ITEM_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*([-*+]|\d{1,9}[.)])([ \t]+|$)")
_ROW_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*\|?[ \t]*")
_CHECKBOX = re.compile(r"\[([ xX])\](?=[ \t]|$)")
_LOOSE_CHECKBOX = re.compile(r"\[(\s{0,3}[xX]?\s{0,3})\](?=[ \t]|$)")
_SEPARATOR = re.compile(
    r"[ \t]*(?:(?::|-{1,2}|–|—|\||~|=>|->|,)(?=[ \t]|$)[ \t]*|[ \t]+)"
)
_DEFINITION = re.compile(r"^[ ]{0,3}\[((?:[^\[\]\\\n]|\\.){1,999})\]:[ \t]*\n?[ \t]*(\S+)", re.M)
_GENERIC_TITLES = frozenset(
    "pdf paper code link arxiv github url website homepage project repo blog demo page".split()
)
_TITLE_HEADERS = frozenset("title name paper project api tool library".split())
_HTML_TAG = re.compile(r"<[A-Za-z/!][^<>\n]*>")
_IMAGE_TEXT = re.compile(r"!\[([^\[\]\n]*)\]\([^()\n]*\)")
_BARE_URL = re.compile(r"https?://[^\s<>\[\]()\"']+")
_BRACKETED_LABEL = re.compile(r"\s*`?\[[^\[\]]*\]`?\s*")  # [[Paper]](url): never a name
_HARD_BREAK = re.compile(r"\\(?=\s|$)")
_PARENS = re.compile(r"\([^()\n]*\)")
_IMAGE_SRC = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_LINKS_OUT = re.compile(r"\]\(\s*<?https?://|<https?://|href\s*=\s*[\"']?https?://|"
                        r"(?<![(<\"'=/\w])https?://\S|\]\[[^\]\n]*\]", re.I)


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    from listlint.parse_guard import guard_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.use(guard_plugin)  # hostile input: dense markup beyond a budget is read as text
    # Keep link targets as written (no percent-encoding): rules compare and report the URLs
    # the maintainer typed, and skipping mdurl's encode/decode makes parsing ~20% faster.
    md.normalizeLink = _as_written  # type: ignore[method-assign]
    md.normalizeLinkText = _as_written  # type: ignore[method-assign]
    return md


def _as_written(url: str) -> str:
    return url


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


def plain_text(tokens: list[Token] | None) -> str:
    """The text a reader sees for inline tokens (images and HTML tags contribute nothing)."""
    if not tokens:
        return ""
    parts = []
    for t in tokens:
        if t.type in ("text", "code_inline"):
            parts.append(t.content)
        elif t.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def is_marker_text(text: str) -> bool:
    """Emoji, symbols and spaces only: the ⭐ / 🔥 markers lists put before an entry's link."""
    if not text.strip():
        return True
    for ch in text:
        if ch.isspace() or ch in "\u200d\ufe0f\ufe0e":
            continue
        cat = unicodedata.category(ch)
        if cat not in ("So", "Sk", "Sm", "Cn", "Mn") and not 0x1F000 <= ord(ch) <= 0x1FAFF:
            return False
    return True


@dataclass(slots=True)
class Document:
    """Everything the rules need to know about one file, computed once."""

    source: Source
    # markdown-it's tokens: kept only when ``parse(keep_tokens=True)`` (the fix verifier
    # renders them); a plain check drops them once the model is built (they are most of
    # the memory a parse holds)
    tokens: list[Token] | None
    sections: list[Section] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    tocs: list[Toc] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)  # normalised label -> url
    definitions: list[tuple[str, str, Span]] = field(default_factory=list)  # label, url, span
    used_labels: set[str] = field(default_factory=set)
    comments: list[tuple[int, str]] = field(default_factory=list)  # (offset, html comment)
    anchors: dict[str, int] = field(default_factory=dict)  # anchor -> section index
    front_matter: Span | None = None
    skipped: list[Span] = field(default_factory=list)  # <details>, HTML, code: no entries
    # the links the builder found in the source of each inline block it scanned, keyed by
    # the block's (start, end): reusable by anything that would scan that block again
    link_scans: dict[tuple[int, int], list[RawLink]] = field(default_factory=dict)
    # the block structure, for rules that need more than entries (document.blocks)
    lists: list[MarkdownList] = field(default_factory=list)  # in opening order
    list_items: list[ListItem] = field(default_factory=list)  # in document order
    tables: list[Table] = field(default_factory=list)
    text_blocks: list[TextBlock] = field(default_factory=list)  # every inline block, in order
    html_blocks: list[HtmlBlock] = field(default_factory=list)
    linked_items: int = 0  # list items and table rows whose own text links out (http/https)
    unread: list[Unread] = field(default_factory=list)  # where linked items are no entries
    # the token map (first line, end line; 0-based, end exclusive) of every list and table,
    # sorted: what :func:`innermost_lists` needs once the tokens are gone
    containers: list[tuple[int, int]] = field(default_factory=list)

    @property
    def unread_items(self) -> int:
        return sum(len(u.lines) for u in self.unread)

    def coverage_note(self) -> str | None:
        """One line for the user when many linked items of this list yield no entry."""
        missed = self.unread_items
        if self.linked_items < 10 or missed < 5 or missed < 0.2 * self.linked_items:
            return None
        read = self.linked_items - missed
        return (f"{self.path}: only {read} of {self.linked_items} linked list items and table "
                f"rows were read as entries; rules see only those (LL008 shows where)")

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def text(self) -> str:
        return self.source.text

    def line_span(self, first: int, last: int) -> Span:
        """Span of 1-based lines ``first`` .. ``last`` inclusive (without the final newline)."""
        return Span(self.source.line_start(first), self.source.line_end(last))

    def section_at(self, offset: int) -> int | None:
        starts = [s.span.start for s in self.sections]
        k = bisect.bisect_right(starts, offset) - 1
        return k if k >= 0 else None


def parse(source: Source, *, keep_tokens: bool = False) -> Document:
    """Parse ``source`` into a :class:`Document`.

    markdown-it's tokens are dropped once the model is built, unless ``keep_tokens`` (for a
    caller that renders them, like the fix verifier): ``Document.tokens`` is then None.
    """
    with _gc_paused():
        env: dict = {}
        tokens = markdown_parser().parse(source.text, env)
        doc = Document(source, tokens)
        refs = env.get("references", {})
        doc.references = {normalize_label(k): v.get("href", "") for k, v in refs.items()}
        del env, refs
        _Builder(doc).run(tokens)
        add_bare_links(doc, tokens)  # GitHub links bare URLs too: links, never entries
        doc.containers = sorted((t.map[0], t.map[1]) for t in tokens
                                if t.type in _CONTAINERS and t.map)
        if not keep_tokens:
            doc.tokens = None
        del tokens
    return doc


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Keep the cyclic garbage collector out of parsing.

    Parsing allocates tens of thousands of objects (tokens, spans, entries) that all live as
    long as the Document, and no reference cycles that would need the collector: its passes
    over the growing heap (a few of them full ones) find nothing and cost about a sixth of
    the parse. Reference counting still frees every temporary object at once.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def parse_text(text: str, path: str = "<string>") -> Document:
    return parse(Source.from_text(text, path))


@dataclass(slots=True)
class _OpenItem:
    """A list item whose closing token has not been reached yet."""

    token: Token
    entry: Entry | None = None
    head_done: bool = False  # its first block (the entry's head, if any) has been seen
    anchor: _Anchor | None = None  # the title (or entry) its sub-bullets' side links join


@dataclass(slots=True)
class _Anchor:
    """A title written as text whose links come below it (in sub-bullets or a list after a
    bold paragraph), or an existing entry that side links below it join."""

    entry: int | None  # the entry they join; None: an entry is made when the title is done
    title: TextTitle | None
    head: Span
    links: list[Link]
    entries_at: int  # how many entries there were at the title: one more means it is late
    item: Token | None = None
    marker_span: Span | None = None
    content_start: int = 0
    depth: int = 0
    end: int = 0


@dataclass(slots=True)
class _OpenList:
    """A list whose closing token has not been reached yet."""

    token: Token
    items: list[bool | None] = field(default_factory=list)  # True: an entry, None: a ToC item
    toc_items: list[tuple[str, str, Span, int, int, int]] = field(default_factory=list)
    index: int = 0  # in opening order: its index in Document.lists
    depth: int = 0  # list items around it
    parent: int | None = None
    list_items: list[ListItem] = field(default_factory=list)


#: A link token of an inline block: the :class:`Link` recorded for it and its source match
#: (None when the tokens and the source scan could not be paired).
_InlineLink = tuple[Link, RawLink | None]


class _Builder:
    """One pass over the token stream that fills a Document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.src = doc.source
        self.text = doc.source.text
        self.item_stack: list[_OpenItem] = []
        self.list_stack: list[_OpenList] = []
        self.block_anchor: _Anchor | None = None  # a bold title paragraph or <summary> entry
        self.consumed = False  # the item head just read was a ToC item or joined a title
        self.table_span: Span | None = None
        self.unread: dict[int, tuple[Span, str, list[int]]] = {}
        self.lists: list[MarkdownList] = []
        self.lists_opened = 0
        self.table_header: tuple[str, ...] = ()
        self.table_rows: list[int] = []
        self.slug_counts: dict[str, int] = {}
        self.heading_stack: list[int] = []
        self.current_section: int | None = None
        self.last_heading_offset = -1
        self.header: list[str] = []  # the column names of the last table header row
        self.span_cache: dict[tuple[int, int], Span] = {}
        self.scan_cache: dict[tuple[int, int], list[RawLink]] = doc.link_scans
        self.collected: Token | None = None  # an inline block whose links are recorded already
        self.line_count = doc.source.line_count
        refs = doc.references
        self.is_reference: Callable[[str], bool] = (
            (lambda label: normalize_label(label) in refs) if refs else _no_reference)

    # -- helpers --------------------------------------------------------------------------
    def lines_span(self, m: list[int]) -> Span:
        """Span of the lines of a token map (one shared object per map: spans are values)."""
        key = (m[0], m[1])
        span = self.span_cache.get(key)
        if span is None:
            first = m[0] + 1
            last = min(max(first, m[1]), self.line_count)
            span = self.span_cache[key] = Span(*self.src.lines_offsets(first, last))
        return span

    def scan(self, span: Span) -> list[RawLink]:
        """Links in the source of ``span`` (cached: an item head and its block share it)."""
        key = (span.start, span.end)
        cached = self.scan_cache.get(key)
        if cached is None:
            cached = scan_links(self.text, self.is_reference, span.start, span.end)
            self.scan_cache[key] = cached
        return cached

    # -- main loop ------------------------------------------------------------------------
    def run(self, tokens: list[Token]) -> None:
        handlers: dict[str, Callable[[list[Token], int], None]] = {
            "heading_open": self.on_heading,
            "bullet_list_open": self.on_list_open,
            "ordered_list_open": self.on_list_open,
            "bullet_list_close": self.on_list_close,
            "ordered_list_close": self.on_list_close,
            "list_item_open": self.on_item_open,
            "list_item_close": self.on_item_close,
            "paragraph_open": self.on_paragraph,
            "fence": self.on_code,
            "code_block": self.on_code,
            "html_block": self.on_html,
            "tr_open": self.on_row,
            "table_open": self.on_table,
            "table_close": self.on_table_close,
            "front_matter": self.on_front_matter,
            "inline": self.on_inline,
        }
        for i, t in enumerate(tokens):
            handler = handlers.get(t.type)
            if handler is not None:
                handler(tokens, i)
        self.end_block_anchor()
        self.finish_sections()
        self.collect_definitions()
        self.doc.unread = [Unread(span, tuple(lines), kind)
                           for span, kind, lines in self.unread.values()]
        self.lists.sort(key=_list_index)
        self.doc.lists = self.lists

    def on_heading(self, tokens: list[Token], i: int) -> None:
        self.heading(tokens[i], tokens[i + 1])

    def on_list_open(self, tokens: list[Token], i: int) -> None:
        parent = self.list_stack[-1].index if self.list_stack else None
        self.list_stack.append(_OpenList(tokens[i], index=self.lists_opened,
                                         depth=len(self.item_stack), parent=parent))
        self.lists_opened += 1

    def on_list_close(self, tokens: list[Token], i: int) -> None:
        lst = self.list_stack[-1]
        t = lst.token
        ordered = t.type == "ordered_list_open"
        self.lists.append(MarkdownList(
            lst.index, t.markup or ("." if ordered else "-"), ordered, t.level, lst.depth,
            self.lines_span(t.map) if t.map else Span(0, 0), tuple(lst.list_items), lst.parent))
        self.close_list()

    def on_item_open(self, tokens: list[Token], i: int) -> None:
        t = tokens[i]
        if t.map and self.list_stack:
            lst = self.list_stack[-1]
            empty = i + 1 < len(tokens) and tokens[i + 1].type == "list_item_close"
            item = ListItem(t.map[0] + 1, t.map[1], len(self.item_stack), lst.index, empty)
            lst.list_items.append(item)
            self.doc.list_items.append(item)
        self.item_stack.append(_OpenItem(t))

    def on_item_close(self, tokens: list[Token], i: int) -> None:
        item = self.item_stack.pop()
        if item.anchor is not None:
            self.finish_anchor(item.anchor)

    def on_paragraph(self, tokens: list[Token], i: int) -> None:
        """The first paragraph of a list item is the head of an entry (or a ToC item)."""
        if not self.item_stack:
            self.block_paragraph(tokens[i], tokens[i + 1])
            return
        if self.item_stack[-1].head_done:
            return
        item = self.item_stack[-1]
        item.head_done = True
        para, inline = tokens[i], tokens[i + 1]
        if para.level == item.token.level + 1 and inline.map and para.map:
            links = self.collect_links(inline)
            self.collected = inline
            self.consumed = False
            n = len(self.doc.entries)
            self.list_item_head(item, para, inline, links)
            self.count_linked(para.map, n, self.list_stack[0].token if self.list_stack
                              else item.token, "list")

    def on_code(self, tokens: list[Token], i: int) -> None:
        t = tokens[i]
        if self.item_stack:
            self.item_stack[-1].head_done = True
        if t.map:
            self.doc.skipped.append(self.lines_span(t.map))

    def on_html(self, tokens: list[Token], i: int) -> None:
        self.html(tokens[i])

    def on_table(self, tokens: list[Token], i: int) -> None:
        t = tokens[i]
        self.table_span = self.lines_span(t.map) if t.map else None
        self.table_header = ()
        self.table_rows = []

    def on_table_close(self, tokens: list[Token], i: int) -> None:
        if self.table_span is not None:
            self.doc.tables.append(Table(self.table_span, self.table_header,
                                         tuple(self.table_rows)))
        self.table_span = None

    def on_row(self, tokens: list[Token], i: int) -> None:
        if i + 1 < len(tokens):
            n = len(self.doc.entries)
            self.consumed = False
            self.table_row(tokens[i], tokens, i)
            tr = tokens[i]
            if tr.map and tokens[i + 1].type != "th_open":
                self.table_rows.append(tr.map[0] + 1)
            if tr.map and self.table_span is not None and tokens[i + 1].type != "th_open":
                self.count_linked([tr.map[0], tr.map[0] + 1], n, None, "table")

    def count_linked(self, lines: list[int], entries_before: int, block: Token | None,
                     kind: str) -> None:
        """Count a list item or table row that links out; remember it when no entry has it."""
        span = self.lines_span(lines)
        own = self.text[span.start:span.end]
        if "http" not in own and "][" not in own:
            return
        read = self.consumed or len(self.doc.entries) > entries_before
        if read and "](http" in own and "![" not in own:
            self.doc.linked_items += 1  # the common case, without the regular expressions
            return
        if "![" in own:
            own = _IMAGE_SRC.sub("", own)
        if _LINKS_OUT.search(own) is None:
            return
        self.doc.linked_items += 1
        if read:
            return
        if block is not None and block.map:
            block_span = self.lines_span(block.map)
        else:
            block_span = self.table_span or span
        key = block_span.start
        if key not in self.unread:
            self.unread[key] = (block_span, kind, [])
        self.unread[key][2].append(lines[0] + 1)

    def on_front_matter(self, tokens: list[Token], i: int) -> None:
        t = tokens[i]
        if t.map:
            self.doc.front_matter = self.lines_span(t.map)

    def on_inline(self, tokens: list[Token], i: int) -> None:
        t = tokens[i]
        if t.map:
            first = t.map[0] + 1
            last = min(max(first, t.map[1]), self.line_count)
            kind = "heading" if i and tokens[i - 1].type == "heading_open" else "paragraph"
            self.doc.text_blocks.append(TextBlock(self.lines_span(t.map), first, last, kind,
                                                  bool(self.item_stack)))
        if t is not self.collected:
            self.collect_links(t)

    # -- sections -------------------------------------------------------------------------
    def heading(self, t: Token, inline: Token) -> None:
        self.end_block_anchor()
        level = int(t.tag[1])
        raw_title = plain_text(inline.children)
        title = raw_title.strip()
        slug = github_slug(raw_title.lstrip())
        if slug in self.slug_counts:
            k = self.slug_counts[slug]
            while True:
                k += 1
                cand = f"{slug}-{k}"
                if cand not in self.slug_counts:
                    break
            self.slug_counts[slug] = k
            self.slug_counts[cand] = 0
            slug = cand
        else:
            self.slug_counts[slug] = 0
        secs = self.doc.sections
        while self.heading_stack and secs[self.heading_stack[-1]].level >= level:
            self.heading_stack.pop()
        parent = self.heading_stack[-1] if self.heading_stack else None
        path = (secs[parent].path if parent is not None else ()) + (title,)
        span = self.lines_span(t.map) if t.map else Span(0, 0)
        idx = len(secs)
        line = (t.map[0] + 1) if t.map else 1
        secs.append(Section(title, level, slug, span, span, path, parent, idx, line))
        self.heading_stack.append(idx)
        self.current_section = idx
        self.last_heading_offset = span.start
        self.doc.anchors.setdefault(slug, idx)

    def finish_sections(self) -> None:
        secs = self.doc.sections
        end = len(self.text)
        for i, s in enumerate(secs):
            stop = end
            for later in secs[i + 1 :]:
                if later.level <= s.level:
                    stop = later.span.start
                    break
            secs[i] = Section(s.title, s.level, s.anchor, s.span, Span(s.span.start, stop),
                              s.path, s.parent, s.index, s.line)

    # -- html and comments ----------------------------------------------------------------
    def html(self, t: Token) -> None:
        content = t.content
        if t.map:
            span = self.lines_span(t.map)
            self.doc.skipped.append(span)
            self.doc.html_blocks.append(HtmlBlock(span, t.map[0] + 1, content))
            self.find_comments(content, span.start)
        if t.map and ("<a" in content or "<A" in content):
            self.html_entries(t)
        elif not self.item_stack and ("<summary" in content or "<table" in content or
                                    "<p" in content or "<h" in content):
            self.end_block_anchor()
        if self.item_stack:
            self.item_stack[-1].head_done = True

    def html_entries(self, t: Token) -> None:
        """Entries of an HTML block: ``<tr>`` rows and ``<summary>`` lines with a link."""
        assert t.map is not None
        content = t.content
        base = self.src.line_start(t.map[0] + 1)
        found = html_entries(content)
        if not self.item_stack and "<summary" in content:
            self.end_block_anchor()
        if not found or not self.text.startswith(content.rstrip("\n"), base):
            return  # inside a list or quote: the block's text is not the source's
        line_of = self.src.line_of
        for h in found:
            links = [Link(a.text, a.url, Span(base + a.start, base + a.end),
                          Span(base + a.url_start, base + a.url_end), "html",
                          line_of(base + a.start)) for a in h.links]
            main = links[h.main] if h.main is not None else None
            if main is None:
                k = primary_link([(a.text, a.url, False) for a in h.links])
                main = links[k] if k is not None else links[0]
            self.before_entry()
            span = Span(base + h.start, base + h.end)
            title_span = Span(base + h.title_start, base + h.title_end)
            sec = self.current_section
            entry = Entry(
                index=len(self.doc.entries), kind="row" if h.layout == HTML_TABLE else "item",
                title=h.title, url=main.url, span=span, head=span, link_span=main.span,
                title_span=title_span, url_span=main.url_span, separator="",
                separator_span=None, description=h.description, description_span=None,
                checked=None, checkbox_span=None, markers=(),
                other_links=tuple(link for link in links if link is not main), depth=0,
                parent=None, section=sec,
                section_path=self.doc.sections[sec].path if sec is not None else (),
                list_marker="", marker_span=None, emphasis="", link_kind="html",
                line=line_of(span.start), end_line=line_of(max(span.start, span.end - 1)),
                sub_span=span, layout=h.layout)
            self.doc.entries.append(entry)
            if h.layout == HTML_SUMMARY and not self.item_stack:
                self.block_anchor = _Anchor(entry.index, None, span, [], 0)

    def find_comments(self, content: str, base: int) -> None:
        pos = 0
        while True:
            start = content.find("<!--", pos)
            if start == -1:
                return
            end = content.find("-->", start + 4)
            if end == -1:
                return
            offset = self.text.find("<!--", base + start) if base >= 0 else -1
            self.doc.comments.append((offset if offset != -1 else base, content[start : end + 3]))
            pos = end + 3

    # -- links ----------------------------------------------------------------------------
    def collect_links(self, inline: Token) -> dict[int, _InlineLink]:
        """Record every link of an inline block with its offsets; return them by token index."""
        if not inline.map:
            return {}
        children = inline.children or []
        span = self.lines_span(inline.map)
        link_tokens: list[tuple[int, Token]] = []
        comments: dict[str, int] | None = None
        for j, c in enumerate(children):
            typ = c.type
            if typ == "link_open" or typ == "image":
                link_tokens.append((j, c))
            elif typ == "html_inline" and c.content.startswith("<!--"):
                if comments is None:
                    comments = _comments_in(self.text, span.start, span.end)
                idx = _find_comment(self.text, c.content, comments, span)
                self.doc.comments.append((idx if idx != -1 else span.start, c.content))
        if not link_tokens:
            return {}
        raws = self.scan(span)
        paired = len(raws) == len(link_tokens) and \
            [r.image for r in raws] == [tok.type == "image" for _, tok in link_tokens]
        # a table cell is scanned with its whole row: find each of its links in the row
        matched = None if paired else _match_raws(raws, link_tokens)
        line = inline.map[0] + 1
        out: dict[int, _InlineLink] = {}
        for k, (j, tok) in enumerate(link_tokens):
            raw = raws[k] if paired else matched[k] if matched else None
            if tok.type == "image":
                url = tok.attrGet("src") or ""
                text = tok.content
                kind = "image"
            else:
                url = tok.attrGet("href") or ""
                text = self.link_text(children, j)
                kind = "autolink" if tok.markup == "autolink" else "inline"
            if raw is not None:
                if raw.kind == "reference":
                    self.doc.used_labels.add(normalize_label(raw.dest))
                    if not raw.image:
                        kind = "reference"
                elif raw.kind == "inline":
                    url = raw.dest
                lspan: Span = Span(raw.start, raw.end)
                uspan: Span | None = Span(raw.dest_start, raw.dest_end)
                line = self.src.line_of(raw.start)
            else:
                lspan, uspan = span, None
            link = Link(text, url, lspan, uspan, kind, line)
            self.doc.links.append(link)
            out[j] = (link, raw)
        return out

    @staticmethod
    def link_text(children: list[Token], idx: int) -> str:
        """Plain text of the link opened at ``children[idx]``."""
        depth = 0
        parts = []
        for c in children[idx + 1 :]:
            if c.type == "link_open":
                depth += 1
            elif c.type == "link_close":
                if depth == 0:
                    break
                depth -= 1
            elif c.type in ("text", "code_inline"):
                parts.append(c.content)
            elif c.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        return "".join(parts)

    def collect_definitions(self) -> None:
        """Reference definitions: find ``[label]: url`` lines outside code."""
        if not self.doc.references:
            return
        skipped = self.doc.skipped  # code and HTML blocks: leaves, in order, never nested
        starts = [s.start for s in skipped]
        for m in _DEFINITION.finditer(self.text):
            k = bisect.bisect_right(starts, m.start()) - 1
            if k >= 0 and m.start() < skipped[k].end:
                continue
            label = normalize_label(m.group(1))
            if label in self.doc.references:
                line_end = self.text.find("\n", m.end())
                end = len(self.text) if line_end == -1 else line_end
                self.doc.definitions.append((m.group(1), m.group(2), Span(m.start(), end)))

    # -- list items -----------------------------------------------------------------------
    def close_list(self) -> None:
        lst = self.list_stack.pop()
        if lst.toc_items and not self.list_stack:
            items = lst.toc_items
            tok = lst.token
            heads = lst.items
            if len(items) >= max(1, int(0.8 * max(heads_count := len(heads), 1))) or heads_count == 0:
                span = self.lines_span(tok.map) if tok.map else Span(0, 0)
                depths = sorted({d for _, _, _, _, d, _ in items})
                indent = 2
                if len(depths) > 1:
                    first_nested = next(ind for *_, d, ind in items if d == depths[1])
                    indent = max(1, first_nested)
                toc_items = tuple(TocItem(text, anchor, d, sp, ln)
                                  for text, anchor, sp, ln, d, _ in items)
                prev = self.doc.tocs[-1] if self.doc.tocs else None
                if prev is not None and prev.section == self.current_section and \
                        self.last_heading_offset <= prev.span.start:
                    # one ToC split into several lists by group labels (awesome-python)
                    self.doc.tocs[-1] = Toc(prev.items + toc_items,
                                            Span(prev.span.start, span.end), prev.section,
                                            prev.marker, prev.indent)
                else:
                    self.doc.tocs.append(Toc(toc_items, span, self.current_section, tok.markup,
                                             indent))
        elif lst.toc_items and self.list_stack:
            self.list_stack[-1].toc_items.extend(lst.toc_items)
            self.list_stack[-1].items.extend(lst.items)

    def list_item_head(self, item: _OpenItem, para: Token, inline: Token,
                       links: dict[int, _InlineLink]) -> None:
        """Make an entry (or a ToC item) of the first paragraph of a list item."""
        children = inline.children or []
        k = _first_link_index(children)
        item_tok = item.token
        depth = len(self.item_stack) - 1
        head = self.lines_span(para.map)
        line_no = para.map[0] + 1
        line_start = head.start
        line_end = self.src.line_end(line_no)
        marker_span = None
        pm = None
        if item_tok.map and item_tok.map[0] == para.map[0]:
            pm = _ITEM_PREFIX.match(self.text, line_start, line_end)
        if pm:
            marker_span = Span(pm.start(1), pm.end(1))
            content_start = pm.end()
        else:
            first_line = self.text[line_start:line_end]
            content_start = line_start + len(first_line) - len(first_line.lstrip(" \t>"))
        raws = [r for r in self.scan(head) if r.start >= content_start]
        raw = None
        if k is not None:
            href = children[k].attrGet("href") or ""
            n_before = _count_links(children, 0, k)
            raw = raws[n_before] if len(raws) > n_before else None
            if href.startswith("#"):
                if self.list_stack:
                    text = self.link_text(children, k)
                    span = Span(raw.start, raw.end) if raw else head
                    anchor = unquote(raw.dest[1:] if raw and raw.dest.startswith("#")
                                     else href[1:])
                    self.list_stack[-1].toc_items.append(
                        (text, anchor, span, line_no, depth, self._indent_of(line_no)))
                    self.list_stack[-1].items.append(None)
                self.consumed = True
                return
            link_text = self.link_text(children, k)
            if not is_label(link_text) and not _wrapped(self.text, raw) and \
                    not _BRACKETED_LABEL.fullmatch(link_text):
                self.linked_item(item, children, k, links.get(k), raw, raws, head,
                                 content_start, marker_span, depth)
                return
        if self.text_item(item, head, content_start, marker_span, depth, raws):
            return
        if k is not None and not _BRACKETED_LABEL.fullmatch(self.link_text(children, k)):
            self.linked_item(item, children, k, links.get(k), raw, raws, head, content_start,
                             marker_span, depth)

    def linked_item(self, item: _OpenItem, children: list[Token], k: int,
                    found: _InlineLink | None, raw: RawLink | None, raws: list[RawLink],
                    head: Span, content_start: int, marker_span: Span | None,
                    depth: int) -> None:
        """An entry whose title is a link: ``- [Title](url) - description``."""
        self.before_entry()
        if self.list_stack:
            self.list_stack[-1].items.append(True)
        entry = self.make_entry(item, children, k, found, raw, raws, head, content_start,
                                marker_span, depth)
        item.entry = entry
        self.doc.entries.append(entry)

    # -- titles written as text, links beside them or below them ---------------------------
    def block_paragraph(self, para: Token, inline: Token) -> None:
        """A paragraph outside lists: a bold title alone (``**Title**``) waits for the list of
        side links that follows it; any other paragraph ends such a wait."""
        self.end_block_anchor()
        children = [c for c in inline.children or [] if c.type != "text" or c.content.strip()]
        if para.map and para.map[1] - para.map[0] >= 2 and children and \
                children[0].type in ("strong_open", "em_open") and \
                any(c.type == "link_open" for c in children):
            self.paragraph_entry(para)
            return
        if not para.map or len(children) < 3 or children[0].type not in ("strong_open",
                                                                         "em_open") \
                or children[-1].type != children[0].type.replace("open", "close") or \
                any(c.type in ("link_open", "image") for c in children):
            return
        head = self.lines_span(para.map)
        title = read_text_title(self.text, head.start, head.end)
        if title is not None and title.emphasis and sane_title(
                self.text[title.start:title.end]):
            self.block_anchor = _Anchor(None, title, head, [], len(self.doc.entries),
                                        content_start=head.start)

    def paragraph_entry(self, para: Token) -> None:
        """``**Title** \\`` / ``*Authors* \\`` / ``Venue [[Paper](url)]``: an entry written as
        a paragraph, its emphasised title alone on the first line, side links only."""
        assert para.map is not None
        text = self.text
        head = self.lines_span(para.map)
        first_end = self.src.line_end(para.map[0] + 1)
        title = read_text_title(text, head.start, first_end)
        if title is None or not title.emphasis or not alone_on_line(text, title) or \
                not sane_title(text[title.start:title.end]):
            return
        found = [self.raw_link(r) for r in self.scan(head)]
        outward = [link for link in found if link.kind != "image"]
        if not outward or not all(_side_link(text, link) for link in outward):
            return
        self.before_entry()
        self.doc.entries.append(self.text_entry(PARAGRAPH, title, head, found, None, None,
                                                head.start, 0, head))

    def end_block_anchor(self) -> None:
        anchor = self.block_anchor
        if anchor is not None:
            self.block_anchor = None
            self.finish_anchor(anchor)

    def raw_link(self, r: RawLink) -> Link:
        """The :class:`Link` of a source match (reference links resolved)."""
        url = r.dest
        kind = "image" if r.image else r.kind
        if r.kind == "reference":
            url = self.doc.references.get(normalize_label(r.dest), "")
        return Link(self.text[r.text_start:r.text_end], url, Span(r.start, r.end),
                    Span(r.dest_start, r.dest_end), kind, self.src.line_of(r.start))

    def text_item(self, item: _OpenItem, head: Span, content_start: int,
                  marker_span: Span | None, depth: int, raws: list[RawLink]) -> bool:
        """A list item whose title is text: ``- **Title** [[pdf](url)] [[code](url)]``, a
        title item whose links follow in sub-bullets, or an item of side links only (which
        joins the title above it). False when the item is none of these."""
        text = self.text
        found = [self.raw_link(r) for r in raws]
        if not raws and "<a" in text[content_start:head.end]:
            if self.html_item(item, head, content_start, marker_span, depth):
                return True
        if not raws:
            found = _bare_links(text, content_start, head.end, self.src.line_of)
        outward = [link for link in found if link.kind != "image"
                   and not link.url.startswith("#")]
        if not outward:
            if found:
                return False
            title = read_text_title(text, content_start, head.end)
            if title is not None and sane_title(text[title.start:title.end]):
                item.anchor = _Anchor(None, title, head, [], len(self.doc.entries), item.token,
                                      marker_span, content_start, depth)
            return True
        first = outward[0]
        title = read_text_title(text, content_start, first.span.start)
        rest_start = content_start
        if title is None:
            pos = content_start
            j = 0
            while j < len(outward) and _wrapped_at(text, outward[j].span) and \
                    not text[pos:outward[j].span.start].strip(" \t["):
                pos = outward[j].span.end + 1
                j += 1
            if j:
                stop = outward[j].span.start if j < len(outward) else head.end
                title = read_text_title(text, pos, stop)
                rest_start = pos
        if title is None or not sane_title(text[title.start:title.end]):
            if all(_side_link(text, link) for link in outward) and \
                    not _has_words(text, content_start, head.end, found):
                return self.attach(found, head)
            return False
        after = [link for link in outward if link.span.start >= title.end]
        if after and not _side_link(text, after[0]) and rest_start == content_start:
            return False  # a sentence with a link in it, not a title with side links
        self.before_entry()
        if self.list_stack:
            self.list_stack[-1].items.append(True)
        entry = self.text_entry(LIST_TEXT, title, head, found, item.token, marker_span,
                                content_start, depth, head)
        item.entry = entry
        self.doc.entries.append(entry)
        return True

    def html_item(self, item: _OpenItem, head: Span, content_start: int,
                  marker_span: Span | None, depth: int) -> bool:
        """``- <b><a href="url">Title</a></b> - description``: an HTML link as the title."""
        text = self.text
        anchors = html_anchors(text, content_start, head.end)
        if not anchors or visible(text[content_start:anchors[0].start]) or \
                not sane_title(anchors[0].text):
            return False
        span = html_text_span(text, anchors[0].start, anchors[0].end)
        if span is None:
            return False
        line_of = self.src.line_of
        links = [Link(a.text, a.url, Span(a.start, a.end), Span(a.url_start, a.url_end), "html",
                      line_of(a.start)) for a in anchors]
        self.before_entry()
        if self.list_stack:
            self.list_stack[-1].items.append(True)
        title = TextTitle(span[0], span[1], "", ())
        entry = self.text_entry(LIST_HTML, title, head, links, item.token, marker_span,
                                content_start, depth, head, main=links[0])
        item.entry = entry
        self.doc.entries.append(entry)
        return True

    def attach(self, links: list[Link], head: Span) -> bool:
        """Give side links (``- [[Paper]](url)``, ``- Code: https://…``) to the title above:
        the nearest enclosing item that is an entry or a title, else the block before."""
        anchor = None
        for it in reversed(self.item_stack[:-1]):
            if it.anchor is not None:
                anchor = it.anchor
                break
            if it.entry is not None:
                anchor = it.anchor = _Anchor(it.entry.index, None, it.entry.head, [], 0)
                break
        if anchor is None:
            anchor = self.block_anchor
        if anchor is None:
            return False
        anchor.links.extend(links)
        anchor.end = max(anchor.end, head.end)
        self.consumed = True
        return True

    def before_entry(self) -> None:
        """A new entry starts: a pending title of a paragraph above it is complete."""
        anchor = self.block_anchor
        if anchor is not None and anchor.entry is None:
            self.block_anchor = None
            self.finish_anchor(anchor)

    def finish_anchor(self, anchor: _Anchor) -> None:
        """Make the entry of a title whose links were below it, or add them to an entry."""
        if not anchor.links:
            return
        entries = self.doc.entries
        if anchor.entry is not None:
            e = entries[anchor.entry]
            entries[anchor.entry] = replace(e, other_links=e.other_links + tuple(anchor.links))
            return
        if anchor.title is None or len(entries) != anchor.entries_at:
            return
        span = Span(anchor.head.start, max(anchor.end, anchor.head.end))
        entries.append(self.text_entry(LIST_NESTED, anchor.title, anchor.head, anchor.links,
                                       anchor.item, anchor.marker_span,
                                       anchor.content_start, anchor.depth, span))

    @staticmethod
    def parent_entry(items: list[_OpenItem]) -> int | None:
        """The index of the innermost of ``items`` that is an entry."""
        for it in reversed(items):
            if it.entry is not None:
                return it.entry.index
        return None

    def text_entry(self, layout: str, title: TextTitle, head: Span, links: list[Link],
                   item_tok: Token | None, marker_span: Span | None, content_start: int,
                   depth: int, span: Span, main: Link | None = None) -> Entry:
        """The entry of a title written as text and the links that go with it."""
        text = self.text
        if main is None:
            k = primary_link([(_label_text(link.text), link.url, link.kind == "image")
                              for link in links])
            main = links[k] if k is not None else None
        others = tuple(link for link in links if link is not main)
        title_end = title.after if title.after > title.end else title.end
        if main is not None and main.kind == "html" and main.span.start <= title.start:
            title_end = main.span.end
        desc_end = min([link.span.start - _wrapped_at(text, link.span) for link in links
                        if link.span.start >= title_end] + [head.end])
        separator, separator_span, description, description_span = _tail(
            text, title_end, desc_end)
        description = _HARD_BREAK.sub(" ", _HTML_TAG.sub(" ", description)).strip(" .,;")
        description = " ".join(description.split())
        checked, checkbox_span = _checkbox(text, content_start)
        markers = tuple(" ".join(text[a:b].split()) for a, b in title.tags)
        parent_entry = self.parent_entry(self.item_stack[:-1] if item_tok is not None
                                         else self.item_stack)
        sec = self.current_section
        path = self.doc.sections[sec].path if sec is not None else ()
        list_marker = ""
        if item_tok is not None:
            list_marker = (item_tok.info or "") + item_tok.markup
        line_of = self.src.line_of
        link_span = main.span if main else Span(title.start, title.end)
        return Entry(
            index=len(self.doc.entries), kind="item",
            title=" ".join(text[title.start:title.end].split()),
            url=main.url if main else "", span=span, head=head, link_span=link_span,
            title_span=Span(title.start, title.end),
            url_span=main.url_span if main else None, separator=separator,
            separator_span=separator_span, description=description,
            description_span=description_span, checked=checked, checkbox_span=checkbox_span,
            markers=markers, other_links=others, depth=depth, parent=parent_entry,
            section=sec, section_path=path, list_marker=list_marker, marker_span=marker_span,
            emphasis=title.emphasis, link_kind=main.kind if main else "inline",
            line=line_of(span.start), end_line=line_of(max(span.start, span.end - 1)),
            sub_span=span, layout=layout,
        )

    def _indent_of(self, line_no: int) -> int:
        line = self.src.line_text(line_no)
        return len(line) - len(line.lstrip(" \t"))

    def make_entry(self, item: _OpenItem, children: list[Token], k: int,
                   found: _InlineLink | None, raw: RawLink | None, raws: list[RawLink],
                   head: Span, content_start: int, marker_span: Span | None,
                   depth: int) -> Entry:
        """The entry whose link is ``children[k]``; ``found`` is that link as recorded."""
        text = self.text
        link_tok = children[k]
        title = (found[0].text if found else self.link_text(children, k)).strip()
        href = link_tok.attrGet("href") or ""
        checked, checkbox_span = _checkbox(text, content_start)
        emphasis = _title_emphasis(children, k)
        markers = tuple(_markers(children[:k])) if k else ()
        if raw is not None:
            if found is not None and found[1] is raw:
                link_span, url_span = found[0].span, found[0].url_span
            else:
                link_span, url_span = Span(raw.start, raw.end), Span(raw.dest_start, raw.dest_end)
            title_span = _inside_emphasis(text, raw.text_start, raw.text_end)
            url = raw.dest if raw.kind in ("inline", "autolink") else href
            link_kind = raw.kind
        else:
            link_span = title_span = head
            url_span = None
            url = href
            link_kind = "autolink" if link_tok.markup == "autolink" else "inline"
        after = link_span.end
        if emphasis and text.startswith(emphasis, after):
            after += len(emphasis)
        separator, separator_span, description, description_span = _tail(text, after, head.end)
        others = () if len(raws) == 1 and raws[0] is raw else tuple(
            Link(text[r.text_start:r.text_end], r.dest, Span(r.start, r.end),
                 Span(r.dest_start, r.dest_end), "image" if r.image else r.kind,
                 self.src.line_of(r.start))
            for r in raws if raw is None or r is not raw)
        parent_entry = self.parent_entry(self.item_stack[:-1])
        item_tok = item.token
        item_span = self.lines_span(item_tok.map) if item_tok.map else head
        own_end = head.end
        start = min(item_span.start, head.start)
        span = head if start == head.start else Span(start, own_end)
        sec = self.current_section
        path = self.doc.sections[sec].path if sec is not None else ()
        list_marker = item_tok.markup if item_tok.type == "list_item_open" else ""
        if item_tok.info:
            list_marker = item_tok.info + item_tok.markup
        line_of = self.src.line_of
        return Entry(
            index=len(self.doc.entries), kind="item", title=title, url=url, span=span, head=head,
            link_span=link_span, title_span=title_span, url_span=url_span, separator=separator,
            separator_span=separator_span, description=description,
            description_span=description_span, checked=checked, checkbox_span=checkbox_span,
            markers=markers, other_links=others, depth=depth, parent=parent_entry,
            section=sec, section_path=path, list_marker=list_marker, marker_span=marker_span,
            emphasis=emphasis, link_kind=link_kind, line=line_of(start),
            end_line=line_of(max(start, own_end - 1) if own_end > start else start),
            sub_span=item_span,
        )

    # -- tables ---------------------------------------------------------------------------
    def table_row(self, tr: Token, tokens: list[Token], i: int) -> None:
        if not tr.map:
            return
        self.end_block_anchor()
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
            self.header = [plain_text(c).strip().lower() for c in cells]
            self.table_header = tuple(" ".join(h.split()) for h in self.header)
            return
        row_span = self.lines_span(tr.map)
        line_no = tr.map[0] + 1
        cell_links = []
        for ci, cell in enumerate(cells):
            k = _first_link_index(cell, allow_text=True)
            if k is not None:
                cell_links.append((ci, k))
        if not cell_links:  # the only links are badges: [![arXiv](badge.svg)](url)
            cell_links = [(ci, j) for ci, cell in enumerate(cells)
                          for j, t in enumerate(cell) if t.type == "link_open"][:1]
        if not cell_links:
            return
        ci, k = cell_links[0]
        link_tok = cells[ci][k]
        href = link_tok.attrGet("href") or ""
        if href.startswith("#"):
            return
        title = self.link_text(cells[ci], k).strip()
        header = self.header
        title_cell = ci
        layout = TABLE_LINK
        if not title or title.strip("[]()* ").lower() in _GENERIC_TITLES or is_label(title):
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
                            _first_link_index(cell, allow_text=True) is None:
                        title, title_cell = t, hi
                        break
            if not title:
                return
        description = ""
        for cj in range(title_cell + 1, len(cells)):
            t = plain_text(cells[cj]).strip()
            if t and _first_link_index(cells[cj], allow_text=False) is None:
                description = t
                break
        pm = _ROW_PREFIX.match(self.text, row_span.start)
        raws = self.scan(Span(pm.end() if pm else row_span.start, row_span.end))
        n_before = sum(1 for c in cells[:ci] for t in c if t.type in ("link_open", "image"))
        n_before += sum(1 for t in cells[ci][:k] if t.type in ("link_open", "image"))
        raw = raws[n_before] if len(raws) > n_before else None
        if layout == TABLE_TEXT:
            row_links = [self.raw_link(r) for r in raws]
            best = primary_link([(_label_text(link.text), link.url, link.kind == "image")
                                 for link in row_links])
            if best is not None and not raws[best].image:
                raw = raws[best]
                href = row_links[best].url
        if raw is not None:
            link_span = Span(raw.start, raw.end)
            title_span = Span(raw.text_start, raw.text_end)
            url_span: Span | None = Span(raw.dest_start, raw.dest_end)
            url = raw.dest if raw.kind in ("inline", "autolink") else href
            kind = raw.kind
        else:
            link_span = title_span = row_span
            url_span = None
            url = href
            kind = "inline"
        if layout == TABLE_TEXT:
            cell_text = self.text.find(title, row_span.start, row_span.end)
            if cell_text != -1:
                end = venue_suffix_start(self.text, cell_text, cell_text + len(title))
                title_span = Span(cell_text, end)
                title = self.text[cell_text:end]
            else:  # markup in the cell (``🔥[**Name**] Title``): the cell as written
                spans = _cell_spans(self.text, row_span)
                title_span = spans[title_cell] if title_cell < len(spans) else row_span
        others = tuple(
            Link(self.text[r.text_start:r.text_end], r.dest, Span(r.start, r.end),
                 Span(r.dest_start, r.dest_end), "image" if r.image else r.kind, line_no)
            for r in raws if r is not raw
        )
        sec = self.current_section
        path = self.doc.sections[sec].path if sec is not None else ()
        self.doc.entries.append(Entry(
            index=len(self.doc.entries), kind="row", title=title, url=url, span=row_span,
            head=row_span, link_span=link_span, title_span=title_span, url_span=url_span,
            separator="|", separator_span=None, description=description,
            description_span=None, checked=None, checkbox_span=None,
            markers=tuple(_markers(cells[ci][:k])), other_links=others, depth=0, parent=None,
            section=sec, section_path=path, list_marker="|", marker_span=None, emphasis="",
            link_kind=kind, line=line_no, end_line=line_no, sub_span=row_span, layout=layout,
        ))


_CELL_EDGE = re.compile(r"\\.|`+|\|")


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
        b = edges[i + 1]
        while a < b and text[a] in " \t":
            a += 1
        while b > a and text[b - 1] in " \t":
            b -= 1
        out.append(Span(a, b))
    return out


def _match_raws(raws: list[RawLink], link_tokens: list[tuple[int, Token]]
                ) -> list[RawLink | None] | None:
    """Each link token's raw link, in order, by kind and written target (None: not all found)."""
    out: list[RawLink | None] = []
    k = 0
    for _, tok in link_tokens:
        image = tok.type == "image"
        url = tok.attrGet("src" if image else "href") or ""
        while k < len(raws) and not (raws[k].image == image and raws[k].kind == "inline"
                                     and raws[k].dest == url):
            k += 1
        if k == len(raws):
            return None
        out.append(raws[k])
        k += 1
    return out


def _checkbox(text: str, pos: int) -> tuple[bool | None, Span | None]:
    """(checked, its span) of a task checkbox at ``pos``; (None, None) without one."""
    cm = _CHECKBOX.match(text, pos)
    if cm is None:
        return None, None
    return cm.group(1) in "xX", Span(*cm.span())


def _list_index(lst: MarkdownList) -> int:
    return lst.index


def _inside_emphasis(text: str, start: int, end: int) -> Span:
    """The title inside ``[**Title**](url)``: without the emphasis that wraps all of it."""
    if start >= end or text[start] not in "*_":
        return Span(start, end)
    for delim in ("**", "__", "*", "_"):
        n = len(delim)
        if end - start > 2 * n and text.startswith(delim, start) and \
                text.startswith(delim, end - n):
            return Span(start + n, end - n)
    return Span(start, end)


def _wrapped(text: str, raw: RawLink | None) -> bool:
    """Is a link written as a bracketed tag, ``[[arXiv](url)]``?"""
    return raw is not None and _wrapped_at(text, Span(raw.start, raw.end))


def _wrapped_at(text: str, span: Span) -> bool:
    return span.start > 0 and text[span.start - 1] == "[" and text.startswith("]", span.end)


def _label_text(text: str) -> str:
    """A link text with its images read as their alt text: ``[![arXiv](svg)](url)``."""
    return _IMAGE_TEXT.sub(r" \1 ", text)


def _side_link(text: str, link: Link) -> bool:
    """A link beside a title: ``[[pdf](url)]``, ``[code](url)``, a badge, a bare URL."""
    return link.kind in ("image", "bare") or is_label(_label_text(link.text)) or \
        _wrapped_at(text, link.span) or not _label_text(link.text).strip() or \
        _BRACKETED_LABEL.fullmatch(link.text) is not None


def _has_words(text: str, start: int, end: int, links: list[Link]) -> bool:
    """Is there text besides the links, labels and parenthesised notes of ``text[start:end]``?"""
    parts = []
    pos = start
    for link in links:
        if link.span.start >= pos:
            parts.append(text[pos:link.span.start])
            pos = link.span.end
    parts.append(text[pos:end])
    rest = _PARENS.sub(" ", _HTML_TAG.sub(" ", " ".join(parts)))
    words = [w for w in rest.split() if any(ch.isalpha() for ch in w)]
    return bool(words) and not is_label(" ".join(words))


def _bare_links(text: str, start: int, end: int, line_of: Callable[[int], int]) -> list[Link]:
    """``Paper: https://…``: bare URLs named by a label word before them."""
    out = []
    pos = start
    for m in _BARE_URL.finditer(text, start, end):
        label = text[pos:m.start()].strip(" \t:：-–|[]()")
        if not is_label(label):
            return []
        out.append(Link(label, m.group(0).rstrip(".,;"), Span(m.start(), m.end()),
                        Span(m.start(), m.end()), "bare", line_of(m.start())))
        pos = m.end()
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


def _no_reference(label: str) -> bool:
    """The reference test of a document without reference definitions."""
    return False


def _title_emphasis(children: list[Token], k: int) -> str:
    """``**``, ``*``, ``__`` or ``_`` when emphasis wraps exactly the link at ``children[k]``."""
    if k == 0 or children[k - 1].type not in ("strong_open", "em_open"):
        return ""
    opener = children[k - 1]
    close_idx = _matching_close(children, k)
    if close_idx is not None and close_idx + 1 < len(children) and \
            children[close_idx + 1].type == opener.type.replace("open", "close"):
        return opener.markup
    return ""


def _tail(text: str, after: int, head_end: int) -> tuple[str, Span | None, str, Span | None]:
    """(separator, its span, description, its span) of the head text after the link."""
    tail = text[after:head_end]
    if not tail.strip():
        return "", None, "", None
    sm = _SEPARATOR.match(tail)
    sep_len = sm.end() if sm else 0
    desc_start = after + sep_len
    desc = text[desc_start:head_end].rstrip(" \t")  # spaces of a hard break are no content
    return (tail[:sep_len], Span(after, desc_start), " ".join(desc.split()),
            Span(desc_start, desc_start + len(desc)))


def _count_links(children: list[Token], start: int, end: int) -> int:
    """How many links and images open in ``children[start:end]``."""
    n = 0
    for j in range(start, end):
        typ = children[j].type
        if typ == "link_open" or typ == "image":
            n += 1
    return n


def _matching_close(children: list[Token], k: int) -> int | None:
    depth = 0
    for j in range(k + 1, len(children)):
        typ = children[j].type
        if typ == "link_open":
            depth += 1
        elif typ == "link_close":
            if depth == 0:
                return j
            depth -= 1
    return None


def _is_badge_link(children: list[Token], k: int) -> bool:
    """Does the link opened at ``children[k]`` hold images only (blank text aside)?"""
    images = 0
    for j in range(k + 1, len(children)):
        c = children[j]
        typ = c.type
        if typ == "image":
            images += 1
        elif typ == "link_close":
            return images > 0
        elif typ != "text" or c.content.strip():
            return False
    return False


def _strip_checkbox(content: str) -> str:
    """The text after a leading task checkbox (well-formed or not)."""
    m = _LOOSE_CHECKBOX.match(content)
    return content[m.end():] if m else content


_MAX_BOLD_MARKER = 40  # `**New**`, `**[Hot]**`: short bold text before the link is a marker
_EMOJI_CODES = re.compile(r"[ \t]*(?::[a-z0-9_+\-]{1,40}:[ \t]*)+")  # `:book: [Title](url)`
_TAG_MARKER = re.compile(r"[ \t]*(?:\[[^\[\]\n]{1,40}\][ \t]*){1,4}")  # `[OSDI'22] [Title](url)`


def _first_link_index(children: list[Token], allow_text: bool = False) -> int | None:
    """Index of the link an entry starts with, after checkbox and markers; else None.

    Markers are emoji and symbols, images and badge links, HTML such as ``<img>``, and short
    bold or italic text (``**New**``). With ``allow_text`` (table cells) any text may precede.
    """
    j = 0
    n = len(children)
    first_text = True
    emphasis = 0
    while j < n:
        c = children[j]
        typ = c.type
        if typ == "text":
            content = _strip_checkbox(c.content) if first_text else c.content
            first_text = False
            marker = is_marker_text(content) or _EMOJI_CODES.fullmatch(content) is not None or (
                emphasis > 0 and len(content) <= _MAX_BOLD_MARKER) or \
                _TAG_MARKER.fullmatch(content) is not None
            if not allow_text and not marker:
                return None
        elif typ == "link_open":
            if _is_badge_link(children, j):
                j = _matching_close(children, j) or j
            else:
                return j
        elif typ in ("strong_open", "em_open"):
            emphasis += 1
        elif typ in ("strong_close", "em_close"):
            emphasis -= 1
        elif typ in ("image", "softbreak", "s_open", "s_close", "html_inline"):
            pass
        elif typ == "code_inline":
            if not allow_text:
                return None
        else:
            return None
        j += 1
    return None


def _markers(children: list[Token]) -> list[str]:
    """The markers before an entry's link, as written: ``⭐``, ``**New**``, ``![badge]``."""
    out = []
    checkbox_done = False
    emphasis: list[str] = []
    for c in children:
        if c.type == "text":
            content = c.content
            if not checkbox_done:
                content = _strip_checkbox(content)
                checkbox_done = True
            if emphasis and content.strip():
                out.append(f"{emphasis[-1]}{content.strip()}{emphasis[-1]}")
                continue
            out.extend(content.split())
        elif c.type == "image":
            out.append(f"![{c.content}]")
        elif c.type in ("strong_open", "em_open"):
            emphasis.append(c.markup)
        elif c.type in ("strong_close", "em_close") and emphasis:
            emphasis.pop()
    return out


_CONTAINERS = frozenset({"bullet_list_open", "ordered_list_open", "table_open"})


def innermost_lists(doc: Document) -> list[int | None]:
    """For every entry, the first line (1-based) of the innermost list or table holding it;
    None for an entry outside any (an HTML table). Two entries of one section in different
    lists (``* HTTP Client`` / ``* HTTP Server`` sub-lists, lists under two bold labels) are
    in two places. One pass over the tokens and the entries, both in document order."""
    spans = doc.containers
    out: list[int | None] = []
    stack: list[tuple[int, int]] = []
    k = 0
    for e in doc.entries:
        row = e.line - 1
        while k < len(spans) and spans[k][0] <= row:
            while stack and stack[-1][1] <= spans[k][0]:
                stack.pop()
            stack.append(spans[k])
            k += 1
        while stack and stack[-1][1] <= row:
            stack.pop()
        out.append(stack[-1][0] + 1 if stack else None)
    return out
