"""markdown-it set-up, and what the builder reads from inline tokens.

:func:`markdown_parser` is the one markdown-it configuration (CommonMark with GFM tables,
strikethrough and front matter, hostile input guarded). The functions below read the children
of an inline token: the text a reader sees, where an entry's link is after its checkbox and
markers, and how those markers are written. Only the builder (``document/``) calls them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

_LOOSE_CHECKBOX = re.compile(r"\[(\s{0,3}[xX]?\s{0,3})\](?=[ \t]|$)")
_MAX_BOLD_MARKER = 40  # `**New**`, `**[Hot]**`: short bold text before the link is a marker
_EMOJI_CODES = re.compile(r"[ \t]*(?::[a-z0-9_+\-]{1,40}:[ \t]*)+")  # `:book: [Title](url)`
#: ``* Airbnb - [Title](url)``, ``* Peter Norvig. [Title](url)``: who wrote or published the
#: linked article, one to four capitalised words and a separator, before the title's link
SOURCE_MARKER = re.compile(r"[ \t]*[A-Z][\w&'’.-]*(?: (?:[A-Z&][\w&'’.-]*|of|de|van|von)){0,3}"
                           r"(?: [-–—] |: |\. )")
_TAG_MARKER = re.compile(r"[ \t]*(?:\[[^\[\]\n]{1,40}\][ \t]*){1,4}")  # `[OSDI'22] [Title](url)`


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """listlint's markdown-it: CommonMark with HTML, tables, strikethrough, front matter."""
    return _configured()


@lru_cache(maxsize=1)
def block_parser() -> MarkdownIt:
    """:func:`markdown_parser` without the core ``inline`` and ``text_join`` rules: the
    block tokens only, their ``inline`` tokens left for the reader to parse one by one
    (``parse_guard.InlineReader``) so that the children of one block exist at a time."""
    return _configured().disable(["inline", "text_join"])


#: ``env`` key of the callable that takes the tokens of each finished top-level block
#: (:func:`streaming_parser`)
SINK = "listlint.sink"


@lru_cache(maxsize=1)
def streaming_parser() -> MarkdownIt:
    """:func:`block_parser` that hands the tokens of each top-level block, once markdown-it
    has read it whole, to ``env[SINK]`` (which empties the list): on a huge list the block
    tokens of one top-level block exist at a time, not those of the whole file. The tokens
    are the same, in the same order, as :func:`block_parser` gives."""
    md = _configured().disable(["inline", "text_join"])
    ruler = md.block.ruler
    for r in list(ruler.__rules__):
        ruler.at(r.name, _flushing(r.fn), {"alt": list(r.alt)})
    return md


def _flushing(fn: Callable[..., Any]) -> Callable[..., Any]:
    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not fn(state, start, end, silent):
            return False
        if not silent and state.level == 0 and state.tokens:  # a top-level block is done
            sink = state.env.get(SINK)
            if sink is not None:
                sink(state.tokens)
        return True
    return rule


def _configured() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    from listlint.parse_guard import guard_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.use(guard_plugin)  # hostile input: dense markup beyond a budget is read as text
    md.core.ruler.at("normalize", normalize_if_needed)
    # Keep link targets as written (no percent-encoding): rules compare and report the URLs
    # the maintainer typed, and skipping mdurl's encode/decode makes parsing ~20% faster.
    md.normalizeLink = _as_written  # type: ignore[method-assign,assignment]
    md.normalizeLinkText = _as_written  # type: ignore[method-assign,assignment]
    return md


def _as_written(url: str) -> str:
    return url


def normalize_if_needed(state: StateCore) -> None:
    """markdown-it's core ``normalize`` rule, which leaves a text that needs no change as it
    is: the rule replaces every line ending by ``\\n`` (and NUL by U+FFFD), and so makes a
    copy of any text that has a line ending, though :class:`~listlint.source.Source` has
    normalised them already. On a huge list the copy weighed as much as the text (4 bytes
    per character once one emoji is in it) for the whole parse."""
    if "\r" in state.src or "\0" in state.src:
        from markdown_it.rules_core.normalize import normalize

        normalize(state)


def plain_text(tokens: list[Token] | None) -> str:
    """The text a reader sees for inline tokens (images and HTML tags contribute nothing)."""
    if not tokens:
        return ""
    parts = []
    for t in tokens:
        if t.type in ("text", "code_inline"):
            parts.append(t.content)
        elif t.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def link_text(children: list[Token], idx: int) -> str:
    """Plain text of the link opened at ``children[idx]``."""
    depth = 0
    parts = []
    for c in children[idx + 1 :]:
        if c.type == "link_open":
            depth += 1
        elif c.type == "link_close":
            if depth == 0:
                break
            depth -= 1
        elif c.type in ("text", "code_inline"):
            parts.append(c.content)
        elif c.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def href(token: Token) -> str:
    """The target of a ``link_open`` token (``""`` without one)."""
    value = token.attrGet("href")
    return value if isinstance(value, str) else ""


def src(token: Token) -> str:
    """The source of an ``image`` token (``""`` without one)."""
    value = token.attrGet("src")
    return value if isinstance(value, str) else ""


def is_marker_text(text: str) -> bool:
    """Emoji, symbols and spaces only: the ⭐ / 🔥 markers lists put before an entry's link."""
    if not text.strip():
        return True
    for ch in text:
        if ch.isspace() or ch in "\u200d\ufe0f\ufe0e":
            continue
        cat = unicodedata.category(ch)
        if cat not in ("So", "Sk", "Sm", "Cn", "Mn") and not 0x1F000 <= ord(ch) <= 0x1FAFF:
            return False
    return True


def title_emphasis(children: list[Token], k: int) -> str:
    """``**``, ``*``, ``__`` or ``_`` when emphasis wraps exactly the link at ``children[k]``."""
    if k == 0 or children[k - 1].type not in ("strong_open", "em_open"):
        return ""
    opener = children[k - 1]
    close_idx = _matching_close(children, k)
    if close_idx is not None and close_idx + 1 < len(children) and \
            children[close_idx + 1].type == opener.type.replace("open", "close"):
        return opener.markup
    return ""


def count_links(children: list[Token], start: int, end: int) -> int:
    """How many links and images open in ``children[start:end]``."""
    n = 0
    for j in range(start, end):
        typ = children[j].type
        if typ == "link_open" or typ == "image":
            n += 1
    return n


def _matching_close(children: list[Token], k: int) -> int | None:
    depth = 0
    for j in range(k + 1, len(children)):
        typ = children[j].type
        if typ == "link_open":
            depth += 1
        elif typ == "link_close":
            if depth == 0:
                return j
            depth -= 1
    return None


def _is_badge_link(children: list[Token], k: int) -> bool:
    """Does the link opened at ``children[k]`` hold images only (blank text aside)?"""
    images = 0
    for j in range(k + 1, len(children)):
        c = children[j]
        typ = c.type
        if typ == "image":
            images += 1
        elif typ == "link_close":
            return images > 0
        elif typ != "text" or c.content.strip():
            return False
    return False


def _strip_checkbox(content: str) -> str:
    """The text after a leading task checkbox (well-formed or not)."""
    m = _LOOSE_CHECKBOX.match(content)
    return content[m.end():] if m else content


def _source(content: str) -> bool:
    """Is ``content`` (the text before an item's first link) its source: ``Airbnb - ``,
    ``Peter Norvig. ``, ``MIT: ``? Not a field (``Paper: ``, ``Code: ``) nor a label; a colon
    after one word only (``Huggingface resources: [A](url), [B](url)`` is a field too)."""
    if SOURCE_MARKER.fullmatch(content) is None:
        return False
    from listlint.document.layouts import is_label  # (layouts imports this module)

    name = content.strip().rstrip(":.-–—").strip()
    return not is_label(name) and name.casefold() not in _NOT_SOURCES and \
        not (content.rstrip().endswith(":") and " " in name)


#: words that open a note or a field of the entry above, not a source
_NOT_SOURCES = frozenset(
    "note notes update updates tip tips warning news notice important example examples see "
    "also description summary overview abstract intro introduction status related source "
    "sources tl;dr tldr".split())


def _one_article(children: list[Token], k: int) -> bool:
    """After a source (``Airbnb - ``), the link at ``k`` is the only one (badges aside), and
    nothing but punctuation or a separator and a description follows it: ``Vim: [a](u),
    [b](u)`` is a category, ``Note: [this](u) is deprecated`` a sentence."""
    end = _matching_close(children, k)
    if end is None:
        return False
    j = end + 1
    while j < len(children):
        if children[j].type == "link_open" and not _is_badge_link(children, j):
            return False
        j += 1
    after = children[end + 1].content if end + 1 < len(children) and \
        children[end + 1].type == "text" else ""
    return not after.strip() or _AFTER_ARTICLE.match(after) is not None


_AFTER_ARTICLE = re.compile(r"[ \t]*(?:[.,;!]|[-–—:|][ \t])")


def first_link_index(children: list[Token], allow_text: bool = False) -> int | None:
    """Index of the link an entry starts with, after checkbox and markers; else None.

    Markers are emoji and symbols, images and badge links, HTML such as ``<img>``, and short
    bold or italic text (``**New**``). With ``allow_text`` (table cells) any text may precede.
    """
    j = 0
    n = len(children)
    first_text = True
    emphasis = 0
    sourced = False
    while j < n:
        c = children[j]
        typ = c.type
        if typ == "text":
            content = _strip_checkbox(c.content) if first_text else c.content
            first_source = first_text and j == 0 and emphasis == 0
            first_text = False
            marker = is_marker_text(content) or _EMOJI_CODES.fullmatch(content) is not None or (
                emphasis > 0 and len(content) <= _MAX_BOLD_MARKER) or \
                _TAG_MARKER.fullmatch(content) is not None
            if not marker and first_source and _source(content):
                marker = sourced = True
            if not allow_text and not marker:
                return None
        elif typ == "link_open":
            if _is_badge_link(children, j):
                j = _matching_close(children, j) or j
            else:
                return j if not sourced or _one_article(children, j) else None
        elif typ in ("strong_open", "em_open"):
            emphasis += 1
        elif typ in ("strong_close", "em_close"):
            emphasis -= 1
        elif typ in ("image", "softbreak", "s_open", "s_close", "html_inline"):
            pass
        elif typ == "code_inline":
            if not allow_text:
                return None
        else:
            return None
        j += 1
    return None


def markers(children: list[Token]) -> list[str]:
    """The markers before an entry's link, as written: ``⭐``, ``**New**``, ``![badge]``."""
    out = []
    checkbox_done = False
    emphasis: list[str] = []
    for c in children:
        if c.type == "text":
            content = c.content
            if not checkbox_done:
                content = _strip_checkbox(content)
                checkbox_done = True
            if emphasis and content.strip():
                out.append(f"{emphasis[-1]}{content.strip()}{emphasis[-1]}")
                continue
            out.extend(content.split())
        elif c.type == "image":
            out.append(f"![{c.content}]")
        elif c.type in ("strong_open", "em_open"):
            emphasis.append(c.markup)
        elif c.type in ("strong_close", "em_close") and emphasis:
            emphasis.pop()
    return out
