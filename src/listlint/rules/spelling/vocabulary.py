"""What counts as a word of one list: English, its own vocabulary, regular derivations.

A list's own words are the ones it uses twice or more, ``words = [...]`` from the config, the
words of its URLs and code spans, and a short list of technical words
(``data/spelling_words.txt``). A word derived from a known one by a regular suffix or prefix
(``profiler``, ``customisable``) and two common words written as one (``frontend``) count
too. British and American spellings, and inflections of one stem, are the same word.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path

from listlint.rules.spelling.english import Pool, english
from listlint.rules.spelling.limits import COMMON, FREQUENT, MIN_LENGTH

TECHNICAL_WORDS = Path(__file__).with_name("data") / "spelling_words.txt"

_URL_WORD = re.compile(r"[A-Za-z]{4,}")
_LETTER_RUN = re.compile(r"[A-Za-z]+")
_CASE_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")
_SUFFIXES = ("'s", "s", "es", "ed", "d", "ing", "ly", "ness", "ment", "ments", "ation",
             "ations", "able", "ize", "izes", "ized", "izing", "ization", "ise", "ised",
             "less", "ful", "ity", "ities", "ist", "ists", "al", "ally", "ic", "ics", "or",
             "ors", "er", "ers", "ive", "ively")
_PREFIXES = ("un", "re", "pre", "non", "co", "multi", "sub", "de", "dis", "over", "under",
             "inter", "intra", "micro", "auto", "semi", "super", "hyper", "mis", "post",
             "cross", "self", "meta", "up", "down", "out", "in", "im", "ir", "il", "anti",
             "mega", "mini", "bi", "tri", "mono", "poly", "uni", "hetero", "homo")
_SUFFIXES_BY_LAST: dict[str, tuple[str, ...]] = {}  # the suffixes a word's last letter allows
for _s in _SUFFIXES:
    _SUFFIXES_BY_LAST[_s[-1]] = (*_SUFFIXES_BY_LAST.get(_s[-1], ()), _s)
_PREFIXES_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _s in _PREFIXES:
    _PREFIXES_BY_FIRST[_s[0]] = (*_PREFIXES_BY_FIRST.get(_s[0], ()), _s)


def is_checkable(text: str) -> bool:
    """Not ALLCAPS, not CamelCase/mixedCase, at least two letters: a word spelling applies to."""
    if len(text) < 2 or text.isupper():
        return False
    return text.islower() or not _CAMEL.search(text)


def match_case(template: str, word: str) -> str:
    """``word`` written with the case of ``template`` (lower, Title or UPPER)."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def base_form(text: str) -> str:
    """Lowercase, without a possessive or contraction ending."""
    lw = text.lower().replace("’", "'")
    if "'" not in lw:
        return lw
    base, _, tail = lw.partition("'")
    return base if tail == "s" else ""  # a contraction (doesn't, we're) is left alone



class Vocabulary:
    """What counts as a known word for one document."""

    def __init__(self, counts: Counter[str], allowed: set[str], known_count: int,
                 elsewhere: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        self.counts = counts
        self.elsewhere = elsewhere
        self.allowed = allowed
        self.known_count = known_count
        self.english = english()
        self._frequent: dict[str, list[str]] | None = None
        self._frequent_pools: dict[str, Pool] = {}

    def in_dictionary(self, lw: str) -> bool:
        """An English word, an allowed word, or a regular derivation of one."""
        if lw in self.english or lw in self.allowed:
            return True
        us = american(lw)
        if us != lw and (us in self.english or self._derived(us)):
            return True  # British spelling: "analysing", "organisations"
        return self._derived(lw) or self._compound(lw)

    def _compound(self, lw: str) -> bool:
        """Two well-known words written as one: ``datetime``, ``frontend``, ``deadcode``."""
        for i in range(3, len(lw) - 2):
            if self._solid(lw[:i]) and self._solid(lw[i:]):
                return True
        return False

    def _solid(self, part: str) -> bool:
        return self.english.get(part, 0) >= COMMON or self.counts[part] >= FREQUENT

    def frequent(self, initial: str) -> list[str]:
        """The file's frequent words (suggestion targets) starting with ``initial``."""
        if self._frequent is None:
            self._frequent = {}
            for w, c in self.counts.items():
                if c >= FREQUENT and len(w) >= MIN_LENGTH - 1:
                    self._frequent.setdefault(w[0], []).append(w)
        return self._frequent.get(initial, [])

    def frequent_pool(self, initial: str) -> Pool:
        """:meth:`frequent` as a :class:`Pool`."""
        got = self._frequent_pools.get(initial)
        if got is None:
            got = self._frequent_pools[initial] = Pool.of(self.frequent(initial))
        return got

    def repeated(self, lw: str) -> bool:
        """Used often enough (a URL of the file counts as one use) to be the file's own word."""
        return self.counts[lw] + (lw in self.elsewhere) >= self.known_count

    def _base_known(self, base: str) -> bool:
        return len(base) >= 3 and (base in self.english or base in self.allowed
                                   or self.counts[base] > 0)

    def _derived(self, lw: str) -> bool:
        for suffix in _SUFFIXES_BY_LAST.get(lw[-1:], ()):
            if lw.endswith(suffix) and len(lw) - len(suffix) >= 3:
                base = lw[: -len(suffix)]
                if self._base_known(base) or self._base_known(base + "e"):
                    return True
                if len(base) >= 4 and base[-1] == base[-2] and self._base_known(base[:-1]):
                    return True  # planning -> plan
                if base.endswith("i") and self._base_known(base[:-1] + "y"):
                    return True  # studies -> study
        for prefix in _PREFIXES_BY_FIRST.get(lw[:1], ()):
            if lw.startswith(prefix) and len(lw) - len(prefix) >= 4:
                rest = lw[len(prefix):].lstrip("-")
                if rest in self.english or rest in self.allowed or self.counts[rest] > 0:
                    return True
        return False


@lru_cache(maxsize=1)
def technical_words() -> frozenset[str]:
    """Correct technical words the English list lacks (``data/spelling_words.txt``)."""
    text = TECHNICAL_WORDS.read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def token_parts(texts: Iterable[str]) -> set[str]:
    """The lowercase words of some tokens, split at anything that is not a letter and at
    case changes (``OpenSSL/gost-engine`` -> ``open``, ``ssl``, ``gost``, ``engine``, and the
    whole run ``openssl``), three letters or more."""
    return _parts_of(_distinct_matches(_LETTER_RUN, texts))


def _parts_of(runs: set[str]) -> set[str]:
    """:func:`token_parts` of the distinct letter runs of some texts."""
    found = {r.lower() for r in runs}
    for run in runs:
        if not run.islower() and not run.isupper():
            found.update(p.lower() for p in _CASE_PART.findall(run))
    return {w for w in found if len(w) >= 3}


def url_words(urls: Iterable[str]) -> set[str]:
    """The words of some URLs (``github.com/deepseek-ai/...`` -> ``deepseek``)."""
    return {m.lower() for m in _distinct_matches(_URL_WORD, urls)}


def url_words_and_parts(urls: Iterable[str]) -> tuple[set[str], set[str]]:
    """``url_words(urls), token_parts(urls)``, the URLs read once (a batch at a time)."""
    words: set[str] = set()
    runs: set[str] = set()
    for batch in _batches(urls):
        joined = "\n".join(batch)
        words.update(_URL_WORD.findall(joined))
        runs.update(_LETTER_RUN.findall(joined))
    return {m.lower() for m in words}, _parts_of(runs)


_BATCH = 4096  # texts joined and searched at a time...
_BATCH_CHARS = 1 << 20  # ...while they hold no more characters than this


def _distinct_matches(pattern: re.Pattern[str], texts: Iterable[str]) -> set[str]:
    """The distinct matches of ``pattern`` (which never matches a newline) in ``texts``,
    searched a batch at a time: a huge list's URLs are never all joined into one string,
    nor all their matches listed at once."""
    found: set[str] = set()
    for batch in _batches(texts):
        found.update(pattern.findall("\n".join(batch)))
    return found


def _batches(texts: Iterable[str]) -> Iterator[list[str]]:
    """``texts`` in batches of at most :data:`_BATCH` texts and, unless one text is longer,
    :data:`_BATCH_CHARS` characters."""
    rest = iter(texts)
    while batch := list(islice(rest, _BATCH)):
        if sum(map(len, batch)) <= _BATCH_CHARS:
            yield batch
            continue
        part: list[str] = []  # long texts (code spans): a batch cut by characters
        size = 0
        for t in batch:
            if part and size + len(t) > _BATCH_CHARS:
                yield part
                part, size = [], 0
            part.append(t)
            size += len(t)
        yield part


def spelling_variant(a: str, b: str) -> bool:
    """British and American spellings of one word (``rigour``/``rigor``, ``-ise``/``-ize``)."""
    return american(a) == american(b)


def american(word: str) -> str:
    if "our" not in word and not word.endswith(_VARIANT_ENDINGS):
        return word  # no pattern of _VARIANTS can match
    for pattern, repl in _VARIANTS:
        word = pattern.sub(repl, word)
    return word


_VARIANTS = tuple((re.compile(p), r) for p, r in (
    (r"our", "or"), (r"is(e|es|ed|ing|ation|ations|er|ers|able|ably)$", r"iz\1"),
    (r"ys(e|ed|es|ing|er|ers)$", r"yz\1"),
    (r"tre(s?)$", r"ter\1"), (r"ll(ed|ing|er|ers)$", r"l\1"), (r"ogue$", "og"),
))
# the endings the patterns after the first need
_VARIANT_ENDINGS = tuple(
    [f"is{e}" for e in ("e", "es", "ed", "ing", "ation", "ations", "er", "ers", "able", "ably")]
    + [f"ys{e}" for e in ("e", "ed", "es", "ing", "er", "ers")]
    + ["tre", "tres", "lled", "lling", "ller", "llers", "ogue"])


def inflection_pair(a: str, b: str) -> bool:
    """Two forms of one stem (``model``/``models``, ``serve``/``served``)."""
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and long_[len(short):] in ("s", "es", "d", "ed", "r", "er", "ly",
                                                          "ing", "y", "al"):
        return True
    stem = os.path.commonprefix([a, b])
    ends = {a[len(stem):], b[len(stem):]}
    if ends == {"", "e"} and len(a) < len(b):
        return False  # "Inferenc": a dropped final e is a slip, not another form
    return len(stem) >= 3 and (ends <= _ENDINGS or ends in ({"t", "ce"}, {"t", "cy"}))


_ENDINGS = frozenset({"", "s", "es", "d", "ed", "e", "ing", "er", "r", "y", "ies", "ied", "al",
                      "ic", "ly"})
