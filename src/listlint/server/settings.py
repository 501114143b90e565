"""The ``[tool.listlint.server]`` table: what the language server may do beyond ``check``.

Kept free of pygls so that ``listlint check`` can validate a config that has this table.

```toml
[tool.listlint.server]
online = false      # true: on save, also check links (from the link cache first)
debounce-ms = 300   # wait this long after the last keystroke before linting
```
"""

from __future__ import annotations

from typing import Any

from listlint.config import register_family_table

SERVER_DEFAULTS: dict[str, Any] = {"online": False, "debounce-ms": 300}


def _validate(table: dict[str, Any], fail: Any) -> None:
    if not isinstance(table.get("online"), bool):
        raise fail("online", "must be true or false")
    ms = table.get("debounce-ms")
    if isinstance(ms, bool) or not isinstance(ms, int) or not 0 <= ms <= 10_000:
        raise fail("debounce-ms", "must be a whole number of milliseconds from 0 to 10000")


register_family_table("server", SERVER_DEFAULTS, _validate)
