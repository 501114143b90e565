"""The messages of the duplicate rules: where the first occurrence is, and the evidence."""

from __future__ import annotations

import re

from listlint.document import Document
from listlint.linkid import describe_identity
from listlint.model import Entry
from listlint.rules.duplicates.copies import keep_advice
from listlint.rules.duplicates.items import DUPLICATE_LINK, DUPLICATE_TITLE, SAME_PAPER, Item, short


def _where(doc: Document, first: Entry, later: Entry) -> str:
    if first.section != later.section and first.section is not None:
        return f"line {first.line} (section '{short(doc.sections[first.section].title, 40)}')"
    return f"line {first.line}"


_LABEL_MARKUP = re.compile(r"^\s*(?:[-*+]|\d+[.)])?\s*|[*_`#]+|\[([^\]]*)\]\([^)]*\)")


def _place_name(doc: Document, first: Item, later: Item) -> str:
    """Where the other copy is: its section, or, in the same section, the label just above
    its list (the parent item ``* HTTP Client`` or a bold line ``**HTTP Client**``)."""
    a = first.entry
    if a.section != later.entry.section and a.section is not None:
        return f"section '{short(doc.sections[a.section].title, 40)}'"
    start = first.place[1]
    n = (start or a.line) - 1
    src = doc.source
    while n >= 1 and not src.line_text(n).strip():
        n -= 1
    label = _LABEL_MARKUP.sub(lambda m: m.group(1) or "", src.line_text(n)).strip(" :") \
        if n >= 1 else ""
    return f"'{short(label, 40)}'" if label else "another list"


def also_listed(doc: Document, code: str, first: Item, later: Item) -> str:
    """The info message of a cross-listing: the other place named, the evidence given."""
    a, b = first.entry, later.entry
    msg = f"also listed under {_place_name(doc, first, later)} (line {a.line})"
    if code == DUPLICATE_TITLE:
        return msg + f" with a different link: '{_url(a.url)}' there, '{_url(b.url)}' here"
    msg += f": same {describe_identity(later.ident)}"
    if first.title != later.title:
        msg += f", titled '{short(a.title)}' there"
    return msg + "; keep both if the cross-listing is meant"


def _url(url: str) -> str:
    url = url.strip()
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix):]
    return short(url, 70)


def pair_message(doc: Document, code: str, first: Item, later: Item, removable: bool,
             similarity: float, detail: str, other_name: bool = False) -> str:
    a, b = first.entry, later.entry
    where = _where(doc, a, b)
    if code == DUPLICATE_LINK:
        advice = "" if removable else keep_advice(a.url, b.url, a.line)
        if other_name:
            msg = (f"different names for the same link as {where}: same "
                   f"{describe_identity(later.ident)} ('{short(a.title, 40)}' there, "
                   f"'{short(b.title, 40)}' here)")
            if a.url.strip() != b.url.strip():
                msg += f"; written '{_url(a.url)}' there"
            return msg + "; keep one entry unless they are different things" + \
                (f" ({advice})" if advice else "")
        msg = f"duplicate of {where}: same {describe_identity(later.ident)}"
        notes = []
        if a.url.strip() != b.url.strip():
            notes.append(f"written '{_url(a.url)}' there")
        if first.title != later.title:
            notes.append(f"titled '{short(a.title)}' there")
        if notes:
            msg += f" ({', '.join(notes)})"
        if removable:
            msg += "; identical entry, remove it"
        elif advice:
            msg += f"; {advice}"
        return msg
    if code == SAME_PAPER:
        return (f"same paper as {where} under another title: same "
                f"{describe_identity(later.ident)}, titled '{short(a.title)}' there; "
                "keep one entry")
    if code == DUPLICATE_TITLE:
        return (f"duplicate title of {where} with a different link: "
                f"'{_url(a.url)}' there, '{_url(b.url)}' here")
    return (f"title is {similarity:.0f}% similar to {where} '{short(a.title)}'"
            + (f" ({detail})" if detail else ""))
