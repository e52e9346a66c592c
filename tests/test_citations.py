"""Citation index: archives unified by former names, Ibid./op. cit., edition cross-links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from teipress.build import read_edition
from teipress.builders.data import citations_csv, citations_json
from teipress.citations import canonical, natural
from teipress.config import load_config
from teipress.model import LocationPart

EDITIONS = Path(__file__).parent / "data" / "editions"
REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "tei" / "documents" / "granville-1998.xml"
LETTER = REPO / "tei" / "documents" / "letter-1956-11-08.xml"

TEI = """<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}"><teiHeader><fileDesc>
<titleStmt><title>{id}</title></titleStmt><publicationStmt><p>t</p></publicationStmt>
<sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader><text><body><p>{body}</p></body></text></TEI>
"""
ARCHIVES = """<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="depots"><teiHeader><fileDesc>
<titleStmt><title>r</title></titleStmt><publicationStmt><p>t</p></publicationStmt>
<sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader><text><body>
<listOrg type="archives"><org xml:id="new-arch"><orgName type="main">New Archive</orgName>
<orgName type="abbr">NA</orgName><orgName type="former">Old Depot</orgName></org></listOrg>
<listBibl><bibl xml:id="smith-1990"><author>Smith, Ann</author>, <title level="m">Ports</title>,
<date when="1990">1990</date></bibl><bibl xml:id="jones-1980"><author>Jones, Bo</author>,
<title level="m">Ships</title></bibl></listBibl></body></text></TEI>
"""


def edition(tmp_path: Path, *bodies: str) -> Path:
    """A throwaway edition: one document per body, plus a register of archives and works."""
    (tmp_path / "teipress.toml").write_text('[edition]\ntitle = "T"\n')
    docs, regs = tmp_path / "tei" / "documents", tmp_path / "tei" / "registers"
    docs.mkdir(parents=True)
    regs.mkdir(parents=True)
    (regs / "depots.xml").write_text(ARCHIVES)
    for k, body in enumerate(bodies, 1):
        (docs / f"doc{k}.xml").write_text(TEI.format(id=f"doc{k}", body=body))
    return tmp_path


def sources(project: Path) -> list[dict]:
    return json.loads(citations_json(read_edition(load_config(project)).index))


def test_former_name_without_pointer_joins_current_archive(tmp_path: Path) -> None:
    body = (
        '<note n="1"><bibl type="archival"><orgName>Old Depot</orgName>, f. <idno type="fond">'
        '7</idno>, d. <idno type="delo">No. 2</idno></bibl></note><note n="2"><bibl '
        'type="archival"><orgName ref="depots.xml#new-arch">NA</orgName>, d. <idno type="delo">'
        '2</idno>, f. <idno type="fond">007</idno></bibl></note>'
    )
    found = sources(edition(tmp_path, body))
    assert len(found) == 1, found
    src = found[0]
    assert (src["archive"], src["label"]) == ("new-arch", "NA, f. 7, d. 2")
    assert [c["n"] for c in src["citations"]] == ["1", "2"]


def test_ibid_follows_sameas_else_previous_citation(tmp_path: Path) -> None:
    body = (
        '<note n="1"><bibl xml:id="b1" corresp="depots.xml#smith-1990">Smith, Ports, '
        '<citedRange unit="page" from="3">3</citedRange></bibl></note>'
        '<note n="2"><bibl corresp="depots.xml#jones-1980">Jones, Ships, 9</bibl></note>'
        '<note n="3"><bibl sameAs="#b1">Ibid., <citedRange unit="page" from="4">4</citedRange>'
        "</bibl></note>"
        '<note n="4"><bibl>Ibid., 5</bibl></note>'
        '<note n="5"><bibl>Smith, op. cit., 6</bibl></note>'
    )
    by_work = {
        s["work"]: [c["n"] for c in s["citations"]] for s in sources(edition(tmp_path, body))
    }
    assert by_work == {"smith-1990": ["1", "3", "4", "5"], "jones-1980": ["2"]}


def test_archival_ibid_refines_the_antecedent(tmp_path: Path) -> None:
    body = (
        '<note n="1"><bibl type="archival"><orgName>NA</orgName>, f. <idno type="fond">1</idno>,'
        ' d. <idno type="delo">5</idno></bibl></note>'
        '<note n="2"><bibl type="archival">Ibid., d. <idno type="delo">6</idno></bibl></note>'
    )
    labels = [s["label"] for s in sources(edition(tmp_path, body))]
    assert labels == ["NA, f. 1, d. 5", "NA, f. 1, d. 6"]


def test_citation_links_to_the_edition_document_holding_it() -> None:
    ed = read_edition(load_config(EDITIONS / "letters"))
    linked = [s for s in ed.index.sources if s.edition_document]
    assert [(s.label, s.edition_document) for s in linked] == [
        ("SA, f. 12, op. 3, d. 45", "letter-a")
    ]
    cited = ed.index.cited_by["letter-a"]
    assert [(c.document, c.n, c.href) for c in cited] == [
        ("letter-b", "1", "documents/letter-b.html#note-1")
    ]
    # different delo in the same fond: no link
    assert not any(s.edition_document for s in ed.index.sources if s.label.endswith("d. 40"))


def test_op_cit_and_ibid_in_the_letters_edition() -> None:
    data = {s["id"]: s for s in sources(EDITIONS / "letters")}
    assert [c["cited_range"] for c in data["state-archive-f12-op3-d40"]["citations"]] == [
        "l. 7",
        "l. 9",
    ]
    assert [c["text"] for c in data["lund-1930"]["citations"]] == [
        "Lund, Harbours, 12", "Lund, op. cit., 14"
    ]  # fmt: skip


def test_ibid_across_document_divs_of_a_volume() -> None:
    data = sources(EDITIONS / "frus")
    assert len(data) == 1
    assert [(c["document"], c["text"]) for c in data[0]["citations"]] == [
        ("d1", "National Archives, RG 59, 4410"), ("d2", "Ibid.")
    ]  # fmt: skip


def test_canonical_part_order_and_natural_sort() -> None:
    parts = [LocationPart("delo", "4"), LocationPart("opis", "2"), LocationPart("fond", "89")]
    assert [p.type for p in canonical(parts)] == ["fond", "opis", "delo"]
    assert sorted(["f. 100", "f. 89", "f. 5"], key=natural) == ["f. 5", "f. 89", "f. 100"]
    assert sorted(["Dulles", "Čavoški", "Banac"], key=natural) == ["Banac", "Čavoški", "Dulles"]


def test_csv_has_one_row_per_citation() -> None:
    index = read_edition(load_config(EDITIONS / "letters")).index
    rows = citations_csv(index).splitlines()
    assert rows[0].startswith("source,kind,label,archive,location,work,edition_document")
    assert len(rows) - 1 == index.count() == 5


sample = pytest.mark.skipif(
    not (ARTICLE.exists() and LETTER.exists()), reason="the sample edition is not encoded yet"
)


@sample
def test_sample_note_37_cites_the_letter_and_rgani_is_one_archive() -> None:
    ed = read_edition(load_config(REPO))
    data = json.loads(citations_json(ed.index))
    note37 = [
        s
        for s in data
        for c in s["citations"]
        if (c["document"], c["n"], s["kind"]) == ("granville-1998", "37", "archival")
    ]
    assert note37 and note37[0]["edition_document"] == "letter-1956-11-08"
    assert note37[0]["archive"] == "rgani"
    assert {(p["type"], p["value"]) for p in note37[0]["location"]} == {
        ("fond", "89"), ("perechen", "45"), ("dokument", "38")
    }  # fmt: skip
    # The letter's msIdentifier names TsKhSD; it is the same archive as RGANI.
    letter = ed.context.meta["letter-1956-11-08"]
    tskhsd = [loc for loc in letter.locations if loc.archive_text == "TsKhSD"]
    assert tskhsd and ed.registers.lookup(tskhsd[0].archive_pointer, letter.file).id == "rgani"
    archives = [a for a in ed.index.archives if "TsKhSD" in a[1:] or a[0] == "rgani"]
    assert [a[0] for a in archives] == ["rgani"]
    cited_by = ed.index.cited_by["letter-1956-11-08"]
    assert "37" in [c.n for c in cited_by]


@sample
def test_sample_citations_json_fields_are_exactly_those_of_issue_4() -> None:
    data = json.loads(citations_json(read_edition(load_config(REPO)).index))
    assert sum(len(s["citations"]) for s in data) > 100
    for s in data:
        common = {"id", "kind", "label", "citations"}
        extra = {"archive", "location"} if s["kind"] == "archival" else {"work"}
        assert set(s) - {"edition_document"} == common | extra
        for c in s["citations"]:
            assert set(c) == {"document", "note", "n", "cited_range", "text"}


def test_ibid_with_nothing_before_it_is_a_warning(tmp_path: Path) -> None:
    project = edition(tmp_path, '<note n="1"><bibl>Ibid., 4</bibl></note>')
    ed = read_edition(load_config(project))
    assert [d.code for d in ed.report.warnings] == ["citation-ibid"]
    assert ed.report.warnings[0].path.endswith("documents/doc1.xml")
    assert "none precedes it" in ed.report.warnings[0].message


def test_citation_data_files_are_written_line_by_line_and_read_back_whole() -> None:
    """The build streams citations.csv and citations.json (SiteWriter.write_lines): a
    citation whose text holds a line end stays one quoted CSV field, and the JSON is one
    source per line."""
    import csv
    import io

    from teipress.builders.data import citations_csv_lines, citations_json_lines
    from teipress.citations import CitationIndex
    from teipress.model import Source, SourceCitation

    cite = SourceCitation("d1", "Doc", "n1", "1", "b1", "p. 3", 'Ibid.,\n"quoted"', "x.html#n1")
    works = [Source(f"w{k}", "published", f"Work {k}", work=f"w{k}", citations=(cite,))
             for k in range(2)]  # fmt: skip
    index = CitationIndex(works, [], {}, {})
    text = "".join(line.decode() + "\n" for line in citations_csv_lines(index))
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 3 and rows[1][-1] == 'Ibid.,\n"quoted"'
    lines = list(citations_json_lines(index))
    assert lines[0] == b"[" and lines[-1] == b"]" and len(lines) == 4
    assert [json.loads(x.rstrip(b","))["id"] for x in lines[1:-1]] == ["w0", "w1"]
    empty = CitationIndex([], [], {}, {})
    assert list(citations_json_lines(empty)) == [b"[]"]
