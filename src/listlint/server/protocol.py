"""The pygls language server: documents in, diagnostics, code actions and hovers out.

Linting runs in a worker thread, debounced per document: each change cancels the pending run
of that document, and a result is published only if the document is still at the version that
was linted (the latest version wins; stale results are dropped).
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer
    from pygls.uris import to_fs_path
except ImportError as exc:  # pragma: no cover - the message is what the user needs
    from listlint.server import MISSING_EXTRA

    raise ImportError(MISSING_EXTRA) from exc

from listlint import __version__
from listlint.model import Diagnostic
from listlint.server import actions
from listlint.server.analysis import Analysis, analyse, fix_all, link_verdicts, server_settings
from listlint.server.positions import Positions

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")


@dataclass(slots=True)
class Linted:
    """The newest published analysis of a document, and the version it belongs to."""

    version: int | None
    analysis: Analysis
    positions: Positions


def _docs_url(code: str) -> str | None:
    from listlint.registry import get

    rule = get(code)
    return rule.docs_url if rule else None


class ListlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("listlint", __version__)
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}

    # -- linting ------------------------------------------------------------------------
    def path_of(self, uri: str) -> Path:
        path = to_fs_path(uri)
        if path:
            return Path(path)
        root = self.workspace.root_path
        return Path(root or os.getcwd()) / "untitled.md"

    def schedule(self, uri: str, *, delay: float, online: bool = False) -> None:
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        task = asyncio.get_running_loop().create_task(self._lint(uri, delay, online))
        self.pending[uri] = task
        task.add_done_callback(lambda t: self.pending.pop(uri, None) if
                               self.pending.get(uri) is t else None)

    async def _lint(self, uri: str, delay: float, online: bool) -> None:
        if delay:
            await asyncio.sleep(delay)
        doc = self.workspace.get_text_document(uri)
        version, text, path = doc.version, doc.source, self.path_of(uri)
        loop = asyncio.get_running_loop()
        analysis, warning = await loop.run_in_executor(None, _analyse, text, path, online)
        if warning:
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Warning,
                                                           message=warning))
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return  # edited (or closed) meanwhile: a newer run publishes
        self.publish(uri, version, analysis)

    def publish(self, uri: str, version: int | None, analysis: Analysis) -> None:
        pos = Positions(analysis.source, self.workspace.position_encoding or
                        types.PositionEncodingKind.Utf16)
        self.linted[uri] = Linted(version, analysis, pos)
        if analysis.error:
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=f"listlint: {analysis.error}"))
            diags = [types.Diagnostic(range=pos.range(0, 0), message=analysis.error,
                                      severity=types.DiagnosticSeverity.Error,
                                      source=actions.SOURCE, code="config")]
        else:
            diags = [self.lsp_diagnostic(uri, d) for d in analysis.diagnostics]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diags))

    def lsp_diagnostic(self, uri: str, d: Diagnostic) -> types.Diagnostic:
        return actions.lsp_diagnostic(d, self.linted[uri].positions, uri, _docs_url)

    def settings_for(self, uri: str) -> dict[str, Any]:
        linted = self.linted.get(uri)
        return server_settings(linted.analysis.config if linted else None)


def _analyse(text: str, path: Path, online: bool) -> tuple[Analysis, str | None]:
    """Lint in a worker thread; with ``online`` (on save, if the config allows it) check the
    links too. Returns the analysis and a warning for the log, if any."""
    analysis = analyse(text, path)
    if not (online and analysis.config is not None
            and server_settings(analysis.config)["online"]):
        return analysis, None
    try:
        verdicts = link_verdicts(analysis.source, analysis.config)
    except Exception as exc:  # noqa: BLE001 - the network must never crash the server
        return analysis, f"listlint: links not checked: {exc}"
    return analyse(text, path, link_verdicts=verdicts), None


def _wanted(uri: str) -> bool:
    return uri.lower().endswith(MARKDOWN_SUFFIXES) or not uri.startswith("file:")


def build_server() -> ListlintServer:
    """A server with every feature registered (started by :func:`listlint.server.main`)."""
    server = ListlintServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ListlintServer, params: types.DidOpenTextDocumentParams) -> None:
        if _wanted(params.text_document.uri):
            ls.schedule(params.text_document.uri, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ListlintServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _wanted(uri):
            ls.schedule(uri, delay=ls.settings_for(uri)["debounce-ms"] / 1000)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ListlintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _wanted(uri):
            ls.schedule(uri, delay=0, online=bool(ls.settings_for(uri)["online"]))

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ListlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.linted.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ListlintServer, params: types.HoverParams) -> types.Hover | None:
        linted = ls.linted.get(params.text_document.uri)
        if linted is None:
            return None
        from listlint.docs import rule_text
        from listlint.registry import get

        offset = linted.positions.offset(params.position)
        found = linted.analysis.at(offset)
        rules = [r for r in dict.fromkeys(get(d.code) for d in found) if r is not None]
        if not rules:
            return None
        text = "\n\n---\n\n".join(rule_text(r) for r in rules)
        first = found[0]
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                        value=text),
                           range=linted.positions.range(first.start, first.end))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND]))
    def code_action(ls: ListlintServer,
                    params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        linted = ls.linted.get(uri)
        if linted is None:
            return None
        doc = ls.workspace.text_documents.get(uri)
        if doc is None or doc.version != linted.version:
            return None  # the text moved on since the last lint: offsets would be wrong
        pos = linted.positions
        start, end = pos.offset(params.range.start), pos.offset(params.range.end)
        return actions.code_actions(linted.analysis, pos, uri, start, end,
                                    lambda d: ls.lsp_diagnostic(uri, d),
                                    lambda: fix_all(linted.analysis))

    return server
