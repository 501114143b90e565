"""What a link check concluded: pure value types, no network, no ``requests``.

The network pass (:mod:`listlint.net.run`) produces one :class:`Verdict` per checked URL and
hands the LL4xx rules a :class:`LinkVerdicts` through ``ctx.inputs.link_verdicts``.
:func:`classify` maps a final HTTP answer to a :class:`Status`; it is the one place that
decides dead from blocked from flaky.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

DEAD_CODES = frozenset({404, 410})
BLOCKED_CODES = frozenset({401, 403, 407, 429, 451, 999})
PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
REASONS = {
    200: "OK", 301: "Moved Permanently", 302: "Found", 303: "See Other",
    307: "Temporary Redirect", 308: "Permanent Redirect", 400: "Bad Request",
    401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
    407: "Proxy Authentication Required", 408: "Request Timeout", 410: "Gone",
    429: "Too Many Requests", 451: "Unavailable For Legal Reasons", 500: "Internal Server Error",
    501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
    504: "Gateway Timeout", 999: "Request Denied",
}


class Status(str, enum.Enum):
    OK = "ok"
    DEAD = "dead"
    REDIRECTED = "redirected"
    BLOCKED = "blocked"
    UNREACHABLE = "unreachable"

    @property
    def failing(self) -> bool:
        """Counts towards a "failing since" streak (blocked and redirected do not)."""
        return self in (Status.DEAD, Status.UNREACHABLE)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of checking one URL (fragment removed)."""

    url: str
    status: Status
    detail: str  # evidence for the message: "404 Not Found", "timed out after 10 s"
    code: int | None = None  # final HTTP status, None when no answer
    hops: tuple[tuple[int, str], ...] = ()  # each redirect: (status, absolute target)
    connect_failure: bool = False  # no HTTP answer at all: DNS or TCP connect failed
    checked_at: float = 0.0
    from_cache: bool = False
    failing_since: float | None = None  # first run of the current dead/unreachable streak
    failing_runs: int = 0  # runs in that streak, this one included

    @property
    def final_url(self) -> str:
        return self.hops[-1][1] if self.hops else self.url

    @property
    def all_permanent(self) -> bool:
        return bool(self.hops) and all(code in PERMANENT_REDIRECTS for code, _ in self.hops)

    @property
    def moved_to(self) -> str:
        """The URL reached through the leading permanent redirects."""
        target = self.url
        for code, location in self.hops:
            if code not in PERMANENT_REDIRECTS:
                break
            target = location
        return target

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        data["hops"] = [list(h) for h in self.hops]
        for key in ("from_cache", "failing_since", "failing_runs"):
            data.pop(key)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Verdict:
        return cls(url=str(data["url"]), status=Status(data["status"]),
                   detail=str(data.get("detail", "")), code=data.get("code"),
                   hops=tuple((int(c), str(u)) for c, u in data.get("hops", ())),
                   connect_failure=bool(data.get("connect_failure", False)),
                   checked_at=float(data.get("checked_at", 0.0)))


def reason(code: int) -> str:
    """``"404 Not Found"``."""
    text = REASONS.get(code)
    return f"{code} {text}" if text else f"HTTP {code}"


def classify(code: int, *, challenge: bool = False, accept: Iterable[int] = ()) -> Status:
    """The verdict for a final (non-redirect) HTTP answer.

    ``challenge`` is true when the answer is a bot challenge (a ``cf-mitigated`` header):
    blocked whatever the status, unless ``accept`` (extra codes the user counts as alive)
    lists it.
    """
    if code in set(accept):
        return Status.OK
    if challenge:
        return Status.BLOCKED
    if 200 <= code < 300:
        return Status.OK
    if code in DEAD_CODES:
        return Status.DEAD
    if code in BLOCKED_CODES:
        return Status.BLOCKED
    return Status.UNREACHABLE  # 5xx, 408, odd 4xx and 3xx without a usable Location


def url_key(url: str) -> str:
    """The URL as requested: trimmed, without its fragment (servers never see it)."""
    url = url.strip()
    return url.split("#", 1)[0]


_DEFAULT_PORTS = {"http": 80, "https": 443}


def _host_port(url: str) -> tuple[str, int | None]:
    """The lower-case host name of ``url`` and its port, None when it is the scheme's default
    or no number; ("", None) when the URL names no host or cannot be parsed."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return "", None
    try:
        port = parts.port
    except ValueError:
        port = None
    return host, None if port == _DEFAULT_PORTS.get(parts.scheme.lower()) else port


def host_of(url: str) -> str:
    """``host[:port]`` of ``url`` in lower case: the server asked, the unit of politeness of
    the link checker. The port is given only when it is not the scheme's default
    (``https://a.org:443/`` is ``a.org``); an IPv6 host keeps its brackets then. "" when the
    URL names no host (a relative link, ``mailto:``) or cannot be parsed."""
    host, port = _host_port(url)
    if not host or port is None:
        return host
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def site_of(url: str) -> str:
    """The site of ``url`` as a reader names it: the host name without ``www.`` or a port
    (``https://www.GitHub.com:8443/x`` is ``github.com``); "" as for :func:`host_of`."""
    return _host_port(url)[0].removeprefix("www.")


def is_http(url: str) -> bool:
    return url.strip().lower().startswith(("http://", "https://"))


@dataclass(slots=True)
class LinkVerdicts:
    """Verdicts by URL, for the rules: ``verdicts.get(link.url)``."""

    by_url: dict[str, Verdict] = field(default_factory=dict)

    def get(self, url: str) -> Verdict | None:
        return self.by_url.get(url_key(url))

    def __len__(self) -> int:
        return len(self.by_url)

    def __iter__(self) -> Iterator[Verdict]:
        return iter(self.by_url.values())

    def counts(self) -> dict[Status, int]:
        out = {s: 0 for s in Status}
        for v in self.by_url.values():
            out[v.status] += 1
        return out
