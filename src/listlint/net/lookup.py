"""Ask online services where preprints were published (``listlint venues --lookup``).

Semantic Scholar first, in batches of arXiv identifiers (``POST /graph/v1/paper/batch``); the
DBLP title search as a fallback for papers Semantic Scholar does not place (``GET
/search/publ/api?q=TITLE&format=json``); the arXiv API's author comments ("Accepted by NeurIPS
2024") as evidence. Each service is a :class:`~listlint.net.service.Service` (its own pace,
``Retry-After`` honoured, a few retries), answers are cached on disk
(:class:`~listlint.net.service.LookupCache`, ``venues.json`` in the cache folder), and the base
URLs come from the venue settings (``[tool.listlint.venues]``, then the environment: any
:class:`LookupSettings`), so tests run against a server on 127.0.0.1. The arXiv feed reader serves
``listlint add`` as well.

A match is *confident* only when the service's title equals the entry's title (ignoring case
and punctuation: :func:`listlint.text.normalise_title`) and the venue comes from a DBLP key
listlint knows (``conf/osdi/…``); ``--write`` writes only those. ``requests`` is imported only
when a request is made.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from listlint import __version__
from listlint.net.service import LookupCache, Service, session
from listlint.net.store import cache_file
from listlint.text import normalise_title
from listlint.venue.mention import Venue
from listlint.venue.scan import accepted_venue

if TYPE_CHECKING:
    import requests

    from listlint.document import Document
    from listlint.venue.table import VenueTable

USER_AGENT = f"listlint/{__version__} (venue look-up)"
DEFAULT_INTERVALS = {"semantic-scholar": 1.0, "dblp": 1.5, "arxiv": 3.0}
S2_FIELDS = "title,venue,publicationVenue,externalIds,year"
S2_BATCH = 500
ARXIV_BATCH = 50
_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV_NS = "{http://arxiv.org/schemas/atom}"


class LookupSettings(Protocol):
    """What the look-up reads of the venue settings (the venues family's ``VenueSettings``):
    each service's base URL, the seconds between its calls, the retries, the venue table."""

    @property
    def urls(self) -> Mapping[str, str]: ...
    @property
    def intervals(self) -> Mapping[str, float]: ...
    @property
    def retries(self) -> int: ...
    @property
    def table(self) -> VenueTable: ...


class Placed(Protocol):
    """What the look-up reads of an entry's venues (the venues family's ``EntryVenues``): the
    venue its text names and the one its URL implies, if any."""

    @property
    def entry(self) -> int: ...
    @property
    def text(self) -> object | None: ...
    @property
    def url(self) -> object | None: ...


class LookupOffline(Exception):
    """No look-up service could be reached; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry to look up: its index, title and arXiv id (if any)."""

    entry: int
    title: str
    arxiv: str | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """What a service says about one paper."""

    entry: int
    service: str  # semantic-scholar | dblp | arxiv
    venue: str = ""  # canonical name, "" when unknown
    year: int | None = None
    title: str = ""  # the service's title
    exact_title: bool = False
    dblp_key: str = ""
    evidence: str = ""  # the service's own words ("conf/osdi/YuJKKC22", "Accepted by ...")
    preprint: bool = False

    @property
    def confident(self) -> bool:
        return bool(self.venue) and self.exact_title and bool(self.dblp_key) and not self.preprint


FILE = "venues.json"  # the look-up cache, in the cache folder


# -- the look-up -----------------------------------------------------------------------------
@dataclass(slots=True)
class Lookup:
    """The look-up of one run; ``progress(done, total)`` is told of each entry asked."""

    settings: LookupSettings
    table: VenueTable
    cache: LookupCache = field(default_factory=lambda: LookupCache(None))
    progress: Callable[[int, int], None] | None = None
    services: dict[str, Service] = field(default_factory=dict)
    s2_headers: dict[str, str] = field(default_factory=dict)
    _done: int = field(default=0, init=False)
    _total: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        shared = session(USER_AGENT)
        intervals = {**DEFAULT_INTERVALS, **self.settings.intervals}
        for name in ("semantic-scholar", "dblp", "arxiv"):
            self.services[name] = Service(name, self.settings.urls[name], intervals[name],
                                          self.settings.retries, shared)
        key = os.environ.get("SEMANTIC_SCHOLAR_API_KEY")
        if key:
            self.s2_headers["x-api-key"] = key

    def run(self, candidates: Sequence[Candidate]) -> dict[int, Found]:
        """The best answer per entry index; raises :class:`LookupOffline` if nothing answered."""
        out: dict[int, Found] = {}
        self._done, self._total = 0, len(candidates)
        with_id = [c for c in candidates if c.arxiv]
        self._semantic_scholar(with_id, out)
        rest = [c for c in candidates if c.entry not in out or not out[c.entry].confident]
        self._dblp(rest, out)
        rest = [c for c in with_id if c.entry not in out]
        self._arxiv(rest, out)
        self.cache.save()
        asked = [s for s in self.services.values() if s.sent]
        if asked and all(s.down for s in asked):
            raise LookupOffline("; ".join(s.down for s in asked))
        return out

    # Semantic Scholar ------------------------------------------------------------------
    def _semantic_scholar(self, cands: Sequence[Candidate], out: dict[int, Found]) -> None:
        todo: list[Candidate] = []
        for c in cands:
            hit, value = self.cache.get(f"s2:{c.arxiv}")
            if hit:
                self._take(out, self._from_s2(c, value))
                self._step()
            else:
                todo.append(c)
        svc = self.services["semantic-scholar"]
        for k in range(0, len(todo), S2_BATCH):
            chunk = todo[k:k + S2_BATCH]
            resp = svc.call("POST", "/graph/v1/paper/batch", params={"fields": S2_FIELDS},
                            json={"ids": [f"arXiv:{c.arxiv}" for c in chunk]},
                            headers=self.s2_headers)
            data = _json(resp) if resp is not None and resp.status_code == 200 else None
            if not isinstance(data, list) or len(data) != len(chunk):
                self._step(len(chunk))
                continue
            for c, item in zip(chunk, data):
                value = _s2_slim(item)
                self.cache.put(f"s2:{c.arxiv}", value)
                self._take(out, self._from_s2(c, value))
            self._step(len(chunk))

    def _from_s2(self, c: Candidate, value: Any) -> Found | None:
        if not isinstance(value, dict):
            return None
        title = str(value.get("title") or "")
        exact = normalise_title(title) == normalise_title(c.title)
        year = value.get("year") if isinstance(value.get("year"), int) else None
        dblp = str(value.get("dblp") or "")
        info = self.table.from_dblp_key(dblp) if dblp else None
        if info is not None and not info.preprint:
            return Found(c.entry, "semantic-scholar", info.name, year, title, exact, dblp, dblp)
        names = [str(n) for n in (value.get("venue"), *(value.get("names") or [])) if n]
        info = next((i for n in names if (i := self.table.from_name(n)) is not None), None)
        if info is None:
            return None
        return Found(c.entry, "semantic-scholar", info.name, year, title, exact, "",
                     names[0] if names else "", info.preprint)

    # DBLP ------------------------------------------------------------------------------
    def _dblp(self, cands: Sequence[Candidate], out: dict[int, Found]) -> None:
        svc = self.services["dblp"]
        for c in cands:
            key = f"dblp:{normalise_title(c.title)}"
            hit, value = self.cache.get(key)
            if not hit:
                resp = svc.call("GET", "/search/publ/api",
                                params={"q": c.title, "format": "json", "h": 5})
                value = _dblp_slim(_json(resp)) if resp is not None and resp.status_code == 200 \
                    else None
                if resp is not None and resp.status_code == 200:
                    self.cache.put(key, value)
            self._take(out, self._from_dblp(c, value))
            self._step()

    def _from_dblp(self, c: Candidate, hits: Any) -> Found | None:
        if not isinstance(hits, list):
            return None
        want = normalise_title(c.title)
        best: Found | None = None
        for h in hits:
            if not isinstance(h, dict):
                continue
            key = str(h.get("key") or "")
            info = self.table.from_dblp_key(key)
            exact = normalise_title(str(h.get("title") or "")) == want
            if info is None or not exact:
                continue
            year = int(h["year"]) if str(h.get("year") or "").isdigit() else None
            found = Found(c.entry, "dblp", info.name, year, str(h.get("title") or ""), True,
                          "" if info.preprint else key, key, info.preprint)
            if not info.preprint:
                return found
            best = best or found
        return best

    # arXiv -----------------------------------------------------------------------------
    def _arxiv(self, cands: Sequence[Candidate], out: dict[int, Found]) -> None:
        svc = self.services["arxiv"]
        todo = []
        for c in cands:
            hit, value = self.cache.get(f"arxiv:{c.arxiv}")
            if hit:
                self._take(out, self._from_comment(c, value))
            else:
                todo.append(c)
        for k in range(0, len(todo), ARXIV_BATCH):
            chunk = todo[k:k + ARXIV_BATCH]
            ids = ",".join(str(c.arxiv) for c in chunk)
            resp = svc.call("GET", "/api/query", params={"id_list": ids,
                                                         "max_results": len(chunk)})
            if resp is None or resp.status_code != 200:
                continue
            comments = arxiv_entries(resp.content)
            for c in chunk:
                value = comments.get(str(c.arxiv))
                self.cache.put(f"arxiv:{c.arxiv}", value)
                self._take(out, self._from_comment(c, value))

    def _from_comment(self, c: Candidate, value: Any) -> Found | None:
        if not isinstance(value, dict):
            return None
        found = arxiv_venue(value, self.table)
        if found is None:
            return None
        v, text = found
        return Found(c.entry, "arxiv", v.name, v.year, str(value.get("title") or ""), False, "",
                     text[:120], False)

    # helpers ---------------------------------------------------------------------------
    @staticmethod
    def _take(out: dict[int, Found], found: Found | None) -> None:
        if found is None or (not found.venue and not found.preprint):
            return
        old = out.get(found.entry)
        if old is None or (found.confident and not old.confident) or \
                (old.preprint and not found.preprint):
            out[found.entry] = found

    def _step(self, n: int = 1) -> None:
        if self.progress is not None:
            self._done = min(self._total, self._done + n)
            self.progress(self._done, self._total)


def arxiv_venue(value: Any, table: VenueTable) -> tuple[Venue, str] | None:
    """The venue of an :func:`arxiv_entries` record (journal reference, then comment), with
    the words it came from."""
    if not isinstance(value, dict):
        return None
    for key in ("journal_ref", "comment"):
        text = " ".join(str(value.get(key) or "").split())
        v = accepted_venue(text, table)
        if v is not None:
            return v, text
    return None


def _json(resp: requests.Response | None) -> Any:
    if resp is None:
        return None
    try:
        return resp.json()
    except ValueError:
        return None


def _s2_slim(item: Any) -> dict[str, Any] | None:
    """The fields of a Semantic Scholar paper that matter, for the cache."""
    if not isinstance(item, dict):
        return None
    ext, pv = item.get("externalIds"), item.get("publicationVenue")
    ext = ext if isinstance(ext, dict) else {}
    pv = pv if isinstance(pv, dict) else {}
    names = [pv.get("name")] + list(pv.get("alternate_names") or [])
    return {"title": item.get("title"), "venue": item.get("venue"), "year": item.get("year"),
            "dblp": ext.get("DBLP"), "names": [str(n) for n in names if n]}


def _dblp_slim(data: Any) -> list[dict[str, Any]] | None:
    """``result.hits.hit[].info`` of a DBLP search (``hit`` is missing when nothing matched)."""
    try:
        hits = data["result"]["hits"].get("hit") or []
    except (TypeError, KeyError, AttributeError):
        return None
    out = []
    for h in hits if isinstance(hits, list) else [hits]:
        info = h.get("info") if isinstance(h, dict) else None
        if not isinstance(info, dict):
            continue
        venue = info.get("venue")
        out.append({"title": str(info.get("title") or "").rstrip("."),
                    "venue": " ".join(venue) if isinstance(venue, list) else venue,
                    "year": info.get("year"), "key": info.get("key")})
    return out


def arxiv_entries(body: bytes) -> dict[str, dict[str, str]]:
    """arXiv id -> {title, comment, journal_ref, published} from an Atom feed of the arXiv API
    (also used by ``listlint add``)."""
    if b"<!DOCTYPE" in body[:2000] or b"<!ENTITY" in body[:2000]:
        return {}
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return {}
    out: dict[str, dict[str, str]] = {}
    for entry in root.iter(f"{_ATOM}entry"):
        ident = (entry.findtext(f"{_ATOM}id") or "").rsplit("/abs/", 1)[-1]
        ident = re.sub(r"v\d+$", "", ident.strip())
        if not ident:
            continue
        out[ident] = {"title": " ".join((entry.findtext(f"{_ATOM}title") or "").split()),
                      "comment": entry.findtext(f"{_ARXIV_NS}comment") or "",
                      "journal_ref": entry.findtext(f"{_ARXIV_NS}journal_ref") or "",
                      "published": (entry.findtext(f"{_ATOM}published") or "").strip()}
    return out


def candidates_for(doc: Document, found: Iterable[Placed]) -> list[Candidate]:
    """Entries with neither a venue in the text nor one implied by the URL, that are papers."""
    from listlint.linkid import arxiv_id, paper_identity

    out = []
    for ev in found:
        if ev.text is not None or ev.url is not None:
            continue
        e = doc.entries[ev.entry]
        urls = [e.url, *(link.url for link in e.other_links if link.kind != "image")]
        ident = next((a for u in urls if (a := arxiv_id(u))), None)
        paper = ident or next((p for u in urls if (p := paper_identity(u))), None)
        if paper is None and not e.url.lower().endswith(".pdf"):
            continue
        if len(normalise_title(e.title)) < 12:
            continue
        out.append(Candidate(e.index, e.title, ident))
    return out


def lookup_venues(doc: Document, found: Sequence[Placed], settings: LookupSettings, *,
                  cache_path: Path | None = None, use_cache: bool = True,
                  progress: bool | None = None) -> tuple[dict[int, Found], str]:
    """``listlint venues --lookup``: the answers for the entries that name no venue (by entry
    index), and the one line saying why nothing was looked up when no service answered."""
    from listlint.progress import Progress

    cands = candidates_for(doc, found)
    cache = LookupCache((cache_path or cache_file(FILE)) if use_cache else None)
    bar = Progress(label="looking up venues") if cands and Progress.wanted(progress) else None
    try:
        return Lookup(settings, settings.table, cache, bar).run(cands), ""
    except LookupOffline as exc:
        return {}, str(exc)
    finally:
        if bar is not None:
            bar.close()
