"""Bare URLs (GitHub's autolinks): links that `links`, `check --online` and the report see,
never entries; and `listlint links --list`, which prints what a link check would ask."""

from __future__ import annotations

from pathlib import Path

import pytest

from links_server import LinkServer, loopback_hosts_available
from listlint.document import parse_text
from tests.conftest import corpus_files

FAST = ("--timeout", "0.5", "--retries", "0", "--no-progress")

LIST = """# Awesome Tools

See https://docs.tools.dev/guide, or www.tools.dev.

## Tools

- [Alpha](https://alpha.dev/) - a tool; mirror at https://mirror.alpha.dev/alpha.
- https://beta.dev/repo - a tool written as a bare URL.
- [Gamma](https://gamma.dev) - not `https://code.gamma.dev` nor <a href="https://h.dev">https://h.dev</a>.
- [https://delta.dev](https://delta.dev) - its own URL as the title; also gamma.dev alone.

| Name | Link |
|---|---|
| Epsilon | https://epsilon.dev/x. |
"""


def bare(text: str) -> list[tuple[int, str, str]]:
    doc = parse_text(text)
    return [(link.line, link.url, text[link.span.start:link.span.end])
            for link in doc.links if link.kind == "bare"]


def test_bare_urls_are_links_where_github_links_them() -> None:
    assert bare(LIST) == [
        (3, "https://docs.tools.dev/guide", "https://docs.tools.dev/guide"),
        (3, "http://www.tools.dev", "www.tools.dev"),
        (7, "https://mirror.alpha.dev/alpha", "https://mirror.alpha.dev/alpha"),
        (8, "https://beta.dev/repo", "https://beta.dev/repo"),
        (14, "https://epsilon.dev/x", "https://epsilon.dev/x"),  # the final "." is not in it
    ]


def test_bare_urls_never_become_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    with_bare = parse_text(LIST)
    monkeypatch.setattr("listlint.document.build.add_bare_links", lambda doc, tokens: None)
    without = parse_text(LIST)
    assert with_bare.entries == without.entries and with_bare.entries
    assert len(with_bare.links) == len(without.links) + 5


def test_links_stay_in_the_order_of_the_file() -> None:
    starts = [link.span.start for link in parse_text(LIST).links]
    assert starts == sorted(starts)


def test_text_without_bare_urls_has_none() -> None:
    assert bare("# List\n\n- [A](https://a.dev) - `https://x.dev` in code.\n\n"
                "```\nhttps://fenced.dev\n```\n\n    https://indented.dev\n") == []


needs_loopback = pytest.mark.skipif(not loopback_hosts_available(),
                                    reason="needs 127.0.0.0/8 on loopback (Linux)")


@pytest.fixture(autouse=True)
def _own_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CI", raising=False)


@pytest.fixture(scope="module")
def server():
    with LinkServer("127.0.0.1") as s:
        yield s


@needs_loopback
def test_a_dead_bare_url_is_reported_dead(cli, md, server) -> None:
    path = md("# Tools\n\n"
              f"- [Fine]({server.url('/ok')}) - works; its docs are at {server.url('/dead')}.\n"
              f"- {server.url('/ok')} - alive, written bare.\n")
    r = cli("links", path, *FAST)
    assert r.exit_code == 1, r.stdout + r.stderr
    column = len(f"- [Fine]({server.url('/ok')}) - works; its docs are at ") + 1
    assert [line.split(" [")[0] for line in r.stdout.splitlines() if ": LL4" in line] == \
        [f"{path}:3:{column}: LL401 dead link: {server.url('/dead')} answers 404 Not Found"]
    r = cli("check", path, "--online", *FAST[:2])
    assert r.exit_code == 1 and f"{path}:3:{column}: LL401" in r.stdout


def test_links_list_prints_what_would_be_checked_without_network(cli, md) -> None:
    path = md("# Tools\n\n- [A](https://a.dev/x#usage) - and https://b.dev/y.\n"
              "- ![logo](https://img.dev/logo.png) [C](https://example.com/c) [D](#tools)\n"
              "- [E](https://e.dev)\n")
    for flag in ("--list", "--dump"):
        r = cli("links", path, flag, "--exclude", "e\\.dev", "--timeout", "0.05")
        assert r.exit_code == 0, r.stderr
        assert r.stdout.splitlines() == [f"{path}:3:3: https://a.dev/x#usage",
                                         f"{path}:3:36: https://b.dev/y"]
        assert r.stderr == ""  # no summary: nothing was checked


def test_labelled_bare_urls_below_a_title_are_its_links_as_github_reads_them() -> None:
    def url_of(written: str) -> list[tuple[str, str]]:
        doc = parse_text(f"- **Some Title**\n  - Paper: {written}\n")
        return [(e.title, e.url) for e in doc.entries]

    assert url_of("https://arxiv.org/abs/1234.5678.") == [
        ("Some Title", "https://arxiv.org/abs/1234.5678")]  # the full stop ends the sentence
    assert url_of("https://en.wikipedia.org/wiki/Foo_(bar)") == [
        ("Some Title", "https://en.wikipedia.org/wiki/Foo_(bar)")]
    assert url_of("www.example.com") == [("Some Title", "http://www.example.com")]
    assert url_of("example.com") == []  # GitHub does not link a bare domain


def test_bare_urls_are_the_same_whether_the_tokens_are_kept_or_dropped() -> None:
    from listlint.document import markdown_parser, parse
    from listlint.source import Source

    kept = parse(Source.from_text(LIST, "list.md"), keep_tokens=True)
    dropped = parse_text(LIST, "list.md")
    assert kept.links == dropped.links and dropped.tokens is None
    md = markdown_parser()  # the kept tokens still render the page (the fix verifier)
    assert kept.tokens is not None
    assert md.renderer.render(kept.tokens, md.options, {}) == md.render(LIST)


def _one_call(text: str) -> list[tuple[int, int, str, str]]:
    """What linkify-it itself finds in ``text`` in one call, as github_urls reports it."""
    from linkify_it import LinkifyIt  # type: ignore[import-untyped]

    from listlint.document.bare_urls import _GITHUB_LINKS, _NEW_TLDS

    found = LinkifyIt(options={"fuzzy_email": False}).tlds(_NEW_TLDS, True).match(text) or ()
    return [(m.index, m.last_index, m.raw, m.url) for m in found if _GITHUB_LINKS.match(m.raw)]


def _pieced(text: str) -> list[tuple[int, int, str, str]]:
    from listlint.document.bare_urls import github_urls

    return [(m.index, m.last_index, m.raw, m.url) for m in github_urls(text)]


def test_urls_read_in_pieces_are_those_of_one_call() -> None:
    # Pieces of a long text are cut after a space, tab or newline; a URL just after the cut,
    # one in brackets or after punctuation, and "//" links, are found as in one call.
    units = ["https://a.org/%d ", "(www.b.dev/%d)\t", "x,https://c.io/p?q=%d\n", "//d.org/%d ",
             "http://e.org/a//b:%d ", "see: https://f.org/%d. ", "word%d "]
    text = "".join(units[i % len(units)] % i for i in range(20_000))
    assert len(text) > 100_000
    assert _pieced(text) == _one_call(text)


@pytest.mark.skipif(not corpus_files(), reason="../shared/corpus is absent")
def test_urls_of_the_corpus_read_in_pieces_are_those_of_one_call() -> None:
    for path in corpus_files():
        text = path.read_text(encoding="utf-8")
        assert _pieced(text) == _one_call(text), path.name
