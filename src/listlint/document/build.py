"""Parse once: markdown-it's tokens -> :class:`~listlint.document.document.Document`.

:func:`parse` runs markdown-it and one pass of :class:`Builder` over the token stream; each
kind of block goes to the module of its topic (sections, list items, titles written as text,
tables, HTML blocks, links). The tokens are dropped afterwards unless asked for.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from listlint.document.bare_urls import add_bare_links, bare_links, maybe_bare
from listlint.document.blocks import ListItem, MarkdownList, Table, TextBlock
from listlint.document.document import BlockLines, Document
from listlint.document.html_blocks import html_block
from listlint.document.items import close_list, list_item_head
from listlint.document.layouts import CITATION
from listlint.document.links import collect_definitions, collect_links
from listlint.document.sections import finish_sections, heading
from listlint.document.state import OpenItem, OpenList, State
from listlint.document.tables import table_row
from listlint.document.titles import block_paragraph, end_block_anchor, finish_anchor
from listlint.document.tokens import SINK, block_parser, markdown_parser, streaming_parser
from listlint.inline import normalize_label
from listlint.model import Link, Span, Unread
from listlint.parse_guard import InlineReader, join_text
from listlint.source import Source

if TYPE_CHECKING:
    from markdown_it.token import Token

_IMAGE_SRC = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_FIELD = re.compile(  # the label of an entry's description written as its sub-item
    r"[ \t>]*[-*+][ \t]+(?:\*\*|__)?(?:简介|介绍|描述|说明|摘要|概述|Description|Summary|"
    r"Abstract|Intro(?:duction)?|Overview|TL;?DR)(?:\*\*|__)?[ \t]*[:：]", re.I)
_LINKS_OUT = re.compile(r"\]\(\s*<?https?://|<https?://|href\s*=\s*[\"']?https?://|"
                        r"(?<![(<\"'=/\w])https?://\S|\]\[[^\]\n]*\]", re.I)


def parse(source: Source, *, keep_tokens: bool = False,
          links_seen: Callable[[list[Link]], None] | None = None) -> Document:
    """Parse ``source`` into a :class:`Document`.

    ``links_seen``, if given, is called with ``doc.links`` now and then while the builder
    reads (the list only grows; its order and the bare URLs are final once parsed): the link
    check starts asking while the rest of the file is read.

    markdown-it's tokens are dropped once the model is built, unless ``keep_tokens`` (for a
    caller that renders them, like the fix verifier): ``Document.tokens`` is then None.
    Without ``keep_tokens``, markdown-it reads the blocks first and the builder has the
    inline text of each block parsed when it gets there, dropping the tokens it is done
    with: the children of one block exist at a time, and the model grows while the block
    tokens shrink (the same tokens, read in the same order, as one ``parse`` gives).
    """
    with _gc_paused():
        env: dict = {}
        if keep_tokens:
            tokens = markdown_parser().parse(source.text, env)
            doc = Document(source, tokens)
            doc.references = _references(env)
            builder = Builder(doc, keep_children=True)
            builder.feed(tokens)
            del tokens
        elif len(source.text) < STREAM_FROM and not _stream_for_links(source.text, links_seen):
            md = block_parser()
            tokens = md.parse(source.text, env)
            doc = Document(source, None)
            doc.references = _references(env)
            builder = Builder(doc, reader=InlineReader(md, env), links_seen=links_seen)
            builder.feed(tokens)
            del tokens
        else:
            doc, builder = _streamed(source, links_seen)
        builder.finish()
        # GitHub links bare URLs too: links, never entries (those of table cells, which
        # share their row's lines, once every written link is known)
        add_bare_links(doc, builder.bare + bare_links(doc, builder.in_tables))
        doc.containers, doc.block_ends = builder.lines.result()
        if doc.references:  # the prose would scan every block again (see prose._links_in)
            doc.link_scans = {}
        del builder
    return doc


#: From this many characters on, the builder reads each top-level block as soon as
#: markdown-it has read it (:func:`_streamed`).
STREAM_FROM = 1_000_000


def _stream_for_links(text: str, links_seen: Callable[[list[Link]], None] | None) -> bool:
    """Whether a link check waits on this parse (``links_seen``) and the text holds no
    reference definition: then the first block's links go out before markdown-it has read
    the rest (awesome-go's first request 0.2 s sooner), at no extra pass."""
    return links_seen is not None and "]:" not in text


def _streamed(source: Source, links_seen: Callable[[list[Link]], None] | None = None,
              ) -> tuple[Document, Builder]:
    """Parse a huge ``source`` one top-level block at a time: markdown-it hands over the
    tokens of each block as it finishes it (``tokens.streaming_parser``), and the builder
    reads them and lets them go. Inline text needs every reference definition of the file,
    so when the text may hold one (``]:``), a first pass collects them and drops the tokens."""
    md = streaming_parser()
    text = source.text
    env: dict = {}
    if "]:" in text:
        env[SINK] = list.clear
        md.parse(text, env)
        env = {"references": env["references"]} if "references" in env else {}
    doc = Document(source, None)
    doc.references = _references(env)
    builder = Builder(doc, reader=InlineReader(md, env), links_seen=links_seen)

    def sink(tokens: list[Token]) -> None:
        builder.feed(tokens)
        tokens.clear()

    env[SINK] = sink
    rest = md.parse(text, env)
    env.pop(SINK)
    builder.feed(rest)
    return doc, builder


def _references(env: dict) -> dict[str, str]:
    refs = env.get("references", {})
    return {normalize_label(k): v.get("href", "") for k, v in refs.items()}


def parse_text(text: str, path: str = "<string>") -> Document:
    return parse(Source.from_text(text, path))


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


# inline tokens parsed ahead of the builder at a time: handlers look one token ahead (a
# whole row for tables); the children of a window are small, and one call joins their text
_WINDOW = 48


def _list_index(lst: MarkdownList) -> int:
    return lst.index


class Builder(State):
    """One pass over the token stream that fills a Document: a handler per token type.

    Unless ``keep_children``, the inline tokens of a block are dropped once it is read (its
    bare URLs found first): the model grows while the tokens shrink, which keeps the peak
    memory of a parse near that of markdown-it's tokens alone.
    """

    def __init__(self, doc: Document, *, keep_children: bool = False,
                 reader: InlineReader | None = None,
                 links_seen: Callable[[list[Link]], None] | None = None) -> None:
        super().__init__(doc)
        self.links_seen = links_seen
        self.keep_children = keep_children
        self.reader = reader  # None: every inline token comes parsed already
        self.lines = BlockLines()
        from markdown_it.token import Token

        self.done = Token("done", "", 0)  # stands for a token read and let go
        self.handlers: dict[str, Callable[[list[Token], int], None]] = {
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
        self.in_table = False
        self.bare: list[Link] = []  # the bare URLs of the blocks read (outside tables)
        self.in_tables: list[Token] = []  # the inline tokens of table cells

    def feed(self, tokens: list[Token]) -> None:
        """Read ``tokens``: the whole stream, or (streaming) one top-level block after the
        other. A handler looks at most one token back and never past its own block ahead."""
        handlers = self.handlers
        reader = self.reader
        lines = self.lines
        done = self.done
        read_to = 0  # the tokens before this index have their children
        for i, t in enumerate(tokens):
            if reader is not None and (i + 2 > read_to or t.type == "tr_open"):
                read_to = self.read_ahead(tokens, i, read_to)
            lines.add(t)
            handler = handlers.get(t.type)
            if handler is not None:
                handler(tokens, i)
            if reader is not None and i > 1:
                tokens[i - 2] = done  # let go of what no handler looks at again
        self.scan_cache.clear()  # (streaming) the next top-level block scans other spans

    def finish(self) -> None:
        """Close what is still open once every token is read."""
        end_block_anchor(self)
        finish_sections(self)
        collect_definitions(self)
        self.doc.unread = [Unread(span, tuple(lines), kind)
                           for span, kind, lines in self.unread.values()]
        self.lists.sort(key=_list_index)
        self.doc.lists = self.lists

    def read_ahead(self, tokens: list[Token], i: int, read_to: int) -> int:
        """Parse the inline text of the next tokens (a window of :data:`_WINDOW`, or the whole
        table row at ``tokens[i]``), from ``read_to`` on; the new ``read_to``."""
        end = i + _WINDOW
        if tokens[i].type == "tr_open":
            j = i + 1
            while j < len(tokens) and tokens[j].type != "tr_close":
                j += 1
            end = max(end, j + 1)
        end = min(end, len(tokens))
        if end <= read_to:
            return read_to
        assert self.reader is not None
        if self.links_seen is not None:
            self.links_seen(self.doc.links)
        inline = [t for t in tokens[read_to:end] if t.type == "inline"]
        for t in inline:
            self.reader.read(t)
        join_text(inline)
        return end

    def on_heading(self, tokens: list[Token], i: int) -> None:
        heading(self, tokens[i], tokens[i + 1])

    def on_list_open(self, tokens: list[Token], i: int) -> None:
        parent = self.list_stack[-1].index if self.list_stack else None
        self.list_stack.append(OpenList(tokens[i], index=self.lists_opened,
                                        depth=len(self.item_stack), parent=parent))
        self.lists_opened += 1

    def on_list_close(self, tokens: list[Token], i: int) -> None:
        lst = self.list_stack[-1]
        t = lst.token
        ordered = t.type == "ordered_list_open"
        self.lists.append(MarkdownList(
            lst.index, t.markup or ("." if ordered else "-"), ordered, t.level, lst.depth,
            self.lines_span(t.map) if t.map else Span(0, 0), tuple(lst.list_items), lst.parent))
        close_list(self)

    def on_item_open(self, tokens: list[Token], i: int) -> None:
        t = tokens[i]
        if t.map and self.list_stack:
            lst = self.list_stack[-1]
            empty = i + 1 < len(tokens) and tokens[i + 1].type == "list_item_close"
            item = ListItem(self.line_no(t.map[0] + 1), self.line_no(t.map[1]),
                            len(self.item_stack), lst.index, empty)
            lst.list_items.append(item)
            self.doc.list_items.append(item)
        self.item_stack.append(OpenItem(t))

    def on_item_close(self, tokens: list[Token], i: int) -> None:
        item = self.item_stack.pop()
        if item.anchor is not None:
            finish_anchor(self, item.anchor)

    def on_paragraph(self, tokens: list[Token], i: int) -> None:
        """The first paragraph of a list item is the head of an entry (or a ToC item)."""
        if not self.item_stack:
            block_paragraph(self, tokens[i], tokens[i + 1])
            return
        if self.item_stack[-1].head_done:
            return
        item = self.item_stack[-1]
        item.head_done = True
        para, inline = tokens[i], tokens[i + 1]
        if para.level == item.token.level + 1 and inline.map and para.map:
            links = collect_links(self, inline)
            self.collected = inline
            self.consumed = False
            n = len(self.doc.entries)
            list_item_head(self, item, para, inline, links)
            if self.describes_entry_above(para.map):
                return  # "- 简介：based on [CLIP](url)": a field of the entry, no entry
            self.count_linked(para.map, n, self.list_stack[0].token if self.list_stack
                              else item.token, "list")

    def on_code(self, tokens: list[Token], i: int) -> None:
        t = tokens[i]
        if self.item_stack:
            self.item_stack[-1].head_done = True
        if t.map:
            self.doc.skipped.append(self.lines_span(t.map))

    def on_html(self, tokens: list[Token], i: int) -> None:
        html_block(self, tokens[i])

    def on_table(self, tokens: list[Token], i: int) -> None:
        t = tokens[i]
        self.in_table = True
        self.table_span = self.lines_span(t.map) if t.map else None
        self.table_header = ()
        self.table_rows = []

    def on_table_close(self, tokens: list[Token], i: int) -> None:
        self.in_table = False
        if self.table_span is not None:
            self.doc.tables.append(Table(self.table_span, self.table_header,
                                         tuple(self.table_rows)))
        self.table_span = None

    def on_row(self, tokens: list[Token], i: int) -> None:
        if i + 1 < len(tokens):
            n = len(self.doc.entries)
            self.consumed = False
            table_row(self, tokens[i], tokens, i)
            tr = tokens[i]
            if tr.map and tokens[i + 1].type != "th_open":
                self.table_rows.append(self.line_no(tr.map[0] + 1))
            if tr.map and self.table_span is not None and tokens[i + 1].type != "th_open":
                self.count_linked([tr.map[0], tr.map[0] + 1], n, None, "table")

    def on_front_matter(self, tokens: list[Token], i: int) -> None:
        t = tokens[i]
        if t.map:
            self.doc.front_matter = self.lines_span(t.map)

    def on_inline(self, tokens: list[Token], i: int) -> None:
        t = tokens[i]
        if t.map:
            first = self.line_no(t.map[0] + 1)
            last = self.line_no(min(max(first, t.map[1]), self.line_count))
            kind = "heading" if i and tokens[i - 1].type == "heading_open" else "paragraph"
            self.doc.text_blocks.append(TextBlock(self.lines_span(t.map), first, last, kind,
                                                  bool(self.item_stack)))
        if t is not self.collected:
            collect_links(self, t)
        if self.in_table:
            self.in_tables.append(t)
            return
        if t.map and t.children and maybe_bare(t.content):
            self.bare.extend(bare_links(self.doc, (t,), self.links_within(t.map)))
        if not self.keep_children:
            t.children = None

    def links_within(self, m: list[int]) -> list[tuple[int, int]]:
        """The sorted spans of the written links read on the lines of the block with map
        ``m`` (the last ones read: blocks outside tables share no lines)."""
        links = self.doc.links
        start = self.lines_span(m).start
        j = len(links)
        while j and links[j - 1].span.start >= start:
            j -= 1
        return sorted((link.span.start, link.span.end) for link in links[j:])

    def describes_entry_above(self, lines: list[int]) -> bool:
        """Is this list item a description field (``简介：…``, ``Description: …``) of the
        entry or title item it is nested in? Its links are the description's."""
        if len(self.item_stack) < 2 or self.consumed:
            return False
        parent = self.item_stack[-2]
        if parent.entry is None and parent.anchor is None:
            return False
        start = self.src.line_start(lines[0] + 1)
        return _FIELD.match(self.text, start, min(start + 80, len(self.text))) is not None

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
        if "<sup" in own:
            own = CITATION.sub("", own)  # a fact's source is no link of a list's item
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
