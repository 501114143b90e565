"""SARIF 2.1.0 for GitHub code scanning: rule metadata, help URIs, results with regions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO
from urllib.parse import quote

from listlint import PROJECT_URL, __version__
from listlint.model import Severity
from listlint.registry import all_rules
from listlint.report import FileResult, ReportOptions
from listlint.report.escape import json_text, printable

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"


def artifact_location(path: str, root: Path) -> dict[str, str]:
    """Where a file is, for SARIF: relative to ``root`` (the current folder, named by
    ``uriBaseId``) when it is below it, else an absolute ``file:`` URI."""
    if path.startswith("<"):  # <stdin>
        return {"uri": path}
    p = Path(path)
    absolute = (p if p.is_absolute() else root / p).resolve()
    try:
        rel = absolute.relative_to(root)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(rel.as_posix()), "uriBaseId": SRCROOT}


def write(results: Sequence[FileResult], out: IO[str], options: ReportOptions) -> None:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    sarif_rules = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.summary},
            "helpUri": r.docs_url,
            "help": {"text": r.summary, "markdown": r.doc or r.summary},
            "defaultConfiguration": {"level": _LEVEL[r.severity]},
            "properties": {"tags": [r.family], "fixable": r.fixable},
        }
        for r in rules
    ]
    sarif_results = []
    root = Path.cwd().resolve()
    for res in results:
        src = res.source
        where = artifact_location(src.path, root)
        for d in res.diagnostics:
            line, col = src.position(d.start)
            end_line, end_col = src.position(d.end)
            item = {
                "ruleId": d.code,
                "ruleIndex": index.get(d.code, 0),
                "level": _LEVEL[d.severity],
                "message": {"text": printable(d.message)},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": where,
                        "region": {"startLine": line, "startColumn": col,
                                   "endLine": end_line, "endColumn": max(end_col, col)},
                    }
                }],
            }
            if d.related:
                item["relatedLocations"] = [
                    {"id": i, "message": {"text": printable(rel.message)},
                     "physicalLocation": {
                         "artifactLocation": where,
                         "region": {"startLine": src.position(rel.start)[0],
                                    "startColumn": src.position(rel.start)[1]}}}
                    for i, rel in enumerate(d.related)
                ]
            sarif_results.append(item)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "listlint", "version": __version__,
                                "informationUri": PROJECT_URL, "rules": sarif_rules}},
            "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
            # Columns count characters of the decoded text (Python str indexes), not UTF-16
            # code units: said explicitly, as SARIF consumers otherwise guess.
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }
    out.write(json_text(json.dumps(doc, ensure_ascii=False, indent=2)))
    out.write("\n")
