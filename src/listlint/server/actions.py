"""Code actions: each fix as a quick fix, "fix all safe problems", "disable this rule here".

Built from an :class:`~listlint.server.analysis.Analysis` and plain data; pygls only carries
the result to the client.
"""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types

from listlint.model import Applicability, Diagnostic
from listlint.server.analysis import Analysis
from listlint.server.positions import Positions

SOURCE = "listlint"
FIX_ALL_KIND = "source.fixAll.listlint"


def lsp_diagnostic(d: Diagnostic, pos: Positions, uri: str,
                   docs_url: Callable[[str], str | None]) -> types.Diagnostic:
    url = docs_url(d.code)
    return types.Diagnostic(
        range=pos.range(d.start, d.end),
        severity={3: types.DiagnosticSeverity.Error, 2: types.DiagnosticSeverity.Warning}.get(
            int(d.severity), types.DiagnosticSeverity.Information),
        code=d.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
        message=f"{d.message} ({d.rule})",
        related_information=[
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri, range=pos.range(r.start, r.end)),
                message=r.message)
            for r in d.related] or None,
        data={"start": d.start, "end": d.end},
    )


def _overlaps(d: Diagnostic, start: int, end: int) -> bool:
    return d.start <= end and start <= d.end


def code_actions(analysis: Analysis, pos: Positions, uri: str, start: int, end: int,
                 lsp_diags: Callable[[Diagnostic], types.Diagnostic],
                 fixed_text: Callable[[], str | None]) -> list[types.CodeAction]:
    """The actions for the range ``[start, end]`` of the buffer (offsets of its snapshot).

    ``fixed_text`` is called only when a "fix all" action is worth offering (it lints again)."""
    actions: list[types.CodeAction] = []
    here = [d for d in analysis.diagnostics if _overlaps(d, start, end)]
    for d in here:
        if d.fix is None:
            continue
        safe = d.fix.applicability is Applicability.SAFE
        what = d.fix.description or f"fix {d.rule}"
        actions.append(types.CodeAction(
            title=f"{what} ({d.code})" if safe else f"{what} ({d.code}, unsafe: review it)",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[lsp_diags(d)],
            is_preferred=safe,
            edit=types.WorkspaceEdit(changes={uri: [pos.text_edit(e) for e in d.fix.edits]}),
        ))
    seen: set[tuple[int, str]] = set()
    for d in here:
        line = analysis.source.line_of(d.start)
        if (line, d.code) in seen:
            continue
        seen.add((line, d.code))
        actions.append(disable_action(analysis, pos, uri, d, line, lsp_diags(d)))
    if any(d.fix and d.fix.applicability is Applicability.SAFE for d in analysis.diagnostics):
        new_text = fixed_text()
        if new_text is not None:
            actions.append(fix_all_action(analysis, pos, uri, new_text))
    return actions


def disable_action(analysis: Analysis, pos: Positions, uri: str, d: Diagnostic, line: int,
                   lsp_diag: types.Diagnostic) -> types.CodeAction:
    """Append listlint's own ``disable-line`` comment to the line (an inline HTML comment is
    invisible on GitHub, and unlike a comment line above it does not split a list in two)."""
    end = analysis.source.line_end(line)
    text = analysis.source.line_text(line)
    pad = "" if not text or text.endswith((" ", "\t")) else " "
    edit = types.TextEdit(range=pos.range(end, end),
                          new_text=f"{pad}<!-- listlint-disable-line {d.code} -->")
    return types.CodeAction(title=f"Disable {d.code} ({d.rule}) for this line",
                            kind=types.CodeActionKind.QuickFix, diagnostics=[lsp_diag],
                            edit=types.WorkspaceEdit(changes={uri: [edit]}))


def fix_all_action(analysis: Analysis, pos: Positions, uri: str,
                   new_text: str) -> types.CodeAction:
    """Replace the whole buffer by its verified, safely fixed version."""
    whole = types.Range(start=types.Position(line=0, character=0),
                        end=pos.position(len(analysis.source.text)))
    return types.CodeAction(title="Fix all safe listlint problems in this file",
                            kind=FIX_ALL_KIND,
                            edit=types.WorkspaceEdit(changes={uri: [
                                types.TextEdit(range=whole, new_text=new_text)]}))
