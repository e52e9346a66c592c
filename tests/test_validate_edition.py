"""Edition-wide checks: pointers across files, ids, register use and name spellings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from teipress.config import load_config
from teipress.validate import Report, validate_paths
from teipress.validate.names import matches, normalise
from validate_support import DATA, cache_dir

__all__ = ["cache_dir"]


@pytest.fixture
def edition(tmp_path: Path, cache_dir: Path) -> Path:
    """A copy of the small valid test edition, free to be broken."""
    root = tmp_path / "edition"
    shutil.copytree(DATA / "edition", root)
    return root


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = next(root.rglob(name))
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def run(root: Path, *paths: Path) -> Report:
    return validate_paths(load_config(root), list(paths))


def codes(report: Report) -> list[tuple[str, str]]:
    return [(Path(d.path).name, d.code) for d in report.diagnostics]


def test_the_test_edition_is_valid(edition: Path) -> None:
    report = run(edition)
    assert report.diagnostics == []
    assert len(report.files) == 5


def test_unresolved_pointer_to_a_missing_id(edition: Path) -> None:
    edit(edition, "letter-1.xml", "persons.xml#dorn", "persons.xml#doorn")
    report = run(edition)
    (diag,) = report.diagnostics
    assert (diag.code, Path(diag.path).name) == ("unresolved-pointer", "letter-1.xml")
    assert 'persons.xml has no xml:id "doorn"; did you mean "dorn"?' in diag.message
    line = (edition / "tei/documents/letter-1.xml").read_text().splitlines()[diag.line - 1]
    assert line[diag.col - 1 :].startswith('<persName ref="persons.xml#doorn"')


def test_unresolved_pointer_to_a_missing_file(edition: Path) -> None:
    edit(edition, "letter-1.xml", "places.xml#oslo", "towns.xml#oslo")
    report = run(edition)
    assert codes(report) == [("letter-1.xml", "unresolved-pointer"), ("places.xml", "unused-entry")]
    diag = report.diagnostics[0]
    assert "towns.xml is not a file of the edition" in diag.message


def test_same_file_pointer_must_resolve(edition: Path) -> None:
    edit(edition, "letter-1.xml", 'target="#n1"', 'target="#n2"')
    (diag,) = run(edition).diagnostics
    assert 'this file has no xml:id "n2"' in diag.message


def test_relative_pointer_resolves_against_the_file(edition: Path) -> None:
    edit(edition, "letter-1.xml", "../registers/places.xml#bergen", "../registers/places.xml#nope")
    (diag,) = run(edition).diagnostics
    assert diag.code == "unresolved-pointer"


def test_duplicate_xml_ids_in_one_file_are_all_reported(edition: Path) -> None:
    edit(edition, "persons.xml", 'xml:id="dorn"', 'xml:id="berg"')
    report = run(edition)
    assert ("persons.xml", "duplicate-id") in codes(report)


def test_duplicate_document_ids(edition: Path) -> None:
    edit(edition, "letter-2.xml", 'xml:id="letter-2"', 'xml:id="letter-1"')
    report = run(edition)
    assert codes(report) == [("letter-2.xml", "duplicate-document-id")]
    assert "letter-1.xml" in report.diagnostics[0].message


def test_unused_register_entry_is_a_warning(edition: Path) -> None:
    edit(
        edition,
        "places.xml",
        "</listPlace>",
        '<place xml:id="rome"><placeName>Rome</placeName></place></listPlace>',
    )
    report = run(edition)
    assert codes(report) == [("places.xml", "unused-entry")]
    assert report.diagnostics[0].severity == "warning"
    assert report.exit_code() == 0 and report.exit_code(strict=True) == 1


def test_name_linked_to_the_wrong_entry_is_a_warning(edition: Path) -> None:
    edit(edition, "letter-2.xml", "persons.xml#dorn", "persons.xml#berg")
    report = run(edition)
    assert ("letter-2.xml", "name-variant") in codes(report)
    diag = next(d for d in report.diagnostics if d.code == "name-variant")
    assert '"C. Dorn" is linked to persons.xml#berg (Ana Berg)' in diag.message


def test_name_spelled_in_none_of_the_variants_is_a_warning(edition: Path) -> None:
    edit(edition, "letter-1.xml", ">Oslo</placeName>", ">Trondheim</placeName>")
    assert codes(run(edition)) == [("letter-1.xml", "name-variant")]


def test_referring_string_gets_no_spelling_check(edition: Path) -> None:
    edit(edition, "letter-1.xml", ">Oslo</placeName>", ">Trondheim</placeName>")
    edit(edition, "letter-1.xml", "<placeName ", "<rs ")
    edit(edition, "letter-1.xml", ">Trondheim</placeName>", ">Trondheim</rs>")
    assert codes(run(edition)) == []


def test_name_kind_across_files(edition: Path) -> None:
    edit(
        edition, "letter-1.xml", 'persName ref="persons.xml#dorn"', 'persName ref="places.xml#oslo"'
    )
    report = run(edition)
    assert ("letter-1.xml", "ref-person") in codes(report)


def test_checking_one_file_resolves_against_the_whole_edition(edition: Path) -> None:
    letter = edition / "tei/documents/letter-1.xml"
    report = run(edition, letter)
    assert report.diagnostics == [] and len(report.files) == 1


def test_checking_one_file_reports_only_that_file(edition: Path) -> None:
    edit(edition, "letter-2.xml", "persons.xml#dorn", "persons.xml#nobody")
    report = run(edition, edition / "tei/documents/letter-1.xml")
    assert report.diagnostics == []


@pytest.mark.parametrize(
    ("mention", "names", "ok"),
    [
        ("Tito", ["Josip Broz Tito"], True),
        ("Tito's", ["Josip Broz Tito"], True),
        ("J. B. Tito", ["Josip Broz Tito"], True),
        ("Comrade Tito", ["Josip Broz Tito"], True),
        ("Rakosi", ["Mátyás Rákosi"], True),
        ("Khrushchev\u2019s", ["Nikita Khrushchev"], True),
        ("Khrushcheva", ["Nikita Khrushchev"], True),
        ("Nagy", ["Nikita Khrushchev"], False),
        ("Imre Nagy", ["Ferenc Nagy"], False),
    ],
)
def test_name_matching(mention: str, names: list[str], ok: bool) -> None:
    others = {"imre"}
    assert matches(mention, names, lambda w: w in others) is ok


def test_normalise() -> None:
    assert normalise("  Mátyás  RÁKOSI's ") == "matyas rakosi"


def test_a_file_index_keeps_its_pointers_pickled_until_they_are_checked(tmp_path: Path) -> None:
    """The build holds every file's index until the edition checks; its pointers (ten
    times their pickle as objects) stay pickled and are read one file at a time."""
    import pickle

    from lxml import etree

    from teipress.validate.edition import index_file

    xml = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'
        '<p><persName ref="persons.xml#tito">Tito</persName> and '
        '<persName ref="persons.xml#tito">Tito</persName></p></body></text></TEI>'
    )
    path = tmp_path / "doc.xml"
    path.write_text(xml, encoding="utf-8")
    index = index_file(etree.parse(str(path)), path, "doc.xml")
    assert isinstance(index.pointers, bytes)
    places = index.pointer_places()
    [(pointer, where)] = places.items()
    assert (pointer.file, pointer.ident, pointer.element) == ("persons.xml", "tito", "persName")
    assert where == [(1, "persName", 0), (1, "persName", 1)]
    assert pickle.loads(pickle.dumps(index)).pointer_places() == places
    assert index.pack() is index and index.pointer_places() == places
