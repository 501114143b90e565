"""The figures of :class:`listlint.stats.Stats` as text: Markdown tables or terminal columns.

Both formats come from the same list of :class:`Table` objects, so ``listlint stats``,
``listlint report --format markdown`` and the HTML page never disagree about a number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from listlint.history import Point
from listlint.report import plural
from listlint.report.escape import printable
from listlint.stats import Stats
from listlint.text import shorten

TOP = 20
BAR_WIDTH = 24


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    numeric: tuple[int, ...] = ()  # columns aligned right


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def _bar(value: int, top: int) -> str:
    if top <= 0 or value <= 0:
        return ""
    n = value * BAR_WIDTH / top
    full = int(n)
    return "█" * full + ("▌" if n - full >= 0.5 else "") or "▏"


def tables(s: Stats, history: Sequence[Point] = (), history_note: str = "") -> list[Table]:
    out: list[Table] = []
    summary = [("entries", str(s.entries)),
               ("top-level entries", str(s.top_level)),
               ("with a description", f"{s.with_description} ({_pct(s.with_description, s.entries)})"),
               ("sections with entries", str(sum(1 for x in s.sections if x.total))),
               ("links", str(s.links)),
               ("duplicates", str(len(s.duplicates))),
               ("problems found by the check", str(s.diagnostics))]
    if s.link_verdicts:
        summary.append(("dead or unreachable links (last link check)", str(len(s.failing_links))))
    if s.with_checkbox:
        summary.insert(3, ("checked / with checkbox",
                           f"{s.checked} / {s.with_checkbox} ({_pct(s.checked, s.with_checkbox)})"))
        summary.insert(4, ("unchecked", str(s.unchecked)))
    if s.venues_known and (s.with_venue or s.is_paper_list):
        summary.append(("with a venue", f"{s.with_venue} ({_pct(s.with_venue, s.entries)})"))
    if s.is_paper_list:
        summary.append(("with a year", str(s.with_year)))
    summary += [(c.label, str(c.count)) for c in s.severities]
    out.append(Table("Summary", ("figure", "value"), tuple(summary), numeric=(1,)))

    top = max([x.own for x in s.sections] + [s.unsectioned])
    tasks = s.with_checkbox > 0
    rows = []
    if s.unsectioned:
        rows.append(("(before the first heading)", str(s.unsectioned), str(s.unsectioned))
                    + (("", "") if tasks else ()) + (_bar(s.unsectioned, top),))
    for sec in s.sections:
        if not sec.total:
            continue
        name = "  " * sec.depth + (sec.title or "(untitled)")
        row: tuple[str, ...] = (name, str(sec.total), str(sec.own))
        if tasks:
            row += (str(sec.checked), str(sec.unchecked))
        rows.append(row + (_bar(sec.own, top),))
    headers = ("section", "entries", "here") + (("checked", "unchecked") if tasks else ()) + ("",)
    if rows:
        out.append(Table("Entries per section", headers, tuple(rows),
                         "entries: the whole subtree; here and the bar: directly under the "
                         "heading", numeric=(1, 2, 3, 4) if tasks else (1, 2)))

    if s.is_paper_list:
        if s.venues:
            vtop = s.venues[0].count
            vrows = [(c.label, str(c.count), _bar(c.count, vtop)) for c in s.venues[:TOP]]
            rest = sum(c.count for c in s.venues[TOP:])
            if rest:
                vrows.append((f"{len(s.venues) - TOP} other venues", str(rest), ""))
            out.append(Table("Venues", ("venue", "entries", ""), tuple(vrows),
                             f"{s.with_venue} of {plural(s.entries, 'entry', 'entries')} "
                             f"name{'s' if s.with_venue == 1 else ''} a venue",
                             numeric=(1,)))
        if s.years:
            ytop = max(c.count for c in s.years)
            out.append(Table("Years", ("year", "entries", ""),
                             tuple((c.label, str(c.count), _bar(c.count, ytop)) for c in s.years),
                             f"{s.with_year} of {plural(s.entries, 'entry', 'entries')} "
                             f"ha{'s' if s.with_year == 1 else 've'} a year (the venue's, "
                             "else a preprint's or arXiv identifier's)", numeric=(1,)))

    if s.hosts:
        htop = s.hosts[0].count
        out.append(Table("Hosts", ("host", "entries", ""),
                         tuple((c.label, str(c.count), _bar(c.count, htop))
                               for c in s.hosts[:TOP]),
                         plural(len(s.hosts), "host") if len(s.hosts) > TOP else "", numeric=(1,)))

    if s.link_verdicts:
        names = sorted({c.label for hv in s.link_verdicts for c in hv.verdicts})
        lrows = []
        for hv in s.link_verdicts[:TOP]:
            got = {c.label: c.count for c in hv.verdicts}
            lrows.append((hv.host, *(str(got.get(n, 0)) for n in names), str(hv.total)))
        out.append(Table("Link verdicts by host", ("host", *names, "total"), tuple(lrows),
                         "from the link checker's cache",
                         numeric=tuple(range(1, len(names) + 2))))

    if s.failing_links:
        out.append(Table("Dead and unreachable links", ("line:col", "verdict", "URL"),
                         tuple((f"{f.line}:{f.column}", f.status, f.url) for f in s.failing_links),
                         "at the last link check", numeric=(0,)))

    if s.duplicates:
        out.append(Table("Duplicates", ("line:col", "entry", "first", "why"),
                         tuple((f"{d.line}:{d.column}", d.title, str(d.first_line or ""),
                                f"{d.code} {d.message}") for d in s.duplicates),
                         numeric=(0, 2)))

    if s.rules:
        out.append(Table("Problems by rule", ("code", "rule", "severity", "count"),
                         tuple((r.code, r.rule, r.severity, str(r.count)) for r in s.rules),
                         numeric=(3,)))

    if history:
        cols = ("commit", "date", "entries", "links", "checked") + \
            (("duplicates",) if all(p.duplicates is not None for p in history) else ())
        hrows = []
        for p in history:
            row = (p.commit, p.date, str(p.entries), str(p.links), str(p.checked))
            if len(cols) == 6:
                row += (str(p.duplicates),)
            hrows.append(row)
        out.append(Table("History", cols, tuple(hrows), history_note or plural(len(history), "commit"),
                         numeric=(2, 3, 4, 5)))
    return out


def _md_cell(text: str) -> str:
    return (printable(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
            .replace(">", "&gt;").replace("\n", " ").replace("`", "\\`"))


def _md_code(text: str) -> str:
    """``text`` as a code span: shown as written (no HTML, no escapes inside a code span),
    fenced by more backticks than it holds."""
    text = printable(text).replace("\n", " ")
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    # CommonMark strips one space from each end of a code span that starts and ends with one
    pad = " " if text.startswith("`") or text.endswith("`") or \
        (text.startswith(" ") and text.endswith(" ") and text.strip(" ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def write_markdown(s: Stats, out: IO[str], history: Sequence[Point] = (), history_note: str = "",
                   title: str = "listlint report") -> None:
    """GitHub-flavoured Markdown, for ``$GITHUB_STEP_SUMMARY`` or an issue body."""
    out.write(f"## {_md_cell(title)}: {_md_code(s.path)}\n")
    for t in tables(s, history, history_note):
        out.write(f"\n### {t.title}\n\n")
        if t.note:
            out.write(f"{_md_cell(t.note)}\n\n")
        out.write("| " + " | ".join(_md_cell(h) or " " for h in t.headers) + " |\n")
        out.write("|" + "|".join("--:" if i in t.numeric else "---"
                                 for i in range(len(t.headers))) + "|\n")
        for row in t.rows:
            # indentation of nested sections survives as non-breaking spaces
            cells = [_md_cell(c.replace("  ", "\u00a0\u00a0")) for c in row]
            out.write("| " + " | ".join(cells) + " |\n")


def write_text(s: Stats, out: IO[str], history: Sequence[Point] = (),
               history_note: str = "") -> None:
    """Aligned columns for a terminal."""
    out.write(f"{printable(s.path)}\n")
    for t in tables(s, history, history_note):
        out.write(f"\n{t.title}" + (f" ({printable(t.note)})" if t.note else "") + "\n")
        widths = [len(h) for h in t.headers]
        rows = [tuple(printable(c) for c in row) for row in t.rows]
        for row in rows:
            for i, c in enumerate(row):
                widths[i] = min(max(widths[i], len(c)), 60)
        lines = [t.headers, *rows]
        for k, row in enumerate(lines):
            cells = []
            for i, c in enumerate(row):
                c = shorten(c, 60)
                last = i == len(row) - 1
                if i in t.numeric:
                    cells.append(c.rjust(widths[i]))
                else:
                    cells.append(c if last else c.ljust(widths[i]))
            out.write("  " + "  ".join(cells).rstrip() + "\n")
            if k == 0:
                out.write("  " + "  ".join("-" * w for w in widths).rstrip() + "\n")
