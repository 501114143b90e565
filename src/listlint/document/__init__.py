"""Parse a Markdown list once into a :class:`Document`: sections, entries, ToC, links.

markdown-it-py (CommonMark with GFM tables, strikethrough and front matter) decides what the
Markdown *means*; :mod:`listlint.inline` finds where each link is in the source so every part
of an entry has exact offsets. Rules read the resulting model and never re-parse.

The package: ``build`` (parse, one pass over the tokens), ``state`` (what that pass keeps),
``sections``, ``items`` (list items and the ToC), ``titles`` (titles written as text),
``tables``, ``html_blocks`` / ``html`` (entries written in HTML), ``links`` and ``bare_urls``,
``tokens`` (markdown-it set-up and inline tokens), ``layouts`` (how entries are written),
``blocks`` (lists, tables, text and HTML blocks) and ``document`` (the Document).
"""

from __future__ import annotations

from listlint.document.build import parse, parse_text
from listlint.document.document import Document, innermost_lists
from listlint.document.sections import github_slug
from listlint.document.tokens import markdown_parser, plain_text

__all__ = ["Document", "github_slug", "innermost_lists", "markdown_parser", "parse",
           "parse_text", "plain_text"]
