"""The venue table: every known venue and every way lists write it.

The built-in venues live in ``listlint/data/venues.json``, one venue per line, read once per
process. Each venue is an object with these keys (all but ``name`` optional):

- ``name``: the canonical spelling (what LL301 fixes to);
- ``aliases``: other accepted names, never reported (PVLDB, USENIX OSDI, TheWebConf);
- ``variants``: spellings that are reported and fixed to ``name`` (typos, case drift). Case
  drift of ``name`` or of an alias (MLSYS, Eurosys) is a variant without being listed; typos
  one letter away (SIDMOD) are found in a venue position;
- ``old``: ``{name, until}``, a former name, correct up to and including year ``until`` (kept
  when ``[tool.listlint.venues] keep-old-names = true``);
- ``kind``: conf, journal, workshop or preprint; ``area``: a rough field, for reports;
- ``dblp``: DBLP streams (``conf/osdi``); the short key (``osdi``) is accepted in table columns;
- ``full``: the full name, to match look-up answers;
- ``position``: forms that are ordinary words or too short to be sure: they count as a venue
  only in a venue position (after "accepted by", in brackets, a badge, a venue column, or with
  a year written in the canonical case);
- ``usenix``, ``anthology``, ``csdl``, ``cvf``: the venue's code in
  ``usenix.org/conference/<code>24``, ``aclanthology.org/2024.<code>-main.1``,
  ``computer.org/csdl/proceedings-article/<code>/``, ``openaccess.thecvf.com/content/<code>2023/``.

The config extends or overrides it with the same keys: ``[tool.listlint.venues] extra =
{ "MyConf" = ["MYCONF"] }`` (a list is the aliases) or a table per venue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from listlint import data_text

#: words that mark a preprint (``(preprint)``) without naming arXiv
PREPRINT_WORDS = frozenset({"preprint"})


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
        single = frozenset(k for k in self.forms if " " not in k) | PREPRINT_WORDS
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
    """The venues of ``data/venues.json``, read once."""
    import json

    return tuple(_info_from(v["name"], v) for v in json.loads(data_text("venues.json")))


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
