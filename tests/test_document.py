"""The document model: entries, their parts and spans, sections, anchors, ToC."""

from __future__ import annotations

from listlint.document import github_slug, parse_text
from listlint.source import Source

PAPERS = """\
# Papers

## Serving

- [ ] ⭐ [Fast Serving: A System](https://arxiv.org/abs/2401.00001): a note, accepted by OSDI'24  
- [x] [Second *Paper*](https://example.org/p2 "title") - another note
- [Third](https://example.org/p3)
  - [Sub item](https://example.org/sub) — nested note
- **[Bold Title](https://example.org/bold)** | pipe note [code](https://github.com/a/b)
- [![b](https://img.shields.io/x.svg)](https://ci.example) [Badged](https://example.org/badged): after badge
- Plain text item without a link
- text before [a link](https://example.org/not-entry)
"""


def entry_by_title(doc, title):
    return next(e for e in doc.entries if e.title == title)


def test_entries_are_list_items_that_start_with_a_link():
    doc = parse_text(PAPERS)
    titles = [e.title for e in doc.entries]
    assert titles == ["Fast Serving: A System", "Second Paper", "Third", "Sub item",
                      "Bold Title", "Badged"]


def test_entry_parts_and_spans_are_exact():
    doc = parse_text(PAPERS)
    text = doc.text
    e = entry_by_title(doc, "Fast Serving: A System")
    assert e.url == "https://arxiv.org/abs/2401.00001"
    assert e.checked is False
    assert e.markers == ("⭐",)
    assert e.separator == ": "
    assert e.description == "a note, accepted by OSDI'24"
    assert text[e.link_span.start:e.link_span.end] == \
        "[Fast Serving: A System](https://arxiv.org/abs/2401.00001)"
    assert text[e.title_span.start:e.title_span.end] == "Fast Serving: A System"
    assert text[e.url_span.start:e.url_span.end] == "https://arxiv.org/abs/2401.00001"
    assert text[e.checkbox_span.start:e.checkbox_span.end] == "[ ]"
    assert text[e.description_span.start:e.description_span.end] == \
        "a note, accepted by OSDI'24"
    assert e.line == 5 and e.end_line == 5
    assert e.section_path == ("Papers", "Serving")
    assert e.list_marker == "-"
    assert text[e.marker_span.start:e.marker_span.end] == "-"


def test_checkbox_separator_emphasis_nesting():
    doc = parse_text(PAPERS)
    second = entry_by_title(doc, "Second Paper")
    assert second.checked is True and second.separator == " - "
    assert second.url == "https://example.org/p2"
    third = entry_by_title(doc, "Third")
    assert third.separator == "" and third.description == "" and third.checked is None
    sub = entry_by_title(doc, "Sub item")
    assert sub.depth == 1 and sub.parent == third.index and sub.separator == " — "
    assert third.sub_span.contains(sub.span)
    bold = entry_by_title(doc, "Bold Title")
    assert bold.emphasis == "**" and bold.separator == " | "
    assert [link.url for link in bold.other_links] == ["https://github.com/a/b"]
    badged = entry_by_title(doc, "Badged")
    assert badged.url == "https://example.org/badged"
    assert badged.markers and badged.markers[0].startswith("![")


def test_reference_links_and_autolinks_resolve():
    doc = parse_text("- [Ref Entry][r1] - desc\n- <https://auto.example/x> - auto\n\n"
                     "[r1]: https://ref.example/one\n")
    assert [(e.title, e.url, e.link_kind) for e in doc.entries] == [
        ("Ref Entry", "https://ref.example/one", "reference"),
        ("https://auto.example/x", "https://auto.example/x", "autolink"),
    ]
    assert doc.definitions and doc.definitions[0][1] == "https://ref.example/one"


def test_tables_rows_with_links_are_entries():
    doc = parse_text("## T\n\n| Name | Description |\n|---|---|\n"
                     "| [Tool](https://tool.example) | Does things |\n| no link | x |\n")
    assert len(doc.entries) == 1
    row = doc.entries[0]
    assert (row.kind, row.title, row.url, row.description) == \
        ("row", "Tool", "https://tool.example", "Does things")
    assert doc.text[row.link_span.start:row.link_span.end] == "[Tool](https://tool.example)"


def test_generic_link_text_in_table_takes_title_column():
    doc = parse_text("| Date | Title | Paper |\n|---|---|---|\n"
                     "| 2024.01 | Great Paper | [[pdf]](https://arxiv.org/abs/2401.1) |\n")
    assert doc.entries[0].title == "Great Paper"
    assert doc.entries[0].url == "https://arxiv.org/abs/2401.1"


def test_no_entries_from_front_matter_html_or_code_but_details_are_read():
    text = """---
title: x
---

<details>
<summary>More</summary>

- [Hidden](https://hidden.example)

</details>

<div>
- [Html](https://html.example)
</div>

```
- [Code](https://code.example)
```

    - [Indented](https://indented.example)

- [Real](https://real.example)
"""
    doc = parse_text(text)
    # GitHub renders Markdown inside <details>: lists fold whole sections that way
    assert [e.title for e in doc.entries] == ["Hidden", "Real"]
    assert doc.front_matter is not None


def test_toc_is_recognised_and_not_entries():
    text = """# List

## Contents

- [Tools](#tools)
  - [Editors](#editors)
- [Résumé & Links](#résumé--links)

## Tools

### Editors

- [Vim](https://www.vim.org) - Editor.

## Résumé & Links
"""
    doc = parse_text(text)
    assert [e.title for e in doc.entries] == ["Vim"]
    assert len(doc.tocs) == 1
    assert [(i.anchor, i.depth) for i in doc.tocs[0].items] == \
        [("tools", 0), ("editors", 1), ("résumé--links", 0)]
    assert set(doc.anchors) >= {"tools", "editors", "résumé--links", "contents", "list"}


def test_github_slugs_and_repeats():
    assert github_slug("Hello, World!") == "hello-world"
    assert github_slug("C++ & Rust") == "c--rust"
    assert github_slug("📖 Contents") == "-contents"
    assert github_slug("snake_case Name") == "snake_case-name"
    doc = parse_text("# A\n## Intro\n## Intro\n## Intro\n## Intro-1\n")
    assert [s.anchor for s in doc.sections] == ["a", "intro", "intro-1", "intro-2", "intro-1-1"]


def test_section_tree_and_bodies():
    doc = parse_text("# Top\n\ntext\n\n## A\n\n### A1\n\n## B\n")
    top, a, a1, b = doc.sections
    assert a.parent == top.index and a1.parent == a.index and b.parent == top.index
    assert a1.path == ("Top", "A", "A1")
    assert a.body.start == a.span.start and a.body.end == b.span.start
    assert top.body.end == len(doc.text)


def test_crlf_and_lone_cr_give_same_model_and_byte_offsets():
    lf = "# T\n\n- [A](https://a.example) - x\n- [B](https://b.example) - y\n"
    for eol in ("\r\n", "\r"):
        src = Source.from_text(lf.replace("\n", eol))
        doc_other = parse_text(lf)
        from listlint.document import parse

        doc = parse(src)
        assert [(e.title, e.url, e.line) for e in doc.entries] == \
            [(e.title, e.url, e.line) for e in doc_other.entries]
        b = doc.entries[1]
        raw = lf.replace("\n", eol).encode()
        start = src.byte_offset(b.link_span.start)
        assert raw[start:start + 3] == b"[B]"
        assert src.render() == raw


def test_links_have_spans():
    doc = parse_text("See [a](https://a.example) and `[not](x)` and <https://b.example>.\n")
    assert [(link.url, doc.text[link.span.start:link.span.end]) for link in doc.links] == [
        ("https://a.example", "[a](https://a.example)"),
        ("https://b.example", "<https://b.example>"),
    ]


def test_urls_with_parentheses_and_titles():
    doc = parse_text("- [Wiki](https://en.wikipedia.org/wiki/Foo_(bar)) - x\n"
                     "- [T](<https://a.example/with space> \"t\") - y\n")
    assert [e.url for e in doc.entries] == ["https://en.wikipedia.org/wiki/Foo_(bar)",
                                            "https://a.example/with space"]


def test_empty_document():
    doc = parse_text("")
    assert doc.entries == [] and doc.sections == []


def test_bold_markers_before_the_link():
    doc = parse_text("- **New** [A](https://a.example) - x\n- **[B](https://b.example)** - y\n"
                     "- **A long bold sentence that is clearly prose, not a marker** "
                     "[C](https://c.example)\n")
    assert [(e.title, e.markers, e.emphasis) for e in doc.entries] == [
        ("A", ("**New**",), ""), ("B", (), "**")]


def test_escaped_backticks_before_a_link():
    doc = parse_text("See \\```[link](https://x.example) here and `code [x](y)`.\n")
    assert [(link.url, doc.text[link.span.start:link.span.end]) for link in doc.links] == [
        ("https://x.example", "[link](https://x.example)")]


def test_link_titles_and_angle_destinations_close_where_markdown_closes_them():
    from listlint.inline import scan_links

    text = r'[a](u "t \" x") [b](v (p\)q)) [c](<w x>) [d](w "never closes'
    got = [(r.dest, text[r.start:r.end]) for r in scan_links(text)]
    assert got == [("u", r'[a](u "t \" x")'), ("v", r"[b](v (p\)q))"), ("w x", "[c](<w x>)")]


def test_unclosed_titles_in_one_paragraph_do_not_rescan_it():
    # every "[a](b (" opens a title that never closes: each used to be scanned to the end
    doc = parse_text("[ok](https://ok.example) " + "[a](b (x " * 20_000 + "\n")
    assert [link.url for link in doc.links] == ["https://ok.example"]


def test_comments_of_a_paragraph_point_at_their_text():
    text = "x <!--a--> y <!--b--> <!--a--> `<!--c-->` <!--c--> <!-- d -- e -->\n"
    doc = parse_text(text)
    assert [c for _, c in doc.comments] == ["<!--a-->", "<!--b-->", "<!--a-->", "<!--c-->",
                                            "<!-- d -- e -->"]
    assert all(text.startswith(c, o) for o, c in doc.comments)


def test_many_comments_and_definitions_stay_linear():
    para = "x " + " ".join(f"<!--c{i}-->" for i in range(20_000)) + "\n"
    assert len(parse_text(para).comments) == 20_000
    defs = "".join(f"[l{i}]: https://e.example/{i}\n\n```\ncode\n```\n" for i in range(5_000))
    doc = parse_text(defs + "[l1][] [l2][]\n")
    assert len(doc.definitions) == 5_000


def test_block_structure_is_built_in_the_same_pass() -> None:
    doc = parse_text("# T\n\n- a\n  - b\n  -\n- c\n\n| A | B  C |\n|---|---|\n| x | y |\n\n"
                     "<div>hi</div>\n")
    outer, inner = doc.lists
    assert (outer.marker, outer.depth, outer.parent, inner.parent, inner.depth) == \
        ("-", 0, None, 0, 1)
    assert [(it.line, it.depth, it.empty) for it in doc.list_items] == [
        (3, 0, False), (4, 1, False), (5, 1, True), (6, 0, False)]
    assert [it.line for it in outer.items] == [3, 6]
    (table,) = doc.tables
    assert table.header == ("a", "b c") and table.rows == (10,)
    assert [(b.line, b.kind, b.in_list) for b in doc.text_blocks][:3] == [
        (1, "heading", False), (3, "paragraph", True), (4, "paragraph", True)]
    (html,) = doc.html_blocks
    assert html.line == 12 and html.content == "<div>hi</div>\n"


def test_plain_parse_drops_tokens_but_keeps_list_nesting() -> None:
    from listlint.document import innermost_lists, parse
    from listlint.source import Source

    text = "# T\n\n- [A](https://a.org) - a.\n  - [B](https://b.org) - b.\n- [C](https://c.org) - c.\n"
    doc = parse(Source.from_text(text))
    kept = parse(Source.from_text(text), keep_tokens=True)
    assert doc.tokens is None  # a plain check does not hold markdown-it's tokens
    assert kept.tokens and any(t.type == "bullet_list_open" for t in kept.tokens)
    assert innermost_lists(doc) == innermost_lists(kept) == [3, 4, 3]


def test_block_end_is_the_last_line_of_the_block_starting_there_without_tokens():
    text = ("# T\n\n<!--lint ignore-->\n- [A](https://a.dev)\n- [B](https://b.dev)\n\n"
            "| x | y |\n|---|---|\n| 1 | 2 |\n\nOne line.\n\nTwo\nlines.\n")
    doc = parse_text(text)
    assert doc.tokens is None
    assert doc.block_end(4) == 6  # the whole list (with the blank line markdown-it gives it)
    assert doc.block_end(7) == 9  # the table
    assert doc.block_end(11) == 11  # a paragraph of one line
    assert doc.block_end(13) == 14
    assert doc.block_end(5) == 6  # the last item: its own lines only
    assert doc.block_end(3) == 3  # nothing starts on a comment's line but the comment
