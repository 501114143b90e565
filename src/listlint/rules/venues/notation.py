"""How a list writes its venues: where (the notation), with which year form, after which
phrase, and its own spelling of each venue; learnt from the list's mentions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from listlint.rules.venues.entries import EntryVenues
from listlint.venue.mention import Venue, render_venue

if TYPE_CHECKING:
    from listlint.document import Document

@dataclass(frozen=True, slots=True)
class FileNotation:
    """How this list writes venues: where, with which year form, after which phrase."""

    notation: str = "phrase"
    notation_share: float = 0.0
    year_style: str = "'YY"
    year_share: float = 0.0
    phrase: str = "accepted by"
    joiner: str = ", "
    separator: str = ": "
    total: int = 0
    spellings: Mapping[str, str] = field(default_factory=dict)  # canonical -> the list's own

    def render(self, v: Venue) -> str:
        """``v`` as this list would write it: its spelling of the venue, its year form."""
        return render_venue(self.spellings.get(v.name, v.name), v.year, v.qualifier,
                            self.year_style)


def file_notation(doc: Document, found: Sequence[EntryVenues]) -> FileNotation:
    notations: Counter[str] = Counter()
    styles: Counter[str] = Counter()
    phrases: Counter[str] = Counter()
    joiners: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = {}
    for ev in found:
        for v in ev.mentions:
            if not v.known or v.span is None:
                continue
            if v.status in ("canonical", "alias"):
                spelled.setdefault(v.name, Counter())[v.written] += 1
            notations[v.notation] += 1
            if v.year_style:
                styles[v.year_style] += 1
            if v.notation == "phrase" and v.phrase:
                phrases[v.phrase] += 1
                if v.lead:
                    joiners[v.lead] += 1
    seps: Counter[str] = Counter(e.separator for e in doc.entries if e.separator and e.kind == "item")
    total = sum(notations.values())
    notation, n = notations.most_common(1)[0] if notations else ("phrase", 0)
    style, ns = styles.most_common(1)[0] if styles else ("'YY", 0)
    return FileNotation(
        notation=notation, notation_share=n / total if total else 0.0, year_style=style,
        year_share=ns / sum(styles.values()) if styles else 0.0,
        phrase=phrases.most_common(1)[0][0] if phrases else "accepted by",
        joiner=joiners.most_common(1)[0][0] if joiners else ", ",
        separator=seps.most_common(1)[0][0] if seps else ": ", total=total,
        spellings={name: c.most_common(1)[0][0] for name, c in spelled.items()})
