"""Link identity: when do two URLs in a list point at the same thing?

:func:`link_identity` turns a URL into a short string key; two links with the same key are
the same link however they are spelled. It is used wherever identity matters: duplicate
detection (LL1xx), link checking (one request per identity) and venues.

What is ignored: the scheme (``http`` / ``https``), the case of the host, a leading ``www.``,
default ports, a trailing slash, ``index.html``, fragments (except ``#/route`` and ``#!route``
of single-page apps), tracking parameters (``utm_*``, ``ref``, ``fbclid``, ``gclid`` ...) and
the order of query parameters.

Papers get a stable key whatever page of the paper is linked:

- arXiv ``arxiv:2407.12391``: ``abs/``, ``pdf/``, ``html/``, a version ``v2``, ``.pdf``,
  ``export.arxiv.org``, ``ar5iv`` and ``doi.org/10.48550/arXiv.2407.12391``;
- DOI ``doi:10.1145/3600006.3613165`` (lower case): ``doi.org``, ``dx.doi.org``, ``doi:`` and any
  publisher page of the form ``/doi/{abs,full,pdf,epdf,fullHtml}/10.…`` (ACM, Wiley, T&F, ...);
- OpenReview ``openreview:ID``: ``forum?id=``, ``pdf?id=``, ``forum?id=…&noteId=…``;
- IEEE Xplore ``ieee:NUMBER``: ``document/N``, ``abstract/document/N``, ``stamp.jsp?arnumber=N``;
- ACL Anthology ``acl:2023.acl-long.1`` (with or without ``.pdf``);
- NeurIPS / MLSys proceedings ``neurips:HASH`` / ``mlsys:HASH``: ``hash/…-Abstract.html`` and
  ``file/…-Paper.pdf``.

GitHub repositories compare owner and repository case-insensitively and without ``.git``:
``github.com/Owner/Repo.git`` is ``github.com/owner/repo``; deeper paths
(``/tree/main/sub``) stay distinct and case-sensitive.

Everything is a handful of string operations and pre-compiled, linear regexes: it runs on
every link of a 50,000-entry list.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

__all__ = ["arxiv_id", "doi", "describe_identity", "entry_identity", "is_paper_key", "link_identity",
           "paper_identity"]

_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}"
_ARXIV_PATH = re.compile(
    rf"/(?:abs|pdf|html|format|ps)/({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?(?:\.pdf)?/?$"
)
_ARXIV_HOSTS = frozenset(
    {"arxiv.org", "export.arxiv.org", "ar5iv.labs.arxiv.org", "ar5iv.org", "browse.arxiv.org"}
)
_ARXIV_DOI = re.compile(rf"10\.48550/arxiv\.({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?$", re.I)
_DOI_BODY = re.compile(r"(10\.\d{4,9}/\S+)$")
_PUBLISHER_DOI = re.compile(
    r"/doi/(?:(?:abs|full|pdf|epdf|pdfdirect|fullhtml|book|reader)/)?(10\.\d{4,9}/[^?#]+)$", re.I
)
_SPRINGER_DOI = re.compile(r"/(?:article|chapter|content/pdf)/(10\.\d{4,9}/[^?#]+?)(?:\.pdf)?$")
_IEEE_DOC = re.compile(r"/(?:abstract/)?document/(\d+)(?:/[a-z]*)?/?$")
# path patterns are used with .match (anchored) or have a literal, bounded start: linear time
_ACL_PAPER = re.compile(r"^/([A-Za-z0-9][\w.\-]*?\d)(?:v\d+)?(?:\.pdf)?/?$")
_PROCEEDINGS_HASH = re.compile(r"/(?:hash|file)/([0-9a-f]{32})-")
_TRACKING = frozenset({
    "ref", "ref_src", "ref_url", "referrer", "fbclid", "gclid", "dclid", "gbraid", "wbraid",
    "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "twclid", "_hsenc", "_hsmi", "_ga",
    "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "spm", "share_source",
})
_DEFAULT_PORTS = {"http": "80", "https": "443"}
_EMPTY_FRAGMENT = re.compile(r"(?:(?:readme|top|)/?|:~:.*)$", re.I | re.S)
_INDEX_PAGE = re.compile(r"/index\.html?$", re.I)
_PCT = re.compile(r"%[0-9A-Fa-f]{2}")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def link_identity(url: str) -> str:
    """The identity key of ``url``: equal keys mean the same link, however it is spelled.

    >>> link_identity("http://www.arxiv.org/pdf/2407.12391v2.pdf")
    'arxiv:2407.12391'
    >>> link_identity("https://GitHub.com/Vllm-Project/vLLM.git#readme")
    '//github.com/vllm-project/vllm'
    >>> link_identity("https://example.com:443/a/?utm_source=x&b=2&a=1#top")
    '//example.com/a?a=1&b=2'

    Relative links and other schemes (``mailto:``, ``ftp:``) keep their text, minus a
    fragment and a trailing slash.
    """
    url = url.strip()
    if not url:
        return ""
    low = url[:8].lower()
    if low.startswith("doi:"):
        return _doi_key(url[4:].strip()) or url
    if not (low.startswith("http://") or low.startswith("https://") or url.startswith("//")):
        return _plain_identity(url)
    try:
        scheme, host, port, path, query, frag = _split(url)
    except ValueError:
        return url
    host = host.rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if "%" in path:
        path = _PCT.sub(_normalise_escape, path)
    paper = _paper_key(host, path, query)
    if paper is not None:
        return paper
    if host == "github.com":
        path = _github_path(path)
    path = _INDEX_PAGE.sub("/", path).rstrip("/")
    netloc = host
    scheme = scheme or "https"
    if port is not None and str(port) != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{port}"
    key = f"//{netloc}{path}"
    if query:
        query = _clean_query(query)
        if query:
            key += "?" + query
    if frag[:1] in ("/", "!"):
        key += "#" + frag.rstrip("/")
    return key


def entry_identity(url: str) -> str:
    """The identity of ``url`` as a list entry: :func:`link_identity` plus its fragment.

    Two entries ``page#hash`` and ``page#prices`` are two things (two sample apps, two
    sections of one guide), so a fragment counts here, unless it changes nothing: an empty
    ``#``, ``#readme``, ``#top`` or a text fragment ``#:~:text=``. Paper identities (arXiv,
    DOI, OpenReview ...) never carry a fragment. Link checking keeps :func:`link_identity`:
    one request per page.

    >>> entry_identity("https://example.com/guide#prices")
    '//example.com/guide#prices'
    >>> entry_identity("https://github.com/Owner/Repo#readme")
    '//github.com/owner/repo'
    >>> entry_identity("docs/topics.md#gamma")
    'docs/topics.md#gamma'
    """
    key = link_identity(url)
    if "#" in key or not (key.startswith("//") or _relative(key)):
        return key
    _, hash_sign, frag = url.strip().partition("#")
    if not hash_sign or _EMPTY_FRAGMENT.match(frag):
        return key
    return f"{key}#{frag}"


def _relative(key: str) -> bool:
    """Is ``key`` a relative link's (``docs/guide.md``), not a scheme's (``mailto:``)?"""
    return ":" not in key.partition("/")[0] and not is_paper_key(key)


def paper_identity(url: str) -> str | None:
    """The key of the *paper* a URL points at (``arxiv:…``, ``doi:…``, ...), else None."""
    key = link_identity(url)
    return key if is_paper_key(key) else None


def is_paper_key(key: str) -> bool:
    """Is this :func:`link_identity` key a paper (``arxiv:``, ``doi:``, ...)?"""
    kind, sep, _ = key.partition(":")
    return bool(sep) and kind in _KIND_NAMES


def arxiv_id(url: str) -> str | None:
    """The arXiv identifier of a link to an arXiv paper (without version), else None.

    >>> arxiv_id("https://export.arxiv.org/abs/2407.12391v3")
    '2407.12391'
    """
    key = link_identity(url)
    return key[6:] if key.startswith("arxiv:") else None


def doi(url: str) -> str | None:
    """The DOI (lower case) a link resolves to, else None; arXiv DOIs give None (see arxiv_id).

    >>> doi("https://dl.acm.org/doi/pdf/10.1145/3600006.3613165")
    '10.1145/3600006.3613165'
    """
    key = link_identity(url)
    return key[4:] if key.startswith("doi:") else None


_KIND_NAMES = {
    "arxiv": "arXiv id",
    "doi": "DOI",
    "openreview": "OpenReview id",
    "ieee": "IEEE Xplore document",
    "acl": "ACL Anthology id",
    "neurips": "NeurIPS paper",
    "mlsys": "MLSys paper",
}


def describe_identity(key: str) -> str:
    """Words for the evidence in a message: ``arXiv id 2407.12391``, ``link github.com/a/b``."""
    kind, sep, value = key.partition(":")
    if sep and kind in _KIND_NAMES:
        return f"{_KIND_NAMES[kind]} {value}"
    if key.startswith("//github.com/") and key.count("/") == 4:
        return f"GitHub repository {key[13:]}"
    return f"link {key[2:] if key.startswith('//') else key}"


# -- helpers -------------------------------------------------------------------------------
# A web URL whose parts str methods split exactly as urlsplit does: no userinfo, port, IPv6
# literal or escape in the host. Used only on printable ASCII, where urlsplit removes nothing.
_PLAIN_WEB_URL = re.compile(
    r"(https?)://([^/?#@:\[\]%]*)((?:/[^?#]*)?)(?:\?([^#]*))?(?:#(.*))?", re.I | re.S
)


def _split(url: str) -> tuple[str, str, int | None, str, str, str]:
    """(scheme, host, port, path, query, fragment) of ``url``, scheme and host lower-cased,
    exactly as :func:`urllib.parse.urlsplit` gives them; ValueError for a malformed URL.

    Most links of a list are plain ``https://host/path`` URLs: those are split by one
    anchored regex, the rest by urlsplit."""
    m = _PLAIN_WEB_URL.fullmatch(url) if url.isascii() and url.isprintable() else None
    if m is not None:
        scheme, host, path, query, frag = m.groups()
        return scheme.lower(), host.lower(), None, path, query or "", frag or ""
    parts = urlsplit(url)
    return (parts.scheme.lower(), parts.hostname or "", parts.port, parts.path, parts.query,
            parts.fragment)
def _normalise_escape(m: re.Match[str]) -> str:
    ch = chr(int(m.group()[1:], 16))
    return ch if ch in _UNRESERVED else m.group().upper()


def _plain_identity(url: str) -> str:
    hash_at = url.find("#")
    if hash_at > 0:
        url = url[:hash_at]
    while url.startswith("./"):
        url = url[2:]
    return url.rstrip("/") or url


def _doi_key(value: str) -> str | None:
    value = unquote(value).strip().rstrip("/")
    m = _ARXIV_DOI.match(value)
    if m:
        return "arxiv:" + m.group(1)
    if _DOI_BODY.match(value):
        return "doi:" + value.lower()
    return None


def _paper_key(host: str, path: str, query: str) -> str | None:
    """A paper identity for the hosts we know, else None (the generic rules apply)."""
    if host in _ARXIV_HOSTS:
        m = _ARXIV_PATH.match(path)
        return "arxiv:" + m.group(1) if m else None
    if host in ("doi.org", "dx.doi.org"):
        return _doi_key(path[1:])
    if path.startswith("/doi/"):
        m = _PUBLISHER_DOI.match(path)
        if m:
            return _doi_key(m.group(1))
    if host == "link.springer.com":
        m = _SPRINGER_DOI.match(path)
        return _doi_key(m.group(1)) if m else None
    if host == "openreview.net":
        if path.rstrip("/") in ("/forum", "/pdf", "/attachment"):
            ident = _query_value(query, "id")
            return "openreview:" + ident if ident else None
        return None
    if host == "ieeexplore.ieee.org":
        m = _IEEE_DOC.match(path)
        if m:
            return "ieee:" + m.group(1)
        if path.endswith("stamp.jsp"):
            number = _query_value(query, "arnumber") or _query_value(query, "arNumber")
            return "ieee:" + number if number else None
        return None
    if host in ("aclanthology.org", "aclweb.org"):
        m = _ACL_PAPER.match(path.removeprefix("/anthology"))
        return "acl:" + m.group(1) if m else None
    if host in ("proceedings.neurips.cc", "papers.nips.cc", "papers.neurips.cc",
                "proceedings.mlsys.org"):
        m = _PROCEEDINGS_HASH.search(path)
        if m:
            return ("mlsys:" if "mlsys" in host else "neurips:") + m.group(1)
    return None


def _query_value(query: str, name: str) -> str | None:
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if key == name and value:
            return unquote(value)
    return None


def _github_path(path: str) -> str:
    """``/Owner/Repo.git/...`` -> ``/owner/repo/...``: the repository part is case-blind."""
    parts = path.split("/", 3)  # "", owner, repo, rest
    if len(parts) >= 2:
        parts[1] = parts[1].lower()
    if len(parts) >= 3:
        repo = parts[2].lower()
        parts[2] = repo[:-4] if repo.endswith(".git") else repo
    return "/".join(parts)


def _clean_query(query: str) -> str:
    kept = []
    for pair in query.split("&"):
        if not pair:
            continue
        name = pair.split("=", 1)[0].lower()
        if name.startswith("utm_") or name in _TRACKING:
            continue
        kept.append(pair)
    kept.sort()
    return "&".join(kept)


def has_tracking(url: str) -> bool:
    """Whether ``url``'s query carries tracking parameters (``utm_*``, ``ref``, ``fbclid`` ...)."""
    query = urlsplit(url.strip()).query
    return bool(query) and _clean_query(query) != "&".join(sorted(p for p in query.split("&") if p))
