"""What the spelling rules share: their settings, the analysis of a document (computed once
for LL201-LL203) and ``listlint words``' block of unknown words."""

from __future__ import annotations

import re
from itertools import chain
from typing import TYPE_CHECKING, Any

from listlint.config import register_family_table
from listlint.document.prose import Prose, code_texts
from listlint.model import Edit
from listlint.rules.spelling.analysis import Analysis, Finding, analyse
from listlint.rules.spelling.known import KnownMisspellings, default_known
from listlint.rules.spelling.slips import slip_targets
from listlint.rules.spelling.vocabulary import token_parts, url_words_and_parts

MIN_WORD = 3  # shorter words are never checked, nor suggested

if TYPE_CHECKING:
    from collections.abc import Iterator

    from listlint.config import Config
    from listlint.document import Document
    from listlint.registry import Context

SPELLING_DEFAULTS: dict[str, Any] = {
    "typos": True,  # ask the typos dictionary for known misspellings
    "codespell": False,  # also read codespell's dictionary, if codespell is installed
    "known-count": 2,  # a word the file uses this often is part of its vocabulary
}
register_family_table("spelling", SPELLING_DEFAULTS)

TITLE_CONTEXTS = ("title", "link")
_RAW_URL = re.compile(r"https?://[^\s\"'<>()\[\]]+")


def analysis(ctx: Context) -> Analysis:
    """The spelling analysis of ``ctx.doc``, computed once for all LL2xx rules."""
    known = ctx.prepared
    return ctx.memo.get("spelling.analysis", lambda: analyse_document(
        ctx.doc, ctx.config, known if isinstance(known, KnownMisspellings) else None), ctx.doc)


def _known_for(config: Config) -> KnownMisspellings | None:
    opts = {**SPELLING_DEFAULTS, **config.extra.get("spelling", {})}
    if not (opts["typos"] or opts["codespell"]):
        return None
    return default_known(bool(opts["codespell"])) if opts["typos"] \
        else KnownMisspellings(None, True)


def analyse_document(doc: Document, config: Config,
                     known: KnownMisspellings | None = None) -> Analysis:
    """Spelling analysis of a document under a configuration (``listlint words`` uses it)."""
    opts = {**SPELLING_DEFAULTS, **config.extra.get("spelling", {})}
    if known is None:
        known = _known_for(config)
    elsewhere, targets = _words_outside_prose(doc)
    return analyse(Prose(doc, MIN_WORD), allowed=config.words, known=known,
                   known_count=int(opts["known-count"]), elsewhere=elsewhere, targets=targets,
                   titles={e.index: e.title for e in doc.entries})


def _words_outside_prose(doc: Document) -> tuple[set[str], set[str]]:
    """The list's own vocabulary outside its prose: the words of every URL it holds (links,
    HTML hrefs, bare URLs: the repository names) and of its code spans (`struct`,
    `passwd`), and the words of its URLs and code as link targets (:func:`analyse`'s
    ``elsewhere`` and ``targets``). The URLs and the code are read a batch at a time
    (:func:`_urls`, :func:`code_texts`), never all held at once; the words of the code are
    the same in both (:func:`token_parts` of several texts is the union of theirs)."""
    code = token_parts(code_texts(doc.text))
    words, parts = url_words_and_parts(_urls(doc))
    return words | code, parts | code


_WINDOW = 1 << 20  # characters of text searched for URLs at a time (whole lines)


def _urls(doc: Document) -> Iterator[str]:
    """The URLs of ``doc``: its links' targets, then every URL written in its text, found a
    window of whole lines at a time (a URL holds no line break, so a window finds the URLs
    a search of the whole text finds there). On a huge list the URLs of the whole text,
    each a string, weighed more than any other part of the spelling analysis."""
    return chain([link.url for link in doc.links], chain.from_iterable(_raw_urls(doc.text)))


def _raw_urls(text: str) -> Iterator[list[str]]:
    start, n = 0, len(text)
    while start < n:
        end = text.find("\n", start + _WINDOW)
        end = n if end == -1 else end
        yield _RAW_URL.findall(text, start, end)
        start = end + 1


def quote_list(items: tuple[str, ...]) -> str:
    quoted = [f'"{s}"' for s in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def fix_for(ctx: Context, f: Finding, *, unsafe: bool) -> Any:
    if len(f.suggestions) != 1:
        return None
    w = f.word
    unsafe = unsafe or bool(f.risk) or w.context == "heading"  # a heading's anchor changes
    return ctx.fix(Edit(w.start, w.end, f.suggestions[0]), unsafe=unsafe,
                   description=f'replace "{w.text}" by "{f.suggestions[0]}"')



def words_block(result: Analysis, path: str, min_count: int = 1) -> str:
    """The unknown words of an analysis as a ``words = [...]`` TOML block with counts."""
    typos: dict[str, tuple[str, ...]] = {}
    for f in result.findings:
        typos.setdefault(f.word.text.lower(), tuple(s.lower() for s in f.suggestions))
    items = sorted(((n, w) for w, n in result.unknown.items() if n >= min_count),
                   key=lambda x: (-x[0], x[1]))
    if result.vocab is not None:  # one slip from a more frequent word: a typo the rules let go
        for _, w in items:
            if w not in typos and (targets := slip_targets(w, result.vocab)):
                typos[w] = targets
    good = [(n, w) for n, w in items if w not in typos]
    bad = [(n, w) for n, w in items if w in typos]
    lines = [f"# {len(good)} words of {path} that no dictionary knows (most used first);",
             "# paste the right ones into [tool.listlint] words = [...].",
             "words = ["]
    lines += [f'    "{w}",  # {n}' for n, w in good]
    if bad:
        lines.append("    # likely typos, not to allow-list:")
        lines += [f'    # "{w}",  # {n}: did you mean {quote_list(typos[w])}?' for n, w in bad]
    lines.append("]")
    return "\n".join(lines) + "\n"
