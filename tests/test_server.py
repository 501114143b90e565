"""`listlint server` driven by a real LSP client (pytest-lsp) over stdio: a real process, the
real protocol, no mocks."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

LIST = """\
# Awesome Things

A curated list of things.

## Tools

- [Alpha](https://example.com/alpha) - A tool that does teh work.
- [Beta](https://example.com/beta) - Another tool.
- [Alpha again](https://example.com/alpha/) - The same page, spelled with a slash.
"""


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, "-m", "listlint", "server"],
    server_env={"LISTLINT_NO_NETWORK": "1"}))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    (tmp_path / ".listlint.toml").write_text("[server]\ndebounce-ms = 50\n")
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=tmp_path.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="list")])
    await lsp_client.initialize_session(params)
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, name: str, text: str) -> str:
    uri = (client.root / name).as_uri()  # type: ignore[attr-defined]
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1,
                                             text=text)))
    await _diagnostics_for(client, uri, 1)
    return uri


async def _diagnostics_for(client: LanguageClient, uri: str, version: int) -> list:
    """Wait until the server published diagnostics of ``uri`` at ``version``."""
    for _ in range(50):
        params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri and params.version == version:
            return list(params.diagnostics)
    raise AssertionError(f"no diagnostics for version {version}")


def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions; ASCII fixtures) the way an editor does."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(p: types.Position) -> int:
        return min(starts[min(p.line, len(lines))] + p.character, len(text))

    for e in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[:offset(e.range.start)] + e.new_text + text[offset(e.range.end):]
    return text


def _by_code(diags: list, code: str) -> types.Diagnostic:
    found = [d for d in diags if d.code == code]
    assert found, f"no {code} in {[d.code for d in diags]}"
    return found[0]


@pytest.mark.asyncio
async def test_open_publishes_duplicate_and_typo_with_docs_and_related(client: LanguageClient):
    uri = await _open(client, "README.md", LIST)
    diags = client.diagnostics[uri]
    dup, typo = _by_code(diags, "LL101"), _by_code(diags, "LL201")
    assert dup.range.start == types.Position(line=8, character=2)
    assert dup.severity == types.DiagnosticSeverity.Error
    assert dup.code_description.href.endswith("/LL101.md")
    assert dup.related_information[0].location.range.start.line == 6  # the first copy
    assert typo.range == types.Range(start=types.Position(line=6, character=56),
                                     end=types.Position(line=6, character=59))
    assert typo.severity == types.DiagnosticSeverity.Warning


@pytest.mark.asyncio
async def test_quick_fix_applied_then_change_clears_the_diagnostic(client: LanguageClient):
    uri = await _open(client, "README.md", LIST)
    typo = _by_code(client.diagnostics[uri], "LL201")
    result = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=typo.range,
        context=types.CodeActionContext(diagnostics=[typo])))
    preferred = [a for a in result if a.is_preferred]
    assert len(preferred) == 1 and "LL201" in preferred[0].title
    new_text = _apply(LIST, preferred[0].edit.changes[uri])
    assert "does the work" in new_text
    _change(client, uri, 2, new_text)
    diags = await _diagnostics_for(client, uri, 2)
    assert [d.code for d in diags] == ["LL101"]


@pytest.mark.asyncio
async def test_disable_for_this_line_and_fix_all(client: LanguageClient):
    uri = await _open(client, "README.md", LIST)
    dup = _by_code(client.diagnostics[uri], "LL101")
    result = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=dup.range,
        context=types.CodeActionContext(diagnostics=[dup])))
    titles = [a.title for a in result]
    disable = next(a for a in result if a.title.startswith("Disable LL101"))
    fix_all = next(a for a in result if a.kind == "source.fixAll.listlint")
    assert not any(a.is_preferred for a in result if "LL101" in a.title), titles
    silenced = _apply(LIST, disable.edit.changes[uri])
    assert "<!-- listlint-disable-line LL101 -->" in silenced.splitlines()[8]
    _change(client, uri, 2, silenced)
    assert [d.code for d in await _diagnostics_for(client, uri, 2)] == ["LL201"]
    fixed = _apply(LIST, fix_all.edit.changes[uri])
    assert "does the work" in fixed and fixed.count("example.com/alpha") == 2


@pytest.mark.asyncio
async def test_hover_explains_the_rule(client: LanguageClient):
    uri = await _open(client, "README.md", LIST)
    dup = _by_code(client.diagnostics[uri], "LL101")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=dup.range.start))
    assert hover is not None
    assert hover.contents.value.startswith("LL101 duplicate-link")
    assert "/LL101.md" in hover.contents.value
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=0, character=0)))
    assert nothing is None


@pytest.mark.asyncio
async def test_latest_version_wins(client: LanguageClient):
    uri = await _open(client, "README.md", LIST)
    for version in range(2, 12):  # typing fast: each change supersedes the last
        text = LIST if version % 2 else LIST.replace("teh", "the")
        _change(client, uri, version, text)
    diags = await _diagnostics_for(client, uri, 11)
    assert sorted(d.code for d in diags) == ["LL101", "LL201"]  # version 11 still has "teh"
    # no result of an older version arrives after the newest one
    _change(client, uri, 12, LIST.replace("teh", "the"))
    assert [d.code for d in await _diagnostics_for(client, uri, 12)] == ["LL101"]


@pytest.mark.asyncio
async def test_broken_config_is_one_diagnostic_not_a_crash(client: LanguageClient):
    root: Path = client.root  # type: ignore[attr-defined]
    sub = root / "broken"
    sub.mkdir()
    (sub / ".listlint.toml").write_text('select = ["LL9999"]\n')
    uri = (sub / "README.md").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1,
                                             text=LIST)))
    diags = await _diagnostics_for(client, uri, 1)
    assert len(diags) == 1 and diags[0].code == "config"
    assert "LL9999" in diags[0].message
    assert any("LL9999" in m.message for m in client.messages)
    # the server is still alive and well for other files
    ok = await _open(client, "README.md", LIST)
    assert _by_code(client.diagnostics[ok], "LL101")


_ONLINE_CACHE = Path(tempfile.mkdtemp(prefix="listlint-server-cache-"))


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, "-m", "listlint", "server"],
    server_env={"XDG_CACHE_HOME": str(_ONLINE_CACHE)}))
async def online_client(lsp_client: LanguageClient, tmp_path: Path):
    (tmp_path / ".listlint.toml").write_text("[server]\nonline = true\ndebounce-ms = 0\n")
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim"), root_uri=tmp_path.as_uri()))
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_links_are_checked_only_on_save_when_the_config_allows(
        online_client: LanguageClient):
    from tests.links_server import LinkServer

    with LinkServer("127.0.0.1") as host:
        text = f"# Tools\n\n- [Gone]({host.url('/dead')}) - Removed.\n"
        uri = await _open(online_client, "README.md", text)
        _change(online_client, uri, 2, text + "\n")
        assert "LL401" not in [d.code for d in await _diagnostics_for(online_client, uri, 2)]
        assert host.requests("/dead") == 0  # typing never touches the network
        online_client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        diags = await _diagnostics_for(online_client, uri, 2)
        assert "LL401" in [d.code for d in diags]
        assert host.requests("/dead") >= 1


@pytest.mark.asyncio
async def test_no_network_on_save_without_the_config(client: LanguageClient):
    from tests.links_server import LinkServer

    with LinkServer("127.0.0.1") as host:
        uri = await _open(client, "README.md", f"# Tools\n\n- [Gone]({host.url('/dead')}) - Removed.\n")
        client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        assert "LL401" not in [d.code for d in await _diagnostics_for(client, uri, 1)]
        assert host.requests("/dead") == 0
