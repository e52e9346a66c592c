"""Per-file work of the build: read (parse + validate + extract) and render (annotate + XSLT).

Both are top-level functions of plain, picklable arguments returning plain data, so
that `--jobs N` can run them in worker processes. The render phase needs the resolved
edition (a resolve.Context); workers receive it once, through the pool initializer.
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..citations import Resolved
from ..errors import Diagnostic, TeipressError, UsageError
from ..extract import archive_name, read_units
from ..model import DocumentData, RegisterEntry
from ..reader import load_tei, parse_bytes, read_bytes, require_tei
from ..registers import entries_in
from ..resolve import Context, annotate
from ..textwalk import XML_ID, document_divs
from ..validate.validator import FileCheck, SchemaPaths, check_read_file


@dataclass(frozen=True)
class ReadTask:
    """One edition file to read: documents yield pages, registers only entries."""

    path: str
    file: str  # basename, the key of file.xml#id pointers
    is_document: bool
    order: int
    allowed_root: str
    huge_tree: bool = False
    schemas: SchemaPaths | None = None  # validate against these while reading (None: don't)


@dataclass
class FileResult:
    """What reading one file gave: entries, documents, archive uses, or its error;
    with `task.schemas`, its validation too (grammar, rules, index for the edition checks)."""

    task: ReadTask
    sha256: str = ""
    entries: list[RegisterEntry] = field(default_factory=list)
    documents: list[DocumentData] = field(default_factory=list)
    archive_uses: list[tuple[str, str]] = field(default_factory=list)
    error: Diagnostic | None = None
    check: FileCheck | None = None  # None: not validated, or unreadable (see `error`)
    schema_error: str | None = None  # a schema could not be loaded: the build stops (exit 2)


def _archive_uses(root: etree._Element, file: str) -> list[tuple[str, str]]:
    """Pointers of orgs used as archives: msIdentifier repositories, orgs in archival bibls."""
    from ..textwalk import T, pointer_of

    uses = []
    for repo in root.iter(f"{T}repository", f"{T}institution"):
        if pointer_of(repo):
            uses.append((pointer_of(repo), file))
    for bibl in root.iter(f"{T}bibl"):
        if bibl.get("type") == "archival":
            org = archive_name(bibl)
            if org is not None and pointer_of(org):
                uses.append((pointer_of(org), file))
    return uses


def parse(task: ReadTask, data: bytes | None = None) -> etree._ElementTree:
    """Parse one edition file with the hardened reader (TEI root required)."""
    path = Path(task.path)
    if data is None:
        return load_tei(path, allowed_root=Path(task.allowed_root), huge_tree=task.huge_tree)
    tree = parse_bytes(data, path, allowed_root=Path(task.allowed_root), huge_tree=task.huge_tree)
    require_tei(tree, path)
    return tree


#: Trees read in the main process, kept for the render phase so that a one-process
#: build parses each document once; bounded so that huge editions do not hold them all.
#: Each is kept with the size it was counted at, so that the count stays right when the
#: file changes or goes away before the render phase takes the tree.
_TREES: dict[str, tuple[int, etree._ElementTree]] = {}
# 16 MB of source XML (trees take about ten times more): every document of a small or
# medium edition, while a large one's build does not hold another gigabyte of trees.
_TREE_BUDGET = 16 * 1024 * 1024
_kept = [0]


def read_file(task: ReadTask) -> FileResult:
    """Parse one file once and extract everything the resolve phase needs from it."""
    result, tree = read_file_keep(task)
    if tree is not None and task.is_document and multiprocessing.parent_process() is None:
        kept_tree(task.path)  # a file read again: its newer tree replaces the older
        size = Path(task.path).stat().st_size
        if _kept[0] + size <= _TREE_BUDGET:
            _TREES[task.path] = (size, tree)
            _kept[0] += size
    return result


def kept_tree(path: str) -> etree._ElementTree | None:
    """The tree `read_file` kept for `path` in this process, once: it is then the caller's
    (`render_file` uses it up)."""
    found = _TREES.pop(path, None)
    if found is None:
        return None
    _kept[0] -= found[0]
    return found[1]


def forget_trees() -> None:
    """Drop every kept tree (end of a build, or a failed one)."""
    _TREES.clear()
    _kept[0] = 0


def read_file_keep(task: ReadTask) -> tuple[FileResult, etree._ElementTree | None]:
    """`read_file`, also returning the tree so that a one-process build parses once."""
    result = FileResult(task)
    data: bytes | None = None
    try:
        data = read_bytes(Path(task.path))
        result.sha256 = hashlib.sha256(data).hexdigest()
        tree = parse(task, data)
    except TeipressError as exc:
        result.error = exc.diagnostic or Diagnostic(task.path, 0, 0, "error", "read", str(exc))
        if data is not None:  # a repeated xml:id stops the reader, not the validator
            _validate(result, data, None)
        return result, None
    except OSError as exc:
        result.error = Diagnostic(task.path, 0, 0, "error", "io-read", str(exc.strerror))
        return result, None
    _validate(result, data, tree)
    root = tree.getroot()
    result.entries = entries_in(root, task.file)
    result.archive_uses = _archive_uses(root, task.file)
    if task.is_document:  # packed: the main process keeps the bulk as bytes
        result.documents = [doc.pack() for doc in read_units(root, task.file, task.order)]
    return result, tree


def _validate(result: FileResult, data: bytes, tree: etree._ElementTree | None) -> None:
    """Grammar, rules and the edition-check index of the file, on the tree just parsed."""
    task = result.task
    if task.schemas is None:
        return
    try:
        result.check = check_read_file(
            task.path, data, tree, task.schemas,
            allowed_root=task.allowed_root, is_register=not task.is_document,
        )  # fmt: skip
    except UsageError as exc:  # carried back as data: a worker's traceback is no message
        result.schema_error = str(exc)


_CONTEXT: Context | None = None
_RENDER_OPTIONS: dict[str, str] = {}


def init_worker(ctx: Context, options: dict[str, str]) -> None:
    """Pool initializer: keep the resolved edition (stylesheets included) in the worker."""
    global _CONTEXT, _RENDER_OPTIONS
    _CONTEXT, _RENDER_OPTIONS = ctx, options


@dataclass(frozen=True)
class RenderTask:
    """One document file to render: its read task and the ids of the documents in it."""

    read: ReadTask
    documents: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]  # doc id -> href of its TEI source from documents/
    # The resolved citations of these documents, (doc id, anchor) -> Resolved, and the
    # targets of their links, (file, xml:id) -> (doc id, anchor): they come with the
    # task; the context workers get holds neither (`Context.for_workers`).
    citations: tuple[tuple[tuple[str, str], Resolved], ...] = ()
    targets: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = ()


def render_file(
    task: RenderTask, tree: etree._ElementTree | None = None
) -> Iterator[tuple[str, bytes]]:
    """Annotate and render every document of one file, yielding (site path, bytes): each
    document's HTML page, then its text, one document at a time.

    Elements rendered generically are marked in the HTML (data-tei-generic) and
    counted by the writing side.

    A tree this function parses, or takes from `kept_tree`, is its own and used up on
    the way, so that a large file is never held twice: the file's own document, when it
    is the last to render, is annotated in place instead of copied, and each document
    div leaves the tree once its page and the file's own page are made. A tree passed
    in is only read.
    """
    ctx = _CONTEXT
    if ctx is None:
        raise RuntimeError("render_file called before init_worker")
    owned = tree is None
    if tree is None:
        tree = kept_tree(task.read.path)
    if tree is None:
        tree = parse(task.read)
    root = tree.getroot()
    # A copy leaves an internal DTD subset behind; such rare files are copied, not reused.
    reuse = owned and tree.docinfo.internalDTD is None
    del tree
    divs = {d.get(XML_ID, ""): d for d in document_divs(root)}
    whole = [d for d in task.documents if not ctx.meta[d].container]  # the file's own page
    sources = dict(task.sources)
    citations = dict(task.citations) if task.citations else ctx.resolved
    targets = dict(task.targets) if task.targets else ctx.targets
    for k, doc_id in enumerate(task.documents):
        meta = ctx.meta[doc_id]
        div = divs.get(doc_id) if meta.container else None
        if doc_id in whole:
            whole.remove(doc_id)
        in_place = reuse and div is None and k == len(task.documents) - 1
        annotated = etree.ElementTree(
            annotate(root, div, meta, ctx, in_place=in_place, citations=citations, targets=targets)
        )
        if in_place:
            root, divs = None, {}  # the annotated tree is now the only holder of the file
        elif owned and div is not None and not whole:  # no page needs this div any more
            divs.pop(doc_id)
            div.getparent().remove(div)  # freed with the last reference to it
        pages = _render_pages(task.read.path, doc_id, annotated, sources.get(doc_id, ""))
        del div, annotated  # the pages generator holds the only reference, and drops it
        yield from pages


def _render_pages(
    path: str, doc_id: str, annotated: etree._ElementTree, source_href: str
) -> Iterator[tuple[str, bytes]]:
    """The HTML page and the text of one annotated document, the page first.

    The text is made first: a long document's page is the largest thing made here, and
    its caller keeps every output of the file until the file is done, so the page is
    made beside the small encoded text, not the text's working copies beside the page."""
    from .. import xslt  # compiled stylesheets are cached per process

    ctx = _CONTEXT
    assert ctx is not None
    html_sheet, text_sheet = (Path(s) if s else None for s in ctx.stylesheets)
    page = ctx.pages[doc_id]
    name = page.removeprefix("documents/").removesuffix(".html")
    params = {
        **_RENDER_OPTIONS,
        "root": "../",
        "source-href": source_href,
        "text-href": f"../text/{name}.txt",
    }
    text = xslt.render_document_text(annotated, {}, stylesheet=text_sheet, source=path)
    text = xslt.wrap_text(text)  # one str at a time: the laid-out text goes as this is made
    data = text.encode("utf-8")
    del text
    html = xslt.render_document_html(
        annotated, params, stylesheet=html_sheet, source=path, window=ctx.window
    )
    del annotated
    yield page, html
    del html
    yield f"text/{name}.txt", data
