"""`teipress import` on the command line: output, overwriting, report, exit codes, schema."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_support import DATA, project, write_source
from teipress.cli import main

SCHEMA = Path(__file__).resolve().parents[1] / "tei" / "schema" / "teipress.rng"


def _run(args: list[str], cwd: Path) -> tuple[int, bytes, str]:
    runner = CliRunner()
    with contextlib.chdir(cwd):
        result = runner.invoke(main, ["import", *args], catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


def test_stdout_without_output_option(tmp_path: Path) -> None:
    edition = project(tmp_path)
    code, out, _err = _run([str(DATA / "telegram.txt"), "--project", str(edition)], tmp_path)
    assert code == 0
    root = etree.fromstring(out)
    assert root.get("{http://www.w3.org/XML/1998/namespace}id") == "telegram"
    assert b'ref="persons.xml#coelho"' in out


def test_output_file_never_overwritten_without_force(tmp_path: Path) -> None:
    edition = project(tmp_path)
    target = tmp_path / "out.xml"
    target.write_text("<keep/>", encoding="utf-8")
    args = [str(DATA / "article.txt"), "-o", str(target), "--project", str(edition)]
    code, _out, err = _run(args, tmp_path)
    assert code == 2 and "use --force" in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "<keep/>"
    code, _out, _err = _run([*args, "--force", "--id", "harbour-1925"], tmp_path)
    assert code == 0
    assert etree.parse(str(target)).getroot().get("{http://www.w3.org/XML/1998/namespace}id") == (
        "harbour-1925"
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.xml")] == []


def test_never_writes_over_the_source(tmp_path: Path) -> None:
    source = write_source(tmp_path, "A short text.\n")
    code, _out, err = _run([str(source), "-o", str(source), "--force"], tmp_path)
    assert code == 2 and "source itself" in err
    assert source.read_text(encoding="utf-8") == "A short text.\n"


def test_report_lists_unknown_names_and_counts(tmp_path: Path) -> None:
    edition = project(tmp_path)
    code, _out, err = _run([str(DATA / "article.txt"), "--report", "--project", str(edition)],
                           tmp_path)  # fmt: skip
    assert code == 0
    assert "imported as article" in err and "notes: 6" in err
    assert "Quentin Marlowe" in err


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"", 1, "file is empty"),
        (b"\x00\x01\x02binary\x00" * 50, 1, "binary file"),
        (b"12 34\n\n-- 56 --\n", 1, "no paragraphs"),
        ("Письмо товарищу".encode("cp1251") * 3, 2, "--encoding"),
    ],
)
def test_bad_input_one_line_error_and_exit_code(tmp_path: Path, content: bytes, code: int,
                                                message: str) -> None:  # fmt: skip
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    target = tmp_path / "out.xml"
    got, _out, err = _run([str(source), "-o", str(target)], tmp_path)
    assert got == code
    line = [x for x in err.splitlines() if "bad.txt" in x]
    assert len(line) == 1 and message in line[0] and "Traceback" not in err
    assert not target.exists()


def test_missing_source_and_bad_id_are_usage_errors(tmp_path: Path) -> None:
    code, _out, err = _run([str(tmp_path / "none.txt")], tmp_path)
    assert code == 2 and "not found" in err
    source = write_source(tmp_path, "Text.\n")
    code, _out, err = _run([str(source), "--id", "Bad Id"], tmp_path)
    assert code == 2 and "--id" in err


def test_windows_1252_crlf_source_imports(tmp_path: Path) -> None:
    source = tmp_path / "win.txt"
    source.write_bytes(
        "Caf\u00e9 \u201cd\u00e9j\u00e0\u201d.\r\n\r\nSecond paragraph.\r\n".encode("cp1252")
    )
    code, out, err = _run([str(source), "--report"], tmp_path)
    assert code == 0 and "cp1252 (guessed)" in err
    assert "Caf\u00e9 \u201cd\u00e9j\u00e0\u201d." in out.decode("utf-8")
    assert b"\r" not in out


def test_lines_without_blank_lines_become_paragraphs(tmp_path: Path) -> None:
    source = write_source(tmp_path, "First line of verse\nSecond line of verse\nThird line\n")
    code, out, _err = _run([str(source)], tmp_path)
    body = etree.fromstring(out).find("{http://www.tei-c.org/ns/1.0}text")
    assert code == 0 and [p.text for p in body.iter("{http://www.tei-c.org/ns/1.0}p")] == [
        "First line of verse",
        "Second line of verse",
        "Third line",
    ]


@pytest.mark.skipif(not SCHEMA.exists(), reason="edition schema tei/schema/teipress.rng not built")
@pytest.mark.parametrize("name", ["article.txt", "telegram.txt"])
def test_output_is_valid_against_the_edition_schema(tmp_path: Path, name: str) -> None:
    edition = project(tmp_path)
    code, out, _err = _run([str(DATA / name), "--project", str(edition)], tmp_path)
    assert code == 0
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    document = etree.ElementTree(etree.fromstring(out))
    assert schema.validate(document), schema.error_log.last_error
