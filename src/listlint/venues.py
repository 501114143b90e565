"""Publication venues: which venue each entry names, how it is written, what its URL implies.

A paper list says where a paper appeared in many ways: ``accepted by OSDI'24`` at the end of a
description, ``[OSDI'22]`` before the link, ``| OSDI' 24`` after a pipe, ``(SOSP2019)``,
``**OSDI'24**``, a shields.io badge (``img.shields.io/badge/Conference-NeurIPS'24-blue``) or a
Venue / Conference / Published-in table column. :func:`document_venues` finds every such
mention of an entry (a :class:`Venue`, with the exact spans of the name and the year, the
notation and the year form) and the venue its URL implies (``usenix.org/conference/osdi24/…``,
``proceedings.mlr.press/v202/…``, ``aclanthology.org/2025.coling-main.12``, …).

Venue names come from ``listlint/venue_data.py`` (canonical name, accepted aliases, reported
variants, old names, DBLP streams), extended by ``[tool.listlint.venues] extra``. Short or
ordinary words (``SC``, ``ATC``, ``FAST``, ``Security``) count only in a venue position. Preprint
markers (``arXiv'23``, ``[arxiv]``, ``(preprint)``) are a state of their own, not a venue.

Everything here is offline: the look-ups live in :mod:`listlint.venue_lookup`. The scanner is a
word tokenizer plus dictionary look-ups and short anchored regexes: linear in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from listlint.config import ConfigError, register_family_table
from listlint.inputs import Memo
from listlint.model import Entry, Span

if TYPE_CHECKING:
    from listlint.config import Config
    from listlint.document import Document

__all__ = ["Venue", "VenueInfo", "VenueTable", "EntryVenues", "FileNotation", "VenueSettings",
           "document_venues", "entry_venue", "url_venue", "load_table", "venue_settings",
           "uses_venues", "render_venue", "file_notation", "format_year", "venue_json",
           "venue_rows", "VenueRow", "scan_region", "loose_mentions", "same_venue"]

VENUE_DEFAULTS: dict[str, Any] = {
    "enabled": "auto",  # auto | on | off
    "min-entries": 5,  # auto: at least this many entries name a venue in their text
    "extra": {},  # canonical name -> [aliases] or {aliases, variants, kind, dblp, position}
    "keep-old-names": False,  # NIPS'15 and SysML'19 stay as written
    "accept": [],  # the list's own spellings of venues, never reported (["Arxiv", "NIPS"])
    "write-missing": False,  # LL304's fix (add the venue the URL implies) counts as safe
    "semantic-scholar-url": "https://api.semanticscholar.org",
    "dblp-url": "https://dblp.org",
    "arxiv-url": "http://export.arxiv.org",
    "intervals": {},  # seconds between requests per service: semantic-scholar, dblp, arxiv
    "retries": 2,
}
register_family_table("venues", VENUE_DEFAULTS)

ENABLED_VALUES = ("auto", "on", "off")
STRONG = frozenset({"phrase", "bracket", "bold-bracket", "paren", "bold", "pipe", "badge",
                    "column"})
QUALIFIERS = ("Workshop", "Workshops", "Findings", "Oral", "Spotlight", "Poster", "Demo",
              "Short", "Long", "Industry", "Highlight", "Main", "Best Paper", "Tutorial")
_QUAL_CANON = {q.casefold(): q for q in QUALIFIERS}

# -- regular expressions (all anchored or with bounded repetition) ---------------------------
_WORD = re.compile(r"[A-Za-z][A-Za-z&]*")
_YEAR = re.compile(
    r"(?P<q>[ \t]{0,2}['’‘`´][ \t]?)(?P<yq>\d{4}|\d{2})(?![\d])"
    r"|(?P<sp>[ \t\-]?)(?P<y4>(?:19|20)\d{2})(?![\d])"
    r"|(?P<g>-?)(?P<y2>\d{2})(?![\d.,]\d)(?![\d])"
)
_BAD_YEAR = re.compile(r"[ \t]?['’‘`][ \t]?(?P<bad>(?=[A-Za-z\-]{0,12}\d)[A-Za-z0-9][A-Za-z0-9\-]{0,23})")
_QUAL_AFTER = re.compile(
    r"(?P<pre>[ \t]{0,2}\(?[ \t]?|[ \t]?-[ \t]?)"
    r"(?P<q>workshops?|findings|oral|spotlight|poster|demo|short|long|industry|highlight|main"
    r"|best[ \t]paper|tutorial)\b(?P<post>[ \t]?\))?",
    re.I,
)
_QUAL_BEFORE = re.compile(r"(?P<q>findings|workshop)[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?$", re.I)
_PHRASE_BEFORE = re.compile(
    r"(?P<p>\b(?:a{1,2}c{1,2}(?:ep|pe)t{0,2}ed|published|appear(?:s|ed|ing)?|presented)"
    r"(?:[ \t]+(?:by|in|at|to|on|for))?)(?:[ \t]+the)?[ \t]+$",
    re.I,
)
_FUTURE_PHRASE = re.compile(
    r"\b(?:submitted|submission|submitting|under[ \t]+review|in[ \t]+review|rejected|reject)\b"
    r"[^,;.:]{0,24}$", re.I)
_UNKNOWN = re.compile(
    r"(?:a{1,2}c{1,2}(?:ep|pe)t{1,2}ed|published|appear)[ \t]+(?:by|in|at)"
    r"[ \t]+([A-Z][A-Za-z&]{1,15})(?=['’ ]?\d{2})", re.I)
# Cheap tests before the regexes above (see _may_hold): what every match of _PHRASE_BEFORE and
# _UNKNOWN, of _QUAL_BEFORE and of _FUTURE_PHRASE holds
_PHRASE_STEM = re.compile(r"a{1,2}c{1,2}(?:ep|pe)t{0,2}ed|published|appear|presented", re.I)
_PHRASE_STEMS = ("cep", "cpe", "published", "appear", "presented")
_QUAL_STEMS = ("findings", "workshop")
_FUTURE_STEMS = ("submi", "review", "reject")
# a capitalised word (a group) a typo of a venue may hide in (see _may_name_venue): a bracket
# before it, a quote or a digit after it (\w that is no letter includes every digit)
_TYPO_SPOT = re.compile(r"[\[(]([A-Z][A-Za-z&]{4,})|([A-Z][A-Za-z&]{4,})(?:['’‘`]|[^\W_A-Za-z])")
_SPACE_GAP = re.compile(r"[ \t]{1,2}|[\-/]")
_DATE_CELL = re.compile(r"\s*\d{4}[.\-/]\d{1,2}\s*")
_VENUE_HEADERS = frozenset({"venue", "venues", "conference", "conf", "conf.", "published in",
                            "publication", "published", "journal", "where", "pub", "publisher",
                            "accepted", "accepted by", "proceedings", "source"})
_YEAR_HEADERS = frozenset({"year", "yr", "yy"})
_DATE_HEADERS = frozenset({"date", "time", "month"})
_PREPRINT_WORDS = frozenset({"preprint"})


# -- the venue table -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class VenueInfo:
    """One venue of the data file: its canonical name and how else it is written."""

    name: str
    aliases: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    old: str = ""
    old_until: int = 0
    kind: str = "conf"
    area: str = ""
    dblp: tuple[str, ...] = ()
    full: str = ""
    position: frozenset[str] = frozenset()
    usenix: tuple[str, ...] = ()
    anthology: tuple[str, ...] = ()
    csdl: tuple[str, ...] = ()
    cvf: tuple[str, ...] = ()

    @property
    def preprint(self) -> bool:
        return self.kind == "preprint"


@dataclass(frozen=True, slots=True)
class Form:
    """A way of writing a venue: ``status`` is canonical, alias, variant or old."""

    info: VenueInfo
    text: str
    status: str


def _key(text: str) -> str:
    return " ".join(re.split(r"[\s\-/]+", text.strip())).casefold()


class VenueTable:
    """The venues, indexed by every way of writing them (case-insensitive keys)."""

    def __init__(self, infos: Iterable[VenueInfo]) -> None:
        self.infos: list[VenueInfo] = list(infos)
        self.forms: dict[str, list[Form]] = {}
        self.by_name: dict[str, VenueInfo] = {}
        self.by_dblp: dict[str, VenueInfo] = {}
        self.by_dblp_short: dict[str, VenueInfo] = {}
        self.by_full: dict[str, VenueInfo] = {}
        self.by_code: dict[tuple[str, str], VenueInfo] = {}
        self.max_words = 1
        for info in self.infos:
            self.by_name[info.name.casefold()] = info
            for status, texts in (("canonical", (info.name,)), ("alias", info.aliases),
                                  ("variant", info.variants),
                                  ("old", (info.old,) if info.old else ())):
                for text in texts:
                    key = _key(text)
                    self.forms.setdefault(key, []).append(Form(info, text, status))
                    self.max_words = max(self.max_words, len(key.split()))
            for stream in info.dblp:
                self.by_dblp[stream.casefold()] = info
                self.by_dblp_short.setdefault(stream.split("/")[-1].casefold(), info)
            if info.full:
                self.by_full[_key(info.full)] = info
            for kind in ("usenix", "anthology", "csdl", "cvf"):
                for code in getattr(info, kind):
                    self.by_code[(kind, code.casefold() if kind != "anthology" or len(code) > 1
                                  else code)] = info
        self.first_words = frozenset(k.split()[0] for k in self.forms if " " in k)
        # the first two, three ... words of the forms of several words
        self.word_prefixes = frozenset(" ".join(k.split()[:n]) for k in self.forms
                                       for n in range(2, len(k.split()) + 1))
        # the words (case-folded) a mention of a known form can start with, and those of
        # them that only start forms of several words (the, acm, usenix)
        single = frozenset(k for k in self.forms if " " not in k) | _PREPRINT_WORDS
        self.start_words = single | self.first_words
        self.lead_words = self.first_words - single
        self._typo_forms = sorted({f.text for forms in self.forms.values() for f in forms
                                   if len(f.text) >= 5 and " " not in f.text})

    def match(self, written: str) -> Form | None:
        """How ``written`` names a venue: the exact form, else a case variant; None if unknown."""
        forms = self.forms.get(_key(written))
        if not forms:
            return None
        for f in forms:
            if f.text == written:
                return f
        for f in forms:  # case drift of a known form
            if f.status in ("canonical", "alias"):
                return Form(f.info, written, "variant")
            if f.status == "old":
                return Form(f.info, written, "old")
        return Form(forms[0].info, written, "variant")

    def typo(self, written: str) -> Form | None:
        """A known venue one edit away from ``written`` (SIDMOD -> SIGMOD), for venue positions."""
        if len(written) < 5 or not written[0].isupper():
            return None
        low = written.casefold()
        best = None
        for text in self._typo_candidates(low):
            if abs(len(text) - len(written)) > 1:
                continue
            if _one_edit(low, text.casefold()):
                form = self.forms[_key(text)][0]
                if best is not None and best.info is not form.info:
                    return None  # ambiguous
                best = form
        return Form(best.info, written, "typo") if best is not None else None

    def _typo_candidates(self, low: str) -> list[str]:
        """The forms that may be one edit away from ``low``: those sharing a one-deletion
        variant with it (a substitution, an insertion or a swap of two letters leaves one)."""
        index = self._typo_index
        found = {text for variant in _deletions(low) for text in index.get(variant, ())}
        return sorted(found)

    @cached_property
    def _typo_index(self) -> dict[str, list[str]]:
        """Each one-deletion variant (:func:`_deletions`) of a typo form -> the forms."""
        index: dict[str, list[str]] = {}
        for text in self._typo_forms:
            for variant in _deletions(text.casefold()):
                index.setdefault(variant, []).append(text)
        return index

    def canonical(self, name: str) -> VenueInfo | None:
        form = self.match(name)
        return form.info if form else None

    def from_dblp_key(self, key: str) -> VenueInfo | None:
        """``conf/osdi/YuJKKC22`` -> OSDI (the longest known stream prefix)."""
        parts = key.strip("/").split("/")
        for n in (2, 1):
            if len(parts) >= n:
                info = self.by_dblp.get("/".join(parts[:n]).casefold())
                if info is not None:
                    return info
        return None

    def from_name(self, text: str) -> VenueInfo | None:
        """A venue from a look-up answer: a name, an alias or the full name."""
        text = re.sub(r"\s+", " ", text or "").strip()
        if not text:
            return None
        form = self.forms.get(_key(text))
        if form:
            return form[0].info
        full = self.by_full.get(_key(text))
        if full is not None:
            return full
        if text.casefold() in ("arxiv.org", "arxiv", "corr", "arxiv (cornell university)"):
            return self.by_name.get("arxiv")
        return None


def _deletions(word: str) -> set[str]:
    """``word`` and every string one character shorter that it contains."""
    return {word, *(word[:k] + word[k + 1:] for k in range(len(word)))}


def _one_edit(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` at most one edit apart (the optimal string alignment distance):
    equal, or one character substituted, inserted or deleted, or two adjacent ones swapped?"""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    p = 0
    while p < len(a) and p < len(b) and a[p] == b[p]:
        p += 1
    if len(a) > len(b):
        return a[p + 1:] == b[p:]
    if len(a) < len(b):
        return a[p:] == b[p + 1:]
    return a[p + 1:] == b[p + 1:] or (a[p + 1:p + 2] == b[p:p + 1] and
                                       a[p:p + 1] == b[p + 1:p + 2] and a[p + 2:] == b[p + 2:])


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _info_from(name: str, data: Mapping[str, Any]) -> VenueInfo:
    old = data.get("old") or {}
    return VenueInfo(
        name=name, aliases=_as_tuple(data.get("aliases")), variants=_as_tuple(data.get("variants")),
        old=str(old.get("name", "")) if isinstance(old, Mapping) else "",
        old_until=int(old.get("until", 0)) if isinstance(old, Mapping) else 0,
        kind=str(data.get("kind", "conf")), area=str(data.get("area", "")),
        dblp=_as_tuple(data.get("dblp")), full=str(data.get("full", "")),
        position=frozenset(_as_tuple(data.get("position"))),
        usenix=_as_tuple(data.get("usenix")), anthology=_as_tuple(data.get("anthology")),
        csdl=_as_tuple(data.get("csdl")), cvf=_as_tuple(data.get("cvf")),
    )


@lru_cache(maxsize=1)
def _builtin() -> tuple[VenueInfo, ...]:
    from listlint.venue_data import VENUES

    return tuple(_info_from(v["name"], v) for v in VENUES)


def _merge(info: VenueInfo, data: Mapping[str, Any]) -> VenueInfo:
    import dataclasses

    extra = _info_from(info.name, data)
    return dataclasses.replace(
        info, aliases=info.aliases + extra.aliases, variants=info.variants + extra.variants,
        dblp=info.dblp + extra.dblp, position=info.position | extra.position,
        kind=str(data.get("kind", info.kind)), full=str(data.get("full", info.full)))


@lru_cache(maxsize=16)
def _table(extra_key: str) -> VenueTable:
    import json

    infos = list(_builtin())
    extra = json.loads(extra_key) if extra_key else {}
    index = {i.name.casefold(): n for n, i in enumerate(infos)}
    for name, value in extra.items():
        data = {"aliases": value} if isinstance(value, (list, str)) else dict(value)
        k = index.get(name.casefold())
        if k is not None:
            infos[k] = _merge(infos[k], data)
        else:
            index[name.casefold()] = len(infos)
            infos.append(_info_from(name, data))
    return VenueTable(infos)


def load_table(extra: Mapping[str, Any] | None = None) -> VenueTable:
    """The built-in venues plus ``extra`` (the config's ``[tool.listlint.venues] extra``)."""
    import json

    return _table(json.dumps(extra, sort_keys=True) if extra else "")


# -- settings ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class VenueSettings:
    enabled: str = "auto"
    min_entries: int = 5
    keep_old_names: bool = False
    write_missing: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)
    urls: Mapping[str, str] = field(default_factory=dict)
    intervals: Mapping[str, float] = field(default_factory=dict)
    retries: int = 2
    accept: frozenset[str] = frozenset()

    @property
    def table(self) -> VenueTable:
        return load_table(self.extra)


def venue_settings(config: Config) -> VenueSettings:
    """``[tool.listlint.venues]`` validated; environment variables override the service URLs."""
    import os

    opts = {**VENUE_DEFAULTS, **config.extra.get("venues", {})}
    where = f"{config.path or 'config'}: tool.listlint.venues"
    enabled = str(opts["enabled"]).lower()
    if enabled in ("true", "always"):
        enabled = "on"
    if enabled in ("false", "never"):
        enabled = "off"
    if enabled not in ENABLED_VALUES:
        raise ConfigError(f"{where}.enabled: {opts['enabled']!r} is not one of auto, on, off")
    extra = opts["extra"] or {}
    for name, value in extra.items():
        if not isinstance(value, (list, str, dict)):
            raise ConfigError(f"{where}.extra.{name}: give a list of aliases or a table")
    intervals = opts["intervals"] or {}
    for name, value in intervals.items():
        if name not in ("semantic-scholar", "dblp", "arxiv") or not isinstance(value, (int, float)):
            raise ConfigError(f"{where}.intervals.{name}: expected semantic-scholar, dblp or "
                              "arxiv = seconds")
    urls = {
        "semantic-scholar": os.environ.get("LISTLINT_SEMANTIC_SCHOLAR_URL")
        or str(opts["semantic-scholar-url"]),
        "dblp": os.environ.get("LISTLINT_DBLP_URL") or str(opts["dblp-url"]),
        "arxiv": os.environ.get("LISTLINT_ARXIV_URL") or str(opts["arxiv-url"]),
    }
    accept = opts["accept"] or []
    if isinstance(accept, str) or not all(isinstance(a, str) for a in accept):
        raise ConfigError(f"{where}.accept: give a list of venue spellings, e.g. [\"Arxiv\"]")
    return VenueSettings(enabled, int(opts["min-entries"]), bool(opts["keep-old-names"]),
                         bool(opts["write-missing"]), extra, urls,
                         {k: float(v) for k, v in intervals.items()}, int(opts["retries"]),
                         frozenset(accept))


# -- mentions ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Venue:
    """A venue an entry names (``source="text"``), its URL implies (``"url"``) or a look-up
    found (``"lookup"``).

    ``name`` is canonical (``MLSys``) when the venue is known, else as written; ``written`` is
    the spelling in the file (``MLSYS``). ``notation`` is where it is written (phrase, bracket,
    bold-bracket, paren, bold, pipe, bare, badge, column; url; lookup) and ``year_style`` how
    the year is attached (``'YY``, ``' YY``, `` YYYY``, ``YYYY``, ``YY`` ...).
    """

    name: str
    year: int | None = None
    qualifier: str = ""
    source: str = "text"
    span: Span | None = None
    notation: str = ""
    written: str = ""
    name_span: Span | None = None
    year_span: Span | None = None  # from the end of the name to the end of the year
    year_style: str = ""
    status: str = "canonical"  # canonical | alias | variant | old | typo | unknown | dblp-key
    kind: str = "conf"
    phrase: str = ""  # "accepted by"
    lead: str = ""  # what joins the phrase to the text before it: ", " "; " " "
    clause: Span | None = None  # joiner and phrase before the venue (", accepted by ")
    malformed: str = ""  # the year text when it is not a year ("October-2023")
    evidence: str = ""  # the URL part or look-up answer behind it

    @property
    def known(self) -> bool:
        return self.status != "unknown"

    @property
    def preprint(self) -> bool:
        return self.kind == "preprint"

    def label(self, style: str = "'YY") -> str:
        """``OSDI'24`` (``OSDI'24 Workshop``) in a year style."""
        return render_venue(self.name, self.year, self.qualifier, style)


def format_year(year: int, style: str) -> str:
    """The year as ``style`` writes it: ``'YY`` -> ``'24``, `` YYYY`` -> `` 2024``."""
    yy = f"{year % 100:02d}"
    if style.endswith("YYYY"):
        return style[:-4] + str(year)
    if style.endswith("YY"):
        return style[:-2] + yy
    return f"'{yy}"


def render_venue(name: str, year: int | None, qualifier: str = "", style: str = "'YY") -> str:
    out = name + (format_year(year, style or "'YY") if year else "")
    return out + (f" {qualifier}" if qualifier else "")


def _year_value(digits: str) -> int:
    n = int(digits)
    if len(digits) == 2:
        return 2000 + n if n <= 60 else 1900 + n
    return n


def _plausible(year: int) -> bool:
    return 1960 <= year <= 2040


def _year_style(m: re.Match[str]) -> tuple[str, str, int]:
    """(style, digits, group end) of a year match."""
    if m.group("yq") is not None:
        q = m.group("q").replace("‘", "'").replace("`", "'").replace("´", "'")
        digits = m.group("yq")
        return q + ("YYYY" if len(digits) == 4 else "YY"), digits, m.end()
    if m.group("y4") is not None:
        return m.group("sp").replace("\t", " ") + "YYYY", m.group("y4"), m.end()
    return m.group("g") + "YY", m.group("y2"), m.end()


class _Scan:
    """Scanning one region of text (offsets of the document, URLs blanked out)."""

    __slots__ = ("s", "lo", "hi", "table", "forced", "row", "base", "phrase")

    def __init__(self, s: str, lo: int, hi: int, table: VenueTable, forced: str = "",
                 row: bool = False, base: int = 0, phrase: bool = True) -> None:
        self.s = s
        self.lo = lo
        self.hi = hi
        self.table = table
        self.forced = forced  # badge / column: every known word is a venue
        self.row = row  # a table row: pipes separate cells
        self.base = base  # offset of ``s`` in the document
        self.phrase = phrase  # False: the region holds no phrase (see _may_hold)

    def sp(self, start: int, end: int) -> Span:
        return Span(start + self.base, end + self.base)

    def run(self) -> list[Venue]:
        """The mentions of known venues (and typos of them) in the region, left to right."""
        s = self.s
        words = [m.span() for m in _WORD.finditer(s, self.lo, self.hi)]
        low = _folded_words(s[self.lo:self.hi])
        out: list[Venue] = []
        free = 0  # the words before this one belong to a mention found
        for i in self._candidates(words, low):
            if i < free:
                continue
            found = self._mention_at(i, words, low)
            if found is None:
                continue
            venue, k = found
            out.append(venue)
            stop = venue.span.end - self.base if venue.span else words[i + k - 1][1]
            free = i + k
            while free < len(words) and words[free][0] < stop:
                free += 1
        return out

    def _candidates(self, words: list[tuple[int, int]], low: list[str]) -> Iterable[int]:
        """The words a mention can start at: one that starts a known form or a preprint
        marker, or a word where a typo of a venue may stand (:meth:`_venue_like`); in a venue
        column any word (a DBLP key)."""
        if self.forced == "column":
            return range(len(words))
        starts = self.table.start_words
        s = self.s
        return [i for i, w in enumerate(low)
                if w in starts or (len(w) >= 5 and s[words[i][0]].isupper() and
                                   self._venue_like(s[words[i][0]:words[i][1]], *words[i]))]

    def _mention_at(self, i: int, words: list[tuple[int, int]], low: list[str]
                    ) -> tuple[Venue, int] | None:
        """The mention starting at word ``i`` and how many words its name has, the longest
        known form first; None when there is none."""
        s = self.s
        forms = self.table.forms
        n = len(words)
        longest = 1
        if low[i] in self.table.first_words:  # as many words as may still start a form
            top = min(self.table.max_words, n - i)
            prefixes = self.table.word_prefixes
            while longest < top and " ".join(low[i:i + longest + 1]) in prefixes:
                longest += 1
        for k in range(longest, 0, -1):
            start, end = words[i][0], words[i + k - 1][1]
            if k > 1 and not all(_SPACE_GAP.fullmatch(s, words[j][1], words[j + 1][0])
                                 for j in range(i, i + k - 1)):
                continue
            written = s[start:end]
            form = self._dblp_key(written) if k == 1 else None
            if form is None and (" ".join(low[i:i + k]) if k > 1 else low[i]) in forms:
                form = self.table.match(written)
            if form is None and k == 1 and len(written) >= 5:
                form = self._other(written, start, end)
            if form is None:
                continue
            venue = self.mention(form, start, end)
            if venue is not None:
                return venue, k
        return None

    def _other(self, written: str, start: int, end: int) -> Form | None:
        if written.casefold() in _PREPRINT_WORDS:
            info = self.table.by_name.get("arxiv")
            return Form(info, written, "alias") if info else None
        return self.table.typo(written) if self._venue_like(written, start, end) else None

    def _venue_like(self, written: str, start: int, end: int) -> bool:
        """Could an unknown word be a misspelt venue here (a year right after it, a bracket
        or a phrase before it, a badge)? Cheap tests first: most words are not."""
        if len(written) < 5 or not written[0].isupper():
            return False
        if self.forced:
            return self.forced == "badge"
        nxt = self.s[end:end + 1]
        if nxt and (nxt in "'’‘`" or nxt.isdigit()):
            return True
        if start > self.lo and self.s[start - 1] in "[(":
            return True
        lo = max(self.lo, start - 40)
        return self.phrase and _may_hold(self.s[lo:start], _PHRASE_STEMS, _PHRASE_STEM) and \
            _PHRASE_BEFORE.search(self.s, lo, start) is not None

    def _dblp_key(self, written: str) -> Form | None:
        """In a venue column, lower-case DBLP stream keys (``osdi``, ``uss``) are a spelling."""
        if self.forced != "column" or not written.islower():
            return None
        info = self.table.by_dblp_short.get(written)
        return Form(info, written, "dblp-key") if info is not None else None

    def mention(self, form: Form, start: int, end: int) -> Venue | None:
        s = self.s
        info = form.info
        written = s[start:end]
        pos = end
        qualifier = ""
        year: int | None = None
        year_style = ""
        malformed = ""
        year_span = None
        qm = _QUAL_AFTER.match(s, pos, self.hi)
        if qm and qm.group("q").lower() in ("findings", "workshop", "workshops") and \
                not qm.group("post") and "(" not in qm.group("pre"):
            after = qm.end()
            ym = _YEAR.match(s, after, self.hi)
            if ym:  # "EMNLP Findings 2023"
                qualifier = _QUAL_CANON[qm.group("q").casefold()]
                pos = after
        ym = _YEAR.match(s, pos, self.hi)
        if ym:
            style, digits, yend = _year_style(ym)
            value = _year_value(digits)
            if _plausible(value):
                year, year_style, year_span = value, style, self.sp(pos, yend)
                pos = yend
            elif ym.group("yq") is not None:  # OSDI'56: meant as a year, but is not one
                malformed = s[pos:yend].strip(" '’`")
                year_span = self.sp(pos, yend)
                pos = yend
            else:  # MICRO-56 is an edition number, not a year
                ym = None
        else:
            bm = _BAD_YEAR.match(s, pos, self.hi)
            if bm:
                malformed = bm.group("bad")
                year_span = self.sp(pos, bm.end())
                pos = bm.end()
        if not qualifier:
            if pos != end:  # else the match above stands
                qm = _QUAL_AFTER.match(s, pos, self.hi)
            if qm and (year is not None or self.forced or qm.group("post")):
                qualifier = _QUAL_CANON.get(re.sub(r"\s+", " ", qm.group("q")).casefold(), "")
                pos = qm.end()
        before = s[max(self.lo, start - 60):start]
        qb = _QUAL_BEFORE.search(before) if _may_hold(before, _QUAL_STEMS) else None
        mstart = start
        if qb and not qualifier:
            qualifier = _QUAL_CANON[qb.group("q").casefold()]
            mstart = start - (len(before) - qb.start())
            before = s[max(self.lo, mstart - 60):mstart]
        notation, phrase, lead, pm = self.notation(mstart, pos, before)
        clause = None
        if pm is not None:
            clause = self.sp(mstart - len(before) + pm.start() - len(lead), mstart)
        # is this a venue at all?
        has_year = year is not None or bool(malformed)
        position_form = written in info.position or form.text in info.position or \
            any(written.casefold() == p.casefold() for p in info.position)
        if notation == "pipe" and self.row:
            notation = "bare"  # a table cell, not the pipe notation
        if notation == "bare":
            if not has_year:
                return None
            if position_form and (written not in info.position or not ym):
                return None
        elif position_form and notation not in ("phrase", "badge", "column") and not has_year:
            return None
            if malformed and not ym and form.status == "typo":
                return None
        if position_form and notation != "column" and not written[:1].isupper():
            return None
        if form.status == "typo" and notation == "bare" and not (ym and ym.group("q")):
            return None
        if notation not in ("badge", "column") and _may_hold(before, _FUTURE_STEMS) and \
                _FUTURE_PHRASE.search(before):
            return None
        span = self.sp(mstart, pos)
        return Venue(
            name=info.name, year=year, qualifier=qualifier, source="text", span=span,
            notation=notation, written=written, name_span=self.sp(start, end), year_span=year_span,
            year_style=year_style, status=form.status, kind=info.kind, phrase=phrase,
            lead=lead, clause=clause, malformed=malformed)

    def notation(self, start: int, end: int, before: str
                 ) -> tuple[str, str, str, re.Match[str] | None]:
        """Where the venue stands, the phrase before it, what joins that phrase, and the
        phrase's match in ``before``."""
        if self.forced:
            return self.forced, "", "", None
        s = self.s
        prev = s[start - 1] if start > self.lo else ""
        nxt = s[end] if end < self.hi else ""
        if prev == "[" and nxt == "]":
            bold = s.startswith("**", start - 3) and s.startswith("**", end + 1)
            return ("bold-bracket" if bold else "bracket"), "", "", None
        if prev == "(" and nxt == ")":
            return "paren", "", "", None
        if s.startswith("**", start - 2) and s.startswith("**", end):
            return "bold", "", "", None
        pm = _PHRASE_BEFORE.search(before) if self.phrase else None
        if pm:
            head = before[:pm.start()]
            lead = head[-2:] if head.endswith((", ", "; ", ". ")) else " " if head else ""
            return "phrase", " ".join(pm.group("p").lower().split()), lead, pm
        stripped = before.rstrip(" \t")
        if stripped.endswith("|"):
            return "pipe", "", "", None
        return "bare", "", "", None

    def unknown(self) -> list[Venue]:
        """Unknown words written as a venue in a strong position with a year (``NDSS'24``)."""
        out: list[Venue] = []
        for m in _UNKNOWN.finditer(self.s[self.lo:self.hi]):
            start = self.lo + m.start(1)
            end = self.lo + m.end(1)
            written = self.s[start:end]
            if self.table.match(written) or written[0].islower():
                continue
            ym = _YEAR.match(self.s, end, self.hi)
            if not ym:
                continue
            style, digits, yend = _year_style(ym)
            out.append(Venue(written, _year_value(digits), "", "text", self.sp(start, yend), "phrase",
                             written, self.sp(start, end), self.sp(end, yend), style, "unknown",
                             "conf", " ".join(m.group(0)[: m.start(1) - m.start()].lower().split())))
        return out


def scan_region(text: str, start: int, end: int, table: VenueTable, forced: str = "",
                blank: Sequence[Span] = (), row: bool = False) -> list[Venue]:
    """Venue mentions in ``text[start:end]`` (offsets of ``text``); ``blank`` spans (links) are
    not read. Only the region is copied, so scanning every entry stays linear."""
    if _WORD.search(text, start, end) is None:
        return []  # no word at all (" ", " ⭐ "): the commonest region of a list
    s = _blanked(text, start, end, blank)
    phrase = bool(forced) or _may_hold(s, _PHRASE_STEMS, _PHRASE_STEM)
    if not phrase and not _may_name_venue(s, table):
        return []
    scan = _Scan(s, 0, len(s), table, forced, row, start, phrase)
    found = scan.run()
    if not forced and phrase:
        taken = [v.span for v in found if v.span]
        for v in scan.unknown():
            if v.span and not any(t.start < v.span.end and v.span.start < t.end for t in taken):
                found.append(v)
    found.sort(key=lambda v: v.span.start if v.span else 0)
    return found


def _may_hold(text: str, stems: tuple[str, ...], pattern: re.Pattern[str] | None = None) -> bool:
    """Can a case-insensitive regex, each match of which holds one of the lower-case ASCII
    ``stems``, match in ``text``? ASCII text is answered by substrings of its lower case;
    other text by ``pattern`` (a regex of the stems), else yes: re.I also matches ``ſ``,
    ``ı`` or ``K`` to ASCII letters."""
    if text.isascii():
        low = text.lower()
        for stem in stems:
            if stem in low:
                return True
        return False
    return pattern is None or pattern.search(text) is not None


def _blanked(text: str, start: int, end: int, blank: Sequence[Span]) -> str:
    """``text[start:end]`` with the ``blank`` spans in it replaced by spaces."""
    parts = []
    pos = start
    for sp in sorted(blank, key=lambda b: b.start):
        if sp.end <= pos or sp.start >= end:
            continue
        a = max(sp.start, pos)
        b = min(sp.end, end)
        parts.append(text[pos:a])
        parts.append(" " * (b - a))
        pos = b
    parts.append(text[pos:end])
    return "".join(parts)


def _may_name_venue(s: str, table: VenueTable) -> bool:
    """Can ``s``, a region that is not a badge or a venue column and holds no phrase
    (``accepted by``), hold a venue mention at all?

    Such a mention starts at a known form or a preprint marker (``the`` only when the next
    word continues a form: ``The Web Conference``), or at a typo of a known venue with a
    bracket before it or a quote or a digit after it (:meth:`_Scan._venue_like`): every such
    word is a group of a ``_TYPO_SPOT`` match. Most regions of a list hold neither: set
    look-ups and a regex search rule them out without scanning them word by word."""
    words = _folded_words(s)
    hits = table.start_words.intersection(words)
    if hits - table.lead_words:
        return True
    if hits and any(words[i] in hits and f"{words[i]} {words[i + 1]}" in table.word_prefixes
                    for i in range(len(words) - 1)):
        return True
    return any(table.typo(m.group(1) or m.group(2)) is not None for m in _TYPO_SPOT.finditer(s))


def _folded_words(s: str) -> list[str]:
    """The words of ``s`` (``_WORD``), case-folded; lower-casing ASCII text first is the same
    and takes one call."""
    if s.isascii():
        return _WORD.findall(s.lower())
    return [w.casefold() for w in _WORD.findall(s)]


# -- badges and tables -------------------------------------------------------------------
_BADGE_ESCAPES = (("%20", "   "), ("%27", "  '"), ("%2F", "  /"), ("%2f", "  /"))


def badge_region(text: str, url_span: Span) -> tuple[str, int, int] | None:
    """The label and message of a shields.io static badge URL, blanked for scanning:
    ``(text, start, end)`` where only ``text[start:end]`` is to be read."""
    url = text[url_span.start:url_span.end]
    k = url.find("img.shields.io/badge/")
    if k == -1:
        return None
    lo = url_span.start + k + len("img.shields.io/badge/")
    q = url.find("?", k)
    hi = url_span.start + (q if q != -1 else len(url))
    body = text[lo:hi]
    for a, b in _BADGE_ESCAPES:
        body = body.replace(a, b)
    body = body.replace("_", " ").replace("-", " ")
    return body, lo, hi


_CELL_SPECIAL = re.compile(r"\\.|[`\[\]|]")


def _split_cells(line: str) -> list[tuple[int, int]]:
    """Cell ranges of a table row (relative to the line), honouring ``\\|`` and code spans."""
    cells: list[tuple[int, int]] = []
    start = 0
    in_code = False
    depth = 0
    for m in _CELL_SPECIAL.finditer(line):
        ch = m.group()
        if len(ch) == 2:
            continue
        if ch == "`":
            in_code = not in_code
        elif in_code:
            continue
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif depth == 0:
            cells.append((start, m.start()))
            start = m.end()
    cells.append((start, len(line)))
    if cells and not line[cells[0][0]:cells[0][1]].strip() and line.lstrip().startswith("|"):
        cells = cells[1:]
    if cells and not line[cells[-1][0]:cells[-1][1]].strip() and line.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells


def table_headers(doc: Document) -> dict[int, tuple[str, ...]]:
    """Line of each table body row -> the lower-cased header cells of its table."""
    return {line: table.header for table in doc.tables for line in table.rows}


# -- per entry ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class EntryVenues:
    """Everything about the venue of one entry."""

    entry: int
    mentions: tuple[Venue, ...]
    url: Venue | None
    date_only: bool = False  # a Date column (YYYY.MM) and nothing else: a preprint list

    @property
    def text(self) -> Venue | None:
        """The venue the text names (not a preprint marker)."""
        for v in self.mentions:
            if not v.preprint:
                return v
        return None

    @property
    def preprint(self) -> Venue | None:
        for v in self.mentions:
            if v.preprint:
                return v
        return None

    @property
    def best(self) -> Venue | None:
        """The entry's venue: named in the text, else implied by the URL (preprints: None)."""
        return self.text or self.url


def _entry_regions(doc: Document, e: Entry) -> list[tuple[int, int]]:
    if e.kind == "row":
        return [(e.span.start, e.span.end)]
    start = e.head.start
    for sp in (e.marker_span, e.checkbox_span):
        if sp is not None and sp.end > start:
            start = sp.end
    regions = []
    if e.link_span.start > start:
        regions.append((start, e.link_span.start))
    if e.head.end > e.link_span.end:
        regions.append((e.link_span.end, e.head.end))
    return regions


def entry_venues(doc: Document, e: Entry, table: VenueTable,
                 headers: Mapping[int, tuple[str, ...]] | None = None) -> EntryVenues:
    text = doc.text
    links = [e.link_span, *(link.span for link in e.other_links)]
    mentions: list[Venue] = []
    date_only = False
    column_cells: set[tuple[int, int]] = set()
    if e.kind == "row":
        header = (headers or {}).get(e.line, ())
        if header:
            mentions_col, column_cells, date_only = _row_columns(doc, e, header, table, links)
            mentions.extend(mentions_col)
    for lo, hi in _entry_regions(doc, e):
        if column_cells:
            for a, b in _gaps(lo, hi, sorted(column_cells)):
                mentions.extend(scan_region(text, a, b, table, blank=links, row=True))
        else:
            mentions.extend(scan_region(text, lo, hi, table, blank=links, row=e.kind == "row"))
    for link in e.other_links:
        if link.kind == "image" and link.url_span is not None and "shields.io/badge/" in link.url:
            region = badge_region(text, link.url_span)
            if region is not None:
                body, lo, hi = region
                for v in scan_region(body, 0, len(body), table, forced="badge"):
                    mentions.append(_shift(v, lo))
    mentions.sort(key=lambda v: v.span.start if v.span else 0)
    url = url_venue(e.url, table)
    if url is None:
        for link in e.other_links:
            if link.kind != "image":
                url = url_venue(link.url, table)
                if url is not None:
                    break
    return EntryVenues(e.index, tuple(mentions), url, date_only and not mentions)


def _shift(v: Venue, by: int) -> Venue:
    import dataclasses

    def move(sp: Span | None) -> Span | None:
        return Span(sp.start + by, sp.end + by) if sp is not None else None

    return dataclasses.replace(v, span=move(v.span), name_span=move(v.name_span),
                               year_span=move(v.year_span))


def _gaps(lo: int, hi: int, cells: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    pos = lo
    for a, b in cells:
        if a > pos:
            yield pos, min(a, hi)
        pos = max(pos, b)
    if pos < hi:
        yield pos, hi


def _row_columns(doc: Document, e: Entry, header: tuple[str, ...], table: VenueTable,
                 links: list[Span]) -> tuple[list[Venue], set[tuple[int, int]], bool]:
    wanted = _VENUE_HEADERS | _YEAR_HEADERS | _DATE_HEADERS
    if not any(name in wanted for name in header):
        return [], set(), False
    src = doc.source
    line_start = src.line_start(e.line)
    line = src.line_text(e.line)
    cells = _split_cells(line)
    out: list[Venue] = []
    taken: set[tuple[int, int]] = set()
    year_cell = None
    date_cell = False
    for hi, name in enumerate(header):
        if hi < len(cells):
            a, b = cells[hi]
            if name in _YEAR_HEADERS and re.fullmatch(r"\s*(?:19|20)\d{2}\s*", line[a:b]):
                year_cell = int(line[a:b])
            if name in _DATE_HEADERS and _DATE_CELL.fullmatch(line[a:b]):
                date_cell = True
    for hi, name in enumerate(header):
        if name not in _VENUE_HEADERS or hi >= len(cells):
            continue
        a, b = cells[hi]
        lo, hi_ = line_start + a, line_start + b
        found = scan_region(doc.text, lo, hi_, table, forced="column", blank=links)
        taken.add((lo, hi_))
        for v in found:
            if v.year is None and year_cell is not None:
                import dataclasses

                v = dataclasses.replace(v, year=year_cell)
            out.append(v)
    return out, taken, date_cell


def document_venues(doc: Document, table: VenueTable | None = None) -> list[EntryVenues]:
    """The venues of every entry of ``doc``, in entry order."""
    table = table or load_table()
    headers = table_headers(doc) if any(e.kind == "row" for e in doc.entries) else {}
    return [entry_venues(doc, e, table, headers) for e in doc.entries]


def entry_venue(doc: Document, entry: Entry, table: VenueTable | None = None) -> Venue | None:
    """The venue of one entry: named in its text, else implied by its URL; None when there is
    none or only a preprint marker. (For many entries use :func:`document_venues`.)"""
    table = table or load_table()
    headers: dict[int, tuple[str, ...]] = {}
    if entry.kind == "row":
        headers = {entry.line: _header_above(doc, entry.line)}
    return entry_venues(doc, entry, table, headers).best


def _header_above(doc: Document, line: int) -> tuple[str, ...]:
    """The header of the table holding ``line``, found by walking up to the delimiter row."""
    src = doc.source
    n = line - 1
    while n > 1:
        t = src.line_text(n)
        if "-" in t and not t.strip(" \t|:-"):  # the delimiter row
            head = src.line_text(n - 1)
            return tuple(" ".join(head[a:b].strip().strip("*_").lower().split())
                         for a, b in _split_cells(head))
        if "|" not in t:
            break
        n -= 1
    return ()


def doc_venues_cached(doc: Document, memo: Memo, table: VenueTable) -> list[EntryVenues]:
    """:func:`document_venues`, computed once per document for all rules of a run."""
    return memo.get("venues.document", lambda: document_venues(doc, table), doc, table)


def loose_mentions(doc: Document, table: VenueTable) -> list[Venue]:
    """Venue mentions in list items that are not entries (an item whose title has no link:
    ``- [ ] [Title]: accepted by InfoCom'24``), for the spelling and year rules."""
    covered: set[int] = set()
    for e in doc.entries:
        covered.update(range(e.line, e.end_line + 1))
    out: list[Venue] = []
    link_spans = sorted((link.span for link in doc.links), key=lambda sp: sp.start)
    starts = [sp.start for sp in link_spans]
    import bisect

    for block in doc.text_blocks:
        if block.in_list and block.line not in covered:
            lo, hi = block.span.start, block.span.end
            k = bisect.bisect_left(starts, lo)
            blank = []
            while k < len(link_spans) and link_spans[k].start < hi:
                blank.append(link_spans[k])
                k += 1
            out.extend(scan_region(doc.text, lo, hi, table, blank=blank))
    return out


def uses_venues(found: Sequence[EntryVenues], settings: VenueSettings) -> bool:
    """Does the list use venues (config ``enabled``; auto: enough entries name one)?"""
    if settings.enabled == "on":
        return True
    if settings.enabled == "off":
        return False
    n = sum(1 for ev in found if ev.text is not None and ev.text.known)
    return n >= max(1, settings.min_entries)


# -- the file's notation ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FileNotation:
    """How this list writes venues: where, with which year form, after which phrase."""

    notation: str = "phrase"
    notation_share: float = 0.0
    year_style: str = "'YY"
    year_share: float = 0.0
    phrase: str = "accepted by"
    joiner: str = ", "
    separator: str = ": "
    total: int = 0
    spellings: Mapping[str, str] = field(default_factory=dict)  # canonical -> the list's own

    def render(self, v: Venue) -> str:
        """``v`` as this list would write it: its spelling of the venue, its year form."""
        return render_venue(self.spellings.get(v.name, v.name), v.year, v.qualifier,
                            self.year_style)


def file_notation(doc: Document, found: Sequence[EntryVenues]) -> FileNotation:
    notations: Counter[str] = Counter()
    styles: Counter[str] = Counter()
    phrases: Counter[str] = Counter()
    joiners: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = {}
    for ev in found:
        for v in ev.mentions:
            if not v.known or v.span is None:
                continue
            if v.status in ("canonical", "alias"):
                spelled.setdefault(v.name, Counter())[v.written] += 1
            notations[v.notation] += 1
            if v.year_style:
                styles[v.year_style] += 1
            if v.notation == "phrase" and v.phrase:
                phrases[v.phrase] += 1
                if v.lead:
                    joiners[v.lead] += 1
    seps: Counter[str] = Counter(e.separator for e in doc.entries if e.separator and e.kind == "item")
    total = sum(notations.values())
    notation, n = notations.most_common(1)[0] if notations else ("phrase", 0)
    style, ns = styles.most_common(1)[0] if styles else ("'YY", 0)
    return FileNotation(
        notation=notation, notation_share=n / total if total else 0.0, year_style=style,
        year_share=ns / sum(styles.values()) if styles else 0.0,
        phrase=phrases.most_common(1)[0][0] if phrases else "accepted by",
        joiner=joiners.most_common(1)[0][0] if joiners else ", ",
        separator=seps.most_common(1)[0][0] if seps else ": ", total=total,
        spellings={name: c.most_common(1)[0][0] for name, c in spelled.items()})


# -- URLs ------------------------------------------------------------------------------------
# every host _url_rules knows ends with one of these (a new venue host goes here too)
_VENUE_HOSTS = ("usenix.org", "mlr.press", "mlsys.org", "nips.cc", "neurips.cc", "icml.cc",
               "iclr.cc", "aclanthology.org", "thecvf.com", "computer.org", "ecva.net", "vldb.org",
               "jmlr.org", "ndss-symposium.org", "ijcai.org")
_WEB_HOST = re.compile(r"https?://([^/?#@:\[\]%]*)(?=[/?#]|$)")
# the URL patterns: few URLs get to them, compiled on first use (re caches them)
_VENUE_HOST = "(?i)" + "|".join(re.escape(host) for host in _VENUE_HOSTS)
_USENIX = r"/(?:conference|events)/([a-z]+?)-?(\d{2}|\d{4})(?:/|$)"
_PMLR = r"/v(\d{1,3})(?:/|$)"
_YEAR_PATH = r"/((?:19|20)\d{2})(?:/|$)"
_ANTH_NEW = r"/(\d{4})\.([a-z0-9\-]{1,40})\.\d+"
_ANTH_OLD = r"/([A-Z])(\d{2})-\d{4}"
_CVF = r"/content(?:_([a-z]+)_(\d{4})|/([A-Za-z]+)(\d{4})(W?))/"
_CSDL = r"/csdl/proceedings-article/([a-z0-9\-]+)/(\d{4})/"
_ECCV = r"/papers/eccv_(\d{4})/"
_PVLDB = r"/pvldb/vol(\d{1,2})/"
_JMLR = r"/papers/v(\d{1,2})/"
_NDSS = r"/ndss(\d{4})/"
_IJCAI = r"/proceedings/(\d{4})/"
#: PMLR volumes of ICML
ICML_VOLUMES = {37: 2015, 48: 2016, 70: 2017, 80: 2018, 97: 2019, 119: 2020, 139: 2021,
                162: 2022, 202: 2023, 235: 2024, 267: 2025}


def url_venue(url: str, table: VenueTable | None = None) -> Venue | None:
    """The venue a paper URL implies, without any network: ``usenix.org/conference/osdi24/…``
    -> OSDI'24. None when the URL does not tell (arXiv, OpenReview, dl.acm.org, a DOI)."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    split = _host_path(url)
    if split is None:
        return None
    host, path = split
    if host.startswith("www."):
        host = host[4:]
    table = table or load_table()
    found = _url_rules(host, path, table)
    if found is None:
        return None
    name, year, qualifier = found
    info = table.by_name.get(name.casefold())
    if info is None:
        return None
    evidence = (host + path)[:80]
    return Venue(info.name, year, qualifier, "url", None, "url", info.name, status="canonical",
                 kind=info.kind, evidence=evidence)


def _host_path(url: str) -> tuple[str, str] | None:
    """The lower-cased host and the path of a web URL as urlsplit gives them; None when the
    URL names no venue host (or is malformed).

    A plain URL (printable ASCII, no userinfo, port or IPv6 literal) is split by one regex
    and string methods, and only its host is compared with ``_VENUE_HOSTS``; any other URL
    must name one of them somewhere."""
    plain = _WEB_HOST.match(url) if url.isascii() and url.isprintable() else None
    if plain is not None:
        host = plain.group(1).lower()
        if not host.endswith(_VENUE_HOSTS):
            return None
        return host, url[plain.end():].partition("#")[0].partition("?")[0]
    if not re.search(_VENUE_HOST, url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return (parts.hostname or "").lower(), parts.path


def _by_code(table: VenueTable, kind: str, code: str) -> str | None:
    info = table.by_code.get((kind, code if kind == "anthology" and len(code) == 1
                              else code.casefold()))
    return info.name if info else None


def _year2(digits: str) -> int:
    return _year_value(digits)


def _url_rules(host: str, path: str, table: VenueTable) -> tuple[str, int | None, str] | None:
    if host == "usenix.org":
        m = re.search(_USENIX, path)
        if m:
            name = _by_code(table, "usenix", m.group(1))
            return (name, _year2(m.group(2)), "") if name else None
        return None
    if host == "proceedings.mlr.press":
        m = re.match(_PMLR, path)
        if m and int(m.group(1)) in ICML_VOLUMES:
            return "ICML", ICML_VOLUMES[int(m.group(1))], ""
        return None
    if host in ("proceedings.mlsys.org", "mlsys.org"):
        m = re.search(_YEAR_PATH, path)
        if "/tutorial" in path:
            return None
        return ("MLSys", int(m.group(1)) if m else None, "") if m else None
    if host in ("proceedings.neurips.cc", "papers.nips.cc", "papers.neurips.cc", "neurips.cc",
                "nips.cc"):
        if "/tutorial" in path or "/invited" in path:
            return None
        m = re.search(_YEAR_PATH, path)
        if not m:
            return None
        qualifier = "Workshop" if "/workshop" in path else ""
        return "NeurIPS", int(m.group(1)), qualifier
    if host in ("icml.cc", "iclr.cc"):
        m = re.search(_YEAR_PATH, path)
        if m and "/virtual/" in path and "/tutorial" not in path and "/workshop" not in path:
            return ("ICML" if host == "icml.cc" else "ICLR"), int(m.group(1)), ""
        return None
    if host == "aclanthology.org":
        m = re.match(_ANTH_NEW, path)
        if m:
            parts = m.group(2).split("-")
            qualifier = ""
            if parts[0] == "findings" and len(parts) == 2:
                event, track, qualifier = parts[1], "", "Findings"
            elif len(parts) == 2:
                event, track = parts
            else:
                return None
            name = _by_code(table, "anthology", event)
            if name is None:
                return None
            if track in ("srw", "demo", "tutorials", "industry") and not qualifier:
                qualifier = {"srw": "Workshop", "demo": "Demo", "tutorials": "Tutorial",
                             "industry": "Industry"}[track]
            return name, int(m.group(1)), qualifier
        m = re.match(_ANTH_OLD, path)
        if m:
            name = _by_code(table, "anthology", m.group(1))
            return (name, _year2(m.group(2)), "") if name else None
        return None
    if host == "openaccess.thecvf.com":
        m = re.match(_CVF, path)
        if m:
            code = m.group(1) or m.group(3)
            year = m.group(2) or m.group(4)
            name = _by_code(table, "cvf", code)
            return (name, int(year), "Workshop" if m.group(5) else "") if name else None
        return None
    if host == "computer.org":
        m = re.match(_CSDL, path)
        if m:
            name = _by_code(table, "csdl", m.group(1))
            return (name, int(m.group(2)), "") if name else None
        return None
    if host == "ecva.net":
        m = re.search(_ECCV, path)
        return ("ECCV", int(m.group(1)), "") if m else None
    if host == "vldb.org":
        m = re.match(_PVLDB, path)
        return ("VLDB", 2007 + int(m.group(1)), "") if m else None
    if host == "jmlr.org":
        m = re.match(_JMLR, path)
        return ("JMLR", 1999 + int(m.group(1)), "") if m else None
    if host == "ndss-symposium.org":
        m = re.match(_NDSS, path)
        return ("NDSS", int(m.group(1)), "") if m else None
    if host == "ijcai.org":
        m = re.match(_IJCAI, path)
        return ("IJCAI", int(m.group(1)), "") if m else None
    return None


def same_venue(a: Venue, b: Venue) -> bool:
    """Do two venues agree (same canonical venue; same year where both have one, VLDB ±1)?"""
    if a.name != b.name:
        return False
    if a.year is None or b.year is None:
        return True
    slack = 1 if a.name in ("VLDB", "SIGMOD") else 0
    return abs(a.year - b.year) <= slack


# -- reporting -----------------------------------------------------------------------------
def venue_json(v: Venue | None) -> dict[str, Any] | None:
    """``{name, year, qualifier, source}`` for ``listlint entries``; None without a venue."""
    if v is None:
        return None
    return {"name": v.name, "year": v.year, "qualifier": v.qualifier or None, "source": v.source}


@dataclass(frozen=True, slots=True)
class VenueRow:
    """One line of ``listlint venues``."""

    line: int
    title: str
    url: str
    venue: str  # "OSDI'24", "" when none
    name: str
    year: int | None
    qualifier: str
    source: str  # text | url | lookup | lookup? (not confident) | preprint | ""
    evidence: str


def venue_rows(doc: Document, found: Sequence[EntryVenues], looked: Mapping[int, Any],
               show_all: bool = False) -> list[VenueRow]:
    """The table of ``listlint venues``: each entry's venue and where it comes from."""
    rows = []
    for ev in found:
        e = doc.entries[ev.entry]
        v = ev.text or ev.url
        source = v.source if v is not None else ""
        evidence = (v.written if v is not None and v.source == "text" else
                    v.evidence if v is not None else "")
        name, year, qualifier = (v.name, v.year, v.qualifier) if v is not None else ("", None, "")
        f = looked.get(ev.entry)
        if v is None and f is not None and f.venue and not f.preprint:
            name, year, qualifier = f.venue, f.year, ""
            source = "lookup" if f.confident else "lookup?"
            evidence = f"{f.service}: {f.evidence}"
        elif v is None and (ev.preprint is not None or ev.date_only or
                            (f is not None and f.preprint)):
            p = ev.preprint
            name, year = "arXiv", p.year if p is not None else None
            source = "preprint"
            evidence = p.written if p is not None else (f"{f.service}: {f.evidence}" if f else
                                                       "date column")
        if not source and not show_all:
            continue
        label = render_venue(name, year, qualifier) if name else ""
        rows.append(VenueRow(e.line, e.title, e.url, label, name, year, qualifier, source,
                             evidence))
    return rows
