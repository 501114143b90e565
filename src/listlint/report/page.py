"""``listlint report``: the health of a list as one self-contained HTML page.

Inline CSS (responsive, with print rules), inline SVG charts from :mod:`listlint.report.svg`,
no script and no external resource: a Content-Security-Policy forbids both, so the page shows
the same offline, on a phone or on paper. Everything that comes from the README is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field
from html import escape
from typing import IO

from listlint import __version__
from listlint.history import Point
from listlint.model import Diagnostic
from listlint.report import plural
from listlint.report.svg import (
    BLUE,
    GREEN,
    GREY,
    RED,
    SLATE,
    TEAL,
    VERDICT_STYLES,
    VIOLET,
    Bar,
    Segment,
    bars,
    columns,
    line,
    swatch,
)
from listlint.source import Source
from listlint.stats import Count, HostVerdicts, Stats

TOP_VENUES = 20
TOP_HOSTS = 15
TOP_SECTIONS = 12  # more sections than this (and a few): the biggest, "others", and a table

CSS = """
:root{--fg:#212529;--muted:#6c757d;--line:#dee2e6;--bg:#fff;--soft:#f8f9fa}
*{box-sizing:border-box}
body{margin:0 auto;max-width:960px;padding:1rem;font:15px/1.45 system-ui,-apple-system,
"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.4rem;margin:.2rem 0;overflow-wrap:anywhere}
h2{font-size:1.1rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
.muted{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:.5rem}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .7rem;background:var(--soft)}
.card b{display:block;font-size:1.35rem}
.card span{color:var(--muted);font-size:.85rem}
svg.chart{display:block;width:100%;max-width:580px;height:auto;margin:.3rem 0}
svg .lbl{fill:var(--fg)} svg .val{fill:var(--muted)} svg .axis{stroke:var(--line)}
.legend span{display:inline-block;margin-right:1rem;font-size:.85rem}
.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px}
.legend svg.swatch{margin-right:.3rem;vertical-align:-1px}
details{margin:.4rem 0} summary{cursor:pointer;color:var(--muted)}
table.secs td.d1{padding-left:1.2rem} table.secs td.d2{padding-left:2rem}
table.secs td.d3{padding-left:2.8rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .4rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}
td.msg{overflow-wrap:anywhere}
.sev-error{color:#c92a2a;font-weight:600}.sev-warning{color:#b35c00}.sev-info{color:#1971c2}
footer{margin-top:2rem;font-size:.8rem;color:var(--muted)}
@media (max-width:600px){body{padding:.6rem;font-size:14px} svg .lbl,svg .val{font-size:15px}
 table.diags td:nth-child(3),table.diags th:nth-child(3){display:none}}
@media print{body{max-width:none;padding:0;font-size:11px} details{display:none}
 .card{background:none} svg.chart{max-width:16cm;page-break-inside:avoid}
 h2{page-break-after:avoid} tr{page-break-inside:avoid}
 a{color:inherit;text-decoration:none}}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@dataclass(slots=True)
class PageInput:
    """What the page shows: the figures, the diagnostics, and optional extras."""

    stats: Stats
    source: Source
    diagnostics: Sequence[Diagnostic]
    blob_url: str | None = None  # GitHub URL of the file; "#L12" is appended per line
    blob_note: str = ""  # why there are no links to GitHub, when there are none
    history: Sequence[Point] = field(default_factory=list)
    history_note: str = ""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def _legend(*items: tuple[str, str]) -> str:
    return '<p class="legend">' + "".join(
        f'<span><i style="background:{c}"></i>{_e(t)}</span>' for c, t in items) + "</p>"


def write_html(page: PageInput, out: IO[str]) -> None:
    out.write(render_html(page))


def render_html(page: PageInput) -> str:
    s = page.stats
    link = _line_linker(page.blob_url)
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>listlint report: {_e(s.path)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{_e(s.path)}</h1><p class=\"muted\">{plural(s.lines, 'line')} · "
        f"{plural(s.entries, 'entry', 'entries')} in {plural(len(s.sections), 'section')} · "
        f"{_problems_line(s)}</p></header>",
        _summary(s),
        _sections(s),
        _progress(s),
        _papers(s),
        _hosts(s),
        _verdicts(s, link),
        _history(page.history, page.history_note),
        _duplicates(s, link),
        _diagnostics(page, link),
        f'<footer>Made by listlint {_e(__version__)}. '
        + (_e(page.blob_note) if page.blob_note else "") + "</footer></body></html>\n",
    ]
    return "\n".join(p for p in parts if p)


def _problems_line(s: Stats) -> str:
    """The problems `listlint check` found, and apart from them the links the last link
    check found failing (the report itself never goes online)."""
    text = plural(s.diagnostics, "problem") + " found by the check"
    if s.failing_links:
        text += (f" · {plural(len(s.failing_links), 'dead or unreachable link')} at the last "
                 "link check")
    return _e(text)


def _line_linker(base: str | None) -> Callable[[int], str]:
    if base and base.startswith(("https://", "http://")):
        return lambda n: f'<a href="{_e(base)}#L{n}">{n}</a>'
    return str


def _summary(s: Stats) -> str:
    cards = [
        (s.entries, "entries"),
        (f"{s.with_description} ({_pct(s.with_description, s.entries)})", "with a description"),
        (len([x for x in s.sections if x.total]), "sections with entries"),
        (s.links, "links"),
        (len(s.duplicates), "duplicates"),
        (s.diagnostics, "problems found by the check"),
    ]
    if s.link_verdicts:
        cards.append((len(s.failing_links), "dead or unreachable links (last link check)"))
    if s.with_checkbox:
        cards.insert(2, (f"{s.checked}/{s.with_checkbox}", "read (checked)"))
    if s.venues_known and (s.with_venue or s.is_paper_list):
        cards.insert(3, (f"{s.with_venue} ({_pct(s.with_venue, s.entries)})", "with a venue"))
    if s.with_year and s.is_paper_list:
        cards.insert(4, (s.with_year, "with a year"))
    for sev in s.severities:
        if sev.count:
            cards.append((sev.count, f"{sev.label}s" if sev.label != "info" else "info"))
    body = "".join(f'<div class="card"><b>{_e(v)}</b><span>{_e(k)}</span></div>'
                   for v, k in cards)
    return f'<section id="summary"><h2>Summary</h2><div class="cards">{body}</div></section>'


def _sections(s: Stats) -> str:
    """One bar per heading for the entries directly under it, so each entry is drawn once; a
    list of many sections gets its biggest ones, one bar for the others and a full table."""
    rows = []
    tasks = s.with_checkbox > 0
    trunk = s.trunk if any(x.total and x.index not in s.trunk for x in s.sections) else set()
    for sec in s.sections:
        if not sec.total or sec.index in trunk:
            continue
        if tasks:
            other = sec.own - sec.own_checked - sec.own_unchecked
            segs: tuple[Segment, ...] = (Segment(sec.own_checked, GREEN, "checked"),
                    Segment(sec.own_unchecked, GREY, "unchecked"),
                    Segment(other, BLUE, "without checkbox"))
        else:
            segs = (Segment(sec.own, BLUE, "entries"),)
        note = str(sec.own) if sec.own == sec.total else f"{sec.total} in all" if not sec.own \
            else f"{sec.own} · {sec.total} in all"
        rows.append(Bar(sec.title or "(untitled)", segs, sec.depth - len(trunk), note))
    if s.unsectioned:
        rows.insert(0, Bar("(before the first heading)",
                           (Segment(s.unsectioned, BLUE, "entries"),)))
    if not rows:
        return ""
    legend = _legend((GREEN, "checked"), (GREY, "unchecked"), (BLUE, "no checkbox")) if tasks \
        else ""
    within = " › ".join(s.sections[i].title for i in sorted(trunk))
    intro = ('A bar counts the entries directly under its heading; “in all” adds those of its '
             "sub-sections." + (f" All sectioned entries are under {_e(within)}." if within else ""))
    table = ""
    if len(rows) > TOP_SECTIONS + 3:
        rows, others = _top_rows(rows)
        table = others + _sections_table(s, trunk)
        intro += (f" The {TOP_SECTIONS} sections with the most entries of their own; "
                  "every section is in the table below the chart.")
    return ('<section id="sections"><h2>Entries per section</h2>'
            f'<p class="muted">{intro}</p>' + legend + bars(rows, "Entries per section", "sections")
            + table + "</section>")


def _top_rows(rows: list[Bar]) -> tuple[list[Bar], str]:
    """The biggest sections, flat and biggest first, and a line about all the others (a bar
    for them would dwarf the rest)."""
    ranked = sorted(rows, key=lambda r: -r.total)
    top, rest = ranked[:TOP_SECTIONS], ranked[TOP_SECTIONS:]
    n = sum(r.total for r in rest)
    others = (f'<p class="muted">And {len(rest)} other sections with {plural(n, "entry", "entries")}'
              f" ({n / len(rest):.0f} each on average).</p>")
    return [Bar(r.label, r.segments, 0, r.note) for r in top], others


def _sections_table(s: Stats, trunk: Set[int]) -> str:
    body = "".join(
        f'<tr><td class="d{min(3, max(0, sec.depth - len(trunk)))}">{_e(sec.title or "(untitled)")}'
        f'</td><td class="n">{sec.own}</td><td class="n">{sec.total}</td></tr>'
        for sec in s.sections if sec.total and sec.index not in trunk)
    n = sum(1 for sec in s.sections if sec.total and sec.index not in trunk)
    return (f"<details><summary>All {n} sections</summary><div class=\"scroll\">"
            '<table class="secs"><tr><th>section</th><th class="n">own</th>'
            f'<th class="n">in all</th></tr>{body}</table></div></details>')


def _progress(s: Stats) -> str:
    if not s.with_checkbox:
        return ""
    rows = [Bar("all task-list entries", (Segment(s.checked, GREEN, "checked"),
                                          Segment(s.unchecked, GREY, "unchecked")),
                note=f"{s.checked} of {s.with_checkbox} checked "
                     f"({_pct(s.checked, s.with_checkbox)})")]
    return ('<section id="progress"><h2>Reading progress</h2>'
            + _legend((GREEN, "checked"), (GREY, "unchecked"))
            + bars(rows, "Checked and unchecked entries", "progress") + "</section>")


def _papers(s: Stats) -> str:
    if not s.is_paper_list:
        return ""
    out = ['<section id="papers"><h2>Venues and years</h2>']
    if s.venues_known and s.venues:
        top = list(s.venues[:TOP_VENUES])
        rest = sum(c.count for c in s.venues[TOP_VENUES:])
        rows = [Bar(c.label, (Segment(c.count, VIOLET, "entries"),)) for c in top]
        if rest:
            rows.append(Bar(f"{len(s.venues) - TOP_VENUES} other venues",
                            (Segment(rest, GREY, "entries"),)))
        out.append(f'<p class="muted">{s.with_venue} of {plural(s.entries, "entry", "entries")} '
                   f"name{'s' if s.with_venue == 1 else ''} a venue "
                   f"({len(s.venues)} different).</p>")
        out.append(bars(rows, "Entries per venue", "venues"))
    elif not s.venues_known:
        out.append('<p class="muted">Venues are not available in this installation.</p>')
    if s.years:
        out.append(f'<p class="muted">{s.with_year} of {plural(s.entries, "entry", "entries")} '
                   f"ha{'s' if s.with_year == 1 else 've'} a year "
                   "(the venue's, else a preprint's or arXiv identifier's).</p>")
        out.append(columns(_year_axis(s), "Entries per year", TEAL, "years"))
    out.append("</section>")
    return "".join(out)


def _year_axis(s: Stats) -> list[tuple[str, int]]:
    """Every year from the first to the last, so that gaps show as gaps."""
    got = {int(c.label): c.count for c in s.years}
    first, last = min(got), max(got)
    if last - first > 60:  # a stray old year: do not draw decades of empty columns
        return [(str(y), n) for y, n in sorted(got.items())]
    return [(str(y), got.get(y, 0)) for y in range(first, last + 1)]


def _hosts(s: Stats) -> str:
    if not s.hosts:
        return ""
    rows = [Bar(c.label, (Segment(c.count, BLUE, "entries"),)) for c in s.hosts[:TOP_HOSTS]]
    rest = sum(c.count for c in s.hosts[TOP_HOSTS:])
    if rest:
        rows.append(Bar(f"{len(s.hosts) - TOP_HOSTS} other hosts", (Segment(rest, GREY, "entries"),)))
    return ('<section id="hosts"><h2>Where entries link to</h2>'
            + bars(rows, "Entries per host", "hosts") + "</section>")


def _verdicts(s: Stats, link: Callable[[int], str]) -> str:
    if not s.link_verdicts:
        return ""
    order = list(VERDICT_STYLES)
    names = sorted({c.label for hv in s.link_verdicts for c in hv.verdicts},
                   key=lambda n: (order.index(n) if n in order else len(order), n))
    style = {n: VERDICT_STYLES.get(n, (SLATE, "")) for n in names}
    rows = [Bar(hv.host, tuple(Segment(c.count, style[c.label][0], c.label, style[c.label][1])
                               for c in _in_order(hv.verdicts, names)),
                note=f"{_ok(hv)} ok of {hv.total}",
                detail=" · ".join(f"{c.count} {c.label}" for c in _in_order(hv.verdicts, names)
                                  if c.label != "ok"))
            for hv in s.link_verdicts[:TOP_HOSTS]]
    legend = '<p class="legend">' + "".join(
        f"<span>{swatch(*style[n])}{_e(n)}</span>" for n in names) + "</p>"
    return ('<section id="links"><h2>Link check verdicts by host</h2>'
            '<p class="muted">From the cache of the last link check (<code>listlint links</code>); '
            "the report itself checks no link. Each bar's line names what is not ok.</p>"
            + legend + bars(rows, "Link verdicts by host", "verdicts") + _failing(s, link)
            + "</section>")


def _ok(hv: HostVerdicts) -> int:
    return sum(c.count for c in hv.verdicts if c.label == "ok")


def _in_order(counts: Sequence[Count], names: list[str]) -> list[Count]:
    return sorted(counts, key=lambda c: names.index(c.label))


def _failing(s: Stats, link: Callable[[int], str]) -> str:
    if not s.failing_links:
        return ""
    rows = "".join(f'<tr><td class="n">{link(f.line)}:{f.column}</td><td>{_e(f.status)}</td>'
                   f'<td class="msg">{_e(f.url)}</td></tr>' for f in s.failing_links)
    return ('<h3>Dead and unreachable links</h3><div class="scroll"><table>'
            f'<tr><th class="n">line:col</th><th>verdict</th><th>URL</th></tr>{rows}</table></div>')


def _history(points: Sequence[Point], note: str) -> str:
    if not points:
        return f'<section id="history"><h2>History</h2><p class="muted">{_e(note)}</p></section>' \
            if note else ""
    label = [f"{p.date} {p.commit}" for p in points]
    out = ['<section id="history"><h2>History</h2>',
           f'<p class="muted">{plural(len(points), "commit")} from {_e(points[0].date)} to '
           f"{_e(points[-1].date)}, one point per commit. {_e(note)}</p>",
           "<h3>Entries</h3>",
           line(list(zip(label, (p.entries for p in points))), "Entries over time", BLUE,
                "hist-entries"),
           "<h3>Links</h3>",
           line(list(zip(label, (p.links for p in points))), "Links over time", TEAL,
                "hist-links")]
    if all(p.duplicates is not None for p in points):
        out += ["<h3>Duplicates</h3>",
                line(list(zip(label, (p.duplicates or 0 for p in points))),
                     "Duplicates over time", RED, "hist-dups")]
    out.append("</section>")
    return "".join(out)


def _duplicates(s: Stats, link: Callable[[int], str]) -> str:
    if not s.duplicates:
        return ""
    rows = "".join(
        f'<tr><td class="n">{link(d.line)}:{d.column}</td><td>{_e(d.title)}</td>'
        f'<td class="n">{link(d.first_line) if d.first_line else ""}</td>'
        f'<td class="msg">{_e(d.code)} {_e(d.message)}</td></tr>' for d in s.duplicates)
    return ('<section id="duplicates"><h2>Duplicates</h2><div class="scroll"><table>'
            '<tr><th class="n">line:col</th><th>entry</th><th class="n">first</th>'
            f"<th>why</th></tr>{rows}</table></div></section>")


def _rule_link(code: str) -> str:
    """The rule's code, linked to its documentation page."""
    from listlint.registry import get

    rule = get(code)
    if rule is None or not rule.docs_url.startswith("https://"):
        return _e(code)
    return f'<a href="{_e(rule.docs_url)}">{_e(code)}</a>'


def _diagnostics(page: PageInput, link: Callable[[int], str]) -> str:
    s = page.stats
    if not page.diagnostics:
        also = (f" The last link check found {plural(len(s.failing_links), 'dead or unreachable link')}"
                ": see <a href=\"#links\">Link check verdicts</a>." if s.failing_links else "")
        return ('<section id="problems"><h2>Problems</h2><p>None found by the check.'
                + also + "</p></section>")
    by_rule = "".join(f'<tr><td>{_rule_link(r.code)}</td><td>{_e(r.rule)}</td>'
                      f'<td class="sev-{_e(r.severity)}">{_e(r.severity)}</td>'
                      f'<td class="n">{r.count}</td></tr>' for r in s.rules)
    src = page.source
    rows = []
    for d in page.diagnostics:
        ln, col = src.position(d.start)
        rows.append(f'<tr><td class="n">{link(ln)}:{col}</td><td>{_e(d.code)}</td>'
                    f'<td class="sev-{_e(d.severity)}">{_e(d.severity)}</td>'
                    f'<td class="msg">{_e(d.message)}</td></tr>')
    return ('<section id="problems"><h2>Problems</h2>'
            '<div class="scroll"><table><tr><th>code</th><th>rule</th><th>severity</th>'
            f'<th class="n">count</th></tr>{by_rule}</table></div>'
            '<h3>All problems</h3><div class="scroll"><table class="diags">'
            '<tr><th class="n">line:col</th><th>code</th><th>severity</th><th>message</th></tr>'
            + "".join(rows) + "</table></div></section>")

