"""The benchmark corpus generator: valid TEI of the edition's shape, deterministic by seed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from corpus_support import GENERATOR, generate_corpus
from teipress.cli import main

T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def generate(out: Path, *args: str) -> Path:
    return generate_corpus(out, "--docs", "5", "--size-mb", "0.3", *args)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("corpus") / "edition", "--seed", "7")


def test_tiny_corpus_validates_with_teipress_validate(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--project", str(corpus)])
    assert result.exit_code == 0, result.output
    assert " 0 errors" in result.output


def test_corpus_has_the_shape_of_an_edition(corpus: Path) -> None:
    docs = sorted((corpus / "tei" / "documents").glob("*.xml"))
    assert len(docs) == 5 and (corpus / "teipress.toml").is_file()
    registers = {p.stem for p in (corpus / "tei" / "registers").glob("*.xml")}
    assert registers == {"persons", "organisations", "places", "archives", "bibliography"}
    volume = etree.parse(str(corpus / "tei" / "documents" / "volume.xml")).getroot()
    divs = volume.findall(f".//{T}div[@type='document']")
    assert len(divs) >= 3 and all(d.get(XML_ID) for d in divs)
    text = "".join(p.read_text(encoding="utf-8") for p in docs)
    needles = [
        '<bibl type="archival"',
        'corresp="bibliography.xml#',
        "sameAs=",
        "<date when=",
        "<persName ref=",
        "<placeName ref=",
        "<orgName ref=",
        '<note place="foot"',
    ]
    for needle in needles:
        assert needle in text, needle


def test_same_seed_same_bytes_other_seed_other_bytes(corpus: Path, tmp_path: Path) -> None:
    again = generate(tmp_path / "again", "--seed", "7")
    other = generate(tmp_path / "other", "--seed", "8")
    for path in sorted(corpus.rglob("*.xml")):
        rel = path.relative_to(corpus)
        assert (again / rel).read_bytes() == path.read_bytes(), rel
    assert (other / "tei/documents/volume.xml").read_bytes() != (
        corpus / "tei/documents/volume.xml"
    ).read_bytes()


def test_refuses_a_folder_that_is_not_empty(corpus: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(GENERATOR), str(corpus)], capture_output=True, text=True
    )
    assert run.returncode == 2 and "not empty" in run.stderr
