"""``listlint server``: the Language Server Protocol over stdio, built on pygls.

The editor sends the text of each open Markdown file; the server lints it with the same
pipeline as ``listlint check`` (same config search, same rules) and publishes diagnostics, offers
each fix as a code action, and explains a rule on hover. Install with ``pip install
'listlint[server]'``; the default install does not need pygls.

Modules: :mod:`.analysis` lints one text (no protocol), :mod:`.positions` turns offsets into
LSP positions, :mod:`.actions` builds code actions, :mod:`.protocol` wires them to pygls.
"""

from __future__ import annotations

MISSING_EXTRA = ("the language server needs pygls: pip install 'listlint[server]'")


def main() -> None:
    """Serve LSP over stdio until the client says exit."""
    from listlint.server.protocol import build_server

    build_server().start_io()
