"""How responsive `listlint server` is on a large list, and whether its memory stays flat.

    python benchmarks/bench_server.py [--size-kb 400] [--edits 1000]

Starts `listlint server` as an editor would (LSP over stdio, pygls's client), opens a list of
about --size-kb KB made of the corpus lists (../shared/corpus; a generated list without it),
then types: each edit changes one entry's description and waits for the diagnostics of that
version. Prints the median and worst time from a change to its diagnostics (the debounce
included, set to 0 here) and the server's resident memory after 10 and after --edits edits.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def big_list(size: int) -> str:
    parts: list[str] = []
    files = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []
    files = [f for f in files if f.name != "README.md"]
    while sum(map(len, parts)) < size:
        if files:
            parts.append(files[len(parts) % len(files)].read_text(encoding="utf-8"))
        else:
            n = len(parts)
            parts.append("".join(f"- [Project {n}-{i}](https://example.com/{n}/{i}) - Does "
                                 f"thing {i}.\n" for i in range(500)))
    return "# Big list\n\n" + "".join(parts)[:size]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def main(size_kb: int, edits: int) -> None:
    text = big_list(size_kb * 1024)
    folder = Path(tempfile.mkdtemp())
    (folder / ".listlint.toml").write_text("[server]\ndebounce-ms = 0\n")
    uri = (folder / "README.md").as_uri()
    client = LanguageClient("bench", "1")
    published: dict[int, asyncio.Event] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diags(params: types.PublishDiagnosticsParams) -> None:
        if params.version in published:
            published[params.version].set()

    await client.start_io(sys.executable, "-m", "listlint", "server")
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=folder.as_uri()))
    client.initialized(types.InitializedParams())
    pid = client._server.pid  # type: ignore[union-attr]
    published[1] = asyncio.Event()
    t0 = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1,
                                             text=text)))
    await published[1].wait()
    first = time.perf_counter() - t0
    lines = text.split("\n")
    target = next(i for i, line in enumerate(lines) if line.startswith(("- [", "* [")))
    times: list[float] = []
    rss_10 = 0
    for version in range(2, edits + 2):
        lines[target] = lines[target].rstrip(".") + ("." if version % 2 else "")
        published[version] = asyncio.Event()
        t0 = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(
                text="\n".join(lines))]))
        await published[version].wait()
        times.append(time.perf_counter() - t0)
        del published[version]
        if version == 11:
            rss_10 = rss_kb(pid)
    rss_end = rss_kb(pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    print(f"list: {len(text) / 1024:.0f} KB, {edits} edits")
    print(f"open -> diagnostics: {first:.3f} s")
    print(f"change -> diagnostics: median {statistics.median(times):.3f} s, "
          f"worst {max(times):.3f} s")
    print(f"server memory: {rss_10 / 1024:.0f} MB after 10 edits, "
          f"{rss_end / 1024:.0f} MB after {edits}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-kb", type=int, default=400)
    ap.add_argument("--edits", type=int, default=1000)
    args = ap.parse_args()
    asyncio.run(main(args.size_kb, args.edits))
