"""Where a new entry goes: which section, and where in it.

:func:`find_section` matches ``--section`` against the headings by name (case, emoji and
punctuation aside) or anchor, with a did-you-mean when nothing matches. :func:`propose_section`
picks the section whose entries' titles and descriptions share the most telling words with the
new entry (words that few sections use weigh more), and says which words. :func:`position`
finds the spot inside the section: in order where the section is sorted alphabetically
(under the sort key it already follows) or by date (newest or oldest first, by the venue year
or the arXiv id's month), else after its last entry.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from listlint.document import Document
from listlint.linkid import arxiv_id
from listlint.model import Entry
from listlint.rules.style.blocks import ListBlock, list_blocks
from listlint.rules.style.order import SORT_KEYS, best_order
from listlint.rules.venues.entries import entry_venue
from listlint.source import InputError
from listlint.venue.table import VenueTable

_NOT_WORD = re.compile(r"[^\w\s]+|_")
_WORDS = re.compile(r"[a-z][a-z0-9+\-]{2,}")
_STOP = frozenset("the and for with from into via using based towards toward over under its are "
                  "our your their this that these those can not all any new more most than "
                  "between across through about without within when where which while what how "
                  "also each other such both only very much many one two use used uses make "
                  "large language model models paper papers learning deep neural network "
                  "networks efficient method approach system systems library tool tools".split())


@dataclass(frozen=True, slots=True)
class Choice:
    """A section chosen for the new entry, and why."""

    section: int
    why: str


@dataclass(frozen=True, slots=True)
class Spot:
    """Where to insert: ``offset`` of the line the entry goes before (or after, at the end),
    the entry it is written like, and how the place was found."""

    offset: int
    after: bool  # True: insert after the line ending at ``offset``
    model: Entry | None  # the neighbour whose indentation and list the new entry joins
    how: str  # "alphabetical", "newest first", "oldest first", "at the end", "new list"
    loose: bool = False  # the list has blank lines between its items
    joins: bool = True  # the new item continues the model's list (so takes its marker)


def heading_key(text: str) -> str:
    """A heading as compared: no emoji or punctuation, case folded, spaces collapsed."""
    kept = "".join(c for c in text if c.isalnum() or c.isspace() or c in "-_'")
    return " ".join(_NOT_WORD.sub(" ", kept.casefold()).split())


def find_section(doc: Document, name: str) -> int:
    """The section ``name`` means: its heading (case, emoji and punctuation aside) or its
    anchor (``#tools``); :class:`InputError` with a did-you-mean otherwise."""
    want = heading_key(name.lstrip("#"))
    anchor = name.strip().lstrip("#").lower()
    if anchor in doc.anchors and name.strip().startswith("#"):
        return doc.anchors[anchor]
    exact = [s.index for s in doc.sections if heading_key(s.title) == want]
    if not exact and anchor in doc.anchors:
        exact = [doc.anchors[anchor]]
    if not exact and want:
        exact = [s.index for s in doc.sections if want in heading_key(s.title).split(" ")
                 or f" {want} " in f" {heading_key(s.title)} "]
    if len(exact) > 1:  # "Serving" names "LLM Serving" more than its "Serverless serving"
        top = [i for i in exact if all(i == j or _within(doc, j, i) for j in exact)]
        exact = top or exact
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        shown = ", ".join(repr(" > ".join(doc.sections[i].path)) for i in exact[:4])
        raise InputError(f"--section {name!r} is ambiguous: {shown}; give more of the heading "
                         "or its anchor")
    titles = {heading_key(s.title): s.title for s in doc.sections}
    close = difflib.get_close_matches(want, list(titles), n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(titles[c]) for c in close)}?" if close else \
        " (see the headings with `listlint entries`)"
    raise InputError(f"no section {name!r} in {doc.path}{hint}")


def _within(doc: Document, inner: int, outer: int) -> bool:
    """Is section ``inner`` a subsection of ``outer``?"""
    p = doc.sections[inner].parent
    while p is not None:
        if p == outer:
            return True
        p = doc.sections[p].parent
    return False


def own_entries(doc: Document, section: int) -> list[Entry]:
    """The top-level entries directly under a section (not in its subsections)."""
    return [e for e in doc.entries if e.section == section and e.parent is None]


def _words(text: str) -> set[str]:
    return {w for w in _WORDS.findall(text.casefold()) if w not in _STOP}


def propose_section(doc: Document, title: str, description: str, kind: str) -> Choice | None:
    """The section whose entries look most like the new one, with the words that decided;
    None when no section shares a telling word with it."""
    new = _words(f"{title} {description}")
    by_section: dict[int, list[Entry]] = {}
    for e in doc.entries:
        if e.section is not None and e.parent is None:
            by_section.setdefault(e.section, []).append(e)
    if len(by_section) == 1:
        only = next(iter(by_section))
        return Choice(only, "the only section with entries")
    if not by_section or not new:
        return None
    bags = {s: Counter(w for e in es for w in _words(f"{e.title} {e.description}"))
            for s, es in by_section.items()}
    for s in bags:  # the heading counts as much as a few entries
        for w in _words(doc.sections[s].title):
            bags[s][w] += 3
    df = Counter(w for bag in bags.values() for w in bag)
    n = len(bags)
    idf = {w: math.log(1 + n / df[w]) for w in df}
    best: tuple[float, int, list[str]] | None = None
    for s, bag in bags.items():
        shared = [w for w in new if w in bag]
        if not shared:
            continue
        # tf-idf dot product, damped by the square root of the section vector length (a plain
        # cosine favours tiny sections, a plain dot product huge ones)
        norm = math.sqrt(sum(((1 + math.log(c)) * idf[w]) ** 2 for w, c in bag.items()))
        score = sum((1 + math.log(bag[w])) * idf[w] ** 2 for w in shared) / math.sqrt(norm or 1.0)
        score *= 1 + 0.5 * _kind_share(by_section[s], kind)
        if best is None or score > best[0]:
            best = (score, s, sorted(shared, key=lambda w: (-bag[w] * idf[w], w)))
    if best is None:
        return None
    _, s, shared = best
    words = ", ".join(repr(w) for w in shared[:4])
    n_entries = len(by_section[s])
    return Choice(s, f"its heading and {n_entries} entr{'y' if n_entries == 1 else 'ies'} "
                     f"share {words} with the new entry")


def _kind_share(entries: Sequence[Entry], kind: str) -> float:
    """The share of entries linking to the same kind of thing (repositories vs papers)."""
    if not entries:
        return 0.0
    repo = sum(1 for e in entries if "github.com/" in e.url)
    share = repo / len(entries)
    return share if kind == "github" else 1.0 - share


def _date(doc: Document, e: Entry, table: VenueTable) -> tuple[int, int] | None:
    a = arxiv_id(e.url) or next((x for link in e.other_links if (x := arxiv_id(link.url))), None)
    if a and a[:4].isdigit():
        return 2000 + int(a[:2]), int(a[2:4])
    v = entry_venue(doc, e, table)
    return (v.year, 0) if v is not None and v.year else None


def position(doc: Document, section: int, title: str, date: tuple[int, int] | None,
             table: VenueTable, description: str = "") -> Spot:
    """Where in ``section`` an entry titled ``title`` (published ``date``) goes: among the
    entries of the section's list (of its lists, the one whose entries share the most words
    with the new one, else the last; or its table), in their order when they have one."""
    entries = own_entries(doc, section)
    if not entries:
        sec = doc.sections[section]
        return Spot(sec.span.end, True, None, "new list")
    loose = False
    joins = True
    file_sorted = False
    if entries[-1].kind == "item":
        blocks = list_blocks(doc)
        block = _closest_block(doc, blocks, entries, f"{title} {description}")
        if block is not None:
            entries = [doc.entries[i] for i in block.entries if i is not None]
            pool = [block] if len(block.items) > 1 else \
                [b for b in blocks if b.depth == block.depth]  # a lone item: as the file does
            gaps = [nxt[0] - cur[1] - 1 for b in pool for cur, nxt in zip(b.items, b.items[1:])]
            loose = sum(g > 0 for g in gaps) > len(gaps) / 2
            joins = len(block.items) > 1
            file_sorted = _file_sorted(doc, blocks)
    ordered = entries[-1].list_marker[:1].isdigit()  # numbered: inserting would renumber
    keyed = None if ordered else _sorted_by(entries, file_sorted)
    if keyed is not None:
        key, bad = keyed
        k = key(title)
        at = next((e for i, e in enumerate(entries) if i not in bad and key(e.title) > k), None)
        return _before(doc, at, entries, "alphabetical", loose)
    if len(entries) >= 3:
        dates = [_date(doc, e, table) for e in entries]
        known = [d for d in dates if d is not None]
        if len(known) >= 3 and len(set(known)) > 1 and len(known) >= 0.8 * len(entries):
            if all(a >= b for a, b in zip(known, known[1:])):
                if date is None:
                    return _before(doc, entries[0], entries, "newest first", loose)
                at = next((e for e, d in zip(entries, dates) if d is not None and d < date), None)
                return _before(doc, at, entries, "newest first", loose)
            if all(a <= b for a, b in zip(known, known[1:])) and date is not None:
                at = next((e for e, d in zip(entries, dates) if d is not None and d > date), None)
                return _before(doc, at, entries, "oldest first", loose)
    return _before(doc, None, entries, "at the end", loose, joins)


def _closest_block(doc: Document, blocks: Sequence[ListBlock], entries: Sequence[Entry],
                   text: str) -> ListBlock | None:
    """Of the lists holding ``entries`` (a section grouped by plain items such as
    ``- Clients``), the one whose entries share the most words with ``text``; the last on a tie."""
    of_entry = {i: b for b in blocks for i in b.entries if i is not None}
    mine = list(dict.fromkeys(of_entry[e.index].index for e in entries if e.index in of_entry))
    if len(mine) <= 1:
        return blocks[mine[0]] if mine else None
    new = _words(text)
    best, best_score = mine[-1], 0.0
    for k in mine:
        words = Counter(w for i in blocks[k].entries if i is not None
                        for w in _words(f"{doc.entries[i].title} {doc.entries[i].description}"))
        score = sum(1 + math.log(words[w]) for w in new if w in words)
        if score > best_score or (score == best_score and score > 0):
            best, best_score = k, score
    return blocks[best]


def _sorted_by(entries: Sequence[Entry], file_sorted: bool
               ) -> tuple[Callable[[str], str], set[int]] | None:
    """The sort key the entries follow and the positions out of order, when they count as
    sorted as the order rule (LL515) judges: all of 3 or more, all but one in ten of 8 or
    more, or any list of a file whose lists are sorted."""
    n = len(entries)
    if n < 2 or (n < 3 and not file_sorted):
        return None
    titles = [e.title for e in entries]
    bad, keys = best_order(titles)
    if len(set(keys)) < 2:
        return None
    # the key best_order chose, to place the new title by it
    key = next(k for k in SORT_KEYS if [k(t) for t in titles] == keys)
    if not bad or file_sorted or (n >= 8 and len(bad) <= max(1, n // 10)):
        return key, set(bad)
    return None


def _file_sorted(doc: Document, blocks: Sequence[ListBlock]) -> bool:
    """Are (nearly) all lists of 3+ entries of the file sorted?"""
    sizable = [b for b in blocks if not b.ordered and len(b.entries) >= 3 and
               all(x is not None for x in b.entries)]
    if len(sizable) < 5:
        return False
    ok = sum(1 for b in sizable
             if not best_order([doc.entries[x].title for x in b.entries if x is not None])[0])
    return ok >= 0.8 * len(sizable)


def _end(doc: Document, e: Entry) -> int:
    """Offset of the end of the last line of ``e`` with its sub-items."""
    span = e.sub_span or e.span
    text, end = doc.text, span.end
    while end > span.start and text[end - 1] in " \t\n":  # the span may end after blank lines
        end -= 1
    return doc.source.line_end(doc.source.line_of(max(span.start, end - 1)))


def _before(doc: Document, at: Entry | None, entries: list[Entry], how: str,
            loose: bool, joins: bool = True) -> Spot:
    if at is None:
        last = entries[-1]
        return Spot(_end(doc, last), True, last, how, loose, joins)
    return Spot(doc.source.line_start(at.line), False, at, how, loose, joins)


__all__ = ["Choice", "Spot", "find_section", "heading_key", "own_entries", "position",
           "propose_section"]
