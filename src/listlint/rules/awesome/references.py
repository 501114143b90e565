"""Reference links and their definitions: no undefined label (LL610), no unused or repeated
definition (LL611), no label that repeats its text (LL618)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from listlint.document import Document
from listlint.document.prose import block_spans as _block_spans
from listlint.inline import normalize_label, scan_links
from listlint.model import Diagnostic, Edit, Span
from listlint.registry import Context, rule

_DEFINITION_LINE = re.compile(
    r"[ ]{0,3}\[(?:[^\[\]\\\n]|\\.){1,999}\]:[ \t]*<?[^\s>]*>?"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*"
)


# -- LL610 / LL611 --------------------------------------------------------------------------
@rule("LL610", "undefined-reference", severity="error", default=False,
      summary="A `[text][label]` reference whose label is defined nowhere.")
def undefined_reference(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds full and collapsed references (`[text][label]`, `[text][]`) whose label has no
    definition (`[label]: https://…`) in the file. Brackets are paired as CommonMark pairs
    them: in `[foo][bar][baz]` with only `baz` defined, `[bar][baz]` is the link and `[foo]`
    plain text, so nothing is undefined. Such a reference is not a link at all:
    Markdown shows the brackets as text. Footnotes (`[^1]`) and GitHub alerts (`[!NOTE]`)
    are not references. Shortcut references (`[label]` alone) are not checked: in prose they
    are mostly ordinary brackets (`map[string]int`).

    ## Why is this bad?
    The reader sees `[Tool][tool]` instead of a link, and the entry has no URL.

    ## Example
    ```markdown
    - [Tool][tool] - Does things.
    ```
    with no `[tool]: https://…` line.

    ## Fix safety
    No fix: only a human knows the URL.
    """
    doc = ctx.doc

    def is_ref(label: str) -> bool:
        return normalize_label(label) in doc.references

    for span, _ in _block_spans(doc):
        links: set[int] | None = None
        for r in scan_links(doc.text, None, span.start, span.end):
            if r.kind != "reference" or r.dest.startswith(("^", "!")):
                continue
            if normalize_label(r.dest) not in doc.references:
                if links is None:  # what CommonMark makes links of, with the labels defined
                    links = {x.start for x in scan_links(doc.text, is_ref, span.start, span.end)}
                if r.end - len(r.dest) - 2 in links:
                    continue  # [foo][bar][baz]: "[bar][baz]" is the link, "[foo]" is text
                yield ctx.diagnostic(r.start, r.end, f"reference to undefined label "
                                                     f"'{r.dest}': add '[{r.dest}]: URL'")


@rule("LL618", "unneeded-full-reference", severity="error", default=False, fixable=True,
      summary="A reference `[Text][text]` whose label is its text: write `[Text][]`.")
def unneeded_full_reference(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports full references (`[Text][text]`, `![Logo][logo]`) whose label says the same as
    the text (compared as labels are: without regard to case and runs of spaces), which
    the collapsed form `[Text][]` says with less to keep in sync.

    ## Why is this bad?
    awesome-lint (remark-lint's `no-unneeded-full-reference-link`) fails the list on it; when
    the text is edited, the repeated label is easy to forget.

    ## Example
    ```markdown
    - [Ollama][ollama] - Run language models locally.

    [ollama]: https://github.com/ollama/ollama
    ```
    Use instead:
    ```markdown
    - [Ollama][] - Run language models locally.

    [ollama]: https://github.com/ollama/ollama
    ```

    ## Fix safety
    Safe: the label is dropped and the rendered page is proven unchanged.
    """
    doc = ctx.doc

    def is_ref(label: str) -> bool:
        return normalize_label(label) in doc.references

    for span, _ in _block_spans(doc):
        for r in scan_links(doc.text, is_ref, span.start, span.end):
            if r.kind != "reference" or not r.dest:
                continue
            label_start = r.end - len(r.dest) - 1
            if doc.text[label_start - 1:label_start] != "[" or label_start - 1 != r.text_end + 1:
                continue  # a collapsed or shortcut reference
            if normalize_label(doc.text[r.text_start:r.text_end]) != normalize_label(r.dest):
                continue
            yield ctx.diagnostic(r.start, r.end, f"the label '{r.dest}' repeats the text: "
                                                 f"write '[…][]'",
                                 fix=ctx.fix(Edit(label_start, r.end - 1, ""), formatting=True,
                                             description="collapse the reference"))


@rule("LL611", "unused-definition", severity="error", default=False, fixable=True,
      summary="A `[label]: url` definition that nothing refers to.")
def unused_definition(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports link reference definitions (`[label]: https://…`) that no link or image of the
    file uses, and definitions repeated under the same label (only the first counts).

    ## Why is this bad?
    An unused definition is usually an entry that was removed or renamed by half; it is
    invisible on the page and easy to forget.

    ## Example
    ```markdown
    [old-tool]: https://example.com/old-tool
    ```
    with no `[…][old-tool]` anywhere.

    ## Fix safety
    Safe when the definition is one line of its own: the line is removed, and the rendered
    page is proven unchanged before anything is written.
    """
    doc = ctx.doc
    used = _used_labels(doc)
    seen: dict[str, int] = {}
    for label, _, span in doc.definitions:
        key = normalize_label(label)
        if key in seen:
            yield ctx.at(span, f"second definition of '{label}' (first on line {seen[key]}) is "
                               f"ignored: remove it", fix=_drop_line(ctx, span))
            continue
        seen[key] = doc.source.line_of(span.start)
        if key not in used:
            yield ctx.at(span, f"definition '{label}' is not used: remove it or link to it",
                         fix=_drop_line(ctx, span))


def _used_labels(doc: Document) -> set[str]:
    used = set(doc.used_labels)

    def is_ref(label: str) -> bool:
        return normalize_label(label) in doc.references

    for span, _ in _block_spans(doc):
        for r in scan_links(doc.text, is_ref, span.start, span.end):
            if r.kind == "reference":
                used.add(normalize_label(r.dest))
    return used


def _drop_line(ctx: Context, span: Span) -> Any:
    src = ctx.doc.source
    line = src.line_of(span.start)
    start, end = src.line_start(line), src.line_end(line)
    if not _DEFINITION_LINE.fullmatch(ctx.doc.text, start, end):
        return None
    nxt = src.line_text(line + 1) if line < src.line_count else ""
    if nxt.startswith((" ", "\t")) and nxt.strip():
        return None  # a title on the next line
    stop = end + 1 if end < len(ctx.doc.text) else end
    if stop == end and start > 0:
        start -= 1  # the last line: take the newline before it
    return ctx.fix(Edit(start, stop, ""), formatting=True, description="remove the definition")


