"""Decoding of import sources: UTF-8, BOMs, Windows-1252/Latin-1, CRLF, empty and binary files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from teipress.errors import ContentError, InputError
from teipress.importer.textsource import decode_source, read_source

TEXT = "Déjà vu in Zürich: “quoted” – Łódź.\n\nSecond paragraph.\n"  # noqa: RUF001


def test_utf8_is_read_as_is() -> None:
    source = decode_source(TEXT.encode("utf-8"), "a.txt")
    assert source.text == TEXT
    assert (source.encoding, source.guessed, source.crlf) == ("utf-8", False, False)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks_decide_the_encoding(encoding: str) -> None:
    source = decode_source(TEXT.encode(encoding), "a.txt")
    assert source.text == TEXT


def test_windows_1252_is_detected_and_reported_as_a_guess() -> None:
    text = "Caf\u00e9 \u201cBr\u00fcnnich\u201d \u2013 na\u00efve r\u00e9sum\u00e9.\n"
    source = decode_source(text.encode("cp1252"), "a.txt")
    assert source.text == text
    assert source.encoding == "cp1252" and source.guessed


def test_latin1_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    data = "Se\u00f1or Mu\u00f1oz".encode("latin-1") + b"\x81"
    source = decode_source(data, "a.txt")
    assert source.encoding == "latin-1"
    assert source.text.startswith("Se\u00f1or Mu\u00f1oz")


def test_cyrillic_8bit_text_asks_for_encoding_with_line_and_column() -> None:
    data = b"Line one\n" + "Письмо ЦК КПСС товарищу Тито".encode("cp1251")
    with pytest.raises(InputError) as info:
        decode_source(data, "ru.txt")
    message = str(info.value)
    assert "--encoding" in message and "ru.txt:2:1:" in message
    assert info.value.exit_code == 2


def test_explicit_encoding_wins() -> None:
    data = "Письмо ЦК".encode("cp1251")
    assert decode_source(data, "ru.txt", "cp1251").text == "Письмо ЦК"


def test_unknown_or_wrong_explicit_encoding_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        decode_source(b"abc", "a.txt", "no-such-codec")
    with pytest.raises(InputError, match="not valid ascii"):
        decode_source("é".encode(), "a.txt", "ascii")


def test_crlf_and_cr_line_endings_become_newlines() -> None:
    source = decode_source(b"one\r\ntwo\r\n\r\nthree\rfour", "a.txt")
    assert source.text == "one\ntwo\n\nthree\nfour"
    assert source.crlf


def test_form_feed_is_a_page_break_between_blocks() -> None:
    assert decode_source(b"page one\x0cpage two", "a.txt").text == "page one\n\npage two"


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  \n"])
def test_empty_file_is_a_content_error(data: bytes) -> None:
    with pytest.raises(ContentError, match="empty") as info:
        decode_source(data, "e.txt")
    assert info.value.exit_code == 1


def test_binary_file_is_refused_with_position() -> None:
    data = b"PK\x03\x04" + bytes(range(256)) * 4
    with pytest.raises(ContentError, match="binary") as info:
        decode_source(data, "x.zip")
    assert "x.zip:1:" in str(info.value)


def test_stray_control_character_is_located() -> None:
    data = b"fine line\nbad \x1b[0m escape\n" + b"text " * 100
    with pytest.raises(ContentError, match="U\\+001B") as info:
        decode_source(data, "c.txt")
    assert "c.txt:2:5:" in str(info.value)


def test_missing_file_and_folder_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        read_source(tmp_path)
