"""Separators between an entry's link and its description: the rules separator (LL503) and
separator-spacing (LL504)."""

from __future__ import annotations

from collections.abc import Iterator

from listlint.entry_text import separator_kind
from listlint.model import Diagnostic, Edit, Entry
from listlint.registry import Context, rule
from listlint.rules.style.inference import Convention, infer, most_common
from listlint.rules.style.settings import AUTO
from listlint.rules.style.shared import drift, guard, shared_facts


def _shown(sep: str) -> str:
    return repr(sep) if sep.strip() else "a space" if sep == " " else repr(sep)


@rule("LL503", "separator", severity="warning", fixable=True,
      summary="A separator between link and description other than the one the list uses.")
def separator(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Learns how the list separates an entry's link from its description (`: `, ` - `, ` — `,
    ` | `, just a space) and reports the entries that use something else. A list that
    consistently uses `: ` is not told to use ` - `. Pin with `separator = " - "`.

    ## Why is this bad?
    Mixed separators look careless and break scripts that split entries into name and
    description.

    ## Example
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm): fast inference.
    - [SGLang](https://github.com/sgl-project/sglang) - structured generation.
    - [LMDeploy](https://github.com/InternLM/lmdeploy): compression and serving.
    - [llama.cpp](https://github.com/ggerganov/llama.cpp): inference in C/C++.
    - [TGI](https://github.com/huggingface/text-generation-inference): serving.
    ```
    The second line gets `separator ' - ' here; this list uses ': ' in 80% of 5 entries`.
    Use instead:
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm): fast inference.
    - [SGLang](https://github.com/sgl-project/sglang): structured generation.
    - [LMDeploy](https://github.com/InternLM/lmdeploy): compression and serving.
    - [llama.cpp](https://github.com/ggerganov/llama.cpp): inference in C/C++.
    - [TGI](https://github.com/huggingface/text-generation-inference): serving.
    ```

    ## Fix safety
    Safe: only the separator of that entry is rewritten (with the list's usual spacing).
    """
    shared = shared_facts(ctx)
    st = shared.settings
    obs = shared.separators()
    pin = st.get("separator")
    kinds = shared.separator_kinds()
    conv = infer(kinds, pin, st, pinned=separator_kind(pin) if st.pinned("separator") else None)
    if not conv:
        return
    usual: dict[str, str] = {}
    for (e, sep), (_, kind) in zip(obs, kinds):
        c = conv.get(e.index)
        if c is None or kind == c.value:
            continue
        if c.value not in usual:
            usual[c.value] = pin if st.pinned("separator") else (
                most_common(s for (_, s), (_, k) in zip(obs, kinds) if k == c.value) or c.value)
        want = usual[c.value]
        assert e.separator_span is not None
        fix = ctx.fix(Edit(e.separator_span.start, e.separator_span.end, want),
                      description=f"use {want!r}")
        shown_conv = Convention(want, c.count, c.total, c.scope)
        head = "only a space as separator" if sep == " " else f"separator {_shown(sep)}"
        yield ctx.at(e.separator_span, f"{head} here; "
                                       f"{shown_conv.evidence('separator', _shown)}", fix=guard(fix, c))


@rule("LL504", "separator-spacing", severity="info", fixable=True,
      summary="The right separator with the wrong spacing (`:  `, `-`, ` :`).")
def separator_spacing(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Among entries that use the list's separator, reports those that space it differently
    (`:  ` or ` :` in a list of `: `; `- ` in a list of ` - `).

    ## Why is this bad?
    Invisible in most renderings but noisy in diffs and in scripts that split on the
    separator.

    ## Example
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm):  fast inference.
    - [SGLang](https://github.com/sgl-project/sglang): structured generation.
    - [LMDeploy](https://github.com/InternLM/lmdeploy): compression and serving.
    - [llama.cpp](https://github.com/ggerganov/llama.cpp): inference in C/C++.
    - [TGI](https://github.com/huggingface/text-generation-inference): serving.
    ```
    Use instead:
    ```markdown
    - [vLLM](https://github.com/vllm-project/vllm): fast inference.
    - [SGLang](https://github.com/sgl-project/sglang): structured generation.
    - [LMDeploy](https://github.com/InternLM/lmdeploy): compression and serving.
    - [llama.cpp](https://github.com/ggerganov/llama.cpp): inference in C/C++.
    - [TGI](https://github.com/huggingface/text-generation-inference): serving.
    ```

    ## Fix safety
    Safe: only the whitespace around that entry's separator changes.
    """
    shared = shared_facts(ctx)
    st = shared.settings
    if st.off("separator-spacing"):
        return
    by_kind: dict[str, list[tuple[Entry, str]]] = {}
    for (e, sep), (_, kind) in zip(shared.separators(), shared.separator_kinds()):
        by_kind.setdefault(kind, []).append((e, sep))
    pin = st.get("separator")
    for kind, group in by_kind.items():
        if kind == " ":
            continue
        if st.pinned("separator"):
            if separator_kind(pin) != kind:
                continue  # LL503 rewrites these with the pinned spacing
            conv = infer(group, pin, st)
        else:
            conv = infer(group, AUTO, st)
        for e, sep, c in drift(group, conv):
            assert e.separator_span is not None
            yield ctx.at(e.separator_span,
                         f"separator {sep!r} here; {c.evidence('separator')}",
                         fix=guard(ctx.fix(Edit(e.separator_span.start, e.separator_span.end,
                                                 c.value), description=f"use {c.value!r}"), c))


