"""Annotate an in-memory copy of a document with tp:* attributes (CONTRACTS.md, Build 1).

Python resolves every pointer here; the XSLT renders links only from @tp:href, so an
unsafe target (javascript:, data:, anything but http(s), mailto and relative URLs)
never reaches a page. The source tree is never changed: `annotate` works on a copy.
"""

from __future__ import annotations

import copy
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from lxml import etree

from .citations import Resolved
from .model import DocumentMeta, RegisterEntry, SourceCitation
from .reader import TEI_NS, XML_NS
from .registers import Registers
from .textwalk import NAME_TAGS, assign_anchors, document_divs, edition_target, pointer_of

TP_NS = "https://teipress.org/ns"
T = f"{{{TEI_NS}}}"
P = f"{{{TP_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
SAFE_SCHEMES = {"http", "https", "mailto"}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}  # fmt: skip


def safe_url(target: str) -> str | None:
    """The target when it is http(s), mailto or relative; None for anything else.

    Control characters and whitespace inside a scheme ("java\\tscript:") are removed
    first, as browsers do, so they cannot smuggle a scheme past the check.
    """
    cleaned = "".join(ch for ch in target.strip() if unicodedata.category(ch)[0] != "C")
    compact = re.sub(r"\s+", "", cleaned)
    if not compact or "\\" in compact:
        return None
    match = _SCHEME.match(compact)
    if match:
        return cleaned if match.group(1).lower() in SAFE_SCHEMES else None
    if compact.startswith("//"):
        return None  # protocol-relative: another host under the page's scheme
    if ":" in compact.split("/", 1)[0].split("#", 1)[0].split("?", 1)[0]:
        return None
    return cleaned


def safe_name(value: str) -> str:
    """A file name for an id that stays inside its folder on every file system.

    Ids that are already plain ASCII names pass unchanged (stable URLs from xml:id);
    anything else ("../../x", "A/B", "CON", "Đorđe") becomes a slug plus a short hash of
    the original, so no name contains a separator or "..". Names that differ only in case
    are told apart by the build (case-insensitive file systems).
    """
    plain = _SAFE_NAME.match(value) and ".." not in value
    if plain and value.split(".")[0].lower() not in _RESERVED:
        return value
    slug = re.sub(r"[^a-z0-9]+", "-", value.casefold()).strip("-")[:60] or "id"
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:10]
    return f"{slug}-{digest}"


@dataclass
class Context:
    """What the resolve phase knows about the whole edition, as needed to annotate pages.

    Page paths are relative to the site root; `annotate` makes them relative to
    documents/.
    """

    title: str
    registers: Registers
    pages: dict[str, str]  # doc id -> "documents/<name>.html"
    entry_pages: dict[tuple[str, str], str]  # (file, id) -> "persons/<name>.html"
    targets: dict[tuple[str, str], tuple[str, str]]  # (file, xml:id) -> (doc id, anchor)
    file_docs: dict[str, str]  # file basename -> doc id of the file itself
    resolved: dict[tuple[str, str], Resolved]
    cited_by: dict[str, list[SourceCitation]]
    meta: dict[str, DocumentMeta]
    order: list[str]
    index_anchors: dict[str, str] = field(default_factory=dict)  # archive/work -> anchor
    position: dict[str, int] = field(default_factory=dict)
    stylesheets: tuple[str, str] = ("", "")  # HTML and text entry stylesheets ("" = default)
    window: int = 0  # elements per window of a long page (page_windows); 0: whole pages
    # A citation index split into pages: archive id ("" for the published works) -> its
    # (first) page; source id -> page, for the sources of a large archive, or works,
    # shown on a further page.
    citation_pages: dict[str, str] = field(default_factory=dict)
    source_pages: dict[str, str] = field(default_factory=dict)
    split_index: int = 0  # a chronology of more events than this is split by year; 0: never

    def __post_init__(self) -> None:
        self.position = {doc: k for k, doc in enumerate(self.order)}

    def for_workers(self) -> Context:
        """This context without the resolved citations and link targets, which render
        tasks carry for their own documents (build.render_tasks): every render worker
        gets the context, and these were 245 MB of its 280 at 200 MB of TEI."""
        return replace(self, resolved={}, targets={})

    def entry_href(self, entry: RegisterEntry) -> str:
        """Root-relative URL of an entry: its register page, or its place in citations."""
        anchor = self.index_anchors.get(entry.id)
        if entry.archive:  # the archive's heading, on its (first) page
            return self.citation_href(entry.id, anchor) if anchor else ""
        if entry.kind == "work":  # the work's source (its anchor is the source id)
            return self.citation_href("", anchor, anchor) if anchor else ""
        return self.entry_pages.get((entry.file, entry.id), "")

    def citation_href(self, archive: str, anchor: str, source: str = "") -> str:
        """Root-relative URL of a place in the citation index: when the index is split,
        the page of `source`, else the first page of `archive` ("" for published
        works); citations.html when it is one page."""
        page = self.source_pages.get(source) if source else None
        return f"{page or self.citation_pages.get(archive, 'citations.html')}#{anchor}"


def _rel(path: str) -> str:
    """A root-relative path as seen from a page in documents/."""
    if path.startswith("documents/"):
        return path.removeprefix("documents/")
    return "../" + path


def _set(el: etree._Element, name: str, value: str) -> None:
    if value:
        el.set(P + name, value)


def copy_unit(
    root: etree._Element,
    div: etree._Element | None,
    meta: DocumentMeta,
    ctx: Context,
    *,
    in_place: bool = False,
):
    """A fresh TEI tree for one document: the whole file, or a header plus one div.

    The whole file is copied without the content of its document divs, which its page
    shows as links (`_stub_divs`); with `in_place` it is not copied at all (see
    `annotate`)."""
    if div is None and in_place:
        _leave_document(root)
        text = root.find(f"{T}text")
        return root, text if text is not None else root
    if div is None or div.tag == f"{T}TEI":  # the whole file, or a TEI of a teiCorpus
        tree = _copy_without_documents(root) if div is None else copy.deepcopy(div)
        text = tree.find(f"{T}text")
        return tree, text if text is not None else tree
    tei = etree.Element(f"{T}TEI", nsmap={None: TEI_NS, "tp": TP_NS})
    tei.set(XML_ID, meta.id)
    lang = div.get(f"{{{XML_NS}}}lang") or root.get(f"{{{XML_NS}}}lang")
    if lang:
        tei.set(f"{{{XML_NS}}}lang", lang)
    header = etree.SubElement(tei, f"{T}teiHeader")
    fdesc = etree.SubElement(header, f"{T}fileDesc")
    etree.SubElement(
        etree.SubElement(fdesc, f"{T}titleStmt"), f"{T}title", type="main"
    ).text = meta.title
    etree.SubElement(etree.SubElement(fdesc, f"{T}publicationStmt"), f"{T}p").text = ctx.title
    container = ctx.meta.get(meta.container)
    bibl = etree.SubElement(etree.SubElement(fdesc, f"{T}sourceDesc"), f"{T}bibl")
    bibl.text = container.title if container else meta.source
    if meta.date is not None and "/" not in meta.date.iso:
        creation = etree.SubElement(etree.SubElement(header, f"{T}profileDesc"), f"{T}creation")
        etree.SubElement(creation, f"{T}date", when=meta.date.iso).text = meta.date.display
    body = etree.SubElement(etree.SubElement(tei, f"{T}text"), f"{T}body")
    scope = copy.deepcopy(div)
    body.append(scope)
    return tei, scope


def _copy_without_documents(root: etree._Element) -> etree._Element:
    """`copy.deepcopy(root)`, but each document div copied empty (tag, attributes, tail).

    A volume's own page shows its document divs as stubs (`_stub_divs`), so copying
    their content, which is most of the volume, would only make a tree to drop. Each div
    is swapped for an empty element of the same document (made by `makeelement`, so no
    element moves between documents) while the copy is made, and put back after.
    """
    swaps: list[tuple[etree._Element, etree._Element]] = []
    try:
        for div in document_divs(root):
            empty = div.makeelement(div.tag, dict(div.attrib))
            tail = div.tail  # replace() leaves the tail with the element taken out
            div.getparent().replace(div, empty)
            empty.tail = tail
            swaps.append((empty, div))
        return copy.deepcopy(root)
    finally:
        for empty, div in reversed(swaps):
            empty.getparent().replace(empty, div)


def _leave_document(root: etree._Element) -> None:
    """Move the comments and processing instructions around `root` out of its document,
    so that a tree of `root` shows the XSLT what a copy of it would (only the root)."""
    siblings = [*root.itersiblings(preceding=True), *root.itersiblings()]
    if siblings:
        holder = root.makeelement("held")
        holder.extend(siblings)


def annotate(
    root: etree._Element,
    div: etree._Element | None,
    meta: DocumentMeta,
    ctx: Context,
    *,
    in_place: bool = False,
    citations: Mapping[tuple[str, str], Resolved] | None = None,
    targets: Mapping[tuple[str, str], tuple[str, str]] | None = None,
) -> etree._Element:
    """The annotated copy of one document (file or document div) of the edition.

    `citations` and `targets` are the resolved citations and the link targets to look
    the document's up in (by default the whole edition's, `ctx.resolved`, `ctx.targets`;
    a render task carries its own).

    With `in_place` (only for the whole file, `div` None) the caller gives `root` up:
    it is annotated itself instead of a copy, which for a large file saves a second
    tree bigger than the first (a copy does not share the parser's compact text nodes).
    The result is the same as a copy's: top-level comments and processing instructions,
    which a copy leaves behind, are taken out of the file's document.
    """
    if in_place and div is not None:
        raise ValueError("only a whole file is annotated in place")
    tei, scope = copy_unit(root, div, meta, ctx, in_place=in_place)
    skip = div is None
    file = meta.file
    citations = ctx.resolved if citations is None else citations
    targets = ctx.targets if targets is None else targets
    for item in assign_anchors(scope, skip):
        _set(item.el, "anchor", item.anchor)
        if item.role == "mention":
            _pointer(item.el, ctx, file)
        elif item.role == "bibl":
            _bibl(item.el, citations.get((meta.id, item.anchor)), ctx)
    if skip:
        _stub_divs(tei, ctx)
    for el in tei.iter(*NAME_TAGS, f"{T}repository", f"{T}institution"):
        if P + "kind" not in el.attrib and pointer_of(el):
            _pointer(el, ctx, file)
    for el in tei.iter(f"{T}date", f"{T}ref", f"{T}ptr"):
        if el.tag == f"{T}date":
            _date(el)
        elif P + "href" not in el.attrib:
            _ref(el, ctx, meta, targets)
    tei.append(_context(meta, ctx))
    return tei


def _pointer(el: etree._Element, ctx: Context, file: str) -> None:
    """tp:kind, tp:label and tp:href of a name pointing into a register or the edition."""
    entry = ctx.registers.pointer_of(el, file)
    if entry is None:
        doc = _document_pointer(el.get("ref") or el.get("corresp") or "", ctx)
        if doc:
            _set(el, "kind", "document")
            _set(el, "label", ctx.meta[doc].title)
            _set(el, "href", _rel(ctx.pages[doc]))
        else:
            _set(el, "kind", "unknown")
        return
    kind = "archive" if entry.archive else entry.kind
    _set(el, "kind", kind)
    _set(el, "label", entry.name)
    href = ctx.entry_href(entry)
    if href:
        _set(el, "href", _rel(href))


def _document_pointer(pointer: str, ctx: Context) -> str:
    base = pointer.split("#", 1)[0].rsplit("/", 1)[-1]
    return ctx.file_docs.get(base, "") if base.endswith(".xml") else ""


def _bibl(el: etree._Element, res: Resolved | None, ctx: Context) -> None:
    """tp:source, tp:href, tp:edition-href and, for Ibid., tp:resolved-label of a bibl."""
    if res is None:
        return
    _set(el, "kind", "archive" if el.get("type") == "archival" else "work")
    _set(el, "source", res.source)
    _set(el, "href", "../" + ctx.citation_href(res.archive, res.source, res.source))
    if res.edition_document in ctx.pages:
        _set(el, "edition-href", _rel(ctx.pages[res.edition_document]))
    if res.ibid:
        _set(el, "resolved-label", res.label)


def _date(el: etree._Element) -> None:
    from .dates import date_value

    value = date_value(el)
    if value is not None:
        _set(el, "iso", value.iso)
        _set(el, "display", value.display)


def _ref(el: etree._Element, ctx: Context, meta: DocumentMeta, targets: Mapping) -> None:
    """tp:href of a ref/ptr: edition-internal targets resolved, others checked."""
    target = (el.get("target") or "").split()
    if not target:
        return
    value = target[0]
    base = value.partition("#")[0]
    key = edition_target(value, meta.file)
    if key is not None:
        hit = targets.get(key)
        if hit is not None:
            doc, anchor = hit
            page = "" if doc == meta.id else _rel(ctx.pages[doc])
            _set(el, "href", f"{page}#{anchor}" if anchor else page or "#")
            return
        entry = ctx.registers.lookup(value, meta.file)
        href = ctx.entry_href(entry) if entry is not None else ""
        if href:
            _set(el, "href", _rel(href))
        return  # a dangling pointer into the edition gets no link
    if base.endswith(".xml") and base.rsplit("/", 1)[-1] in ctx.file_docs:
        _set(el, "href", _rel(ctx.pages[ctx.file_docs[base.rsplit("/", 1)[-1]]]))
        return
    url = safe_url(value)
    if url is not None:
        _set(el, "href", url)


def _stub_divs(tei: etree._Element, ctx: Context) -> None:
    """In a volume's own page, replace each document div by a link to its page."""
    for div in document_divs(tei):
        doc = div.get(XML_ID, "")
        stub = etree.Element(f"{T}p")
        link = etree.SubElement(stub, f"{T}ref", target=f"#{doc}")
        link.text = ctx.meta[doc].title if doc in ctx.meta else doc
        if doc in ctx.pages:
            _set(link, "href", _rel(ctx.pages[doc]))
            _set(link, "kind", "document")
        stub.tail = div.tail
        div.getparent().replace(div, stub)


def _context(meta: DocumentMeta, ctx: Context) -> etree._Element:
    """The tp:context element: who cites this document, previous and next documents."""
    el = etree.Element(P + "context", nsmap={"tp": TP_NS})
    el.set("doc", meta.id)
    el.set("title", meta.title)
    el.set("root", "../")
    for cite in ctx.cited_by.get(meta.id, []):
        etree.SubElement(
            el, P + "cited-by", document=cite.document, n=cite.n,
            href=_rel(cite.href), **{"doc-title": cite.doc_title},
        )  # fmt: skip
    position = ctx.position.get(meta.id, -1)
    if position > 0:
        etree.SubElement(el, P + "prev", href=_rel(ctx.pages[ctx.order[position - 1]]))
    if 0 <= position < len(ctx.order) - 1:
        etree.SubElement(el, P + "next", href=_rel(ctx.pages[ctx.order[position + 1]]))
    return el
