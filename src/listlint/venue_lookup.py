"""Ask online services where preprints were published (``listlint venues --lookup``).

Semantic Scholar first, in batches of arXiv identifiers (``POST /graph/v1/paper/batch``); the
DBLP title search as a fallback for papers Semantic Scholar does not place (``GET
/search/publ/api?q=TITLE&format=json``); the arXiv API's author comments ("Accepted by NeurIPS
2024") as evidence. Each service gets its own pace (one request per ``interval`` seconds,
``Retry-After`` honoured on 429 and 503, a few retries), answers are cached on disk, and the
base URLs come from :class:`~listlint.venues.VenueSettings` (config, then environment), so tests
run against a server on 127.0.0.1. The paced :class:`Service`, the :class:`LookupCache` and
the arXiv feed reader serve ``listlint add`` as well.

A match is *confident* only when the service's title equals the entry's title (ignoring case
and punctuation) and the venue comes from a DBLP key listlint knows (``conf/osdi/…``);
``--write`` writes only those. This is the only venue module that imports ``requests``, and
only when a request is made.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from listlint import __version__
from listlint.venues import Venue, VenueSettings, VenueTable, scan_region

if TYPE_CHECKING:
    import requests

USER_AGENT = f"listlint/{__version__} (venue look-up)"
DEFAULT_INTERVALS = {"semantic-scholar": 1.0, "dblp": 1.5, "arxiv": 3.0}
S2_FIELDS = "title,venue,publicationVenue,externalIds,year"
S2_BATCH = 500
ARXIV_BATCH = 50
MAX_RETRY_AFTER = 60.0
MAX_BODY = 20_000_000
DEADLINE = 60.0  # seconds per request in all: connecting, headers and body
CACHE_VERSION = 1
CACHE_MAX_AGE = 30 * 86400.0
_NON_WORD = re.compile(r"[^0-9a-z]+")
_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV_NS = "{http://arxiv.org/schemas/atom}"
_NOT_ACCEPTED = re.compile(r"\b(?:submitted|under\s+review|in\s+review|submission|preprint\s+of)\b",
                           re.I)


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


def normalise_title(title: str) -> str:
    """Titles compare without case, punctuation, a trailing period or extra spaces."""
    return _NON_WORD.sub(" ", title.casefold()).strip()


# -- politeness ------------------------------------------------------------------------------
@dataclass(slots=True)
class Service:
    """One service: base URL, pace and retries; remembers whether it answered at all."""

    name: str
    base: str
    interval: float
    retries: int = 2
    session: requests.Session | None = None
    sleep: Callable[[float], None] = time.sleep
    _last: float = -1e9
    reached: bool = False
    down: str = ""
    sent: int = 0
    deadline: float = DEADLINE

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response | None:
        """One request, paced; retried on 429/5xx and resets; None when it keeps failing."""
        if self.down:
            return None
        import requests  # only when a request is made (the pure helpers below need none)

        from listlint.net.http import fetch

        assert self.session is not None
        url = self.base.rstrip("/") + path
        for attempt in range(self.retries + 1):
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            self._last = time.monotonic()
            self.sent += 1
            try:
                got = fetch(self.session, method, url, seconds=self.deadline, max_body=MAX_BODY,
                            timeout=(10, 30), **kwargs)
            except requests.ConnectionError as exc:
                if not self.reached:
                    self.down = f"{self.name} unreachable ({_short_error(exc)})"
                    return None
                self.sleep(self.interval * (2 ** attempt))
                continue
            except requests.RequestException:
                self.sleep(self.interval * (2 ** attempt))
                continue
            self.reached = True
            if got is None:  # a body over MAX_BODY
                return None
            resp = got[0]
            if resp.status_code in (429, 503) or resp.status_code >= 500:
                delay = _retry_after(resp.headers.get("Retry-After"))
                if delay is None:
                    delay = self.interval * (2 ** attempt)
                if attempt < self.retries:
                    self.sleep(min(delay, MAX_RETRY_AFTER))
                continue
            return resp
        return None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        import email.utils

        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())


def _short_error(exc: Exception) -> str:
    text = str(exc)
    for marker in ("Name or service not known", "Temporary failure in name resolution",
                   "Connection refused", "Network is unreachable", "timed out"):
        if marker in text:
            return marker.lower()
    return type(exc).__name__


# -- cache -----------------------------------------------------------------------------------
def default_cache_file() -> Path:
    """``venues.json`` next to the link cache, in the user cache folder."""
    from listlint.net.cache import default_cache_file as links_file

    return links_file().with_name("venues.json")


class LookupCache:
    """Service answers on disk (a damaged file is ignored, writes are atomic)."""

    def __init__(self, path: Path | None, max_age: float = CACHE_MAX_AGE) -> None:
        self.path = path
        self.max_age = max_age
        self.data: dict[str, dict[str, Any]] = {}
        self.dirty = False
        if path is not None and path.is_file():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                if raw.get("version") == CACHE_VERSION and isinstance(raw.get("answers"), dict):
                    self.data = raw["answers"]
            except (OSError, ValueError, AttributeError):
                self.data = {}

    def get(self, key: str) -> tuple[bool, Any]:
        item = self.data.get(key)
        if not isinstance(item, dict) or time.time() - float(item.get("t", 0)) > self.max_age:
            return False, None
        return True, item.get("v")

    def put(self, key: str, value: Any) -> None:
        self.data[key] = {"t": time.time(), "v": value}
        self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        from listlint.fsio import write_atomic

        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps({"version": CACHE_VERSION, "answers": self.data},
                                           ensure_ascii=False).encode("utf-8"))


# -- progress --------------------------------------------------------------------------------
class Bar:
    """``looking up venues [####....] 12/40`` on a terminal's stderr."""

    def __init__(self, total: int, stream: IO[str] | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.drawn = False

    @staticmethod
    def wanted(flag: bool | None) -> bool:
        if flag is not None:
            return flag
        return sys.stderr.isatty() and not os.environ.get("CI")

    def step(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        filled = 30 * self.done // max(1, self.total)
        self.stream.write(f"\r  looking up venues [{'#' * filled}{'.' * (30 - filled)}] "
                          f"{self.done}/{self.total}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


# -- the look-up -----------------------------------------------------------------------------
@dataclass(slots=True)
class Lookup:
    settings: VenueSettings
    table: VenueTable
    cache: LookupCache = field(default_factory=lambda: LookupCache(None))
    progress: Bar | None = None
    services: dict[str, Service] = field(default_factory=dict)
    s2_headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        import requests

        from listlint.net.http import guard_session

        session = guard_session(requests.Session())
        session.headers["User-Agent"] = USER_AGENT
        intervals = {**DEFAULT_INTERVALS, **self.settings.intervals}
        for name in ("semantic-scholar", "dblp", "arxiv"):
            self.services[name] = Service(name, self.settings.urls[name], intervals[name],
                                          self.settings.retries, session)
        key = os.environ.get("SEMANTIC_SCHOLAR_API_KEY")
        if key:
            self.s2_headers["x-api-key"] = key

    def run(self, candidates: Sequence[Candidate]) -> dict[int, Found]:
        """The best answer per entry index; raises :class:`LookupOffline` if nothing answered."""
        out: dict[int, Found] = {}
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
            self.progress.step(n)


def accepted_venue(text: str, table: VenueTable) -> Venue | None:
    """The known venue an author's note says a paper appeared at ("Accepted by OSDI'24"),
    unless it speaks of a submission or a review."""
    text = " ".join(text.split())
    if not text or _NOT_ACCEPTED.search(text):
        return None
    return next((v for v in scan_region(text, 0, len(text), table)
                 if not v.preprint and v.known), None)


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


def candidates_for(doc: Any, found: Iterable[Any]) -> list[Candidate]:
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


def found_dict(f: Found) -> dict[str, Any]:
    d = asdict(f)
    d["confident"] = f.confident
    return d
