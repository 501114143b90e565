"""The prose of a list, word by word, with exact offsets (the spelling rules read it; the
awesome rules use its masking of what is not prose).

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

The unmasked text is cut into *chunks* (runs of characters that may hold words) once;
counting words only splits each distinct chunk, and :meth:`Prose.words` locates in the text
only the chunks that hold a wanted word.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from sys import intern
from typing import TYPE_CHECKING, NamedTuple

from listlint.document.prose_blocks import Block, Blocks, pairs
from listlint.inline import link_ranges, scan_links
from listlint.model import Span

if TYPE_CHECKING:
    from listlint.document import Document
    from listlint.model import Entry

# Things inside an inline block that are never prose.
MASK = re.compile(
    r"<!--.*?-->"  # HTML comment
    r"|</?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,2000})?/?>"  # HTML tag
    r"|https?://[^\s<>\[\]()]*|ftp://[^\s<>\[\]()]*"  # bare URL (a literal start: fast)
    r"|www\.[^\s<>\[\]()]+"
    r"|&(?:[A-Za-z]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"  # entity
    r"|\$\$.{1,2000}?\$\$"  # display math
    r"|\$(?=[^\s$])[^$\n]{1,300}?(?<=[^\s\\])\$(?!\d)"  # inline math: $\mathcal{O}(n)$, not $5 and $10
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


def code_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Code spans of ``text[start:end]`` (backtick runs paired by length, CommonMark-style)."""
    if text.find("`", start, end) == -1:
        return []
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


_CODE_PIECE = 1 << 16  # characters of a long code span read at a time (whole lines)


def code_texts(text: str) -> Iterator[str]:
    """The text of every code span and fenced block of ``text`` (the list's own spelling of
    its field's words: `struct`, `semver`, `passwd`), backticks included, one at a time, a
    long one in pieces of whole lines: backtick runs pair across the whole text, and on a
    huge list a stray one made spans of megabytes. Read for its words, which hold neither a
    backtick nor a line break."""
    for a, b in code_spans(text, 0, len(text)):
        while b - a > _CODE_PIECE:
            cut = text.find("\n", a + _CODE_PIECE, b)
            if cut == -1:
                break
            yield text[a:cut]
            a = cut + 1
        yield text[a:b]


def masked(text: str, start: int, end: int, link_dest: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``text[start:end]`` that are not prose, sorted and merged: code spans, the
    matches of :data:`MASK` outside them, and ``link_dest`` (link targets, images)."""
    spans = code_spans(text, start, end)
    if spans:
        code_ranges = list(spans)
        for m in MASK.finditer(text, start, end):
            if not any(a <= m.start() < b for a, b in code_ranges):
                spans.append(m.span())
    else:
        spans = [m.span() for m in MASK.finditer(text, start, end)]
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


def block_spans(doc: Document) -> Iterator[tuple[Span, str]]:
    """The source span of every inline block with the kind of block it is, each once."""
    for start, end, kind in block_ranges(doc):
        yield Span(start, end), kind


def block_ranges(doc: Document) -> Iterator[tuple[int, int, str]]:
    """:func:`block_spans` as ``(start, end, kind)``."""
    seen: set[tuple[int, int]] = set()
    for block in doc.text_blocks:
        key = (block.span.start, block.span.end)
        if key not in seen:
            seen.add(key)
            yield key[0], key[1], block.kind


# The words of a chunk: their offsets in it (any length), whether it is a hyphenated
# compound, and where its last word ends (0: it has none).
_ChunkWords = tuple[tuple[tuple[int, int], ...], bool, int]


class Prose:
    """The prose of one document, scanned once.

    :attr:`counts` (every word as written, with how often it occurs) is cheap: the chunks of
    the prose (runs of characters that may hold words) are collected with one regular
    expression, and only the *distinct* chunks are split into words. The :class:`Word`
    objects, with offsets and context, are built by :meth:`words` and only for the words
    wanted, in the blocks that hold one, so a spelling check pays for the few words it reports.
    """

    def __init__(self, doc: Document, min_length: int = 1) -> None:
        self.text = doc.text
        self.min_length = min_length
        self.blocks = _blocks(doc)
        self._entries = doc.entries
        self._counts: Counter[str] | None = None
        self._chunks: list[str] = []  # every chunk of the prose, in document order
        # where each piece's chunks end in _chunks, every block's pieces in order (machine
        # ints: a huge list has hundreds of thousands of pieces)
        self._piece_ends = array("q")
        self._distinct: set[str] = set()
        self._glued: dict[str, list[str]] = {}  # word -> the other chunks that hold it
        self._chunk_words: dict[str, _ChunkWords] = {}
        self._index: _EntryIndex | None = None

    @property
    def counts(self) -> Counter[str]:
        """Every word as written -> how often the prose uses it."""
        if self._counts is None:
            self._counts = self._count()
        return self._counts

    def words(self, wanted: Collection[str] | None = None) -> list[Word]:
        """The words (all, or those whose text is in ``wanted``), in document order."""
        if self._counts is None:
            _ = self.counts  # collects the chunks
        hits: set[str] | None = None
        if wanted is not None:
            # the chunks that may hold a wanted word: a word alone, or glued to others
            hits = self._distinct.intersection(wanted)
            for w in wanted:
                hits.update(self._glued.get(w, ()))
        chunks, piece_ends = self._chunks, self._piece_ends
        blocks = self.blocks
        piece_at = blocks.piece_at
        out: list[Word] = []
        first = 0
        for k in range(len(blocks)):
            p0, p1 = piece_at[k], piece_at[k + 1]
            last = piece_ends[p1 // 2 - 1] if p1 > p0 else first
            if hits is None or not hits.isdisjoint(chunks[first:last]):
                out += self._block_words(blocks[k], wanted, hits, first)
            first = last
        return out

    def _count(self) -> Counter[str]:
        """Collect the chunks of every piece, and count the words of the distinct ones."""
        text = self.text
        findall = _CHUNK.findall
        chunks, ends = self._chunks, self._piece_ends
        for a, b in pairs(self.blocks.pieces):  # every block's pieces, in order
            # one string per distinct chunk (a 5 MB list holds 450,000 chunks, 40,000
            # of them distinct): the list costs a pointer per chunk, not a string
            chunks += map(intern, findall(text, a, b))
            ends.append(len(chunks))
        every = Counter(chunks)
        self._distinct = set(every)
        min_length = self.min_length
        # most chunks are a word alone; the others are split (and remembered in _glued)
        counts: Counter[str] = Counter({c: n for c, n in every.items()
                                        if c.isalpha() and c.isascii() and len(c) >= min_length})
        get, glued = counts.get, self._glued
        for chunk in [c for c in every if not (c.isalpha() and c.isascii())]:
            n = every[chunk]
            for s, e in self._words_of(chunk)[0]:
                if e - s >= min_length:
                    word = chunk[s:e]
                    counts[word] = get(word, 0) + n
                    glued.setdefault(word, []).append(chunk)
        return counts

    def _words_of(self, chunk: str) -> _ChunkWords:
        """:func:`_chunk_words`, once per distinct chunk."""
        got = self._chunk_words.get(chunk)
        if got is None:
            got = self._chunk_words[chunk] = _chunk_words(chunk)
        return got

    def _last_end_of(self, chunk: str) -> int:
        """Where the last word of ``chunk`` ends in it (0: it has none)."""
        if chunk.isalpha() and chunk.isascii():
            return len(chunk)  # a word alone: nothing to split, nothing to keep
        return self._words_of(chunk)[2]

    def _context(self, block: Block, descs: list[tuple[int, int, int]], pos: int
                 ) -> tuple[str, int | None, int, int, int]:
        """What the word at ``pos`` belongs to: ``(context, entry, name_end, start, end)``,
        ``name_end`` the end of a name in its link text (-1 outside links), ``start`` and
        ``end`` the stretch of the block around it without a link or description boundary.
        ``descs``: the descriptions that overlap the block."""
        context, entry, name_end = block.kind, None, -1
        start, end = block.start, block.end
        for a, b, d_entry in descs:
            if a <= pos < b:
                context, entry = "description", d_entry
            for cut in (a, b):
                if start < cut <= pos:
                    start = cut
                elif pos < cut < end:
                    end = cut
        title = self._index.titles_at(pos) if self._index is not None else None
        if title is not None:  # a title written as text (document.layouts)
            context, entry, start, end = "title", title[2], max(start, title[0]), min(end, title[1])
        for a, b in pairs(block.link_texts):
            if a <= pos < b:
                assert self._index is not None
                _, _, context, entry, name_end = self._index.link(self.text, a, b)
            for cut in (a, b):
                if start < cut <= pos:
                    start = cut
                elif pos < cut < end:
                    end = cut
        return context, entry, name_end, start, end

    def _block_words(self, block: Block, wanted: Collection[str] | None,
                     hits: set[str] | None, first: int) -> list[Word]:
        """The words of ``block`` (its chunks start at ``first`` in :attr:`_chunks`); with
        ``wanted``, only those, which are in the chunks ``hits``.

        Only the chunks worth a look are located in the text: a word's context needs where
        the word before it ended, and that is found by walking back from it, chunk by chunk.
        """
        text = self.text
        chunks = self._chunks
        min_length = self.min_length
        content_start = block.content_start
        last_end = content_start  # where the word before the next one ends...
        done = first  # ...counting the words of the chunks before this one
        if self._index is None:
            self._index = _EntryIndex(self._entries)
        descs = self._index.descriptions(block.start, block.end)
        context, entry, name_end, seg_start, seg_end = block.kind, None, -1, 0, -1
        kind = block.kind
        out: list[Word] = []
        append = out.append
        new = tuple.__new__  # Word(...) without the Python-level __new__ of named tuples
        lo = first
        piece_ends, first_piece = self._piece_ends, block.first_piece
        for i, (a, b) in enumerate(pairs(block.pieces)):
            hi = piece_ends[first_piece + i]
            if hits is not None and hits.isdisjoint(chunks[lo:hi]):
                lo = hi
                continue
            cursor = a
            for j in range(lo, hi):
                chunk = chunks[j]
                if hits is not None and chunk not in hits:
                    continue
                base = _find_chunk(text, chunk, cursor, a, b)
                cursor = base + len(chunk)
                if j > done:
                    last_end = self._end_before(block, i, j, base, first, done, last_end)
                done = j + 1
                parts, joined, _ = self._words_of(chunk)
                for s, e in parts:
                    w_start, w_end = base + s, base + e
                    if e - s < min_length or w_start < content_start:
                        last_end = max(last_end, w_end)  # short words; the x of a ticked checkbox
                        continue
                    if w_start >= seg_end:  # into another link text or description
                        context, entry, name_end, seg_start, seg_end = \
                            self._context(block, descs, w_start)
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
                    word = chunk[s:e]
                    if wanted is None or word in wanted:
                        append(new(Word, (word, w_start, w_end, context, start_of_sentence, name,
                                          entry, joined)))
            lo = hi
        return out

    def _end_before(self, block: Block, i: int, j: int, pos: int, first: int, done: int,
                    last_end: int) -> int:
        """Where the last word before chunk ``j`` (at ``pos``, in piece ``i``) ends, given
        that the words of the chunks before ``done`` end at ``last_end``.

        Walking back with ``rfind`` finds each chunk exactly: a chunk is a maximal run of
        characters, so it cannot occur again in the separators after it.
        """
        text, chunks, end_of = self.text, self._chunks, self._last_end_of
        while True:
            a = block.pieces[2 * i]
            lo = self._piece_ends[block.first_piece + i - 1] if i else first
            for k in range(j - 1, max(lo, done) - 1, -1):
                pos = text.rfind(chunks[k], a, pos)
                end = end_of(chunks[k])
                if end:
                    return pos + end
            if lo <= done:
                return last_end
            i, j = i - 1, lo
            pos = block.pieces[2 * i + 1]


def words(doc: Document, min_length: int = 1) -> list[Word]:
    """Every word of prose in ``doc`` (of ``min_length`` letters or more), in document order."""
    return Prose(doc, min_length).words()


def _links_in(doc: Document, start: int, end: int) -> Sequence[int]:
    """The links of a block, as ``link_ranges(scan_links(text, None, start, end))`` gives them.

    None without a bracket or an angle bracket. When the document model scanned the block
    already, its answer is the same unless a reference could be read differently (that scan
    knows the file's reference definitions, this one takes every ``[text][label]`` for a
    link): with no definitions in the file and no ``][`` in the block, it is reused. The
    prose takes each scan it reads out of the document (its last reader: a huge list holds
    one per block); a later reader scans the block again and finds the same links."""
    text = doc.text
    known = doc.link_scans.pop((start, end), None)
    if text.find("[", start, end) == -1 and text.find("<", start, end) == -1:
        return ()
    if known is not None and not doc.references and text.find("][", start, end) == -1:
        return known
    return link_ranges(scan_links(text, None, start, end))


def _blocks(doc: Document) -> Blocks:
    text = doc.text
    out = Blocks()
    for start, end, kind in block_ranges(doc):
        try:
            raws = _links_in(doc, start, end)
        except (KeyError, IndexError):  # the link scanner fails on "\\```": skip the block
            continue
        dests: list[tuple[int, int]] = []
        link_texts: list[int] = []
        it = iter(raws)
        for opaque, link_start, link_end, text_start, text_end in zip(it, it, it, it, it):
            if opaque:
                dests.append((link_start, link_end))  # badges, images, <https://...>
                continue
            dests.append((text_end, link_end))  # "](url)" or "][label]"
            link_texts += (text_start, text_end)
        head = _ITEM_HEAD.match(text, start, end)
        content_start = head.end() if head else start
        pieces: list[int] = []  # the unmasked parts of the block
        pos = content_start
        for a, b in masked(text, start, end, dests):
            if a > pos:
                pieces += (pos, a)
            pos = max(pos, b)
        if pos < end:
            pieces += (pos, end)
        out.add(start, end, kind, content_start, pieces, link_texts)
    # what is left are scans of spans that are no block of the prose (an item's head): no
    # reader is left for them, and the emptied dict still holds its table
    doc.link_scans = {}
    return out


class _Ranges:
    """Sorted ranges of the text, each with its entry: three arrays of machine ints (a huge
    list has a title and a description per entry, and a tuple each would cost more than its
    three ints)."""

    __slots__ = ("starts", "ends", "entries")

    def __init__(self, ranges: list[tuple[int, int, int]]) -> None:
        ranges.sort()
        self.starts = array("q", [s for s, _, _ in ranges])
        self.ends = array("q", [e for _, e, _ in ranges])
        self.entries = array("q", [i for _, _, i in ranges])

    def at(self, k: int) -> tuple[int, int, int]:
        return self.starts[k], self.ends[k], self.entries[k]

    def find(self, pos: int) -> tuple[int, int, int] | None:
        """The last range that starts at or before ``pos``, if it holds ``pos``."""
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and self.starts[k] <= pos < self.ends[k]:
            return self.at(k)
        return None


class _EntryIndex:
    """Where the entries' titles and descriptions are, to give a word its context."""

    def __init__(self, entries: list[Entry]) -> None:
        self.titles = _Ranges([(e.title_span.start, e.title_span.end, e.index) for e in entries])
        self.descs = _Ranges([(e.description_span.start, e.description_span.end, e.index)
                              for e in entries if e.description_span is not None])

    def link(self, text: str, a: int, b: int) -> tuple[int, int, str, int | None, int]:
        """The link text ``text[a:b]``: (a, b, "title" or "link", entry, end of its name)."""
        if len(_LETTERS.findall(text, a, b)) < 3:
            name_end = b  # a link text of one or two words names something
        else:
            colon = _NAME_COLON.search(text, a, b)
            name_end = colon.start() if colon else a
        hit = self.titles.find(a) or self.titles.find(_skip_space(text, a, b))
        if hit is not None:
            return a, b, "title", hit[2], name_end
        return a, b, "link", None, name_end

    def titles_at(self, pos: int) -> tuple[int, int, int] | None:
        return self.titles.find(pos)

    def descriptions(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The descriptions that overlap ``start``-``end``: (start, end, entry), in order."""
        descs = self.descs
        k = bisect.bisect_right(descs.starts, end) - 1
        found = []
        while k >= 0 and descs.ends[k] > start:
            found.append(descs.at(k))
            k -= 1
        found.reverse()
        return found


def _chunk_words(chunk: str) -> _ChunkWords:
    """The words of one chunk as offsets into it (of any length; none for a path, a version,
    an identifier), whether it is a hyphenated compound, and where its last word ends."""
    if chunk.isalpha() and chunk.isascii():
        return ((0, len(chunk)),), False, len(chunk)
    core = chunk.strip(_EDGE)
    base = len(chunk) - len(chunk.lstrip(_EDGE))
    if core.isalpha() and core.isascii():  # "reading." or "'quoted'": one word
        return ((base, base + len(core)),), False, base + len(core)
    if not core or _NOT_A_WORD.search(core) or not core.isascii():
        return (), False, 0
    parts = tuple(_parts(core, base))
    return parts, "-" in core, parts[-1][1] if parts else 0


def _find_chunk(text: str, chunk: str, pos: int, start: int, end: int) -> int:
    """Where the next chunk spelled ``chunk`` starts, from ``pos`` on in the piece
    ``text[start:end]``: a whole chunk, not a part of a longer one."""
    n = len(chunk)
    while True:
        p = text.find(chunk, pos, end)
        if p == -1:  # cannot happen: the chunk was found in this piece
            raise LookupError(f"chunk {chunk!r} not found")
        if (p == start or not _CHUNK.match(text, p - 1, p)) \
                and (p + n == end or not _CHUNK.match(text, p + n, p + n + 1)):
            return p
        pos = p + 1


def _skip_space(text: str, a: int, b: int) -> int:
    while a < b and text[a] in " \t*_":
        a += 1
    return a


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
