"""How many of a list's linked items does listlint read as entries, and are their titles sane?

    python benchmarks/coverage.py [--corpus ../shared/corpus] [--misses FILE]

For every Markdown file under the corpus (``wide/`` included), an independent count: list
items and table rows (Markdown and HTML ``<tr>``) whose own text holds an http(s) link, found
with markdown-it's block structure and a few regular expressions, never with listlint's
document model. An item counts as read when an entry of ``listlint.document.parse`` covers
one of its lines. Titles are sane when they are not empty, not a URL, not a bare label
(``pdf``, ``paper``, ``code`` ...), and the entry URL is not a badge image.

Prints a Markdown table per file and totals per folder. ``--misses FILE`` prints the first
items of that file that no entry covers.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from listlint.document import parse  # noqa: E402
from listlint.source import Source  # noqa: E402

_IMAGE = re.compile(r"!\[[^\[\]\n]*\](?:\([^()\s]*(?:\s+\"[^\"\n]*\")?\)|\[[^\[\]\n]*\])")
# a footnote citation after a statement, "<sup>[1](source)</sup>": the source of a fact, no
# entry's link (a "Stats" list of facts is no list of things)
_CITATION = re.compile(r"<sup>\s*\[\^?\d{1,3}\]\([^()\s]*\)\s*</sup>", re.I)
_HTTP_LINK = re.compile(
    r"\]\(\s*<?https?://|<https?://|href\s*=\s*[\"']?https?://|(?<![(<\"'=/\w])https?://\S",
    re.I)
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\](?:\[([^\[\]\n]*)\])?(?![(:])")
_TR = re.compile(r"<tr\b.*?(?:</tr\s*>|(?=<tr\b)|\Z)", re.I | re.S)
_BAD_TITLES = frozenset(
    "pdf paper code link arxiv github url website homepage project repo blog demo page "
    "video slides doi openreview".split())
_BADGE_URL = re.compile(r"\.svg(?:$|[?#])|shields\.io|badge", re.I)


@dataclass
class FileCoverage:
    path: str
    items: int = 0
    covered: int = 0
    entries: int = 0
    sane: int = 0
    misses: list[tuple[int, str]] | None = None

    @property
    def rate(self) -> float:
        return self.covered / self.items if self.items else 1.0


def linked_lines(text: str) -> list[tuple[int, int]]:
    """(first, last) 1-based lines of each list item / table row whose own text links out."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table"])
    env: dict = {}
    tokens = md.parse(text, env)
    refs = {k: v.get("href", "") for k, v in env.get("references", {}).items()}
    lines = text.split("\n")
    out: list[tuple[int, int]] = []

    def holds_link(first: int, last: int) -> bool:
        own = "\n".join(lines[first - 1:last])
        own = _CITATION.sub("", _IMAGE.sub("", own))
        if _HTTP_LINK.search(own):
            return True
        for m in _REF_LINK.finditer(own):
            label = " ".join((m.group(2) or m.group(1)).split()).upper()
            if refs.get(label, "").lower().startswith(("http://", "https://")):
                return True
        return False

    stack: list[list[int]] = []  # open list items: [first line, own last line]
    for t in tokens:
        if t.type == "list_item_open" and t.map:
            stack.append([t.map[0] + 1, t.map[1]])
        elif t.type in ("bullet_list_open", "ordered_list_open") and t.map and stack:
            top = stack[-1]
            top[1] = min(top[1], t.map[0])  # the item's own text ends where a sub-list starts
        elif t.type == "list_item_close" and stack:
            first, last = stack.pop()
            if holds_link(first, max(first, last)):
                out.append((first, max(first, last)))
        elif t.type == "tr_open" and t.map:
            line = t.map[0] + 1
            if holds_link(line, line) and not _is_header_row(lines[line - 1], lines, line):
                out.append((line, line))
        elif t.type == "html_block" and t.map:
            base = t.map[0]
            for m in _TR.finditer(t.content):
                row = _IMAGE.sub("", m.group(0))
                if re.search(r"href\s*=\s*[\"']?https?://", row, re.I):
                    first = base + t.content.count("\n", 0, m.start()) + 1
                    last = base + t.content.count("\n", 0, max(m.start(), m.end() - 1)) + 1
                    out.append((first, last))
    return out


def _is_header_row(line: str, lines: list[str], number: int) -> bool:
    return number < len(lines) and re.fullmatch(r"\s*\|?\s*:?-{1,}.*", lines[number]) is not None


def sane(title: str, url: str) -> bool:
    t = title.strip()
    if not t or t.lower().startswith(("http://", "https://", "www.")):
        return False
    if t.strip("[]()*_`:. ").lower() in _BAD_TITLES:
        return False
    return not _BADGE_URL.search(url)


def measure(path: Path, want_misses: bool = False) -> FileCoverage:
    src = Source.read(path)
    doc = parse(src)
    items = linked_lines(src.text)
    covered_lines: set[int] = set()
    for e in doc.entries:
        covered_lines.update(range(e.line, e.end_line + 1))
        for span in (e.link_span, e.url_span):
            if span is not None:
                covered_lines.add(src.line_of(span.start))
        for link in e.other_links:
            covered_lines.add(link.line)
    cov = FileCoverage(str(path), entries=len(doc.entries), misses=[] if want_misses else None)
    cov.items = len(items)
    for first, last in items:
        if any(n in covered_lines for n in range(first, last + 1)):
            cov.covered += 1
        elif cov.misses is not None:
            cov.misses.append((first, src.line_text(first)))
    cov.sane = sum(1 for e in doc.entries if sane(e.title, e.url))
    return cov


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--misses", help="print the uncovered items of this file (name or path)")
    ap.add_argument("--limit", type=int, default=40)
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if args.misses:
        path = Path(args.misses)
        if not path.exists():
            path = next(corpus.rglob(args.misses))
        cov = measure(path, want_misses=True)
        for line, text in (cov.misses or [])[: args.limit]:
            print(f"{line:6d}  {text[:150]}")
        print(f"{cov.items - cov.covered} of {cov.items} linked items not read")
        return 0
    files = sorted(p for p in corpus.rglob("*.md")
                   if p.name != "README.md" and "history" not in p.parts)
    if not files:
        print(f"no corpus under {corpus}", file=sys.stderr)
        return 2
    print("| file | linked items | read | rate | entries | sane titles |")
    print("|---|--:|--:|--:|--:|--:|")
    totals: dict[str, list[int]] = {}
    worst: dict[str, float] = {}
    for p in files:
        cov = measure(p)
        group = p.parent.name if p.parent != corpus else "corpus"
        t = totals.setdefault(group, [0, 0, 0, 0])
        t[0] += cov.items
        t[1] += cov.covered
        t[2] += cov.entries
        t[3] += cov.sane
        worst[group] = min(worst.get(group, 1.0), cov.rate)
        name = p.relative_to(corpus)
        sane_rate = cov.sane / cov.entries if cov.entries else 1.0
        print(f"| {name} | {cov.items} | {cov.covered} | {cov.rate:.1%} | {cov.entries} "
              f"| {sane_rate:.1%} |")
    print()
    print("| set | linked items | read | rate | lowest list | entries | sane titles |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    for group, (items, covered, entries, good) in totals.items():
        print(f"| {group} | {items} | {covered} | {covered / max(items, 1):.1%} "
              f"| {worst[group]:.1%} | {entries} | {good / max(entries, 1):.1%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
