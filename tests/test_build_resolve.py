"""The tp: annotation of CONTRACTS.md on in-memory copies; URL and file-name safety."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teipress.build import read_edition
from teipress.config import load_config
from teipress.reader import load_tei
from teipress.resolve import TP_NS, annotate, safe_name, safe_url
from teipress.textwalk import document_divs

EDITIONS = Path(__file__).parent / "data" / "editions"
TEI = "{http://www.tei-c.org/ns/1.0}"
P = f"{{{TP_NS}}}"


def annotated(edition: str, file: str, doc_id: str | None = None) -> etree._Element:
    ed = read_edition(load_config(EDITIONS / edition))
    root = load_tei(EDITIONS / edition / "tei" / "documents" / file).getroot()
    divs = {d.get("{http://www.w3.org/XML/1998/namespace}id"): d for d in document_divs(root)}
    meta = ed.context.meta[doc_id or root.get("{http://www.w3.org/XML/1998/namespace}id")]
    return annotate(root, divs.get(meta.id) if meta.container else None, meta, ed.context)


def test_names_notes_dates_get_anchor_href_kind_label() -> None:
    tei = annotated("letters", "letter-a.xml")
    body = tei.find(f"{TEI}text")
    brandt = body.find(f".//{TEI}persName[@key='brandt']")
    assert brandt.get(P + "anchor") == "m-2"  # m-1 is the dateline's place
    assert brandt.get(P + "href") == "../persons/p-brandt.html"
    assert (brandt.get(P + "kind"), brandt.get(P + "label")) == ("person", "Otto Brandt")
    notes = body.findall(f".//{TEI}note")
    assert [n.get(P + "anchor") for n in notes] == ["note-1", "note-2"]
    date = body.find(f".//{TEI}date[@when='1921-02-10']")
    assert (date.get(P + "iso"), date.get(P + "display")) == ("1921-02-10", "10 February 1921")
    archive = body.find(f".//{TEI}bibl//{TEI}orgName")
    assert archive.get(P + "kind") == "archive"
    assert archive.get(P + "href").startswith("../citations.html#state-archive")
    header_sender = tei.find(f".//{TEI}correspAction/{TEI}persName")
    assert header_sender.get(P + "href") == "../persons/p-vance.html"
    assert header_sender.get(P + "anchor") is None  # only the text carries anchors


def test_bibls_carry_source_edition_link_and_ibid_label() -> None:
    b = annotated("letters", "letter-b.xml").findall(f".//{TEI}note//{TEI}bibl")
    assert b[0].get(P + "anchor") == "note-1-b1"
    assert b[0].get(P + "source") == "state-archive-f12-op3-d45"
    assert b[0].get(P + "href") == "../citations.html#state-archive-f12-op3-d45"
    assert b[0].get(P + "edition-href") == "letter-a.html"
    assert b[2].get(P + "resolved-label") == "Lund, Harbours of the North, 1930"  # op. cit.
    a = annotated("letters", "letter-a.xml").findall(f".//{TEI}note//{TEI}bibl")
    assert a[1].get(P + "resolved-label") == "SA, f. 12, op. 3, d. 40"  # Ibid. = previous


def test_render_tasks_carry_the_citations_and_link_targets_their_pages_need(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Render workers get the context without the edition's resolved citations and link
    targets; each task carries its documents' and renders the same pages as the whole
    context does."""
    from dataclasses import replace

    from teipress.build import _Edition, _tasks, render_tasks
    from teipress.builders import documents

    monkeypatch.setattr(documents, "_CONTEXT", None)  # set by the renders below
    config = load_config(EDITIONS / "letters")
    ctx = read_edition(config).context
    results = [documents.read_file(task) for task in _tasks(config)]
    tasks = render_tasks(config, _Edition(results, {}, []), ctx)
    worker = ctx.for_workers()
    assert ctx.resolved and ctx.targets and not worker.resolved and not worker.targets

    def pages(context, task) -> list[tuple[str, bytes]]:
        documents.init_worker(context, {})
        return list(documents.render_file(task))

    for task in tasks:
        assert pages(worker, task) == pages(ctx, replace(task, citations=(), targets=()))
    letter_b = next(t for t in tasks if t.read.file == "letter-b.xml")
    assert ("letter-a.xml", "a-n1") in dict(letter_b.targets)  # its ref to letter A's note
    assert letter_b.citations
    assert pages(worker, replace(letter_b, targets=())) != pages(worker, letter_b)


def test_context_lists_citing_notes_and_neighbours() -> None:
    ctx = annotated("letters", "letter-a.xml")[-1]
    assert ctx.tag == P + "context" and ctx.get("doc") == "letter-a" and ctx.get("root") == "../"
    cited = ctx.find(P + "cited-by")
    assert (cited.get("document"), cited.get("n"), cited.get("href")) == (
        "letter-b", "1", "letter-b.html#note-1"
    )  # fmt: skip
    assert ctx.find(P + "prev") is None and ctx.find(P + "next").get("href") == "letter-b.html"


def test_unsafe_targets_never_get_an_href_and_internal_ones_resolve() -> None:
    refs = annotated("letters", "letter-a.xml").findall(f".//{TEI}ref")
    assert [r.get(P + "href") for r in refs] == [None, "https://example.org/quay"]
    assert refs[0].get("target") == "javascript:alert(1)"  # the source is kept as it was
    cross = annotated("letters", "letter-b.xml").find(f".//{TEI}ref")
    assert cross.get(P + "href") == "letter-a.html#note-1"


def test_source_tree_is_never_changed() -> None:
    path = EDITIONS / "letters" / "tei" / "documents" / "letter-a.xml"
    before = path.read_bytes()
    root = load_tei(path).getroot()
    copy_before = etree.tostring(root)
    ed = read_edition(load_config(EDITIONS / "letters"))
    annotate(root, None, ed.context.meta["letter-a"], ed.context)
    assert etree.tostring(root) == copy_before and path.read_bytes() == before


def test_volume_documents_are_pages_of_their_own() -> None:
    d2 = annotated("frus", "volume.xml", "d2")
    assert d2.get("{http://www.w3.org/XML/1998/namespace}id") == "d2"
    assert d2.find(f".//{TEI}titleStmt/{TEI}title").text == "2. Telegram from the Embassy"
    refs = d2.findall(f".//{TEI}ref")
    assert [r.get(P + "href") for r in refs] == ["d1.html", "d1.html#note-1"]
    volume = annotated("frus", "volume.xml")
    assert not document_divs(volume)  # replaced by links to their pages
    links = [r.get(P + "href") for r in volume.iter(f"{TEI}ref")]
    assert links == ["d1.html", "d2.html", f"{safe_name('Escape..Doc')}.html"]


@pytest.mark.parametrize(
    "target",
    ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:x", "java\nscript:x",
     "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x", "file:///etc/passwd",
     "//evil.example/x", "\\\\evil\\share", "jav&#x61;script:x".replace("&#x61;", "a")],
)  # fmt: skip
def test_unsafe_urls_are_refused(target: str) -> None:
    assert safe_url(target) is None


@pytest.mark.parametrize(
    "target", ["https://example.org/a?b=c#d", "http://x.org", "mailto:a@b.org", "notes.html#n1",
               "../tei/a.xml", "#top"],
)  # fmt: skip
def test_safe_urls_pass(target: str) -> None:
    assert safe_url(target) == target


@pytest.mark.parametrize("value", ["../../x", "..", "a/b", "CON", "Tito", "x\\y", "", ".hidden"])
def test_safe_names_cannot_leave_a_folder(value: str) -> None:
    name = safe_name(value)
    assert "/" not in name and "\\" not in name and ".." not in name and name
    assert not name.startswith(".") and name.split(".")[0].lower() != "con"
    assert (Path("/site/documents") / f"{name}.html").parent == Path("/site/documents")


def test_safe_names_keep_plain_ids_and_separate_the_rest() -> None:
    assert safe_name("letter-1956-11-08") == "letter-1956-11-08"
    assert safe_name("Tito") != safe_name("tito")
    assert safe_name("a/b") != safe_name("a-b")
