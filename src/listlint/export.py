"""``listlint entries``: the extracted entries as JSON or CSV."""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from listlint.document import Document
from listlint.model import Entry, Span
from listlint.report.escape import json_text
from listlint.source import Source

CSV_FIELDS = ["path", "line", "end_line", "section", "title", "url", "description", "checked",
              "markers", "separator", "depth", "kind", "layout", "venue"]


def span_dict(source: Source, span: Span | None) -> dict[str, int] | None:
    if span is None:
        return None
    line, col = source.position(span.start)
    end_line, end_col = source.position(span.end)
    return {"line": line, "column": col, "end_line": end_line, "end_column": end_col,
            "start_byte": source.byte_offset(span.start), "end_byte": source.byte_offset(span.end)}


def entry_dict(doc: Document, e: Entry, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    src = doc.source
    line, col = src.position(e.span.start)
    out: dict[str, Any] = {
        "path": src.path,
        "line": e.line,
        "column": col,
        "end_line": e.end_line,
        "section": list(e.section_path),
        "title": e.title,
        "url": e.url,
        "description": e.description,
        "checked": e.checked,
        "markers": list(e.markers),
        "separator": e.separator,
        "kind": e.kind,
        "layout": e.layout,
        "list_marker": e.list_marker,
        "emphasis": e.emphasis,
        "depth": e.depth,
        "parent": e.parent,
        "index": e.index,
        "link_kind": e.link_kind,
        "other_links": [{"text": link.text, "url": link.url, "kind": link.kind}
                        for link in e.other_links],
        "spans": {
            "entry": span_dict(src, e.span),
            "link": span_dict(src, e.link_span),
            "title": span_dict(src, e.title_span),
            "url": span_dict(src, e.url_span),
            "separator": span_dict(src, e.separator_span),
            "description": span_dict(src, e.description_span),
            "checkbox": span_dict(src, e.checkbox_span),
        },
    }
    if extra:
        out.update(extra)
    if "venue" not in out:
        from listlint.rules.venues.entries import entry_venue
        from listlint.venue.mention import venue_json

        out["venue"] = venue_json(entry_venue(doc, e))
    return out


def write_entries(doc: Document, fmt: str, out: IO[str]) -> None:
    from listlint.rules.venues.entries import document_venues
    from listlint.venue.mention import venue_json

    venues = document_venues(doc)
    rows = [entry_dict(doc, e, {"venue": venue_json(venues[e.index].best)}) for e in doc.entries]
    if fmt == "json":
        out.write(json_text(json.dumps(rows, ensure_ascii=False, indent=2)))
        out.write("\n")
        return
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        row = dict(row)
        row["section"] = " > ".join(row["section"])
        row["markers"] = " ".join(row["markers"])
        row["checked"] = "" if row["checked"] is None else str(row["checked"]).lower()
        v = row["venue"]
        row["venue"] = "" if v is None else v["name"] + (f"'{v['year'] % 100:02d}" if v["year"] else "")
        writer.writerow(row)
