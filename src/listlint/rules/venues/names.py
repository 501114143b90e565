"""Venue rules about how a venue is spelled: its name (LL301) and its year (LL303)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from listlint.model import Diagnostic, Edit
from listlint.registry import Context, rule
from listlint.rules.venues.state import replacement, venue_state
from listlint.venue.mention import Venue, format_year
from listlint.venue.table import VenueTable

_DIGITS = re.compile(r"(?<!\d)((?:19|20)\d{2}|\d{2})(?!\d)")


@rule("LL301", "non-canonical-venue", severity="warning", fixable=True,
      summary="A venue spelled another way than its canonical name: `MLSYS`, `NIPS'24`, `SIDMOD`.")
def non_canonical_venue(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports a venue name written in a venue position (after "accepted by", in brackets, a
    badge, a venue column, or with a year) that is not the venue's canonical spelling: case
    drift (`MLSYS`, `Eurosys`), a known variant (`Neurips`), a typo one letter away from a
    known venue (`SIDMOD`), or an old name used after the venue was renamed (`NIPS'24`:
    NeurIPS since 2018, `SysML` before 2020).

    Accepted alternative names (`ATC` for USENIX ATC, `PVLDB`, `TheWebConf`) and lower-case
    DBLP keys in a generated venue column (`osdi`, `uss`) are not reported.

    A list's own consistent spelling is one report for the file: when every mention of a
    venue uses the same non-canonical spelling (`NIPS` throughout, never `NeurIPS`), the
    first is reported with the count (`the list writes it so all 11 times`) and an unsafe fix
    that renames them all. `[tool.listlint.venues] accept = ["NIPS", "Arxiv"]` accepts such
    spellings: they are never reported. A spelling that drifts from the list's own canonical
    one (`MLSYS` beside `MLSys`) is reported and fixed where it occurs.

    ## Why is this bad?
    Readers search a list for `NeurIPS` or `MLSys`; a list that writes the same venue three
    ways hides papers from them, and typos look careless.

    ## Example
    ```markdown
    - [Paper](https://arxiv.org/abs/2401.00001): accepted by MLSYS'25
    - [Paper](https://arxiv.org/abs/2401.00002): accepted by NIPS'24
    ```
    Use instead:
    ```markdown
    - [Paper](https://arxiv.org/abs/2401.00001): accepted by MLSys'25
    - [Paper](https://arxiv.org/abs/2401.00002): accepted by NeurIPS'24
    ```

    ## Fix safety
    Safe: only the venue name in a venue position is replaced. An old name of an old year
    (`NIPS 2017`) is what the venue was called then: it is reported only where the list
    itself writes the new name for an old year too (`NeurIPS 2016` beside `NIPS 2017`), and
    never with `[tool.listlint.venues] keep-old-names = true`; a list that writes each year's
    venue by its name of that year is left as it is. Renaming a list's consistent spelling
    everywhere is unsafe (`--unsafe-fixes`).
    """
    state = venue_state(ctx)
    if state is None:
        return
    by_name = state.table.by_name
    accept = state.settings.accept
    mentions = list(state.mentions())
    renamed_back = _new_names_of_old_years(mentions, state.table)
    spellings: dict[str, Counter[str]] = {}  # canonical name -> how the list writes it
    reported: dict[tuple[str, str], list[tuple[Venue, str]]] = {}
    for v in mentions:
        spellings.setdefault(v.name, Counter())[v.written] += 1
        if v.status not in ("variant", "typo", "old") or v.name_span is None \
                or v.written in accept:
            continue
        info = by_name.get(v.name.casefold())
        if info is None:
            continue
        if v.status == "old":
            old_year = v.year is not None and info.old_until and v.year <= info.old_until
            if old_year and (state.settings.keep_old_names or info.name not in renamed_back):
                continue  # the name of its time, in a list that keeps to that
            if v.year is not None and v.year > info.old_until:
                why = f"{info.old} was renamed {info.name} in {info.old_until + 1}"
            else:
                why = f"the venue is called {info.name} since {info.old_until + 1}"
        elif v.status == "typo":
            why = f"typo of {info.name}"
        else:
            why = f"the canonical spelling is {info.name}"
        reported.setdefault((info.name, v.written), []).append((v, why))
    for (name, written), group in reported.items():
        edits = [Edit(v.name_span.start, v.name_span.end, replacement(v, name))
                 for v, _ in group if v.name_span is not None]
        first, why = group[0]
        assert first.name_span is not None
        if len(group) > 1 and set(spellings.get(name, {})) == {written}:
            # the list's own consistent spelling: one report for the file, and renaming it
            # is the maintainer's call
            fix = ctx.fix(*edits, unsafe=True, description=f"write {name} ({len(edits)} times)")
            yield ctx.at(first.name_span, f"venue {written!r} should be written {name!r} ({why}); "
                         f"the list writes it so all {len(group)} times (accept it with "
                         f"[tool.listlint.venues] accept = [{written!r}])", fix=fix)
            continue
        for v, why in group:
            assert v.name_span is not None
            fix = ctx.fix(Edit(v.name_span.start, v.name_span.end, replacement(v, name)),
                          description=f"write {name}")
            yield ctx.at(v.name_span, f"venue {v.written!r} should be written {name!r} ({why})",
                         fix=fix)


def _new_names_of_old_years(mentions: list[Venue], table: VenueTable) -> set[str]:
    """The renamed venues the list calls by their new name in a year before the rename
    (``NeurIPS 2016``): there, an old name of an old year is drift, not history."""
    out: set[str] = set()
    for v in mentions:
        if v.status == "old" or v.year is None:
            continue
        info = table.by_name.get(v.name.casefold())
        if info is not None and info.old_until and v.year <= info.old_until:
            out.add(info.name)
    return out


@rule("LL303", "malformed-venue-year", severity="warning", fixable=True,
      summary="A venue whose year is not a year: `TACO'October-2023`, `ToN'Jan24`, `OSDI'2`.")
def malformed_venue_year(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports a venue followed by something that is meant as its year but is not one: a month
    glued in (`TACO'October-2023`, `ToN'Jan24`), a three-digit or impossible year.

    ## Why is this bad?
    Tools (and readers sorting by year) cannot read the year, and the notation stands out
    from the rest of the list.

    ## Example
    ```markdown
    - [Paper](https://dl.acm.org/doi/10.1145/3617232): accepted by TACO'October-2023
    ```
    Use instead:
    ```markdown
    - [Paper](https://dl.acm.org/doi/10.1145/3617232): accepted by TACO'23
    ```

    ## Fix safety
    Unsafe: the month (or whatever else was written) is dropped and the year kept in the
    list's year form; review it. No fix when no year can be read.
    """
    state = venue_state(ctx)
    if state is None:
        return
    style = state.notation.year_style
    text = ctx.doc.text
    for v in state.mentions():
        if not v.malformed or v.year_span is None or v.name_span is None:
            continue
        year = _year_in(v.malformed)
        written = text[v.name_span.start:v.year_span.end]
        if year is None:
            yield ctx.at(v.span or v.year_span, f"venue {written!r} has no readable year")
            continue
        new = format_year(year, style)
        fix = ctx.fix(Edit(v.year_span.start, v.year_span.end, new), unsafe=True,
                      description=f"write {v.written}{new}")
        yield ctx.at(v.span or v.year_span,
                     f"malformed venue year {written!r}: write {v.written}{new}", fix=fix)


def _year_in(text: str) -> int | None:
    for m in _DIGITS.finditer(text):
        digits = m.group(1)
        year = int(digits) if len(digits) == 4 else 2000 + int(digits)
        if 1960 <= year <= 2040:
            return year
    return None
