"""Writing a new entry the way the list already writes its entries.

:func:`house_style` reads the conventions from the entries the new one will stand among (its
section when the section has enough entries of its own, else the whole list): list marker,
checkbox, title emphasis, separator, description case and final punctuation, using the same
observations as the style rules (:mod:`listlint.rules.style`). The venue is written in the list's
notation, phrase and year form (:func:`listlint.rules.venues.notation.file_notation`):
``accepted by OSDI'24``, ``[OSDI'24]``, ``(OSDI'24)``... :func:`render_item` gives the
Markdown of a list item, :func:`render_row` a table row in the column order of a row of the
same table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from listlint.document import Document
from listlint.entry_text import separator_kind
from listlint.model import Entry
from listlint.rules.style.descriptions import (
    TERMINAL,
    description_case,
    final_punctuation,
    is_abbreviation,
)
from listlint.rules.style.settings import STYLE_DEFAULTS
from listlint.rules.venues.notation import FileNotation
from listlint.venue.mention import Venue

#: as the style rules: a file-wide convention held by 80 % of entries
DOMINANT: float = STYLE_DEFAULTS["threshold"]
_DATE_CELL = re.compile(r"\s*(?:19|20)\d{2}(?:[.\-/]\d{1,2})?\s*")
_YEAR_CELL = re.compile(r"\s*(?:19|20)\d{2}\s*")
_CELL = re.compile(r"\\.|`[^`]*`|\|")


@dataclass(frozen=True, slots=True)
class HouseStyle:
    """How entries are written where the new one goes."""

    marker: str = "-"
    checkbox: str = ""  # "[ ] " or "" (a new entry is never checked)
    emphasis: str = ""
    separator: str = " - "
    markers: str = ""  # "📄 " when (nearly) every entry carries the same marker before its link
    case: str | None = None  # "upper" | "lower"
    punctuation: str | None = None  # "." | "none"
    venues: FileNotation | None = None  # the list writes venues, this way


def _pick(local: Sequence[str], everywhere: Sequence[str], default: str) -> str:
    """The section's own convention when it has one (3+ entries agreeing), else the list's
    dominant one, else the section's (or list's) most common value."""
    lc = Counter(local)
    if lc and len(local) >= 3:
        top, n = lc.most_common(1)[0]
        if n == len(local) or n >= DOMINANT * len(local):
            return top
    ec = Counter(everywhere)
    if ec:
        top, n = ec.most_common(1)[0]
        if n >= DOMINANT * len(everywhere):
            return top
    source = lc or ec
    return source.most_common(1)[0][0] if source else default


def house_style(doc: Document, section_entries: Sequence[Entry],
                venues: FileNotation | None) -> HouseStyle:
    from listlint.document.layouts import STYLED_LAYOUTS

    # the entries whose conventions style inference reads (linked titles); others if none
    styled = [e for e in doc.entries if e.kind == "item" and e.layout in STYLED_LAYOUTS]
    items = [e for e in styled if e.depth == 0] or \
        [e for e in doc.entries if e.kind == "item" and e.depth == 0]
    local = [e for e in section_entries if e.kind == "item" and e.layout in STYLED_LAYOUTS] \
        or items

    def values(fn: Callable[[Entry], str | None], pool: Sequence[Entry]) -> list[str]:
        return [v for e in pool if (v := fn(e)) is not None]

    def pick(fn: Callable[[Entry], str | None], default: str) -> str:
        return _pick(values(fn, local), values(fn, items), default)

    text = doc.text
    marker = pick(lambda e: e.list_marker if e.list_marker[:1] in "-*+" else None, "-")
    checkbox = pick(lambda e: "[ ] " if e.checked is not None else "", "")
    emphasis = pick(lambda e: e.emphasis, "")
    separator = pick(lambda e: e.separator if e.description and separator_kind(e.separator)
                     else None, " - ")
    marks = [" ".join(e.markers) for e in local]
    top = Counter(marks).most_common(1)
    markers = top[0][0] if top and len(marks) >= 3 and top[0][1] >= DOMINANT * len(marks) and \
        "](" not in top[0][0] else ""  # editorial marks (⭐ on some) and badges are not copied
    case = pick(description_case, "")
    punct = pick(lambda e: final_punctuation(text[e.description_span.start:
                                                  e.description_span.end])[0]
                 if e.description_span is not None else None, "")
    return HouseStyle(marker, checkbox, emphasis, separator, markers + " " if markers else "",
                      case or None, punct or None, venues)


def _cased(text: str, case: str | None) -> str:
    if not text or case is None or not text[0].isalpha():
        return text
    word = re.match(r"[\w'’-]*", text)
    w = word.group() if word else ""
    if any(c.isupper() for c in w[1:]) or any(c.isdigit() for c in w):
        return text  # an acronym, a name in camelCase, a version: leave it
    return (text[0].upper() if case == "upper" else text[0].lower()) + text[1:]


def _punctuated(text: str, punct: str | None) -> str:
    t = text.rstrip()
    if not t or punct is None:
        return t
    if punct == "." and t[-1] not in TERMINAL:
        return t + "."
    if punct == "none" and t.endswith(".") and not t.endswith("..") and not is_abbreviation(t):
        return t[:-1]
    return t


def venue_text(v: Venue, fn: FileNotation) -> str:
    """The venue as the list writes it: its spelling, its year form."""
    return fn.render(v)


def description_text(description: str, venue: Venue | None, style: HouseStyle) -> tuple[str, str]:
    """(text before the link, text after it): description cased and punctuated, the venue
    in the list's notation."""
    desc = _cased(" ".join(description.split()), style.case)
    fn = style.venues
    label = venue_text(venue, fn) if venue is not None and fn is not None else ""
    before = ""
    if label and fn is not None:
        if fn.notation in ("bracket", "bold-bracket"):
            before = f"[{label}] " if fn.notation == "bracket" else f"**[{label}]** "
        elif fn.notation == "phrase":
            if desc:
                desc = desc.rstrip(" .") + fn.joiner + f"{fn.phrase} {label}"
            else:
                desc = _cased(f"{fn.phrase} {label}", style.case)
        else:
            shown = {"paren": f"({label})", "bold": f"**{label}**", "pipe": f"| {label}"}.get(
                fn.notation, label)
            desc = f"{_punctuated(desc, style.punctuation)} {shown}".strip() if desc \
                else _punctuated(shown, style.punctuation)
            return before, desc
    return before, _punctuated(desc, style.punctuation) if desc else ""


def render_item(title: str, url: str, description: str, venue: Venue | None,
                style: HouseStyle, indent: str = "") -> str:
    """One list item, without a line ending."""
    before, desc = description_text(description, venue, style)
    em = style.emphasis
    link = f"{em}[{_escape_title(title)}]({_escape_url(url)}){em}"
    head = f"{indent}{style.marker} {style.checkbox}{style.markers}{before}{link}"
    return f"{head}{style.separator}{desc}" if desc else head


#: What a table column holds, by its header (lower case, plain text).
_TITLE_HEADERS = frozenset("title name paper project api tool library model method repo "
                           "repository".split())
_DESCRIPTION_HEADERS = frozenset("description desc notes note summary abstract comment comments "
                                 "about details remarks introduction intro highlights".split())
_DATE_HEADERS = frozenset({"date", "time", "month", "year", "yr", "yy", "published on"})
_VENUE_HEADERS = frozenset({"venue", "venues", "conference", "conf", "conf.", "published in",
                            "publication", "journal", "pub", "accepted", "accepted by",
                            "proceedings"})


def render_row(doc: Document, model: Entry, header: Sequence[str], title: str, url: str,
               description: str, venue: Venue | None, date: tuple[int, int] | None,
               fn: FileNotation | None) -> str:
    """A table row in the column order of ``model`` (a row of the same table, whose header is
    ``header``): the link where the model has its link, the title, date, venue and
    description in the columns named so, every other column left empty."""
    line = doc.source.line_text(model.line)
    s = doc.source.line_start(model.line)
    cells = split_cells(line)
    link_text = doc.text[model.title_span.start:model.title_span.end]
    generic = model.title.strip() != plain_link_text(link_text)
    text_title = model.layout == "table-text"  # a plain-text title cell and a [pdf]-like link
    out = []
    for k, (start, end) in enumerate(cells):
        name = header[k].strip(" *_:") if k < len(header) else ""
        plain = line[start:end].strip()
        if s + start <= model.link_span.start < s + end:
            if text_title and model.url_span is not None:  # the row's paper link, relabelled
                new = (doc.text[model.link_span.start:model.url_span.start] + _escape_url(url)
                       + doc.text[model.url_span.end:model.link_span.end])
            else:
                shown = link_text if generic else _escape_title(title)
                new = f"[{shown}]({_escape_url(url)})"
                if model.emphasis:
                    new = f"{model.emphasis}{new}{model.emphasis}"
        elif text_title and s + start <= model.title_span.start < s + end:
            new = _escape_cell(title)
        elif name in _TITLE_HEADERS and generic:
            new = _escape_cell(title)
        elif name in _DATE_HEADERS or (not name and _DATE_CELL.fullmatch(plain)):
            new = _date_like(plain, date)
        elif name in _VENUE_HEADERS:
            new = venue_text(venue, fn) if venue is not None and fn is not None else ""
        elif name in _DESCRIPTION_HEADERS:
            new = _escape_cell(_cased(description, None))
        else:
            new = ""
        out.append(f" {new} " if new else " ")
    lead = line[:cells[0][0]] if cells else "|"
    tail = line[cells[-1][1]:] if cells else "|"
    return lead + "|".join(out) + tail.rstrip()


def _date_like(example: str, year: tuple[int, int] | None) -> str:
    if year is None:
        return ""
    if _YEAR_CELL.fullmatch(example) or not year[1]:
        return str(year[0])
    sep = next((c for c in ".-/" if c in example), ".")
    return f"{year[0]}{sep}{year[1]:02d}"


def split_cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a table row, without the outer pipes."""
    bars = [m.start() for m in _CELL.finditer(line) if m.group() == "|"]
    stripped = line.strip()
    first = 0 if not stripped.startswith("|") else line.index("|") + 1
    if stripped.startswith("|"):
        bars = bars[1:]
    if stripped.endswith("|") and bars:
        last = bars.pop()
    else:
        last = len(line.rstrip())
    edges = [first, *bars, last]
    return [(edges[0] if i == 0 else edges[i] + 1, edges[i + 1]) for i in range(len(edges) - 1)]


def plain_link_text(text: str) -> str:
    return text.strip().strip("*_`")


def _escape_title(title: str) -> str:
    out = title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return " ".join(out.split())


def _escape_url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _escape_cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


__all__ = ["HouseStyle", "description_text", "house_style", "render_item", "render_row",
           "split_cells", "venue_text"]
