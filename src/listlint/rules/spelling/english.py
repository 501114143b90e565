"""The English word store: about 160,000 words with their frequency, cheap to load.

The English dictionary of the ``pyspellchecker`` package (MIT), shipped with listlint
(``data/english-words.json.gz``, with its licence, so that no private file of another package
is read): American and British spellings with their frequency in a large corpus, so it tells
common words (suggestion targets) from rare ones, and it holds no misspellings.

A speed trick with a measured reason: the list is built once into a :class:`WordList` file on
the cache shelf and mapped on every later run. That saves 17-41% of ``listlint check``'s time
against reading the JSON on every run, and 9-13% (paper list) or 4-6% (awesome-go) against a
plain ``dict`` kept with ``marshal`` (paired runs:
``python benchmarks/bench_spelling_tricks.py``; ``docs/architecture.md``).
"""

from __future__ import annotations

import bisect
import os
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from listlint.rules.spelling.limits import COMMON, MIN_LENGTH

if TYPE_CHECKING:
    import mmap

    from listlint.net.store import Shelf


class Pool:
    """The suggestion targets of one initial, by length, each length sorted and split into
    words on first use: those of some lengths (and a two-letter prefix) are found without
    looking at the others."""

    __slots__ = ("_joined", "_split")

    def __init__(self, joined: Mapping[int, str]) -> None:
        self._joined = joined  # length -> "word\nword..." (sorted)
        self._split: dict[int, tuple[str, ...]] = {}

    @classmethod
    def of(cls, words: Iterable[str]) -> Pool:
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
        self._common = common  # initial -> length -> "word\nword...", as in a Pool
        self._pools: dict[str, Pool] = {}
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
                   {k: Pool.of(v).joined() for k, v in common.items()})

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

    def common_pool(self, initial: str) -> Pool:
        """:meth:`common` as a :class:`Pool`."""
        got = self._pools.get(initial)
        if got is None:
            got = self._pools[initial] = Pool(self._common.get(initial, {}))
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
ENGLISH_WORDS = Path(__file__).with_name("data") / "english-words.json.gz"


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
