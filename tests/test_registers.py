"""Registers: found in any list anywhere (standOff, back, particDesc), every pointer form."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from teipress.reader import load_tei
from teipress.registers import Registers, entries_in

EDITIONS = Path(__file__).parent / "data" / "editions"


def _entries(*rel: str) -> list:
    found = []
    for r in rel:
        path = EDITIONS / r
        found += entries_in(load_tei(path).getroot(), path.name)
    return found


def test_standoff_register_with_names_dates_and_authority() -> None:
    regs = Registers(_entries("letters/tei/documents/letter-a.xml"), key_prefix="p-")
    vance = regs.lookup_key("vance")
    assert vance is not None and vance.kind == "person"
    assert (vance.name, vance.dates, vance.description) == (
        "Anna Vance", "1880–1950", "Shipowner of Northport."  # noqa: RUF001
    )  # fmt: skip
    assert vance.authorities == (("wikidata", "https://www.wikidata.org/wiki/Q000001"),)
    assert regs.lookup_key("brandt").variants == ("O. Brandt",)
    board = regs.lookup_key("harbour-board")
    assert (board.kind, board.abbr, board.folder) == ("org", "HB", "organisations")


def test_pointer_forms_file_hash_id_same_file_and_url() -> None:
    regs = Registers(
        _entries("letters/tei/documents/letter-a.xml", "letters/tei/registers/works.xml")
    )
    assert regs.lookup("works.xml#lund-1930").kind == "work"
    assert regs.lookup("../registers/works.xml#lund-1930").id == "lund-1930"
    assert regs.lookup("#p-vance", "letter-a.xml").id == "p-vance"
    assert regs.lookup("https://www.wikidata.org/wiki/Q000001").id == "p-vance"
    assert regs.lookup("other.xml#p-vance") is None  # wrong file: no guessing
    assert regs.lookup("#missing #p-brandt", "letter-a.xml").id == "p-brandt"


def test_key_prefix_is_prepended_and_bare_keys_still_work() -> None:
    regs = Registers(_entries("letters/tei/documents/letter-a.xml"), key_prefix="p-")
    assert regs.lookup_key("northport").id == "p-northport"
    assert regs.lookup_key("p-northport").id == "p-northport"
    assert regs.lookup_key("nobody") is None
    assert Registers(_entries("letters/tei/documents/letter-a.xml")).lookup_key("vance") is None


def test_registers_in_back_and_particdesc_are_found() -> None:
    frus = {e.id: e for e in _entries("frus/tei/documents/volume.xml")}
    assert {"minister", "capital", "ministry", "nara"} <= set(frus)
    play = {e.id for e in _entries("play/tei/documents/play.xml")}
    assert play == {"ann", "bo"}


def test_archive_declared_by_list_type_with_former_name() -> None:
    regs = Registers(_entries("letters/tei/registers/archives.xml"))
    archive = regs.unique("state-archive")
    assert archive.archive and archive.former == ("Central Archive",)
    assert archive.folder == ""  # archives get no register page, they live in citations.html
    assert regs.archive_by_name("central archive") is archive
    assert regs.archive_by_name("S.A.") is archive  # punctuation-insensitive abbreviation


def test_archive_by_use_not_by_file_name(tmp_path: Path) -> None:
    tei = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>
      <listOrg><org xml:id="vault"><orgName type="main">The Vault</orgName></org>
      <org xml:id="guild"><orgName type="main">Guild</orgName></org></listOrg>
      </body></text></TEI>"""
    root = etree.fromstring(tei)
    regs = Registers(entries_in(root, "orgs.xml"))
    assert not regs.unique("vault").archive
    marked = regs.mark_archives([("orgs.xml#vault", "doc.xml")])
    assert marked.unique("vault").archive and not marked.unique("guild").archive
    assert marked.archive_by_name("the vault").id == "vault"


def test_works_carry_csl_fields() -> None:
    regs = Registers(_entries("letters/tei/registers/works.xml"))
    lund = dict(regs.unique("lund-1930").csl)
    assert lund["type"] == "book" and lund["author"] == [{"family": "Lund", "given": "Eva"}]
    assert lund["issued"] == {"date-parts": [[1930]]} and lund["publisher"] == "Quay Press"
    moss = dict(regs.unique("moss-1931").csl)
    assert moss["type"] == "article-journal" and moss["container-title"] == "Port Review"
    assert (moss["volume"], moss["page"]) == ("3", "5-9")
    assert moss["author"] == [{"family": "Moss", "given": "Karl"}]
