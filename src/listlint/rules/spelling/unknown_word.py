"""LL202: a word no dictionary knows, one slip from a word the list uses often."""

from __future__ import annotations

from collections.abc import Iterator

from listlint.model import Diagnostic
from listlint.registry import Context, rule
from listlint.rules.spelling.family import TITLE_CONTEXTS, analysis, fix_for, quote_list


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
    The list writes "inference" three times, and once with two letters swapped:
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm): fast inference with paged attention
    - [SGLang](https://github.com/sgl-project/sglang): structured inference programs
    - [llama.cpp](https://github.com/ggerganov/llama.cpp): inference on laptops
    - [Medusa](https://arxiv.org/abs/2401.10774): faster infernece with extra decoding heads
    ```
    Use instead:
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm): fast inference with paged attention
    - [SGLang](https://github.com/sgl-project/sglang): structured inference programs
    - [llama.cpp](https://github.com/ggerganov/llama.cpp): inference on laptops
    - [Medusa](https://arxiv.org/abs/2401.10774): faster inference with extra decoding heads
    ```

    ## Fix safety
    Unsafe: the suggestion is a good guess, not a dictionary fact. Applied with
    `--unsafe-fixes` when there is a single candidate; several candidates are only suggested.
    """
    for f in analysis(ctx).findings:
        if f.kind != "novel" or f.word.context in TITLE_CONTEXTS:
            continue
        w = f.word
        yield ctx.at(w.span, f'"{w.text}": did you mean {quote_list(f.suggestions)} '
                             f"({f.evidence})?", fix=fix_for(ctx, f, unsafe=True))
