"""Words a spelling rule must leave alone although they look like prose: people's names,
pieces of words cut by markup, short abbreviations.

Asked only of the few words a spelling rule is about to report, so none of it costs anything
on a clean list.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from listlint.document.prose import Word

_AFTER_PERIOD = re.compile(r"[ \t]+([a-z0-9])?")
# a word cut out of a longer one by emphasis or a tag: a letter on the other side of the
# markup (group 1), or a tag's debris ("strongbr>", group 2)
_MARKUP_BEFORE = re.compile(r"(?:([A-Za-z])(?:[*_~]+|</?[A-Za-z][^<>\n]{0,30}>)|(<\/?))$")
_MARKUP_AFTER = re.compile(r"(?:[*_~]+|</?[A-Za-z][^<>\n]{0,30}>)([A-Za-z])|(/?>)")


class Asides:
    """The words of one document's text that are no prose after all."""

    __slots__ = ("text", "_people", "_aside")

    def __init__(self, text: str) -> None:
        self.text = text
        self._people: dict[int, list[tuple[int, int]]] = {}  # line start -> names in it
        self._aside: dict[tuple[int, int], bool] = {}  # (start, end) of a word -> set aside

    def set_aside(self, w: Word) -> bool:
        """Is ``w`` no word of prose after all: a piece of a word cut by markup (``**Y**et
        **A**nother``, ``<b>T</b>ransformers``), glued to a broken tag (``strongbr>``), or
        part of a person's name? Asked only of the words a spelling rule would report
        (twice for most: the answer is kept)."""
        key = (w.start, w.end)
        got = self._aside.get(key)
        if got is None:
            got = self._aside[key] = \
                self.cut_by_markup(w) or self.abbreviation(w) or self.in_people(w)
        return got

    def abbreviation(self, w: Word) -> bool:
        """A short word with a period that ends no sentence: ``excl. HTTP`` inside
        parentheses, ``approx. 5``, ``incl. tax``."""
        text = self.text
        if w.end - w.start > 5 or not text.startswith(".", w.end):
            return False
        after = _AFTER_PERIOD.match(text, w.end + 1)
        if after is not None and after.group(1):
            return True  # "approx. 5", "esp. for"
        line_start = text.rfind("\n", 0, w.start) + 1
        line_end = text.find("\n", w.end)
        line_end = len(text) if line_end == -1 else line_end
        return text.count("(", line_start, w.start) > text.count(")", line_start, w.start) \
            and text.find(")", w.end, line_end) != -1

    def cut_by_markup(self, w: Word) -> bool:
        text = self.text
        before = _MARKUP_BEFORE.search(text, max(0, w.start - 40), w.start)
        if before is not None and (before.group(1) or before.group(2)):
            return True
        after = _MARKUP_AFTER.match(text, w.end)
        return after is not None and bool(after.group(1) or after.group(2))

    def in_people(self, w: Word) -> bool:
        """Is ``w`` part of a person's name (an author line, ``by A. Name``, ``X et al.``)?
        Asked only of the few words a spelling rule is about to report."""
        text = self.text
        start = text.rfind("\n", 0, w.start) + 1
        spans = self._people.get(start)
        if spans is None:
            end = text.find("\n", w.start)
            spans = self._people[start] = people_spans(text[start:end if end >= 0 else len(text)])
        return any(a <= w.start - start and w.end - start <= b for a, b in spans)



# -- people's names ---------------------------------------------------------------------------
# An author line (``*A. Name, B. Name*``, ``Authors: ...``, ``- Ofer Meshi, Elad Eban, ...``),
# the names after ``by`` / ``Prof.`` / ``@`` or before ``et al.`` are not prose: their words
# are names, never typos. The line of a word is cut into *items* at commas, semicolons,
# brackets, table bars, `` - `` and ``and``; a run of two or more name-like items is a list
# of people.
_ITEM_CUT = re.compile(r",|;|\|+|\(|\)|\[|\]|\s[-–—]\s|\s(?:and|&)\s|\s{2,}|\\$|:\s")
_JOINS = re.compile(r",|;|\s(?:and|&)\s")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>")
_LINK_DEST = re.compile(r"\]\([^)\s]*\)|<[^<>\n]{0,300}>|https?://\S+")
_PERSON_LEAD = re.compile(
    r"(?:\b(?:by|[Aa]uthors?|[Pp]rof|[Dd]r|[Ii]nstructors?|[Ll]ecturers?|[Ss]peakers?)\.?:?\s+|@)"
    r"((?:[A-Z][\w'’.-]*\s*){1,4})"
)
# "X. Name et al.", "Ziheng Huang (University of California) et al."
_ET_AL = re.compile(r"((?:[A-Z][\w'’.-]*\s+){1,4})(?:\([^()\n]{1,80}\)\s*)?et\s+al\b")
_LEAD_HINTS = ("by", "uthor", "rof", "Dr", "dr", "nstructor", "ecturer", "peaker")  # of _PERSON_LEAD
_AFFIX = "*_^0123456789†‡§¶#"  # emphasis, masked tags, footnote marks around a name
_BULLETS = frozenset(("-", "+", "•", "·", ">"))
_LEADS = frozenset(("prof", "dr", "by", "authors", "author"))
_PARTICLES = frozenset("de da van von der den del della di du la le bin al el dos das ter".split())
_NOT_NAMES = frozenset(
    "a an the of to in on for with and or is are by as at from via using based towards".split())


def _name_token(tok: str, lower_ok: bool) -> bool:
    """A token of a person's name: ``Lucas``, ``J.``, ``Jean-Baptiste``, ``Ré``, ``van``."""
    core = tok.strip("*_.'’\"")
    if not core:
        return False
    if core in _PARTICLES:
        return True
    if len(core) <= 2 and core[0].isupper() and tok.endswith("."):
        return True  # an initial
    if not core.replace("-", "").replace("'", "").replace("’", "").isalpha():
        return False
    if core[0].isupper():
        return not core.isupper() or len(core) <= 2  # "NVIDIA" is an organisation
    return lower_ok and "-" not in core and core.lower() not in _NOT_NAMES


def _name_item(item: str, lower_ok: bool) -> bool:
    tokens = [s for t in item.split() if (s := t.strip(_AFFIX)) and s not in _BULLETS]
    if tokens and tokens[0].rstrip(".:").lower() in _LEADS:
        tokens = tokens[1:]
    if not 1 <= len(tokens) <= 5:
        return False
    for t in tokens:
        if not _name_token(t, lower_ok):
            return False
    return any(len(t.strip(".")) >= 2 for t in tokens)


# what a line needs to hold any name: a join between two items (a run of names has two),
# or a lead (``by``, ``Prof.``, ``@``...) or ``et al`` (a superset of the two patterns); the
# one-character joins and ``by`` are looked for first, without a pattern (twice as fast)
_MAY_NAME = re.compile(r"\sand\s|[Aa]uthor|[Pp]rof|[Dd]r|[Ii]nstructor|[Ll]ecturer|[Ss]peaker"
                       r"|et\s+al")


def _may_name(line: str) -> bool:
    return "," in line or ";" in line or "&" in line or "@" in line or "by" in line \
        or _MAY_NAME.search(line) is not None


def _name_patterns(masked: str) -> list[re.Pattern[str]]:
    """Which of the two patterns can match ``masked`` at all (the literal words each needs,
    looked for first: the patterns themselves try every capital letter)."""
    out = []
    if "@" in masked or any(k in masked for k in _LEAD_HINTS):
        out.append(_PERSON_LEAD)
    if "et" in masked and "al" in masked:
        out.append(_ET_AL)
    return out


def people_spans(line: str) -> list[tuple[int, int]]:
    """The stretches of one line that are people's names (offsets into ``line``)."""
    if not _may_name(line):
        return []  # masking only takes characters away: the masked line holds none either
    masked = line
    if "<" in line:  # what the two patterns need, checked first: most lines hold no tag
        masked = _HTML_TAG.sub(lambda m: "^" * len(m.group()), masked)  # "Wu<sup>1</sup>"
    if "](" in masked or "<" in masked or "http" in masked:
        masked = _LINK_DEST.sub(lambda m: "|" * len(m.group()), masked)
    items: list[tuple[int, int, bool]] = []  # (start, end, joined to the item before)
    pos, joined = 0, False
    for m in _ITEM_CUT.finditer(masked):
        items.append((pos, m.start(), joined))
        pos, joined = m.end(), _JOINS.fullmatch(m.group()) is not None
    items.append((pos, len(masked), joined))
    items = [(a, b, j) for a, b, j in items if masked[a:b].strip(" *_.\t")]
    # an all-lowercase author line ("da xu, chuanwei ruan, evren korpeoglu"): every item of
    # the line is a name then, not only some of a sentence's ("open-ended generation, ...")
    lower_ok = len(items) >= 3 and all(_name_item(masked[a:b], True) for a, b, _ in items)
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for a, b, j in [*items, (-1, -1, False)]:
        name = a >= 0 and _name_item(masked[a:b], lower_ok)
        lead = name and masked[a:b].strip(" " + _AFFIX).split()[0].rstrip(".:").lower() in _LEADS
        if name and not lead and (j or not run):
            run.append((a, b))
            continue
        full = sum(len(masked[x:y].strip(_AFFIX + " ").split()) >= 2 for x, y in run)
        if full >= 2 and 2 * full > len(run):  # people have first and last names
            out += run
        run = [(a, b)] if name else []
    for pattern in _name_patterns(masked):
        for m in pattern.finditer(masked):
            out.append(m.span(1))
            if pattern is _ET_AL:
                continue
            # "by Ziv Bar-Joseph, Eric Xing": the names joined to the first one
            k = next((k for k, (a, b, _) in enumerate(items) if a <= m.start(1) < b), len(items))
            for a, b, j in items[k + 1:]:
                if not (j and _name_item(masked[a:b], lower_ok)):
                    break
                out.append((a, b))
    return out
