"""`teipress import`: plain text -> draft TEI (archival documents, articles with notes, prose)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from lxml import etree

from ..errors import ContentError, UsageError, diagnostic_error
from .archival_document import looks_like_archival, parse_archival
from .article import looks_like_article, parse_article
from .assemble import Annotators, ArticleAssembler, DocumentAssembler
from .inline import fill, tei
from .languages import code
from .registers import Registers, load_registers
from .report import Report
from .segment import Block, iter_blocks, join_pages
from .tei_writer import HeaderInfo, header, make_id, manuscript, write_tei
from .textsource import Source, read_source

Kind = Literal["auto", "document", "article"]
__all__ = ["Imported", "import_text", "load_registers"]


@dataclass
class Imported:
    """A source ready to be written as TEI; `write` does the work and fills `report`."""

    source: Source
    blocks: list[Block]
    kind: str
    doc_id: str
    registers: Registers
    report: Report

    def write(self, out: BinaryIO) -> None:
        """Assemble and serialise the draft TEI document to a binary stream."""
        ann = Annotators(self.registers, self.report)
        ann.dates.prescan(self.source.text)
        if self.kind == "article":
            parts = self._article(ann)
        elif self.kind == "archival":
            parts = self._archival(ann)
        else:
            parts = self._prose(ann)
        lang, info, front, body, back = parts
        write_tei(out, self.doc_id, lang, header(info), front, body, back)
        self._summarise(ann)

    # each kind returns (lang, header info, front, body iterator, back builder or None)
    def _article(self, ann: Annotators):
        art = parse_article(self.blocks)
        for problem in art.problems:
            self.report.problem(0, problem)
        asm = ArticleAssembler(art, ann)
        front = asm.front()
        info = HeaderInfo(title=_plain(front, "titlePart"), author=_plain(front, "docAuthor"))
        info.date = _first_date(front)
        self.report.counts["notes"] = len(art.notes)
        self.report.counts["paragraphs"] = len(art.body)
        self.report.counts["paragraphs re-joined at page breaks"] = sum(
            p.joins > 0 for p in art.body
        )
        self.report.counts["notes continued after a page break"] = sum(
            n.joins > 0 for n in art.notes.values()
        )
        self.report.counts["glossary entries"] = len(art.glossary)
        self.report.counts["bibliography entries"] = len(art.bibliography)
        return None, info, front, asm.body(), asm.back

    def _archival(self, ann: Annotators):
        doc = parse_archival(self.blocks)
        original = doc.field("original language")
        lang_name = original.blocks[0].text if original and original.blocks else ""
        letter = doc.letter
        trans = letter.language_line.text.split()[-1] if letter.language_line is not None else ""
        asm = DocumentAssembler(doc, ann, code(trans))
        asm.lang_original = code(lang_name)
        front = asm.front()
        info = HeaderInfo(title=_plain(front, "titlePart") or ["Untitled document"])
        info.date = _first_date(front)
        citation = doc.field("citation")
        if citation is not None:
            text = " ".join(b.text for b in citation.blocks)
            info.bibl = [text]
            for span in ann.citations._archival(text):
                info.manuscripts.append(manuscript(span, text))
        summary = doc.field("summary")
        if summary is not None:
            info.abstract = [[b.text] for b in summary.blocks]
        if code(trans):
            info.languages.append((code(trans), trans))
        if code(lang_name):
            info.languages.append((code(lang_name), f"{lang_name} (original language)"))
        elif lang_name:
            self.report.decided(f"original language {lang_name!r} has no known code")
        self.report.counts["metadata fields"] = len(doc.fields)
        self.report.counts["paragraphs"] = len(letter.paragraphs)
        self.report.counts["paragraphs re-joined at page breaks"] = sum(
            len(g) > 1 for g in letter.paragraphs
        )
        return code(trans), info, front, asm.body(), None

    def _prose(self, ann: Annotators):
        info = HeaderInfo(title=[self.blocks[0].text[:200]])
        self.report.counts["paragraphs"] = 0

        def paragraphs() -> Iterator[etree._Element]:
            for group in join_pages(self.blocks):
                p = tei("p")
                for k, block in enumerate(group):
                    if k:
                        fill(p, [" ", tei("pb"), " "])
                    fill(p, ann.pieces(block.text))
                self.report.counts["paragraphs"] += 1
                yield p

        return None, info, None, paragraphs(), None

    def _summarise(self, ann: Annotators) -> None:
        counts = self.report.counts
        counts["names tagged"] = sum(ann.names.found.values())
        counts["dates tagged"] = ann.dates.found
        for what, n in ann.citations.counts.items():
            counts[f"citations: {what}"] = n
        for problem in ann.dates.problems:
            self.report.decided(f"date {problem}")
        for name, n in ann.names.ambiguous.items():
            self.report.decided(f"surname {name!r} shared by several register entries ({n}x)")
        self.report.unknown_names = ann.names.unknown_names()
        for problem in self.registers.problems:
            self.report.decided(problem)


def _first_date(front: etree._Element | None) -> etree._Element | None:
    """The first dated expression of the title page or front matter: the document's date."""
    if front is None:
        return None
    for date in front.iter("{http://www.tei-c.org/ns/1.0}date"):
        if date.get("when") or date.get("from") or date.get("notBefore"):
            return date
    return None


def _plain(front: etree._Element | None, local: str) -> list[str]:
    if front is None:
        return []
    el = front.find(f".//{{http://www.tei-c.org/ns/1.0}}{local}")
    if el is None:
        return []
    copy = etree.fromstring(etree.tostring(el))
    for note in list(copy.iter("{http://www.tei-c.org/ns/1.0}note")):
        _drop_keep_tail(note)
    return [" ".join("".join(copy.itertext()).split())]


def _drop_keep_tail(el: etree._Element) -> None:
    parent = el.getparent()
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + (el.tail or "")
    else:
        parent.text = (parent.text or "") + (el.tail or "")
    parent.remove(el)


def import_text(
    path: Path,
    *,
    kind: Kind = "auto",
    doc_id: str | None = None,
    encoding: str | None = None,
    registers: Registers | None = None,
) -> Imported:
    """Read and classify a source; nothing is written until `Imported.write`."""
    source = read_source(path, encoding)
    blocks = list(iter_blocks(source.text))
    if not any(any(ch.isalpha() for ch in b.text) for b in blocks):
        raise diagnostic_error(
            ContentError,
            path,
            "no paragraphs of text found (no letters at all)",
            "import-empty",
            1,
            1,
        )
    one_per_line = len(blocks) == 1 and len(blocks[0].lines) > 1
    if one_per_line:
        blocks = [Block(blocks[0].line + k, [line]) for k, line in enumerate(blocks[0].lines)
                  if line.strip()]  # fmt: skip
    if doc_id is not None and not _valid_id(doc_id):
        raise UsageError(
            f"--id {doc_id!r}: use lowercase letters, digits and hyphens, "
            "starting with a letter (e.g. letter-1956-11-08)"
        )
    report = Report(
        source.path, encoding=source.encoding + (" (guessed)" if source.guessed else "")
    )
    if one_per_line:
        report.decided("the source has no blank lines: every line taken as a paragraph")
    detected = _detect(blocks, kind)
    report.kind = detected
    regs = registers if registers is not None else Registers(problems=["no registers given"])
    return Imported(source, blocks, detected, doc_id or make_id(path.stem), regs, report)


def _detect(blocks: list[Block], kind: Kind) -> str:
    if kind == "article":
        return "article"
    if kind == "document":
        return "archival" if looks_like_archival(blocks) else "prose"
    if looks_like_archival(blocks):
        return "archival"
    return "article" if looks_like_article(blocks) else "prose"


def _valid_id(ident: str) -> bool:
    import re

    return bool(re.fullmatch(r"[a-z][a-z0-9-]*", ident))
