"""LL201: a known misspelling in the list's prose."""

from __future__ import annotations

from collections.abc import Iterator

from listlint.model import Diagnostic
from listlint.registry import Context, rule
from listlint.rules.spelling.family import TITLE_CONTEXTS, analysis, fix_for, quote_list


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
        if f.kind != "known" or f.word.context in TITLE_CONTEXTS:
            continue
        w = f.word
        if len(f.suggestions) == 1:
            msg = f'"{w.text}" is a known misspelling of "{f.suggestions[0]}"'
        else:
            msg = f'"{w.text}" is a known misspelling: did you mean {quote_list(f.suggestions)}?'
        yield ctx.at(w.span, f"{msg} ({f.source})", fix=fix_for(ctx, f, unsafe=False))
