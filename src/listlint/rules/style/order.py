"""Alphabetical order: the sort keys maintainers use, the entries out of place under the one
that fits a list best, and the rule alphabetical-order (LL515)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from listlint.model import Diagnostic, Edit, Fix
from listlint.order import unsorted_positions
from listlint.registry import Context, rule
from listlint.rules.style.blocks import ListBlock, is_quoted
from listlint.rules.style.settings import AUTO, OFF
from listlint.rules.style.shared import shared_facts
from listlint.text import shorten

if TYPE_CHECKING:
    from listlint.document import Document

_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())


def _plain(title: str) -> str:
    t = title.lower().strip()
    i = 0
    while i < len(t) and not t[i].isalnum():
        i += 1
    return t[i:] or t


def _as_title(plain: str) -> str:
    return plain


def _as_line(plain: str) -> str:
    return plain + "]"


def _alnum_only(plain: str) -> str:
    if plain.isascii():  # bytes.translate deletes in C, much faster than a regex
        return plain.encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    return "".join(filter(str.isalnum, plain))


#: The orders maintainers sort by, as functions of a title's :func:`_plain` form:
#: case-insensitive titles; raw lines (so ``Tube Archivist`` sorts before ``Tube``, as
#: ``' ' < ']'``); letters and digits only (``RSS-Bridge`` before ``RSS Monster``). A list
#: sorted by any of them counts as sorted.
_PLAIN_KEYS: tuple[Callable[[str], str], ...] = (_as_title, _as_line, _alnum_only)

#: The same orders as functions of a title.
SORT_KEYS: tuple[Callable[[str], str], ...] = (
    _plain,
    lambda t: _as_line(_plain(t)),
    lambda t: _alnum_only(_plain(t)),
)


def best_order(titles: Sequence[str]) -> tuple[list[int], list[str]]:
    """(positions out of order, keys) under the sort key that fits ``titles`` best."""
    plain = [_plain(t) for t in titles]
    best: tuple[list[int], list[str]] | None = None
    for key in _PLAIN_KEYS:
        keys = list(map(key, plain))
        bad = unsorted_positions(keys)
        if best is None or len(bad) < len(best[0]):
            best = (bad, keys)
        if not bad:
            break
    assert best is not None
    return best



# -- LL515 ---------------------------------------------------------------------------------


@rule("LL515", "alphabetical-order", severity="info", fixable=True,
      summary="An entry out of alphabetical order in a list that is otherwise sorted.")
def alphabetical_order(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    When a list is sorted by title except for a few entries (at least 8 entries, at most 10%
    out of place), or when nearly every list of the file is sorted, reports the entries out
    of place. `order = "alphabetical"` requires sorted lists everywhere; `"off"` turns it off.
    Titles compare case-insensitively, ignoring leading punctuation.

    ## Why is this bad?
    In a sorted list readers look for an entry where it should be; a misplaced one looks
    missing, and gets added twice.

    ## Example
    ```markdown
    - [aiohttp](https://github.com/aio-libs/aiohttp) - Async HTTP.
    - [grequests](https://github.com/spyoungtech/grequests) - Requests with gevent.
    - [requests](https://github.com/psf/requests) - HTTP for humans.
    - [httpcore](https://github.com/encode/httpcore) - Minimal HTTP client.
    - [httpx](https://github.com/encode/httpx) - Next generation HTTP client.
    - [pycurl](https://github.com/pycurl/pycurl) - Bindings for libcurl.
    - [treq](https://github.com/twisted/treq) - Requests-like API on Twisted.
    - [uplink](https://github.com/prkumar/uplink) - Declarative API clients.
    - [urllib3](https://github.com/urllib3/urllib3) - Connection pooling and retries.
    - [yarl](https://github.com/aio-libs/yarl) - URL parsing.
    ```
    Use instead:
    ```markdown
    - [aiohttp](https://github.com/aio-libs/aiohttp) - Async HTTP.
    - [grequests](https://github.com/spyoungtech/grequests) - Requests with gevent.
    - [httpcore](https://github.com/encode/httpcore) - Minimal HTTP client.
    - [httpx](https://github.com/encode/httpx) - Next generation HTTP client.
    - [pycurl](https://github.com/pycurl/pycurl) - Bindings for libcurl.
    - [requests](https://github.com/psf/requests) - HTTP for humans.
    - [treq](https://github.com/twisted/treq) - Requests-like API on Twisted.
    - [uplink](https://github.com/prkumar/uplink) - Declarative API clients.
    - [urllib3](https://github.com/urllib3/urllib3) - Connection pooling and retries.
    - [yarl](https://github.com/aio-libs/yarl) - URL parsing.
    ```

    ## Fix safety
    Safe when the list itself is sorted but for a few entries (or `order` is pinned): the list
    is rewritten in sorted order, each entry moving with its sub-items and continuation lines;
    blank lines between entries stay where they were (an item indented up to 3 spaces off
    its siblings is sorted with them; LL510 re-indents it). Unsafe when only the *other* lists of
    the file are sorted: a list far from sorted may keep an order of its own (by importance,
    by date). Ordered lists (`1.`) are never reordered.
    """
    shared = shared_facts(ctx)
    st = shared.settings
    setting = st.get("order")
    if setting == OFF:
        return
    doc = ctx.doc
    entries = doc.entries
    candidates: list[tuple[ListBlock, list[int], list[str]]] = []
    for b in shared.blocks():
        if b.ordered or len(b.items) < 2 or any(x is None for x in b.entries):
            continue
        if is_quoted(doc, b) or not _one_level({_lead(doc, first) for first, _ in b.items}):
            continue
        bad, keys = _out_of_order([entries[x].title for x in b.entries if x is not None])
        candidates.append((b, bad, keys))
    file_sorted = False
    if setting == AUTO:
        # a nearly sorted list counts as sorted: its safe fix sorts it, and the fixed file
        # must come to the same verdict (a second `fix` sorts nothing more)
        sizable = [bad for _, bad, k in candidates if len(k) >= 3]
        ok = sum(1 for _, bad, k in candidates if len(k) >= 3 and _nearly(bad, len(k)))
        file_sorted = len(sizable) >= st.min_entries and ok >= st.threshold * len(sizable)
    for b, bad, keys in candidates:
        if not bad:
            continue
        n = len(keys)
        nearly = _nearly(bad, n) and bool(bad)
        if setting == AUTO and not file_sorted and not nearly:
            continue
        if setting != AUTO:
            why = "[tool.listlint.style] order = 'alphabetical'"
        elif file_sorted and not nearly:
            why = "the other lists of this file are sorted"
        else:
            why = f"this list is sorted except for {len(bad)} of {n} entries"
        # a list far from sorted may be in an order of its own (by importance, by date):
        # sorting it because the other lists are sorted is the maintainer's call
        fix = _sort_fix(ctx, b, keys, unsafe=setting == AUTO and not nearly)
        order = sorted(range(n), key=lambda i: keys[i])
        rank = {i: r for r, i in enumerate(order)}
        members = [entries[x] for x in b.entries if x is not None]
        for i in bad:
            e = members[i]
            r = rank[i]
            hint = f"belongs after {shorten(members[order[r - 1]].title, 40)!r}" if r else "belongs first"
            assert e.marker_span is not None
            yield ctx.at(e.title_span, f"entry {shorten(e.title, 40)!r} is out of alphabetical "
                                       f"order ({hint}); {why}", fix=fix)


def _out_of_order(titles: list[str]) -> tuple[list[int], list[str]]:
    """(positions out of order, sort keys) of a list's titles, a repeated title not
    counted: a repeat is the duplicate rules' business, and once the fix removes it the
    list must be judged as it was (so a second `fix` sorts nothing more)."""
    bad, keys = best_order(titles)
    if not bad or len(set(keys)) == len(keys):
        return bad, keys
    seen: set[str] = set()
    first: list[int] = []  # the first position of each key
    for i, k in enumerate(keys):
        if k not in seen:
            seen.add(k)
            first.append(i)
    return [first[j] for j in unsorted_positions([keys[i] for i in first])], keys


def _nearly(bad: list[int], n: int) -> bool:
    """Is a list of ``n`` entries sorted but for the entries ``bad`` (few of many)?"""
    return not bad or (n >= 8 and len(bad) <= max(1, n // 10))


def _one_level(leads: set[str]) -> bool:
    """Do items indented by ``leads`` read as one level to a reader? The same indentation,
    or spaces that differ by at most 3 (an item one space off, which LL510 re-indents: the
    sort carries its line as it is, and LL510's fix goes with it in the same sweep)."""
    if len(leads) == 1:
        return True
    widths = [len(lead) for lead in leads if lead.strip(" ") == ""]
    return len(widths) == len(leads) and max(widths) - min(widths) <= 3


def _lead(doc: Document, line_no: int) -> str:
    line = doc.source.line_text(line_no)
    return line[: len(line) - len(line.lstrip())]


def _sort_fix(ctx: Context, b: ListBlock, keys: list[str], unsafe: bool = False) -> Fix:
    src = ctx.doc.source
    text = ctx.doc.text
    blocks = [text[src.line_start(first):src.line_end(last)] for first, last in b.items]
    gaps = [text[src.line_end(b.items[i][1]):src.line_start(b.items[i + 1][0])]
            for i in range(len(b.items) - 1)]
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    parts = []
    for pos, i in enumerate(order):
        parts.append(blocks[i])
        if pos < len(gaps):
            parts.append(gaps[pos])
    start = src.line_start(b.items[0][0])
    end = src.line_end(b.items[-1][1])
    return ctx.fix(Edit(start, end, "".join(parts)), unsafe=unsafe, description="sort the list")
