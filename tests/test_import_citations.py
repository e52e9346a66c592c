"""Citations in notes: archival locations by the archives register, labels, Ibid./op. cit./supra."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_support import REGISTERS
from teipress.importer.citations import CitationFinder, _range
from teipress.importer.registers import load_registers

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture
def finder() -> CitationFinder:
    return CitationFinder(load_registers(REGISTERS))


def _parts(text: str, span) -> list[tuple[str, str, str]]:
    base = span.start
    return [
        (
            c.tag,
            c.attrib.get("type") or c.attrib.get("unit") or c.attrib.get("ref", ""),
            text[base + c.start : base + c.end],
        )
        for c in sorted(span.children, key=lambda c: c.start)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ANTT, F. 12, Op. 3, D. 45, Ll. 7-9.",
            [
                ("orgName", "archives.xml#ant", "ANTT"),
                ("idno", "fond", "12"),
                ("idno", "opis", "3"),
                ("idno", "delo", "45"),
                ("citedRange", "leaf", "7-9"),
            ],
        ),
        (
            "LAC Fond 3, Opis 2, Delo 7, List 4",
            [
                ("orgName", "archives.xml#lac", "LAC"),
                ("idno", "fond", "3"),
                ("idno", "opis", "2"),
                ("idno", "delo", "7"),
                ("citedRange", "leaf", "4"),
            ],
        ),
        (
            "TsGANKh, F 77, Per 4, Dok 9, Por. 3, P. 18, Rolik 5173, L13-4",
            [
                ("orgName", "archives.xml#rgae", "TsGANKh"),
                ("idno", "fond", "77"),
                ("idno", "perechen", "4"),
                ("idno", "dokument", "9"),
                ("idno", "portfel", "3"),
                ("idno", "papka", "18"),
                ("idno", "rolik", "5173"),
                ("citedRange", "leaf", "13-4"),
            ],
        ),
        (
            "R G A E, f. 8, op. 1, d. 2, ll. 41-45ob.",
            [
                ("orgName", "archives.xml#rgae", "R G A E"),
                ("idno", "fond", "8"),
                ("idno", "opis", "1"),
                ("idno", "delo", "2"),
                ("citedRange", "leaf", "41-45ob"),
            ],
        ),
    ],
)
def test_location_labels_in_many_spellings(finder: CitationFinder, text: str, expected) -> None:
    spans = finder("1", text)
    assert len(spans) == 1 and spans[0].attrib["type"] == "archival"
    assert _parts(text, spans[0]) == expected


def test_archive_with_gloss_title_and_date(finder: CitationFinder) -> None:
    text = (
        'PAC (Public Archives of Canada), f. 25, d. 3, "Report on dues," May 12, 1924. More text.'
    )
    span = finder("7", text)[0]
    assert text[span.start : span.end].endswith("May 12, 1924")
    assert ("title", "", '"Report on dues,"') in _parts(text, span)
    assert span.attrib[XML_ID] == "n7-b1"


def test_two_locations_in_one_note_stay_apart(finder: CitationFinder) -> None:
    text = "ANTT, F. 1, D. 2, L. 3, and ANTT, F. 4, D. 5, L. 6; F. 7, D. 8, L. 9."
    spans = finder("2", text)
    assert len(spans) == 3
    assert spans[2].comment and "archive not named" in spans[2].comment


def test_leaf_ranges() -> None:
    assert _range("61-67") == ("61", "67")
    assert _range("13-4") == ("13", "14")
    assert _range("1005-6") == ("1005", "1006")
    assert _range("41-45ob") == ("41", "45")


def test_labels_learned_from_the_glossary(finder: CitationFinder) -> None:
    finder.add_glossary([("Cx.", "Papka [Folder]"), ("Pt", "Portfel' [Portfolio]")])
    text = "ANTT, F. 1, Cx. 4, Pt 2"
    parts = _parts(text, finder("1", text)[0])
    assert ("idno", "papka", "4") in parts and ("idno", "portfel", "2") in parts


def test_published_work_ibid_and_op_cit(finder: CitationFinder) -> None:
    first = "Miguel Pereira, Harbours and Empires in the Atlantic (Lisbon: Tagus, 1987), 44-46."
    span = finder("3", first)[0]
    assert span.attrib["corresp"] == "bibliography.xml#pereira-1987"
    assert first[span.start : span.end] == first[:-1]
    assert ("citedRange", "page", "44-46") in _parts(first, span)
    ibid = finder("4", "Ibid., 47.")[0]
    assert ibid.attrib["sameAs"] == "#n3-b1"
    assert ibid.attrib["corresp"] == "bibliography.xml#pereira-1987"
    opcit = finder("5", "See Pereira, op. cit., 50.")[0]
    assert opcit.attrib["sameAs"] == "#n3-b1"
    assert ("citedRange", "page", "50") in _parts("See Pereira, op. cit., 50.", opcit)
    supra = finder("6", "As in note 3 supra.")[0]
    assert supra.attrib["sameAs"] == "#n3-b1"


def test_ibid_after_archival_copies_the_type(finder: CitationFinder) -> None:
    finder("1", "ANTT, F. 12, D. 45, L. 7.")
    ibid = finder("2", "Ibid.")[0]
    assert ibid.attrib == {"sameAs": "#n1-b1", "type": "archival",
                           XML_ID: "n2-b1"}  # fmt: skip


def test_ibid_without_antecedent_is_flagged(finder: CitationFinder) -> None:
    assert "antecedent not found" in finder("1", "Ibid., 4.")[0].comment


def test_archives_come_only_from_the_register() -> None:
    spans = CitationFinder(load_registers(None))("1", "RGANI, F. 3, Op. 12")
    assert [c.tag for c in spans[0].children] == ["idno", "idno"]  # no orgName: no archive list
    assert spans[0].comment == "archive not named"
