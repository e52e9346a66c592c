"""Shared helpers of the importer tests: fixture registers, running an import, reading words."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from lxml import etree

from teipress.importer import Imported, import_text, load_registers

DATA = Path(__file__).resolve().parent / "data" / "import"
REGISTERS = DATA / "registers"
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI}
WORD = re.compile(r"\w+")
EDITORIAL = {f"{{{TEI}}}corr", f"{{{TEI}}}expan", f"{{{TEI}}}reg"}


def write_source(tmp_path: Path, text: str, name: str = "source.txt") -> Path:
    """A source file in tmp_path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path, **options: object) -> tuple[etree._Element, Imported]:
    """Import with the fixture registers; the parsed TEI root and the import (for its report)."""
    imported = import_text(path, registers=load_registers(REGISTERS), **options)  # type: ignore[arg-type]
    buf = io.BytesIO()
    imported.write(buf)
    return etree.fromstring(buf.getvalue()), imported


def import_string(tmp_path: Path, text: str, **options: object) -> etree._Element:
    """Import a text given as a string; the TEI root."""
    return run(write_source(tmp_path, text), **options)[0]


def words(el: etree._Element, skip_notes: bool = False) -> list[str]:
    """Words of an element in reading order; every element boundary is a word boundary."""
    out: list[str] = []

    def visit(node: etree._Element, top: bool) -> None:
        skipped = skip_notes and node.tag == f"{{{TEI}}}note" and not top
        if isinstance(node.tag, str) and node.tag not in EDITORIAL and not skipped:
            out.extend(WORD.findall(node.text or ""))
            for child in node:
                visit(child, False)
        if not top:
            out.extend(WORD.findall(node.tail or ""))

    visit(el, True)
    return out


def text_words(el: etree._Element, skip_notes: bool = False) -> list[str]:
    """Words of the text content as a reader sees it: inline elements do not split words
    ("F<idno>77</idno>" reads "F77"), notes and line or page breaks do."""
    pieces: list[str] = []
    breaks = {f"{{{TEI}}}{name}" for name in ("note", "lb", "pb", "p", "head", "item", "label")}

    def visit(node: etree._Element, top: bool) -> None:
        is_break = node.tag in breaks
        skipped = skip_notes and node.tag == f"{{{TEI}}}note" and not top
        if is_break:
            pieces.append(" ")
        if isinstance(node.tag, str) and node.tag not in EDITORIAL and not skipped:
            pieces.append(node.text or "")
            for child in node:
                visit(child, False)
        if is_break:
            pieces.append(" ")
        if not top:
            pieces.append(node.tail or "")

    visit(el, True)
    return WORD.findall("".join(pieces))


def project(tmp_path: Path) -> Path:
    """An edition folder with teipress.toml and the fixture registers."""
    root = tmp_path / "edition"
    (root / "tei").mkdir(parents=True)
    shutil.copytree(REGISTERS, root / "tei" / "registers")
    (root / "teipress.toml").write_text('[edition]\ntitle = "Test"\n', encoding="utf-8")
    return root


def find(root: etree._Element, xpath: str) -> list:
    """XPath with the tei prefix."""
    return root.xpath(xpath, namespaces=NS)
