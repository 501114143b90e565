"""The document model holds one object where equal values repeat: what keeps a huge list's
model small (issue 17) without changing a value."""

from __future__ import annotations

from listlint.document import parse_text

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
