"""Awesome rules (LL6xx): the document requirements of the awesome-list house style.

These rules run only under ``preset = "awesome"`` (``--preset awesome``) or when selected by
code or name: they describe one house style, not defects every list has. The list-item style
of the preset (separator ``" - "``, capitalised description, final period, marker) is pinned in
the style family; the table of contents is kept in sync by LL006.

One module per topic: ``heading`` (title, badge, CI badge), ``contents`` (table of
contents), ``files`` (license section, contributing.md, code of conduct), ``items`` (list
items), ``double_links``, ``references``, ``names`` (LL609), ``punctuation``, ``repository``
(LL613, and the ``[tool.listlint.awesome]`` table) and ``pieces`` (the prose pieces they
share). Importing the package registers them all.
"""

from __future__ import annotations

from listlint.rules.awesome import (  # each module registers its rules
    contents,
    double_links,
    files,
    heading,
    items,
    names,
    punctuation,
    references,
    repository,
)

__all__ = ["contents", "double_links", "files", "heading", "items", "names", "punctuation",
           "references", "repository"]
