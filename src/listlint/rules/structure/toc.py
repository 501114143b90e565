"""The table of contents against the headings it covers (LL006); the analysis and the repair
are in :mod:`listlint.rules.structure.tocsync`."""

from __future__ import annotations

from collections.abc import Iterator

from listlint.model import Diagnostic, Edit, Related, Span, Toc
from listlint.registry import Context, rule
from listlint.rules.structure.anchors import lazy_html_ids, lazy_named_headings


@rule("LL006", "toc-out-of-sync", severity="warning", fixable=True,
      summary="The table of contents does not match the headings (missing, extra, misordered).",
      options={"exclude": []})
def toc_out_of_sync(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Finds the table of contents (a list of links to `#anchors` of this file) and compares it
    with the headings it covers: the heading levels it already links to, after the ToC.
    Reports headings it misses, items that link to no heading, and items out of order.
    A deeper heading counts only where the ToC lists a sibling of it (a ToC may expand one
    part and not another); a single link not under a "Contents" heading is no ToC.
    An item may link to a heading through an HTML anchor on the lines just above or below
    it (`<a name="x"></a>`); back matter before the first or after the last heading the ToC
    lists (Contributing, License, Citation, Star History ...) is left out on purpose and not
    reported.

    ## Why is this bad?
    A stale ToC is the most common defect of long lists: a section is added or renamed and
    the ToC is not.

    ## Example
    ```markdown
    ## Contents
    - [Editors](#editors)

    ## Editors
    ## Linters
    ```
    The ToC misses `Linters`.

    Headings named in the option `exclude` (and the headings under them) need not be in the
    ToC; the awesome preset excludes "Contributing", "Footnotes" and "Related Lists".

    An item that links to no heading but whose text (or a near-miss anchor) names exactly one
    heading the ToC misses is reported as a wrong anchor ("did you mean"), not as a missing
    heading plus a dead item. Items out of order are reported whenever they are, next to
    the other problems. Items that link to headings the ToC does not cover (the list's title
    above it, a section left out by `exclude`) or to HTML anchors are not reported and stay.

    ## Fix safety
    The fix edits the ToC line by line and only as its message says: it corrects the
    anchors it names, drops the items it reports as linking to no heading, reorders the
    items only when it reports them out of order, and inserts each missing heading after
    the item of the closest earlier heading (else before the closest later one), with the
    indentation and marker of the nearest item of the same heading level. Every other line
    (items it does not report, group labels, nesting, indentation, item text) stays as
    written. Unsafe when a missing heading comes before the first heading the ToC lists (an
    introduction), when more than a tenth of the items (and more than two) are
    out of order (the ToC may keep an order of its own), when a dropped item has sub-items or
    continuation lines, when items that are not reported sit between reordered ones, when
    the indentation of one heading level varies and items must be reordered, or when a
    numbered ToC would need renumbering. No fix when the ToC has several items on a line, an
    item that does not start with its link, or no item of a missing heading's level to copy
    the layout from.
    """
    for toc in ctx.doc.tocs:
        yield from _check_toc(ctx, toc)


def _check_toc(ctx: Context, toc: Toc) -> Iterator[Diagnostic]:
    from listlint.rules.structure import tocsync  # only for a file with a table of contents

    doc = ctx.doc
    report = tocsync.analyse(doc, toc, ctx.options.get("exclude", ()), lazy_html_ids(ctx),
                             lazy_named_headings(ctx))
    if report is None or report.clean:
        return
    repair = tocsync.plan_repair(doc, toc, report)
    fix = None if repair is None else ctx.fix(Edit(repair.start, repair.end, repair.content),
                                              unsafe=repair.unsafe,
                                              description=repair.description)
    # One diagnostic per missing heading (at the ToC, as awesome-lint does, with the heading
    # as related span so --diff-base sees it) and per wrong item (at the item); the repair of
    # the whole ToC rides on the first.
    head = Span(toc.span.start, doc.source.line_end(doc.source.line_of(toc.span.start)))
    found: list[tuple[Span, str, list[Related]]] = []
    for sec in report.missing:
        found.append((head, f"misses heading '{sec.title}' (line {sec.line})",
                      [ctx.related(sec.span, "heading missing from the table of contents")]))
    for r in report.renamed:
        found.append((r.item.span, f"item '{r.item.text}' links to no heading "
                                   f"('#{r.item.anchor}'); did you mean '#{r.section.anchor}' "
                                   f"(heading '{r.section.title}', line {r.section.line})?", []))
    for item in report.dead:
        found.append((item.span, f"item '{item.text}' links to no heading ('#{item.anchor}')",
                      []))
    if report.first_misordered is not None:
        found.append((head, "items are not in the order of the headings "
                            f"(first at '#{report.first_misordered}')", []))
    for k, (span, problem, related) in enumerate(found):
        yield ctx.at(span, f"table of contents out of sync: {problem}",
                     fix=fix if k == 0 else None, related=related)
