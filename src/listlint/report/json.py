"""JSON output: a flat list of diagnostic objects (a stable contract, see README)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from listlint.report import FileResult, ReportOptions, diagnostic_dict


def write(results: Sequence[FileResult], out: IO[str], options: ReportOptions) -> None:
    items = [diagnostic_dict(r.source, d) for r in results for d in r.diagnostics]
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")
