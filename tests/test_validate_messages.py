"""Grammar messages a scholar understands: what is wrong, where (line, column, path), what fits."""

from __future__ import annotations

from pathlib import Path

import pytest

from teipress.errors import Diagnostic
from teipress.reader import parse_bytes
from teipress.validate.grammar import Grammar
from teipress.validate.rngmodel import GrammarModel
from teipress.validate.source import SourceText, element_path, locate
from validate_support import SCHEMA_DIR, cache_dir, tei

__all__ = ["cache_dir"]


@pytest.fixture(scope="module")
def grammar() -> Grammar:
    return Grammar.load(SCHEMA_DIR / "teipress.rng")


def problems(grammar: Grammar, doc: str) -> list[Diagnostic]:
    data = doc.encode()
    return grammar.validate(parse_bytes(data, "t.xml"), SourceText(data, "t.xml"))


def only(grammar: Grammar, body: str) -> Diagnostic:
    (diag,) = problems(grammar, tei(body))
    return diag


def at(doc: str, diag: Diagnostic) -> str:
    """The source text from the diagnostic's line and column on."""
    return doc.splitlines()[diag.line - 1][diag.col - 1 :]


def test_misspelt_element_gets_a_suggestion(grammar: Grammar) -> None:
    diag = only(grammar, "      <p>Dear <persname>Carl</persname></p>")
    assert diag.code == "rng-not-allowed"
    assert diag.message.startswith(
        "<persname> is not an element of this schema; did you mean <persName>?"
    )
    assert "(at /TEI/text/body/p/persname)" in diag.message


def test_element_in_the_wrong_place_lists_what_is_allowed(grammar: Grammar) -> None:
    diag = only(grammar, "      <p>Dear <div/></p>")
    assert diag.message.startswith("<div> is not allowed inside <p>; <p> may contain: ")
    assert "persName" in diag.message or "… and" in diag.message


def test_wrong_order_shows_the_content_model(grammar: Grammar) -> None:
    doc = tei("      <p>x</p>").replace(
        "<titleStmt><title>A test letter</title></titleStmt>\n"
        "      <publicationStmt><p>Test fixture of teipress.</p></publicationStmt>",
        "<publicationStmt><p>Test fixture of teipress.</p></publicationStmt>\n"
        "      <titleStmt><title>A test letter</title></titleStmt>",
    )
    (diag, *_rest) = problems(grammar, doc)
    assert "<fileDesc> expects: titleStmt, editionStmt?, publicationStmt" in diag.message
    assert at(doc, diag).startswith("<publicationStmt>")


def test_incomplete_element_says_what_it_expects(grammar: Grammar) -> None:
    diag = only(grammar, "      <list><head>Items</head></list>")
    assert diag.code == "rng-incomplete"
    assert diag.message.startswith(
        "<list> is incomplete: required content is missing; <list> expects:"
    )


def test_bad_attribute_value_names_value_and_expected_form(grammar: Grammar) -> None:
    doc = tei('      <p>On <date when="8 Nov 1956">8 November</date></p>')
    (diag,) = problems(grammar, doc)
    assert diag.code == "rng-value"
    assert '@when="8 Nov 1956" on <date> is not valid: expected a W3C date' in diag.message
    assert at(doc, diag).startswith('when="8 Nov 1956"')


def test_unknown_attribute_lists_the_allowed_ones(grammar: Grammar) -> None:
    diag = only(grammar, '      <p colour="red">x</p>')
    assert diag.code == "rng-attribute"
    assert diag.message.startswith("<p> does not take @colour (at /TEI/text/body/p); allowed: @ana")
    assert "@xml:id" in diag.message


def test_loose_text_suggests_a_paragraph(grammar: Grammar) -> None:
    diag = only(grammar, "      loose words")
    assert diag.message.startswith(
        "text is not allowed directly inside <body>; put it inside a <p>"
    )


def test_missing_namespace(grammar: Grammar) -> None:
    (diag,) = problems(grammar, tei("<p>x</p>").replace(' xmlns="http://www.tei-c.org/ns/1.0"', ""))
    assert diag.code == "rng-namespace" and 'xmlns="http://www.tei-c.org/ns/1.0"' in diag.message


def test_column_of_the_second_same_named_tag_on_a_line(grammar: Grammar) -> None:
    doc = tei('      <p><hi>a</hi> <hi>b</hi> <hi bad="1">c</hi></p>')
    (diag,) = problems(grammar, doc)
    assert at(doc, diag).startswith('bad="1">c</hi>')


def test_path_and_locate_round_trip() -> None:
    doc = tei("      <p>a</p><p>b <hi>c</hi></p>").encode()
    tree = parse_bytes(doc, "t.xml")
    hi = tree.getroot()[1][0][1][0]
    assert element_path(hi) == "/TEI/text/body/p[2]/hi"
    assert locate(tree, "/*/*[2]/*/*[2]/*") is hi
    assert locate(tree, "/*/*[9]") is tree.getroot()


def test_content_model_rendering(tmp_path: Path) -> None:
    rnc = tmp_path / "s.rnc"
    rnc.write_text(
        "start = element a { b, (c | d)*, e? }\nb = element b { empty }\nc = element c { text }\n"
        "d = element d { empty }\ne = element e { empty }\n"
    )
    model = Grammar.load(rnc).model
    assert isinstance(model, GrammarModel)
    assert model.content_model("a") == "b, (c | d)*, e?"
    assert model.allowed("a").children == {"b", "c", "d", "e"}
