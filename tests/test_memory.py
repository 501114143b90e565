"""The document model holds one object where equal values repeat: what keeps a huge list's
model small (issue 17) without changing a value."""

from __future__ import annotations

import pytest

from listlint.document import parse_text
from listlint.source import Source


def _traced_peak(run) -> int:
    """The peak of traced memory (bytes) while ``run()`` runs."""
    import tracemalloc

    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

TEXT = """# Tools

Some prose with [a link](https://prose.example) on line three.

- [Alpha](https://alpha.example) - First, with [a side link](https://side.example).
- [Beta](https://beta.example) - Second.
  - [Gamma](https://gamma.example) - Nested.

| Name | Link |
|---|---|
| Delta | [Delta](https://delta.example) |
""" * 3


def test_equal_line_numbers_are_one_object_across_the_model() -> None:
    by_line: dict[int, int] = {}  # line -> id of the int object seen first for it

    def same(line: int) -> None:
        assert line > 256  # small ints are shared by Python itself
        assert by_line.setdefault(line, id(line)) == id(line), line

    pad = "\n" * 300  # lines past 256: ints Python does not cache
    doc = parse_text(pad + TEXT)
    assert doc.entries and doc.links and doc.text_blocks and doc.list_items
    for e in doc.entries:
        same(e.line)
        same(e.end_line)
    for link in doc.links:
        same(link.line)
    for block in doc.text_blocks:
        same(block.line)
        same(block.last)
    for item in doc.list_items:
        same(item.line)
    assert len(by_line) < len(doc.entries) + len(doc.links) + len(doc.text_blocks)


def test_entries_share_one_separator_string_per_way_of_writing_it() -> None:
    doc = parse_text(TEXT * 2)
    dashes = [e.separator for e in doc.entries if e.separator == " - "]
    assert len(dashes) >= 6
    assert all(s is dashes[0] for s in dashes)


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\nb", "\n\n", "\ufeffx\ny\n", "é\n😀\n"])
def test_line_endings_are_counted_without_splitting_the_text(text: str) -> None:
    src = Source.from_text(text)
    body = text.removeprefix("\ufeff")
    assert src.eols == ["\n"] * len(body.split("\n")[1:]) + [""]
    assert src.line_count == len(src.eols)
    assert src.render() == text.encode("utf-8")


@pytest.mark.parametrize("parser", ["markdown_parser", "block_parser", "streaming_parser"])
def test_markdown_it_reads_the_normalised_text_itself_not_a_copy(parser: str) -> None:
    from markdown_it.rules_core import StateCore

    from listlint.document import tokens

    md = getattr(tokens, parser)()
    (rule,) = [r.fn for r in md.core.ruler.__rules__ if r.name == "normalize"]
    text = Source.from_text("# 😀 List\r\n\r\n- [a](https://a.example)\r\n").text
    state = StateCore(text, md, {})
    rule(state)
    assert state.src is text  # the whole text once, not twice, while markdown-it parses
    raw = StateCore("a\r\nb\rc\0", md, {})
    rule(raw)
    assert raw.src == "a\nb\nc\ufffd"  # a text not yet normalised still is


def test_the_repeats_of_an_entry_share_one_message_and_one_first_occurrence() -> None:
    from listlint.lint import check_text

    section = "## Section {n} 😀\n\n- [Alpha](https://alpha.example) - One.\n" \
              "- [Beta](https://github.com/o/beta) - Two.\n\n"
    text = "# List\n\n" + "".join(section.format(n=n) for n in range(6))
    diags = [d for d in check_text(text, select=["LL101"]) if d.code == "LL101"]
    assert len(diags) == 10  # five repeats of each entry, each against the first
    for url in ("alpha.example", "o/beta"):
        mine = [d for d in diags if url in d.message]
        assert len(mine) == 5
        assert all(d.message is mine[0].message for d in mine)
        assert all(d.related is mine[0].related for d in mine)


def test_the_prose_keeps_its_blocks_as_columns_of_machine_ints() -> None:
    import tracemalloc

    from listlint.document.prose import _blocks

    items = "".join(f"- [Tool {i}](https://tool{i}.example/x) - Does `thing {i}` with "
                    f"[docs](https://docs.example/{i}) and more.\n" for i in range(3000))
    doc = parse_text("# List\n\n" + items)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        blocks = _blocks(doc)
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(blocks) == 3001
    # about 150 bytes a block (its offsets and ranges as machine ints); an object per block
    # with tuples of its ranges and an int object per offset held about 360
    assert held / len(blocks) < 250


def test_the_prose_entry_index_is_arrays_and_no_link_scan_outlives_the_prose() -> None:
    import tracemalloc

    from listlint.document.prose import Prose, _EntryIndex

    items = "".join(f"- [x] [Tool {i}](https://tool{i}.example) - Does thing {i}.\n"
                    for i in range(3000))
    doc = parse_text("# List\n\n" + items)
    assert doc.link_scans  # the item heads' scans among them: no block of the prose
    Prose(doc)
    assert doc.link_scans == {}
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        index = _EntryIndex(doc.entries)
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert index.titles_at(doc.entries[5].title_span.start) is not None
    # a title and a description an entry, three machine ints each: about 90 bytes (a tuple
    # each and lists of the tuples and of their starts held about 160)
    assert held / len(doc.entries) < 125


def test_the_link_scans_the_document_keeps_are_machine_ints() -> None:
    import sys
    from array import array

    from listlint.inline import link_ranges, scan_links

    items = "".join(f"- [Tool {i}](https://tool{i}.example) - With ![badge](b{i}.svg) and "
                    f"<https://auto{i}.example>.\n" for i in range(2000))
    doc = parse_text("# List\n\n" + items)
    scans = doc.link_scans
    assert len(scans) >= 2000
    links = size = 0
    for key, value in scans.items():
        found = scan_links(doc.text, None, *key)
        links += len(found)
        assert list(value) == list(link_ranges(found))  # the links a scan of the block finds
        size += sys.getsizeof(value) + sum(sys.getsizeof(x) for x in value
                                           if not isinstance(x, int))
    assert all(isinstance(v, array) for v in scans.values())
    assert size / links < 80


def test_the_spelling_family_reads_the_urls_of_the_text_a_window_at_a_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from listlint.rules.spelling import family

    text = "".join(f"see https://a.example/p{i % 97}/x and https://b.example/{i % 89}\n"
                   for i in range(40000))
    doc = SimpleNamespace(links=[SimpleNamespace(url="https://c.example/own")], text=text)
    monkeypatch.setattr(family, "_WINDOW", 1 << 14)
    urls = list(family._urls(doc))  # type: ignore[arg-type]
    assert urls == ["https://c.example/own", *family._RAW_URL.findall(text)]
    del urls
    peak = _traced_peak(lambda: family._words_outside_prose(doc))  # type: ignore[arg-type]
    # a batch of URLs at a time; the 80,000 URLs of the text held at once weighed over 6 MB
    assert peak < 2_000_000


def test_a_code_span_of_megabytes_is_read_for_its_words_in_pieces(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from listlint.document.prose import _CODE_PIECE, code_texts
    from listlint.rules.spelling import family, vocabulary

    # a stray fence pairs with the last: one code span over the whole text
    text = "```\n" + "".join(f"word{i % 50} plainText line {i}\n" for i in range(40000)) + "```\n"
    pieces = list(code_texts(text))
    assert len(pieces) > 1 and max(map(len, pieces)) < _CODE_PIECE + 100
    assert "\n".join(pieces) == text[:-1]
    assert vocabulary.token_parts(pieces) == vocabulary.token_parts([text[:-1].strip("`")])
    del pieces
    monkeypatch.setattr(vocabulary, "_BATCH_CHARS", 1 << 16)
    doc = SimpleNamespace(links=[], text=text)
    peak = _traced_peak(lambda: family._words_outside_prose(doc))  # type: ignore[arg-type]
    # the span's text whole, joined and every letter run of it listed: over 15 MB
    assert peak < 3_000_000
