"""List items and table rows with links that are not read as entries (LL008)."""

from __future__ import annotations

from collections.abc import Iterator

from listlint.model import Diagnostic, Span
from listlint.registry import Context, rule
from listlint.text import shorten


@rule("LL008", "unread-entries", severity="info",
      summary="List items or table rows with links that are not read as entries.")
def unread_entries(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports each list or table whose items carry http(s) links but were not read as
    entries: one diagnostic per list or table, with how many items and the first lines.
    listlint reads titles that are links (`- [Title](url) - desc`), titles written as
    text with side links (`- **Title** [[pdf](url)] [[code](url)]`), titles whose links sit
    in sub-bullets, Markdown and HTML table rows and `<summary>` lines; an item written
    another way is skipped by every other rule.

    ## Why is this bad?
    Duplicates, venues, spelling, style and link checks see entries only: a skipped item is
    never checked, and "All clear" would be wrong about it. Often the item is prose with a
    link in a sentence, which is fine; sometimes it is an entry written in a layout listlint
    cannot read, or a typo in the item (a missing `]`) that hides its title.

    ## Example
    ```markdown
    - See the [contributing guide](https://example.org/contributing) before you add one.
    - Read more at https://example.org/blog and https://example.org/news
    ```
    Use instead: write entries as `- [Title](url) - description`, or silence the rule for
    a list of prose items with `<!-- listlint-disable-next-line LL008 -->` before it.

    ## Fix safety
    No fix: only the author knows what the item is.
    """
    src = ctx.doc.source
    for block in ctx.doc.unread:
        first = ", ".join(str(n) for n in block.lines[:5])
        more = ", ..." if len(block.lines) > 5 else ""
        what = "list item" if block.kind == "list" else "table row"
        n = len(block.lines)
        shown = shorten(src.line_text(block.lines[0]).strip(), 50)
        yield ctx.at(Span(src.line_start(block.lines[0]), src.line_end(block.lines[0])),
                     f"{n} {what}{'s' if n != 1 else ''} with links not read as entries "
                     f"(lines {first}{more}; first: {shown!r}); other rules skip them")
