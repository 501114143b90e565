"""Descriptions: where their prose starts and ends, the case they start with and the
punctuation they end with; the rules description-case (LL507) and final-punctuation (LL508).

The helpers are shared beyond the rules: ``listlint add`` writes a new description in the
list's case and punctuation. Where a description's prose starts and ends is read by other
families too, from :mod:`listlint.entry_text`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from listlint.entry_text import is_emoji, matching_open, prose_end, prose_start
from listlint.model import Diagnostic, Edit, Entry, Span
from listlint.registry import Context, rule
from listlint.rules.style.inference import infer
from listlint.rules.style.shared import drift, guard, shared_facts
from listlint.text import shorten

_ANNOTATION = re.compile(r"[*_]*\([^()]+\)[*_]*")
# a tag or a placeholder, not a sentence: code spans only (`MCP` `CLI`), or a few words in
# emphasis (*to be written*, _WIP_)
_CODE_TAGS = re.compile(r"(?:`[^`\n]+`[ \t]*)+")
_EMPHASIS = re.compile(r"([*_]{1,2})([^*_\n]+)\1")


def is_tag(description: str) -> bool:
    """Is ``description`` (source text) a tag or placeholder rather than a sentence?"""
    d = description.strip()
    if _CODE_TAGS.fullmatch(d):
        return True
    m = _EMPHASIS.fullmatch(d)
    return m is not None and len(m.group(2).split()) <= 3 and \
        not m.group(2).rstrip().endswith(tuple(TERMINAL))

TERMINAL = ".!?…"  # what counts as final punctuation (add writes by it too)
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_CLOSERS = "\"'”’»)]*_"
_ABBREVIATIONS = frozenset("etc. al. e.g. i.e. vs. inc. ltd. co. jr. sr. approx. fig. no.".split())


def final_punctuation(text: str) -> tuple[str | None, int]:
    """("." or "none" or None, prose end offset) of a description's source text."""
    end = prose_end(text)
    s = text[:end]
    if not s.strip():
        return None, end
    k = len(s.rstrip(_CLOSERS))
    if k == 0:
        return None, end
    last = s[k - 1]
    if s.endswith((">", "|")) or _ends_with_emoji(s[:k]):
        return None, end  # an emoji ends a description as well as a full stop does
    close = len(s.rstrip("*_\"'”’»"))
    if last not in TERMINAL and s.endswith(")", 0, close):
        open_at = matching_open(s, close - 1)  # "Does X. (Deprecated)": the sentence has ended
        if open_at is not None and s[:open_at].rstrip(" *_").endswith(tuple(TERMINAL)):
            return ".", end
    return ("." if last in TERMINAL else "none"), end


def _ends_with_emoji(s: str) -> bool:
    t = s.rstrip("\ufe0f\u200d")
    while t and 0x1F3FB <= ord(t[-1]) <= 0x1F3FF:  # skin tones
        t = t[:-1]
    return bool(t) and is_emoji(t[-1])


def is_abbreviation(text: str) -> bool:
    word = text.rsplit(None, 1)[-1].casefold() if text.split() else ""
    return word in _ABBREVIATIONS or word.count(".") > 1


_WORD_CHARS = re.compile(r"[\w'’.\-]*")  # \w: the characters str.isalnum() accepts, and "_"


def first_word(text: str) -> str:
    """The word ``text`` starts with (letters, digits, ``'’-_.`` inside), or ""."""
    return _WORD_CHARS.match(text).group().rstrip(".'’-_")  # type: ignore[union-attr]


def description_case(entry: Entry) -> str | None:
    """"upper" or "lower" when the description starts with an ordinary word, else None
    (names, acronyms, camelCase, numbers, code and links say nothing about the style)."""
    return description_case_and_word(entry)[0]


def description_case_and_word(entry: Entry) -> tuple[str | None, str]:
    """:func:`description_case` and, when it is not None, the word it judged."""
    d = entry.description
    d = d[prose_start(d):] if d and not d[0].isalnum() else d
    if not d or not d[0].isalpha() or not d[0].isupper() and not d[0].islower():
        return None, ""
    if not unicodedata.name(d[0], "").startswith(_CAPITALISED_SCRIPTS):
        return None, ""  # Georgian has two cases, but sentences do not start with a capital
    w = first_word(d)
    if not w or any(map(str.isdigit, w)) or any(map(str.isupper, w[1:])):
        return None, ""
    low = w.casefold()
    own = f"{entry.title} {entry.url}".casefold()
    if len(low) > 1 and low in own and (low == entry.title.casefold().strip() or
                                        _is_word_of(low, own)):
        return None, ""  # the project's own name, written its own way (not "is" of "mimesis")
    return ("upper" if d[0].isupper() else "lower"), w


_CAPITALISED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC", "ARMENIAN")


def _is_word_of(word: str, text: str) -> bool:
    """Is ``word`` one of the ``[0-9a-z]`` runs of ``text`` (``word in _NOT_ALNUM.split(text)``,
    without splitting all of ``text``)?"""
    if _NOT_ALNUM.search(word):
        return False
    n = len(word)
    start = text.find(word)
    while start != -1:
        end = start + n
        if not (start and text[start - 1] in _AZ09 or end < len(text) and text[end] in _AZ09):
            return True
        start = text.find(word, start + 1)
    return False


_AZ09 = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")


# -- LL507 / LL508 -------------------------------------------------------------------------


def _is_known_name(word: str) -> bool:
    """Is ``word`` a technology name with a canonical spelling (GitHub, macOS ...)?"""
    from listlint.canonical import default_names  # its table loads only when asked

    return (word.lower(),) in default_names().forms


def _is_lower_case_name(word: str) -> bool:
    """Is ``word`` a name spelled only in lower case (npm, webpack)?"""
    from listlint.canonical import default_names

    return default_names().forms.get((word,)) == word


@rule("LL507", "description-case", severity="info", fixable=True,
      summary="A description that starts in the other case from the list's descriptions.")
def description_case_rule(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Learns whether descriptions start with a capital (`- [x](…) - Fast inference.`) or not
    (`- [x](…): fast inference`) and reports those that differ. Descriptions starting with the
    project's own name, an acronym, camelCase, a number, code or a link, or a name spelled
    only in lower case (`npm`), and descriptions in a script whose sentences do not start with
    a capital (Chinese, Arabic, Georgian ...) are never reported.
    Pin with `description-case = "upper"` or `"lower"`.

    ## Why is this bad?
    Mixed capitalisation reads as unedited copy-paste.

    ## Example
    ```markdown
    - [aiohttp](https://github.com/aio-libs/aiohttp) - Async HTTP client and server.
    - [httpx](https://github.com/encode/httpx) - a next generation HTTP client.
    - [requests](https://github.com/psf/requests) - Elegant HTTP for humans.
    - [treq](https://github.com/twisted/treq) - Requests-like API on Twisted.
    - [urllib3](https://github.com/urllib3/urllib3) - Connection pooling and retries.
    ```
    In this list of capitalised descriptions, use instead:
    ```markdown
    - [aiohttp](https://github.com/aio-libs/aiohttp) - Async HTTP client and server.
    - [httpx](https://github.com/encode/httpx) - A next generation HTTP client.
    - [requests](https://github.com/psf/requests) - Elegant HTTP for humans.
    - [treq](https://github.com/twisted/treq) - Requests-like API on Twisted.
    - [urllib3](https://github.com/urllib3/urllib3) - Connection pooling and retries.
    ```

    ## Fix safety
    Capitalising the first letter is safe. Lower-casing it is unsafe: the word may be a
    proper noun.
    """
    shared = shared_facts(ctx)
    st = shared.settings
    obs = []
    words = []
    for e in shared.items:
        if e.description_span is None or not e.separator.strip(" \t"):
            continue
        v, word = description_case_and_word(e)
        if v is not None:
            obs.append((e, v))
            words.append(word)
    conv = infer(obs, st.get("description-case"), st)
    text = ctx.doc.text
    starts = set(words)  # the first words of the descriptions, as written
    for e, _value, c in drift(obs, conv):
        assert e.description_span is not None
        d = e.description
        lead = prose_start(d) if d and not d[0].isalnum() else 0  # after markers and badges
        pos = e.description_span.start + lead
        ch = text[pos]
        new = ch.upper() if c.value == "upper" else ch.lower()
        if len(new) != 1:
            continue
        word = first_word(d[lead:]) or ch
        if c.value == "upper" and word.islower() and _is_lower_case_name(word):
            continue  # npm, webpack: a name whose only spelling is lower case
        wanted = new + word[1:]
        # safe only for an ordinary word that other descriptions start with as wanted, or
        # when the case is pinned (a preset) and the word is no name spelled in lower case
        unsafe = c.value == "lower" or (wanted not in starts and (
            c.scope != "config" or _is_known_name(word)))
        fix = ctx.fix(Edit(pos, pos + 1, new), unsafe=unsafe, description=f"write {wanted!r}")
        what = {"upper": "a capital", "lower": "a lower-case letter"}
        evidence = c.evidence("description-case", what.__getitem__,
                              verb="starts descriptions with")
        yield ctx.at(Span(pos, pos + len(word)),
                     f"description starts with {shorten(word, 40)!r}; {evidence}", fix=guard(fix, c))


@rule("LL508", "final-punctuation", severity="info", fixable=True,
      summary="A description that ends differently (`.` or nothing) from the list's descriptions.")
def final_punctuation_rule(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Learns whether descriptions end with a full stop (`.`, `!`, `?` and `…` all count) or
    with no punctuation, and reports those that differ. Trailing licence and language tags in
    backticks, badges and `([Demo](…))` groups are not part of the prose: in
    ``Media server. `GPL-3.0` `Docker` `` the description ends with `.`. Pin with
    `final-punctuation = "."` or `"none"`.

    ## Why is this bad?
    Half the entries ending with a full stop looks unedited.

    ## Example
    ```markdown
    - [aiohttp](https://github.com/aio-libs/aiohttp) - Async HTTP client and server.
    - [httpx](https://github.com/encode/httpx) - A next generation HTTP client
    - [requests](https://github.com/psf/requests) - Elegant HTTP for humans.
    - [treq](https://github.com/twisted/treq) - Requests-like API on Twisted.
    - [urllib3](https://github.com/urllib3/urllib3) - Connection pooling and retries.
    ```
    In this list whose descriptions end with `.`, use instead:
    ```markdown
    - [aiohttp](https://github.com/aio-libs/aiohttp) - Async HTTP client and server.
    - [httpx](https://github.com/encode/httpx) - A next generation HTTP client.
    - [requests](https://github.com/psf/requests) - Elegant HTTP for humans.
    - [treq](https://github.com/twisted/treq) - Requests-like API on Twisted.
    - [urllib3](https://github.com/urllib3/urllib3) - Connection pooling and retries.
    ```

    ## Fix safety
    Adding the full stop is safe. Removing one is unsafe (it may end an abbreviation). No fix
    when the description ends with `,`, `;` or `:`. A description that is only tags in code
    spans (`` `MCP` ``) or a few words in emphasis (`*to be written*`) is no sentence: it is
    left alone.
    """
    shared = shared_facts(ctx)
    st = shared.settings
    text = ctx.doc.text
    obs = []
    ends: dict[int, int] = {}
    for e in shared.items:
        if e.description_span is None or not e.separator:
            continue
        d = text[e.description_span.start:e.description_span.end]
        if not e.separator.strip() and _ANNOTATION.fullmatch(d.strip()):
            continue  # "[Name](…) (archived)": an annotation after the link, no description
        if is_tag(d):
            continue
        v, end = final_punctuation(d)
        if v is None:
            continue
        obs.append((e, v))
        ends[e.index] = e.description_span.start + end
    conv = infer(obs, st.get("final-punctuation"), st)
    shown = {".": "'.'", "none": "no final punctuation"}
    for e, _value, c in drift(obs, conv):
        end = ends[e.index]
        last = text[end - 1]
        if c.value == ".":
            fix = None if last in ",;:" else ctx.fix(Edit(end, end, "."), description="add '.'")
            yield ctx.at(Span(end - 1, end),
                         f"description ends without a full stop; "
                         f"{c.evidence('final-punctuation', shown.__getitem__)}", fix=guard(fix, c))
        else:
            assert e.description_span is not None
            if last != "." or text[end - 2:end] == ".." or \
                    is_abbreviation(text[e.description_span.start:end]):
                continue
            yield ctx.at(Span(end - 1, end),
                         f"description ends with '.'; "
                         f"{c.evidence('final-punctuation', shown.__getitem__)}",
                         fix=ctx.fix(Edit(end - 1, end, ""), unsafe=True,
                                     description="remove the final '.'"))


