"""Two spellings of one link: is the later entry a copy as written (safe to delete, and
how), and which spelling is plainly better."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from listlint.document import Document
from listlint.linkid import has_tracking
from listlint.model import Edit, Entry
from listlint.rules.duplicates.items import Item

_ARXIV_ABS = re.compile(r"^https?://(?:www\.|export\.)?arxiv\.org/abs/", re.I)
_ARXIV_FILE = re.compile(r"^https?://(?:www\.|export\.)?arxiv\.org/(?:pdf|html)/", re.I)


def identical(doc: Document, first: Item, later: Item) -> bool:
    """A copy as written, safe to delete: same section and kind, the same text (checkbox,
    markers, title, description, side links, sub-items or other cells) up to whitespace, and
    the same URL up to trivial forms (scheme, host case, a trailing slash), the later copy's
    URL being no better than the first's (an ``https`` repeat of an ``http`` link stays)."""
    a, b = first.entry, later.entry
    if a.section != b.section or a.kind != b.kind or a.link_kind != b.link_kind:
        return False
    if _trivial_url(a.url) != _trivial_url(b.url):
        return False
    better = _preference(a.url, b.url)
    if better is not None and better[0]:
        return False  # the later copy is the better one: not deleted silently
    return _as_written(doc, a) == _as_written(doc, b) and \
        _children_text(doc, a) == _children_text(doc, b)


def _trivial_url(url: str) -> tuple[str, ...]:
    """``url`` with only trivially equivalent spellings merged: http/https, host case, one
    trailing slash of the path."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    return ("https" if scheme == "http" else scheme, parts.netloc.lower(),
            parts.path.rstrip("/"), parts.query, parts.fragment)


def _as_written(doc: Document, e: Entry) -> tuple[str, ...]:
    """The entry's own text as written, whitespace collapsed, its main URL left out."""
    text = doc.text
    start = e.marker_span.end if e.marker_span is not None else e.span.start
    cut = e.url_span if e.url_span is not None and e.link_kind == "inline" else None
    title = " ".join(text[e.title_span.start:e.title_span.end].split())
    before = text[start:e.title_span.start]
    if cut is not None:
        middle = text[e.title_span.end:cut.start] + "\0" + text[cut.end:e.link_span.end]
    else:
        middle = text[e.title_span.end:e.link_span.end]
    after = text[e.link_span.end:e.span.end]
    return tuple(" ".join(part.split()) for part in (before, middle, after)) + (title,)


def _preference(there: str, here: str) -> tuple[bool, str] | None:
    """(is the later spelling the better one?, why) when one of two spellings of one link
    is plainly better: no tracking parameters, arXiv's abstract page, https."""
    there, here = there.strip(), here.strip()
    track_there, track_here = has_tracking(there), has_tracking(here)
    if track_there != track_here:
        return track_there, "it has no tracking parameters"
    abs_there, abs_here = bool(_ARXIV_ABS.match(there)), bool(_ARXIV_ABS.match(here))
    if abs_there != abs_here and (_ARXIV_FILE.match(there) or _ARXIV_FILE.match(here)):
        return abs_here, "the abstract page"
    secure_there, secure_here = there.lower().startswith("https:"), here.lower().startswith("https:")
    if secure_there != secure_here and (there.lower().startswith("http:")
                                        or here.lower().startswith("http:")):
        return secure_here, "https"
    return None


def keep_advice(there: str, here: str, first_line: int) -> str:
    """Which of two spellings of one link to keep, for the message; "" when neither."""
    better = _preference(there, here)
    if better is None:
        return ""
    here_better, why = better
    return f"keep this entry's link: {why}" if here_better else \
        f"keep line {first_line}'s link: {why}"


def two_names(first: Item, later: Item) -> bool:
    """One project link under two different names (`hatch` and `hatchling`, `uv` and
    `uv-build`): both titles are one specific word as written (a package name), they differ
    after normalisation, and the link is no paper. `SGLang` and `SGLang runtime` are not
    two names: a repeat with words added to its title stays an error."""
    return not later.paper and first.titled and later.titled and first.title != later.title \
        and first.words == 1 and later.words == 1


def one_paper_named(first: Item, later: Item) -> bool:
    """Two titles of one paper link that do not make it two papers (LL104): one is the
    other with words added (``…, EMNLP 2023 Main Conference Paper``), or one is a bare name
    beside a full title (a benchmark table's ``[DUnE](…)``, a model list's
    ``[DeepSeek-v2-236B-MoE](…)`` for the paper ``DeepSeek-V2: A Strong, …``). The pair is
    then a repeat of one link (LL101): an error in one place, a cross-listing in two."""
    short, long_ = sorted((first.title, later.title), key=len)
    if short and long_.startswith(short + " "):
        return True
    return min(first.words, later.words) == 1 and max(first.words, later.words) >= 3


def _children_text(doc: Document, e: Entry) -> str:
    """What else the entry carries: its sub-items, or a table row's other cells."""
    text = doc.text
    if e.kind == "row":
        rest = text[e.span.start : e.link_span.start] + "\0" + text[e.link_span.end : e.span.end]
        return " ".join(rest.split())
    sub = e.sub_span or e.span
    return " ".join(text[e.span.end : max(e.span.end, sub.end)].split())


def removal_edit(doc: Document, e: Entry) -> tuple[Edit, tuple[int, ...]] | None:
    """Delete the whole lines of ``e`` with its sub-items; None when it shares a line."""
    src = doc.source
    text = doc.text
    sub = e.sub_span or e.span
    first = src.line_of(sub.start)
    last = src.line_of(max(sub.start, sub.end - 1))
    while last > first and not src.line_text(last).strip():
        last -= 1
    start = src.line_start(first)
    end = src.line_end(last)
    if text[start : sub.start].strip(" \t>") or text[min(sub.end, end) : end].strip():
        return None
    if end < len(text):
        end += 1
    elif start > 0:
        start -= 1
    inside = [e.index]  # its sub-items follow it in document order
    k = e.index + 1
    while k < len(doc.entries) and doc.entries[k].span.start < end:
        inside.append(k)
        k += 1
    return Edit(start, end, ""), tuple(inside)
