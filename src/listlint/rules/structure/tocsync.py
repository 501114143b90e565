"""Compare a table of contents with the headings it covers and plan a minimal in-place repair.

Used by `toc-out-of-sync` (LL006), by `broken-anchor` (LL003) to leave the ToC items LL006
reports to it, and through LL006 by the awesome preset.

The repair edits the ToC line by line: items it does not report stay exactly as written
(text, marker, indentation, nesting, position), missing headings are inserted next to their
neighbours in the outline with the prefix of an item of the same heading level, an item whose
anchor is a near miss of a missing heading gets its anchor corrected in place, items that link
to no heading are dropped, and items are reordered only when they are out of order. When the
ToC's shape does not allow that precisely, there is no fix.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from listlint.document import Document
from listlint.model import Section, Toc, TocItem
from listlint.order import unsorted_positions

_ITEM_PREFIX = re.compile(r"[ \t]*(?:[-*+]|(\d{1,9})[.)])[ \t]+")
_MARKER_NO_SPACE = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])\[")  # *[Survey](#survey)
_IN_PAGE_LINK = re.compile(r"""\]\(<?#|href=["']?#""")


@dataclass(frozen=True, slots=True)
class Renamed:
    """A ToC item whose anchor is a near miss of a heading the ToC misses."""

    item: TocItem
    section: Section


@dataclass(frozen=True, slots=True)
class TocReport:
    """What is wrong with one ToC, in the terms its message and fix use."""

    missing: tuple[Section, ...]  # covered headings no item links to, in document order
    dead: tuple[TocItem, ...]  # items that link to no heading and no HTML anchor
    renamed: tuple[Renamed, ...]  # dead items paired with the missing heading they meant
    first_misordered: str | None  # anchor of the first item out of order, or None
    covered: dict[int, int]  # item position -> section index, for items of covered headings

    @property
    def clean(self) -> bool:
        return not (self.missing or self.dead or self.renamed or self.first_misordered)


def resolve(doc: Document, anchor: str) -> int | None:
    """The section an anchor leads to, as LL003 matches it (exact, then lower-case)."""
    idx = doc.anchors.get(anchor)
    return idx if idx is not None else doc.anchors.get(anchor.lower())


# the rest of an HTML anchor's tag, its closing </a> and the blank lines up to a heading
_TAG_TO_HEADING = re.compile(r"[^<>\n]*>(?:[^<>\n]{0,200}</a\s*>)?\s*")


def named_headings(doc: Document) -> dict[str, int]:
    """The headings that an HTML anchor names: ``<a name="x"></a>`` inside the heading's
    line (``## <a id="x"></a>Title``), or on the lines just below or just above it. An anchor
    between two headings (after an empty section) names the one whose title holds its name,
    else goes the way the file's other anchors go.
    A ToC item that links to ``#x`` covers that heading."""
    from listlint.rules.structure.anchors import HTML_ID

    text = doc.text
    secs = doc.sections
    starts = [s.span.start for s in secs]
    out: dict[str, int] = {}
    around: list[tuple[str, int | None, int | None]] = []  # (id, heading above, below)
    for m in HTML_ID.finditer(text):
        k = bisect_left(starts, m.start() + 1) - 1  # the heading at or above the anchor
        if k >= 0 and secs[k].span.start <= m.start() < secs[k].span.end:
            out.setdefault(m.group(1), k)
            continue
        tag = text.rfind("<", 0, m.start() + 1)
        above = k if k >= 0 and not text[secs[k].span.end:tag].strip() else None
        tail = _TAG_TO_HEADING.match(text, m.end())
        end = tail.end() if tail else m.end()
        j = bisect_left(starts, end)
        below = j if j < len(starts) and starts[j] == end else None
        around.append((m.group(1), above, below))
    goes_below = sum(b is not None and a is None for _, a, b in around) >= \
        sum(a is not None and b is None for _, a, b in around)
    for name, above, below in around:
        idx: int | None
        if above is not None and below is not None:  # between two headings: the one it names
            key = _alnum(name)
            says = [k for k in (above, below) if key and key in _alnum(secs[k].title)]
            idx = says[0] if len(says) == 1 else below if goes_below else above
        else:
            idx = below if below is not None else above
        if idx is not None:
            out.setdefault(name, idx)
    return out


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def analyse(doc: Document, toc: Toc, exclude: Sequence[str],
            html_ids: Callable[[], set[str]],
            named: Callable[[], dict[str, int]] | None = None) -> TocReport | None:
    """Compare ``toc`` with the headings it covers; None when it links to no heading after it.

    The covered headings are those of the levels the ToC links to after itself, in the same
    parts of the outline, minus its own heading and the headings under an ``exclude`` title;
    a deeper heading only where the ToC lists a sibling of it, or misses its parent too (a
    ToC may list the sections of one part and not of another). One item alone, not under a
    "Contents" heading, is a link to another section, not a ToC.
    """
    secs = doc.sections
    linked = [resolve(doc, item.anchor) for item in toc.items]
    if None in linked and "<" in doc.text:
        by_anchor = named() if named is not None else named_headings(doc)
        linked = [idx if idx is not None else by_anchor.get(item.anchor)
                  for item, idx in zip(toc.items, linked)]
    own = toc.section
    after = [secs[i] for i in linked
             if i is not None and i != own and secs[i].span.start > toc.span.start]
    if not after:
        return None
    if len(after) < 2 and not (own is not None and _CONTENTS.search(secs[own].title)):
        return None  # a link to another section ("Become a sponsor"), not under Contents
    levels = sorted({s.level for s in after})
    lo, hi = levels[0], levels[-1]
    # a part the ToC lists sub-items of; the sub-headings of the other parts it leaves out
    expanded = {s.parent for s in after if s.level > lo}
    listed_at = {s.index for s in after}  # a part missing itself brings its sub-headings

    def scope(s: Section) -> int | None:
        """The nearest ancestor above the ToC's levels: the part of the outline it covers."""
        p = s.parent
        while p is not None and secs[p].level >= lo:
            p = secs[p].parent
        return p

    scopes = {scope(s) for s in after}
    excluded = {str(t).casefold() for t in exclude}
    expected = [s for s in secs if lo <= s.level <= hi and s.index != own
                and s.span.start > toc.span.start and scope(s) in scopes
                and (s.level == lo or s.parent in expanded
                     or bool(expanded) and s.parent not in listed_at)
                and not (excluded and any(t.casefold() in excluded for t in s.path))]
    expected_idx = {s.index for s in expected}
    listed = {i for i in linked if i is not None}
    for link in doc.links:  # links after an item's first one on its line (inline ToCs)
        if toc.span.start <= link.span.start < toc.span.end and link.url.startswith("#"):
            idx = resolve(doc, unquote(link.url[1:]))
            if idx is not None:
                listed.add(idx)
    first, last = min(listed, default=-1), max(listed, default=-1)
    # back matter before the first heading it lists or after the last (Citation, License,
    # Contributing) is left out on purpose, not forgotten
    missing = [s for s in expected if s.index not in listed
               and not (not first <= s.index <= last and _BACK_MATTER.search(s.title))]
    dead: list[TocItem] = []
    for item, idx in zip(toc.items, linked):
        if idx is None and item.anchor not in html_ids():
            dead.append(item)
    renamed = _pair_renamed(dead, missing)
    if renamed:
        gone = {r.item.span for r in renamed}
        meant = {r.section.index for r in renamed}
        dead = [item for item in dead if item.span not in gone]
        missing = [s for s in missing if s.index not in meant]
    covered = {k: idx for k, idx in enumerate(linked) if idx is not None and idx in expected_idx}
    order = list(covered.values())
    first_bad = next((toc.items[k].anchor for (k, a), b in zip(covered.items(), sorted(order))
                      if a != b), None)
    return TocReport(tuple(missing), tuple(dead), tuple(renamed), first_bad, covered)


def _pair_renamed(dead: list[TocItem], missing: list[Section]) -> list[Renamed]:
    """Dead items whose text or anchor points unambiguously at one missing heading."""
    if not dead or not missing:
        return []
    by_title: dict[str, list[Section]] = {}
    for s in missing:
        by_title.setdefault(s.title.strip().casefold(), []).append(s)
    anchors = {s.anchor: s for s in missing}
    out: list[Renamed] = []
    used: set[int] = set()
    for item in dead:
        same = by_title.get(item.text.strip().casefold(), [])
        if len(same) == 1:
            cand = same[0]
        else:
            close = difflib.get_close_matches(item.anchor.lower(), list(anchors), n=2, cutoff=0.85)
            if len(close) != 1:
                continue
            cand = anchors[close[0]]
        if cand.index in used:
            return []  # two items mean the same heading: not unambiguous
        used.add(cand.index)
        out.append(Renamed(item, cand))
    return out


@dataclass(frozen=True, slots=True)
class TocRepair:
    start: int
    end: int
    content: str
    unsafe: bool
    description: str


@dataclass(slots=True)
class _Block:
    """One ToC item line with its continuation lines, or one line that is no item."""

    lines: list[str]
    item: int | None = None  # position in toc.items
    section: int | None = None  # covered section it links to
    prefix: str = ""  # indentation and marker before the link
    number: str | None = None  # the number of an ordered-list marker


def plan_repair(doc: Document, toc: Toc, report: TocReport) -> TocRepair | None:
    """The line-level repair of ``toc`` for ``report``; None when it cannot be made precisely."""
    src = doc.source
    first = src.line_of(toc.span.start)
    last = src.line_of(max(toc.span.start, toc.span.end - 1))
    while last > first and not src.line_text(last).strip():
        last -= 1
    if _item_written_as_text(doc, first):
        return None
    by_line: dict[int, int] = {}
    for k, item in enumerate(toc.items):
        if item.line in by_line:
            return None  # two items on one line (an inline ToC): no line-level edit
        by_line[item.line] = k
    blocks: list[_Block] = []
    for n in range(first, last + 1):
        text = src.line_text(n)
        at = by_line.get(n)
        if at is not None:
            m = _ITEM_PREFIX.match(text)
            if not m or src.line_start(n) + m.end() != toc.items[at].span.start:
                return None  # the link is not what the item starts with
            if _IN_PAGE_LINK.search(text, toc.items[at].span.end - src.line_start(n)):
                return None  # more in-page links on the line (an inline ToC)
            blocks.append(_Block([text], at, report.covered.get(at), text[:m.end()], m.group(1)))
        elif not _ITEM_PREFIX.match(text) and _IN_PAGE_LINK.search(text):
            return None  # "*[Survey](#survey)": an item meant, read as text: no line-level edit
        elif text.strip() and blocks and blocks[-1].item is not None \
                and not _ITEM_PREFIX.match(text):
            blocks[-1].lines.append(text)  # a continuation line of the item above
        else:
            m = _ITEM_PREFIX.match(text)  # a list item that is no ToC item keeps its prefix
            blocks.append(_Block([text], prefix=m.group() if m else ""))
    unsafe = False
    changes: list[str] = []
    secs = doc.sections

    # 1. anchors corrected in place
    fixed_anchor = {r.item.span: r.section for r in report.renamed}
    for b in blocks:
        if b.item is None:
            continue
        item = toc.items[b.item]
        sec = fixed_anchor.get(item.span)
        if sec is None:
            continue
        line = b.lines[0]
        at = item.span.start - src.line_start(item.line)
        raw = line[at:item.span.end - src.line_start(item.line)]
        tail = raw.rfind("](#")
        if tail < 0 or not raw.endswith(")"):
            return None
        b.lines[0] = line[:at] + raw[:tail] + f"](#{sec.anchor})" + line[at + len(raw):]
        b.section = sec.index
    if report.renamed:
        changes.append(f"correct {len(report.renamed)} anchor(s)")

    # 2. dead items dropped (unsafe when they carry sub-items or continuation lines)
    dead = {item.span for item in report.dead}
    if dead:
        keep: list[_Block] = []
        for i, b in enumerate(blocks):
            if b.item is not None and toc.items[b.item].span in dead:
                nxt = next((c for c in blocks[i + 1:] if c.prefix), None)
                if len(b.lines) > 1 or (nxt is not None and _depth(nxt) > _depth(b)):
                    unsafe = True
                continue
            keep.append(b)
        blocks = keep
        changes.append(f"drop {len(dead)} item(s)")

    # 3. reorder the covered items among their own slots, only when reported
    if report.first_misordered is not None:
        slots = [i for i, b in enumerate(blocks) if b.section is not None]
        inner = blocks[slots[0]:slots[-1] + 1]
        if any(b.prefix and b.section is None for b in inner):
            unsafe = True  # other items between the covered ones would change parents
        if not _one_prefix_per_level(blocks, secs):
            unsafe = True
        if _far_from_ordered([blocks[i].section or 0 for i in slots]):
            unsafe = True  # a ToC in an order of its own (alphabetical, by importance)
        moved = sorted((blocks[i] for i in slots), key=lambda b: b.section or 0)
        for i, b in zip(slots, moved):
            blocks[i] = b
        changes.append("reorder items")

    # 4. missing headings inserted after the nearest covered heading before them
    numbers = {b.number for b in blocks if b.number is not None}
    if report.missing and len(numbers) > 1:
        unsafe = True  # a numbered ToC would need renumbering
    linked = list(report.covered.values())
    titled = toc.section is not None and _CONTENTS.search(secs[toc.section].title) is not None
    if report.missing and (len(linked) < 2 and not titled or
                           any(_left_out_on_purpose(s, linked) for s in report.missing)):
        unsafe = True  # a link or two to other sections, not under "Contents", is no ToC
    if report.missing:
        inserted = _insert_missing(blocks, report.missing, secs)
        if inserted is None:
            return None
        blocks = inserted
    if report.missing:
        changes.append(f"insert {len(report.missing)} item(s)")

    content = "\n".join(line for b in blocks for line in b.lines)
    start, end = src.line_start(first), src.line_end(last)
    if content == doc.text[start:end]:
        return None
    return TocRepair(start, end, content, unsafe, "; ".join(changes))


_BACK_MATTER = re.compile(
    r"contribut|licen[cs]e|footnote|related|sponsor|backer|acknowledg|thank|contact|citation|"
    r"cite|star history|support|credits|author|maintainer|changelog|faq|disclaimer|community",
    re.I)


_CONTENTS = re.compile(r"content|\btoc\b|index|navigation|目录|导航|目次", re.I)


def _item_written_as_text(doc: Document, first: int) -> bool:
    """Does a line between the ToC's heading and its first line link in the page without
    being a list item (``*[Survey](#survey)``, no space after the ``*``)? The item it meant
    to be is there: inserting it again would list the heading twice."""
    src = doc.source
    idx = doc.section_at(src.line_start(first))
    top = doc.sections[idx].line + 1 if idx is not None else max(1, first - 3)
    return any(_MARKER_NO_SPACE.match(src.line_text(n)) and _IN_PAGE_LINK.search(
        src.line_text(n)) for n in range(max(top, first - 20), first))


def _left_out_on_purpose(s: Section, linked: list[int]) -> bool:
    """Is a heading the ToC misses likely left out on purpose? One before the first heading
    it lists (an introduction), back matter after the last one (Contributing, Footnotes,
    License...)."""
    if not linked or s.index < min(linked):
        return True
    return s.index > max(linked) and _BACK_MATTER.search(s.title) is not None


def _far_from_ordered(order: list[int]) -> bool:
    """Are more than a tenth of the items (and more than two) out of place?"""
    return len(unsorted_positions(order)) > max(2, len(order) // 10)


def _depth(b: _Block) -> int:
    return len(b.prefix.expandtabs(4)) - len(b.prefix.expandtabs(4).lstrip())


def _one_prefix_per_level(blocks: list[_Block], secs: list[Section]) -> bool:
    seen: dict[int, int] = {}
    for b in blocks:
        if b.section is not None:
            if seen.setdefault(secs[b.section].level, _depth(b)) != _depth(b):
                return False
    return True


def _insert_missing(blocks: list[_Block], missing: Sequence[Section],
                    secs: list[Section]) -> list[_Block] | None:
    """``blocks`` with an item for each missing heading: after the covered block of the
    closest earlier heading (and that block's deeper sub-items that are not covered), else
    before the covered block of the closest later heading; with the prefix (indentation and
    marker) of the nearest covered item of the same heading level, earlier first. None when
    no item of that level exists. Bisection keeps it O(n log n)."""
    covered = sorted((b.section, i) for i, b in enumerate(blocks) if b.section is not None)
    keys = [sec for sec, _ in covered]
    by_level: dict[int, list[int]] = {}
    for i, b in enumerate(blocks):
        if b.section is not None:
            by_level.setdefault(secs[b.section].level, []).append(i)
    after_prev: dict[int, int] = {}
    new: dict[int, list[_Block]] = {}
    for s in missing:
        k = bisect_left(keys, s.index)
        if k > 0:
            prev = covered[k - 1][1]
            if prev not in after_prev:
                pos = prev + 1
                while pos < len(blocks) and blocks[pos].prefix and blocks[pos].section is None \
                        and _depth(blocks[pos]) > _depth(blocks[prev]):
                    pos += 1
                after_prev[prev] = pos
            pos = after_prev[prev]
        else:
            pos = covered[k][1] if k < len(covered) else len(blocks)
        same = by_level.get(s.level)
        if not same:
            return None
        j = bisect_left(same, pos)
        prefix = blocks[same[j - 1] if j > 0 else same[j]].prefix
        title = s.title.replace("[", "\\[").replace("]", "\\]")
        new.setdefault(pos, []).append(
            _Block([f"{prefix}[{title}](#{s.anchor})"], -1, s.index, prefix))
    out: list[_Block] = []
    for i, b in enumerate(blocks):
        out.extend(new.get(i, ()))
        out.append(b)
    out.extend(new.get(len(blocks), ()))
    return out
