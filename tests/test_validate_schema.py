"""teipress's schema: generated from its .rnc, a true subset of TEI P5, and fit for the edition."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teipress.config import edition_files, load_config
from teipress.reader import parse_file
from teipress.validate.compile_schema import main as compile_schema
from teipress.validate.rngmodel import GrammarModel
from validate_support import DATA, REPO, SCHEMA_DIR

TEI_ALL = REPO.parent / "shared" / "schemas" / "tei_all.rng"  # ../shared beside the clone
ALL_ELEMENTS = DATA / "schema" / "all-elements.xml"
needs_tei_all = pytest.mark.skipif(not TEI_ALL.is_file(), reason="tei_all.rng not available")


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    """tei_all.rng compiled once for the whole test session (it takes seconds)."""
    return etree.RelaxNG(etree.parse(str(TEI_ALL)))


@pytest.fixture(scope="session")
def teipress_rng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMA_DIR / "teipress.rng")))


def sample_edition() -> list[Path]:
    return edition_files(load_config(REPO))


def test_rng_is_generated_from_the_rnc() -> None:
    assert compile_schema([str(SCHEMA_DIR / "teipress.rnc"), "--check"]) == 0


def test_stale_rng_is_detected(tmp_path: Path) -> None:
    rnc = tmp_path / "s.rnc"
    rnc.write_text("start = element a { text }\n")
    assert compile_schema([str(rnc), "--check"]) == 1
    assert compile_schema([str(rnc)]) == 0
    assert compile_schema([str(rnc), "--check"]) == 0


def _widenings(mine: GrammarModel, tei: GrammarModel) -> list[str]:
    """Children, attributes or text that `mine` allows for an element but tei_all does not."""
    problems = []
    for name in sorted(mine.names()):
        if name not in tei.names():
            problems.append(f"<{name}> is not a TEI element")
            continue
        a, b = mine.allowed(name), tei.allowed(name)
        problems += [f"<{name}> allows <{c}>" for c in sorted(a.children - b.children)]
        problems += [f"<{name}> allows @{x}" for x in sorted(set(a.attributes) - set(b.attributes))]
        if a.text and not b.text:
            problems.append(f"<{name}> allows text")
    return problems


@needs_tei_all
def test_schema_allows_nothing_tei_all_forbids() -> None:
    mine = GrammarModel(etree.parse(str(SCHEMA_DIR / "teipress.rng")))
    tei = GrammarModel(etree.parse(str(TEI_ALL)))
    assert _widenings(mine, tei) == []


@needs_tei_all
def test_the_subset_check_can_fail(tmp_path: Path) -> None:
    rng = (SCHEMA_DIR / "teipress.rng").read_text()
    pb = '<name ns="http://www.tei-c.org/ns/1.0">pb</name>'
    widened = rng.replace(pb, pb + '<optional><attribute name="colour"/></optional>', 1)
    path = tmp_path / "wide.rng"
    path.write_text(widened)
    wide = GrammarModel(etree.parse(str(path)))
    problems = _widenings(wide, GrammarModel(etree.parse(str(TEI_ALL))))
    assert problems == ["<pb> allows @colour"]


def test_fixture_uses_every_element_of_the_schema() -> None:
    model = GrammarModel(etree.parse(str(SCHEMA_DIR / "teipress.rng")))
    doc = parse_file(ALL_ELEMENTS)
    used = {etree.QName(e).localname for e in doc.iter() if isinstance(e.tag, str)}
    assert model.names() - used == set()


@needs_tei_all
def test_every_element_fixture_is_valid_against_both(
    tei_all: etree.RelaxNG, teipress_rng: etree.RelaxNG
) -> None:
    doc = parse_file(ALL_ELEMENTS)
    assert teipress_rng.validate(doc), teipress_rng.error_log
    assert tei_all.validate(doc), tei_all.error_log


@needs_tei_all
@pytest.mark.parametrize("path", sample_edition(), ids=lambda p: p.name)
def test_sample_edition_file_is_valid_against_both(
    path: Path, tei_all: etree.RelaxNG, teipress_rng: etree.RelaxNG
) -> None:
    doc = parse_file(path)
    assert teipress_rng.validate(doc), teipress_rng.error_log
    assert tei_all.validate(doc), tei_all.error_log


def test_sample_edition_exists() -> None:
    assert any(p.parent.name == "documents" for p in sample_edition())
