"""``requests`` sessions under :func:`~listlint.net.deadline.deadline`, for the API clients
(venue look-ups, ``listlint add``, the GitHub API) and the one :func:`fetch` they share.

The link checker does not use ``requests``: it talks to urllib3 directly
(:mod:`listlint.net.http`), at about half the CPU per request.
"""

from __future__ import annotations

import ssl
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from listlint.net.deadline import GUARDED_POOLS, DeadlineExceeded, deadline


class DeadlineTimeout(DeadlineExceeded, requests.exceptions.Timeout):
    """:class:`DeadlineExceeded` as a ``requests`` caller catches it (a
    ``requests.RequestException``)."""


class GuardedAdapter(HTTPAdapter):
    """Pools that share one SSL context instead of loading the CA bundle per connection, and
    whose connections obey :func:`~listlint.net.deadline.deadline`."""

    def __init__(self, context: ssl.SSLContext | None = None, **kwargs: object) -> None:
        self._context = context
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = GUARDED_POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        manager.pool_classes_by_scheme = GUARDED_POOLS
        return manager

    def build_connection_pool_key_attributes(self, request, verify, cert=None):  # type: ignore[no-untyped-def]
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify,
                                                                                 cert)
        if verify is True and host_params.get("scheme") == "https" and self._context:
            pool_kwargs["ssl_context"] = self._context
        return host_params, pool_kwargs


def guard_session(session: requests.Session) -> requests.Session:
    """Let :func:`~listlint.net.deadline.deadline` cut off requests made with ``session``."""
    adapter = GuardedAdapter(max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def fetch(session: requests.Session, method: str, url: str, *, seconds: float,
          max_body: int, **kwargs: Any) -> tuple[requests.Response, bytes] | None:
    """``method url`` on a guarded session with a total deadline over connecting, the headers
    and the body; the body (at most ``max_body`` bytes, else None) comes with the response.
    Raises :class:`DeadlineTimeout` when time is up, else what requests raises."""
    with deadline(seconds) as d:
        try:
            resp = session.request(method, url, stream=True, **kwargs)
            try:
                body = bytearray()
                for chunk in resp.iter_content(64 * 1024):
                    body += chunk
                    if len(body) > max_body:
                        return None
            finally:
                resp.close()
        except requests.RequestException as exc:
            if d.expired:
                raise DeadlineTimeout(seconds) from exc
            raise
        if d.expired:
            raise DeadlineTimeout(seconds)
    resp._content = bytes(body)  # noqa: SLF001 - what .content would have read
    return resp, resp._content  # noqa: SLF001
