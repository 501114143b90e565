"""The one duplicate analysis of a document, shared by the four LL1xx rules: link identity
groups first, then equal titles, then near-duplicate titles; a pair is reported once."""

from __future__ import annotations

from sys import intern
from typing import Any

from listlint.document import Document, innermost_lists
from listlint.linkid import entry_identity, is_paper_key
from listlint.model import Entry
from listlint.registry import Context, get
from listlint.rules.duplicates.copies import identical, one_paper_named, two_names
from listlint.rules.duplicates.items import (
    ALLOW_COMMENT,
    DUPLICATE_LINK,
    DUPLICATE_TITLE,
    NEAR_DUPLICATE_TITLE,
    SAME_PAPER,
    Finding,
    Item,
)
from listlint.rules.duplicates.messages import also_listed, pair_message
from listlint.rules.duplicates.titles import (
    numbered,
    series,
    shared_keys,
    title_similarity,
    versions_differ,
    word_difference,
)
from listlint.text import normalise_title

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


def _computed(ctx: Context) -> tuple[list[Finding], list[Item]]:
    def make() -> tuple[list[Finding], list[Item]]:
        options = {code: _options(ctx, code)
                   for code in (DUPLICATE_LINK, DUPLICATE_TITLE, NEAR_DUPLICATE_TITLE, SAME_PAPER)}
        run = _Analysis(ctx.doc, ctx.config, options)
        return run.run(), run.items

    return ctx.memo.get("duplicates.analysis", make, ctx.doc, ctx.config)


def compared_items(ctx: Context) -> list[Item]:
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
        self.items: list[Item] = []
        lists = innermost_lists(doc)
        # one object per distinct identity, title and place: the items are what the analysis
        # holds while it runs, and a huge list repeats these
        places: dict[tuple[int | None, int | None], tuple[int | None, int | None]] = {}
        for e in doc.entries:
            url = e.url.strip()
            if not url or url.startswith("#") or config.section_skipped(e.section_path):
                continue
            ident = "" if config.url_ignored(url) else intern(entry_identity(url))
            title = intern(normalise_title(e.title))
            titled = len(title) >= 2 and title not in _GENERIC_TITLES \
                and not title.startswith(("http ", "https ")) and not title.isdigit() \
                and not _GENERIC_WORDS.issuperset(title.split())
            place = (e.section, lists[e.index])
            self.items.append(Item(e, ident, is_paper_key(ident), title, titled,
                                    len(e.title.split()), places.setdefault(place, place)))
        self.clusters = _Clusters()
        self.findings: dict[int, Finding] = {}
        self.allowed_pairs: set[tuple[int, int]] = set()
        # one string per distinct message: the later copies of an entry repeated several
        # times are each reported against the first, in the same words (the findings and
        # the diagnostics hold them until the report is written)
        self.messages: dict[str, str] = {}

    def run(self) -> list[Finding]:
        self.by_link()
        self.by_title()
        self.near_titles()
        return sorted(self.findings.values(), key=lambda f: f.entry)

    # 1. same link identity ------------------------------------------------------------------
    def by_link(self) -> None:
        groups: dict[str, list[Item]] = {}
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
                    None if versions_differ(first.entry.title, later.entry.title) else
                    SAME_PAPER if later.paper and first.title != later.title
                    and later.titled and first.titled and not one_paper_named(first, later)
                    else DUPLICATE_LINK))

    # 2. same title, different link ------------------------------------------------------
    def by_title(self) -> None:
        min_words = int(self.options[DUPLICATE_TITLE].get("min-words", 3))
        groups: dict[str, list[Item]] = {}
        for it in self.items:
            if it.titled and it.words >= min_words:
                groups.setdefault(it.title, []).append(it)
        for group in groups.values():
            for k in range(1, len(group)):
                later = group[k]
                if later.entry.index not in self.findings:
                    self.pick(later, _earlier(group, k), lambda _: DUPLICATE_TITLE)

    def pick(self, later: Item, candidates: list[Item], code_of: Any) -> None:
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
        # one string per distinct word (a huge list repeats its words), a tuple per title
        words = [tuple(map(intern, it.title.split())) if it.titled else () for it in self.items]
        buckets = shared_keys([it.title for it in self.items], words, min_words)
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
                    score = title_similarity(ia.title, ib.title)
                    if score < min_similarity or score <= best.get(b, (0.0, 0, ""))[0]:
                        continue
                    if numbered(words[a], words[b]):
                        continue  # Part 1 / Part 2, 32k / 128k, v2, 2016 / 2017: two works
                    typo, detail = word_difference(words[a], words[b])
                    # in short names one word is often the whole difference (MLB / NHL Stats)
                    if typo or (min(wa, wb) >= min_words + 2
                                 and not series(ia, ib, words[a], words[b])):
                        best[b] = (score, a, detail)
        for b, (score, a, detail) in sorted(best.items()):
            first, later = self.items[a], self.items[b]
            if later.entry.index in self.findings or self.known(first, later):
                continue
            if self.allowed_pair(NEAR_DUPLICATE_TITLE, first, later):
                continue
            self.add(NEAR_DUPLICATE_TITLE, first, later, similarity=score, detail=detail)

    # -- helpers --------------------------------------------------------------------------
    def known(self, first: Item, later: Item) -> bool:
        """Nothing new to say about this pair: already reported (directly or through
        others), allowed, or one entry inside the other."""
        a, b = first.entry, later.entry
        if self.clusters.find(a.index) == self.clusters.find(b.index):
            return True
        if (a.index, b.index) in self.allowed_pairs:
            return True
        return _is_ancestor(self.doc, a, b) or _is_ancestor(self.doc, b, a)

    def allowed_pair(self, code: str, first: Item, later: Item) -> bool:
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

    def add(self, code: str, first: Item, later: Item, *, similarity: float = 0.0,
            detail: str = "") -> None:
        self.clusters.union(first.entry.index, later.entry.index)
        cross = first.place != later.place
        removable = code == DUPLICATE_LINK and not cross and identical(self.doc, first, later)
        other_name = code == DUPLICATE_LINK and two_names(first, later)
        message = pair_message(self.doc, code, first, later, removable, similarity, detail,
                           other_name)
        if cross and code in (DUPLICATE_LINK, DUPLICATE_TITLE):
            message = also_listed(self.doc, code, first, later)
        message = self.messages.setdefault(message, message)
        self.findings[later.entry.index] = Finding(code, later.entry.index, first.entry.index,
                                                   message, removable, similarity, other_name,
                                                   cross and code in (DUPLICATE_LINK,
                                                                      DUPLICATE_TITLE))


def _earlier(group: list[Item], k: int) -> list[Item]:
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
