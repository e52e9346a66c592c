"""data/citations.json, data/citations.csv and data/bibliography.json (CSL-JSON).

Deterministic: sources and citations in index order, keys in a fixed order, no
timestamps, "\n" line ends.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

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


def _json_lines(items: Iterable[dict[str, object]]) -> Iterator[bytes]:
    """A JSON array with one item per line, each line without its line end: still
    diffable line by line, written by json's C encoder (`indent=` falls back to the
    pure-Python one: seconds on a large edition), and never held whole."""
    lines = (json.dumps(item, ensure_ascii=False).encode("utf-8") for item in items)
    previous = next(lines, None)
    if previous is None:
        yield b"[]"
        return
    yield b"["
    for line in lines:
        yield previous + b","
        previous = line
    yield previous
    yield b"]"


def citations_json_lines(index: CitationIndex) -> Iterator[bytes]:
    """data/citations.json as lines (SiteWriter.write_lines): a JSON list of sources."""
    return _json_lines(source_record(s) for s in index.sources)


def _joined(lines: Iterable[bytes]) -> str:
    return "".join(f"{line.decode('utf-8')}\n" for line in lines)


def _dumps(items: Iterable[dict[str, object]]) -> str:
    """A JSON array with one item per line, as text."""
    return _joined(_json_lines(items))


def citations_json(index: CitationIndex) -> str:
    """The citation index as a JSON list of sources."""
    return _joined(citations_json_lines(index))


def citations_csv_lines(index: CitationIndex) -> Iterator[bytes]:
    """data/citations.csv as lines (SiteWriter.write_lines): one row per citation, with
    its source's fields repeated. A field holding a line end stays quoted inside its row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def row(values: list[str]) -> bytes:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()[:-1].encode("utf-8")

    yield row(CSV_FIELDS)
    for s in index.sources:
        location = "; ".join(f"{p.type} {p.value}" for p in s.location)
        for c in s.citations:
            yield row(
                [s.id, s.kind, s.label, s.archive, location, s.work, s.edition_document,
                 c.document, c.note, c.n, c.cited_range, c.text]
            )  # fmt: skip


def citations_csv(index: CitationIndex) -> str:
    """One row per citation, with its source's fields repeated."""
    return _joined(citations_csv_lines(index))


def bibliography_json(registers: Registers) -> str:
    """Every work of the edition's bibliographies as CSL-JSON items (Zotero imports these)."""
    items = []
    for entry in registers.entries():
        if entry.kind == "work":
            items.append({"id": entry.id, **dict(entry.csl)})
    return _dumps(items)
