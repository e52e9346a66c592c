"""`build` on small third-party editions: letters, a FRUS-style volume, a novel, a play."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import etree

from teipress.build import BuildOptions, build
from teipress.config import load_config
from teipress.resolve import TP_NS, safe_name

EDITIONS = Path(__file__).parent / "data" / "editions"
P = f"{{{TP_NS}}}"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each fixture edition built once into its own folder."""
    built = {}
    for name in ("letters", "frus", "novel", "play"):
        out = tmp_path_factory.mktemp(name) / "site"
        report = build(load_config(EDITIONS / name), BuildOptions(out=out, full=True))
        assert report.written, [d.format() for d in report.errors]
        built[name] = out
    return built


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_letters_layout(sites: dict[str, Path]) -> None:
    got = files(sites["letters"])
    expected = {
        "index.html", "chronology.html", "citations.html",
        "documents/letter-a.html", "documents/letter-b.html",
        "text/letter-a.txt", "text/letter-b.txt",
        "persons/index.html", "persons/p-vance.html", "persons/p-brandt.html",
        "organisations/index.html", "organisations/p-harbour-board.html",
        "places/index.html", "places/p-northport.html",
        "data/citations.json", "data/citations.csv", "data/bibliography.json",
        "data/edition.xml", "tei/documents/letter-a.xml", "tei/registers/archives.xml",
        "assets/teipress.css", "assets/teipress.js",
    }  # fmt: skip
    assert expected <= got, expected - got
    assert not any(p.startswith("organisations/state-archive") for p in got)  # archives: no page


def test_sources_ship_byte_for_byte(sites: dict[str, Path]) -> None:
    for rel in ("documents/letter-a.xml", "registers/works.xml"):
        original = (EDITIONS / "letters" / "tei" / rel).read_bytes()
        assert (sites["letters"] / "tei" / rel).read_bytes() == original


def test_edition_xml_has_documents_registers_chronology_citations(sites: dict[str, Path]) -> None:
    ed = etree.parse(str(sites["letters"] / "data" / "edition.xml")).getroot()
    assert ed.tag == P + "edition" and ed.get("title") == "Letters of a Small Republic"
    docs = ed.findall(f"{P}documents/{P}document")
    assert [d.get("id") for d in docs] == ["letter-a", "letter-b"]  # date order
    a = docs[0]
    assert (a.get("date"), a.get("date-display"), a.get("href")) == (
        "1921-03-04", "4 March 1921", "documents/letter-a.html"
    )  # fmt: skip
    roles = [(g.get("role"), g.text, g.get("href")) for g in a.findall(P + "agent")]
    assert ("sender", "Anna Vance", "persons/p-vance.html") in roles
    assert a.findtext(P + "summary") == "Vance asks the board to reopen the north quay."
    vance = ed.find(f"{P}register[@type='persons']/{P}entry[@id='p-vance']")
    mentions = vance.findall(P + "mention")
    assert [m.get("href") for m in mentions] == ["documents/letter-a.html#m-4"]
    assert (mentions[0].get("before"), mentions[0].get("match")) == ("Yours, ", "Anna Vance")
    assert vance.find(P + "authority").get("href") == "https://www.wikidata.org/wiki/Q000001"
    events = ed.findall(f"{P}chronology/{P}event")
    keys = [e.get("sort-key") for e in events]
    assert keys == sorted(keys) and events[0].get("iso") == "1921-02-10"
    archive = ed.find(f"{P}citations/{P}archive[@id='state-archive']")
    assert archive.findtext(P + "former") == "Central Archive"
    source = archive.find(f"{P}source[@edition-href]")
    assert source.get("edition-href") == "documents/letter-a.html"
    assert [p.get("type") for p in source.findall(P + "part")] == ["fond", "opis", "delo"]


def test_volume_gives_one_page_per_document_div(sites: dict[str, Path]) -> None:
    got = files(sites["frus"])
    hostile = safe_name("Escape..Doc")
    assert {"documents/frus-1950.html", "documents/d1.html", "documents/d2.html",
            f"documents/{hostile}.html", "text/d1.txt"} <= got  # fmt: skip
    assert all(not p.startswith("..") and "/../" not in p for p in got)
    ed = etree.parse(str(sites["frus"] / "data" / "edition.xml")).getroot()
    d2 = ed.find(f"{P}documents/{P}document[@id='d2']")
    assert (d2.get("container"), d2.get("date")) == ("frus-1950", "1950-01-07")
    volume = ed.find(f"{P}documents/{P}document[@id='frus-1950']")
    assert volume.get("date") is None  # its documents' datelines are not the volume's date
    chron = [(e.get("iso"), e.get("document")) for e in ed.iter(P + "event")]
    assert ("1950-01-06/1950-01-07", "d2") in chron


def test_novel_and_play_build_with_register_pages(sites: dict[str, Path]) -> None:
    novel = files(sites["novel"])
    assert {"documents/lighthouse.html", "persons/keeper.html", "places/rock.html"} <= novel
    ed = etree.parse(str(sites["novel"] / "data" / "edition.xml")).getroot()
    keeper = ed.find(f"{P}register/{P}entry[@id='keeper']")
    assert [m.get("match") for m in keeper.findall(P + "mention")] == ["Elias", "the keeper", "him"]
    play = files(sites["play"])
    assert {"documents/ferrymen.html", "persons/ann.html", "persons/bo.html"} <= play
    text = (sites["play"] / "text" / "ferrymen.txt").read_text(encoding="utf-8")
    assert "The water's high." in text


def test_citation_data_of_the_letters_edition(sites: dict[str, Path]) -> None:
    data = json.loads((sites["letters"] / "data" / "citations.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data] == [
        "state-archive-f12-op3-d40", "state-archive-f12-op3-d45", "lund-1930"
    ]  # fmt: skip
    bib = json.loads((sites["letters"] / "data" / "bibliography.json").read_text(encoding="utf-8"))
    assert [b["id"] for b in bib] == ["lund-1930", "moss-1931"]
    assert all({"id", "type", "title"} <= set(b) for b in bib)


def test_building_twice_gives_identical_bytes(tmp_path: Path) -> None:
    project = tmp_path / "letters"
    shutil.copytree(EDITIONS / "letters", project)
    config = load_config(project)
    one, two = tmp_path / "one", tmp_path / "two"
    build(config, BuildOptions(out=one, full=True))
    build(config, BuildOptions(out=two, full=True, jobs=2))
    published = {r for r in files(one) if not r.startswith(".teipress-cache/")}  # build state
    assert published == {r for r in files(two) if not r.startswith(".teipress-cache/")}
    for rel in sorted(published):
        assert (one / rel).read_bytes() == (two / rel).read_bytes(), rel


CORPUS = """<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xml:id="corpus"><teiHeader><fileDesc>
<titleStmt><title>Corpus</title></titleStmt><publicationStmt><p/></publicationStmt>
<sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<TEI xml:id="t1"><teiHeader><fileDesc><titleStmt><title>One</title></titleStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><p>Hello<note>first</note></p></body></text></TEI>
<TEI xml:id="t2"><teiHeader><fileDesc><titleStmt><title>Two</title></titleStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><p>World<note>second</note></p></body></text></TEI></teiCorpus>"""


def test_tei_corpus_members_get_pages_of_their_own(tmp_path: Path) -> None:
    (tmp_path / "teipress.toml").write_text('[validate]\nschema = ""\nschematron = ""\n')
    (tmp_path / "tei" / "documents").mkdir(parents=True)
    (tmp_path / "tei" / "documents" / "c.xml").write_text(CORPUS)
    report = build(load_config(tmp_path), BuildOptions(out=tmp_path / "site"))
    assert report.written and report.documents == 3
    got = files(tmp_path / "site")
    assert {"documents/corpus.html", "documents/t1.html", "documents/t2.html"} <= got
    ed = etree.parse(str(tmp_path / "site" / "data" / "edition.xml")).getroot()
    titles = {d.get("id"): d.get("title") for d in ed.iter(P + "document")}
    assert titles == {"corpus": "Corpus", "t1": "One", "t2": "Two"}


def test_chronology_leaves_out_publication_dates(tmp_path: Path) -> None:
    body = (
        '<p>On <date when="1921-05-01">1 May</date> the quay opened.<note n="1"><bibl>'
        '<title>Ports</title> (<date when="1930">1930</date>)</bibl>; <bibl type="archival">'
        '<orgName>SA</orgName>, <idno type="fond">1</idno>, report of <date when="1921-06-02">'
        "2 June 1921</date></bibl></note></p>"
    )
    tei = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="x"><teiHeader><fileDesc><titleStmt>'
        "<title>X</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/>"
        f"</sourceDesc></fileDesc></teiHeader><text><body>{body}</body></text></TEI>"
    )
    (tmp_path / "teipress.toml").write_text('[validate]\nschema = ""\nschematron = ""\n')
    (tmp_path / "tei" / "documents").mkdir(parents=True)
    (tmp_path / "tei" / "documents" / "x.xml").write_text(tei)
    from teipress.build import read_edition

    ed = read_edition(load_config(tmp_path)).edition_xml().getroot()
    assert [e.get("iso") for e in ed.iter(P + "event")] == ["1921-05-01", "1921-06-02"]
    hrefs = [e.get("href") for e in ed.iter(P + "event")]
    assert hrefs == ["documents/x.html#date-1", "documents/x.html#date-3"]  # exact places


def test_entry_pages_stay_distinct_on_case_insensitive_file_systems(tmp_path: Path) -> None:
    persons = "".join(
        f'<person xml:id="{i}"><persName type="main">{i}</persName></person>'
        for i in ("Tito", "tito", "index", "Đuro")
    )
    tei = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="x"><teiHeader><fileDesc><titleStmt>'
        "<title>X</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/>"
        "</sourceDesc></fileDesc></teiHeader><text><body><p>x</p></body></text>"
        f"<standOff><listPerson>{persons}</listPerson></standOff></TEI>"
    )
    (tmp_path / "teipress.toml").write_text('[validate]\nschema = ""\nschematron = ""\n')
    (tmp_path / "tei" / "documents").mkdir(parents=True)
    (tmp_path / "tei" / "documents" / "x.xml").write_text(tei, encoding="utf-8")
    from teipress.build import read_edition

    pages = sorted(read_edition(load_config(tmp_path)).context.entry_pages.values())
    assert len({p.casefold() for p in pages}) == 4
    assert "persons/Tito.html" in pages and "persons/index.html" not in pages
    assert all(p.isascii() and p.count("/") == 1 for p in pages)


def test_duplicate_document_ids_are_a_warning_and_published_once(tmp_path: Path) -> None:
    project = tmp_path / "letters"
    shutil.copytree(EDITIONS / "letters", project)
    docs = project / "tei" / "documents"
    (docs / "z-copy.xml").write_bytes((docs / "letter-a.xml").read_bytes())
    report = build(load_config(project), BuildOptions(out=tmp_path / "site", keep_going=True))
    assert report.written and report.documents == 2
    assert any(d.code == "build-duplicate-id" for d in report.warnings)


@pytest.mark.parametrize("name", ["letters", "frus", "novel", "play"])
def test_index_pages_from_their_slices_equal_the_whole_edition_index(name: str) -> None:
    """Each index page is rendered from the part of the edition index it shows; the result
    must be the page the whole index gives (the slice leaves nothing out it needs)."""
    from teipress import xslt
    from teipress.build import read_edition
    from teipress.builders.index_pages import index_page_list
    from teipress.builders.site import render_options

    config = load_config(EDITIONS / name)
    edition = read_edition(config)
    ed, base = edition.edition_xml(), render_options(config, edition.context)
    pages = index_page_list(edition, base["nav"])
    assert {p.rel for p in pages} >= {"index.html", "chronology.html", "citations.html"}
    assert {p.rel for p in pages if p.entry_id} == set(edition.context.entry_pages.values())
    for page in pages:
        full = xslt.render_index_page(ed, page.page, page.entry_id, params=base)
        sliced = etree.ElementTree(etree.fromstring(page.source))
        rendered = xslt.render_index_page(sliced, page.page, page.entry_id, params=base)
        assert rendered == full, page.rel


@pytest.mark.parametrize("name", ["letters", "frus", "novel", "play"])
def test_every_link_of_the_fixture_sites_resolves(sites: dict[str, Path], name: str) -> None:
    from urllib.parse import urlsplit

    from xslt_support import site_links

    links = site_links(sites[name])
    for path, url in links.external:
        assert urlsplit(url).scheme in {"http", "https", "mailto"}, f"{path}: {url}"
    assert not links.broken, "\n".join(links.broken[:20])


def test_introduction_is_the_project_description_documents_share(tmp_path: Path) -> None:
    from teipress.build import read_edition

    def doc(i: str, project: str) -> str:
        return (
            f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{i}"><teiHeader><fileDesc>'
            f"<titleStmt><title>{i}</title></titleStmt><publicationStmt><p/></publicationStmt>"
            "<sourceDesc><p/></sourceDesc></fileDesc><encodingDesc><projectDesc>"
            f"{project}</projectDesc></encodingDesc></teiHeader><text><body><p>x</p></body>"
            "</text></TEI>"
        )

    (tmp_path / "teipress.toml").write_text("")
    docs = tmp_path / "tei" / "documents"
    docs.mkdir(parents=True)
    (docs / "a.xml").write_text(doc("a", "<p>The  Vance letters.</p><p>Only about a.</p>"))
    (docs / "b.xml").write_text(doc("b", "<p>The Vance letters.</p>"))
    ed = read_edition(load_config(tmp_path)).edition_xml().getroot()
    assert [p.text for p in ed.iter(P + "p")] == ["The Vance letters."]
    (docs / "b.xml").write_text(doc("b", "<p>Something else.</p>"))
    assert (
        read_edition(load_config(tmp_path)).edition_xml().getroot().find(P + "introduction") is None
    )
