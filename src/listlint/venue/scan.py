"""Finding venue mentions in a piece of text: the scanner of the venues family, ``add`` and
the look-up.

A paper list says where a paper appeared in many ways: ``accepted by OSDI'24`` at the end of a
description, ``[OSDI'22]`` before the link, ``| OSDI' 24`` after a pipe, ``(SOSP2019)``,
``**OSDI'24**``, a shields.io badge or a Venue column. :func:`scan_region` finds every mention
of a known venue (and typos of one in a venue position) in a region of the document: a
:class:`~listlint.venue.mention.Venue` with the exact spans of the name and the year,
the notation and the year form. Short or ordinary words (``SC``, ``ATC``, ``FAST``,
``Security``) count only in a venue position. Preprint markers (``arXiv'23``, ``[arxiv]``,
``(preprint)``) are a state of their own, not a venue.

The scanner is a word tokenizer plus dictionary look-ups and short anchored regexes: linear in
the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from listlint.model import Span
from listlint.venue.mention import Venue, year_value
from listlint.venue.table import PREPRINT_WORDS, Form, VenueTable

QUALIFIERS = ("Workshop", "Workshops", "Findings", "Oral", "Spotlight", "Poster", "Demo",
              "Short", "Long", "Industry", "Highlight", "Main", "Best Paper", "Tutorial")
_QUAL_CANON = {q.casefold(): q for q in QUALIFIERS}

# -- regular expressions (all anchored or with bounded repetition) ---------------------------
_WORD = re.compile(r"[A-Za-z][A-Za-z&]*")
_YEAR = re.compile(
    r"(?P<q>[ \t]{0,2}['’‘`´][ \t]?)(?P<yq>\d{4}|\d{2})(?![\d])"
    # "SIGIR, 2019." and "(NeurIPS, 2024)" too: after a comma, only a year that ends the
    # clause ("at SIGIR, 2000 queries" and "NAACL, 2019-2024" are no venues)
    r"|(?P<sp>,[ \t]?(?=(?:19|20)\d{2}[ \t]*(?:[\n.;,)\]）|*_<]|\Z))|[ \t\-]?)"
    r"(?P<y4>(?:19|20)\d{2})(?![\d])"
    r"|(?P<g>-?)(?P<y2>\d{2})(?![\d.,]\d)(?![\d])"
)
_MONTH = re.compile(r"[.\-/](?:0?[1-9]|1[0-2])(?![\d.])")  # 2025.06: the month after a year
_BAD_YEAR = re.compile(r"[ \t]?['’‘`][ \t]?(?P<bad>(?=[A-Za-z\-]{0,12}\d)[A-Za-z0-9][A-Za-z0-9\-]{0,23})")
_QUAL_AFTER = re.compile(
    r"(?P<pre>[ \t]{0,2}\(?[ \t]?|[ \t]?-[ \t]?)"
    r"(?P<q>workshops?|findings|oral|spotlight|poster|demo|short|long|industry|highlight|main"
    r"|best[ \t]paper|tutorial)\b(?P<post>[ \t]?\))?",
    re.I,
)
_PARENS = (("(", ")"), ("\uff08", "\uff09"))  # and the full-width ones of CJK text: （AAAI 2024）
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
        if written.casefold() in PREPRINT_WORDS:
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
        qm = _QUAL_AFTER.match(s, pos, self.hi)
        if qm and qm.group("q").lower() in ("findings", "workshop", "workshops") and \
                not qm.group("post") and "(" not in qm.group("pre"):
            after = qm.end()
            ym = _YEAR.match(s, after, self.hi)
            if ym:  # "EMNLP Findings 2023"
                qualifier = _QUAL_CANON[qm.group("q").casefold()]
                pos = after
        y = self._year_at(pos)
        pos = y.end
        if not qualifier:
            if pos != end:  # else the match above stands
                qm = _QUAL_AFTER.match(s, pos, self.hi)
            # "EMNLP 2023 (Findings)": the qualifier's own parentheses; in "(ACL 2022
            # Findings)" the ")" closes the venue's, and stays out of the mention
            own = qm is not None and "(" in qm.group("pre") and bool(qm.group("post"))
            if qm and (y.value is not None or self.forced or own):
                qualifier = _QUAL_CANON.get(re.sub(r"\s+", " ", qm.group("q")).casefold(), "")
                pos = qm.end() if own or "(" in qm.group("pre") else qm.end("q")
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
        if notation == "pipe" and self.row:
            notation = "bare"  # a table cell, not the pipe notation
        if not _stands(form, written, notation, y, before):
            return None
        span = self.sp(mstart, pos)
        return Venue(
            name=info.name, year=y.value, qualifier=qualifier, source="text", span=span,
            notation=notation, written=written, name_span=self.sp(start, end), year_span=y.span,
            year_style=y.style, status=form.status, kind=info.kind, phrase=phrase,
            lead=lead, clause=clause, malformed=y.malformed)

    def _year_at(self, pos: int) -> _Year:
        """The year written at ``pos``, right after the venue's name (or its qualifier)."""
        s = self.s
        ym = _YEAR.match(s, pos, self.hi)
        if ym:
            style, digits, yend = _year_style(ym)
            value = year_value(digits)
            quoted = bool(ym.group("q"))
            if _plausible(value):
                mm = _MONTH.match(s, yend, self.hi) if ym.group("y4") else None
                end = mm.end() if mm else yend  # the month stays out of the year's span
                return _Year(value, style, "", self.sp(pos, yend), end, True, quoted)
            if ym.group("yq") is not None:  # OSDI'56: meant as a year, but is not one
                return _Year(None, "", s[pos:yend].strip(" '’`"), self.sp(pos, yend), yend, True,
                             quoted)
            return _Year(end=pos)  # MICRO-56 is an edition number, not a year
        bm = _BAD_YEAR.match(s, pos, self.hi)
        if bm:
            return _Year(None, "", bm.group("bad"), self.sp(pos, bm.end()), bm.end())
        return _Year(end=pos)

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
        if (prev, nxt) in _PARENS:
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
            out.append(Venue(written, year_value(digits), "", "text", self.sp(start, yend), "phrase",
                             written, self.sp(start, end), self.sp(end, yend), style, "unknown",
                             "conf", " ".join(m.group(0)[: m.start(1) - m.start()].lower().split())))
        return out


@dataclass(frozen=True, slots=True)
class _Year:
    """What stands as a venue's year after its name."""

    value: int | None = None
    style: str = ""
    malformed: str = ""  # the year text when it is not a year ("October-2023")
    span: Span | None = None
    end: int = 0  # where the year ends (where it would start, when there is none)
    matched: bool = False  # a year or a quoted number that is meant as one
    quoted: bool = False  # written with a quote ('24)


def _stands(form: Form, written: str, notation: str, y: _Year, before: str) -> bool:
    """Is a known name at this place a venue at all? A bare name needs a year; a name that is
    an ordinary word (``position``) needs a venue position; a typo in the open needs a quoted
    year; a submission ("submitted to") is no venue."""
    info = form.info
    has_year = y.value is not None or bool(y.malformed)
    position_form = written in info.position or form.text in info.position or \
        any(written.casefold() == p.casefold() for p in info.position)
    if notation == "bare":
        if not has_year:
            return False
        if position_form and (written not in info.position or not y.matched):
            return False
    elif position_form and notation not in ("phrase", "badge", "column") and not has_year:
        return False
    if position_form and notation != "column" and not written[:1].isupper():
        return False
    if form.status == "typo" and notation == "bare" and not y.quoted:
        return False
    return notation in ("badge", "column") or not (
        _may_hold(before, _FUTURE_STEMS) and _FUTURE_PHRASE.search(before))


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


_NOT_ACCEPTED = re.compile(r"\b(?:submitted|under\s+review|in\s+review|submission|preprint\s+of)\b",
                           re.I)


def accepted_venue(text: str, table: VenueTable) -> Venue | None:
    """The known venue an author's note says a paper appeared at ("Accepted by OSDI'24"; an
    arXiv comment, a Crossref or OpenReview venue, ``listlint add --venue``), unless it speaks
    of a submission or a review."""
    text = " ".join(text.split())
    if not text or _NOT_ACCEPTED.search(text):
        return None
    return next((v for v in scan_region(text, 0, len(text), table)
                 if not v.preprint and v.known), None)
