"""JSON output: a flat list of diagnostic objects (a stable contract, see README)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from listlint.report import FileResult, ReportOptions, diagnostic_dict
from listlint.report.escape import json_text


def write(results: Sequence[FileResult], out: IO[str], options: ReportOptions) -> None:
    """What ``json.dump`` of the whole list with ``indent=2`` writes, one diagnostic at a
    time: a huge list's report is never held in memory at once."""
    first = True
    for r in results:
        for d in r.diagnostics:
            item = json_text(json.dumps(diagnostic_dict(r.source, d), ensure_ascii=False,
                                        indent=2))
            out.write(("[\n  " if first else ",\n  ") + item.replace("\n", "\n  "))
            first = False
    out.write("[]\n" if first else "\n]\n")
