"""The venue a paper's URL implies, without any network.

``usenix.org/conference/osdi24/…`` is OSDI'24, ``proceedings.mlr.press/v202/…`` ICML'23,
``aclanthology.org/2025.coling-main.12`` COLING'25, ``openaccess.thecvf.com/content/CVPR2023/…``
CVPR'23, and so on for the hosts of :data:`_VENUE_HOSTS`. arXiv, OpenReview, dl.acm.org and
DOIs do not tell (``listlint venues --lookup`` asks online services instead).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from listlint.venue.mention import Venue, year_value
from listlint.venue.table import VenueTable, load_table

# every host _url_rules knows ends with one of these (a new venue host goes here too)
_VENUE_HOSTS = ("usenix.org", "mlr.press", "mlsys.org", "nips.cc", "neurips.cc", "icml.cc",
               "iclr.cc", "aclanthology.org", "thecvf.com", "computer.org", "ecva.net", "vldb.org",
               "jmlr.org", "ndss-symposium.org", "ijcai.org")
_WEB_HOST = re.compile(r"https?://([^/?#@:\[\]%]*)(?=[/?#]|$)")
# the URL patterns: few URLs get to them, compiled on first use (re caches them)
_VENUE_HOST = "(?i)" + "|".join(re.escape(host) for host in _VENUE_HOSTS)
_USENIX = r"/(?:conference|events)/([a-z]+?)-?(\d{2}|\d{4})(?:/|$)"
_PMLR = r"/v(\d{1,3})(?:/|$)"
_YEAR_PATH = r"/((?:19|20)\d{2})(?:/|$)"
_ANTH_NEW = r"/(\d{4})\.([a-z0-9\-]{1,40})\.\d+"
_ANTH_OLD = r"/([A-Z])(\d{2})-\d{4}"
_CVF = r"/content(?:_([a-z]+)_(\d{4})|/([A-Za-z]+)(\d{4})(W?))/"
_CSDL = r"/csdl/proceedings-article/([a-z0-9\-]+)/(\d{4})/"
_ECCV = r"/papers/eccv_(\d{4})/"
_PVLDB = r"/pvldb/vol(\d{1,2})/"
_JMLR = r"/papers/v(\d{1,2})/"
_NDSS = r"/ndss(\d{4})/"
_IJCAI = r"/proceedings/(\d{4})/"
#: PMLR volumes of ICML
ICML_VOLUMES = {37: 2015, 48: 2016, 70: 2017, 80: 2018, 97: 2019, 119: 2020, 139: 2021,
                162: 2022, 202: 2023, 235: 2024, 267: 2025}


def url_venue(url: str, table: VenueTable | None = None) -> Venue | None:
    """The venue a paper URL implies, without any network: ``usenix.org/conference/osdi24/…``
    -> OSDI'24. None when the URL does not tell (arXiv, OpenReview, dl.acm.org, a DOI)."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    split = _host_path(url)
    if split is None:
        return None
    host, path = split
    if host.startswith("www."):
        host = host[4:]
    table = table or load_table()
    found = _url_rules(host, path, table)
    if found is None:
        return None
    name, year, qualifier = found
    info = table.by_name.get(name.casefold())
    if info is None:
        return None
    evidence = (host + path)[:80]
    return Venue(info.name, year, qualifier, "url", None, "url", info.name, status="canonical",
                 kind=info.kind, evidence=evidence)


def _host_path(url: str) -> tuple[str, str] | None:
    """The lower-cased host and the path of a web URL as urlsplit gives them; None when the
    URL names no venue host (or is malformed).

    A plain URL (printable ASCII, no userinfo, port or IPv6 literal) is split by one regex
    and string methods, and only its host is compared with ``_VENUE_HOSTS``; any other URL
    must name one of them somewhere."""
    plain = _WEB_HOST.match(url) if url.isascii() and url.isprintable() else None
    if plain is not None:
        host = plain.group(1).lower()
        if not host.endswith(_VENUE_HOSTS):
            return None
        return host, url[plain.end():].partition("#")[0].partition("?")[0]
    if not re.search(_VENUE_HOST, url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return (parts.hostname or "").lower(), parts.path


def _by_code(table: VenueTable, kind: str, code: str) -> str | None:
    info = table.by_code.get((kind, code if kind == "anthology" and len(code) == 1
                              else code.casefold()))
    return info.name if info else None


def _url_rules(host: str, path: str, table: VenueTable) -> tuple[str, int | None, str] | None:
    if host == "usenix.org":
        m = re.search(_USENIX, path)
        if m:
            name = _by_code(table, "usenix", m.group(1))
            return (name, year_value(m.group(2)), "") if name else None
        return None
    if host == "proceedings.mlr.press":
        m = re.match(_PMLR, path)
        if m and int(m.group(1)) in ICML_VOLUMES:
            return "ICML", ICML_VOLUMES[int(m.group(1))], ""
        return None
    if host in ("proceedings.mlsys.org", "mlsys.org"):
        m = re.search(_YEAR_PATH, path)
        if "/tutorial" in path:
            return None
        return ("MLSys", int(m.group(1)) if m else None, "") if m else None
    if host in ("proceedings.neurips.cc", "papers.nips.cc", "papers.neurips.cc", "neurips.cc",
                "nips.cc"):
        if "/tutorial" in path or "/invited" in path:
            return None
        m = re.search(_YEAR_PATH, path)
        if not m:
            return None
        qualifier = "Workshop" if "/workshop" in path else ""
        return "NeurIPS", int(m.group(1)), qualifier
    if host in ("icml.cc", "iclr.cc"):
        m = re.search(_YEAR_PATH, path)
        if m and "/virtual/" in path and "/tutorial" not in path and "/workshop" not in path:
            return ("ICML" if host == "icml.cc" else "ICLR"), int(m.group(1)), ""
        return None
    if host == "aclanthology.org":
        m = re.match(_ANTH_NEW, path)
        if m:
            parts = m.group(2).split("-")
            qualifier = ""
            if parts[0] == "findings" and len(parts) == 2:
                event, track, qualifier = parts[1], "", "Findings"
            elif len(parts) == 2:
                event, track = parts
            else:
                return None
            name = _by_code(table, "anthology", event)
            if name is None:
                return None
            if track in ("srw", "demo", "tutorials", "industry") and not qualifier:
                qualifier = {"srw": "Workshop", "demo": "Demo", "tutorials": "Tutorial",
                             "industry": "Industry"}[track]
            return name, int(m.group(1)), qualifier
        m = re.match(_ANTH_OLD, path)
        if m:
            name = _by_code(table, "anthology", m.group(1))
            return (name, year_value(m.group(2)), "") if name else None
        return None
    if host == "openaccess.thecvf.com":
        m = re.match(_CVF, path)
        if m:
            code = m.group(1) or m.group(3)
            year = m.group(2) or m.group(4)
            name = _by_code(table, "cvf", code)
            return (name, int(year), "Workshop" if m.group(5) else "") if name else None
        return None
    if host == "computer.org":
        m = re.match(_CSDL, path)
        if m:
            name = _by_code(table, "csdl", m.group(1))
            return (name, int(m.group(2)), "") if name else None
        return None
    if host == "ecva.net":
        m = re.search(_ECCV, path)
        return ("ECCV", int(m.group(1)), "") if m else None
    if host == "vldb.org":
        m = re.match(_PVLDB, path)
        return ("VLDB", 2007 + int(m.group(1)), "") if m else None
    if host == "jmlr.org":
        m = re.match(_JMLR, path)
        return ("JMLR", 1999 + int(m.group(1)), "") if m else None
    if host == "ndss-symposium.org":
        m = re.match(_NDSS, path)
        return ("NDSS", int(m.group(1)), "") if m else None
    if host == "ijcai.org":
        m = re.match(_IJCAI, path)
        return ("IJCAI", int(m.group(1)), "") if m else None
    return None
