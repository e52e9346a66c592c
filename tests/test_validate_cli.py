"""`teipress validate` on the command line: output form, exit codes and every kind of bad input."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from teipress.cli import main
from teipress.validate.grammar import Grammar
from validate_support import REPO, cache_dir, tei, write

__all__ = ["cache_dir"]

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + ']><TEI xmlns="http://www.tei-c.org/ns/1.0">&lol9;</TEI>'
)
GOOD = tei("      <p>Dear <persName>Carl</persName>, thank you.</p>")


@pytest.fixture
def here(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder outside any edition."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["validate", *args])


def output(result: Result) -> str:
    return result.stdout + result.stderr


def digests(folder: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def test_sample_edition_is_valid() -> None:
    result = run("--project", str(REPO))
    assert result.exit_code == 0, output(result)
    assert " files checked: " in result.stdout.splitlines()[-1]


def test_valid_file_exits_0_with_a_summary(here: Path) -> None:
    write(here, "ok.xml", GOOD)
    result = run("ok.xml")
    assert result.exit_code == 0, output(result)
    assert result.stdout == "1 file checked: valid\n"


def test_problem_lines_use_the_editor_format(here: Path) -> None:
    write(here, "bad.xml", tei('      <p>See <date when="1956-02-30">then</date>.</p>'))
    result = run("bad.xml")
    assert result.exit_code == 1
    first, summary = result.stdout.splitlines()
    assert first.startswith('bad.xml:12:20: error: @when="1956-02-30" on <date> is not valid')
    assert first.endswith("[rng-value]")
    assert summary == "1 file checked: 1 error, 0 warnings"


def test_json_output_has_the_same_content(here: Path) -> None:
    write(here, "bad.xml", tei('      <p>One<note place="foot" n="2">a</note>.</p>'))
    result = run("bad.xml", "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["exit_code"] == 1
    (diag,) = data["diagnostics"]
    assert diag["code"] == "note-number-gap" and diag["path"] == "bad.xml"
    assert set(diag) == {"path", "line", "col", "severity", "code", "message"}


def test_strict_turns_warnings_into_failure(here: Path) -> None:
    doc = tei("      <p>x</p>").replace(
        "<?xml",
        '<?xml-model href="https://example.org/x.rng" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>\n<?xml',
        0,
    )
    write(
        here,
        "w.xml",
        doc.replace(
            "<TEI",
            '<?xml-model href="https://example.org/x.rng" '
            'schematypens="http://relaxng.org/ns/structure/1.0"?>\n<TEI',
            1,
        ),
    )
    assert run("w.xml").exit_code == 0
    assert run("w.xml", "--strict").exit_code == 1


def test_folder_argument_checks_its_xml_files(here: Path) -> None:
    write(here, "d/a.xml", GOOD)
    write(here, "d/sub/b.xml", GOOD.replace('xml:id="doc"', 'xml:id="doc-b"'))
    write(here, "d/notes.txt", "not xml")
    result = run("d")
    assert result.exit_code == 0 and result.stdout.startswith("2 files checked")


# ---------------------------------------------------------------- bad input


BAD_INPUT = {
    "malformed": ("bad.xml", b"<TEI>\n  <p>text</q>\n</TEI>", 1, "bad.xml:2:", "xml-syntax"),
    "not-tei": ("html.xml", b"<html><body/></html>", 1, "not a TEI document", "tei-root"),
    "no-namespace": ("nons.xml", b"<TEI><teiHeader/></TEI>", 1, "lacks the TEI namespace",
                     "tei-root"),
    "empty": ("empty.xml", b"", 1, "file is empty", "xml-empty"),
    "binary": ("pic.xml", b"\x89PNG\r\n\x1a\n\x00\x00\x00", 1, "binary file", "xml-binary"),
    "invalid-utf8": ("latin.xml", b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI>caf\xe9</TEI>', 1,
                     "latin.xml:2:", "xml-syntax"),
    "billion-laughs": ("lol.xml", LAUGHS.encode(), 1, "entity expansion refused", "xml-syntax"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_gives_one_clear_line(here: Path, case: str) -> None:
    name, data, code, text, rule = BAD_INPUT[case]
    write(here, name, data)
    before = digests(here)
    started = time.perf_counter()
    result = run(name)
    assert time.perf_counter() - started < 10
    assert result.exit_code == code, output(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and text in lines[0] and lines[0].endswith(f"[{rule}]")
    assert "Traceback" not in output(result)
    assert digests(here) == before


def test_missing_file_exits_2(here: Path) -> None:
    write(here, "ok.xml", GOOD)
    result = run("ok.xml", "nope.xml")
    assert result.exit_code == 2
    assert "nope.xml:0:0: error: file not found [io-missing]" in result.stdout


def test_folder_without_xml_exits_2(here: Path) -> None:
    (here / "empty").mkdir()
    result = run("empty")
    assert result.exit_code == 2
    assert result.stderr.strip() == "teipress: empty: no XML files in this folder"


def test_external_entity_content_never_appears(here: Path) -> None:
    secret = write(here, "secret.txt", "TOP-SECRET-CONTENT")
    doc = f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>\n' + GOOD.split("\n", 1)[1]
    write(here, "xxe.xml", doc.replace("thank you", "&x;"))
    result = run("xxe.xml", "--format", "json")
    assert result.exit_code == 1
    assert "TOP-SECRET" not in output(result)
    assert json.loads(result.stdout)["diagnostics"][0]["code"] == "xml-syntax"


def test_typo_in_teipress_toml_exits_2(here: Path) -> None:
    write(here, "teipress.toml", '[edition]\ntitel = "x"\n')
    result = run()
    assert result.exit_code == 2
    assert "did you mean 'edition.title'?" in result.stderr
    assert "Traceback" not in output(result)


def test_no_edition_and_no_paths_exits_2(here: Path) -> None:
    result = run()
    assert result.exit_code == 2 and "teipress.toml" in result.stderr


BROKEN_SCHEMAS = {
    "broken.rng": ("<grammar xmlns='http://relaxng.org/ns/structure/1.0'><start>", "broken.rng:1:"),
    "notrng.rng": ("<grammar xmlns='http://relaxng.org/ns/structure/1.0'><nonsense/></grammar>",
                   "broken schema"),
    "broken.rnc": ("start = element a { text \n", "broken.rnc:"),
    "broken.xsd": ("<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:bogus/></xs:schema>",
                   "broken schema"),
    "broken.sch": ("<schema xmlns='http://purl.oclc.org/dsdl/schematron'><pattern><rule/></pattern>"
                   "</schema>", "broken Schematron"),
    "badxpath.sch": ("<schema xmlns='http://purl.oclc.org/dsdl/schematron' queryBinding='xslt'>"
                     "<pattern><rule context='*'><assert test='(((' id='x'>m</assert></rule>"
                     "</pattern></schema>", "broken Schematron"),
    "remote.rng": ("<grammar xmlns='http://relaxng.org/ns/structure/1.0'><include "
                   "href='http://example.org/x.rng'/></grammar>",
                   "never loads schemas from the network"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BROKEN_SCHEMAS))
def test_broken_schema_exits_2(here: Path, name: str) -> None:
    text, expected = BROKEN_SCHEMAS[name]
    write(here, name, text)
    write(here, "ok.xml", GOOD)
    result = run("ok.xml", "--schema", name)
    assert result.exit_code == 2, output(result)
    assert expected in result.stderr and "[schema-broken]" in result.stderr
    assert "Traceback" not in output(result)


def test_unknown_schema_kind_exits_2(here: Path) -> None:
    write(here, "ok.xml", GOOD)
    write(here, "schema.dtd", "<!ELEMENT TEI ANY>")
    result = run("ok.xml", "--schema", "schema.dtd")
    assert result.exit_code == 2 and "unknown kind of schema" in result.stderr


def test_missing_schema_exits_2(here: Path) -> None:
    write(here, "ok.xml", GOOD)
    result = run("ok.xml", "--schema", "nope.rng")
    assert result.exit_code == 2 and "schema file not found" in result.stderr


# ---------------------------------------------------------------- user schemas

LETTER_RNC = """default namespace = "http://www.tei-c.org/ns/1.0"
start = element TEI {
  attribute xml:id { text }?, element teiHeader { any* }, element text { any* }
}
any = element * { attribute * { text }*, (text | any)* }
"""
LETTER_XSD = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
  targetNamespace="http://www.tei-c.org/ns/1.0" elementFormDefault="qualified">
  <xs:element name="TEI"><xs:complexType><xs:sequence>
    <xs:element name="teiHeader"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>"""
NO_NOTES_SCH = """<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">
  <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <pattern><rule context="tei:note">
    <assert id="no-notes" test="false()">notes are not allowed in this edition</assert>
    <report id="note-seen" role="warning" test="true()">a note</report>
  </rule></pattern>
</schema>"""


def test_user_rnc_replaces_the_grammar(here: Path) -> None:
    write(here, "loose.rnc", LETTER_RNC)
    write(here, "doc.xml", tei("      <anything>goes</anything>"))
    assert run("doc.xml").exit_code == 1
    result = run("doc.xml", "--schema", "loose.rnc")
    assert result.exit_code == 0, output(result)


def test_user_xsd(here: Path) -> None:
    write(here, "tiny.xsd", LETTER_XSD)
    write(here, "doc.xml", GOOD)
    result = run("doc.xml", "--schema", "tiny.xsd")
    assert result.exit_code == 1
    assert (
        "doc.xml:10:3: error: Element 'text': This element is not expected (at /TEI/text) [xsd]"
        in result.stdout
    )


def test_user_schematron_replaces_the_rules(here: Path) -> None:
    write(here, "rules.sch", NO_NOTES_SCH)
    write(here, "doc.xml", tei('      <p>One<note place="foot" n="1">a</note>.</p>'))
    result = run("doc.xml", "--schema", "rules.sch")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith("error: notes are not allowed in this edition [no-notes]")
    assert lines[1].endswith("warning: a note [note-seen]")


# ---------------------------------------------------------------- xml-model

RNG_NS = "http://relaxng.org/ns/structure/1.0"


def with_model(href: str, body: str = "      <anything>goes</anything>") -> str:
    pi = f'<?xml-model href="{href}" schematypens="{RNG_NS}"?>\n'
    doc = tei(body)
    return doc.replace("<TEI", pi + "<TEI", 1)


def test_xml_model_with_a_relative_href_is_honoured(here: Path) -> None:
    write(here, "schemas/loose.rnc", LETTER_RNC)
    write(here, "doc.xml", with_model("schemas/loose.rnc"))
    result = run("doc.xml")
    assert result.exit_code == 0, output(result)
    assert run("doc.xml", "--schema", str(REPO / "tei/schema/teipress.rng")).exit_code == 1


def test_remote_xml_model_is_never_downloaded(here: Path) -> None:
    write(here, "doc.xml", with_model("https://example.org/schema/loose.rnc"))
    result = run("doc.xml")
    assert result.exit_code == 1
    warning = next(line for line in result.stdout.splitlines() if "xml-model-unavailable" in line)
    assert warning.startswith("doc.xml:2:1: warning: schema https://example.org/schema/loose.rnc")


def test_remote_xml_model_from_the_local_cache(here: Path, cache_dir: Path) -> None:
    write(cache_dir / "schemas/example.org/schema", "loose.rnc", LETTER_RNC)
    write(here, "doc.xml", with_model("https://example.org/schema/loose.rnc"))
    assert run("doc.xml").exit_code == 0


def test_remote_xml_model_through_an_xml_catalog(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(here, "local/loose.rnc", LETTER_RNC)
    catalog = write(
        here,
        "catalog.xml",
        '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">'
        '<rewriteURI uriStartString="https://example.org/schema/" rewritePrefix="local/"/>'
        "</catalog>",
    )
    monkeypatch.setenv("XML_CATALOG_FILES", str(catalog))
    write(here, "doc.xml", with_model("https://example.org/schema/loose.rnc"))
    assert run("doc.xml").exit_code == 0


# ---------------------------------------------------------------- speed


def test_repeated_run_reuses_cached_results(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(here, "doc.xml", GOOD)
    assert run("doc.xml").exit_code == 0

    def no_compile(self: Grammar) -> None:
        raise AssertionError("grammar compiled although the result was cached")

    monkeypatch.setattr(Grammar, "compile", no_compile)
    assert run("doc.xml").exit_code == 0
    write(here, "doc.xml", GOOD.replace("thank you", "thanks"))
    with pytest.raises(AssertionError, match="grammar compiled"):
        CliRunner().invoke(main, ["validate", "doc.xml"], catch_exceptions=False)


def test_cache_can_be_turned_off(
    here: Path, monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    monkeypatch.setenv("TEIPRESS_NO_CACHE", "1")
    write(here, "doc.xml", GOOD)
    assert run("doc.xml").exit_code == 0
    assert not cache_dir.exists()


def test_xinclude_change_invalidates_cached_results(here: Path) -> None:
    xi = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
    doc = tei('      <xi:include href="part.xml"/>').replace("<TEI ", f"<TEI {xi} ", 1)
    write(here, "doc.xml", doc)
    write(here, "part.xml", '<p xmlns="http://www.tei-c.org/ns/1.0">fine</p>')
    assert run("doc.xml").exit_code == 0
    write(here, "part.xml", '<p xmlns="http://www.tei-c.org/ns/1.0" colour="red">x</p>')
    result = run("doc.xml")
    assert result.exit_code == 1 and "[rng-attribute]" in result.stdout


# ---------------------------------------------------------------- worker processes


def _broken_edition(tmp_path: Path) -> Path:
    """The validate fixture edition with a problem of each kind in different files."""
    import shutil

    project = tmp_path / "edition"
    shutil.copytree(REPO / "tests" / "data" / "validate" / "edition", project)
    docs = project / "tei" / "documents"
    one = docs / "letter-1.xml"
    one.write_text(one.read_text().replace("persons.xml#dorn", "persons.xml#dorm"))
    two = docs / "letter-2.xml"
    two.write_text(two.read_text().replace("<p>", "<p><bogus/>", 1))
    (docs / "letter-3.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>")
    return project


def test_worker_processes_report_exactly_what_one_process_does(tmp_path: Path) -> None:
    project = _broken_edition(tmp_path)
    alone = run("--project", str(project), "--jobs", "1")
    workers = run("--project", str(project), "--jobs", "2")
    assert alone.exit_code == workers.exit_code == 1
    assert workers.stdout == alone.stdout
    lines = alone.stdout
    assert 'no xml:id "dorm"' in lines and "bogus" in lines and "letter-3.xml:1:" in lines


def test_a_broken_schema_met_in_a_worker_is_one_line_exit_2(here: Path) -> None:
    write(here, "broken.rng", BROKEN_SCHEMAS["notrng.rng"][0])
    for name in ("a.xml", "b.xml", "c.xml"):
        write(here, name, GOOD)
    result = run("a.xml", "b.xml", "c.xml", "--schema", "broken.rng", "--jobs", "2")
    assert result.exit_code == 2, output(result)
    assert result.stderr.count("\n") == 1 and "[schema-broken]" in result.stderr
    assert "Traceback" not in output(result)
