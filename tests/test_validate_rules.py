"""Schematron rules: every rule id has a fixture that fails it and one that passes it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from teipress.reader import parse_file
from teipress.validate import Validator
from teipress.validate.rules import Rules
from teipress.validate.source import SourceText
from validate_support import DATA, SCHEMA_DIR, cache_dir

__all__ = ["cache_dir"]

RULES = DATA / "rules"
SCH = SCHEMA_DIR / "teipress.sch"


def rule_ids() -> list[str]:
    """Every assert/report id declared in teipress.sch."""
    tree = etree.parse(str(SCH))
    ns = {"sch": "http://purl.oclc.org/dsdl/schematron"}
    return sorted(e.get("id") for e in tree.xpath("//sch:assert | //sch:report", namespaces=ns))


def check(path: Path) -> list:
    rules = Rules.load(SCH)
    return rules.check(parse_file(path), SourceText(path.read_bytes(), path.name))


def test_every_rule_has_a_failing_and_a_passing_fixture() -> None:
    for rule in rule_ids():
        assert (RULES / f"{rule}-fail.xml").is_file(), rule
        assert (RULES / f"{rule}-pass.xml").is_file(), rule


@pytest.mark.parametrize("rule", rule_ids())
def test_failing_fixture_breaks_exactly_its_rule(rule: str, cache_dir: Path) -> None:
    codes = {d.code for d in check(RULES / f"{rule}-fail.xml")}
    assert codes == {rule}


@pytest.mark.parametrize("fixture", sorted(p.name for p in RULES.glob("*-pass.xml")))
def test_passing_fixture_is_valid_grammar_and_rules(fixture: str, cache_dir: Path) -> None:
    path = RULES / fixture
    assert Validator().check_document(parse_file(path), path) == []


def test_failed_assert_maps_to_the_source_line_and_column(cache_dir: Path) -> None:
    path = RULES / "note-number-repeat-fail.xml"
    diags = check(path)
    lines = path.read_text().splitlines()
    assert len(diags) == 2 and diags[0].col < diags[1].col
    for d in diags:
        assert lines[d.line - 1][d.col - 1 :].startswith('<note place="foot" n="2"')
    assert diags[0].message.startswith("footnote number 2 is used 2 times")


def test_messages_are_one_line_and_name_the_values(cache_dir: Path) -> None:
    (diag,) = check(RULES / "date-range-order-fail.xml")
    assert "\n" not in diag.message
    assert '@from="1957-01-01" is later than @to="1956-12-31"' in diag.message
    (diag,) = check(RULES / "date-format-fail.xml")
    assert re.search(r'@when="--11" on <date> .* YYYY-MM-DD', diag.message)


def test_open_ended_range_on_a_name_is_allowed(cache_dir: Path) -> None:
    assert not [d for d in check(RULES / "date-from-to-pair-pass.xml")]


def test_register_needs_no_date(cache_dir: Path) -> None:
    assert check(RULES / "doc-date-register-pass.xml") == []


def test_compiled_rules_are_reused_from_the_cache(cache_dir: Path) -> None:
    Rules.load(SCH).compile()
    stored = list((cache_dir / "schematron").iterdir())
    assert len(stored) == 1
    again = Rules.load(SCH)
    again._compile_fresh = None  # type: ignore[method-assign]  # would fail if called
    assert again.compile() is not None
