"""data/citations.json, data/citations.csv and data/bibliography.json (CSL-JSON).

Deterministic: sources and citations in index order, keys in a fixed order, no
timestamps, "\n" line ends.
"""

from __future__ import annotations

import csv
import io
import json

from ..citations import CitationIndex
from ..model import Source
from ..registers import Registers

CSV_FIELDS = [
    "source", "kind", "label", "archive", "location", "work", "edition_document",
    "document", "note", "n", "cited_range", "text",
]  # fmt: skip


def source_record(source: Source) -> dict[str, object]:
    """One source as issue 4 specifies: id, kind, label, archive+location or work, …"""
    record: dict[str, object] = {"id": source.id, "kind": source.kind, "label": source.label}
    if source.kind == "archival":
        record["archive"] = source.archive
        record["location"] = [{"type": p.type, "value": p.value} for p in source.location]
    else:
        record["work"] = source.work
    if source.edition_document:
        record["edition_document"] = source.edition_document
    record["citations"] = [
        {
            "document": c.document,
            "note": c.note,
            "n": c.n,
            "cited_range": c.cited_range,
            "text": c.text,
        }
        for c in source.citations
    ]
    return record


def _dumps(items: list[dict[str, object]]) -> str:
    """A JSON array with one item per line: still diffable line by line, and written by
    json's C encoder (`indent=` falls back to the pure-Python one: seconds on a large
    edition)."""
    if not items:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n]\n"


def citations_json(index: CitationIndex) -> str:
    """The citation index as a JSON list of sources."""
    return _dumps([source_record(s) for s in index.sources])


def citations_csv(index: CitationIndex) -> str:
    """One row per citation, with its source's fields repeated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for s in index.sources:
        location = "; ".join(f"{p.type} {p.value}" for p in s.location)
        for c in s.citations:
            writer.writerow(
                [s.id, s.kind, s.label, s.archive, location, s.work, s.edition_document,
                 c.document, c.note, c.n, c.cited_range, c.text]
            )  # fmt: skip
    return buffer.getvalue()


def bibliography_json(registers: Registers) -> str:
    """Every work of the edition's bibliographies as CSL-JSON items (Zotero imports these)."""
    items = []
    for entry in registers.entries():
        if entry.kind == "work":
            items.append({"id": entry.id, **dict(entry.csl)})
    return _dumps(items)
