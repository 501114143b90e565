"""How an entry is written: the layouts listlint reads, and the text analysis they share.

A list writes an entry in one of a few layouts. Its title is a link (``- [Title](url) - desc``)
or plain / bold text followed by side links (``- **Title** [[pdf](url)] [[code](url)]``); its
links may sit on continuation lines or in sub-bullets; a table row holds it, or an HTML
``<tr>`` or ``<summary>``. The functions here work on source text with offsets and know
nothing of markdown-it: the builder finds the blocks, these find title, tags and paper link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from sys import intern

from listlint.model import Link, Span

#: The layouts an :class:`~listlint.model.Entry` can be read as (its ``layout`` field).
LIST_LINK = "list-link"  # - [Title](url) - description
LIST_HTML = "list-html"  # - <b><a href="url">Title</a></b> - description
LIST_TEXT = "list-text"  # - **Title** [[pdf](url)] [[code](url)] (links on the item's lines)
LIST_NESTED = "list-nested"  # a title item or paragraph whose links sit in the sub-bullets below
PARAGRAPH = "paragraph"  # **Title** \ *Authors* \ Venue [[Paper](url)] (no list markup)
TABLE_LINK = "table-link"  # | [Title](url) | ... |
TABLE_TEXT = "table-text"  # | Title | [![arXiv](badge)](url) | [paper](url) |
HTML_TABLE = "html-table"  # <tr><td><a href="url">Title</a></td></tr>
HTML_SUMMARY = "html-summary"  # <details><summary><a href="url">Title</a> ...</summary>
LAYOUTS = (LIST_LINK, LIST_HTML, LIST_TEXT, LIST_NESTED, PARAGRAPH, TABLE_LINK, TABLE_TEXT,
           HTML_TABLE, HTML_SUMMARY)
#: The layouts whose conventions (marker, separator, emphasis, order) style inference and its
#: fixes understand; entries of other layouts are never observed nor edited by LL5xx rules.
STYLED_LAYOUTS = frozenset({LIST_LINK})

#: Link texts that name what a link points to, not what the entry is called.
_PAPER_WORDS = frozenset(
    "paper papers pdf arxiv doi openreview project homepage website site page web proceedings "
    "preprint abs abstract article publication link url acl aclanthology ieee acm springer "
    "pubmed biorxiv medrxiv ssrn semantic scholar researchgate".split())
_OTHER_WORDS = frozenset(
    "code github gitlab repo repository star stars demo video videos slides slide talk blog "
    "tweet twitter poster supp supplementary bibtex bib dataset data model models weights "
    "huggingface hf colab notebook docs documentation tutorial pypi conda npm docker hub "
    "official unofficial pytorch tensorflow tf jax keras caffe torch mxnet implementation "
    "zhihu youtube bilibili medium reddit news press summary review reproduction checkpoint "
    "checkpoints space spaces leaderboard benchmark api app download install".split())
#: "Read more", "click here": a link's text that says only that it is one
_PLAIN_WORDS = frozenset("more details here codes server".split())
_PLAIN_PHRASES = frozenset(("read more", "learn more", "see more", "click here", "see here",
                            "read here", "more info", "more details"))
_LABEL_WORDS = _PAPER_WORDS | _OTHER_WORDS | _PLAIN_WORDS
#: the same in Chinese, whole link texts: link, article link, paper, code, address, home page
_CJK_LABELS = frozenset(
    "链接 文章链接 原文链接 论文 论文链接 论文地址 代码 代码链接 代码地址 地址 原文 官网 主页 项目 项目地址 "
    "博客 视频 文档 教程 下载 详情 查看 点击 这里".split())
_JOINERS = frozenset("and or of the v s".split())
_WORD = re.compile(r"[a-z]+")
_PAPER_HOSTS = re.compile(
    r"arxiv\.org|doi\.org|openreview\.net|aclanthology\.org|aclweb\.org|\.pdf(?:$|[?#])|"
    r"proceedings\.|papers\.nips\.cc|neurips\.cc|thecvf\.com|ieeexplore|dl\.acm\.org|"
    r"springer\.com|sciencedirect|semanticscholar\.org|biorxiv|medrxiv|ssrn\.com|"
    r"researchgate\.net|jmlr\.org|mlr\.press|aaai\.org|ijcai\.org|nature\.com|science\.org",
    re.I)
_OTHER_HOSTS = re.compile(
    r"github\.com|gitlab\.com|huggingface\.co|colab\.research|youtube\.com|youtu\.be|"
    r"twitter\.com|x\.com/|shields\.io|star-history|pypi\.org|bitbucket\.org", re.I)
_BADGE_URL = re.compile(r"\.svg(?:$|[?#])|shields\.io|/badge|badgen\.net", re.I)

# -- titles written as text --------------------------------------------------------------------
_SPACE = re.compile(r"[ \t\n]+")
_CHECKBOX = re.compile(r"\[[ xX]\][ \t]+")
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)|!\[[^\[\]\n]*\]\[[^\[\]\n]*\]")
HTML_TAG = re.compile(r"<[A-Za-z/!][^<>\n]*>")
_EMOJI_CODE = re.compile(r":[a-z0-9_+\-]{1,30}:")
#: a bracketed tag before the title: ``[2023/10]``, ``[**EMNLP'23**]``, ``**[RT-X]**``
_TAG = re.compile(r"(\*\*|__|\*|_)?\[(?!\[)([^\[\]\n]{1,40})\]\1?(?!\(|\[)")
_PAREN_TAG = re.compile(r"\((archived|deprecated|outdated|unmaintained|abandoned|wip|new|"
                        r"beta|alpha|experimental|discontinued)\)", re.I)
_EMPHASIS = re.compile(r"\*\*|__|\*|_")
_QUOTED_AFTER = re.compile(r"[ \t:,\-–—]{0,6}[\"“”]([^\"“”\n]{3,300})[\"“”]")
#: where a plain-text title stops: a table-like pipe, a line break, a link, a dash separator
_LINE_END = re.compile(r"[ \t]*(?:\\|<br\s*/?>)?[ \t]*$", re.M)  # a title alone on its line
_TITLE_STOP = re.compile(r"[ \t]\|[ \t]|\||<br\s*/?>|\\\n| {2,}\n|\n|[ \t][-–—][ \t]|\[!?\[|\[")
_TRIM = " \t.,:;|-–—：；，、"  # and the full-width ones of CJK text
#: a year or venue in brackets at the end of a title: ``(NeurIPS 2020)``, ``[OSDI'24]``
_VENUE_SUFFIX = re.compile(r"[ \t]*[(\[](?=[^()\[\]\n]{0,30}(?:\d{4}|'\s?\d{2}))"
                           r"[^()\[\]\n]{2,34}[)\]][ \t.,]*$")


@dataclass(frozen=True, slots=True)
class TextTitle:
    """Where a title written as text is: the title, its emphasis, and the tags before it."""

    start: int
    end: int
    emphasis: str  # "**", "*", "__", "_" or ""
    tags: tuple[tuple[int, int], ...]  # spans of leading tags and markers (venue, date, emoji)
    after: int = -1  # where the title's construct ends (past closing emphasis or quote)


def is_label(text: str) -> bool:
    """Does a link text name a kind of link (``pdf``, ``[Paper]``, ``Pytorch Code``) rather
    than the entry it belongs to?"""
    if len(text) > 48:
        return False
    words = _WORD.findall(text.lower())
    if not words:
        bare = text.strip(" []()`*_:：【】→>»")
        return not bare or bare.isdigit() or bare in _CJK_LABELS or \
            (len(bare) <= 6 and bare.endswith(("链接", "地址")))  # 知乎链接: a Zhihu link
    if len(words) > 4:
        return False
    if " ".join(words) in _PLAIN_PHRASES:
        return True
    return all(w in _LABEL_WORDS or w in _JOINERS for w in words) and \
        any(w in _LABEL_WORDS for w in words)


def is_badge_url(url: str) -> bool:
    return _BADGE_URL.search(url) is not None


def link_role(text: str, url: str) -> str:
    """``paper`` for a link to the work itself, ``other`` for code, stars, demos, talks."""
    words = set(_WORD.findall(text.lower()))
    if words & _PAPER_WORDS and not words & {"code", "github", "star", "stars", "demo", "video",
                                              "slides", "blog", "tweet", "poster", "dataset"}:
        return "paper"
    if words & _OTHER_WORDS or _OTHER_HOSTS.search(url) or is_badge_url(url):
        return "other"
    if _PAPER_HOSTS.search(url):
        return "paper"
    return "unknown"


def primary_link(links: list[tuple[str, str, bool]]) -> int | None:
    """Index of the entry's own link among (text, url, is_image) side links: the paper link
    (pdf / paper / arxiv / doi / openreview / project), else the first that is neither code,
    star, demo nor badge, else the first link that is not an image."""
    first_unknown = first_any = None
    for i, (text, url, image) in enumerate(links):
        if image or not url or url.startswith("#"):
            continue
        role = link_role(text, url)
        if role == "paper":
            return i
        if role == "unknown" and first_unknown is None:
            first_unknown = i
        if first_any is None and not is_badge_url(url):
            first_any = i
    return first_unknown if first_unknown is not None else first_any


def _skip_tags(text: str, pos: int, end: int, tags: list[tuple[int, int]]) -> int:
    """Past leading whitespace, checkbox, emoji, images, HTML and bracketed tags."""
    while pos < end:
        m = _SPACE.match(text, pos, end)
        if m:
            pos = m.end()
            continue
        for pattern in (_CHECKBOX, _IMAGE, HTML_TAG, _EMOJI_CODE, _TAG, _PAREN_TAG):
            m = pattern.match(text, pos, end)
            if m:
                tags.append((m.start(), m.end()))
                pos = m.end()
                break
        else:
            if _is_symbol(text[pos]):
                start = pos
                while pos < end and (_is_symbol(text[pos]) or text[pos] in "\u200d\ufe0f"):
                    pos += 1
                tags.append((start, pos))
                continue
            if text.startswith(("**", "__"), pos):  # a bold tag: **EMNLP'23**, **New**
                close = text.find(text[pos:pos + 2], pos + 2, end)
                inner = text[pos + 2:close] if close != -1 else ""
                if inner and _is_tag_text(inner) and _after_tag(text, close + 2, end):
                    tags.append((pos, close + 2))
                    pos = close + 2
                    continue
            return pos
    return pos


def _after_tag(text: str, pos: int, end: int) -> bool:
    """Is there a title after a short bold tag (and not a separator or nothing)?"""
    rest = text[pos:end].lstrip(" \t:")
    return len(rest) > 3 and rest[0] not in "[(|-–—"


def _is_tag_text(inner: str) -> bool:
    """``EMNLP'23``, ``CVPR 2024``, ``2023/10``, ``New``: short, no sentence in it."""
    return 0 < len(inner) <= 24 and len(inner.split()) <= 3 and \
        (any(ch.isdigit() for ch in inner) or inner.isupper() or inner.startswith("["))


def _is_symbol(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch) in ("So", "Sk") or 0x1F000 <= ord(ch) <= 0x1FAFF


def read_text_title(text: str, start: int, end: int) -> TextTitle | None:
    """The title written as text in ``text[start:end]`` (an item's text before its links, or
    after its leading tags), or None when there is no title there."""
    tags: list[tuple[int, int]] = []
    pos = _skip_tags(text, start, end, tags)
    if pos >= end:
        return None
    em = _EMPHASIS.match(text, pos, end)
    if em:
        delim = em.group(0)
        close = text.find(delim, em.end(), end)
        if close > em.end():
            t_start, t_end = _trim(text, em.end(), close)
            t_end = venue_suffix_start(text, t_start, t_end)
            quoted = _QUOTED_AFTER.match(text, close + len(delim), end)
            if quoted and len(text[t_start:t_end].split()) <= 3:
                # **SayPlan**: "Grounding Large Language Models ..." - the quote is the title
                tags.append((pos, close + len(delim)))
                return TextTitle(quoted.start(1), quoted.end(1), "", tuple(tags), quoted.end())
            if t_end > t_start:
                return TextTitle(t_start, t_end, delim, tuple(tags), close + len(delim))
    quoted = _QUOTED_AFTER.match(text, pos, end)
    if quoted:
        return TextTitle(quoted.start(1), quoted.end(1), "", tuple(tags), quoted.end())
    stop = _TITLE_STOP.search(text, pos, end)
    t_start, t_end = _trim(text, pos, stop.start() if stop else end)
    t_end = venue_suffix_start(text, t_start, t_end)
    if t_end - t_start < 2 or not any(ch.isalnum() for ch in text[t_start:t_end]):
        return None
    return TextTitle(t_start, t_end, "", tuple(tags))


def venue_suffix_start(text: str, start: int, end: int) -> int:
    """Where a title ends before a venue or year suffix: ``Title (NeurIPS 2020)``,
    ``Title (2016)``, ``Title [OSDI'24]``; ``end`` when there is none."""
    m = _VENUE_SUFFIX.search(text, start, end)
    if m is None or m.start() - start < 4:
        return end
    return _trim(text, start, m.start())[1]


def alone_on_line(text: str, title: TextTitle) -> bool:
    """Is nothing but a line break after the title on its line?"""
    return _LINE_END.match(text, max(title.after, title.end)) is not None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    # keep a trailing dot of an abbreviation out, but not a closing bracket or quote
    return start, end


def sane_title(title: str) -> bool:
    """Not empty, not a URL, not a bare link label: a title a reader would recognise."""
    t = title.strip()
    return bool(t) and not t.lower().startswith(("http://", "https://", "www.")) and \
        not is_label(t)


# -- the parts of an entry's head, and links beside a title ------------------------------------
_TASK_BOX = re.compile(r"\[([ xX])\](?=[ \t]|$)")
_SEPARATOR = re.compile(
    r"[ \t]*(?:(?::|-{1,2}|–|—|\||~|=>|->|,)(?=[ \t]|$)[ \t]*|[ \t]+)"
)
_IMAGE_TEXT = re.compile(r"!\[([^\[\]\n]*)\]\([^()\n]*\)")
#: ``[[Paper]](url)``: a bracketed link text is never a name
BRACKETED_LABEL = re.compile(r"\s*`?\[[^\[\]]*\]`?\s*")
_PARENS = re.compile(r"\([^()\n]*\)")


def tail(text: str, after: int, head_end: int) -> tuple[str, Span | None, str, Span | None]:
    """(separator, its span, description, its span) of the head text after the link."""
    rest = text[after:head_end]
    if not rest.strip():
        return "", None, "", None
    sm = _SEPARATOR.match(rest)
    sep_len = sm.end() if sm else 0
    desc_start = after + sep_len
    desc = text[desc_start:head_end].rstrip(" \t")  # spaces of a hard break are no content
    # one string per way of writing the separator (a list uses a few, over every entry)
    return (intern(rest[:sep_len]), Span(after, desc_start), " ".join(desc.split()),
            Span(desc_start, desc_start + len(desc)))


def checkbox(text: str, pos: int) -> tuple[bool | None, Span | None]:
    """(checked, its span) of a task checkbox at ``pos``; (None, None) without one."""
    cm = _TASK_BOX.match(text, pos)
    if cm is None:
        return None, None
    return cm.group(1) in "xX", Span(pos, cm.end())  # pos: the entry's int, not a new one


def inside_emphasis(text: str, start: int, end: int) -> Span:
    """The title inside ``[**Title**](url)``: without the emphasis that wraps all of it."""
    if start >= end or text[start] not in "*_":
        return Span(start, end)
    for delim in ("**", "__", "*", "_"):
        n = len(delim)
        if end - start > 2 * n and text.startswith(delim, start) and \
                text.startswith(delim, end - n):
            return Span(start + n, end - n)
    return Span(start, end)


def wrapped_at(text: str, span: Span) -> bool:
    """Is the link at ``span`` written as a bracketed tag, ``[[arXiv](url)]``?"""
    return span.start > 0 and text[span.start - 1] == "[" and text.startswith("]", span.end)


def label_text(text: str) -> str:
    """A link text with its images read as their alt text: ``[![arXiv](svg)](url)``."""
    return _IMAGE_TEXT.sub(r" \1 ", text)


#: A footnote citation: ``<sup>[1](url)</sup>`` after a statement ("Over 1 million
#: customers.<sup>[1](…)</sup>"): the source of a fact, not an entry's link.
CITATION = re.compile(r"<sup>[ \t]*\[\^?\d{1,3}\]\([^()\s]*\)[ \t]*</sup>", re.I)


def is_citation(text: str, link: Link) -> bool:
    """Is ``link`` a footnote citation (:data:`CITATION`)?"""
    lo = text.rfind("<", max(0, link.span.start - 12), link.span.start)
    return lo != -1 and CITATION.match(text, lo, link.span.end + 12) is not None


#: a link named after where the paper appeared: ``[CHI 2024]``, ``[Findings of ACL 2024]``,
#: ``[NeurIPS'24 Oral]``, ``[arXiv, 5 Sep 2024]`` (an acronym, a qualifier, a year)
_VENUE_QUALIFIER = (r"(?: (?:Workshops?|Findings|Oral|Spotlight|Poster|Demo|Main|Industry"
                    r"|(?:Short|Long|Outstanding|Best) [Pp]aper|Short|Long"
                    r"|(?:Datasets and )?Benchmarks?(?: Track)?))?")
VENUE_LABEL = re.compile(
    r"(?:Findings of (?:the )?)?(?:arXiv|(?=[A-Za-z-]*[A-Z][a-z-]*[A-Z])[A-Za-z][A-Za-z-]{1,11})"
    + _VENUE_QUALIFIER +
    r"(?:,? \d{1,2} [A-Z][a-z]{2,8}\.?,?)?(?:[ ,]{0,2}(?:19|20)\d{2}|[ ]?['’]\d{2})"
    + _VENUE_QUALIFIER)


def side_link(text: str, link: Link, venue: bool = False) -> bool:
    """A link beside a title: ``[[pdf](url)]``, ``[code](url)``, a badge, a bare URL; with
    ``venue``, a link named after a venue too (``[CHI 2024](url)`` under a paper's title
    paragraph: in a list item, ``- Accepted to [CVPR 2024](url)`` is news, not a title)."""
    label = label_text(link.text)
    return link.kind in ("image", "bare") or is_label(label) or \
        wrapped_at(text, link.span) or not label.strip() or \
        BRACKETED_LABEL.fullmatch(link.text) is not None or \
        (venue and VENUE_LABEL.fullmatch(label.strip()) is not None)


def has_words(text: str, start: int, end: int, links: list[Link]) -> bool:
    """Is there text besides the links, labels and parenthesised notes of ``text[start:end]``?"""
    parts = []
    pos = start
    for link in links:
        if link.span.start >= pos:
            parts.append(text[pos:link.span.start])
            pos = link.span.end
    parts.append(text[pos:end])
    rest = _PARENS.sub(" ", HTML_TAG.sub(" ", " ".join(parts)))
    words = [w for w in rest.split() if any(ch.isalpha() for ch in w)]
    return bool(words) and not is_label(" ".join(words))
