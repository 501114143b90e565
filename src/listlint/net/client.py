"""The link checker's HTTP client: urllib3's pool managers, used directly.

``requests`` would do the same work at about twice the CPU per request (it prepares,
merges settings and hooks, and wraps every response), and a check of thousands of links is
mostly that work. What a browser does on a visit, and ``requests`` did for us, is kept:

- one connection pool per host (at most ``per_host`` connections kept), one shared
  :class:`ssl.SSLContext` (the CA bundle is loaded once, not per connection;
  ``REQUESTS_CA_BUNDLE`` or ``CURL_CA_BUNDLE`` name another bundle, as for ``requests``);
- the environment's proxies (``http_proxy``, ``https_proxy``, ``all_proxy``, ``no_proxy``),
  looked up once per scheme and host, with the credentials of the proxy's URL;
- the cookies the sites set (a site that sets a cookie and sends the visitor back to the same
  page answers the second time);
- every connection obeys :func:`listlint.net.deadline.deadline`.
"""

from __future__ import annotations

import os
import ssl
import threading
import urllib.request
from http.cookiejar import CookieJar
from typing import TypeVar
from urllib.parse import quote, unquote, urlsplit

import certifi
import urllib3
from urllib3.util import Timeout, make_headers, parse_url

from listlint.net.deadline import GUARDED_POOLS

ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


class Client:
    """Send one request at a time per caller; thread-safe."""

    def __init__(self, user_agent: str, per_host: int, hosts: int = 100) -> None:
        self.headers = {"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate",
                        "Accept": ACCEPT, "Connection": "keep-alive"}
        self._pool_kw = {"num_pools": max(10, hosts), "maxsize": per_host, "block": False,
                         "ssl_context": ssl_context()}
        self.direct = _guarded(urllib3.PoolManager(**self._pool_kw))  # type: ignore[arg-type]
        self._env = urllib.request.getproxies()
        self._managers: dict[str, urllib3.PoolManager] = {}  # "scheme://host" -> its manager
        self._proxied: dict[str, urllib3.ProxyManager] = {}  # proxy URL -> its manager
        self._lock = threading.Lock()
        self.cookies = CookieJar()
        self._any_cookie = False

    def request(self, method: str, url: str, timeout: float) -> urllib3.BaseHTTPResponse:
        """``method url``, no redirect followed, no retry, the body left unread."""
        headers = self.headers
        if self._any_cookie:
            cookie = self._cookie_for(url)
            if cookie:
                headers = {**headers, "Cookie": cookie}
        resp = self._manager(url).urlopen(
            method, url, redirect=False, retries=False, preload_content=False,
            decode_content=False, timeout=Timeout(connect=timeout, read=timeout),
            headers=headers)
        if "set-cookie" in resp.headers:
            self._keep_cookies(method, url, resp)
        return resp

    def close(self) -> None:
        self.direct.clear()
        for manager in self._proxied.values():
            manager.clear()

    # -- proxies --------------------------------------------------------------------------
    def _manager(self, url: str) -> urllib3.PoolManager:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        manager = self._managers.get(key)
        if manager is None:
            proxy = self._proxy(parts.scheme, parts.netloc.rpartition("@")[2])
            manager = self.direct if proxy is None else self._proxy_manager(proxy)
            self._managers[key] = manager
        return manager

    def _proxy(self, scheme: str, host: str) -> str | None:
        env = self._env
        proxy = env.get(scheme.lower()) or env.get("all")
        if not proxy or urllib.request.proxy_bypass(host):  # no_proxy
            return None
        return proxy if "://" in proxy else "http://" + proxy

    def _proxy_manager(self, proxy: str) -> urllib3.ProxyManager:
        with self._lock:
            manager = self._proxied.get(proxy)
            if manager is None:
                auth = parse_url(proxy).auth
                headers = make_headers(proxy_basic_auth=unquote(auth)) if auth else None
                manager = self._proxied[proxy] = _guarded(urllib3.ProxyManager(
                    proxy, proxy_headers=headers, **self._pool_kw))  # type: ignore[arg-type]
            return manager

    # -- cookies --------------------------------------------------------------------------
    def _cookie_for(self, url: str) -> str | None:
        req = urllib.request.Request(url)
        self.cookies.add_cookie_header(req)
        return req.unredirected_hdrs.get("Cookie")

    def _keep_cookies(self, method: str, url: str, resp: urllib3.BaseHTTPResponse) -> None:
        self.cookies.extract_cookies(resp, urllib.request.Request(url, method=method))  # type: ignore[arg-type]
        self._any_cookie = True


def ssl_context() -> ssl.SSLContext:
    """The default context on certifi's CA bundle, or on the one the environment names."""
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    try:
        if bundle and os.path.isdir(bundle):
            return ssl.create_default_context(capath=bundle)
        return ssl.create_default_context(cafile=bundle or certifi.where())
    except (OSError, ssl.SSLError) as exc:  # one clear line (exit 2), not one per link
        raise OSError(f"cannot read the CA bundle {bundle or certifi.where()} (named by "
                      f"REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE): "
                      f"{getattr(exc, 'strerror', None) or exc}") from None


_M = TypeVar("_M", bound=urllib3.PoolManager)


def _guarded(manager: _M) -> _M:
    manager.pool_classes_by_scheme = GUARDED_POOLS  # type: ignore[assignment]
    return manager


SAFE = "!#$%&'()*+,/:;=?@[]~"


def requote(url: str) -> str:
    """``url`` with what may not stand in a URL percent-encoded (a space, a non-ASCII letter)
    and its escapes kept."""
    # as requests does: a "%" before two letters or digits that are no hex escape ("%zz")
    # makes the whole URL quoted afresh; a lone "%" (at the end, before "/") does not
    valid = not any(len(rest) >= 2 and rest[:2].isalnum() and
                    not all(c in "0123456789abcdefABCDEF" for c in rest[:2])
                    for rest in url.split("%")[1:])
    return quote(url, safe=SAFE if valid else SAFE.replace("%", ""))
