"""Duplicate rules (LL1xx): the same link or the same paper listed twice, however it is spelled.

One analysis per document, shared by the four rules, decides for every entry whether it
repeats an earlier one and by which evidence, strongest first, so that a pair is reported
once:

1. same link identity (:func:`listlint.linkid.entry_identity`) -> ``duplicate-link`` (LL101),
   or ``same-paper-different-title`` (LL104) when the link is a paper id (arXiv, DOI, ...)
   and the titles differ;
2. same normalised title, different link -> ``duplicate-title`` (LL102);
3. a title one word or one typo away from an earlier one -> ``near-duplicate-title`` (LL103),
   found through an index of word-deletion keys, never by comparing all pairs.

Only an entry's main link (``entry.url``) counts, and bare URLs that list something on
their own (:func:`_bare_duplicates`, LL101 only). Entries in skipped sections, an entry and
its own sub-items, and pairs marked as deliberate (``allow-cross-section`` or
``<!-- listlint-allow-duplicate -->`` on or just before an entry) are never reported.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from listlint.document import Document, innermost_lists
from listlint.linkid import describe_identity, entry_identity, has_tracking, is_paper_key
from listlint.model import Diagnostic, Edit, Entry, Link, Severity
from listlint.registry import Context, get, rule
from listlint.text import normalise_title, shorten

_short = partial(shorten, collapse=True)  # titles in messages on one line

DUPLICATE_LINK = "LL101"
DUPLICATE_TITLE = "LL102"
NEAR_DUPLICATE_TITLE = "LL103"
SAME_PAPER = "LL104"

ALLOW_COMMENT = re.compile(r"<!--\s*listlint-allow-duplicate\b", re.I)
_GENERIC_TITLES = frozenset(
    """pdf paper code link arxiv github url website homepage home project repo repository blog
    demo page docs doc documentation video slides slide talk poster site web here source
    download official more details readme""".split()
    + ["project page", "official site", "official website", "source code", "read more"]
)
# a title made only of these words names a side link or a boilerplate link (`Repo with
# Samples :fire:`, `Learn More`, `Contribute`), not a listed thing
_GENERIC_WORDS = frozenset(
    w for t in _GENERIC_TITLES for w in t.split()).union(
    """a an the of for with and to on more learn install installation contribute contributing
    sample samples example examples fire star stars tutorial tutorials guide getting started
    quick quickstart api reference manual""".split())
_MAX_BUCKET = 64  # a deletion key shared by more titles than this is a template, not a hint
_MAX_SCAN = 50  # earlier members of a group looked at for one entry (first and nearest)
_ARXIV_ABS = re.compile(r"^https?://(?:www\.|export\.)?arxiv\.org/abs/", re.I)
_ARXIV_FILE = re.compile(r"^https?://(?:www\.|export\.)?arxiv\.org/(?:pdf|html)/", re.I)


@dataclass(frozen=True, slots=True)
class Finding:
    """Entry ``entry`` repeats entry ``first``; ``code`` says by which evidence."""

    code: str
    entry: int
    first: int
    message: str
    removable: bool = False
    similarity: float = 0.0
    other_name: bool = False  # LL101 for one link under two different names: a warning
    cross: bool = False  # the two are in different places (sections or sub-lists): info


@dataclass(frozen=True, slots=True)
class _Item:
    entry: Entry
    ident: str
    paper: bool
    title: str  # normalised
    titled: bool  # the title is specific enough to compare (not "pdf", not empty)
    words: int  # words of the title as written ("Node.js" is one word)
    place: tuple[int | None, int | None]  # (section, first line of the innermost list)


class _Clusters:
    """Union-find over entry indexes: entries already known to be one thing."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, i: int) -> int:
        root = i
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while i != root:
            self.parent[i], i = root, self.parent.get(i, i)
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


# -- the shared analysis ---------------------------------------------------------------------
def analysis(ctx: Context) -> list[Finding]:
    """Every duplicate finding of ``ctx.doc``, computed once for the four LL1xx rules."""
    return _computed(ctx)[0]


def _computed(ctx: Context) -> tuple[list[Finding], list[_Item]]:
    def make() -> tuple[list[Finding], list[_Item]]:
        options = {code: _options(ctx, code)
                   for code in (DUPLICATE_LINK, DUPLICATE_TITLE, NEAR_DUPLICATE_TITLE, SAME_PAPER)}
        run = _Analysis(ctx.doc, ctx.config, options)
        return run.run(), run.items

    return ctx.memo.get("duplicates.analysis", make, ctx.doc, ctx.config)


def _items(ctx: Context) -> list[_Item]:
    """The entries the analysis compared, with their link identities."""
    return _computed(ctx)[1]


def _options(ctx: Context, code: str) -> dict[str, Any]:
    r = get(code)
    return ctx.config.options_for(r) if r is not None else {}


class _Analysis:
    def __init__(self, doc: Document, config: Any, options: dict[str, dict[str, Any]]) -> None:
        self.doc = doc
        self.options = options
        self.allowed = _allowed_entries(doc)
        self.items: list[_Item] = []
        lists = innermost_lists(doc)
        for e in doc.entries:
            url = e.url.strip()
            if not url or url.startswith("#") or config.section_skipped(e.section_path):
                continue
            ident = "" if config.url_ignored(url) else entry_identity(url)
            title = normalise_title(e.title)
            titled = len(title) >= 2 and title not in _GENERIC_TITLES \
                and not title.startswith(("http ", "https ")) and not title.isdigit() \
                and not _GENERIC_WORDS.issuperset(title.split())
            self.items.append(_Item(e, ident, is_paper_key(ident), title, titled,
                                    len(e.title.split()), (e.section, lists[e.index])))
        self.clusters = _Clusters()
        self.findings: dict[int, Finding] = {}
        self.allowed_pairs: set[tuple[int, int]] = set()

    def run(self) -> list[Finding]:
        self.by_link()
        self.by_title()
        self.near_titles()
        return sorted(self.findings.values(), key=lambda f: f.entry)

    # 1. same link identity ------------------------------------------------------------------
    def by_link(self) -> None:
        groups: dict[str, list[_Item]] = {}
        for it in self.items:
            if it.ident:
                groups.setdefault(it.ident, []).append(it)
        for group in groups.values():
            for k in range(1, len(group)):
                later = group[k]
                # the best twin: the same place (a repeat, not a cross-listing), the same title
                earlier = sorted(_earlier(group, k), key=lambda g: (
                    g.place != later.place, g.title != later.title))
                self.pick(later, earlier, lambda first, later=later: (
                    None if _versions(first.entry.title, later.entry.title) else
                    SAME_PAPER if later.paper and first.title != later.title
                    and later.titled and first.titled else DUPLICATE_LINK))

    # 2. same title, different link ------------------------------------------------------
    def by_title(self) -> None:
        min_words = int(self.options[DUPLICATE_TITLE].get("min-words", 3))
        groups: dict[str, list[_Item]] = {}
        for it in self.items:
            if it.titled and it.words >= min_words:
                groups.setdefault(it.title, []).append(it)
        for group in groups.values():
            for k in range(1, len(group)):
                later = group[k]
                if later.entry.index not in self.findings:
                    self.pick(later, _earlier(group, k), lambda _: DUPLICATE_TITLE)

    def pick(self, later: _Item, candidates: list[_Item], code_of: Any) -> None:
        """Report ``later`` against the first candidate that makes a reportable pair."""
        for first in candidates:
            if self.known(first, later):
                continue
            code = code_of(first)
            if code is None:
                continue
            if self.allowed_pair(code, first, later):
                self.allowed_pairs.add((first.entry.index, later.entry.index))
                continue
            self.add(code, first, later)
            return

    # 3. near-duplicate titles -----------------------------------------------------------
    def near_titles(self) -> None:
        opts = self.options[NEAR_DUPLICATE_TITLE]
        min_words = int(opts.get("min-words", 4))
        min_similarity = float(opts.get("min-similarity", 85))
        words = [it.title.split() if it.titled else [] for it in self.items]
        buckets = _shared_keys([it.title for it in self.items], words, min_words)
        best: dict[int, tuple[float, int, str]] = {}  # later -> (similarity, earlier, detail)
        for members in buckets:
            if len(members) > _MAX_BUCKET:
                continue
            for x in range(1, len(members)):
                b = members[x]
                for y in range(x):
                    a = members[y]
                    ia, ib = self.items[a], self.items[b]
                    if ia.title == ib.title:
                        continue
                    wa, wb = ia.words, ib.words
                    if min(wa, wb) < min_words and not (
                            max(wa, wb) >= min_words and "".join(words[a]) == "".join(words[b])):
                        continue
                    score = _similarity(ia.title, ib.title)
                    if score < min_similarity or score <= best.get(b, (0.0, 0, ""))[0]:
                        continue
                    if _numbered(words[a], words[b]):
                        continue  # Part 1 / Part 2, 32k / 128k, v2, 2016 / 2017: two works
                    typo, detail = _word_difference(words[a], words[b])
                    # in short names one word is often the whole difference (MLB / NHL Stats)
                    if typo or (min(wa, wb) >= min_words + 2
                                 and not _series(ia, ib, words[a], words[b])):
                        best[b] = (score, a, detail)
        for b, (score, a, detail) in sorted(best.items()):
            first, later = self.items[a], self.items[b]
            if later.entry.index in self.findings or self.known(first, later):
                continue
            if self.allowed_pair(NEAR_DUPLICATE_TITLE, first, later):
                continue
            self.add(NEAR_DUPLICATE_TITLE, first, later, similarity=score, detail=detail)

    # -- helpers --------------------------------------------------------------------------
    def known(self, first: _Item, later: _Item) -> bool:
        """Nothing new to say about this pair: already reported (directly or through
        others), allowed, or one entry inside the other."""
        a, b = first.entry, later.entry
        if self.clusters.find(a.index) == self.clusters.find(b.index):
            return True
        if (a.index, b.index) in self.allowed_pairs:
            return True
        return _is_ancestor(self.doc, a, b) or _is_ancestor(self.doc, b, a)

    def allowed_pair(self, code: str, first: _Item, later: _Item) -> bool:
        """A cross-listing the list asked not to hear about: different places (sections or
        sub-lists), and the option or the comment."""
        if first.place == later.place:
            return False
        if not (first.titled or later.titled):
            return True  # `[Install]`, `[Contribute]`, `[[Code]]` in every section: side links
        if first.entry.index in self.allowed or later.entry.index in self.allowed:
            return True
        opts = self.options[code]
        if code == DUPLICATE_LINK and not later.paper and \
                opts.get("allow-cross-section-projects", False):
            return True
        return bool(opts.get("allow-cross-section", False))

    def add(self, code: str, first: _Item, later: _Item, *, similarity: float = 0.0,
            detail: str = "") -> None:
        self.clusters.union(first.entry.index, later.entry.index)
        cross = first.place != later.place
        removable = code == DUPLICATE_LINK and not cross and _identical(self.doc, first, later)
        other_name = code == DUPLICATE_LINK and _other_name(first, later)
        message = _message(self.doc, code, first, later, removable, similarity, detail,
                           other_name)
        if cross and code in (DUPLICATE_LINK, DUPLICATE_TITLE):
            message = _also_listed(self.doc, code, first, later)
        self.findings[later.entry.index] = Finding(code, later.entry.index, first.entry.index,
                                                   message, removable, similarity, other_name,
                                                   cross and code in (DUPLICATE_LINK,
                                                                      DUPLICATE_TITLE))


def _title_keys(title: str, words: list[str], min_words: int) -> set[str]:
    """The index keys of a normalised title for near-duplicates: two titles that share one
    differ only in spacing, or by one word changed, added or dropped."""
    keys = set()
    if len(title) >= 8:
        keys.add("".join(words))  # differs only in spacing
    if len(words) >= min_words:
        keys.add(title)  # one word more in the other title
        start = 0
        last = len(title)
        for word in words:  # one word changed, or one word less in the other title
            end = start + len(word)
            keys.add(title[:start] + title[end + 1:] if end < last else title[:start - 1])
            start = end + 1
    return keys


def _key_ends(title: str, words: list[str], min_words: int) -> list[tuple[str, str]]:
    """The first and last word of every key of :func:`_title_keys`, found without building
    the keys: deleting an inner word keeps the title's own ends."""
    ends = []
    if len(title) >= 8:
        joined = "".join(words)
        ends.append((joined, joined))
    if len(words) >= min_words:
        ends.append((title.partition(" ")[0], title.rpartition(" ")[2]))
        if len(words) == 1:
            ends.append((title[:-1], title[:-1]))
        elif words:
            ends.append((words[1], words[-1]))  # the first word deleted
            ends.append((words[0], words[-2]))  # the last word deleted
    return ends


def _shared_keys(titles: list[str], words: list[list[str]], min_words: int) -> list[list[int]]:
    """The groups of titles (indexes, ascending) that share a key of :func:`_title_keys`, in
    the order the keys first appear. Titles that share a key share its ends, and most titles
    share no ends with any other: only the few that do have their keys built."""
    owner: dict[tuple[str, str], int] = {}
    candidates: set[int] = set()
    for n, (title, w) in enumerate(zip(titles, words)):
        for ends in _key_ends(title, w, min_words):
            first = owner.setdefault(ends, n)
            if first != n:
                candidates.update((first, n))
    buckets: dict[str, list[int]] = {}
    for n in sorted(candidates):
        for key in _title_keys(titles[n], words[n], min_words):
            buckets.setdefault(key, []).append(n)
    return [members for members in buckets.values() if len(members) > 1]


def _earlier(group: list[_Item], k: int) -> list[_Item]:
    """The candidates for the first occurrence of ``group[k]``: the earliest entries of the
    group and the nearest ones, at most ``_MAX_SCAN`` (a group of 10,000 stays linear)."""
    if k <= _MAX_SCAN:
        return group[:k]
    half = _MAX_SCAN // 2
    return group[:half] + group[k - half:k]


def _is_ancestor(doc: Document, a: Entry, b: Entry) -> bool:
    p = b.parent
    while p is not None:
        if p == a.index:
            return True
        p = doc.entries[p].parent
    return False


def _allowed_entries(doc: Document) -> set[int]:
    """Entries marked ``<!-- listlint-allow-duplicate -->`` on their lines or just before."""
    if not doc.comments or not doc.entries:
        return set()
    src = doc.source
    lines: set[int] = set()
    for offset, text in doc.comments:
        if not ALLOW_COMMENT.match(text):
            continue
        line = src.line_of(offset)
        own = src.line_text(line).strip()
        if own.startswith("<!--") and own.endswith("-->"):
            n = line + 1  # a comment on its own line governs the next entry
            while n <= src.line_count and not src.line_text(n).strip():
                n += 1
            lines.add(n)
        else:
            lines.add(line)
    return {e.index for e in doc.entries if any(n in lines for n in range(e.line, e.end_line + 1))}


def _identical(doc: Document, first: _Item, later: _Item) -> bool:
    """A copy as written, safe to delete: same section and kind, the same text (checkbox,
    markers, title, description, side links, sub-items or other cells) up to whitespace, and
    the same URL up to trivial forms (scheme, host case, a trailing slash), the later copy's
    URL being no better than the first's (an ``https`` repeat of an ``http`` link stays)."""
    a, b = first.entry, later.entry
    if a.section != b.section or a.kind != b.kind or a.link_kind != b.link_kind:
        return False
    if _trivial_url(a.url) != _trivial_url(b.url):
        return False
    better = _preference(a.url, b.url)
    if better is not None and better[0]:
        return False  # the later copy is the better one: not deleted silently
    return _as_written(doc, a) == _as_written(doc, b) and \
        _children_text(doc, a) == _children_text(doc, b)


def _trivial_url(url: str) -> tuple[str, ...]:
    """``url`` with only trivially equivalent spellings merged: http/https, host case, one
    trailing slash of the path."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    return ("https" if scheme == "http" else scheme, parts.netloc.lower(),
            parts.path.rstrip("/"), parts.query, parts.fragment)


def _as_written(doc: Document, e: Entry) -> tuple[str, ...]:
    """The entry's own text as written, whitespace collapsed, its main URL left out."""
    text = doc.text
    start = e.marker_span.end if e.marker_span is not None else e.span.start
    cut = e.url_span if e.url_span is not None and e.link_kind == "inline" else None
    title = " ".join(text[e.title_span.start:e.title_span.end].split())
    before = text[start:e.title_span.start]
    if cut is not None:
        middle = text[e.title_span.end:cut.start] + "\0" + text[cut.end:e.link_span.end]
    else:
        middle = text[e.title_span.end:e.link_span.end]
    after = text[e.link_span.end:e.span.end]
    return tuple(" ".join(part.split()) for part in (before, middle, after)) + (title,)


def _preference(there: str, here: str) -> tuple[bool, str] | None:
    """(is the later spelling the better one?, why) when one of two spellings of one link
    is plainly better: no tracking parameters, arXiv's abstract page, https."""
    there, here = there.strip(), here.strip()
    track_there, track_here = has_tracking(there), has_tracking(here)
    if track_there != track_here:
        return track_there, "it has no tracking parameters"
    abs_there, abs_here = bool(_ARXIV_ABS.match(there)), bool(_ARXIV_ABS.match(here))
    if abs_there != abs_here and (_ARXIV_FILE.match(there) or _ARXIV_FILE.match(here)):
        return abs_here, "the abstract page"
    secure_there, secure_here = there.lower().startswith("https:"), here.lower().startswith("https:")
    if secure_there != secure_here and (there.lower().startswith("http:")
                                        or here.lower().startswith("http:")):
        return secure_here, "https"
    return None


def _advice(there: str, here: str, first_line: int) -> str:
    """Which of two spellings of one link to keep, for the message; "" when neither."""
    better = _preference(there, here)
    if better is None:
        return ""
    here_better, why = better
    return f"keep this entry's link: {why}" if here_better else \
        f"keep line {first_line}'s link: {why}"


def _other_name(first: _Item, later: _Item) -> bool:
    """One project link under two different names (`hatch` and `hatchling`, `uv` and
    `uv-build`): both titles are one specific word as written (a package name), they differ
    after normalisation, and the link is no paper. `SGLang` and `SGLang runtime` are not
    two names: a repeat with words added to its title stays an error."""
    return not later.paper and first.titled and later.titled and first.title != later.title \
        and first.words == 1 and later.words == 1


def _children_text(doc: Document, e: Entry) -> str:
    """What else the entry carries: its sub-items, or a table row's other cells."""
    text = doc.text
    if e.kind == "row":
        rest = text[e.span.start : e.link_span.start] + "\0" + text[e.link_span.end : e.span.end]
        return " ".join(rest.split())
    sub = e.sub_span or e.span
    return " ".join(text[e.span.end : max(e.span.end, sub.end)].split())


def _removal(doc: Document, e: Entry) -> tuple[Edit, tuple[int, ...]] | None:
    """Delete the whole lines of ``e`` with its sub-items; None when it shares a line."""
    src = doc.source
    text = doc.text
    sub = e.sub_span or e.span
    first = src.line_of(sub.start)
    last = src.line_of(max(sub.start, sub.end - 1))
    while last > first and not src.line_text(last).strip():
        last -= 1
    start = src.line_start(first)
    end = src.line_end(last)
    if text[start : sub.start].strip(" \t>") or text[min(sub.end, end) : end].strip():
        return None
    if end < len(text):
        end += 1
    elif start > 0:
        start -= 1
    inside = [e.index]  # its sub-items follow it in document order
    k = e.index + 1
    while k < len(doc.entries) and doc.entries[k].span.start < end:
        inside.append(k)
        k += 1
    return Edit(start, end, ""), tuple(inside)


# -- messages --------------------------------------------------------------------------------
def _where(doc: Document, first: Entry, later: Entry) -> str:
    if first.section != later.section and first.section is not None:
        return f"line {first.line} (section '{_short(doc.sections[first.section].title, 40)}')"
    return f"line {first.line}"


_LABEL_MARKUP = re.compile(r"^\s*(?:[-*+]|\d+[.)])?\s*|[*_`#]+|\[([^\]]*)\]\([^)]*\)")


def _place_name(doc: Document, first: _Item, later: _Item) -> str:
    """Where the other copy is: its section, or, in the same section, the label just above
    its list (the parent item ``* HTTP Client`` or a bold line ``**HTTP Client**``)."""
    a = first.entry
    if a.section != later.entry.section and a.section is not None:
        return f"section '{_short(doc.sections[a.section].title, 40)}'"
    start = first.place[1]
    n = (start or a.line) - 1
    src = doc.source
    while n >= 1 and not src.line_text(n).strip():
        n -= 1
    label = _LABEL_MARKUP.sub(lambda m: m.group(1) or "", src.line_text(n)).strip(" :") \
        if n >= 1 else ""
    return f"'{_short(label, 40)}'" if label else "another list"


def _also_listed(doc: Document, code: str, first: _Item, later: _Item) -> str:
    """The info message of a cross-listing: the other place named, the evidence given."""
    a, b = first.entry, later.entry
    msg = f"also listed under {_place_name(doc, first, later)} (line {a.line})"
    if code == DUPLICATE_TITLE:
        return msg + f" with a different link: '{_url(a.url)}' there, '{_url(b.url)}' here"
    msg += f": same {describe_identity(later.ident)}"
    if first.title != later.title:
        msg += f", titled '{_short(a.title)}' there"
    return msg + "; keep both if the cross-listing is meant"


def _url(url: str) -> str:
    url = url.strip()
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix):]
    return _short(url, 70)


def _message(doc: Document, code: str, first: _Item, later: _Item, removable: bool,
             similarity: float, detail: str, other_name: bool = False) -> str:
    a, b = first.entry, later.entry
    where = _where(doc, a, b)
    if code == DUPLICATE_LINK:
        advice = "" if removable else _advice(a.url, b.url, a.line)
        if other_name:
            msg = (f"different names for the same link as {where}: same "
                   f"{describe_identity(later.ident)} ('{_short(a.title, 40)}' there, "
                   f"'{_short(b.title, 40)}' here)")
            if a.url.strip() != b.url.strip():
                msg += f"; written '{_url(a.url)}' there"
            return msg + "; keep one entry unless they are different things" + \
                (f" ({advice})" if advice else "")
        msg = f"duplicate of {where}: same {describe_identity(later.ident)}"
        notes = []
        if a.url.strip() != b.url.strip():
            notes.append(f"written '{_url(a.url)}' there")
        if first.title != later.title:
            notes.append(f"titled '{_short(a.title)}' there")
        if notes:
            msg += f" ({', '.join(notes)})"
        if removable:
            msg += "; identical entry, remove it"
        elif advice:
            msg += f"; {advice}"
        return msg
    if code == SAME_PAPER:
        return (f"same paper as {where} under another title: same "
                f"{describe_identity(later.ident)}, titled '{_short(a.title)}' there; "
                "keep one entry")
    if code == DUPLICATE_TITLE:
        return (f"duplicate title of {where} with a different link: "
                f"'{_url(a.url)}' there, '{_url(b.url)}' here")
    return (f"title is {similarity:.0f}% similar to {where} '{_short(a.title)}'"
            + (f" ({detail})" if detail else ""))


def _similarity(a: str, b: str) -> float:
    """rapidfuzz's ratio of two titles (0-100); rapidfuzz is imported only when a pair of
    titles is actually scored, which most lists never need."""
    from rapidfuzz.fuzz import ratio

    return ratio(a, b)


_NUMBERISH = re.compile(r"(?:v?\d+(?:\.\d+)*[a-z]{0,2}|[ivx]{1,5}|part|vol|volume|version|edition|ed|"
                        r"first|second|third|fourth|fifth|one|two|three|four|five)$")


_VERSION = re.compile(r"\b[vV](\d+)\b")


def _versions(a: str, b: str) -> bool:
    """Do both titles name a version, and different ones (`[T-GATE V1]` / `[T-GATE V2]`)?
    Then two versions of one paper are listed on purpose."""
    va, vb = set(_VERSION.findall(a)), set(_VERSION.findall(b))
    return bool(va and vb and va != vb)


def _differing(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    """The words of two normalised titles between their common prefix and suffix."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return a[p:len(a) - s], b[p:len(b) - s]


def _numbered(a: list[str], b: list[str]) -> bool:
    """Do two titles differ only by a number, version, year or part (`... II`, `32k` /
    `128k`, `v2`, `Part 1` / `Part 2`, `Fall 2016` / `Fall 2017`)? Then they name two works."""
    da, db = _differing(a, b)
    return bool(da or db) and all(_NUMBERISH.match(w) for w in da + db)


def _series(a: _Item, b: _Item, wa: list[str], wb: list[str]) -> bool:
    """Two entries next to each other in one list whose titles differ by one word swapped
    for another outside a system name (`IIT Bombay` / `IIT Madras`, `Intro x86` /
    `Intermediate x86`): a series placed together on purpose, not an accidental repeat. A
    renamed system (`DeepServe:` / `DeepFlow:`) is still reported."""
    if a.place != b.place or abs(a.entry.index - b.entry.index) > 2:
        return False
    da, db = _differing(wa, wb)
    if not da or not db:
        return False
    names = {w for it in (a, b) if ":" in it.entry.title
             for w in normalise_title(it.entry.title.split(":", 1)[0]).split()}
    return not names.intersection(da + db)


def _word_difference(a: list[str], b: list[str]) -> tuple[bool, str]:
    """(is it a typo or spacing?, words for the message) from two normalised titles."""
    wa, wb = _differing(a, b)
    da, db = " ".join(wa), " ".join(wb)
    if da.replace(" ", "") == db.replace(" ", ""):
        return True, "differs only in spacing"
    if not da:
        return False, f"adds '{_short(db, 30)}'"
    if not db:
        return False, f"drops '{_short(da, 30)}'"
    longest = max(len(da), len(db))
    from rapidfuzz.distance import Levenshtein

    if Levenshtein.distance(da, db) <= (1 if longest <= 6 else 2):
        return True, f"'{_short(da, 30)}' / '{_short(db, 30)}': a typo?"
    return False, f"'{_short(da, 30)}' / '{_short(db, 30)}'"


# -- bare URLs -------------------------------------------------------------------------------
# a line that lists something: a list item or a table row, not a paragraph of prose
_LISTING_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)]|\|)\s")


@dataclass(frozen=True, slots=True)
class _Bare:
    link: Link
    ident: str
    section: int | None


def _bare_urls(ctx: Context) -> list[_Bare]:
    """The bare URLs that list something on their own: in a list item or a table row, not
    inside an entry (where they are side links, like `[code]`), not in prose, not in a
    skipped section or an ignored URL."""
    doc, config = ctx.doc, ctx.config
    starts = [e.span.start for e in doc.entries]
    sec_starts = [s.span.start for s in doc.sections]
    out = []
    for link in doc.links:
        if link.kind != "bare":
            continue
        k = bisect.bisect_right(starts, link.span.start) - 1
        if k >= 0 and link.span.start < doc.entries[k].span.end:
            continue  # a side link of an entry
        if not _LISTING_LINE.match(doc.source.line_text(doc.source.line_of(link.span.start))):
            continue
        url = link.url.strip()
        if config.url_ignored(url):
            continue
        sec = bisect.bisect_right(sec_starts, link.span.start) - 1
        if sec >= 0 and config.section_skipped(doc.sections[sec].path):
            continue
        ident = entry_identity(url if "://" in url else "https://" + url)
        if ident:
            out.append(_Bare(link, ident, sec if sec >= 0 else None))
    return out


def _indent(doc: Document, offset: int) -> int:
    line = doc.source.line_text(doc.source.line_of(offset))
    return len(line) - len(line.lstrip())


def _bare_duplicates(ctx: Context, items: list[_Item]) -> Iterator[Diagnostic]:
    """LL101 for bare URLs: one that repeats an entry's link or an earlier bare URL. Never
    fixed (which copy to keep is a human decision); a *warning* in the same section (where
    its list is not known as an entry's is), an *info* cross-listing in another."""
    bare = _bare_urls(ctx)
    if not bare:
        return
    doc = ctx.doc
    entry_of: dict[str, Entry] = {}
    for it in items:
        if it.ident:
            entry_of.setdefault(it.ident, it.entry)
    starts = [e.span.start for e in doc.entries]
    seen: dict[str, _Bare] = {}
    for b in bare:
        first = seen.setdefault(b.ident, b)
        entry = entry_of.get(b.ident)
        k = bisect.bisect_right(starts, b.link.span.start) - 1
        if entry is not None and k >= 0 and doc.entries[k] is entry and \
                _indent(doc, b.link.span.start) > _indent(doc, entry.span.start):
            continue  # the entry's own sub-item
        if entry is not None:
            line, sec, what = entry.line, entry.section, f"the link of '{_short(entry.title)}'"
            span = entry.link_span
        elif first is not b:
            line, sec, what = first.link.line or ctx.line(first.link.span.start), \
                first.section, "a bare URL"
            span = first.link.span
        else:
            continue
        same = f"same {describe_identity(b.ident)}"
        if sec != b.section and sec is not None:
            msg = (f"also listed under section '{_short(doc.sections[sec].title, 40)}' (line "
                   f"{line}): {same}; keep both if the cross-listing is meant")
            severity = Severity.INFO
        else:
            msg = f"bare URL repeats {what} on line {line}: {same}"
            severity = Severity.WARNING
        d = ctx.at(b.link.span, msg, related=(ctx.related(span, "first occurrence"),))
        if DUPLICATE_LINK not in ctx.config.severity:
            d = dataclasses.replace(d, severity=min(d.severity, severity))
        yield d


# -- the rules -------------------------------------------------------------------------------
def _report(ctx: Context, code: str) -> Iterator[Diagnostic]:
    doc = ctx.doc
    for f in analysis(ctx):
        if f.code != code:
            continue
        first, later = doc.entries[f.first], doc.entries[f.entry]
        fix = None
        if f.removable:
            removal = _removal(doc, later)
            if removal is not None:
                edit, removes = removal
                fix = ctx.fix(edit, removes=removes,
                              description=f"remove the repeat of line {first.line}")
        span = later.link_span if code in (DUPLICATE_LINK, SAME_PAPER) else later.title_span
        d = ctx.at(span if len(span) else later.span, f.message, fix=fix,
                   related=(ctx.related(first.span, "first occurrence"),))
        if f.other_name and code not in ctx.config.severity:
            d = dataclasses.replace(d, severity=min(d.severity, Severity.WARNING))
        if f.cross and code not in ctx.config.severity:
            d = dataclasses.replace(d, severity=Severity.INFO)
        yield d


_CROSS = {"allow-cross-section": False}


@rule(DUPLICATE_LINK, "duplicate-link", severity="error", fixable=True,
      options={"allow-cross-section": False, "allow-cross-section-projects": False},
      summary="Two entries link to the same page or paper, however the link is spelled.")
def duplicate_link(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Compares the main link of every entry by its *identity*: `http`/`https`, `www.`, host
    case, default ports, a trailing slash and tracking parameters (`utm_*`, `ref`, `fbclid`
    ...) do not count; a fragment does (`page#hash` and `page#prices` are two things),
    unless it changes nothing (`#readme`, `#top`, an empty `#`, a `#:~:text=` fragment); an
    arXiv paper is the same paper as `abs/`, `pdf/`, `html/`,
    with a version or through `doi.org/10.48550/arXiv.…`; a DOI is the same through `doi.org`,
    `dx.doi.org` or a publisher's `/doi/{abs,full,pdf,epdf}/` page; OpenReview `forum?id=` and
    `pdf?id=` are one paper; GitHub owner and repository names are case-blind and `.git` is
    ignored. Reports the later entry and points at the first.

    Side links (`[pdf]`, `[code]`), badges and table-of-contents links never count, and an
    entry's own sub-items are not its duplicates.

    Bare URLs (`https://…` or `www.…` written without brackets, which GitHub renders as
    links) count when they list something on their own, in a list item or a table row
    outside any entry: one that repeats an entry's link or an earlier bare URL (by the same
    identity) is reported, as a *warning* in the same section (`bare URL repeats the link of
    'Foo' on line 5`) and as an *info* cross-listing in another section. A bare URL inside
    an entry (`Code: https://…`) is a side link, one in prose is a mention, one in an
    entry's sub-item is the entry's own: none is compared. Never fixed.

    When the link is a paper id and the titles differ, the pair is reported by
    `same-paper-different-title` (LL104) instead.

    Cross-listing is a decision, not a defect: a repeat in another *place* (another section,
    or another sub-list of one section: `* HTTP Client` / `* HTTP Server`, lists under two
    bold labels) is reported as *info*, `also listed under section 'Clients' (line 12)`,
    naming the other place, and never fixed; papers and projects alike (a `severity` set
    for the rule wins). Side links and boilerplate links that every section repeats
    (`Install`, `Contribute`, `Repo with Samples`) are not cross-listings. To silence
    cross-listings: `allow-cross-section-projects = true` (projects, tools, sites: any
    link that is not a paper id), `allow-cross-section = true` (every link), or one entry
    marked with `<!-- listlint-allow-duplicate -->` at the end of its line or on the line
    before it (an optional reason may follow: `<!-- listlint-allow-duplicate: also a
    serving system -->`). Within one innermost list a repeat is always reported, as an
    error. Two entries naming different versions of one paper (`[T-GATE V1]` /
    `[T-GATE V2]`) are listed on purpose and not reported.

    ## Why is this bad?
    Lists grow by accretion: the same paper is added twice, months apart, once as `abs/` and
    once as `pdf/`. Readers meet it twice; notes and venues drift apart.

    ## Example
    ```markdown
    - [LLM Inference Serving: Survey](https://arxiv.org/abs/2407.12391)
    - [LLM Inference Serving: Survey](https://arxiv.org/pdf/2407.12391v2.pdf)
    ```
    Reported: `duplicate of line 1: same arXiv id 2407.12391 (written
    'arxiv.org/abs/2407.12391' there); keep line 1's link: the abstract page`. Not fixed: the
    two copies are spelled differently. A copy written like the first (up to whitespace, a
    trailing slash, `http`/`https` or host case) is fixed by deleting it.

    One project link under two different names in one section (`hatch` and `hatchling`
    both linking `github.com/pypa/hatch`; `uv` and `uv-build`) is often deliberate: a
    package and its build backend live in one repository. Such a pair (each title one word
    as written, like a package name, the two different after normalisation, neither
    generic, the link no paper id) is reported as `different names for the same link ...`
    with severity *warning* (unless `severity` in the configuration sets one for LL101).
    Everything else stays an error: `SGLang` and `SGLang runtime` (words added to a name),
    `ipstack` and `IPstack`. Papers stay strict: one paper id under two titles is
    `same-paper-different-title` (LL104), under one title an LL101 error.

    When the two copies spell the link differently and one spelling is plainly better, the
    message says which to keep: the one without tracking parameters, arXiv's `abs/` page
    rather than `pdf/` or `html/`, `https` rather than `http`.

    ## Fix safety
    Safe, and offered only when the later entry is a copy of the first as written in the
    same innermost list: same section, list and kind, the same text (checkbox, markers,
    title, description, side links, sub-items or other table cells) up to whitespace, and
    the same URL up to a trailing slash, `http`/`https` and host case, the later URL being
    no better than the first's (a later `https` copy of an `http` link is kept and
    reported). Its lines are deleted.
    Everything else (another spelling of the link, another case of the title, another
    note) is report-only: which copy to keep and how to merge notes is a human decision.

    When `double-link` (LL617, the awesome preset) runs, this rule steps aside for it.
    """
    if "LL617" in ctx.inputs.active_rules:
        return  # the awesome preset's double-link (LL617) counts links its own way
    yield from _report(ctx, DUPLICATE_LINK)
    yield from _bare_duplicates(ctx, _items(ctx))


@rule(DUPLICATE_TITLE, "duplicate-title", severity="warning",
      options={"allow-cross-section": False, "min-words": 3},
      summary="Two entries with the same title (ignoring case, punctuation, dashes and quotes).")
def duplicate_title(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Compares entry titles after normalisation: case, punctuation, whitespace, Unicode dashes
    and quotes do not count. Reports the later entry when its link differs from the first
    (the same link is `duplicate-link`). Generic titles (`pdf`, `code`, `link`, `website`...)
    and titles of fewer than `min-words` words (default 3) are not compared: in software lists
    short names are shared by different projects (awesome-go has four packages called `env`),
    nor are titles made only of generic words (`Repo with Samples`, `Learn More`). In
    another section or sub-list the repeat is an *info*, `also listed under ...`.
    `allow-cross-section` and `<!-- listlint-allow-duplicate -->` work as for
    `duplicate-link`.

    ## Why is this bad?
    The same paper is often listed once as the arXiv preprint and once as the published
    version, or the same tool under two URLs; one of them is usually stale.

    ## Example
    ```markdown
    - [Seesaw: High-throughput LLM Inference](https://arxiv.org/abs/2503.06433)
    - [Seesaw: High-Throughput LLM Inference](https://mlsys.org/virtual/2025/poster/2974)
    ```
    Reported: `duplicate title of line 1 with a different link: 'arxiv.org/abs/2503.06433'
    there, 'mlsys.org/virtual/2025/poster/2974' here`.

    ## Fix safety
    No fix: which link to keep is a human decision.
    """
    return _report(ctx, DUPLICATE_TITLE)


@rule(NEAR_DUPLICATE_TITLE, "near-duplicate-title", severity="info",
      options={"allow-cross-section": False, "min-similarity": 85, "min-words": 4},
      summary="A title one word or one typo away from another entry's title.")
def near_duplicate_title(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds titles that differ by a typo in one word or only in spacing (titles of at least
    `min-words` words, default 4), or by one whole word changed, added or dropped (titles of
    at least `min-words` + 2 words: in short names one word is often the whole difference,
    as in `MLB Records and Stats` and `NHL Records and Stats`), and whose similarity
    (rapidfuzz ratio of the normalised titles) is at least `min-similarity` (default 85).
    The message gives the similarity and the words that differ. Pairs already reported by
    another duplicate rule are not reported again.

    Titles that differ only by a number, version, year or part (`Part 1` / `Part 2`, `... II`,
    `32k` / `128k`, `v2` / `v3`, `Fall 2016` / `Fall 2017`) name different works and are never
    reported; nor is a series placed together: two entries at most two apart in one list
    whose titles swap one word outside a system name (`Algorithms - IIT Bombay` /
    `Algorithms - IIT Madras`). A renamed system (`DeepServe:` / `DeepFlow:`) or a typo
    (`Bombay` / `Bombey`) next door still is.

    Candidates come from an index of the titles with one word deleted, so titles are never
    compared all against all: the four duplicate rules take about two seconds of CPU on a
    50,000-entry list.

    ## Why is this bad?
    A paper renamed between its preprint and its published version, or a tool added twice
    with a typo, slips past exact comparison.

    ## Example
    ```markdown
    - [Intelligent Router for LLM Workloads](https://arxiv.org/abs/2408.13510)
    - [Intelligent Router for LLMs Workloads](https://example.com/router)
    ```
    Reported: `title is 99% similar to line 1 'Intelligent Router for LLM Workloads' ('llm' /
    'llms': a typo?)`.

    ## Fix safety
    No fix: the titles may well name two different things.
    """
    return _report(ctx, NEAR_DUPLICATE_TITLE)


@rule(SAME_PAPER, "same-paper-different-title", severity="warning", options=dict(_CROSS),
      summary="The same arXiv id, DOI or OpenReview id listed under two different titles.")
def same_paper_different_title(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports an entry whose main link is the same paper (arXiv id, DOI, OpenReview id, IEEE
    Xplore document, ACL Anthology id, NeurIPS/MLSys paper) as an earlier entry listed under a
    different title.

    ## Why is this bad?
    Papers are renamed between versions (`Mnemosyne` became `Medha`, `ASPEN` became `mLoRA`);
    the list then carries the same paper twice under two names, and readers take them for two
    papers.

    ## Example
    ```markdown
    - [Mnemosyne: Parallelization Strategies](https://arxiv.org/abs/2409.17264)
    - [Medha: Efficiently Serving Multi-Million Context](https://arxiv.org/pdf/2409.17264v2)
    ```
    Reported: `same paper as line 1 under another title: same arXiv id 2409.17264, titled
    'Mnemosyne: Parallelization Strategies' there; keep one entry`.

    `allow-cross-section` and `<!-- listlint-allow-duplicate -->` work as for
    `duplicate-link`.

    ## Fix safety
    No fix: which title is current is a human decision.
    """
    return _report(ctx, SAME_PAPER)
