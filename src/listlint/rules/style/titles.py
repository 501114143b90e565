"""Emphasis around entry titles (``**[Title](…)**``): the rule title-emphasis (LL509)."""

from __future__ import annotations

from collections.abc import Iterator

from listlint.model import Diagnostic, Edit, Entry
from listlint.registry import Context, rule
from listlint.rules.style.inference import infer
from listlint.rules.style.shared import BLANKS, content_start, drift, guard, shared_facts


@rule("LL509", "title-emphasis", severity="info", fixable=True,
      summary="A title in bold or italics (or not) unlike the rest of the list.")
def title_emphasis(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Learns whether entry links are wrapped in emphasis (`**[Title](…)**`, `*[Title](…)*`) and
    reports entries that differ. Pin with `title-emphasis = "none"` or `"**"`.

    ## Why is this bad?
    A lone bold entry looks like it matters more than the others; it rarely does.

    ## Example
    ```markdown
    - **[vLLM](https://github.com/vllm-project/vllm)** - Fast inference.
    - [SGLang](https://github.com/sgl-project/sglang) - Structured generation.
    - [LMDeploy](https://github.com/InternLM/lmdeploy) - Compression and serving.
    - [llama.cpp](https://github.com/ggerganov/llama.cpp) - Inference in C/C++.
    - [TGI](https://github.com/huggingface/text-generation-inference) - Serving.
    ```
    In this list of plain links, use instead:
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm) - Fast inference.
    - [SGLang](https://github.com/sgl-project/sglang) - Structured generation.
    - [LMDeploy](https://github.com/InternLM/lmdeploy) - Compression and serving.
    - [llama.cpp](https://github.com/ggerganov/llama.cpp) - Inference in C/C++.
    - [TGI](https://github.com/huggingface/text-generation-inference) - Serving.
    ```

    ## Fix safety
    Safe. Switching `**` and `__` (or `*` and `_`) is formatting-only. Unsafe when the link
    does not start the item (a link inside a sentence is no entry title).
    """
    shared = shared_facts(ctx)
    st = shared.settings
    text = ctx.doc.text
    obs = [(e, e.emphasis or "none") for e in shared.items]
    conv = infer(obs, st.get("title-emphasis"), st)
    for e, value, c in drift(obs, conv):
        ls, le = e.link_span.start, e.link_span.end
        have = "" if value == "none" else value
        want = "" if c.value == "none" else c.value
        fix = None
        # a link inside a sentence ("We give a tutorial on *[X](…)* at Y") is no entry title
        inside = ls - len(have) != _title_start(ctx, e)
        if have and text[ls - len(have):ls] == have and text[le:le + len(have)] == have:
            fix = ctx.fix(Edit(ls - len(have), ls, want), Edit(le, le + len(have), want),
                          formatting=bool(want) and len(want) == len(have), unsafe=inside,
                          description=f"use {c.value!r}")
        elif not have:
            fix = ctx.fix(Edit(ls, ls, want), Edit(le, le, want), unsafe=inside,
                          description=f"use {want!r}")
        yield ctx.at(e.link_span,
                     f"title emphasis {_emphasis(value)} here; "
                     f"{c.evidence('title-emphasis', _emphasis)}", fix=guard(fix, c))


def _title_start(ctx: Context, e: Entry) -> int:
    """Where an item's title would start: after the marker, the checkbox and their spaces."""
    start = content_start(ctx, e)
    if e.checkbox_span is not None and e.checkbox_span.start == start:
        start = BLANKS.match(ctx.doc.text, e.checkbox_span.end).end()  # type: ignore[union-attr]
    return start


def _emphasis(value: str) -> str:
    return "a plain title" if value == "none" else repr(value)


