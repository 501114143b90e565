"""``fix_source``: lint once, apply the fixable set in verified stages, a few rounds."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from listlint.config import Config
from listlint.document import Document, parse
from listlint.engine import run_rules
from listlint.fix.plan import apply_sorted, edits_of, fixable, plan_fixes
from listlint.fix.result import FixResult, Skipped
from listlint.fix.shift import Shift, relocated, shifted
from listlint.fix.verify import PassReport, VerificationError, renders_as, verify_pass
from listlint.inputs import Memo, RunInputs
from listlint.lint import check_source
from listlint.model import Diagnostic, Edit, Fix
from listlint.registry import Rule
from listlint.source import Source

#: Rounds of :func:`fix_source`: fixes that collided with another fix in one round are
#: applied in the next one (the same problem, found again where the first fix left it).
MAX_ROUNDS = 3


def fix_source(source: Source, config: Config, rules: Sequence[Rule], *, unsafe: bool = False,
               inputs: RunInputs | None = None) -> FixResult:
    """Lint ``source`` once and apply, verified, the fixes ``check`` calls fixable.

    The conventions are inferred once, from the file as given, and every compatible fix is
    applied in one sweep (:func:`plan_fixes`). Formatting-only fixes are applied and proved
    first (the rendered HTML must stay identical), then content fixes (every entry they do
    not target kept, every entry and link unless a fix rewrote or removed it on purpose);
    when both stages pass, one parse of the fixed text proves them both.
    A fix that collided with another one (two rules editing the same words) is applied in a
    second round: only its rule runs again, and only the same problem on the same line is
    fixed. When a rule's edits fail verification, that rule's fixes are left out, named in
    ``skipped``, and the others applied. Nothing is written here.
    """
    rules = list(rules)
    checked = check_source(source, config, rules, inputs, keep_tokens=True)
    again_with = (checked.inputs, checked.memo)
    original, diags = checked.document, checked.diagnostics
    result = FixResult(source, source.text, document=original, original=original)
    stages: list[Shift] = []  # the edits of each verified stage
    doc = original
    pending = fixable(diags, unsafe)  # what check calls fixable
    todo: list[Diagnostic] = pending
    origin: dict[int, Diagnostic] = {id(d): d for d in pending}
    settled: set[int] = set()
    for _ in range(MAX_ROUNDS):
        planned = plan_fixes(todo, unsafe)
        if not planned:
            break
        planned = _absorb(planned, todo, doc.text, origin)
        doc = _apply_round(source, doc, planned, stages, result)
        skipped = {s.code for s in result.skipped}
        for d in planned:
            if d.code not in skipped:
                settled.add(id(origin[id(d)]))
        pending = [d for d in pending if id(d) not in settled and d.code not in skipped]
        if not pending:
            break
        todo, origin = _found_again(doc, config, rules, again_with, pending, stages)
    tidy = [r for r in rules if r.tidy]  # registered with tidy=True: run once more
    if stages and tidy:  # whitespace a removal left behind (blank lines at the end)
        planned = plan_fixes(run_rules(doc, config, tidy, *again_with, active=rules))
        if planned:
            doc = _apply_round(source, doc, planned, stages, result)
    result.text, result.document = doc.text, doc
    result.passes = len(stages)
    result.applied = [d for d in diags if id(d) in settled]
    result.remaining = [m for d in diags if id(d) not in settled
                        for m in [relocated(d, stages)] if m is not None]
    return result


def _absorb(planned: list[Diagnostic], todo: list[Diagnostic], text: str,
            origin: dict[int, Diagnostic]) -> list[Diagnostic]:
    """``planned`` plus the fixes of ``todo`` that collided with a planned *move* (a list
    rewritten in sorted order) and fit in it: each of their edits stays on one line that the
    move carries verbatim, once. Their edits are made in the move's new text, so that one
    sweep does both; the move's fix then carries them (and their diagnostics share it).
    ``origin`` learns which diagnostic each new copy stands for."""
    moves = {(d.fix.edits[0].start, d.fix.edits[0].end): d.fix for d in planned  # type: ignore[union-attr]
             if d.fix is not None and not d.fix.formatting and len(d.fix.edits) == 1
             and d.fix.edits[0].content
             and text.count("\n", d.fix.edits[0].start, d.fix.edits[0].end) > 1}
    if not moves:
        return planned
    spans = sorted(moves)
    starts = [start for start, _ in spans]
    taken = {id(d) for d in planned}
    inner: dict[tuple[int, int], list[tuple[Diagnostic, Diagnostic]]] = {}
    for d in todo:
        if id(d) in taken or d.fix is None:
            continue
        k = bisect.bisect_right(starts, min(e.start for e in d.fix.edits)) - 1
        if k < 0:
            continue
        key = spans[k]
        content = moves[key].edits[0].content
        mapped = [_in_move(text, *key, content, e) for e in d.fix.edits]
        if all(m is not None for m in mapped):
            copy = replace(d, fix=replace(d.fix, edits=tuple(mapped)))  # type: ignore[arg-type]
            inner.setdefault(key, []).append((d, copy))
    if not inner:
        return planned
    new_fix: dict[tuple[int, int], Fix] = {}
    extra: list[Diagnostic] = []
    for key, found in inner.items():
        first = {id(c): d for d, c in found}
        chosen = plan_fixes([c for _, c in found], unsafe=True)
        fix = moves[key]
        content = apply_sorted(fix.edits[0].content, edits_of(chosen))
        new_fix[key] = replace(fix, edits=(Edit(*key, content),))
        for c in chosen:
            moved = replace(c, fix=new_fix[key])
            origin[id(moved)] = origin[id(first[id(c)])]
            extra.append(moved)
    out = []
    for d in planned:
        at = (d.fix.edits[0].start, d.fix.edits[0].end) if d.fix and d.fix.edits else None
        if at is not None and at in new_fix and d.fix is moves[at]:
            moved = replace(d, fix=new_fix[at])
            origin[id(moved)] = origin[id(d)]
            d = moved
        out.append(d)
    return out + extra


def _in_move(text: str, start: int, end: int, content: str, e: Edit) -> Edit | None:
    """``e`` (inside ``[start, end)`` of ``text``) as an edit of ``content``, the moved text,
    when its lines are carried there verbatim, once: its own line, or the lines it spans
    (a blank line removed after an entry's last line goes where that line went)."""
    if not (start <= e.start and e.end <= end):
        return None
    first = text.rfind("\n", 0, e.start) + 1
    last = text.find("\n", e.end)
    last = end if last == -1 else last
    if e.start < e.end and text[e.end - 1] == "\n":  # the line after a removed break too
        last += 1
    if first < start or last > end:
        return None
    lines = text[first:last]
    if not lines.strip() or lines.startswith("\n") or text.count(lines, start, end) != 1 or \
            content.count(lines) != 1:
        return None  # (an edit from an empty line: its "\n" would match any line's end)
    at = content.index(lines) - first
    return Edit(e.start + at, e.end + at, e.content)


def _apply_round(source: Source, doc: Document, planned: list[Diagnostic],
                 stages: list[Shift], result: FixResult) -> Document:
    """Apply the formatting-only fixes of ``planned``, then its content fixes, each verified;
    record the edits of each stage in ``stages``."""
    at_once = _both_stages(source, doc, planned)
    if at_once is not None:
        doc, report, shifts = at_once
        stages.extend(shifts)
        result.removed.extend(report.removed)
        result.rewritten.extend(report.rewritten)
        return doc
    for formatting_only in (True, False):
        group = [d for d in planned if d.fix.formatting is formatting_only]  # type: ignore[union-attr]
        if not group:
            continue
        before = doc.text
        kept, doc, report = _apply_verified(source, doc, group, formatting_only,
                                            result.skipped)
        if kept:
            stages.append(Shift(edits_of(kept), before))
            result.removed.extend(report.removed)
            result.rewritten.extend(report.rewritten)
            if formatting_only:  # the content fixes were found on the text before
                shift = stages[-1]
                planned = [shifted(d, shift) if not d.fix.formatting else d  # type: ignore[union-attr]
                           for d in planned]
    return doc


def _both_stages(source: Source, doc: Document, planned: list[Diagnostic],
                 ) -> tuple[Document, PassReport, list[Shift]] | None:
    """Both stages of :func:`_apply_round` with one parse, when both verify: the
    formatting-only edits must leave the rendered page as it was (markdown-it alone reads
    that text), and the whole pass must keep every entry and link. None when there is only
    one stage or when anything fails: the stages are then applied one by one, which names
    the rules at fault."""
    form = [d for d in planned if d.fix.formatting]  # type: ignore[union-attr]
    content = [d for d in planned if not d.fix.formatting]  # type: ignore[union-attr]
    if not form or not content:
        return None
    form_edits = edits_of(form)
    formatted = apply_sorted(doc.text, form_edits)
    if not renders_as(doc, formatted):
        return None
    first = Shift(form_edits, doc.text)
    content_edits = edits_of([shifted(d, first) for d in content])
    after = parse(_derived(source, apply_sorted(formatted, content_edits)), keep_tokens=True)
    try:
        report = verify_pass(doc, after, planned, formatting_only=False)
    except VerificationError:
        return None
    return after, report, [first, Shift(content_edits, formatted)]


def _found_again(doc: Document, config: Config, rules: list[Rule],
                 again_with: tuple[RunInputs, Memo],
                 pending: list[Diagnostic], stages: list[Shift],
                 ) -> tuple[list[Diagnostic], dict[int, Diagnostic]]:
    """The problems of ``pending`` (left out because their fix collided with another one),
    found again on the fixed ``doc`` by their rules, on the line where the fixes left them."""
    want: dict[tuple[str, int], Diagnostic] = {}
    for d in pending:
        moved = relocated(d, stages)
        if moved is not None:
            want.setdefault((d.code, doc.source.line_of(moved.start)), d)
    codes = {code for code, _ in want}
    again = run_rules(doc, config, [r for r in rules if r.code in codes], *again_with,
                      active=rules)
    todo: list[Diagnostic] = []
    origin: dict[int, Diagnostic] = {}
    for d in again:
        first = want.get((d.code, doc.source.line_of(d.start)))
        if first is not None and d.fix is not None and \
                d.fix.applicability is first.fix.applicability:  # type: ignore[union-attr]
            todo.append(d)
            origin[id(d)] = first
    return todo, origin


def _apply_verified(source: Source, before: Document, chosen: list[Diagnostic],
                    formatting_only: bool, skipped: list[Skipped],
                    ) -> tuple[list[Diagnostic], Document, PassReport]:
    """Apply ``chosen`` to ``before`` and verify; on failure, find the rules at fault, leave
    their fixes out (recorded in ``skipped``) and apply the rest."""
    try:
        return chosen, *_try(source, before, chosen, formatting_only)  # type: ignore[return-value]
    except VerificationError as whole:
        first_error = whole
    codes = sorted({d.code for d in chosen})
    bad: dict[str, str] = {}
    if len(codes) > 1:
        for code in codes:
            try:
                _try(source, before, [d for d in chosen if d.code == code], formatting_only)
            except VerificationError as exc:
                bad[code] = str(exc)
    if not bad:  # only together (or only one rule): leave them all out
        bad = {code: str(first_error) for code in codes}
    rest = [d for d in chosen if d.code not in bad]
    if rest:
        try:
            after, report = _try(source, before, rest, formatting_only)
        except VerificationError as exc:
            bad.update({d.code: str(exc) for d in rest})
            rest = []
    skipped.extend(Skipped(code, reason) for code, reason in sorted(bad.items()))
    if not rest:
        return [], before, PassReport()
    return rest, after, report


def _try(source: Source, before: Document, chosen: Sequence[Diagnostic],
         formatting_only: bool) -> tuple[Document, PassReport]:
    edits = edits_of(chosen)
    after = parse(_derived(source, apply_sorted(before.text, edits)), keep_tokens=True)
    return after, verify_pass(before, after, chosen, formatting_only=formatting_only)

def _derived(source: Source, text: str) -> Source:
    return Source(source.path, text, source.eols, source.bom)
