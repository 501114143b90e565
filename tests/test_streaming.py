"""Huge lists are parsed one top-level block at a time (``document.build._streamed``) and
reports are written one diagnostic at a time: the same model and the same bytes as the
whole-file path, with less memory held at once."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest

import listlint.document.build as build
from listlint.lint import check_text
from listlint.report import FileResult, ReportOptions, diagnostic_dict
from listlint.report.json import write
from listlint.source import Source
from tests.conftest import corpus_files, needs_corpus

FIELDS = [f.name for f in dataclasses.fields(build.Document) if f.name not in ("source", "tokens")]

# every kind of top-level block, references defined after their use and inside containers,
# a table, HTML, front matter, nested lists, fences holding what looks like a heading
TEXT = """---
title: x
---
# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

> A list. See [the guide][guide] and [later].

## Contents

- [Tools](#tools)
- [Papers](#papers)

## Tools

- [Alpha](https://alpha.example.org) - Does one thing [well][w].
  - [Beta](https://beta.example.org) - Nested, with `code` and **bold**.
- [ ] ⭐ [Gamma](https://arxiv.org/abs/2401.00001): note, accepted by OSDI'24

```
# not a heading
- [Not](https://not.example.org) - an entry
```

<details><summary>More</summary>

- [Delta](https://delta.example.org) - Hidden.

</details>

## Papers

| Title | Venue |
|---|---|
| [Epsilon](https://eps.example.org) | NeurIPS 2023 |
| [Zeta][z] | ICML 2024 |

1. [Eta](https://eta.example.org) - Ordered.
2. [Theta](https://theta.example.org) - Ordered too.

> - [Iota](https://iota.example.org) - In a quote.
> [quoted]: https://quoted.example.org

Setext heading
--------------

Text with https://bare.example.org and <https://auto.example.org>.

[guide]: https://guide.example.org
[later]: https://later.example.org
[w]: https://well.example.org "Well"
[z]: https://zeta.example.org
"""


def _model(text: str, stream: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setattr(build, "STREAM_FROM", 0 if stream else 10**12)
    doc = build.parse(Source.from_text(text))
    return {f: repr(getattr(doc, f)) for f in FIELDS}


@pytest.mark.parametrize("text", [TEXT, TEXT.replace("]: https", "] https"), "", "# Only\n"])
def test_streamed_parse_builds_the_same_model(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _model(text, False, monkeypatch)
    streamed = _model(text, True, monkeypatch)
    assert streamed == whole
    if text == TEXT:  # the model is not empty: references and entries were read
        assert "later.example.org" in whole["links"] and "Theta" in whole["entries"]


def _hand_overs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the token lists the builder is fed, from now on."""
    sizes: list[int] = []
    feed = build.Builder.feed

    def spy(self: build.Builder, tokens: list) -> None:
        sizes.append(len(tokens))
        feed(self, tokens)

    monkeypatch.setattr(build.Builder, "feed", spy)
    return sizes


def test_streamed_parse_hands_over_block_by_block(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes = _hand_overs(monkeypatch)
    monkeypatch.setattr(build, "STREAM_FROM", 0)
    build.parse(Source.from_text(TEXT))
    assert len(sizes) > 15 and max(sizes) < sum(sizes) / 3  # many small hand-overs


@needs_corpus
def test_streamed_parse_matches_on_the_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    for path in corpus_files()[:12]:
        text = path.read_text(encoding="utf-8")
        assert _model(text, True, monkeypatch) == _model(text, False, monkeypatch), path.name


def test_json_report_is_written_as_json_dump_would() -> None:
    text = "# T\n\n" + "- [A](https://a.example) - x\n" * 3
    source = Source.from_text(text, "list.md")
    diags = check_text(text, path="list.md")
    assert len(diags) >= 2
    for ds in (diags, diags[:1], []):
        results = [FileResult(source, ds)]
        out = io.StringIO()
        write(results, out, ReportOptions())
        expected = json.dumps([diagnostic_dict(source, d) for d in ds], ensure_ascii=False,
                              indent=2) + "\n"
        assert out.getvalue() == expected


def _first_feed(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many tokens the builder got in its first hand-over, in a link pass."""
    sizes = _hand_overs(monkeypatch)
    build.parse(Source.from_text(text), links_seen=lambda links: None)
    return sizes[0]


def test_a_link_pass_gets_the_first_block_before_the_rest_is_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # a small file too: the link check waits on the parse for its first URL
    text = "# Tools\n\nIntro.\n\n" + "".join(
        f"## S{k}\n\n" + "".join(f"- [T{k}.{i}](https://t{k}.example/{i}) - x.\n"
                                 for i in range(20)) + "\n" for k in range(20))
    assert len(text) < build.STREAM_FROM
    assert _first_feed(text, monkeypatch) < 10  # the heading, not the whole file
    # a reference definition anywhere may change the first block's links: one pass first
    with_ref = text + "\n[ref]: https://r.example\n"
    assert _first_feed(with_ref, monkeypatch) > 1000
