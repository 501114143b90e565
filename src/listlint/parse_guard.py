"""A guard on how markdown-it-py reads inline text, so hostile input costs little.

markdown-it-py spends about 10 µs and keeps about 500 bytes per *markup character* of a
paragraph (each ``*``, ``_``, ``[``, ``!``, ``<``, backtick may become a delimiter, a token, a
link attempt): a 5 MB line of ``*_`` took 2.3 GB, a 5 MB line of ``[`` 97 s. Real lists are
far from that: in every list of the corpus (126 files, 80,000 inline blocks) no inline block of
100 characters or more is even 21% markup, and all the blocks that are at least 30% markup
(short ones such as ``**[a]**``) hold 1,700 markup characters in all, over 11 MB.

No real inline block holds more than 50 markup characters either. Two limits follow; a block
over one is read as plain text (one ``text`` token: no links, no emphasis) instead of being
parsed, and its line range is listed in ``env["listlint.plain_text"]``:

- a block with more than :data:`BLOCK_MARKUP_LIMIT` markup characters (the memory markdown-it
  takes while it parses one block is about 600 bytes per markup character, freed after it);
- the markup characters of *dense* blocks (30% or more markup) count against a budget per
  document, :data:`DENSE_MARKUP_BUDGET`: many small dense blocks cannot add up to minutes.
  Blocks below 30% markup cost at most 30% of their length.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from markdown_it.rules_core import text_join
from markdown_it.token import Token

if TYPE_CHECKING:
    from collections.abc import MutableMapping

    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

MARKUP = "*_[]!<>`"
DENSE_SHARE = 0.3  # markup characters / characters from which a block is dense
DENSE_MARKUP_BUDGET = 50_000  # markup characters of dense blocks parsed per document
BLOCK_MARKUP_LIMIT = 100_000  # markup characters of one inline block (real lists: 50 at most)
PLAIN_TEXT_KEY = "listlint.plain_text"


def markup_count(text: str) -> int:
    return sum(text.count(c) for c in MARKUP)


class InlineReader:
    """markdown-it's inline parse of one ``inline`` token at a time, within the two limits
    (the dense budget runs over the document, in the order the tokens are read), followed by
    markdown-it's ``text_join``: what the core ``inline`` and ``text_join`` rules do to every
    token, for a caller that reads the blocks one by one (:func:`listlint.document.parse`)."""

    def __init__(self, md: MarkdownIt, env: MutableMapping[str, Any]) -> None:
        self.md = md
        self.env = env
        self.spent = 0

    def read(self, token: Token) -> None:
        if token.children is None:
            token.children = []
        content = token.content
        markup = markup_count(content)
        dense = markup > 0 and markup >= DENSE_SHARE * len(content)
        self.spent += markup if dense else 0
        if markup > BLOCK_MARKUP_LIMIT or (dense and self.spent > DENSE_MARKUP_BUDGET):
            text = Token("text", "", 0)
            text.content = content
            token.children.append(text)
            self.env.setdefault(PLAIN_TEXT_KEY, []).append(token.map)
            return
        self.md.inline.parse(content, self.md, self.env, token.children)


def guarded_inline(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule, within the two limits."""
    reader = InlineReader(state.md, state.env)
    for token in state.tokens:
        if token.type == "inline":
            reader.read(token)


def join_text(tokens: list[Token]) -> None:
    """markdown-it's core ``text_join`` rule on some ``inline`` tokens."""
    text_join(SimpleNamespace(tokens=tokens))  # type: ignore[arg-type]


def guard_plugin(md: MarkdownIt) -> None:
    """``md.use(guard_plugin)``: replace the core ``inline`` rule by :func:`guarded_inline`."""
    md.core.ruler.at("inline", guarded_inline)


__all__ = ["BLOCK_MARKUP_LIMIT", "DENSE_MARKUP_BUDGET", "DENSE_SHARE", "InlineReader",
           "guard_plugin", "guarded_inline", "join_text", "markup_count"]
