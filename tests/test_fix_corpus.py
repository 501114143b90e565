"""`listlint fix` on real lists: every corpus file and every list of corpus/wide, every
history version of the paper list, and CRLF and BOM copies: no link is lost, fixing is
idempotent, and nothing fixable is left.

`fix` lints once and applies what `check` called fixable (a fix that collided with another
one in a second round); every corpus file is fixed twice for real to show the second run
changes nothing. Skipped when ../shared is absent.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from listlint.config import Config
from listlint.document import Document
from listlint.engine import Selection
from listlint.fix import FixResult, fix_source, fixable
from listlint.source import Source
from tests.conftest import CORPUS, corpus_files, history_files, needs_corpus

pytestmark = needs_corpus
CONFIG = Config()
ALL_RULES = Selection().rules(CONFIG)  # every default rule of every family
STYLE_RULES = Selection(select=["LL0", "LL5"]).rules(CONFIG)


def _key(title: str, url: str) -> tuple[str, str]:
    return (" ".join(title.split()), url.strip())


def assert_nothing_lost(before: Document | None, result: FixResult) -> None:
    after = result.document
    assert before is not None and after is not None
    explained = Counter(result.removed) + Counter(result.rewritten)
    lost = Counter(_key(e.title, e.url) for e in before.entries) - \
        Counter(_key(e.title, e.url) for e in after.entries)
    assert not lost - explained, f"entries lost: {list(lost - explained)[:5]}"
    urls_after = {link.url for link in after.links}
    allowed = {url for _, url in explained}
    gone = {link.url for link in before.links
            if link.url not in urls_after and not link.url.startswith("#")}
    # a removed duplicate takes its own spelling of the URL with it, nothing else
    removed_text = "\n".join(before.text[e.span.start:e.span.end] for e in before.entries
                             if _key(e.title, e.url) in explained)
    assert all(url in allowed or url in removed_text for url in gone), sorted(gone)[:5]


def assert_settled(result: FixResult) -> None:
    left = fixable(result.remaining)
    assert not left, [(d.code, d.message) for d in left[:5]]


WIDE = sorted(p for p in (CORPUS / "wide").glob("*.md") if p.name != "README.md")


@pytest.mark.parametrize("path", corpus_files() + WIDE, ids=lambda p: p.name)
def test_fix_corpus_file(path: Path) -> None:
    source = Source.read(path)
    result = fix_source(source, CONFIG, ALL_RULES)
    assert_nothing_lost(result.original, result)
    assert_settled(result)  # everything check called fixable was fixed
    assert Source.from_bytes(result.render(), str(path)).text == result.text
    again = fix_source(Source.from_bytes(result.render(), str(path)), CONFIG, ALL_RULES)
    assert not again.changed, sorted({d.code for d in again.applied})  # fixing twice = once


@pytest.mark.parametrize("path", history_files(), ids=lambda p: p.name)
def test_fix_history_version(path: Path) -> None:
    source = Source.read(path)
    result = fix_source(source, CONFIG, STYLE_RULES)
    assert_nothing_lost(result.original, result)
    assert_settled(result)
    assert_copies_keep_their_bytes(path, result)


def assert_copies_keep_their_bytes(path: Path, result: FixResult) -> None:
    """CRLF and BOM copies normalise to the same text, so the fix is the same; writing it
    back keeps each copy's BOM and line endings."""
    data = path.read_bytes()
    for name, copy in (("crlf", data.replace(b"\n", b"\r\n")),
                       ("bom", b"\xef\xbb\xbf" + data),
                       ("bom+crlf", b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))):
        src = Source.from_bytes(copy, f"{path.name}.{name}")
        assert src.text == result.source.text
        out = src.render(result.text)
        assert out.startswith(b"\xef\xbb\xbf") == name.startswith("bom")
        body = out.removeprefix(b"\xef\xbb\xbf")
        if "crlf" in name:
            assert body.count(b"\n") == body.count(b"\r\n")
        assert Source.from_bytes(out, "x").text == result.text
        assert body.endswith(b"\n") == data.endswith(b"\n")


SMALL = [p for p in corpus_files() if p.stat().st_size < 100_000][:4]


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.name)
def test_fix_command_on_crlf_bom_copy(path: Path, tmp_path: Path, cli) -> None:
    data = path.read_bytes()
    lf = tmp_path / "lf.md"
    lf.write_bytes(data)
    copy = tmp_path / "copy.md"
    copy.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    for p in (lf, copy):
        assert cli("fix", "--select", "LL0,LL5", p).exit_code in (0, 1)
    fixed = copy.read_bytes()
    assert fixed.startswith(b"\xef\xbb\xbf")
    assert fixed.count(b"\n") == fixed.count(b"\r\n")
    assert fixed[3:].replace(b"\r\n", b"\n") == lf.read_bytes()
