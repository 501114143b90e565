"""listlint: keep curated Markdown lists (awesome lists, paper lists) healthy."""

from __future__ import annotations

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/listlint/listlint"
DOCS_URL = f"{PROJECT_URL}/blob/v{__version__}/docs/rules"


def data_text(name: str) -> str:
    """The text of ``listlint/data/<name>``, a file shipped with the package.

    Read straight from the package folder: ``importlib.resources`` would cost an import of
    zipfile, tempfile and friends (~5 ms) on every run for the same result."""
    from pathlib import Path

    return (Path(__file__).parent / "data" / name).read_text(encoding="utf-8")
