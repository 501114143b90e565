"""Novel typos: a word no dictionary knows, one typing slip from a word the list uses often
or from a common English word.

A *novel* misspelling lies within a small Damerau distance (optimal string alignment: 1, or 2
for words of eight letters or more) of a word the document uses often or of a common English
word, and the difference looks like a slip of the fingers (swapped, dropped, doubled or
neighbouring letters).
"""

from __future__ import annotations

from listlint.rules.spelling.limits import (
    COMMON,
    COMMON_SHORT,
    COMMON_STRICT,
    DOMINANT,
    FREQUENT,
    MIN_LENGTH,
    RARE,
)
from listlint.rules.spelling.vocabulary import Vocabulary, inflection_pair, spelling_variant

_SMALL_WORDS = ("a", "an", "of", "to", "in", "on", "is")


def run_together(lw: str, vocab: Vocabulary, strict: bool
                  ) -> tuple[tuple[str, ...], str, str] | None:
    """``asurvey``: a small word glued to a common one (``a survey``)."""
    if strict:
        return None
    for small in _SMALL_WORDS:
        rest = lw[len(small):]
        if lw.startswith(small) and len(rest) >= 5 and vocab.english.get(rest, 0) >= COMMON:
            return (f"{small} {rest}",), "two words run together", "english"
    return None


def slip_targets(lw: str, vocab: Vocabulary) -> tuple[str, ...]:
    """The words one typing slip from the unknown ``lw`` that the file uses more often (three
    times or more) or that are common English words, for ``listlint words`` to comment
    ``lw`` out as a likely typo ("imporessive" twice next to "impressive" three times, which
    the rules leave alone)."""
    if len(lw) < MIN_LENGTH or vocab.counts[lw] >= RARE or lw in vocab.elsewhere:
        return ()  # the file's vocabulary, or a name its URLs spell so ("github.com/a/templ")
    hit = novel(lw, vocab, False)
    if hit is None:
        return ()
    return tuple(t for t in hit[0] if slip(lw, t, False)
                 and (vocab.counts[t] > vocab.counts[lw] or vocab.english.get(t, 0) >= COMMON))


def repeated_slip(lw: str, vocab: Vocabulary, strict: bool
                   ) -> tuple[tuple[str, ...], str, str] | None:
    """A word used a few times that is one slip away from a word used far more often.

    "Inferenc" twice next to "inference" 400 times is the same slip made twice (copied), not
    the file's own vocabulary. So is "sparity" (spar + ity, a regular derivation) next to
    "sparsity" 40 times.
    """
    hit = novel(lw, vocab, strict, doc_only=True)
    if hit is None or hit[2] != "document" or len(hit[0]) != 1:
        return None
    target = hit[0][0]
    if vocab.counts[target] < DOMINANT * vocab.counts[lw] or not slip(lw, target, strict):
        return None
    return hit


def novel(lw: str, vocab: Vocabulary, strict: bool, doc_only: bool = False
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
            if freq < common or len(lw) < 5 or dist > 1 or not slip(lw, cand, strict):
                continue  # "tech" is not "teach", "figlet" not "filet", "qubits" not "quits"
            if len(lw) == len(cand) + 1 and lw[2:] == cand[1:]:
                continue  # a letter more at the start: "adware", "ccleaner" are other words
            if short and freq < COMMON_SHORT:
                continue
        elif (short or strict) and (dist > 1 or not slip(lw, cand, strict)):
            continue  # "htop" is not "http", "libc" not "lib": abbreviations, not slips
        if inflection_pair(lw, cand) or spelling_variant(lw, cand):
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


def slip(word: str, target: str, strict: bool) -> bool:
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
