"""Spelling rules (LL2xx): typos in prose, without crying wolf on jargon."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from listlint.config import register_family_table
from listlint.inputs import Prepared
from listlint.model import Diagnostic, Edit
from listlint.prose import Prose, code_texts
from listlint.registry import Context, rule
from listlint.spelling import (
    Analysis,
    Finding,
    KnownMisspellings,
    analyse,
    default_known,
    slip_targets,
    token_parts,
    url_words,
)

MIN_WORD = 3  # shorter words are never checked, nor suggested

if TYPE_CHECKING:
    from listlint.config import Config
    from listlint.document import Document

SPELLING_DEFAULTS: dict[str, Any] = {
    "typos": True,  # ask the typos dictionary for known misspellings
    "codespell": False,  # also read codespell's dictionary, if codespell is installed
    "known-count": 2,  # a word the file uses this often is part of its vocabulary
}
register_family_table("spelling", SPELLING_DEFAULTS)

_TITLE_CONTEXTS = ("title", "link")
_RAW_URL = re.compile(r"https?://[^\s\"'<>()\[\]]+")


def analysis(ctx: Context) -> Analysis:
    """The spelling analysis of ``ctx.doc``, computed once for all LL2xx rules."""
    known = ctx.prepared
    return ctx.memo.get("spelling.analysis", lambda: analyse_document(
        ctx.doc, ctx.config, known if isinstance(known, KnownMisspellings) else None), ctx.doc)


def prepare(config: Config) -> Prepared | None:
    """Before the file is parsed: start typos, so that it starts up meanwhile (the engine
    calls this, as the family's registry entry declares). If the rules then run in a forked
    worker, the worker owns the process and the parent lets go of its pipes."""
    known = _known_for(config)
    if known is None:
        return None
    known.start_early()
    return Prepared(known, known.hand_over)


def _known_for(config: Config) -> KnownMisspellings | None:
    opts = {**SPELLING_DEFAULTS, **config.extra.get("spelling", {})}
    if not (opts["typos"] or opts["codespell"]):
        return None
    return default_known(bool(opts["codespell"])) if opts["typos"] \
        else KnownMisspellings(None, True)


def analyse_document(doc: Document, config: Config,
                     known: KnownMisspellings | None = None) -> Analysis:
    """Spelling analysis of a document under a configuration (``listlint words`` uses it)."""
    opts = {**SPELLING_DEFAULTS, **config.extra.get("spelling", {})}
    if known is None:
        known = _known_for(config)
    if known is not None:
        known.start_early()  # typos starts up while the prose is read
    # the list's own vocabulary: every URL it holds (links, HTML hrefs, bare URLs: the
    # repository names) and the words of its code spans (`struct`, `passwd`)
    urls = [link.url for link in doc.links] + _RAW_URL.findall(doc.text)
    code = code_texts(doc.text)
    return analyse(Prose(doc, MIN_WORD), allowed=config.words, known=known,
                   known_count=int(opts["known-count"]),
                   elsewhere=url_words(urls) | token_parts(code),
                   targets=token_parts(urls + code),
                   titles={e.index: e.title for e in doc.entries})


def _quote_list(items: tuple[str, ...]) -> str:
    quoted = [f'"{s}"' for s in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _fix(ctx: Context, f: Finding, *, unsafe: bool) -> Any:
    if len(f.suggestions) != 1:
        return None
    w = f.word
    unsafe = unsafe or bool(f.risk) or w.context == "heading"  # a heading's anchor changes
    return ctx.fix(Edit(w.start, w.end, f.suggestions[0]), unsafe=unsafe,
                   description=f'replace "{w.text}" by "{f.suggestions[0]}"')


@rule("LL201", "misspelling", fixable=True,
      summary="A known misspelling (typos' dictionary) in a description, heading or paragraph.")
def misspelling(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports words of the list's prose (descriptions, headings, paragraphs) that a maintained
    dictionary of known misspellings lists: the dictionary of
    [typos](https://github.com/crate-ci/typos), and codespell's when
    `[tool.listlint.spelling] codespell = true` and codespell is installed. Only prose is
    checked: never URLs, link targets, code spans, HTML or badges. ALLCAPS, CamelCase and
    mixedCase tokens, words with digits, a paper's system name before the colon of its title
    and the words of `words = [...]` are skipped. Entry titles are reported by LL203 instead.

    People's names are not prose: author lines (`*A. Name, B. Name*`, `Authors: ...`, a
    line of comma-separated names under a paper, names in a table cell), the names after
    `by`, `Prof.`, `Dr.`, `@` or before `et al.`, and a word the list uses as a person's
    name anywhere ("Gilbert Strang") are never reported ("Christin" is no misspelling of
    "Christian"). Nor are pieces of words cut by markup (`**Y**et **A**nother`,
    `<b>T</b>ransformers`), words glued to a broken tag, LaTeX math (`$\\mathcal{O}(n)$`), or
    a known misspelling the list itself spells so in a URL (HTML `href`s and bare URLs
    included), a code span or an entry's title.

    ## Why is this bad?
    A typo in a curated list looks careless, and a misspelled keyword cannot be found with
    the browser's search: whoever looks for "guidance" misses "guidence".

    ## Example
    ```markdown
    - [Medusa](https://arxiv.org/abs/2401.10774): a guidence for parallel decoding
    ```
    Use instead:
    ```markdown
    - [Medusa](https://arxiv.org/abs/2401.10774): a guidance for parallel decoding
    ```

    A word the file also spells so in a link target (`papers/vertica.pdf`, `gost-crypto`) or
    in the entry's own title is a name, not a typo, and is not reported.

    ## Fix safety
    Safe when the dictionary gives a single correction: the word is replaced, its case kept
    (`Guidence` -> `Guidance`). Several candidates (`divices`: `devices` or `divides`) are
    only suggested. The fix is unsafe (applied with `--unsafe-fixes`) when a blind replacement
    could corrupt the text: in a heading (its anchor changes), for a capitalised word inside a
    sentence (a probable name: `Serie A`), when the correction only adds letters to a word of
    five letters or fewer (`gost` -> `ghost`, `serie` -> `series`; a doubled letter such as
    `biger` -> `bigger` stays safe), when the word is in the English word list, and when it is
    two English words glued together and more than one slip from the correction
    (`countrywise` -> `countryside`).
    """
    for f in analysis(ctx).findings:
        if f.kind != "known" or f.word.context in _TITLE_CONTEXTS:
            continue
        w = f.word
        if len(f.suggestions) == 1:
            msg = f'"{w.text}" is a known misspelling of "{f.suggestions[0]}"'
        else:
            msg = f'"{w.text}" is a known misspelling: did you mean {_quote_list(f.suggestions)}?'
        yield ctx.at(w.span, f"{msg} ({f.source})", fix=_fix(ctx, f, unsafe=False))


@rule("LL202", "unknown-word-typo", fixable=True,
      summary="A word no dictionary knows, one edit away from a word the list uses often.")
def unknown_word_typo(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports a word of the prose that is in no English dictionary and that the list itself
    uses only once, when it is within a Damerau distance of 1 (2 for words of eight letters
    or more) of a word the list uses at least three times, or one typing slip (swapped,
    dropped, doubled or neighbouring letter) away from a common English word. The message
    names the suggestion and the evidence. The list's own repeated words are its
    domain dictionary, so jargon such as "prefill" or "goodput" is never reported once it is
    used twice; `words = [...]` in the config and inline disables cover the rest, and
    `listlint words` prints the unknown words ready to paste into `words`.

    The list's own vocabulary also counts: the words of its code spans (`struct`, `semver`,
    `passwd` in a Rust, Go or security list) and of every URL it holds (repository names in
    links, HTML `href`s and bare URLs). Regular derivations of known words are words
    (`profiler`, `hoster`, `abstractive`, British `customisable`), and a word with one letter
    more at its start than a common word (`adware`, `ccleaner`) is another word, not a slip.

    Skipped: ALLCAPS, CamelCase and mixedCase tokens, words with digits, words of fewer than
    four letters, capitalised words inside a sentence (names), people's names and the other
    non-prose of LL201, short abbreviations (`excl.` inside parentheses, `approx. 5`), parts
    of hyphenated compounds shorter than six letters (`avant-garde`), a paper's system name
    before the colon of its title, and everything that is not prose (URLs, code, HTML, link
    targets).

    ## Why is this bad?
    Lists are written fast by people who know the field: "infernece", "parallism",
    "conlude" are in no dictionary of known misspellings, yet obviously wrong next to the 300
    correct uses of "inference" in the same file.

    ## Example
    ```markdown
    - [Paper](https://arxiv.org/abs/2401.00001): fast infernece on one GPU
    ```
    Use instead:
    ```markdown
    - [Paper](https://arxiv.org/abs/2401.00001): fast inference on one GPU
    ```

    ## Fix safety
    Unsafe: the suggestion is a good guess, not a dictionary fact. Applied with
    `--unsafe-fixes` when there is a single candidate; several candidates are only suggested.
    """
    for f in analysis(ctx).findings:
        if f.kind != "novel" or f.word.context in _TITLE_CONTEXTS:
            continue
        w = f.word
        yield ctx.at(w.span, f'"{w.text}": did you mean {_quote_list(f.suggestions)} '
                             f"({f.evidence})?", fix=_fix(ctx, f, unsafe=True))


@rule("LL203", "title-typo",
      summary="A likely typo in an entry title or link text (reported, never fixed).")
def title_typo(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Applies the checks of LL201 and LL202 to link texts: entry titles and the text of other
    links. The novel-typo check is stricter here (distance 1 only, common targets only),
    and the words before a colon (`PICE: Semantic ...`) are a system's name and skipped.

    ## Why is this bad?
    A misspelled title is harder to find and to cite. But a paper's title is quoted from its
    source, typos included, so the right fix may be upstream: listlint only points at it.

    ## Example
    ```markdown
    - [Speculative Decodin for Fast Inference](https://arxiv.org/abs/2401.00001)
    ```
    Check the source; if it says "Decoding", use it:
    ```markdown
    - [Speculative Decoding for Fast Inference](https://arxiv.org/abs/2401.00001)
    ```

    ## Fix safety
    No fix: titles are never changed automatically.
    """
    for f in analysis(ctx).findings:
        if f.word.context not in _TITLE_CONTEXTS:
            continue
        w = f.word
        where = "title" if w.context == "title" else "link text"
        if f.kind == "known":
            why = f"a known misspelling ({f.source})"
        else:
            why = f.evidence
        yield ctx.at(w.span, f'"{w.text}" in a {where}: did you mean '
                             f"{_quote_list(f.suggestions)} ({why})? Check the source; "
                             "titles are not fixed automatically")


def words_block(result: Analysis, path: str, min_count: int = 1) -> str:
    """The unknown words of an analysis as a ``words = [...]`` TOML block with counts."""
    typos: dict[str, tuple[str, ...]] = {}
    for f in result.findings:
        typos.setdefault(f.word.text.lower(), tuple(s.lower() for s in f.suggestions))
    items = sorted(((n, w) for w, n in result.unknown.items() if n >= min_count),
                   key=lambda x: (-x[0], x[1]))
    if result.vocab is not None:  # one slip from a more frequent word: a typo the rules let go
        for _, w in items:
            if w not in typos and (targets := slip_targets(w, result.vocab)):
                typos[w] = targets
    good = [(n, w) for n, w in items if w not in typos]
    bad = [(n, w) for n, w in items if w in typos]
    lines = [f"# {len(good)} words of {path} that no dictionary knows (most used first);",
             "# paste the right ones into [tool.listlint] words = [...].",
             "words = ["]
    lines += [f'    "{w}",  # {n}' for n, w in good]
    if bad:
        lines.append("    # likely typos, not to allow-list:")
        lines += [f'    # "{w}",  # {n}: did you mean {_quote_list(typos[w])}?' for n, w in bad]
    lines.append("]")
    return "\n".join(lines) + "\n"
