"""Spelling: known misspellings from maintained dictionaries, novel typos from the list itself.

Three sources of knowledge, none of them typed by us: the dictionaries of known misspellings
(:mod:`.known`: typos, and codespell's when asked), an English word list with frequencies
(:mod:`.english`), and the list's own vocabulary (:mod:`.vocabulary`). A *novel*
misspelling (:mod:`.slips`) is a word that neither the English list nor the document knows
(the document knows every word it uses twice or more, and ``words = [...]`` from the config)
and that lies one typing slip from a word the document uses often or a common English word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from listlint.document.prose import Prose, Word
from listlint.rules.spelling.limits import COMMON, JOINED_MIN, MIN_LENGTH, RARE
from listlint.rules.spelling.names import Asides
from listlint.rules.spelling.slips import novel, repeated_slip, run_together, slip
from listlint.rules.spelling.vocabulary import (
    Vocabulary,
    base_form,
    is_checkable,
    match_case,
    technical_words,
    token_parts,
)

if TYPE_CHECKING:
    from listlint.rules.spelling.known import KnownMisspellings


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
        asides = Asides(words.text)
        set_aside, in_people = asides.set_aside, asides.in_people
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
                        and not any(slip(lw, f, False) for f in fixes):
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
                novel_cache[key] = repeated_slip(lw, vocab, strict or derived) if repeated \
                    else novel(lw, vocab, strict) or run_together(lw, vocab, strict)
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
    if not slip(lw, fix, False) and any(
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



def _looks_like_a_name(w: Word, lw: str) -> bool:
    """Short capitalised words inside a sentence ("Trung Bui", "Dota 2") and short parts of
    compounds ("REST-ful") are names or affixes far more often than typos."""
    if len(lw) <= 3 and w.joined:
        return True
    return len(lw) <= 4 and w.text[0].isupper() and not w.sentence_start
