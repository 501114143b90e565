"""LL203: a likely typo in an entry title or link text (reported, never fixed)."""

from __future__ import annotations

from collections.abc import Iterator

from listlint.model import Diagnostic
from listlint.registry import Context, rule
from listlint.rules.spelling.family import TITLE_CONTEXTS, analysis, quote_list


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
        if f.word.context not in TITLE_CONTEXTS:
            continue
        w = f.word
        where = "title" if w.context == "title" else "link text"
        if f.kind == "known":
            why = f"a known misspelling ({f.source})"
        else:
            why = f.evidence
        yield ctx.at(w.span, f'"{w.text}" in a {where}: did you mean '
                             f"{quote_list(f.suggestions)} ({why})? Check the source; "
                             "titles are not fixed automatically")
