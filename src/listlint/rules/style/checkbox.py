"""Task checkboxes (``- [ ] [Paper](…)``): the rules checkbox (LL505) and checkbox-mark (LL506)."""

from __future__ import annotations

from collections.abc import Iterator

from listlint.model import Diagnostic, Edit, Entry, Span
from listlint.registry import Context, rule
from listlint.rules.style.inference import infer
from listlint.rules.style.shared import content_start, drift, guard, shared_facts


@rule("LL505", "checkbox", severity="warning", fixable=True,
      summary="An entry without the task checkbox the rest of the list has (or with one it has not).")
def checkbox(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reading lists track progress with task checkboxes (`- [ ] [Paper](…)`). When nearly
    every entry at a depth has one, an entry without is reported, and the other way round.
    Pin with `checkbox = "always"` or `"never"`.

    ## Why is this bad?
    A missing box cannot be ticked; tools that count read papers miss the entry.

    ## Example
    ```markdown
    - [x] [Orca](https://www.usenix.org/conference/osdi22/presentation/yu): OSDI'22
    - [x] [vLLM](https://arxiv.org/abs/2309.06180): paged attention
    - [ ] [Splitwise](https://arxiv.org/abs/2311.18677): phase splitting
    - [ ] [DistServe](https://arxiv.org/abs/2401.09670): disaggregated serving
    - [SARATHI](https://arxiv.org/abs/2308.16369): chunked prefill
    ```
    Use instead:
    ```markdown
    - [x] [Orca](https://www.usenix.org/conference/osdi22/presentation/yu): OSDI'22
    - [x] [vLLM](https://arxiv.org/abs/2309.06180): paged attention
    - [ ] [Splitwise](https://arxiv.org/abs/2311.18677): phase splitting
    - [ ] [DistServe](https://arxiv.org/abs/2401.09670): disaggregated serving
    - [ ] [SARATHI](https://arxiv.org/abs/2308.16369): chunked prefill
    ```

    ## Fix safety
    Adding an unticked box is safe. Removing a box is unsafe: it drops whether the entry was
    ticked. Malformed boxes (`[]`, `[ x]`) are left to `malformed-checkbox` (LL002).
    """
    shared = shared_facts(ctx)
    st = shared.settings
    text = ctx.doc.text
    obs: list[tuple[Entry, str]] = []
    for e in shared.items:
        if e.checkbox_span is not None:
            obs.append((e, "box"))
            continue
        start = content_start(ctx, e)
        if text.startswith("[", start) and start < e.link_span.start or start > e.link_span.start:
            continue  # a malformed box (LL002) or content on a later line
        obs.append((e, "none"))
    setting = st.get("checkbox")
    pinned = {"always": "box", "never": "none"}.get(setting)
    conv = infer(obs, setting, st, group=lambda e: e.depth, pinned=pinned)
    shown = {"box": "a checkbox", "none": "no checkbox"}
    for e, value, c in drift(obs, conv):
        if value == "none":
            start = content_start(ctx, e)
            fix = ctx.fix(Edit(start, start, "[ ] "), description="add an unticked checkbox")
            span = Span(start, e.link_span.start) if e.link_span.start > start else e.link_span
            yield ctx.at(span, f"entry has no checkbox; "
                               f"{c.evidence('checkbox', lambda v: shown[v])}", fix=guard(fix, c))
        else:
            assert e.checkbox_span is not None
            end = e.checkbox_span.end
            while end < len(text) and text[end] in " \t":
                end += 1
            fix = ctx.fix(Edit(e.checkbox_span.start, end, ""), unsafe=True,
                          description="remove the checkbox")
            yield ctx.at(e.checkbox_span, f"entry has a checkbox; "
                                          f"{c.evidence('checkbox', lambda v: shown[v])}",
                         fix=guard(fix, c))


@rule("LL506", "checkbox-mark", severity="info", fixable=True,
      summary="A ticked box written `[X]` in a list of `[x]` (or the other way round).")
def checkbox_mark(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports ticked checkboxes whose mark differs from the one the list uses (`[x]` or `[X]`).
    Pin with `checked-mark = "x"`.

    ## Why is this bad?
    Both render the same on GitHub, but scripts and `grep '\\[x\\]'` miss the other form.

    ## Example
    ```markdown
    - [x] [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)
    - [x] [vLLM](https://arxiv.org/abs/2309.06180)
    - [X] [SARATHI](https://arxiv.org/abs/2308.16369)
    - [x] [Splitwise](https://arxiv.org/abs/2311.18677)
    - [x] [DistServe](https://arxiv.org/abs/2401.09670)
    ```
    Use instead:
    ```markdown
    - [x] [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)
    - [x] [vLLM](https://arxiv.org/abs/2309.06180)
    - [x] [SARATHI](https://arxiv.org/abs/2308.16369)
    - [x] [Splitwise](https://arxiv.org/abs/2311.18677)
    - [x] [DistServe](https://arxiv.org/abs/2401.09670)
    ```

    ## Fix safety
    Safe: one character of that entry changes.
    """
    shared = shared_facts(ctx)
    st = shared.settings
    text = ctx.doc.text
    obs = [(e, text[e.checkbox_span.start + 1]) for e in shared.items
           if e.checkbox_span is not None and e.checked]
    conv = infer(obs, st.get("checked-mark"), st)
    for e, value, c in drift(obs, conv):
        assert e.checkbox_span is not None
        pos = e.checkbox_span.start + 1
        yield ctx.at(e.checkbox_span,
                     f"ticked box '[{value}]' here; "
                     f"{c.evidence('checked-mark', lambda v: f'[{v}]')}",
                     fix=guard(ctx.fix(Edit(pos, pos + 1, c.value),
                                        description=f"write [{c.value}]"), c))


