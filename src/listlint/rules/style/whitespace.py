"""Blank lines and spaces around entries: the rules list-spacing (LL511), trailing-whitespace
(LL512), hard-break (LL513) and final-newline (LL514)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from listlint.model import Diagnostic, Edit, Entry, Span
from listlint.registry import Context, rule
from listlint.rules.style.blocks import internally_loose, is_quoted
from listlint.rules.style.inference import infer
from listlint.rules.style.settings import AUTO, OFF
from listlint.rules.style.shared import drift, guard, shared_facts

if TYPE_CHECKING:
    from listlint.document import Document


# -- LL511 ---------------------------------------------------------------------------------


@rule("LL511", "list-spacing", severity="warning", fixable=True,
      summary="A blank line between entries of a tight list (or none in a loose one).")
def list_spacing(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Learns whether the list puts blank lines between entries (a *loose* list) or not (a
    *tight* list) and reports the gaps that differ. Pin with `list-spacing = "tight"`.

    ## Why is this bad?
    One blank line between two entries makes Markdown render the *whole* list loose: every
    entry gets paragraph spacing.

    ## Example
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm) - Fast inference.

    - [SGLang](https://github.com/sgl-project/sglang) - Structured generation.
    - [LMDeploy](https://github.com/InternLM/lmdeploy) - Compression and serving.
    - [llama.cpp](https://github.com/ggerganov/llama.cpp) - Inference in C/C++.
    - [TGI](https://github.com/huggingface/text-generation-inference) - Serving.
    - [Ollama](https://github.com/ollama/ollama) - Local models.
    ```
    Use instead:
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm) - Fast inference.
    - [SGLang](https://github.com/sgl-project/sglang) - Structured generation.
    - [LMDeploy](https://github.com/InternLM/lmdeploy) - Compression and serving.
    - [llama.cpp](https://github.com/ggerganov/llama.cpp) - Inference in C/C++.
    - [TGI](https://github.com/huggingface/text-generation-inference) - Serving.
    - [Ollama](https://github.com/ollama/ollama) - Local models.
    ```

    ## Fix safety
    Safe: blank lines are removed or added between entries; no entry changes.
    """
    shared = shared_facts(ctx)
    st = shared.settings
    doc = ctx.doc
    src = doc.source
    entries = doc.entries
    obs: list[tuple[Entry, str]] = []
    gaps: dict[int, tuple[int, int]] = {}  # entry -> (previous item's last line, its first)
    for b in shared.blocks():
        if len(b.items) < 2 or all(x is None for x in b.entries):
            continue
        if internally_loose(doc, b) or is_quoted(doc, b):
            continue
        for i in range(1, len(b.items)):
            ei = b.entries[i]
            if ei is None:
                continue
            last = b.items[i - 1][1]
            first = b.items[i][0]
            obs.append((entries[ei], "tight" if first == last + 1 else "loose"))
            gaps[ei] = (last, first)
    conv = infer(obs, st.get("list-spacing"), st)
    for e, value, c in drift(obs, conv):
        last, first = gaps[e.index]
        if value == "loose":
            edit = Edit(src.line_end(last), src.line_start(first) - 1, "")
            msg = "blank line before this entry makes the whole list loose"
        else:
            edit = Edit(src.line_start(first), src.line_start(first), "\n")
            msg = "no blank line before this entry"
        evidence = c.evidence("list-spacing", str, verb="is", unit="gaps between entries")
        yield ctx.at(Span(src.line_start(first), src.line_end(first)), f"{msg}; {evidence}",
                     fix=guard(ctx.fix(edit, description="tighten" if value == "loose"
                                        else "loosen"), c))


# -- LL512 / LL513 -------------------------------------------------------------------------


def _in_code_span(ctx: Context, e: Entry, offset: int) -> bool:
    return ctx.doc.text.count("`", e.head.start, offset) % 2 == 1


@rule("LL512", "trailing-whitespace", severity="info", fixable=True,
      summary="Spaces at the end of an entry line that do nothing (not a hard line break).")
def trailing_whitespace(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    When the list's entry lines are consistently free of trailing spaces, reports the ones
    that end with spaces that have no effect: a single space, or spaces at the end of the
    entry's paragraph. Two or more spaces *inside* a multi-line entry are a hard line break
    and are left to `hard-break` (LL513). `trailing-whitespace = "off"` turns it off.

    ## Why is this bad?
    Invisible noise that editors strip, producing unrelated diff lines in the next pull
    request.

    ## Example
    (`␣` stands for a space.)
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm) - Fast inference.␣␣
    - [SGLang](https://github.com/sgl-project/sglang) - Structured generation.
    - [LMDeploy](https://github.com/InternLM/lmdeploy) - Compression and serving.
    - [llama.cpp](https://github.com/ggerganov/llama.cpp) - Inference in C/C++.
    - [TGI](https://github.com/huggingface/text-generation-inference) - Serving.
    ```
    Use instead:
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm) - Fast inference.
    - [SGLang](https://github.com/sgl-project/sglang) - Structured generation.
    - [LMDeploy](https://github.com/InternLM/lmdeploy) - Compression and serving.
    - [llama.cpp](https://github.com/ggerganov/llama.cpp) - Inference in C/C++.
    - [TGI](https://github.com/huggingface/text-generation-inference) - Serving.
    ```

    ## Fix safety
    Safe and formatting-only: the rendered page is identical.
    """
    shared = shared_facts(ctx)
    st = shared.settings
    setting = st.get("trailing-whitespace")
    if setting == OFF:
        return
    src = ctx.doc.source
    text = ctx.doc.text
    obs: list[tuple[Entry, str]] = []
    spots: list[tuple[Entry, int, int]] = []
    for e, first, last in shared.heads():
        for n in range(first, last + 1):
            # a head is made of whole lines
            start = e.head.start if n == first else src.line_start(n)
            end = e.head.end if n == last else src.line_end(n)
            if not text.endswith(" ", start, end):
                obs.append((e, "clean"))
                continue
            line = text[start:end]
            stripped = line.rstrip(" ")
            pad = len(line) - len(stripped)
            if stripped.endswith("\t") or not stripped.strip():
                continue
            if (pad >= 2 and n != last) or _in_code_span(ctx, e, end):
                continue  # a hard line break, or inside a code span
            obs.append((e, "trailing"))
            spots.append((e, end - pad, end))
    conv = infer(obs, AUTO if setting == AUTO else "clean", st)
    for e, start, end in spots:
        c = conv.get(e.index)
        if c is None or c.value != "clean":
            continue
        yield ctx.diagnostic(start, end,
                             f"{end - start} trailing space{'s' if end - start > 1 else ''}; "
                             + c.evidence("trailing-whitespace", lambda v: "no trailing spaces",
                                          verb="has", unit="entry lines"),
                             fix=ctx.fix(Edit(start, end, ""), formatting=True,
                                         description="remove trailing spaces"))


@rule("LL513", "hard-break", severity="info", fixable=True,
      summary="A hard line break written differently (two spaces or a backslash) from the list.")
def hard_break(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    In entries spread over several lines, a hard line break is written either with two
    trailing spaces or with a trailing backslash. Reports the breaks that use the form the
    list does not. Pin with `hard-break = "backslash"` or `"spaces"`.

    ## Why is this bad?
    Trailing spaces are invisible and editors strip them, silently joining the lines; mixing
    both forms makes that hard to notice.

    ## Example
    (`␣` stands for a space.)
    ```markdown
    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\\
      OSDI'22
    - [vLLM](https://arxiv.org/abs/2309.06180)\\
      SOSP'23
    - [SARATHI](https://arxiv.org/abs/2308.16369)\\
      arXiv'23
    - [Splitwise](https://arxiv.org/abs/2311.18677)\\
      ISCA'24
    - [DistServe](https://arxiv.org/abs/2401.09670)␣␣
      OSDI'24
    ```
    Use instead:
    ```markdown
    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\\
      OSDI'22
    - [vLLM](https://arxiv.org/abs/2309.06180)\\
      SOSP'23
    - [SARATHI](https://arxiv.org/abs/2308.16369)\\
      arXiv'23
    - [Splitwise](https://arxiv.org/abs/2311.18677)\\
      ISCA'24
    - [DistServe](https://arxiv.org/abs/2401.09670)\\
      OSDI'24
    ```

    ## Fix safety
    Safe and formatting-only: both forms render the same line break.
    """
    shared = shared_facts(ctx)
    st = shared.settings
    src = ctx.doc.source
    obs: list[tuple[Entry, str]] = []
    spots: dict[int, list[tuple[int, int, str]]] = {}
    for e, first, last in shared.heads():
        for n in range(first, last):  # a break ends a line that is not the last
            line = src.line_text(n)
            end = src.line_end(n)
            if _in_code_span(ctx, e, end):
                continue
            stripped = line.rstrip(" ")
            pad = len(line) - len(stripped)
            if pad >= 2 and stripped.strip():
                obs.append((e, "spaces"))
                spots.setdefault(e.index, []).append((end - pad, end, "spaces"))
            elif pad == 0 and line.endswith("\\") and not line.endswith("\\\\"):
                obs.append((e, "backslash"))
                spots.setdefault(e.index, []).append((end - 1, end, "backslash"))
    conv = infer(obs, st.get("hard-break"), st)
    for e, _value in obs:
        c = conv.get(e.index)
        if c is None:
            continue
        for start, end, value in spots.pop(e.index, []):
            if value == c.value:
                continue
            new = "\\" if c.value == "backslash" else "  "
            yield ctx.diagnostic(start, end,
                                 f"hard line break written with {value}; "
                                 f"{c.evidence('hard-break')}",
                                 fix=ctx.fix(Edit(start, end, new), formatting=True,
                                             description=f"write the break with {c.value}"))


# -- LL514 ---------------------------------------------------------------------------------


@rule("LL514", "final-newline", severity="info", fixable=True, tidy=True,
      summary="Blank lines at the end of the file (or, when pinned, a missing final newline).")
def final_newline(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports blank lines after the last line of the file. By default a file without a final
    newline is left alone (listlint keeps that choice when it writes); pin
    `final-newline = "yes"` to require one, or `"no"` to require none.

    ## Why is this bad?
    Trailing blank lines are noise in diffs and get removed by the next editor that saves
    the file, producing an unrelated change.

    ## Example
    A README whose last entry is followed by two blank lines (the empty lines before the
    closing fence):
    ```markdown
    - [httpx](https://github.com/encode/httpx) - A next generation HTTP client.
    - [requests](https://github.com/psf/requests) - Elegant HTTP for humans.


    ```
    Use instead (the file ends with one newline):
    ```markdown
    - [httpx](https://github.com/encode/httpx) - A next generation HTTP client.
    - [requests](https://github.com/psf/requests) - Elegant HTTP for humans.
    ```

    Blank lines inside a code block that is never closed are code, and stay.

    ## Fix safety
    Safe and formatting-only: the rendered page is identical.
    """
    shared = shared_facts(ctx)
    st = shared.settings
    setting = st.get("final-newline")
    text = ctx.doc.text
    if setting == OFF or not text or text.isspace():
        return
    content_end = len(text)  # without copying the file to strip it
    while text[content_end - 1].isspace():
        content_end -= 1
    nl = text.find("\n", content_end)
    tail = text[content_end:]
    if setting == "no":
        if tail:
            yield ctx.diagnostic(content_end, len(text), "file ends with a newline; "
                                 "[tool.listlint.style] final-newline = 'no'",
                                 fix=ctx.fix(Edit(content_end, len(text), ""), formatting=True,
                                             description="remove the final newline"))
        return
    if nl == -1:
        if setting == "yes":
            yield ctx.diagnostic(content_end, len(text),
                                 "file does not end with a newline; "
                                 "[tool.listlint.style] final-newline = 'yes'",
                                 fix=ctx.fix(Edit(len(text), len(text), "\n"), formatting=True,
                                             description="add a final newline"))
        return
    if text[nl + 1:] and not _in_code_block(ctx.doc, nl + 1):
        extra = text.count("\n", nl + 1) + (0 if text.endswith("\n") else 1)
        yield ctx.diagnostic(nl + 1, len(text),
                             f"{extra} blank line{'s' if extra != 1 else ''} at the end of the "
                             "file; end it with exactly one newline",
                             fix=ctx.fix(Edit(nl + 1, len(text), ""), formatting=True,
                                         description="remove blank lines at the end"))


def _in_code_block(doc: Document, offset: int) -> bool:
    """Is ``offset`` inside a code or HTML block (blank lines at the end of the file are
    its content when a fence is never closed)?"""
    return any(span.start <= offset <= span.end for span in reversed(doc.skipped[-3:]))


