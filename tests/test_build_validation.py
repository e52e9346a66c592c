"""The build validates each file in its read task: same diagnostics as `teipress validate`,
cached with the file's reading, so an incremental build checks only what changed."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from teipress.build import BuildOptions, BuildReport, build, read_edition
from teipress.cli import main
from teipress.config import default_data_dir, load_config
from teipress.errors import Diagnostic
from teipress.validate import validate_paths, validator
from validate_support import cache_dir, tei, write

__all__ = ["cache_dir"]  # a fixture, used by name

RNG_NS = "http://relaxng.org/ns/structure/1.0"
PERSONS = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="persons">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Register of persons</title></titleStmt>
      <publicationStmt><p>Test fixture of teipress.</p></publicationStmt>
      <sourceDesc><p>Compiled by the editors.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      <listPerson>
        <person xml:id="berg"><persName type="main">Ana Berg</persName></person>
{extra}      </listPerson>
    </body>
  </text>
</TEI>
"""
UNUSED = '        <person xml:id="dorn"><persName type="main">Carl Dorn</persName></person>\n'
LOOSE_RNC = """default namespace = "http://www.tei-c.org/ns/1.0"
start = element TEI { attribute xml:id { text }?, any* }
any = element * { (attribute * { text } | text | any)* }
"""
STRICT_RNC = """default namespace = "http://www.tei-c.org/ns/1.0"
start = element TEI { attribute xml:id { text }?, element teiHeader { any* } }
any = element * { (attribute * { text } | text | any)* }
"""


def doc(body: str, ident: str, **kwargs: str) -> str:
    return tei(f"      <div>\n{body}\n      </div>", ident=ident, **kwargs)


def with_model(text: str, href: str) -> str:
    """`text` naming the RELAX NG schema `href` in an <?xml-model?>."""
    pi = f'<?xml-model href="{href}" schematypens="{RNG_NS}"?>\n'
    return text.replace("<TEI", pi + "<TEI", 1)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_edition(root: Path, **docs: str) -> Path:
    """An edition with its own copy of the schemas (so that a test may change them)."""
    shutil.copytree(default_data_dir("schema"), root / "schema")
    write(
        root,
        "teipress.toml",
        '[edition]\ntitle = "Test"\n\n[validate]\n'
        'schema = "schema/teipress.rng"\nschematron = "schema/teipress.sch"\n',
    )
    for name, text in docs.items():
        write(root, f"tei/documents/{name}.xml", text)
    write(root, "tei/registers/persons.xml", PERSONS.format(extra=""))
    return root


MENTION = '        <p><persName ref="persons.xml#berg">Ana Berg</persName> wrote.</p>'


@pytest.fixture
def valid(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid edition: b.xml points into a.xml and both mention the register's entry."""
    root = make_edition(
        tmp_path / "valid",
        a=doc(f'{MENTION}\n        <p xml:id="p1">A paragraph.</p>', "a"),
        b=doc(f'{MENTION}\n        <p>See <ref target="a.xml#p1">a</ref>.</p>', "b"),
    )
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each file was checked against its schemas (by file name)."""
    counts: Counter[str] = Counter()
    real = validator.check_tree

    def counting(tree, data, path, *args, **kwargs):  # type: ignore[no-untyped-def]
        counts[Path(path).name] += 1
        return real(tree, data, path, *args, **kwargs)

    monkeypatch.setattr(validator, "check_tree", counting)
    return counts


def run(root: Path, jobs: int = 1, out: str = "site") -> BuildReport:
    return build(load_config(root), BuildOptions(out=root / out, jobs=jobs))


def reported(report: BuildReport) -> list[Diagnostic]:
    return sorted(report.errors + report.warnings)


def codes(report: BuildReport) -> list[tuple[str, str]]:
    return [(Path(d.path).name, d.code) for d in reported(report)]


# ---------------------------------------------------------------- same as validate


@pytest.mark.parametrize("jobs", [1, 2])
def test_build_reports_what_validate_reports(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    root = make_edition(
        tmp_path / "bad",
        grammar=doc(f"{MENTION}\n        <foo>not TEI</foo>", "grammar"),
        rules=doc(MENTION, "rules", title=""),
        pointer=doc('        <p><persName ref="persons.xml#nobody">Nobody</persName></p>', "ptr"),
        model=with_model(doc(MENTION, "model"), "https://example.org/x.rng"),
    )
    write(root, "tei/registers/persons.xml", PERSONS.format(extra=UNUSED))
    monkeypatch.chdir(root)
    report = run(root, jobs)
    assert not report.written
    assert reported(report) == sorted(validate_paths(load_config(root)).diagnostics)
    assert codes(report) == [
        ("grammar.xml", "rng-not-allowed"),
        ("model.xml", "xml-model-unavailable"),
        ("pointer.xml", "unresolved-pointer"),
        ("rules.xml", "doc-title"),
        ("persons.xml", "unused-entry"),
    ]


def test_a_file_with_a_repeated_id_is_still_checked_and_indexed(
    valid: Path, checked: Counter[str]
) -> None:
    """The reader refuses a repeated xml:id; the file is still validated, as by `validate`."""
    text = (valid / "tei/documents/a.xml").read_text(encoding="utf-8")
    text = text.replace("A paragraph.", "A paragraph.</p><p xml:id='p1'>Again.")
    write(valid, "tei/documents/a.xml", text.replace("persons.xml#berg", "persons.xml#bergg"))
    report = run(valid)
    assert checked["a.xml"] == 1
    found = codes(report)
    assert ("a.xml", "xml-syntax") in found  # the reader's error
    assert ("a.xml", "duplicate-id") in found  # the edition checks saw its index
    assert ("a.xml", "unresolved-pointer") in found
    validated = set(validate_paths(load_config(valid)).diagnostics)
    assert validated <= set(reported(report))


# ---------------------------------------------------------------- incremental


def test_incremental_build_checks_only_the_changed_file(valid: Path, checked: Counter[str]) -> None:
    assert run(valid).written
    assert checked == {"a.xml": 1, "b.xml": 1, "persons.xml": 1}
    checked.clear()
    a = valid / "tei/documents/a.xml"
    edit(a, "A paragraph", "A new paragraph")
    assert run(valid).written
    assert checked == {"a.xml": 1}
    checked.clear()
    # The pointer of unchanged b.xml now dangles: the edition checks still see it.
    edit(a, 'xml:id="p1"', 'xml:id="p2"')
    report = run(valid)
    assert checked == {"a.xml": 1}
    assert not report.written
    assert [(d.path, d.line, d.code) for d in report.errors] == [
        ("tei/documents/b.xml", 14, "unresolved-pointer")
    ]
    assert report.errors[0].message.endswith('a.xml has no xml:id "p1"')


def test_a_schema_change_checks_every_file_again(valid: Path, checked: Counter[str]) -> None:
    assert run(valid).written
    checked.clear()
    sch = valid / "schema/teipress.sch"
    rule = (
        '<pattern><rule context="tei:div"><assert id="div-head" test="tei:head">'
        "a div needs a head</assert></rule></pattern>\n</schema>"
    )
    edit(sch, "</schema>", rule)
    report = run(valid)
    assert checked == {"a.xml": 1, "b.xml": 1, "persons.xml": 1}
    assert codes(report) == [("a.xml", "div-head"), ("b.xml", "div-head")]


def test_a_changed_schema_named_by_xml_model_is_seen(valid: Path, checked: Counter[str]) -> None:
    """Such a schema is not part of the configuration: the cached result must not hide it."""
    write(valid, "schema/loose.rnc", LOOSE_RNC)
    a = valid / "tei/documents/a.xml"
    a.write_text(with_model(a.read_text(encoding="utf-8"), "../../schema/loose.rnc"))
    assert run(valid).written
    checked.clear()
    write(valid, "schema/loose.rnc", STRICT_RNC)
    b = valid / "tei/documents/b.xml"  # (with no edition file changed, the build is a no-op)
    edit(b, "wrote", "wrote twice")
    report = run(valid)
    assert checked == {"a.xml": 1, "b.xml": 1}
    assert not report.written
    assert {code for name, code in codes(report)} == {"rng-not-allowed"}
    assert {name for name, code in codes(report)} == {"a.xml"}
    assert run(valid, out="clean").errors == report.errors  # same as a build from scratch


def test_cached_results_are_shown_relative_to_the_working_folder(
    valid: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(valid, "tei/registers/persons.xml", PERSONS.format(extra=UNUSED))
    first = run(valid)
    assert [d.path for d in first.warnings] == ["tei/registers/persons.xml"]
    monkeypatch.chdir(valid / "tei")
    b = valid / "tei/documents/b.xml"
    edit(b, "wrote", "wrote twice")
    again = run(valid)
    assert [d.path for d in again.warnings] == ["registers/persons.xml"]


def test_read_edition_does_not_validate(valid: Path, checked: Counter[str]) -> None:
    write(valid, "tei/documents/c.xml", doc(f"{MENTION}\n        <foo/>", "c"))
    edition = read_edition(load_config(valid))
    assert len(edition.docs) == 3
    assert not checked


# ---------------------------------------------------------------- schemas that cannot load


BROKEN_RNG = f'<grammar xmlns="{RNG_NS}"><start><element><empty/></element></start></grammar>\n'


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("case", ["missing", "malformed", "uncompilable", "xml-model"])
def test_a_schema_that_cannot_load_is_a_one_line_usage_error(
    valid: Path, case: str, jobs: str
) -> None:
    toml = valid / "teipress.toml"
    if case == "missing":
        edit(toml, "schema/teipress.rng", "schema/none.rng")
    elif case == "malformed":
        write(valid, "schema/teipress.rng", BROKEN_RNG[:40])
    elif case == "uncompilable":
        write(valid, "schema/teipress.rng", BROKEN_RNG)
    else:  # a document names a broken schema: found in a worker, reported by the build
        write(valid, "schema/broken.rng", BROKEN_RNG)
        a = valid / "tei/documents/a.xml"
        a.write_text(with_model(a.read_text(encoding="utf-8"), "../../schema/broken.rng"))
    result = CliRunner().invoke(main, ["build", "--jobs", jobs, "--out", str(valid / "site")])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("teipress: schema/"), result.stderr
    assert "Traceback" not in result.output
    assert not (valid / "site").exists()
