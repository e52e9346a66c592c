"""Serialising a draft TEI document: header built whole, text streamed element by element."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from lxml import etree

from ..reader import TEI_NS
from .inline import XML_ID, XML_LANG, Span, comment, fill, tei

_XMLNS = f' xmlns="{TEI_NS}"'


@dataclass
class HeaderInfo:
    """What the header says: gathered by the structure modules, all optional but the title."""

    title: list = field(default_factory=list)
    author: list | None = None
    source_note: str = ""
    bibl: list | None = None
    manuscripts: list[etree._Element] = field(default_factory=list)
    abstract: list[list] = field(default_factory=list)
    languages: list[tuple[str, str]] = field(default_factory=list)
    date: etree._Element | None = None


def header(info: HeaderInfo) -> etree._Element:
    """A minimal valid teiHeader marked as an unreviewed draft."""
    head = tei("teiHeader")
    file_desc = etree.SubElement(head, tei("fileDesc").tag)
    title_stmt = etree.SubElement(file_desc, tei("titleStmt").tag)
    fill(etree.SubElement(title_stmt, tei("title").tag), info.title or ["Untitled"])
    if info.author:
        fill(etree.SubElement(title_stmt, tei("author").tag), info.author)
    pub = etree.SubElement(file_desc, tei("publicationStmt").tag)
    etree.SubElement(
        pub, tei("p").tag
    ).text = "Draft produced by teipress import; not yet reviewed by an editor."
    source = etree.SubElement(file_desc, tei("sourceDesc").tag)
    if info.bibl:
        fill(etree.SubElement(source, tei("bibl").tag), info.bibl)
    for ms in info.manuscripts:
        source.append(ms)
    if not len(source):
        etree.SubElement(source, tei("p").tag).text = info.source_note or "Plain-text source."
    if info.date is None:
        source.append(comment("no date of the document found; add profileDesc/creation/date"))
    if info.abstract or info.languages or info.date is not None:
        profile = etree.SubElement(head, tei("profileDesc").tag)
        if info.date is not None:
            date = copy.deepcopy(info.date)
            date.tail = None
            etree.SubElement(profile, tei("creation").tag).append(date)
        if info.abstract:
            abstract = etree.SubElement(profile, tei("abstract").tag)
            for para in info.abstract:
                fill(etree.SubElement(abstract, tei("p").tag), para)
        if info.languages:
            usage = etree.SubElement(profile, tei("langUsage").tag)
            for ident, label in info.languages:
                etree.SubElement(usage, tei("language").tag, {"ident": ident}).text = label
    revision = etree.SubElement(head, tei("revisionDesc").tag, {"status": "draft"})
    etree.SubElement(revision, tei("change").tag).text = (
        "Imported from plain text by teipress import; names, dates, notes and citations "
        "proposed automatically."
    )
    return head


def manuscript(span: Span, text: str) -> etree._Element:
    """An msDesc from an archival citation span: repository, idno per part, leaves as locus."""
    ms = tei("msDesc")
    ident = etree.SubElement(ms, tei("msIdentifier").tag)
    parts = sorted(span.children, key=lambda c: c.start)
    org = next((c for c in parts if c.tag == "orgName"), None)
    repo = etree.SubElement(ident, tei("repository").tag)
    if org is not None:
        repo.set("ref", org.attrib["ref"])
        repo.text = text[span.start + org.start : span.start + org.end]
    else:
        repo.text = "unknown"
        ident.append(comment("archive not recognised; add it to archives.xml"))
    for part in parts:
        if part.tag == "idno":
            value = text[span.start + part.start : span.start + part.end]
            etree.SubElement(ident, tei("idno").tag, {"type": part.attrib["type"]}).text = value
    leaves = [p for p in parts if p.tag == "citedRange"]
    if leaves:
        contents = etree.SubElement(ms, tei("msContents").tag)
        item = etree.SubElement(contents, tei("msItem").tag)
        etree.SubElement(
            item, tei("note").tag
        ).text = f"The citation reads: {text[span.start : span.end]}"
        for leaf in leaves:
            start = span.start + leaf.start
            label = re.search(r"(\w+\.?)\s*$", text[max(0, start - 6) : start])
            shown = (label.group(1) + " " if label else "") + text[start : span.start + leaf.end]
            locus = tei("locus", {"from": leaf.attrib["from"], "to": leaf.attrib["to"]}, shown)
            item.insert(len(item) - 1, locus)
    return ms


def _bytes(el: etree._Element) -> bytes:
    """An element serialised without repeating the TEI namespace declaration."""
    data = etree.tostring(el, encoding="unicode", pretty_print=True)
    return data.replace(_XMLNS, "", 1).encode("utf-8")


def write_tei(
    out: BinaryIO,
    doc_id: str,
    lang: str | None,
    head: etree._Element,
    front: etree._Element | None,
    body: Iterable[etree._Element],
    back: Callable[[], etree._Element | None] | None,
) -> int:
    """Write the document; body elements are serialised and dropped one by one."""
    attrs = f' xml:id="{doc_id}"' + (f' xml:lang="{lang}"' if lang else "")
    out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f"<TEI{_XMLNS}{attrs}>\n".encode())
    out.write(
        b"<!-- teipress: draft produced by `teipress import`; check every name, date, note "
        b"and citation before adding it to the edition -->\n"
    )
    out.write(_bytes(head))
    out.write(b"<text>\n")
    if front is not None:
        out.write(_bytes(front))
    out.write(b"<body>\n")
    count = 0
    for el in body:
        out.write(_bytes(el))
        count += 1
    if not count:
        out.write(_bytes(tei("p")))
    out.write(b"</body>\n")
    back_el = back() if back is not None else None
    if back_el is not None:
        out.write(_bytes(back_el))
    out.write(b"</text>\n</TEI>\n")
    return count


_ID = re.compile(r"[^a-z0-9]+")


def make_id(stem: str) -> str:
    """A document id from a file name: lowercase ASCII and hyphens, starting with a letter."""
    from .registers import fold

    ident = _ID.sub("-", fold(stem).lower()).strip("-") or "document"
    return ident if ident[0].isalpha() else f"doc-{ident}"


__all__ = ["XML_ID", "XML_LANG", "HeaderInfo", "header", "make_id", "manuscript", "write_tei"]
