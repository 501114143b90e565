"""Spelling: known misspellings from maintained dictionaries, novel typos from the list itself.

Three sources of knowledge, none of them typed by us:

* **typos** (the ``typos`` PyPI package: a Rust binary with an MIT/Apache dictionary of
  known misspellings). All candidate words of a document go to one ``typos -`` call on
  standard input, one word a line, and come back as JSON lines; results are cached for the
  process, so a fix loop or a second file costs little.
* **codespell's dictionary**, only when ``[tool.listlint.spelling] codespell = true`` and
  codespell is installed: its ``dictionary.txt`` is *read* at run time (CC BY-SA 3.0 data; the
  GPL code is never imported and nothing is copied into listlint).
* **An English word list with frequencies**: the English dictionary of the
  ``pyspellchecker`` package (MIT), shipped with listlint (``data/english-words.json.gz``,
  with its licence, so that no private file of another package is read): about 160,000 words with
  their frequency in a large corpus, American and British spellings, so it tells common words
  (suggestion targets) from rare ones, and it holds no misspellings.

A *novel* misspelling is a word that neither the English list nor the document knows (the
document knows every word it uses twice or more, and ``words = [...]`` from the config) and
that lies within a small Damerau distance (optimal string alignment: 1, or 2 for words of eight
letters or more) of a word the document uses often or of a common English word.
"""

from __future__ import annotations

import bisect
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from listlint.prose import Prose, Word

if TYPE_CHECKING:
    import mmap
    import subprocess

    from listlint.net.store import Shelf

TYPOS_TIMEOUT = 20.0  # seconds for one typos call
# English frequencies (pyspellchecker's counts): a suggestion target must be at least this common
COMMON = 1_000  # about the 19,000 most frequent words
COMMON_STRICT = 3_000  # about the 10,000 most frequent: titles, headings, link texts, names
COMMON_SHORT = 20_000  # about the 3,000 most frequent: words of five letters or fewer
FREQUENT = 3  # a document word used this often is a suggestion target
MIN_LENGTH = 4  # shorter words are never novel misspellings
RARE = 5  # a word used this often is never a novel misspelling
JOINED_MIN = 6  # shorter parts of hyphenated compounds are never novel misspellings
DOMINANT = 20  # a repeated word is a slip if a neighbour is used this many times more often

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


# -- the English word list ----------------------------------------------------------------
class _Pool:
    """The suggestion targets of one initial, by length, each length sorted and split into
    words on first use: those of some lengths (and a two-letter prefix) are found without
    looking at the others."""

    __slots__ = ("_joined", "_split")

    def __init__(self, joined: Mapping[int, str]) -> None:
        self._joined = joined  # length -> "word\nword..." (sorted)
        self._split: dict[int, tuple[str, ...]] = {}

    @classmethod
    def of(cls, words: Iterable[str]) -> _Pool:
        by_length: dict[int, list[str]] = {}
        for w in sorted(words):
            by_length.setdefault(len(w), []).append(w)
        pool = cls({})
        pool._split = {n: tuple(ws) for n, ws in by_length.items()}
        return pool

    def joined(self) -> dict[int, str]:
        """The words of each length, one a line (what the pool is made from)."""
        return {**self._joined, **{n: "\n".join(ws) for n, ws in self._split.items()}}

    def sized(self, n: int) -> tuple[str, ...]:
        """The words of ``n`` letters, sorted."""
        got = self._split.get(n)
        if got is None:
            text = self._joined.get(n)
            got = self._split[n] = tuple(text.split("\n")) if text else ()
        return got

    @property
    def words(self) -> tuple[str, ...]:
        """Every word, shortest first."""
        return tuple(w for n in sorted({*self._joined, *self._split}) for w in self.sized(n))

    def between(self, shortest: int, longest: int, prefix: str = "") -> list[str]:
        """The words of ``shortest`` to ``longest`` letters that start with ``prefix`` (all of
        them share their first letter already)."""
        found: list[str] = []
        for n in range(shortest, longest + 1):
            words = self.sized(n)
            if len(prefix) <= 1:
                found += words
                continue
            i = bisect.bisect_left(words, prefix)
            while i < len(words) and words[i].startswith(prefix):
                found.append(words[i])
                i += 1
        return found


class WordList:
    """A large word list with frequencies, cheap to load: nothing is parsed up front.

    The words are one ``bytes`` string (or a file mapped in memory), hashed into buckets of
    about ten words (``\nword count``), so ``word in words`` and ``words.get(word)`` search
    one bucket with ``find``. :meth:`common` gives the frequent words of one initial letter
    (the suggestion targets), split on first use.

    :meth:`dump` gives the bytes of a file: a magic string, then four unsigned integers
    (number of buckets, size of the common words, size of the buckets, zero), the start of
    each bucket, the common words (``marshal``), the buckets.
    """

    def __init__(self, data: bytes | mmap.mmap, base: int, starts: memoryview,
                 common: Mapping[str, Mapping[int, str]]) -> None:
        import zlib  # here, not at import: only a spelling check needs it

        self._data = data  # the buckets from ``base`` on, one after the other, then "\n"
        self._base = base
        self._starts = starts  # bucket k is data[base + starts[k]:base + starts[k + 1]]
        self._common = common  # initial -> length -> "word\nword...", as in a _Pool
        self._pools: dict[str, _Pool] = {}
        self._crc32 = zlib.crc32

    @classmethod
    def build(cls, freqs: dict[str, int]) -> WordList:
        from array import array

        groups: list[list[str]] = [[] for _ in range(_BUCKETS)]
        common: dict[str, list[str]] = {}
        for w, c in freqs.items():
            groups[_bucket(w)].append(f"\n{w} {c}")
            if c >= COMMON and len(w) >= MIN_LENGTH - 1 and w.isalpha():
                common.setdefault(w[0], []).append(w)
        buckets = ["".join(g).encode("utf-8", "surrogatepass") for g in groups]
        starts = array("I", [0])
        for bucket in buckets:
            starts.append(starts[-1] + len(bucket))
        return cls(b"".join(buckets) + b"\n", 0, memoryview(starts.tobytes()).cast("I"),
                   {k: _Pool.of(v).joined() for k, v in common.items()})

    @classmethod
    def empty(cls) -> WordList:
        return cls(b"\n", 0, memoryview(bytes(4 * (_BUCKETS + 1))).cast("I"), {})

    def _find(self, word: str) -> int:
        """Where ``word``'s count starts in the data, or -1."""
        key = word.encode("utf-8", "surrogatepass")
        k = self._crc32(key) % _BUCKETS
        base, starts = self._base, self._starts
        i = self._data.find(b"\n" + key + b" ", base + starts[k], base + starts[k + 1])
        return i if i == -1 else i + len(key) + 2

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(word) and self._find(word) != -1

    def __bool__(self) -> bool:
        return self._starts[-1] > 0

    def get(self, word: str, default: int = 0) -> int:
        """The word's corpus frequency, or ``default``."""
        start = self._find(word) if word else -1
        if start == -1:
            return default
        return int(self._data[start : self._data.find(b"\n", start)])

    def common(self, initial: str) -> tuple[str, ...]:
        """English words of three letters or more starting with ``initial`` and at least
        ``COMMON`` frequent (shortest first)."""
        return self.common_pool(initial).words

    def common_pool(self, initial: str) -> _Pool:
        """:meth:`common` as a :class:`_Pool`."""
        got = self._pools.get(initial)
        if got is None:
            got = self._pools[initial] = _Pool(self._common.get(initial, {}))
        return got

    def dump(self) -> bytes:
        import marshal

        common = marshal.dumps(dict(self._common))
        buckets = self._data[self._base :]
        header = memoryview(bytearray(16)).cast("I")
        header[0], header[1], header[2] = _BUCKETS, len(common), len(buckets)
        return b"".join((_MAGIC, header.tobytes(), self._starts.tobytes(), common, buckets))

    @classmethod
    def load(cls, data: bytes | mmap.mmap) -> WordList | None:
        """The word list of :meth:`dump`'s bytes (None if they are not one)."""
        import marshal

        try:
            if data[: len(_MAGIC)] != _MAGIC:
                return None
            view = memoryview(data)
            at = len(_MAGIC) + 16
            n, common_size, size, _ = view[len(_MAGIC) : at].cast("I")
            if n != _BUCKETS:
                return None  # another layout, or another byte order
            starts = view[at : at + 4 * (n + 1)].cast("I")
            at += 4 * (n + 1)
            common = marshal.loads(data[at : at + common_size])
        except (ValueError, EOFError, TypeError):
            return None
        base = at + common_size
        if not isinstance(common, dict) or len(data) != base + size or starts[-1] + 1 != size:
            return None
        return cls(data, base, starts, common)

    @classmethod
    def open(cls, path: Path) -> WordList | None:
        """The word list :meth:`dump` wrote to ``path``, mapped in memory rather than read:
        only the pages a lookup touches are ever loaded (None if it is not one)."""
        import mmap

        data: bytes | mmap.mmap
        try:
            with path.open("rb") as fh:
                try:
                    if os.name == "nt":
                        data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
                    else:  # MAP_POPULATE: map the whole file at once (Linux): it is cached
                        data = mmap.mmap(fh.fileno(), 0, prot=mmap.PROT_READ,
                                         flags=mmap.MAP_SHARED | getattr(mmap, "MAP_POPULATE", 0))
                except OSError:  # a file system that cannot map files
                    data = fh.read()
        except (OSError, ValueError):  # ValueError: an empty file
            return None
        return cls.load(data)


_BUCKETS = 16_384
_MAGIC = b"listlint-words-4"  # the layout of a dumped WordList


def _bucket(word: str) -> int:
    import zlib

    return zlib.crc32(word.encode("utf-8", "surrogatepass")) % _BUCKETS


# pyspellchecker's English list (MIT), shipped as is: data/english-words.LICENSE says whence.
ENGLISH_WORDS = Path(__file__).parent / "data" / "english-words.json.gz"


@lru_cache(maxsize=1)
def english() -> WordList:
    """The English words with their frequencies, from the list listlint ships (empty if it is
    unreadable; a test fails then)."""
    path = _english_source()
    return english_from(path) if path is not None else WordList.empty()


def _english_source() -> Path | None:
    """The English word list listlint ships (None if the install lost it)."""
    return ENGLISH_WORDS if ENGLISH_WORDS.is_file() else None


def english_from(path: Path) -> WordList:
    """The :class:`WordList` of the dictionary file ``path``, through the cache.

    Parsing the shipped JSON takes about 60 ms; the list built from it is kept on the cache
    shelf (:func:`words_shelf`) under a hash of the file's bytes and the layout, and is mapped
    from there in a fraction of a millisecond. Several installs (a pre-commit environment, a
    development venv) each find the entry of their own copy of the dictionary.
    """
    key = _english_key(path)
    if key is None:
        return WordList.empty()
    shelf = words_shelf()
    hit = shelf.get(key)
    if hit is not None:
        loaded = WordList.open(hit)
        if loaded is not None:
            return loaded
    words = _build_english(path)
    if words:
        shelf.put(key, words.dump())
    return words


def _english_key(path: Path) -> str | None:
    """The shelf key of the list built from ``path``: its content and the list's layout."""
    from listlint.net.store import content_key

    digest = content_key(path)
    if digest is None:
        return None
    return f"{digest}-{COMMON}-{_BUCKETS}-py{sys.version_info[0]}{sys.version_info[1]}"


def english_entry() -> Path | None:
    """This install's word-list file on the shelf (whether it exists yet or not)."""
    path = _english_source()
    key = _english_key(path) if path is not None else None
    return words_shelf().path(key) if key is not None else None


def words_shelf() -> Shelf:
    """Where built word lists are kept: ``words/english-<key>.words`` in the cache folder
    (a folder of their own: listlint 0.1 deleted every other ``english-*`` file beside its own)."""
    from listlint.net.store import Shelf, cache_dir

    return Shelf(cache_dir() / "words", "english-", ".words")


def _build_english(path: Path) -> WordList:
    """The :class:`WordList` of a ``{word: count}`` JSON file, gzipped (empty if unreadable)."""
    import gzip
    import json

    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError):
        return WordList.empty()
    if not isinstance(data, dict):
        return WordList.empty()
    return WordList.build({w: int(c) for w, c in data.items()
                           if isinstance(w, str) and w and not any(ch.isspace() for ch in w)})


# -- known misspellings -------------------------------------------------------------------
def typos_binary() -> str | None:
    """The ``typos`` executable next to this Python (a venv), else on PATH."""
    exe = "typos.exe" if os.name == "nt" else "typos"
    here = Path(sys.executable).parent / exe
    if here.is_file():
        return str(here)
    import shutil

    return shutil.which("typos")


@dataclass(slots=True)
class KnownMisspellings:
    """Known misspellings of lowercase words, from typos (and codespell's data when asked)."""

    binary: str | None
    codespell: bool = False
    _cache: dict[str, tuple[tuple[str, ...], str]] | None = None
    _early: subprocess.Popen[str] | None = field(default=None, repr=False, compare=False)
    _handed_over: subprocess.Popen[str] | None = field(default=None, repr=False, compare=False)

    def start_early(self) -> None:
        """Start typos before the words are known, if nothing was looked up yet: its start-up
        (about 10 ms) then overlaps the work that finds the words. :meth:`submit` feeds it."""
        if self._cache is None and self._early is None:
            self._early = self._spawn()

    def hand_over(self) -> None:
        """Leave the early typos to a forked worker: close this process's ends of its pipes
        (the worker keeps its own copies, and typos must see its input end when the worker
        closes it). A later lookup here starts a new typos."""
        proc, self._early = self._early, None
        if proc is not None:
            self._handed_over = proc  # the worker reaps it; kept so as not to warn here
            for pipe in (proc.stdin, proc.stdout):
                if pipe is not None:
                    pipe.close()

    def lookup(self, words: Iterable[str]) -> dict[str, tuple[tuple[str, ...], str]]:
        """``word -> (corrections, "typos" | "codespell")`` for the misspelled ``words``."""
        return self.submit(words)()

    def submit(self, words: Iterable[str]) -> Callable[[], dict[str, tuple[tuple[str, ...], str]]]:
        """Start looking ``words`` up (typos runs meanwhile); call the result to get them."""
        if self._cache is None:
            self._cache = {}
        cache = self._cache
        words = set(words)
        todo = sorted(w for w in words if w not in cache)
        proc = self._start(todo) if todo or self._early is not None else None

        def result() -> dict[str, tuple[tuple[str, ...], str]]:
            answer = self._finish(proc, todo)  # waits for an early typos even without words
            if todo:
                found = {w: (fixes, "typos") for w, fixes in answer.items()}
                if self.codespell:
                    extra = codespell_dictionary()
                    for w in todo:
                        if w not in found and w in extra:
                            found[w] = (extra[w], "codespell")
                for w in todo:
                    cache[w] = found.get(w, ((), ""))
            return {w: cache[w] for w in words if cache[w][0]}

        return result

    def _spawn(self) -> subprocess.Popen[str] | None:
        """A typos process reading words on its standard input (None without typos)."""
        if not self.binary:
            return None
        import subprocess  # here, not at import: only a spelling check needs it

        try:
            return subprocess.Popen(
                [self.binary, "--format", "json", "-"], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
            )
        except OSError:
            return None

    def _start(self, words: list[str]) -> subprocess.Popen[str] | None:
        """typos (the early one, if any) given ``words``, one a line."""
        proc, self._early = self._early or self._spawn(), None
        if proc is None:
            return None
        try:
            assert proc.stdin is not None
            proc.stdin.write("\n".join(words) + "\n")
            proc.stdin.close()
        except OSError:
            pass
        return proc

    @staticmethod
    def _finish(proc: subprocess.Popen[str] | None, words: list[str]) -> dict[str, tuple[str, ...]]:
        if proc is None:
            return {}
        import json
        import subprocess

        try:
            assert proc.stdout is not None
            out = proc.stdout.read()  # typos reads all its input before it writes
            proc.stdout.close()
            proc.wait(timeout=TYPOS_TIMEOUT)
        except (OSError, ValueError, subprocess.SubprocessError):
            proc.kill()
            proc.wait()
            return {}
        found: dict[str, tuple[str, ...]] = {}
        for line in out.splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue
            if item.get("type") != "typo":
                continue
            n = item.get("line_num", 0)
            if not 1 <= n <= len(words) or item.get("byte_offset", 0) != 0:
                continue
            word = words[n - 1]
            if item.get("typo", "").lower() != word:
                continue  # typos flagged a piece of the word, not the word
            fixes = tuple(dict.fromkeys(c.lower() for c in item.get("corrections", ())))
            if fixes:
                found[word] = fixes
        return found


@lru_cache(maxsize=1)
def codespell_dictionary() -> dict[str, tuple[str, ...]]:
    """codespell's main dictionary, read (never imported) from an installed codespell."""
    import importlib.util

    spec = importlib.util.find_spec("codespell_lib")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dictionary.txt"
    out: dict[str, tuple[str, ...]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    for line in lines:
        wrong, sep, right = line.partition("->")
        if not sep:
            continue
        fixes = tuple(f.strip().lower() for f in right.split(",") if f.strip())
        if fixes:
            out[wrong.strip().lower()] = fixes
    return out


@lru_cache(maxsize=2)
def default_known(codespell: bool = False) -> KnownMisspellings:
    return KnownMisspellings(typos_binary(), codespell)


# -- words -------------------------------------------------------------------------------
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


@dataclass(frozen=True, slots=True)
class Finding:
    """A word spelling rules report."""

    word: Word
    kind: str  # "known" (a dictionary knows the misspelling) | "novel"
    suggestions: tuple[str, ...]  # case already matched to the word
    evidence: str  # why we believe it, for the message
    source: str  # typos | codespell | document | english
    risk: str = ""  # why replacing the word blindly could corrupt the text ("" = safe)


@dataclass(slots=True)
class Analysis:
    """The spelling view of one document: its vocabulary, unknown words and findings."""

    vocabulary: Counter[str]
    unknown: Counter[str]  # checkable words no dictionary and no config knows
    findings: list[Finding]
    vocab: Vocabulary | None = None  # what the analysis knew (``listlint words`` asks it)


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
        self._frequent_pools: dict[str, _Pool] = {}

    def in_dictionary(self, lw: str) -> bool:
        """An English word, an allowed word, or a regular derivation of one."""
        if lw in self.english or lw in self.allowed:
            return True
        us = _american(lw)
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

    def frequent_pool(self, initial: str) -> _Pool:
        """:meth:`frequent` as a :class:`_Pool`."""
        got = self._frequent_pools.get(initial)
        if got is None:
            got = self._frequent_pools[initial] = _Pool.of(self.frequent(initial))
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
    from listlint import data_text

    text = data_text("spelling_words.txt")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def token_parts(texts: Iterable[str]) -> set[str]:
    """The lowercase words of some tokens, split at anything that is not a letter and at
    case changes (``OpenSSL/gost-engine`` -> ``open``, ``ssl``, ``gost``, ``engine``, and the
    whole run ``openssl``), three letters or more."""
    runs = set(_LETTER_RUN.findall("\n".join(texts)))
    found = {r.lower() for r in runs}
    for run in runs:
        if not run.islower() and not run.isupper():
            found.update(p.lower() for p in _CASE_PART.findall(run))
    return {w for w in found if len(w) >= 3}


def url_words(urls: Iterable[str]) -> set[str]:
    """The words of some URLs (``github.com/deepseek-ai/...`` -> ``deepseek``)."""
    return {m.lower() for m in set(_URL_WORD.findall("\n".join(urls)))}


def analyse(words: list[Word] | Prose, *, allowed: Iterable[str] = (),
            known: KnownMisspellings | None, known_count: int = 2,
            elsewhere: Iterable[str] = (), targets: Collection[str] = (),
            titles: Mapping[int, str] | None = None) -> Analysis:
    """Find the misspellings in the prose of one document: a :class:`Prose` (fast: only the
    words worth a look get offsets) or a list of all its words.

    ``elsewhere``: words the file uses outside its prose (in its URLs), each counted as one use.
    ``targets``: the words of all the file's link targets (:func:`token_parts`), and ``titles``:
    each entry's title. A known misspelling found among them is a name (the
    product ``Vertica`` next to ``papers/vertica.pdf``; ``gost-engine`` in the entry of
    ``[gost-crypto]``), not a typo: it is not reported.
    """
    titles = titles or {}
    link_words = set(targets)
    if isinstance(words, list):
        texts: Counter[str] = Counter(w.text for w in words)
        all_words = words

        def locate(wanted: Collection[str]) -> list[Word]:
            return [w for w in all_words if w.text in wanted]

        def set_aside(w: Word) -> bool:
            return False

        in_people = set_aside
    else:
        texts = words.counts
        locate = words.words
        set_aside, in_people = words.set_aside, words.in_people
    allowed_set = {w.lower() for w in allowed}
    technical = technical_words()
    forms = {t: base_form(t) for t in texts}  # word as written -> base form
    checkable_forms = {t for t, lw in forms.items()
                       if len(lw) >= 3 and lw not in allowed_set and is_checkable(t)}
    # layer 1: known misspellings (regardless of how often the document repeats them);
    # typos runs while the English list loads
    pending = known.submit({forms[t] for t in checkable_forms}) if known else None
    counts: Counter[str] = Counter()
    for t, n in texts.items():
        counts[forms[t]] = counts.get(forms[t], 0) + n  # get: no __missing__ call per new word
    vocab = Vocabulary(counts, allowed_set | technical, known_count, set(elsewhere))
    # layer 2: words no dictionary knows
    unknown_forms: set[str] = set()
    derived_forms: set[str] = set()  # not in the list itself, but a regular derivation
    for lw in {forms[t] for t in checkable_forms}:
        if lw in vocab.english or lw in technical:
            continue
        if not vocab.in_dictionary(lw):
            unknown_forms.add(lw)
        elif lw not in allowed_set:
            derived_forms.add(lw)
    novel_cache: dict[tuple[str, bool], tuple[tuple[str, ...], str, str] | None] = {}

    def scan(located: list[Word], dictionary: dict[str, tuple[tuple[str, ...], str]]
             ) -> tuple[list[Finding], Counter[str]]:
        findings: list[Finding] = []
        unknown: Counter[str] = Counter()
        aside = {w.start for w in located if set_aside(w)}
        # a word the list uses as a person's name is a name everywhere ("Gilbert Strang")
        people = {w.text for w in located
                  if w.start in aside and w.text[:1].isupper() and in_people(w)}
        for w in located:
            if w.name or w.start in aside or w.text in people:
                continue  # a system's name before a colon; a person's name; markup debris
            lw = forms[w.text]
            fixes, src = dictionary.get(lw, ((), ""))
            if fixes:
                if lw in vocab.english and len(fixes) > 1:
                    continue  # a real word typos only suspects ("wight"): not reported
                if _looks_like_a_name(w, lw):
                    continue
                if w.text[0].isupper() and not w.sentence_start \
                        and w.context in ("description", "paragraph") \
                        and not any(_slip(lw, f, False) for f in fixes):
                    continue  # "Instituto" is Spanish, not a typo of "Institution"
                if lw in link_words or (w.context not in ("title", "link") and w.entry is not None
                                     and lw in token_parts((titles.get(w.entry, ""),))):
                    continue  # the file spells it so in a URL or the entry's title: a name
                findings.append(Finding(w, "known", tuple(match_case(w.text, f) for f in fixes),
                                        "a known misspelling", src,
                                        _risk(w, lw, fixes, vocab)))
                continue
            derived = lw in derived_forms
            if lw not in unknown_forms and not derived:
                continue
            if not derived:
                unknown[lw] += 1
            if len(lw) < MIN_LENGTH or counts[lw] >= RARE:
                continue
            if w.joined and len(lw) < JOINED_MIN:
                continue  # "avant-garde", "Chai-1": a short part of a compound is no typo
            repeated = derived or vocab.repeated(lw)
            strict = w.context in ("title", "link", "heading") or w.text[:1].isupper()
            if w.text[:1].isupper() and w.context in ("description", "paragraph") \
                    and not w.sentence_start:
                continue  # a capitalised word inside a sentence is a name
            key = (lw, strict or derived)
            if key not in novel_cache:
                # a derived-looking word ("sharding") only counts as a dropped or swapped letter
                novel_cache[key] = _repeated_slip(lw, vocab, strict or derived) if repeated \
                    else _novel(lw, vocab, strict) or _run_together(lw, vocab, strict)
            hit = novel_cache[key]
            if hit is None:
                continue
            targets, evidence, src = hit
            findings.append(Finding(w, "novel", tuple(match_case(w.text, t) for t in targets),
                                    evidence, src))
        return findings, unknown

    # a derived word used often, or short, is never reported unless typos knows it (below)
    wanted = {t for t in checkable_forms if forms[t] in unknown_forms
              or (forms[t] in derived_forms and len(forms[t]) >= MIN_LENGTH
                  and counts[forms[t]] < RARE)}
    located = locate(wanted)
    if pending is None:
        findings, unknown = scan(located, {})
    else:
        scan(located, {})  # look for novel typos while typos runs, then use its answer
        dictionary = pending()
        more = {t for t in checkable_forms if forms[t] in dictionary} - wanted
        if more:
            located = sorted(located + locate(more), key=lambda w: w.start)
        findings, unknown = scan(located, dictionary)
    return Analysis(counts, unknown, findings, vocab)


_SMALL_WORDS = ("a", "an", "of", "to", "in", "on", "is")


def _risk(w: Word, lw: str, fixes: tuple[str, ...], vocab: Vocabulary) -> str:
    """Why replacing a known misspelling by its single correction could corrupt the text."""
    if len(fixes) != 1:
        return "several candidates"
    fix = fixes[0]
    if w.text[0].isupper() and not w.sentence_start:
        return "a capitalised word inside a sentence may be a name"  # "Serie A"
    if len(lw) <= 5 and len(fix) > len(lw) and _subsequence(lw, fix) \
            and not _doubled(lw, fix):
        return "only letters added to a short word"  # "gost" -> "ghost", "serie" -> "series"
    if lw in vocab.english:
        return "an English word"  # typos merely suspects it
    if not _slip(lw, fix, False) and any(
            vocab.english.get(lw[:i], 0) >= COMMON and vocab.english.get(lw[i:], 0) >= COMMON
            for i in range(4, len(lw) - 3)):
        return "made of two English words"  # "countrywise" is not "countryside"
    return ""


def _doubled(word: str, target: str) -> bool:
    """Is ``target`` ``word`` with one letter doubled (``biger`` -> ``bigger``)?"""
    return len(target) == len(word) + 1 and any(
        target[i] == target[i + 1] and target[:i] + target[i + 1:] == word
        for i in range(len(target) - 1))


def _subsequence(short: str, long_: str) -> bool:
    """Is ``short`` ``long_`` with some letters left out?"""
    it = iter(long_)
    return all(ch in it for ch in short)


def _run_together(lw: str, vocab: Vocabulary, strict: bool
                  ) -> tuple[tuple[str, ...], str, str] | None:
    """``asurvey``: a small word glued to a common one (``a survey``)."""
    if strict:
        return None
    for small in _SMALL_WORDS:
        rest = lw[len(small):]
        if lw.startswith(small) and len(rest) >= 5 and vocab.english.get(rest, 0) >= COMMON:
            return (f"{small} {rest}",), "two words run together", "english"
    return None


def _looks_like_a_name(w: Word, lw: str) -> bool:
    """Short capitalised words inside a sentence ("Trung Bui", "Dota 2") and short parts of
    compounds ("REST-ful") are names or affixes far more often than typos."""
    if len(lw) <= 3 and w.joined:
        return True
    return len(lw) <= 4 and w.text[0].isupper() and not w.sentence_start


def slip_targets(lw: str, vocab: Vocabulary) -> tuple[str, ...]:
    """The words one typing slip from the unknown ``lw`` that the file uses more often (three
    times or more) or that are common English words, for ``listlint words`` to comment
    ``lw`` out as a likely typo ("imporessive" twice next to "impressive" three times, which
    the rules leave alone)."""
    if len(lw) < MIN_LENGTH or vocab.counts[lw] >= RARE or lw in vocab.elsewhere:
        return ()  # the file's vocabulary, or a name its URLs spell so ("github.com/a/templ")
    hit = _novel(lw, vocab, False)
    if hit is None:
        return ()
    return tuple(t for t in hit[0] if _slip(lw, t, False)
                 and (vocab.counts[t] > vocab.counts[lw] or vocab.english.get(t, 0) >= COMMON))


def _repeated_slip(lw: str, vocab: Vocabulary, strict: bool
                   ) -> tuple[tuple[str, ...], str, str] | None:
    """A word used a few times that is one slip away from a word used far more often.

    "Inferenc" twice next to "inference" 400 times is the same slip made twice (copied), not
    the file's own vocabulary. So is "sparity" (spar + ity, a regular derivation) next to
    "sparsity" 40 times.
    """
    hit = _novel(lw, vocab, strict, doc_only=True)
    if hit is None or hit[2] != "document" or len(hit[0]) != 1:
        return None
    target = hit[0][0]
    if vocab.counts[target] < DOMINANT * vocab.counts[lw] or not _slip(lw, target, strict):
        return None
    return hit


def _novel(lw: str, vocab: Vocabulary, strict: bool, doc_only: bool = False
           ) -> tuple[tuple[str, ...], str, str] | None:
    """The likely intended word(s) for the unknown ``lw``, with the evidence; None if none."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    max_d = 2 if len(lw) >= 8 and not strict else 1  # distance to a word of the file
    common = COMMON_STRICT if strict else COMMON
    short = len(lw) <= 5
    # the first letter is rarely the typo, unless swapped with the second; only words of a
    # length within max_d can be near enough
    prefixes = (lw[0],) if lw[1] == lw[0] else (lw[0], lw[1] + lw[0])
    hits: dict[str, int] = {}
    for prefix in prefixes:
        pools = [vocab.frequent_pool(prefix[0])]
        if not doc_only:
            pools.append(vocab.english.common_pool(prefix[0]))
        for pool in pools:
            near = pool.between(len(lw) - max_d, len(lw) + max_d, prefix)
            if not near:
                continue
            for cand, dist, _ in process.extract(lw, near, scorer=OSA.distance,
                                                 score_cutoff=max_d, limit=None):
                hits[cand] = int(dist)
    cands = []
    for cand, dist in hits.items():
        if cand == lw:
            continue
        count = vocab.counts[cand]
        freq = vocab.english.get(cand, 0)
        if count < FREQUENT:
            # a dictionary word only: a slip of the fingers, one edit away, common enough
            if freq < common or len(lw) < 5 or dist > 1 or not _slip(lw, cand, strict):
                continue  # "tech" is not "teach", "figlet" not "filet", "qubits" not "quits"
            if len(lw) == len(cand) + 1 and lw[2:] == cand[1:]:
                continue  # a letter more at the start: "adware", "ccleaner" are other words
            if short and freq < COMMON_SHORT:
                continue
        elif (short or strict) and (dist > 1 or not _slip(lw, cand, strict)):
            continue  # "htop" is not "http", "libc" not "lib": abbreviations, not slips
        if _inflection_pair(lw, cand) or _spelling_variant(lw, cand):
            continue  # "serves"/"served", "rigour"/"rigor": other forms, not typos
        cands.append((dist, -count, -freq, cand))
    if not cands:
        return None
    cands.sort()
    best = cands[0][0]
    top = [c for c in cands if c[0] == best]
    # a word the document uses often, one edit further, is as good a guess
    top += [c for c in cands if c[0] == best + 1 and -c[1] >= FREQUENT]
    top.sort(key=lambda c: (c[1], c[0], c[2]))
    if -top[0][1] >= FREQUENT:
        top = [c for c in top if c[1] < 0]  # the file's own words beat dictionary-only ones
    if len(top) > 1 and top[0][1] == top[1][1] == 0 and -top[0][2] >= 20 * -top[1][2]:
        top = top[:1]  # one candidate is far more common than the others
    if len(top) > 1 and -top[0][1] >= 5 * max(1, -top[1][1]) and top[0][0] <= top[1][0]:
        top = top[:1]  # one candidate is used far more often in this file
    targets = tuple(c[3] for c in top[:3])
    count = -top[0][1]
    if count >= FREQUENT:
        return targets, f"used {count} times in this file", "document"
    return targets, "a common English word", "english"


_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEAR: dict[str, set[str]] = {}
for _r, _row in enumerate(_KEYBOARD):
    for _c, _ch in enumerate(_row):
        near = _NEAR.setdefault(_ch, set())
        for _rr in (_r - 1, _r, _r + 1):
            if 0 <= _rr < len(_KEYBOARD):
                for _cc in (_c - 1, _c, _c + 1):
                    if 0 <= _cc < len(_KEYBOARD[_rr]) and (_rr, _cc) != (_r, _c):
                        near.add(_KEYBOARD[_rr][_cc])
_VOWELS = frozenset("aeiou")


def _slip(word: str, target: str, strict: bool) -> bool:
    """Is ``word`` ``target`` with one typing slip?

    Swapped neighbours and a dropped letter always are; an extra letter is when it doubles a
    neighbour or sits next to one on the keyboard; a replaced letter is when the keys are
    neighbours or both are vowels. ``strict`` (titles, names) accepts only the first two.
    """
    n, m = len(word), len(target)
    i = 0
    while i < min(n, m) and word[i] == target[i]:
        i += 1
    if n == m:
        if word[i + 1 :] == target[i + 1 :]:  # one replaced letter
            a, b = word[i], target[i]
            return not strict and (a in _NEAR.get(b, ()) or (a in _VOWELS and b in _VOWELS
                                                             and n >= 6))
        return i + 1 < n and word[i] == target[i + 1] and word[i + 1] == target[i] \
            and word[i + 2 :] == target[i + 2 :]
    if n == m - 1:  # a dropped letter
        return word[i:] == target[i + 1 :]
    if n == m + 1 and not strict and word[i + 1 :] == target[i:]:  # an extra letter
        extra = word[i]
        neighbours = {word[j] for j in (i - 1, i + 1) if 0 <= j < n}
        return extra in neighbours or bool(neighbours & _NEAR.get(extra, set()))
    return False


def _spelling_variant(a: str, b: str) -> bool:
    """British and American spellings of one word (``rigour``/``rigor``, ``-ise``/``-ize``)."""
    return _american(a) == _american(b)


def _american(word: str) -> str:
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


def _inflection_pair(a: str, b: str) -> bool:
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
