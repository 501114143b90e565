"""The prose of a list, word by word, with exact offsets: what spelling rules read.

markdown-it-py says which blocks hold inline text (paragraphs, headings, table cells) but its
inline children carry no positions. So :func:`words` scans the *source* of each such block,
masks everything that is not prose (code spans, link destinations, images and badges,
autolinks and bare URLs, HTML tags and comments, entities, escapes) and yields the remaining
words with their offsets into the normalised text and their context:

``description``
    the text after an entry's link;
``title``
    an entry's link text (a paper's title is quoted from its source: never autofixed);
``link``
    the text of any other link;
``heading``
    a heading;
``paragraph``
    anything else (intro paragraphs, list items without a link, table cells).

Tokens that are not words are never yielded: anything with a digit, an underscore, a dot,
slash, ``@`` or ``=`` inside (file names, domains, identifiers, versions), non-ASCII words.
Hyphenated compounds are split into their parts.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from listlint.inline import scan_links
from listlint.model import Span

if TYPE_CHECKING:
    from listlint.document import Document

# Things inside an inline block that are never prose.
_MASK = re.compile(
    r"<!--.*?-->"  # HTML comment
    r"|</?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,2000})?/?>"  # HTML tag
    r"|(?:https?|ftp)://[^\s<>\[\]()]*"  # bare URL
    r"|www\.[^\s<>\[\]()]+"
    r"|&(?:[A-Za-z]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"  # entity
    r"|\\.",  # escape
    re.S,
)
_BACKTICKS = re.compile(r"`+")
# A chunk: a run of characters that could belong to one token (word, URL, path, version).
_CHUNK = re.compile(r"[^\s()\[\]{}<>\"|,;:!?*~`“”]+")
_EDGE = "._'’-"
_NOT_A_WORD = re.compile(r"[_./@=#+&%$\\^]")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_SENTENCE_END = frozenset(".!?:")
_NAME_COLON = re.compile(r":(?=\s|$)")
_LETTERS = re.compile(r"[A-Za-z]+")
_ITEM_HEAD = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?")


class Word(NamedTuple):
    """One word of prose: its text as written, its offsets and where it stands.

    A named tuple rather than a dataclass: a long list has tens of thousands of words.
    """

    text: str
    start: int
    end: int
    context: str  # description | title | link | heading | paragraph
    sentence_start: bool  # first word of a block or after . ! ? :
    name: bool  # before the colon of a link text (a system name: ``PICE: ...``)
    entry: int | None = None  # index of the entry the word belongs to
    joined: bool = False  # part of a hyphenated compound ("REST-ful", "multi-GPU")

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


def _code_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Code spans of ``text[start:end]`` (backtick runs paired by length, CommonMark-style)."""
    runs: dict[int, list[int]] = {}
    order: list[tuple[int, int]] = []
    for m in _BACKTICKS.finditer(text, start, end):
        n = m.end() - m.start()
        runs.setdefault(n, []).append(m.start())
        order.append((m.start(), n))
    spans: list[tuple[int, int]] = []
    pos = start
    for s, n in order:
        if s < pos:
            continue
        starts = runs[n]
        k = bisect.bisect_right(starts, s)
        if k < len(starts):
            close = starts[k]
            spans.append((s, close + n))
            pos = close + n
    return spans


def _masked(text: str, start: int, end: int, link_dest: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = _code_spans(text, start, end)
    code_ranges = list(spans)
    for m in _MASK.finditer(text, start, end):
        if not any(a <= m.start() < b for a, b in code_ranges):
            spans.append((m.start(), m.end()))
    spans.extend(link_dest)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _block_spans(doc: Document) -> Iterator[tuple[Span, str]]:
    """The source span of every inline block with the kind of block it is, each once."""
    src = doc.source
    seen: set[tuple[int, int]] = set()
    tokens = doc.tokens
    for i, t in enumerate(tokens):
        if t.type != "inline" or not t.map:
            continue
        first, last = t.map[0] + 1, max(t.map[0] + 1, t.map[1])
        last = min(last, src.line_count)
        span = Span(src.line_start(first), src.line_end(last))
        key = (span.start, span.end)
        if key in seen:
            continue
        seen.add(key)
        opener = tokens[i - 1].type if i else ""
        yield span, "heading" if opener == "heading_open" else "paragraph"


@dataclass(slots=True)
class _Block:
    """One inline block: where its prose is, and what each part of it is."""

    span: Span
    kind: str
    content_start: int  # after a list marker and checkbox
    pieces: list[tuple[int, int]]  # the unmasked parts, from content_start on
    links: list[tuple[int, int, str, int | None, int]]  # start, end, context, entry, name end
    descs: list[tuple[int, int, int]]  # start, end, entry
    texts: set[str] = field(default_factory=set)  # its words as written


class Prose:
    """The prose of one document, scanned once.

    :attr:`counts` (every word as written, with how often it occurs) is cheap; the
    :class:`Word` objects, with offsets and context, are built by :meth:`words` and only for
    the blocks that hold a wanted word, so a spelling check pays for the few words it reports.
    """

    def __init__(self, doc: Document, min_length: int = 1) -> None:
        self.text = doc.text
        self.min_length = min_length
        self.blocks = _blocks(doc)
        self._counts: Counter[str] | None = None

    @property
    def counts(self) -> Counter[str]:
        """Every word as written -> how often the prose uses it."""
        if self._counts is None:
            self._counts = Counter()
            for block in self.blocks:
                found = _texts(self.text, block.pieces, self.min_length)
                block.texts = set(found)
                self._counts.update(found)
        return self._counts

    def words(self, wanted: Collection[str] | None = None) -> list[Word]:
        """The words (all, or those whose text is in ``wanted``), in document order."""
        if wanted is None:
            return [w for b in self.blocks for w in _block_words(self.text, b, self.min_length)]
        if self._counts is None:
            _ = self.counts  # fills the blocks' texts
        out: list[Word] = []
        for block in self.blocks:
            if not block.texts.isdisjoint(wanted):
                out.extend(w for w in _block_words(self.text, block, self.min_length)
                           if w.text in wanted)
        return out


def words(doc: Document, min_length: int = 1) -> list[Word]:
    """Every word of prose in ``doc`` (of ``min_length`` letters or more), in document order."""
    return Prose(doc, min_length).words()


def _blocks(doc: Document) -> list[_Block]:
    text = doc.text
    entries = doc.entries
    titles = sorted((e.title_span.start, e.title_span.end, e.index) for e in entries)
    t_starts = [s for s, _, _ in titles]
    descs = sorted((e.description_span.start, e.description_span.end, e.index)
                   for e in entries if e.description_span is not None)
    d_starts = [s for s, _, _ in descs]
    out: list[_Block] = []
    for span, kind in _block_spans(doc):
        try:
            raws = scan_links(text, None, span.start, span.end)
        except (KeyError, IndexError):  # the link scanner fails on "\\```": skip the block
            continue
        dests: list[tuple[int, int]] = []
        links: list[tuple[int, int, str, int | None, int]] = []
        for r in raws:
            if r.image or r.kind == "autolink":
                dests.append((r.start, r.end))  # badges, images, <https://...>
                continue
            dests.append((r.text_end, r.end))  # "](url)" or "][label]"
            a, b = r.text_start, r.text_end
            if len(_LETTERS.findall(text, a, b)) < 3:
                name_end = b  # a link text of one or two words names something
            else:
                colon = _NAME_COLON.search(text, a, b)
                name_end = colon.start() if colon else a
            hit = _find(titles, t_starts, a) or _find(titles, t_starts, _skip_space(text, a, b))
            if hit is not None:
                links.append((a, b, "title", hit[2], name_end))
            else:
                links.append((a, b, "link", None, name_end))
        k = bisect.bisect_right(d_starts, span.end) - 1
        block_descs = []
        while k >= 0 and descs[k][1] > span.start:
            block_descs.append(descs[k])
            k -= 1
        block_descs.reverse()
        head = _ITEM_HEAD.match(text, span.start, span.end)
        content_start = head.end() if head else span.start
        pieces: list[tuple[int, int]] = []  # the unmasked parts of the block
        pos = content_start
        for a, b in _masked(text, span.start, span.end, dests):
            if a > pos:
                pieces.append((pos, a))
            pos = max(pos, b)
        if pos < span.end:
            pieces.append((pos, span.end))
        out.append(_Block(span, kind, content_start, pieces, links, block_descs))
    return out


def _texts(text: str, pieces: list[tuple[int, int]], min_length: int) -> list[str]:
    """The words of ``pieces`` as written: what :func:`_block_words` finds, without offsets."""
    out: list[str] = []
    for a, b in pieces:
        chunks = _CHUNK.findall(text, a, b)
        out += [c for c in chunks if c.isalpha() and c.isascii() and len(c) >= min_length]
        for c in [c for c in chunks if not c.isalpha()]:
            core = c.strip(_EDGE)
            if not core or _NOT_A_WORD.search(core) or not core.isascii():
                continue
            out += [core[s:e] for s, e in _parts(core, 0) if e - s >= min_length]
    return out


def _skip_space(text: str, a: int, b: int) -> int:
    while a < b and text[a] in " \t*_":
        a += 1
    return a


def _find(ranges: list[tuple[int, int, int]], starts: list[int], pos: int) -> tuple[int, int, int] | None:
    k = bisect.bisect_right(starts, pos) - 1
    if k >= 0 and ranges[k][0] <= pos < ranges[k][1]:
        return ranges[k]
    return None


def _segments(span: Span, kind: str, links: list[tuple[int, int, str, int | None, int]],
              descs: list[tuple[int, int, int]]) -> list[tuple[int, str, int | None, int]]:
    """The block cut where the context changes: ``(end, context, entry, name_end)`` in order."""
    cuts = {span.end}
    for a, b, *_ in links:
        cuts.update((a, b))
    for a, b, _ in descs:
        cuts.update((a, b))
    out: list[tuple[int, str, int | None, int]] = []
    prev = span.start
    for cut in sorted(c for c in cuts if span.start < c <= span.end):
        context, entry, name_end = kind, None, -1
        for a, b, d_entry in descs:
            if a <= prev < b:
                context, entry = "description", d_entry
        for a, b, l_context, l_entry, l_name in links:
            if a <= prev < b:
                context, entry, name_end = l_context, l_entry, l_name
        out.append((cut, context, entry, name_end))
        prev = cut
    return out


def _block_words(text: str, block: _Block, min_length: int) -> list[Word]:
    span, kind, links, descs = block.span, block.kind, block.links, block.descs
    content_start = block.content_start
    last_end = content_start  # where the previous word ended
    segments = _segments(span, kind, links, descs)
    k = 0
    seg_end, context, entry, name_end = segments[0]
    seg_start = span.start
    out: list[Word] = []
    append = out.append
    chunks = _CHUNK.finditer
    new = tuple.__new__  # Word(...) without the Python-level __new__ of named tuples
    for a, b in block.pieces:
        for m in chunks(text, a, b):
            chunk = m.group()
            if chunk.isalpha() and chunk.isascii():
                found: Iterable[tuple[int, int]] = (m.span(),)
                joined = False
            else:
                core = chunk.strip(_EDGE)
                if not core or _NOT_A_WORD.search(core) or not core.isascii():
                    continue
                base = m.start() + len(chunk) - len(chunk.lstrip(_EDGE))
                found = _parts(core, base)
                joined = "-" in core
            for w_start, w_end in found:
                if w_end - w_start < min_length or w_start < content_start:
                    last_end = max(last_end, w_end)  # short words; the x of a ticked checkbox
                    continue
                while w_start >= seg_end:
                    k += 1
                    seg_start = seg_end
                    seg_end, context, entry, name_end = segments[k]
                if last_end == content_start:
                    start_of_sentence = True
                elif context == "description" and last_end <= seg_start:
                    start_of_sentence = True  # the first word of an entry's description
                elif w_start - last_end == 1 and text[last_end] == " ":
                    start_of_sentence = False
                else:
                    start_of_sentence = _ends_sentence(text[last_end:w_start])
                if name_end >= 0:
                    name = w_start < name_end
                else:
                    # "[Parm: Efficient Training ...]": a name before a colon, without a link
                    name = last_end == content_start and context == kind \
                        and text.startswith(":", w_end)
                last_end = w_end
                append(new(Word, (text[w_start:w_end], w_start, w_end, context,
                                  start_of_sentence, name, entry, joined)))
    return out


def _parts(core: str, base: int) -> list[tuple[int, int]]:
    """The words of a hyphenated or possessive chunk; parts glued to digits are skipped."""
    out = []
    for wm in _WORD.finditer(core):
        s, e = wm.start(), wm.end()
        if (s > 0 and core[s - 1] != "-") or (e < len(core) and core[e] != "-"):
            continue  # glued to digits ("fp16", "2x") or other symbols
        out.append((base + s, base + e))
    return out


def _ends_sentence(between: str) -> bool:
    """Does the text between two words end a sentence (or a table cell)?"""
    if "|" in between:
        return True
    stripped = between.rstrip(" \t\n*_([\"'“>`")
    return bool(stripped) and stripped[-1] in _SENTENCE_END
