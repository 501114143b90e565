"""What a URL is about: title, description, venue and year, from the service behind it.

:func:`target` turns what the user typed (a URL, a bare arXiv id, a DOI) into a
:class:`Target`: the link to write and the service that knows about it. :class:`Fetcher` asks
that service, politely and through the disk cache the venue look-up uses
(:class:`~listlint.net.service.Service` paces each service and honours ``Retry-After``;
:class:`~listlint.net.service.LookupCache` keeps the answers):

- arXiv: the export API's Atom feed (``$LISTLINT_ARXIV_API?id_list=…``, all ids of one run in
  one request): title, year of first publication, and the venue of the journal reference or
  the authors' comment ("Accepted at OSDI'24");
- a DOI: Crossref's ``/works/DOI`` JSON (title, container title or event, year);
- OpenReview: API v2 ``/notes?id=…`` (title, venue such as "ICLR 2024 poster");
- a GitHub repository: the REST API's ``/repos/OWNER/NAME`` (name, description), read by
  :func:`listlint.net.github.repo_facts`;
- any other page: its ``og:title`` or ``<title>``.

Nothing raises because a service is down: what could not be had becomes a line of
:attr:`Metadata.missing`. ``requests`` is imported only when a request is made.
"""

from __future__ import annotations

import html.parser
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from listlint.linkid import arxiv_id, doi, link_identity
from listlint.source import InputError
from listlint.venue.mention import Venue
from listlint.venue.table import VenueTable

if TYPE_CHECKING:
    from listlint.net.service import LookupCache, Service

#: Each service's default base URL and the environment variable that overrides it.
SERVICES: dict[str, tuple[str, str]] = {
    "arxiv": ("LISTLINT_ARXIV_API", "https://export.arxiv.org/api/query"),
    "crossref": ("LISTLINT_CROSSREF_API", "https://api.crossref.org"),
    "openreview": ("LISTLINT_OPENREVIEW_API", "https://api2.openreview.net"),
    "github": ("LISTLINT_GITHUB_API", "https://api.github.com"),
}
INTERVALS = {"arxiv": 3.0, "crossref": 1.0, "openreview": 1.0, "github": 1.0, "page": 1.0}
MAX_PAGE = 1_000_000  # bytes of an HTML page read for its title
_BARE_ARXIV = re.compile(r"(?i)(?:arxiv:\s*)?(\d{4}\.\d{4,5}|[a-z][a-z\-]+(?:\.[a-z]{2})?/\d{7})(?:v\d+)?")
_BARE_DOI = re.compile(r"(?i)(?:doi:\s*)?(10\.\d{4,9}/\S+)")
_GITHUB_REPO = re.compile(r"/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/([A-Za-z0-9._-]{1,100}?)(?:\.git)?/?$")
_NOT_A_TITLE = re.compile(r"(?i)^(?:just a moment|attention required|access denied|403 forbidden|"
                          r"404 not found|page not found|sign in|log in)\b")
_YEAR = re.compile(r"(19|20)\d{2}")


@dataclass(frozen=True, slots=True)
class Target:
    """One thing to add: the link to write and the service that knows about it."""

    url: str
    kind: str  # arxiv | doi | openreview | github | page
    key: str  # arXiv id, DOI, OpenReview id, owner/name; the URL for a page
    identity: str  # :func:`listlint.linkid.link_identity` of the URL


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about a target; empty strings where nothing is known."""

    target: Target
    title: str = ""
    description: str = ""
    venue: Venue | None = None
    year: int | None = None
    source: str = ""  # which service answered ("arXiv API", "Crossref", ...)
    missing: tuple[str, ...] = ()  # one line per thing that could not be had, and why


def target(text: str) -> Target:
    """The :class:`Target` for a URL, a bare arXiv id (``2407.12391``, ``arXiv:2407.12391v2``)
    or a DOI (``10.1145/3600006.3613165``, ``doi:…``); :class:`InputError` for anything else."""
    raw = text.strip()
    m = _BARE_ARXIV.fullmatch(raw)
    if m:
        raw = f"https://arxiv.org/abs/{m.group(1)}"
    else:
        m = _BARE_DOI.fullmatch(raw)
        if m:
            raw = f"https://doi.org/{m.group(1)}"
    parts = urlsplit(raw)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or \
            any(c.isspace() or ord(c) < 32 for c in raw):
        raise InputError(f"not a URL, arXiv id or DOI: {text.strip()[:100]!r}")
    ident = link_identity(raw)
    if (a := arxiv_id(raw)) is not None:
        return Target(raw, "arxiv", a, ident)
    if (d := doi(raw)) is not None:
        return Target(raw, "doi", d, ident)
    if ident.startswith("openreview:"):
        return Target(raw, "openreview", ident.split(":", 1)[1], ident)
    host = parts.netloc.lower().removeprefix("www.")
    gm = _GITHUB_REPO.fullmatch(parts.path) if host == "github.com" else None
    if gm is not None and not parts.query:
        return Target(raw, "github", f"{gm.group(1)}/{gm.group(2)}", ident)
    return Target(raw, "page", raw, ident)


def service_url(name: str, env: Mapping[str, str] | None = None) -> str:
    """The base URL of a service: its environment variable, else the public one."""
    var, default = SERVICES[name]
    env = os.environ if env is None else env
    return (env.get(var) or default).strip()


@dataclass(slots=True)
class Fetcher:
    """Asks the services; :meth:`fetch_all` gives one :class:`Metadata` per target."""

    table: VenueTable
    cache: LookupCache | None = None
    offline: bool = False
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    _services: dict[str, Service] = field(default_factory=dict)

    def fetch_all(self, targets: Iterable[Target]) -> list[Metadata]:
        todo = list(targets)
        arxiv = self._arxiv([t.key for t in todo if t.kind == "arxiv"])
        out = []
        for t in todo:
            if t.kind == "arxiv":
                out.append(self._from_arxiv(t, arxiv))
            else:
                out.append(getattr(self, f"_{t.kind}")(t))
        if self.cache is not None:
            self.cache.save()
        return out

    # -- plumbing --------------------------------------------------------------------------
    def _service(self, name: str, host: str = "") -> Service:
        key = f"{name}:{host}"
        svc = self._services.get(key)
        if svc is None:
            from listlint import __version__
            from listlint.net.service import Service, session

            agent = session(f"listlint/{__version__} (listlint add)")
            base = "" if name == "page" else service_url(name, self.env)
            svc = self._services[key] = Service(host or name, base, INTERVALS[name], session=agent)
        return svc

    def _cached(self, key: str) -> tuple[bool, Any]:
        return self.cache.get(key) if self.cache is not None else (False, None)

    def _keep(self, key: str, value: Any) -> None:
        if self.cache is not None and value is not None:
            self.cache.put(key, value)

    def _get(self, name: str, path: str, **kwargs: Any) -> tuple[Any, str]:
        """(response, "") or (None, why not) for one GET of a service."""
        if self.offline:
            return None, "offline"
        svc = self._service(name, urlsplit(path).netloc if name == "page" else "")
        resp = svc.call("GET", path, **kwargs)
        if resp is None:
            return None, svc.down or f"{name} did not answer"
        if resp.status_code != 200:
            return None, f"{_label(name)} answered {resp.status_code}"
        return resp, ""

    # -- arXiv -----------------------------------------------------------------------------
    def _arxiv(self, ids: list[str]) -> dict[str, Any]:
        """arXiv id -> record (or the reason it is missing, as a str)."""
        out: dict[str, Any] = {}
        todo = []
        for a in dict.fromkeys(ids):
            hit, value = self._cached(f"add:arxiv:{a}")
            if hit:
                out[a] = value
            else:
                todo.append(a)
        if not todo:
            return out
        from listlint.net.lookup import arxiv_entries

        resp, why = self._get("arxiv", "", params={"id_list": ",".join(todo),
                                                   "max_results": len(todo)})
        records = arxiv_entries(resp.content) if resp is not None else {}
        for a in todo:
            rec = records.get(a)
            if rec is not None and rec.get("title") and rec.get("title") != "Error":
                out[a] = rec
                self._keep(f"add:arxiv:{a}", rec)
            else:
                out[a] = why or "the arXiv API does not know this id"
        return out

    def _from_arxiv(self, t: Target, records: dict[str, Any]) -> Metadata:
        rec = records.get(t.key)
        if not isinstance(rec, dict):
            return _nothing(t, "arXiv API", str(rec))
        from listlint.net.lookup import arxiv_venue

        found = arxiv_venue(rec, self.table)
        m = _YEAR.match(str(rec.get("published") or ""))
        return Metadata(t, title=_clean(rec["title"]), venue=found[0] if found else None,
                        year=int(m.group()) if m else None, source="arXiv API")

    # -- Crossref --------------------------------------------------------------------------
    def _doi(self, t: Target) -> Metadata:
        key = f"add:crossref:{t.key}"
        hit, value = self._cached(key)
        why = ""
        if not hit:
            resp, why = self._get("crossref", f"/works/{quote(t.key, safe='/')}",
                                  headers={"Accept": "application/json"})
            value = _crossref_slim(_json(resp)) if resp is not None else None
            why = why or ("" if value else "Crossref answered without a title")
            self._keep(key, value)
        if not isinstance(value, dict):
            return _nothing(t, "Crossref", why)
        venue = None
        for name in (*value["short"], *value["container"], value["event"]):
            venue = _venue_named(name, self.table, value["year"])
            if venue is not None:
                break
        return Metadata(t, title=value["title"], venue=venue, year=value["year"], source="Crossref")

    # -- OpenReview ------------------------------------------------------------------------
    def _openreview(self, t: Target) -> Metadata:
        key = f"add:openreview:{t.key}"
        hit, value = self._cached(key)
        why = ""
        if not hit:
            resp, why = self._get("openreview", "/notes", params={"id": t.key})
            value = _openreview_slim(_json(resp)) if resp is not None else None
            why = why or ("" if value else "OpenReview has no note with this id")
            self._keep(key, value)
        if not isinstance(value, dict):
            return _nothing(t, "OpenReview", why)
        from listlint.venue.scan import accepted_venue

        venue = accepted_venue(value["venue"], self.table) if value["venue"] else None
        return Metadata(t, title=value["title"], venue=venue,
                        year=venue.year if venue else None, source="OpenReview")

    # -- GitHub ----------------------------------------------------------------------------
    def _github(self, t: Target) -> Metadata:
        name = t.key.split("/", 1)[1]
        key = f"add:github:{t.key.lower()}"
        hit, value = self._cached(key)
        why = "offline" if self.offline else ""
        if not hit and not self.offline:
            from listlint.net.github import api_headers, repo_facts

            token = self.env.get("GITHUB_TOKEN") or self.env.get("GH_TOKEN") or ""
            resp, why = self._get("github", f"/repos/{t.key}", headers=api_headers(token))
            facts = repo_facts(_json(resp), t.key) if resp is not None else why
            if isinstance(facts, str):
                why = facts
            else:
                value = {"name": facts.slug.split("/", 1)[-1], "description": facts.description}
                self._keep(key, value)
        if not isinstance(value, dict):  # the name is in the URL; the description is not
            return Metadata(t, title=name, source="the URL",
                            missing=(f"description: {why or 'unknown'}",))
        desc = str(value.get("description") or "")
        return Metadata(t, title=str(value.get("name") or name), description=desc,
                        source="GitHub API",
                        missing=() if desc else ("description: the repository has none",))

    # -- any page --------------------------------------------------------------------------
    def _page(self, t: Target) -> Metadata:
        key = f"add:page:{t.identity}"
        hit, value = self._cached(key)
        why = ""
        if not hit:
            resp, why = self._get("page", t.url, headers={"Accept": "text/html"})
            value = page_title(_head(resp)) if resp is not None else ""
            why = why or ("" if value else "the page has no title")
            if value:
                self._keep(key, value)
        if not value:
            return _nothing(t, "the page", why)
        return Metadata(t, title=str(value), source="the page")


def _label(name: str) -> str:
    return {"arxiv": "arXiv API", "crossref": "Crossref", "openreview": "OpenReview",
            "github": "GitHub API", "page": "the page"}.get(name, name)


def _nothing(t: Target, service: str, why: str) -> Metadata:
    fields = ("title",) if t.kind == "page" else ("title", "venue")
    return Metadata(t, source="", missing=tuple(f"{f}: {service}: {why or 'no answer'}"
                                                for f in fields))


def _head(resp: Any) -> bytes:
    """The first :data:`MAX_PAGE` bytes of a body (the service's guarded fetch has read at
    most its size limit, within its deadline)."""
    return bytes(resp.content[:MAX_PAGE])


def _json(resp: Any) -> Any:
    try:
        return resp.json()
    except ValueError:
        return None


def _clean(text: str) -> str:
    """One line of printable text (nothing from a service may reach the file or the terminal
    as a control sequence)."""
    return " ".join("".join(c if c.isprintable() else " " for c in str(text)).split())


def _first(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return _clean(value) if isinstance(value, str) else ""


def _crossref_slim(data: Any) -> dict[str, Any] | None:
    """Title, container titles, event name and year of a Crossref ``/works`` answer."""
    msg = data.get("message") if isinstance(data, dict) else None
    if not isinstance(msg, dict) or not _first(msg.get("title")):
        return None
    year = None
    for field_name in ("published-print", "published", "issued", "published-online"):
        parts = (msg.get(field_name) or {}).get("date-parts") if \
            isinstance(msg.get(field_name), dict) else None
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0] and \
                isinstance(parts[0][0], int):
            year = parts[0][0]
            break
    event = msg.get("event")
    names = lambda v: [_clean(x) for x in v if isinstance(x, str)] if isinstance(v, list) else []  # noqa: E731
    return {"title": _first(msg.get("title")), "short": names(msg.get("short-container-title")),
            "container": names(msg.get("container-title")),
            "event": _clean(event.get("name") or "") if isinstance(event, dict) else "",
            "year": year}


def _openreview_slim(data: Any) -> dict[str, str] | None:
    """Title and venue of the first note of an OpenReview ``/notes`` answer (API v2 wraps
    each field as ``{"value": …}``; API v1 does not)."""
    notes = data.get("notes") if isinstance(data, dict) else None
    if not isinstance(notes, list) or not notes or not isinstance(notes[0], dict):
        return None
    content = notes[0].get("content")
    if not isinstance(content, dict):
        return None

    def value(name: str) -> str:
        v = content.get(name)
        v = v.get("value") if isinstance(v, dict) else v
        return _clean(v) if isinstance(v, str) else ""

    title = value("title")
    return {"title": title, "venue": value("venue")} if title else None


def _venue_named(name: str, table: VenueTable, year: int | None) -> Venue | None:
    """A known venue from a Crossref name ("SOSP '23", "Proceedings of … (OSDI 22)")."""
    if not name:
        return None
    from listlint.venue.scan import accepted_venue

    v = accepted_venue(name, table)
    if v is not None:
        return v if v.year or year is None else replace(v, year=year)
    info = table.from_name(name)
    if info is None or info.preprint:
        return None
    return Venue(info.name, year, source="lookup", evidence=name)


class _TitleParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.og = ""
        self.title: list[str] | None = None
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            a = dict(attrs)
            if (a.get("property") or a.get("name") or "").lower() in ("og:title", "twitter:title") \
                    and not self.og:
                self.og = _clean(a.get("content") or "")
        elif tag == "title" and self.title is None:
            self.title = []
        elif tag == "body":
            self.done = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title is not None:
            self.done = self.done or bool(self.og)

    def handle_data(self, data: str) -> None:
        if self.title is not None and not self.done and len(self.title) < 50:
            self.title.append(data)


def page_title(body: bytes) -> str:
    """The ``og:title`` of an HTML page, else its ``<title>``; "" when it has neither, or
    when it is a bot challenge or an error page."""
    text = body.decode("utf-8", "replace")
    p = _TitleParser()
    try:
        p.feed(text)
    except (AssertionError, ValueError):  # a broken page: keep what was read
        pass
    title = p.og or _clean("".join(p.title or []))
    title = "".join(c for c in title if c.isprintable())[:300]
    return "" if _NOT_A_TITLE.match(title) else title


__all__ = ["Fetcher", "Metadata", "SERVICES", "Target", "page_title", "service_url", "target"]
