"""Venue rules about where a venue is written and whether at all: the list's own notation
(LL302), a venue the URL implies but the text does not name (LL304), and a text that the URL
contradicts (LL305)."""

from __future__ import annotations

from collections.abc import Iterator

from listlint.model import Diagnostic, Edit, Entry
from listlint.registry import Context, rule
from listlint.rules.venues.notation import FileNotation
from listlint.rules.venues.state import replacement, venue_state
from listlint.venue.mention import Venue, format_year, render_venue, same_venue

MIN_DOMINANT = 0.6  # a notation is the file's own when this share of mentions use it
MIN_MENTIONS = 5
_INLINE = frozenset({"phrase", "bracket", "bold-bracket", "paren", "bold", "pipe", "bare"})
_EVENTS = frozenset({"Tutorial"})


@rule("LL302", "venue-notation-drift", severity="info", fixable=True,
      summary="A venue written in another notation than the list's own (`OSDI 2024` among `OSDI'24`).")
def venue_notation_drift(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Learns how the list writes venues (the dominant notation: `accepted by OSDI'24`,
    `[OSDI'24]` before the link, `| OSDI' 24`, `(OSDI 2024)` ...; and the dominant year form:
    `'24`, `' 24`, ` 2024`) and reports venues written otherwise, when at least 60 % of the
    list's venue mentions agree.

    ## Why is this bad?
    A list that writes venues one way can be scanned by eye and parsed by scripts; drift makes
    both harder and usually comes from copy-pasting other lists.

    ## Example
    Four entries write their venue as `accepted by OSDI'22`, the last one otherwise:
    ```markdown
    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu): batching, accepted by OSDI'22
    - [vLLM](https://arxiv.org/abs/2309.06180): paged attention, accepted by SOSP'23
    - [DistServe](https://arxiv.org/abs/2401.09670): disaggregated serving, accepted by OSDI'24
    - [Splitwise](https://arxiv.org/abs/2311.18677): phase splitting, accepted by ISCA'24
    - [Llumnix](https://arxiv.org/abs/2406.03243): request migration, OSDI 2024
    ```
    Use instead (what the fix writes):
    ```markdown
    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu): batching, accepted by OSDI'22
    - [vLLM](https://arxiv.org/abs/2309.06180): paged attention, accepted by SOSP'23
    - [DistServe](https://arxiv.org/abs/2401.09670): disaggregated serving, accepted by OSDI'24
    - [Splitwise](https://arxiv.org/abs/2311.18677): phase splitting, accepted by ISCA'24
    - [Llumnix](https://arxiv.org/abs/2406.03243): request migration, accepted by OSDI'24
    ```

    ## Fix safety
    Safe: the year is rewritten in the list's year form, and a bare venue after a comma gets
    the list's phrase (`accepted by`) in front. Unsafe: moving a venue from before the link to
    after it (`[OSDI'22] [Orca](url)` -> `[Orca](url): accepted by OSDI'22`) or back. A venue
    that is the whole description, or a bare venue inside a sentence, is only reported.
    """
    state = venue_state(ctx)
    if state is None:
        return
    fn = state.notation
    if fn.total < MIN_MENTIONS:
        return
    text = ctx.doc.text
    for ev in state.found:
        for v in ev.mentions:
            if not v.known or v.span is None or v.malformed or v.notation not in _INLINE:
                continue
            if v.qualifier in _EVENTS:
                continue  # a tutorial is an event, not where a paper appeared
            edits: list[Edit] = []
            problems: list[str] = []
            position_drift = fn.notation_share >= MIN_DOMINANT and fn.notation in _INLINE and \
                v.notation != fn.notation and not _same_family(v.notation, fn.notation)
            year_drift = fn.year_share >= MIN_DOMINANT and v.year_style and v.year is not None \
                and v.year_style != fn.year_style and v.year_span is not None
            if not (position_drift or year_drift):
                continue
            fixable = True
            moved: list[Edit] | None = None
            e = ctx.doc.entries[ev.entry]
            if year_drift and v.year is not None and v.year_span is not None:
                edits.append(Edit(v.year_span.start, v.year_span.end,
                                  format_year(v.year, fn.year_style)))
                problems.append(f"year form {v.year_style.strip()!r} instead of {fn.year_style!r}")
            if position_drift:
                problems.append(f"{v.notation} instead of {fn.notation}")
                if v.notation == "bare" and fn.notation == "phrase" and \
                        _after_separator(text, v.span.start, e):
                    edits.append(Edit(v.span.start, v.span.start, f"{fn.phrase} "))
                else:
                    moved = _move(ctx, e, v, fn)
                    fixable = moved is not None
            written = text[v.span.start:v.span.end]
            example = _example(fn, v)
            msg = (f"venue {written!r} is written {' and '.join(problems)}; this list writes "
                   f"venues as {example!r}")
            fix = None
            if moved:
                fix = ctx.fix(*moved, unsafe=True, description=f"write like {example}")
            elif fixable and edits:
                fix = ctx.fix(*edits, description=f"write like {example}")
            yield ctx.at(v.span, msg, fix=fix)


_AFTER_LINK = frozenset({"phrase", "paren", "bold", "pipe", "bare"})
_BEFORE_LINK = frozenset({"bracket", "bold-bracket"})
_WRAP = {"bracket": ("[", "]"), "bold-bracket": ("**[", "]**"), "paren": ("(", ")"),
         "bold": ("**", "**")}


def _move(ctx: Context, e: Entry, v: Venue, fn: FileNotation) -> list[Edit] | None:
    """Edits that move venue ``v`` of entry ``e`` to the other side of the link, written in
    the list's notation; None when that cannot be done cleanly (it is then only reported)."""
    text = ctx.doc.text
    if e.kind != "item" or v.span is None:
        return None
    label = v.written + (format_year(v.year, fn.year_style) if v.year else "") + \
        (f" {v.qualifier}" if v.qualifier else "")
    if v.notation in _BEFORE_LINK and fn.notation in _AFTER_LINK:
        if v.span.end > e.link_span.start:
            return None
        a, b = _wrapped(text, v)
        if a is None:
            return None
        while b < e.link_span.start and text[b] in " \t":
            b += 1
        insert, _ = _insertion(ctx, e, fn, label)
        return [Edit(a, b, ""), insert] if insert is not None else None
    if v.notation in _AFTER_LINK and fn.notation in _BEFORE_LINK:
        desc = e.description_span
        if desc is None or v.span.start < e.link_span.end:
            return None
        if v.notation == "phrase" and v.clause is not None:
            a, b = v.clause.start, v.span.end
        elif v.notation in _WRAP:
            a, b = _wrapped(text, v)
        elif v.notation == "pipe":
            k = text.rfind("|", desc.start, v.span.start)
            a, b = (k, v.span.end) if k != -1 else (None, 0)
        else:
            return None
        if a is None:
            return None
        while a > desc.start and text[a - 1] in " \t":
            a -= 1
        if a <= desc.start or "\n" in text[a:b]:
            return None  # the venue is the whole description: leave it to a human
        start = e.link_span.start - (len(e.emphasis) if e.emphasis and
                                     text.endswith(e.emphasis, 0, e.link_span.start) else 0)
        shown = f"[{label}]" if fn.notation == "bracket" else f"**[{label}]**"
        return [Edit(start, start, shown + " "), Edit(a, b, "")]
    return None


def _wrapped(text: str, v: Venue) -> tuple[int | None, int]:
    """The span of ``v`` with its brackets, parentheses or bold markers."""
    assert v.span is not None
    opener, closer = _WRAP.get(v.notation, ("", ""))
    a, b = v.span.start - len(opener), v.span.end + len(closer)
    if not opener or text[a:v.span.start] != opener or text[v.span.end:b] != closer:
        return None, 0
    return a, b


def _same_family(a: str, b: str) -> bool:
    return {a, b} == {"bracket", "bold-bracket"}


def _after_separator(text: str, offset: int, e: Entry) -> bool:
    """Does a clause start at ``offset`` (after ``, `` or ``: ``, or the description's start)?"""
    if e.description_span is not None and offset == e.description_span.start:
        return True
    return text[max(0, offset - 3):offset].rstrip(" \t").endswith((",", ";", ":", "|"))


def _example(fn: FileNotation, v: Venue) -> str:
    core = fn.spellings.get(v.name, v.name) + (format_year(v.year, fn.year_style) if v.year
                                               else "")
    return {"phrase": f"{fn.phrase} {core}", "bracket": f"[{core}]", "bold-bracket": f"**[{core}]**",
            "paren": f"({core})", "bold": f"**{core}**", "pipe": f"| {core}"}.get(fn.notation, core)


@rule("LL304", "venue-missing", severity="info", fixable=True,
      summary="An entry names no venue although its URL says where it was published.")
def venue_missing(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports an entry of a list that uses venues whose text names no venue although its link
    tells where the paper appeared, without any network: `usenix.org/conference/osdi24/…`
    (OSDI'24), `proceedings.mlr.press/v202/…` (ICML'23), `proceedings.mlsys.org/…/2024/…`,
    `proceedings.neurips.cc/…/2023/…`, `aclanthology.org/2025.coling-main.12` (COLING'25),
    `openaccess.thecvf.com/content/CVPR2023/…`, `computer.org/csdl/proceedings-article/sc/2024/…`.
    `openreview.net` and `dl.acm.org` links do not tell the venue; `listlint venues --lookup`
    asks online services instead.

    ## Why is this bad?
    The venue is what readers of a paper list look for first, and here it is known for sure.

    ## Example
    ```markdown
    - [vLLM](https://arxiv.org/abs/2309.06180): paged attention, accepted by SOSP'23
    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu): batching
    - [DistServe](https://arxiv.org/abs/2401.09670): disaggregated serving, accepted by OSDI'24
    ```
    Use instead:
    ```markdown
    - [vLLM](https://arxiv.org/abs/2309.06180): paged attention, accepted by SOSP'23
    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu): batching, accepted by OSDI'22
    - [DistServe](https://arxiv.org/abs/2401.09670): disaggregated serving, accepted by OSDI'24
    ```

    ## Fix safety
    Unsafe by default (it adds words to the entry): the venue is added in the list's own
    notation. `[tool.listlint.venues] write-missing = true` makes it safe. Lists whose venues
    live in badges or a table column get no fix.
    """
    state = venue_state(ctx)
    if state is None:
        return
    lookup = ctx.inputs.venue_lookup
    lookup_safe = ctx.inputs.venue_lookup_safe
    fn = state.notation
    for ev in state.found:
        if ev.text is not None:
            continue
        e = ctx.doc.entries[ev.entry]
        implied = ev.url
        source = "the URL"
        if implied is None and e.index in lookup:
            implied = lookup[e.index]
            source = "a look-up"
        if implied is None:
            continue
        label = fn.render(implied)
        evidence = f" ({implied.evidence})" if implied.evidence else ""
        if ev.preprint is not None:
            yield ctx.at(e.link_span, f"marked as a preprint ({ev.preprint.written!r}) but "
                         f"{source} says {label}{evidence}")
            continue
        edit, shown = _insertion(ctx, e, fn, label)
        fix = None
        if edit is not None:
            safe = state.settings.write_missing or (source == "a look-up" and lookup_safe)
            fix = ctx.fix(edit, unsafe=not safe, description=f"add {shown!r}")
        hint = f": add {shown!r}" if edit is not None else ""
        yield ctx.at(e.link_span, f"no venue, but {source} says {label}{evidence}{hint}", fix=fix)


def _insertion(ctx: Context, e: Entry, fn: FileNotation, label: str) -> tuple[Edit | None, str]:
    """Where and how to add ``label`` to entry ``e`` in the list's notation."""
    if e.kind != "item" or fn.notation not in _INLINE:
        return None, ""
    text = ctx.doc.text
    link_end = e.link_span.end + (len(e.emphasis) if e.emphasis and
                                  text.startswith(e.emphasis, e.link_span.end) else 0)
    if fn.notation in ("bracket", "bold-bracket"):
        start = e.link_span.start - (len(e.emphasis) if e.emphasis and
                                     text.endswith(e.emphasis, 0, e.link_span.start) else 0)
        shown = f"[{label}]" if fn.notation == "bracket" else f"**[{label}]**"
        return Edit(start, start, shown + " "), shown
    shown = {"phrase": f"{fn.phrase} {label}", "paren": f"({label})", "bold": f"**{label}**",
             "pipe": f"| {label}", "bare": label}[fn.notation]
    desc = e.description_span
    if desc is not None and e.description and desc.end > desc.start:
        if "\n" in text[e.link_span.end:desc.end]:
            return None, ""  # a multi-line head: leave it to a human
        end = desc.end
        if fn.notation in ("paren", "bold", "pipe"):
            return Edit(end, end, " " + shown), shown
        joiner = fn.joiner if not text.endswith((".", ",", ";", ":"), 0, end) else " "
        return Edit(end, end, joiner + shown), shown
    if fn.notation in ("paren", "bold", "pipe"):
        return Edit(link_end, link_end, " " + shown), shown
    return Edit(link_end, link_end, fn.separator + shown), shown


@rule("LL305", "venue-contradicts-url", severity="warning", fixable=True,
      summary="The venue in the text is not the one the URL implies: `OSDI'23` on an osdi22 page.")
def venue_contradicts_url(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports an entry whose text names a venue or year that its link contradicts: the text says
    `accepted in OSDI'23` but the link is `usenix.org/conference/osdi22/…`. Only URLs that tell
    the venue for sure are used (see LL304); VLDB and SIGMOD years may differ by one (PVLDB
    volumes and PACMMOD issues straddle two years).

    ## Why is this bad?
    One of the two is wrong, and a reader cannot tell which.

    ## Example
    ```markdown
    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu): accepted in OSDI'23
    ```
    Use instead:
    ```markdown
    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu): accepted in OSDI'22
    ```

    ## Fix safety
    Unsafe: the text is rewritten to the URL's venue and year, but the link may be the wrong
    one. Review it.
    """
    state = venue_state(ctx)
    if state is None:
        return
    text = ctx.doc.text
    for ev in state.found:
        url = ev.url
        if url is None:
            continue
        named = [v for v in ev.mentions if v.known and not v.preprint and v.span is not None]
        if not named or any(same_venue(v, url) for v in named):
            continue
        v = named[0]
        if v.name_span is None:
            continue
        end = v.year_span.end if v.year_span is not None else v.name_span.end
        written = text[v.name_span.start:end]
        new = render_venue(url.name, url.year, "", v.year_style or state.notation.year_style)
        if v.name == url.name:
            new = v.written + (format_year(url.year, v.year_style or state.notation.year_style)
                               if url.year else "")
        content = replacement(v, new)
        fix = ctx.fix(Edit(v.name_span.start, end, content), unsafe=True, description=f"write {new}")
        yield ctx.at(v.span or v.name_span,
                     f"venue {written!r} contradicts the URL, which says {url.label()} "
                     f"({url.evidence})", fix=fix)
