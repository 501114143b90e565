"""Repository facts from the GitHub API, for the awesome preset (LL613).

awesome-lint requires the repository of a list to have a description, the topics ``awesome``
and ``awesome-list``, and a license GitHub detects. Those facts live on GitHub, not in the
README, so they are asked for only with ``--online`` and a token (``GITHUB_TOKEN``); the
result reaches the rule as ``ctx.inputs.repo_facts``: a :class:`RepoFacts`, or a
one-line reason why the facts are unknown. Nothing here raises because the network or the
API is unavailable: every failure becomes such a reason.

``requests`` is imported only when the API is actually called.
"""

from __future__ import annotations

import configparser
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

API_URL = "https://api.github.com"
_MAX_BODY = 1 << 20  # a /repos answer is a few kB
_SLUG = re.compile(
    r"(?:github\.com[:/])(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?P<name>[A-Za-z0-9._-]{1,100}?)"
    r"(?:\.git)?/?$"
)
_PLAIN_SLUG = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")


@dataclass(frozen=True, slots=True)
class RepoFacts:
    """What GitHub says about a repository."""

    slug: str  # owner/name
    description: str
    topics: tuple[str, ...]
    license: str | None  # SPDX id (or name) of the detected license


def slug_from_url(url: str) -> str | None:
    """``owner/name`` of a GitHub remote URL (https, ssh or git@ form), else None."""
    m = _SLUG.search(url.strip())
    return f"{m.group('owner')}/{m.group('name')}" if m else None


def remote_slug(folder: Path) -> str | None:
    """``owner/name`` of the ``origin`` remote of the git checkout holding ``folder``."""
    for d in (folder, *folder.parents):
        git = d / ".git"
        if git.is_file():  # a worktree or submodule: "gitdir: PATH"
            try:
                line = git.read_text(encoding="utf-8").strip()
            except OSError:
                return None
            if not line.startswith("gitdir:"):
                return None
            git = (d / line[7:].strip()).resolve()
            common = git / "commondir"
            if common.is_file():
                git = (git / common.read_text(encoding="utf-8").strip()).resolve()
        if git.is_dir():
            parser = configparser.RawConfigParser(strict=False)
            try:
                parser.read(git / "config", encoding="utf-8")
            except (OSError, configparser.Error):
                return None
            urls = [parser.get(s, "url", fallback="") for s in parser.sections()
                    if s.startswith("remote ")]
            origin = parser.get('remote "origin"', "url", fallback="")
            for url in [origin, *urls]:
                slug = slug_from_url(url) if url else None
                if slug:
                    return slug
            return None
    return None


def fetch_repo(slug: str, token: str = "", *, api_url: str = API_URL, timeout: float = 10.0
               ) -> RepoFacts | str:
    """Ask the API about ``slug`` (anonymously without ``token``, as ``listlint add`` may);
    a :class:`RepoFacts`, or why it could not be had."""
    import requests

    from listlint.net.session import fetch, guard_session

    url = f"{api_url.rstrip('/')}/repos/{slug}"
    headers = api_headers(token)
    try:  # one request on the guarded stack: a total deadline, a bounded body
        with guard_session(requests.Session()) as session:
            got = fetch(session, "GET", url, seconds=3 * timeout, max_body=_MAX_BODY,
                        headers=headers, timeout=timeout)
    except requests.RequestException as exc:
        return f"GitHub API unreachable ({type(exc).__name__})"
    if got is None:
        return "GitHub API answered with more than a repository's worth of data"
    resp = got[0]
    if resp.status_code != 200:
        reason = {401: "token rejected", 403: "forbidden or rate-limited",
                  404: "repository not found"}.get(resp.status_code, "unexpected answer")
        return f"GitHub API answered {resp.status_code} for {slug} ({reason})"
    try:
        data = resp.json()
    except ValueError:
        return "GitHub API answered with something that is not JSON"
    return repo_facts(data, slug)


def api_headers(token: str = "") -> dict[str, str]:
    """The headers of a GitHub REST API request (with ``token`` when there is one)."""
    headers = {"Accept": "application/vnd.github+json", "User-Agent": "listlint"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def repo_facts(data: object, slug: str) -> RepoFacts | str:
    """The :class:`RepoFacts` of a ``/repos/OWNER/NAME`` answer, or why it is not one."""
    if not isinstance(data, dict):
        return "GitHub API answered with something that is not a repository"
    lic = data.get("license") or {}
    license_id = None
    if isinstance(lic, dict):
        spdx = lic.get("spdx_id")
        license_id = spdx if spdx and spdx != "NOASSERTION" else lic.get("name") or None
    topics = data.get("topics") or []
    return RepoFacts(slug=str(data.get("full_name") or slug),
                     description=str(data.get("description") or "").strip(),
                     topics=tuple(str(t) for t in topics if isinstance(t, str)),
                     license=license_id)


def facts_for(config: Any, folder: Path | None, online: bool) -> RepoFacts | str:
    """The facts for the list in ``folder``, as its ``[awesome]`` settings (``repository``,
    ``github-api``) direct, or a one-line reason they are unknown."""
    opts = config.extra.get("awesome", {})
    return repository_facts(folder, online=online, repository=str(opts.get("repository") or ""),
                            api_url=str(opts.get("github-api") or ""))


def repository_facts(folder: Path | None, *, online: bool, repository: str = "",
                     api_url: str = "", env: dict[str, str] | None = None) -> RepoFacts | str:
    """The facts for the list in ``folder``, or a one-line reason they were not checked."""
    env = dict(os.environ) if env is None else env
    if not online:
        return "not checked offline: run with --online and GITHUB_TOKEN set"
    token = env.get("GITHUB_TOKEN") or env.get("GH_TOKEN") or ""
    if not token:
        return "not checked: set GITHUB_TOKEN (or GH_TOKEN) to let listlint ask the GitHub API"
    slug = repository.strip()
    if slug and not _PLAIN_SLUG.fullmatch(slug):
        slug = slug_from_url(slug) or ""
    if not slug and folder is not None:
        slug = remote_slug(folder.resolve()) or ""
    if not slug:
        return ("not checked: no GitHub remote found; set repository = \"owner/name\" "
                "in [tool.listlint.awesome]")
    return fetch_repo(slug, token, api_url=api_url or env.get("LISTLINT_GITHUB_API") or API_URL)
