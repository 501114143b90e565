"""A venue mention (:class:`Venue`) and how its name and year are written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from listlint.model import Span


@dataclass(frozen=True, slots=True)
class Venue:
    """A venue an entry names (``source="text"``), its URL implies (``"url"``) or a look-up
    found (``"lookup"``).

    ``name`` is canonical (``MLSys``) when the venue is known, else as written; ``written`` is
    the spelling in the file (``MLSYS``). ``notation`` is where it is written (phrase, bracket,
    bold-bracket, paren, bold, pipe, bare, badge, column; url; lookup) and ``year_style`` how
    the year is attached (``'YY``, ``' YY``, `` YYYY``, ``YYYY``, ``YY`` ...).
    """

    name: str
    year: int | None = None
    qualifier: str = ""
    source: str = "text"
    span: Span | None = None
    notation: str = ""
    written: str = ""
    name_span: Span | None = None
    year_span: Span | None = None  # from the end of the name to the end of the year
    year_style: str = ""
    status: str = "canonical"  # canonical | alias | variant | old | typo | unknown | dblp-key
    kind: str = "conf"
    phrase: str = ""  # "accepted by"
    lead: str = ""  # what joins the phrase to the text before it: ", " "; " " "
    clause: Span | None = None  # joiner and phrase before the venue (", accepted by ")
    malformed: str = ""  # the year text when it is not a year ("October-2023")
    evidence: str = ""  # the URL part or look-up answer behind it

    @property
    def known(self) -> bool:
        return self.status != "unknown"

    @property
    def preprint(self) -> bool:
        return self.kind == "preprint"

    def label(self, style: str = "'YY") -> str:
        """``OSDI'24`` (``OSDI'24 Workshop``) in a year style."""
        return render_venue(self.name, self.year, self.qualifier, style)


def format_year(year: int, style: str) -> str:
    """The year as ``style`` writes it: ``'YY`` -> ``'24``, `` YYYY`` -> `` 2024``."""
    yy = f"{year % 100:02d}"
    if style.endswith("YYYY"):
        return style[:-4] + str(year)
    if style.endswith("YY"):
        return style[:-2] + yy
    return f"'{yy}"


def render_venue(name: str, year: int | None, qualifier: str = "", style: str = "'YY") -> str:
    out = name + (format_year(year, style or "'YY") if year else "")
    return out + (f" {qualifier}" if qualifier else "")


def year_value(digits: str) -> int:
    """The year of two or four digits: ``24`` -> 2024, ``98`` -> 1998, ``2019`` -> 2019."""
    n = int(digits)
    if len(digits) == 2:
        return 2000 + n if n <= 60 else 1900 + n
    return n


def same_venue(a: Venue, b: Venue) -> bool:
    """Do two venues agree (same canonical venue; same year where both have one, VLDB ±1)?"""
    if a.name != b.name:
        return False
    if a.year is None or b.year is None:
        return True
    slack = 1 if a.name in ("VLDB", "SIGMOD") else 0
    return abs(a.year - b.year) <= slack


def venue_json(v: Venue | None) -> dict[str, Any] | None:
    """``{name, year, qualifier, source}`` for ``listlint entries``; None without a venue."""
    if v is None:
        return None
    return {"name": v.name, "year": v.year, "qualifier": v.qualifier or None, "source": v.source}
