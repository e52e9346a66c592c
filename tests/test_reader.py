"""The hardened loader: every bad input becomes a one-line diagnostic, never a leak."""

from __future__ import annotations

from pathlib import Path

import pytest

from teipress.errors import ContentError, InputError
from teipress.reader import load_tei, parse_file

TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>'

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]><lolz>&lol9;</lolz>"
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_parses_a_tei_document(tmp_path: Path) -> None:
    tree = load_tei(write(tmp_path, "ok.xml", TEI))
    assert tree.getroot().tag.endswith("TEI")


def test_malformed_xml_reports_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.xml", "<TEI>\n  <p>text</q>\n</TEI>")
    with pytest.raises(ContentError) as err:
        parse_file(path)
    diag = err.value.diagnostic
    assert (diag.line, diag.code) == (2, "xml-syntax")
    assert diag.col > 0
    assert "bad.xml:2:" in str(err.value)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        parse_file(tmp_path / "nope.xml")


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "xml-empty"), (b"  \n", "xml-empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "xml-binary")],
)
def test_empty_and_binary_files(tmp_path: Path, data: bytes, code: str) -> None:
    with pytest.raises(ContentError) as err:
        parse_file(write(tmp_path, "x.xml", data))
    assert err.value.diagnostic.code == code


def test_invalid_utf8_names_the_position(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.xml", b'<?xml version="1.0" encoding="UTF-8"?>\n<p>caf\xe9</p>')
    with pytest.raises(ContentError) as err:
        parse_file(path)
    assert err.value.diagnostic.line == 2


def test_billion_laughs_fails_fast(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="entity expansion refused"):
        parse_file(write(tmp_path, "lol.xml", LAUGHS))


def test_external_entity_is_never_loaded(tmp_path: Path) -> None:
    secret = write(tmp_path, "secret.txt", "TOP-SECRET-CONTENT")
    doc = f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]><r>&x;</r>'
    with pytest.raises(ContentError) as err:
        parse_file(write(tmp_path, "xxe.xml", doc))
    assert "TOP-SECRET" not in str(err.value)


def test_root_must_be_tei_in_its_namespace(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="lacks the TEI namespace"):
        load_tei(write(tmp_path, "nons.xml", "<TEI><teiHeader/></TEI>"))
    with pytest.raises(ContentError, match="not a TEI document"):
        load_tei(write(tmp_path, "html.xml", "<html/>"))


def test_xinclude_inside_the_edition_is_resolved(tmp_path: Path) -> None:
    write(tmp_path, "part.xml", '<p xmlns="http://www.tei-c.org/ns/1.0">included</p>')
    main = write(
        tmp_path,
        "main.xml",
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">'
        '<xi:include href="part.xml"/></TEI>',
    )
    tree = load_tei(main, allowed_root=tmp_path)
    assert "included" in "".join(tree.getroot().itertext())


def test_xinclude_outside_the_edition_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "outside.xml", "<p>OUTSIDE-SECRET</p>")
    edition = tmp_path / "edition"
    edition.mkdir()
    main = write(
        edition,
        "main.xml",
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">'
        '<xi:include href="../outside.xml"/></TEI>',
    )
    with pytest.raises(ContentError, match="XInclude failed") as err:
        load_tei(main, allowed_root=edition)
    assert "OUTSIDE-SECRET" not in str(err.value)
