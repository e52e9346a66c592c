"""Shared helpers of the validate tests: a minimal valid TEI document and an isolated cache."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "validate"
REPO = Path(__file__).resolve().parents[1]
SCHEMA_DIR = REPO / "tei" / "schema"

HEADER = """<teiHeader>
    <fileDesc>
      <titleStmt><title>{title}</title></titleStmt>
      <publicationStmt><p>Test fixture of teipress.</p></publicationStmt>
      <sourceDesc>{source}</sourceDesc>
    </fileDesc>
  </teiHeader>"""

DATED_SOURCE = '<bibl>A letter, <date when="1900-01-02">2 January 1900</date>.</bibl>'


def tei(
    body: str, *, title: str = "A test letter", source: str = DATED_SOURCE, ident: str = "doc"
) -> str:
    """A small TEI document, valid against teipress's schema and rules unless `body` breaks it."""
    header = HEADER.format(title=title, source=source)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" '
        f'xml:id="{ident}">\n  {header}\n  <text>\n    <body>\n{body}\n'
        "    </body>\n  </text>\n</TEI>\n"
    )


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder, so tests never read or write the user's cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TEIPRESS_CACHE_DIR", str(folder))
    monkeypatch.delenv("TEIPRESS_NO_CACHE", raising=False)
    monkeypatch.delenv("XML_CATALOG_FILES", raising=False)
    return folder
