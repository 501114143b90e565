"""Generate the per-rule documentation pages and README's rules table from the registry.

    python -m listlint.docs            # write docs/rules/*.md and the README table
    python -m listlint.docs --check    # exit 1 if they are out of date (used by the tests)

Each rule's docstring is its page, so the docs cannot drift from the code.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from listlint.registry import Rule, all_rules

ROOT = Path(__file__).resolve().parents[2]
TABLE = re.compile(r"(<!-- rules-table:[^\n]*-->\n)(.*?)(<!-- /rules-table -->)", re.S)


def rule_text(r: Rule) -> str:
    """What ``listlint rule CODE`` prints (and the language server shows on hover)."""
    lines = [f"{r.code} {r.name} ({r.family}, default severity {r.severity}"
             f"{', fixable' if r.fixable else ''}{', online' if r.online else ''})", "",
             r.summary, ""]
    if r.doc:
        lines.append(r.doc)
    if r.options:
        lines += ["", "## Options", ""]
        lines += [f"- `{k}` (default: {v!r})" for k, v in r.options]
    lines += ["", f"Docs: {r.docs_url}"]
    return "\n".join(lines)


def rule_page(r: Rule) -> str:
    lines = [f"# {r.code} `{r.name}`", "",
             f"{r.summary}", "",
             "| family | default severity | fix | needs network | on by default |",
             "|---|---|---|---|---|",
             f"| {r.family} | {r.severity} | {'yes' if r.fixable else 'no'} | "
             f"{'yes' if r.online else 'no'} | {'yes' if r.default else 'no'} |", ""]
    if r.doc:
        lines += [r.doc, ""]
    if r.options:
        lines += ["## Options", "", "```toml", f"[tool.listlint.rules.{r.name}]"]
        for key, value in r.options:
            lines.append(f"{key} = {_toml(value)}")
        lines += ["```", ""]
    lines += ["Disable it inline with `<!-- listlint-disable-next-line "
              f"{r.code} -->`, or in config with `ignore = [\"{r.code}\"]`.", ""]
    return "\n".join(lines)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


def rules_table() -> str:
    rows = ["| code | name | severity | fix | what it checks |", "|---|---|---|---|---|"]
    for r in all_rules():
        flags = ("yes" if r.fixable else "") + (" (online)" if r.online else "") + \
            ("" if r.default else " (opt-in)")
        summary = r.summary.replace("|", "\\|")
        rows.append(f"| [{r.code}](docs/rules/{r.code}.md) | `{r.name}` | {r.severity} | "
                    f"{flags.strip()} | {summary} |")
    return "\n".join(rows) + "\n"


def expected_files() -> dict[Path, str]:
    files = {ROOT / "docs" / "rules" / f"{r.code}.md": rule_page(r) for r in all_rules()}
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    files[readme] = TABLE.sub(lambda m: m.group(1) + rules_table() + m.group(3), text)
    return files


def main(argv: list[str]) -> int:
    stale = []
    for path, content in expected_files().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != content:
            stale.append(path)
            if "--check" not in argv:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
    if "--check" in argv and stale:
        print("out of date: " + ", ".join(str(p.relative_to(ROOT)) for p in stale) +
              " (run `python -m listlint.docs`)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
