"""Rendering a file uses its own tree up instead of copying it: the pages stay the same.

`render_file` annotates the last whole-file document of a tree it parsed in place, copies
a volume without the content of its document divs (its page shows them as links) and
lets each div go once its page is made (bench/single_file.py measures the memory this
saves). These tests hold it to the copying path: the same pages, byte for byte, in the
same order, and a tree passed in by a caller left as it was.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from corpus_support import generate_corpus
from teipress import resolve
from teipress.build import read_edition
from teipress.builders import documents
from teipress.builders.documents import ReadTask, RenderTask, render_file
from teipress.builders.site import render_options
from teipress.config import load_config
from teipress.reader import load_tei
from teipress.resolve import annotate
from teipress.textwalk import XML_ID, document_divs

SHAPES = {"volume": ("volume.xml", "--volume-mb"), "long": ("long.xml", "--long-mb")}


@pytest.fixture(scope="module", params=sorted(SHAPES))
def edition(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated edition of one small volume or one long document (no document divs),
    its file wrapped in a comment and an <?xml-model?> that a copy of the root leaves out."""
    name, option = SHAPES[request.param]
    out = tmp_path_factory.mktemp(request.param) / "edition"
    generate_corpus(out, "--docs", "1", "--size-mb", "0.3", option, "0.25", "--seed", "3")
    path = out / "tei" / "documents" / name
    head, body = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(
        f'{head}\n<?xml-model href="schema.rng" type="application/xml"?>\n<!-- made for a test -->'
        f"\n{body}<!-- the end -->\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def task(edition: Path) -> RenderTask:
    """The render task of the edition's one file, with the resolved edition installed."""
    config = load_config(edition.parents[2])
    resolved = read_edition(config)
    documents.forget_trees()
    ctx = resolved.context
    documents.init_worker(ctx, render_options(config, ctx))
    ids = tuple(
        d.meta.id for d in sorted(resolved.docs, key=lambda d: d.meta.order)
        if d.meta.file == edition.name
    )  # fmt: skip
    read = ReadTask(str(edition), edition.name, True, 0, str(config.root))
    return RenderTask(read, ids, tuple((i, f"../tei/documents/{edition.name}") for i in ids))


def test_pages_of_an_own_tree_are_those_of_a_lent_tree(edition: Path, task: RenderTask) -> None:
    lent = load_tei(edition)
    before = etree.tostring(lent)
    copied = list(render_file(task, lent))  # a caller's tree: only read, copied per page
    assert etree.tostring(lent) == before
    used_up = list(render_file(task))  # its own tree: annotated in place, divs let go
    assert [rel for rel, _ in used_up] == [rel for rel, _ in copied]
    for (rel, data), (_, expected) in zip(used_up, copied, strict=True):
        assert data == expected, rel


def test_pages_come_one_document_at_a_time_page_then_text(task: RenderTask) -> None:
    pages = render_file(task)
    first = next(pages)  # the first page is made before the others exist
    ctx = documents._CONTEXT
    assert ctx is not None
    names = [ctx.pages[d].removeprefix("documents/").removesuffix(".html") for d in task.documents]
    expected = [rel for n in names for rel in (f"documents/{n}.html", f"text/{n}.txt")]
    assert [first[0], *(rel for rel, _ in pages)] == expected
    assert first[1].startswith(b"<!DOCTYPE html>\n") and first[1].endswith(b"\n")


def test_a_volume_page_copies_no_div_content_yet_equals_a_whole_copy(
    edition: Path, task: RenderTask
) -> None:
    ctx = documents._CONTEXT
    assert ctx is not None
    root = load_tei(edition).getroot()
    meta = ctx.meta[task.documents[0]]
    whole = annotate(copy.deepcopy(root), None, meta, ctx, in_place=True)  # the old way
    before = etree.tostring(root)
    assert etree.tostring(annotate(root, None, meta, ctx)) == etree.tostring(whole)
    assert etree.tostring(root) == before


def test_a_failed_copy_puts_every_document_div_back(
    edition: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = load_tei(edition).getroot()
    before = etree.tostring(root)
    divs = [d.get(XML_ID) for d in document_divs(root)]

    def fail(_: object) -> None:
        raise MemoryError

    monkeypatch.setattr(resolve.copy, "deepcopy", fail)
    with pytest.raises(MemoryError):
        resolve._copy_without_documents(root)
    assert etree.tostring(root) == before
    assert [d.get(XML_ID) for d in document_divs(root)] == divs


def test_any_order_of_documents_gives_the_same_pages(edition: Path, task: RenderTask) -> None:
    """The file's own page after its document divs: annotated in place, divs still there."""
    forward = dict(render_file(task))
    backward = RenderTask(task.read, task.documents[::-1], task.sources[::-1])
    assert dict(render_file(backward)) == forward
