"""listlint: keep curated Markdown lists (awesome lists, paper lists) healthy."""

from __future__ import annotations

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/listlint/listlint"
DOCS_URL = f"{PROJECT_URL}/blob/v{__version__}/docs/rules"
